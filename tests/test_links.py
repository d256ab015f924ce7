"""`handbook links`, the registry of published URLs (urls.yml) and its check, with renamed pages."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from handbook.checks import run_checks
from handbook.cli.main import main
from handbook.core.project import LANGUAGES, Project
from handbook.site.build import build_site, read_config
from handbook.site.links import (
    REGISTRY_HEADER,
    collect_links,
    load_registry,
    page_path,
    parse_page,
    update_registry,
)

REPO = Path(__file__).resolve().parent.parent
SITE_URL = read_config(Project(REPO))["site_url"]
RENAMED = "principles/details-matter.md"


def _english_pages(project: Project) -> list[str]:
    return sorted(
        p.relative_to(project.source_docs_dir).as_posix() for p in project.source_docs_dir.rglob("*.md")
    )


def _link_problems(project: Project) -> list:
    return [problem for problem in run_checks(project) if problem.code.startswith("links.")]


def test_page_path_uses_directory_urls_and_language_folders() -> None:
    assert page_path("index.md", "en") == ""
    assert page_path("index.md", "he") == "he/"
    assert page_path("principles/customer-comes-first.md", "en") == "principles/customer-comes-first/"
    assert page_path("cases/index.md", "th") == "th/cases/"


def test_parse_page_reads_front_matter_and_anchored_headings(tmp_path: Path) -> None:
    text = (
        "---\nid: demo\ntitle: Demo page\n---\n\n# Demo\n\n## The `idea` {#the-idea}\n\nText.\n\n"
        "### Why **it** works {#why-it-works .note}\n\n## No anchor here\n\n"
        "```\n## not a heading {#fake}\n```\n"
    )
    parsed = parse_page(text, tmp_path / "demo.md")
    assert parsed.meta["id"] == "demo"
    assert parsed.heading == "Demo"
    assert parsed.sections == (("the-idea", "The idea"), ("why-it-works", "Why it works"))


def test_parse_page_reports_bad_front_matter_with_file_and_line(tmp_path: Path) -> None:
    from handbook.core.errors import HandbookError

    with pytest.raises(HandbookError) as caught:
        parse_page("---\nid: demo\ntitle: [unclosed\n---\n# Demo\n", tmp_path / "demo.md")
    message = caught.value.format_message()
    assert message.startswith(f"{tmp_path / 'demo.md'}:")
    assert "front matter is not valid YAML" in message


def test_links_json_has_every_page_and_section_in_every_language(project_copy: Project) -> None:
    result = CliRunner().invoke(main, ["links", "--format", "json"])
    assert result.exit_code == 0, result.output
    links = json.loads(result.stdout)
    pages = _english_pages(project_copy)
    assert len(links) == len(pages) * len(LANGUAGES)
    assert {link["lang"] for link in links} == {lang.code for lang in LANGUAGES}
    for link in links:
        assert set(link) == {"id", "lang", "title", "url", "neutral_url", "sections"}
        assert link["neutral_url"] == f"{SITE_URL}go/{link['id']}/"
        prefix = SITE_URL if link["lang"] == "en" else f"{SITE_URL}{link['lang']}/"
        assert link["url"].startswith(prefix)
        assert link["title"].strip()
        for section in link["sections"]:
            assert set(section) == {"anchor", "title", "url", "neutral_url"}
            assert section["neutral_url"] == f"{link['neutral_url']}#{section['anchor']}"
            assert section["url"] == f"{link['url']}#{section['anchor']}"
    # Every `##`/`###` anchor of an English page is listed, in the same order, in every language.
    english = parse_page(
        (project_copy.source_docs_dir / "index.md").read_text(encoding="utf-8"), Path("index.md")
    )
    homes = [link for link in links if link["id"] == english.meta["id"]]
    assert len(homes) == len(LANGUAGES)
    for home in homes:
        assert [s["anchor"] for s in home["sections"]] == [anchor for anchor, _ in english.sections]


def test_links_titles_come_from_the_translated_page(project_copy: Project) -> None:
    hebrew_home = project_copy.docs_dir / "he" / "index.md"
    text = hebrew_home.read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", "title: כותרת בדיקה", text, count=1, flags=re.M)
    hebrew_home.write_text(text, encoding="utf-8")
    links = collect_links(project_copy, ["he"])
    home = next(link for link in links if link.source == "index.md")
    assert home.title == "כותרת בדיקה"
    assert home.url == f"{SITE_URL}he/"


def test_links_markdown_and_csv(project_copy: Project) -> None:
    runner = CliRunner()
    markdown = runner.invoke(main, ["links", "--lang", "th"])
    assert markdown.exit_code == 0, markdown.output
    assert markdown.stdout.startswith("## ไทย (th)\n\n- [")
    assert f"]({SITE_URL}th/principles/customer-comes-first/)" in markdown.stdout
    assert f"]({SITE_URL}th/principles/customer-comes-first/#why-it-matters)" in markdown.stdout

    table = runner.invoke(main, ["links", "--lang", "ru", "--lang", "ar", "--format", "csv"])
    assert table.exit_code == 0, table.output
    rows = list(csv.DictReader(io.StringIO(table.stdout)))
    assert {row["lang"] for row in rows} == {"ru", "ar"}
    assert all(row["url"].startswith((f"{SITE_URL}ru/", f"{SITE_URL}ar/")) for row in rows)
    section = next(row for row in rows if row["anchor"] == "why-it-matters" and row["lang"] == "ru")
    assert section["url"].endswith("#why-it-matters")


def test_links_rejects_an_unknown_language(project_copy: Project) -> None:
    result = CliRunner().invoke(main, ["links", "--lang", "xx"])
    assert result.exit_code == 1
    assert result.output == (
        "error: unknown language code 'xx'; expected one of: en, he, ar, th, ru\n"
        "  fix: pass one of the listed codes with --lang\n"
    )


def test_update_registry_needs_a_built_site(project_copy: Project) -> None:
    result = CliRunner().invoke(main, ["links", "--update-registry", "--format", "json"])
    assert result.exit_code == 1
    assert result.output == (
        f"error: {project_copy.site_dir}: the site is not built, so there is nothing published to register\n"
        "  fix: run `handbook build`, then `handbook links --update-registry`\n"
    )


def test_check_says_when_the_site_is_not_built(project_copy: Project) -> None:
    (project_copy.root / "urls.yml").write_text(
        REGISTRY_HEADER + "urls:\n- /\n- /glossary/\n", encoding="utf-8"
    )
    problems = _link_problems(project_copy)
    assert [(p.code, p.page, p.message) for p in problems] == [
        (
            "links.site-not-built",
            "urls.yml",
            "site/ is not built, so the 2 published URLs in urls.yml cannot be checked; "
            "run `handbook build` first, then `handbook check`",
        )
    ]


def test_committed_registry_is_sorted_unique_and_says_how_it_was_made() -> None:
    path = REPO / "urls.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Generated by `handbook links --update-registry`")
    urls = load_registry(Project(REPO))
    assert urls == sorted(set(urls))
    assert "/" in urls and "/he/" in urls
    assert all(url.startswith("/") for url in urls)


@pytest.mark.slow
def test_renamed_page_needs_a_redirect_and_anchors_must_stay(project_copy: Project) -> None:
    # One project copy, four real builds: register, rename, redirect, rename an anchor.
    root = project_copy.root
    (root / "urls.yml").unlink(missing_ok=True)
    build_site(project_copy)
    added, total, skipped = update_registry(project_copy)
    assert added == total > 100
    registry_text = (root / "urls.yml").read_text(encoding="utf-8")
    assert registry_text.startswith(REGISTRY_HEADER)
    urls = load_registry(project_copy)
    old_urls = [u for u in urls if "/principles/details-matter/" in u]
    assert "/principles/details-matter/" in old_urls and "/he/principles/details-matter/" in old_urls
    assert any("#" in u for u in old_urls)
    assert _link_problems(project_copy) == []

    # Rename the page (English and every translation), update the menu and the links to it.
    new = "principles/small-details-matter.md"
    for folder in project_copy.docs_dir.iterdir():
        if (folder / RENAMED).is_file():
            (folder / RENAMED).rename(folder / new)
    for page in project_copy.docs_dir.rglob("*.md"):
        text = page.read_text(encoding="utf-8")
        if "details-matter.md" in text:
            page.write_text(
                re.sub(r"(?<![\w-])details-matter\.md", "small-details-matter.md", text), encoding="utf-8"
            )
    config = project_copy.config_file
    config.write_text(config.read_text(encoding="utf-8").replace(RENAMED, new), encoding="utf-8")
    build_site(project_copy)

    problems = _link_problems(project_copy)
    assert {p.page for p in problems} == set(old_urls)
    assert {p.code for p in problems} == {"links.unresolved"}
    english = next(p for p in problems if p.page == "/principles/details-matter/")
    assert english.lang == "en"
    assert english.message == (
        "published URL /principles/details-matter/ no longer resolves "
        "(site/principles/details-matter/index.html is missing) and no redirect covers it; add "
        "`principles/details-matter.md: <new page>.md` under the redirects plugin's redirect_maps in "
        "mkdocs.yml, or restore the page or anchor"
    )
    result = CliRunner().invoke(main, ["check", "--json"])
    assert result.exit_code == 1
    assert "/he/principles/details-matter/#" in result.output

    # One language-neutral redirect covers the page in every language, anchors included.
    text = config.read_text(encoding="utf-8")
    assert text.count("      redirect_maps:\n") == 1
    config.write_text(
        text.replace("      redirect_maps:\n", f"      redirect_maps:\n        {RENAMED}: {new}\n"),
        encoding="utf-8",
    )
    site = build_site(project_copy)
    assert _link_problems(project_copy) == []
    for prefix in ("", *(f"{lang.code}/" for lang in LANGUAGES if lang.code != "en")):
        stub = (site / prefix / "principles/details-matter/index.html").read_text(encoding="utf-8")
        assert 'content="0; url=../small-details-matter/"' in stub
        assert (site / prefix / "principles/small-details-matter/index.html").is_file()

    # The registry only grows: the old URLs stay, the new ones are added.
    added, total, _ = update_registry(project_copy)
    after = load_registry(project_copy)
    assert set(old_urls) <= set(after)
    assert "/he/principles/small-details-matter/" in after
    assert added == len([u for u in after if "small-details-matter" in u])

    # A renamed anchor breaks its section URL in every language; no redirect can cover an anchor.
    for folder in project_copy.docs_dir.iterdir():
        page = folder / "principles/customer-comes-first.md"
        if page.is_file():
            text = page.read_text(encoding="utf-8")
            page.write_text(text.replace("{#why-it-matters}", "{#why-this-matters}"), encoding="utf-8")
    build_site(project_copy)
    problems = _link_problems(project_copy)
    assert sorted(p.page for p in problems) == sorted(
        [
            *(
                f"/{prefix}principles/customer-comes-first/#why-it-matters"
                for prefix in ("", "ar/", "he/", "ru/", "th/")
            ),
            "/go/customer-comes-first/#why-it-matters",  # its language-neutral address too
        ]
    )
    english = next(p for p in problems if p.lang == "en")
    assert "(site/principles/customer-comes-first/index.html has no element with id 'why-it-matters')" in (
        english.message
    )
