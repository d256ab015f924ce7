"""The foundation site: strict build, one home page per language with lang/dir, working switcher."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from handbook.cli.main import main
from handbook.core.project import LANGUAGES

HOME = {lang.code: ("index.html" if lang.code == "en" else f"{lang.code}/index.html") for lang in LANGUAGES}


def html_attrs(html: str) -> dict[str, str]:
    tag = re.search(r"<html\b([^>]*)>", html)
    assert tag, "no <html> element"
    return dict(re.findall(r'(\w+)="([^"]*)"', tag.group(1)))


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_home_page_has_language_and_direction(built_site: Path, lang) -> None:
    html = (built_site / HOME[lang.code]).read_text(encoding="utf-8")
    attrs = html_attrs(html)
    assert attrs["lang"] == lang.code
    assert attrs["dir"] == lang.dir
    assert f'<body dir="{lang.dir}"' in html


def test_every_language_has_its_own_site_name(built_site: Path) -> None:
    names = set()
    for lang in LANGUAGES:
        html = (built_site / HOME[lang.code]).read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", html, re.S)
        assert title
        names.add(title.group(1).strip())
    assert len(names) == len(LANGUAGES)


def test_home_page_title_does_not_repeat_the_site_name(built_site: Path) -> None:
    for lang in LANGUAGES:
        html = (built_site / HOME[lang.code]).read_text(encoding="utf-8")
        title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
        assert " - " not in title, title
    principle = (built_site / "principles" / "details-matter" / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<title>.+ - The Service Handbook</title>", principle)


def test_switcher_links_resolve_to_existing_pages(built_site: Path) -> None:
    checked = 0
    for page in built_site.rglob("index.html"):
        html = page.read_text(encoding="utf-8")
        for href, code in re.findall(r'href="([^"]+)" hreflang="([a-z]{2})" class="md-select__link"', html):
            if href.startswith("/"):
                target = built_site / href.lstrip("/")
            else:
                target = (page.parent / href).resolve()
            if target.is_dir() or not target.suffix:
                target = target / "index.html"
            assert target.is_file(), (
                f"{page.relative_to(built_site)}: switcher link {href} ({code}) is broken"
            )
            checked += 1
    assert checked >= 5 * len(LANGUAGES)


# Attributes that make a browser fetch or connect; <a href> is a link a reader clicks, and
# <link rel="canonical"> / rel="alternate" name a page without loading it.
FETCHING_ATTRIBUTES = ("src", "href", "srcset", "poster", "data", "action", "formaction")
NAMING_LINK_RELS = {"canonical", "alternate"}


class _ForeignReferences(HTMLParser):
    def __init__(self, allowed_host: str) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed_host = allowed_host
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "a" or (tag == "link" and NAMING_LINK_RELS & set((values.get("rel") or "").split())):
            return
        for name in FETCHING_ATTRIBUTES:
            for url in re.split(r",\s+", values.get(name) or ""):
                url = url.strip().split(" ")[0]
                host = urlsplit(url).hostname if url.startswith(("//", "http:", "https:")) else None
                if host is not None and host != self.allowed_host:
                    self.found.append(f"<{tag} {name}={url}>")
        for url in re.findall(r"url\(\s*['\"]?((?:https?:)?//[^'\")\s]+)", values.get("style") or ""):
            if urlsplit(url).hostname != self.allowed_host:
                self.found.append(f"<{tag} style=url({url})>")


def foreign_references(html: str, allowed_host: str = "127.0.0.1") -> list[str]:
    """Every reference in `html` that makes the browser fetch from a host other than `allowed_host`."""
    parser = _ForeignReferences(allowed_host)
    parser.feed(html)
    parser.close()
    return parser.found


def test_foreign_references_finds_every_fetching_shape() -> None:
    html = (
        '<link rel="stylesheet" href="https://cdn.example/x.css">'
        '<link rel="preconnect" href="https://fonts.gstatic.com">'
        '<link href="https://example.org/manifest">'
        '<script src="//cdn.example/x.js"></script>'
        '<img srcset="/a.png 1x, https://img.example/b.png 2x">'
        '<div style="background: url(https://img.example/c.png)"></div>'
        '<a href="https://example.org/article">a link a reader clicks</a>'
        '<link rel="canonical" href="https://handbook.example/page/">'
        '<img src="http://127.0.0.1:8000/local.png"><script src="/local.js"></script>'
    )
    assert foreign_references(html) == [
        "<link href=https://cdn.example/x.css>",
        "<link href=https://fonts.gstatic.com>",
        "<link href=https://example.org/manifest>",
        "<script src=//cdn.example/x.js>",
        "<img srcset=https://img.example/b.png>",
        "<div style=url(https://img.example/c.png)>",
    ]


def test_no_page_references_another_host(built_site: Path) -> None:
    offenders = [
        f"{page.relative_to(built_site)}: {reference}"
        for page in sorted(built_site.rglob("*.html"))
        for reference in foreign_references(page.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_english_fallback_inside_rtl_page_is_ltr(project_copy) -> None:
    # A page not generated for Hebrew yet falls back to English; its content must read left-to-right.
    from handbook.site.build import build_site

    (project_copy.docs_dir / "he" / "glossary.md").unlink()
    site = build_site(project_copy)
    html = (site / "he" / "glossary" / "index.html").read_text(encoding="utf-8")
    assert html_attrs(html)["dir"] == "rtl"
    assert 'class="hb-fallback" lang="en" dir="ltr"' in html
    translated = (site / "he" / "sources" / "index.html").read_text(encoding="utf-8")
    assert "hb-fallback" not in translated


def test_build_with_broken_config_keeps_previous_site(project_copy) -> None:
    site = project_copy.site_dir
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    config = project_copy.config_file
    config.write_text(config.read_text(encoding="utf-8") + "\ntheme: [unclosed\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert "mkdocs.yml" in result.output
    assert "is not valid YAML" in result.output
    assert "Traceback" not in result.output
    assert (site / "index.html").read_text(encoding="utf-8") == "previous site"


def test_build_with_missing_language_folder_names_it(project_copy) -> None:
    import shutil

    shutil.rmtree(project_copy.docs_dir / "th")
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert "docs/th/: language folder for 'th' is missing" in result.output
    assert not project_copy.site_dir.exists()


def test_strict_build_fails_on_a_broken_link(project_copy) -> None:
    index = project_copy.source_docs_dir / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n[broken](no-such-page.md)\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--allow-stale"])  # the English edit is not synced
    assert result.exit_code == 1
    assert "no-such-page.md" in result.output


def test_not_found_page_per_language_and_english_at_the_root(built_site: Path, site_url: str) -> None:
    import urllib.error
    import urllib.request

    assert html_attrs((built_site / "404.html").read_text(encoding="utf-8"))["lang"] == "en"
    for lang in LANGUAGES[1:]:
        html = (built_site / lang.code / "404.html").read_text(encoding="utf-8")
        attrs = html_attrs(html)
        assert (attrs["lang"], attrs["dir"]) == (lang.code, lang.dir)
        # The language switcher of a missing page offers the home page of each language.
        switcher = set(re.findall(r'<a href="([^"]*)" hreflang="[^"]*" class="md-select__link"', html))
        assert switcher == {"/" if other.code == "en" else f"/{other.code}/" for other in LANGUAGES}
    for path, expected in (("/he/no-such-page/", "he"), ("/no-such-page/", "en")):
        try:
            urllib.request.urlopen(site_url + path)
        except urllib.error.HTTPError as error:
            assert error.code == 404
            assert html_attrs(error.read().decode("utf-8"))["lang"] == expected
        else:
            raise AssertionError(f"{path} did not give 404")


def test_no_page_shows_python_internals(built_site: Path) -> None:
    """A template that reads a dict key as an attribute gets the dict's method (`labels.clear`)."""
    leaks = re.compile(r"<built-in method|<bound method| object at 0x[0-9a-f]+|\bUndefined\b|\bNone</")
    for page in built_site.rglob("*.html"):
        found = leaks.search(page.read_text(encoding="utf-8"))
        assert found is None, f"{page.relative_to(built_site)}: {found.group(0)!r}"


@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_search_box_labels_are_in_the_page_language(built_site: Path, lang) -> None:
    from handbook.core.ui import t

    html = (built_site / HOME[lang.code]).read_text(encoding="utf-8")
    clear = re.search(r'<button type="reset"[^>]*\btitle="([^"]*)"[^>]*\baria-label="([^"]*)"', html)
    assert clear, "no clear button in the search box"
    assert clear.groups() == (t("search.clear", lang.code), t("search.clear", lang.code))
    placeholder = re.search(r'class="md-search__input"[^>]*\bplaceholder="([^"]*)"', html)
    assert placeholder and placeholder.group(1) == t("search.placeholder", lang.code)
