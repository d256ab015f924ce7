"""Copy-link buttons, last-changed dates, hreflang alternates, per-language sitemaps and print CSS."""

from __future__ import annotations

import os
import re
import subprocess
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import PUBLIC_SITE_URL

from handbook.core.project import LANGUAGES
from handbook.core.ui import t
from handbook.site.link_features import english_change_dates, format_long_date

REPO = Path(__file__).resolve().parent.parent
SITE_URL = PUBLIC_SITE_URL  # the shared site is built for it (conftest.built_site)
CODES = [lang.code for lang in LANGUAGES]
PRINCIPLE = "principles/customer-comes-first/"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _prefix(code: str) -> str:
    return "" if code == "en" else f"{code}/"


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))


def _elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.elements


# --- dates ---


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("en", "November 23, 2026"),
        ("he", "23 בנובמבר 2026"),
        ("ar", "23 نوفمبر 2026"),
        ("th", "23 พฤศจิกายน 2569"),
        ("ru", "23 ноября 2026 г."),
    ],
)
def test_format_long_date_in_each_language_and_calendar(code: str, expected: str) -> None:
    assert format_long_date(date(2026, 11, 23), code) == expected


def test_change_dates_come_from_git_then_mtime(tmp_path: Path) -> None:
    english = tmp_path / "docs" / "en"
    english.mkdir(parents=True)
    (english / "committed.md").write_text("# A\n", encoding="utf-8")
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.org",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.org",
        GIT_COMMITTER_DATE="2024-02-29T10:00:00+02:00",
        GIT_AUTHOR_DATE="2024-02-29T10:00:00+02:00",
    )
    for command in (["git", "init", "-q"], ["git", "add", "."], ["git", "commit", "-q", "-m", "one"]):
        subprocess.run(command, cwd=tmp_path, env=env, check=True)
    (english / "new.md").write_text("# B\n", encoding="utf-8")
    os.utime(english / "new.md", (1_700_000_000, 1_700_000_000))
    dates = english_change_dates(tmp_path)
    assert dates["committed.md"].isoformat() == "2024-02-29T10:00:00+02:00"
    assert dates["new.md"] == datetime.fromtimestamp(1_700_000_000, tz=UTC)


def test_every_page_shows_when_its_english_changed(built_site: Path) -> None:
    for code in CODES:
        html = (built_site / _prefix(code) / PRINCIPLE / "index.html").read_text(encoding="utf-8")
        match = re.search(
            r'<p class="hb-last-changed" lang="(\w+)" dir="(\w+)" data-pagefind-ignore>(.*?)'
            r'<time datetime="([^"]+)">([^<]+)</time>(.*?)</p>',
            html,
        )
        assert match, f"{code}: no last-changed line"
        lang, direction, before, stamp, shown, after = match.groups()
        assert lang == code
        assert direction == ("rtl" if code in ("he", "ar") else "ltr")
        when = datetime.fromisoformat(stamp)
        assert shown == format_long_date(when.date(), code)
        key = "links.last_changed" if code == "en" else "links.english_last_changed"
        assert before + "{date}" + after == t(key, code, date="{date}")
    thai = (built_site / "th" / PRINCIPLE / "index.html").read_text(encoding="utf-8")
    year = re.search(r'<time datetime="(\d{4})', thai).group(1)
    assert f"{int(year) + 543}</time>" in thai


# --- copy-link buttons ---


def test_every_section_heading_has_a_copy_link_button(built_site: Path) -> None:
    checked = 0
    for code in CODES:
        html = (built_site / _prefix(code) / PRINCIPLE / "index.html").read_text(encoding="utf-8")
        headings = [
            (re.search(r'\sid="([^"]+)"', attrs).group(1), inner)
            for _, attrs, inner in re.findall(r"<h(2)(\s[^>]*)>(.*?)</h\1>", html, re.S)
        ]
        assert len(headings) >= 3
        # Only sections (h2) get them (issue 23): not "Do" and "Don't".
        assert all("hb-copy-link" not in inner for inner in re.findall(r"<h3[^>]*>(.*?)</h3>", html, re.S))
        for anchor, inner in headings:
            buttons = [attrs for tag, attrs in _elements(inner) if tag == "button"]
            assert len(buttons) == 2, f"{code} #{anchor}: {inner}"
            button, neutral = buttons
            # The second copies the language-neutral address (handbook.site.neutral_links).
            assert neutral["class"] == "hb-copy-link hb-copy-link--neutral"
            assert neutral["data-hb-url"] == f"{SITE_URL}go/{PRINCIPLE.split('/')[1]}/#{anchor}"
            assert button["type"] == "button"
            assert "data-pagefind-ignore" in button
            assert button["data-hb-url"] == f"{SITE_URL}{_prefix(code)}{PRINCIPLE}#{anchor}"
            assert button["lang"] == code
            title = re.sub(r"<[^>]+>", "", inner.split("<button", 1)[0]).strip()
            assert button["aria-label"] == t("links.copy", code, title=title)
            assert neutral["aria-label"] == t("links.copy_neutral", code, title=title)
            assert button["data-hb-copied"] == t("links.copied", code)
            checked += 1
    assert checked >= 15


# --- hreflang alternates ---


def test_head_has_absolute_hreflang_alternates_and_x_default(built_site: Path) -> None:
    for code in CODES:
        html = (built_site / _prefix(code) / PRINCIPLE / "index.html").read_text(encoding="utf-8")
        head = html.split("</head>", 1)[0]
        alternates = [
            attrs
            for tag, attrs in _elements(head)
            if tag == "link" and attrs.get("rel") == "alternate" and attrs.get("hreflang")
        ]
        found = {attrs["hreflang"]: attrs["href"] for attrs in alternates}
        assert len(alternates) == len(found) == len(CODES) + 1
        expected = {other: f"{SITE_URL}{_prefix(other)}{PRINCIPLE}" for other in CODES}
        expected["x-default"] = f"{SITE_URL}{PRINCIPLE}"
        assert found == expected


def test_home_alternates_point_at_language_roots(built_site: Path) -> None:
    head = (built_site / "he" / "index.html").read_text(encoding="utf-8").split("</head>", 1)[0]
    assert f'<link rel="alternate" hreflang="he" href="{SITE_URL}he/">' in head
    assert f'<link rel="alternate" hreflang="x-default" href="{SITE_URL}">' in head


# --- sitemaps ---


def _built_pages(built_site: Path, code: str) -> set[str]:
    root = built_site / _prefix(code) if code != "en" else built_site
    pages = set()
    for page in root.rglob("index.html"):
        relative = page.relative_to(built_site).parent.as_posix()
        if code == "en" and relative.split("/")[0] in (*CODES, "go"):
            continue  # other languages, and the language-neutral /go/ pages (not in sitemaps)
        if 'http-equiv="refresh"' in page.read_text(encoding="utf-8")[:1500]:
            continue  # a redirect stub, not a page
        pages.add(SITE_URL + ("" if relative == "." else relative + "/"))
    return pages


@pytest.mark.parametrize("code", [c for c in CODES if c != "en"])
def test_each_language_has_its_own_sitemap(built_site: Path, code: str) -> None:
    path = built_site / code / "sitemap.xml"
    root = ET.parse(path).getroot()
    urls = root.findall(f"{SITEMAP}url")
    locs = {url.find(f"{SITEMAP}loc").text for url in urls}
    assert locs == _built_pages(built_site, code)
    for url in urls:
        assert url.find(f"{SITEMAP}lastmod").text
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall(f"{XHTML}link")}
        assert set(alternates) == set(CODES)
        assert alternates[code] == url.find(f"{SITEMAP}loc").text


def test_root_sitemap_lists_the_default_language(built_site: Path) -> None:
    """The root sitemap is the English one (each other language has its own), with alternates."""
    root = ET.parse(built_site / "sitemap.xml").getroot()
    urls = root.findall(f"{SITEMAP}url")
    assert {url.find(f"{SITEMAP}loc").text for url in urls} == _built_pages(built_site, "en")
    for url in urls:
        alternates = {link.get("hreflang") for link in url.findall(f"{XHTML}link")}
        assert alternates == set(CODES)


# --- in the browser ---


def _as_published(context, site_url: str) -> None:
    """Serve the test site at its site_url, so absolute alternates and sitemaps reach it."""

    def forward(route) -> None:
        url = site_url + "/" + route.request.url.removeprefix(SITE_URL)
        route.fulfill(response=route.fetch(url=url))

    context.route(SITE_URL + "**", forward)


@pytest.mark.browser
@pytest.mark.parametrize("code", CODES)
def test_home_pages_fetch_no_sitemap_and_nothing_fails(browser, site_url: str, code: str) -> None:
    """Material would fetch every language's sitemap to map its language links (handbook-links.js
    keeps it from looking: the switcher's links already name the page in each language)."""
    # No service worker: its offline precaching would race the routed requests (tests/test_offline*)
    context = browser.new_context(service_workers="block")
    _as_published(context, site_url)
    tab = context.new_page()
    responses: list[tuple[int, str]] = []
    tab.on("response", lambda r: responses.append((r.status, r.url)))
    try:
        response = tab.goto(f"{SITE_URL}{_prefix(code)}", wait_until="networkidle")
        assert response is not None and response.status == 200
        tab.wait_for_timeout(1000)  # Material's background fetches come after load
        assert [url for _, url in responses if "sitemap" in url] == []
        assert [(status, url) for status, url in responses if status >= 400] == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("start", "target"), [("he", "th"), ("en", "ar"), ("ru", "en")])
def test_language_switcher_keeps_the_page_and_its_trailing_slash(
    browser, site_url: str, start, target
) -> None:
    context = browser.new_context(service_workers="block")  # as above: routed requests only
    _as_published(context, site_url)
    tab = context.new_page()
    try:
        tab.goto(f"{SITE_URL}{_prefix(start)}{PRINCIPLE}", wait_until="networkidle")
        with tab.expect_navigation():
            tab.locator(f'a.md-select__link[hreflang="{target}"]').first.dispatch_event("click")
        assert tab.url == f"{SITE_URL}{_prefix(target)}{PRINCIPLE}"
        assert tab.get_attribute("html", "lang") == target
    finally:
        tab.unroute_all(behavior="ignoreErrors")
        context.unroute_all(behavior="ignoreErrors")
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("code", ["en", "he", "th"])
def test_copy_link_button_copies_the_stable_url(browser, site_url: str, code: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    tab = context.new_page()
    try:
        tab.goto(f"{site_url}/{_prefix(code)}{PRINCIPLE}", wait_until="networkidle")
        button = tab.locator("#why-it-matters .hb-copy-link:not(.hb-copy-link--neutral)")
        assert button.get_attribute("aria-label").startswith(
            t("links.copy", code, title="").split("“")[0][:6]
        )
        button.focus()
        tab.keyboard.press("Enter")
        feedback = tab.locator("#why-it-matters .hb-copy-feedback")
        feedback.wait_for(state="visible")
        assert feedback.inner_text() == t("links.copied", code)
        assert feedback.get_attribute("role") == "status"
        copied = tab.evaluate("navigator.clipboard.readText()")
        assert copied == f"{SITE_URL}{_prefix(code)}{PRINCIPLE}#why-it-matters"
    finally:
        context.close()


@pytest.mark.browser
def test_dates_match_the_browsers_own_formatting(page, site_url: str) -> None:
    page.page.goto(site_url + "/", wait_until="domcontentloaded")
    for code in CODES:
        for month in range(1, 13):
            day = date(2026, month, 1 + (month * 2) % 28)
            browser_text = page.page.evaluate(
                "([lang, iso]) => new Intl.DateTimeFormat(lang, {dateStyle: 'long', timeZone: 'UTC'})"
                ".format(new Date(iso))",
                [code, f"{day.isoformat()}T12:00:00Z"],
            )
            assert format_long_date(day, code) == browser_text


@pytest.mark.browser
def test_print_shows_only_the_article(page, site_url: str) -> None:
    tab = page.page
    tab.goto(f"{site_url}/{PRINCIPLE}", wait_until="networkidle")
    # One external link in the article: its address is printed; internal links print as they are.
    tab.evaluate(
        """() => { const a = document.createElement('a'); a.href = 'https://example.org/policy';
             a.textContent = 'policy'; document.querySelector('article p').append(' ', a); }"""
    )
    tab.emulate_media(media="print")
    for selector in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".hb-copy-link",
    ):
        assert tab.locator(selector).first.is_hidden(), f"{selector} is printed"
    assert tab.locator("article h1").is_visible()
    assert tab.locator(".hb-last-changed").is_visible()
    after = tab.evaluate(
        """() => [...document.querySelectorAll('article a[href]')].map(a => [a.getAttribute('href'),
              getComputedStyle(a, '::after').content])"""
    )
    internal = [content for href, content in after if not href.startswith("http")]
    assert internal and all(content in ("none", "normal", '""') for content in internal)
    external = [(href, content) for href, content in after if href.startswith("http")]
    assert external and all(href in content for href, content in external)
    pdf = tab.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
