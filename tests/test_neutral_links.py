"""Language-neutral addresses /go/<id>/: static pages that open the page in the reader's language."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import PUBLIC_SITE_URL

from handbook.cli.main import main
from handbook.core.project import LANGUAGES, Project
from handbook.site.links import collect_links, relative_urls, url_problem

PAGE = "principles/details-matter/"
GO = "go/details-matter/"


def _ids(project_root: Path) -> dict[str, str]:
    """Page id -> its path under docs/en, from the front matter of every English page."""
    found = {}
    for path in sorted((project_root / "docs" / "en").rglob("*.md")):
        match = re.search(r"^id: (\S+)$", path.read_text(encoding="utf-8"), re.M)
        found[match.group(1)] = path.relative_to(project_root / "docs" / "en").as_posix()
    return found


def test_every_page_has_a_neutral_page_listing_every_language(built_site: Path) -> None:
    ids = _ids(built_site.parent)
    assert sorted(p.name for p in (built_site / "go").iterdir()) == sorted(ids)
    for page_id in ids:
        html = (built_site / "go" / page_id / "index.html").read_text(encoding="utf-8")
        links = re.findall(r'<a href="([^"]+)" hreflang="(\w+)" lang="\w+" dir="(\w+)">', html)
        assert [code for _, code, _ in links] == [lang.code for lang in LANGUAGES]
        for href, code, direction in links:
            target = (built_site / "go" / page_id / href / "index.html").resolve()
            assert target.is_file(), (page_id, href)
            assert f'<html lang="{code}"' in target.read_text(encoding="utf-8")
            assert direction == next(lang.dir for lang in LANGUAGES if lang.code == code)
        assert '<script src="../../assets/javascripts/handbook-go.js"></script>' in html
        assert not re.search(r'(?:src|href)="(?:https?:)?//', html)  # nothing from another host
    assert (built_site / "assets" / "javascripts" / "handbook-go.js").is_file()


def test_neutral_urls_resolve_for_the_registry(built_site: Path) -> None:
    assert url_problem(built_site, f"/{GO}") is None
    assert url_problem(built_site, f"/{GO}#why-it-matters") is None
    assert url_problem(built_site, f"/{GO}#no-such-section") == (
        f"{built_site.name}/{PAGE}index.html has no element with id 'no-such-section'"
    )
    assert (
        url_problem(built_site, "/go/no-such-page/")
        == f"{built_site.name}/go/no-such-page/index.html is missing"
    )


def test_links_export_neutral_addresses(project_copy: Project, monkeypatch) -> None:
    monkeypatch.setenv("HANDBOOK_SITE_URL", PUBLIC_SITE_URL)
    runner = CliRunner()
    neutral = runner.invoke(main, ["links", "--neutral"])
    assert neutral.exit_code == 0, neutral.output
    lines = neutral.stdout.splitlines()
    assert f"- [Details matter]({PUBLIC_SITE_URL}{GO})" in lines
    assert f"    - [Why it matters]({PUBLIC_SITE_URL}{GO}#why-it-matters)" in lines
    assert len([line for line in lines if line.startswith("- ")]) == len(_ids(project_copy.root))
    rows = list(csv.DictReader(io.StringIO(runner.invoke(main, ["links", "--format", "csv"]).stdout)))
    hebrew = next(
        r for r in rows if r["lang"] == "he" and r["id"] == "details-matter" and r["anchor"] == "example"
    )
    assert hebrew["url"] == f"{PUBLIC_SITE_URL}he/{PAGE}#example"
    assert hebrew["neutral_url"] == f"{PUBLIC_SITE_URL}{GO}#example"
    data = json.loads(runner.invoke(main, ["links", "--format", "json", "--lang", "th"]).stdout)
    assert {link["neutral_url"] for link in data} == {
        f"{PUBLIC_SITE_URL}go/{i}/" for i in _ids(project_copy.root)
    }
    urls = relative_urls(collect_links(project_copy), PUBLIC_SITE_URL)
    assert f"/{GO}" in urls and f"/{GO}#why-it-matters" in urls  # the registry records them too


# --- in Chromium ---


def _open(browser, site_url: str, path: str, *, locale: str, javascript: bool = True, remembered=None):
    context = browser.new_context(locale=locale, java_script_enabled=javascript)
    tab = context.new_page()
    if remembered:
        # The reader chose a language in the switcher on an earlier visit.
        tab.goto(f"{site_url}/{PAGE}", wait_until="domcontentloaded")
        tab.locator(f'a.md-select__link[hreflang="{remembered}"]').first.dispatch_event("click")
        tab.wait_for_url(f"{site_url}/{remembered}/{PAGE}")
    tab.goto(f"{site_url}/{path}")
    return context, tab


@pytest.mark.browser
@pytest.mark.parametrize(
    ("locale", "expected"),
    [("he-IL", "he/"), ("th-TH", "th/"), ("de-DE", ""), ("ru-RU", "ru/"), ("en-GB", "")],
)
def test_a_neutral_link_opens_the_readers_language(
    browser, site_url: str, locale: str, expected: str
) -> None:
    context, tab = _open(browser, site_url, f"{GO}#why-it-matters", locale=locale)
    try:
        tab.wait_for_url(f"{site_url}/{expected}{PAGE}#why-it-matters")
        assert tab.get_attribute("html", "lang") == (expected.rstrip("/") or "en")
        assert tab.locator("#why-it-matters").count() == 1
    finally:
        context.close()


@pytest.mark.browser
def test_the_language_chosen_in_the_switcher_wins_over_the_browsers(browser, site_url: str) -> None:
    context, tab = _open(browser, site_url, GO, locale="he-IL", remembered="ar")
    try:
        tab.wait_for_url(f"{site_url}/ar/{PAGE}")
        assert tab.evaluate("localStorage.getItem('handbook.lang')") == "ar"
    finally:
        context.close()


@pytest.mark.browser
def test_without_javascript_the_neutral_page_lists_every_language(browser, site_url: str) -> None:
    context, tab = _open(browser, site_url, GO, locale="he-IL", javascript=False)
    try:
        assert tab.url == f"{site_url}/{GO}"
        links = tab.locator("#hb-go a")
        assert links.count() == len(LANGUAGES)
        with tab.expect_navigation():
            tab.locator('#hb-go a[hreflang="th"]').click()
        assert tab.url == f"{site_url}/th/{PAGE}"
    finally:
        context.close()
