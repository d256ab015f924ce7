"""The header search box in Chromium: per-language Pagefind results, prefixes, Thai, keyboard, RTL."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from handbook.core.project import LANGUAGES, TARGET_LANGUAGES
from handbook.core.ui import t
from handbook.site.search_box import run_query

QUERIES = yaml.safe_load(
    (Path(__file__).parent / "data" / "search" / "queries.yml").read_text(encoding="utf-8")
)
INDEX_ONLY_MARKS = ("\u2063", "\u2064")


def page_path(lang: str, doc: str) -> str:
    """The URL path of docs/<lang>/<doc> (`cases/x.md` -> `/he/cases/x/`)."""
    stem = doc.removesuffix(".md")
    stem = "" if stem == "index" else stem + "/"
    return ("/" if lang == "en" else f"/{lang}/") + stem


def in_language(path: str, lang: str) -> bool:
    if lang == "en":
        return not any(path.startswith(f"/{other}/") for other in TARGET_LANGUAGES)
    return path.startswith(f"/{lang}/")


@pytest.mark.browser
@pytest.mark.parametrize("lang", [lang.code for lang in LANGUAGES])
def test_queries_find_the_expected_page_in_the_top_three(page, site_url: str, lang: str) -> None:
    rows = [row for row in QUERIES if row["lang"] == lang]
    assert len(rows) >= 12, f"tests/data/search/queries.yml has only {len(rows)} queries for {lang}"
    errors: list[str] = []
    page.page.on("pageerror", lambda error: errors.append(str(error)))
    page.page.goto(site_url + page_path(lang, "index.md"))
    misses, foreign, odd = [], [], []
    for row in rows:
        paths = run_query(page.page, row["query"])
        expected = page_path(lang, row["expect"])
        if expected not in paths[:3]:
            misses.append(f"{row['query']!r} ({row['why']}): expected {expected} in {paths[:3]}")
        foreign += [f"{row['query']!r}: {path}" for path in paths if not in_language(path, lang)]
        shown = page.page.inner_text(".md-search-result__list")
        if any(mark in shown for mark in INDEX_ONLY_MARKS):
            odd.append(row["query"])
    assert misses == []
    assert foreign == [], "results from another language"
    assert odd == [], "index-only tokens shown to readers"
    assert errors == []
    assert page.foreign_requests() == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["he", "ar"])
def test_results_read_right_to_left_and_are_keyboard_usable(page, site_url: str, lang: str) -> None:
    p = page.page
    p.goto(site_url + page_path(lang, "index.md"))
    p.keyboard.press("/")
    assert p.evaluate("document.activeElement.matches('.md-search__input')")
    assert p.evaluate("document.getElementById('__search').checked")
    p.keyboard.type("Zappos")
    p.wait_for_function(  # a function, not an expression: the site's CSP forbids eval
        "() => document.querySelector('[data-hb-search]').getAttribute('data-hb-search-done') === 'Zappos'"
    )
    assert p.evaluate("getComputedStyle(document.querySelector('.md-search-result')).direction") == "rtl"
    links = p.eval_on_selector_all(".md-search-result__link", "links => links.map(a => a.href)")
    assert len(links) >= 2
    p.keyboard.press("ArrowDown")
    assert p.evaluate("document.activeElement.href") == links[0]
    p.keyboard.press("ArrowDown")
    assert p.evaluate("document.activeElement.href") == links[1]
    p.keyboard.press("ArrowUp")
    assert p.evaluate("document.activeElement.href") == links[0]
    with p.expect_navigation():
        p.keyboard.press("Enter")
    assert p.url == re.sub(r"\?h=[^#]*", "", links[0])  # the highlight words are dropped from the address
    p.click(".md-search__input")
    p.keyboard.type("Starbucks")
    p.keyboard.press("Escape")
    assert not p.evaluate("document.getElementById('__search').checked")
    assert not p.evaluate("document.activeElement.matches('.md-search__input')")


@pytest.mark.browser
@pytest.mark.parametrize("lang", [lang.code for lang in LANGUAGES])
def test_search_box_is_localised_and_material_lunr_search_stays_asleep(
    page, site_url: str, lang: str
) -> None:
    p = page.page
    errors: list[str] = []
    p.on("pageerror", lambda error: errors.append(str(error)))
    p.goto(site_url + page_path(lang, "index.md"), wait_until="networkidle")
    assert p.get_attribute(".md-search__input", "placeholder") == t("search.placeholder", lang)
    assert p.inner_text(".md-search-result__meta").strip() == t("search.prompt", lang)
    run_query(p, "qqxxzzq")
    assert p.inner_text(".md-search-result__meta").strip() == t("search.none", lang)
    first = next(row["query"] for row in QUERIES if row["lang"] == lang)
    run_query(p, first)
    count = len(p.query_selector_all(".md-search-result__item"))
    meta = p.inner_text(".md-search-result__meta").strip()
    assert count >= 1
    # The count covers every match; the first ten are listed (more as the reader scrolls).
    assert meta in [t("search.one", lang)] + [t("search.other", lang, count=n) for n in range(count, 500)]
    assert errors == []
    assert [url for url in page.requests if "search_index" in url or "workers/search" in url] == []
    assert page.foreign_requests() == []


SHOWN = "Number(document.querySelector('[data-hb-search]').getAttribute('data-hb-search-shown'))"


@pytest.mark.browser
@pytest.mark.parametrize(
    ("lang", "query", "viewport"), [("en", "customer", (1280, 900)), ("th", "ลูกค้า", (390, 844))]
)
def test_scrolling_to_the_end_of_the_results_shows_the_rest(
    browser, site_url: str, lang: str, query: str, viewport: tuple[int, int]
) -> None:
    context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
    p = context.new_page()
    errors: list[str] = []
    p.on("pageerror", lambda error: errors.append(str(error)))
    p.goto(site_url + page_path(lang, "index.md"))
    p.click(".md-search__input" if viewport[0] > 960 else "label.md-header__button[for='__search']")
    first = run_query(p, query)
    total = int(re.search(r"\d+", p.inner_text(".md-search-result__meta")).group())
    assert total > 20, f"{query!r} should match more pages than two batches: {total}"
    assert len(first) == 10  # the first batch only (the phone viewport is not filled by it)
    for _ in range(10):
        shown = p.evaluate(SHOWN)
        if shown == total:
            break
        p.eval_on_selector(".md-search__scrollwrap", "wrap => { wrap.scrollTop = wrap.scrollHeight; }")
        p.wait_for_function(f"() => {SHOWN} > {shown}", timeout=5_000)
    links = p.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link:first-child", "links => links.map(a => a.href)"
    )
    paths = [urlparse(link).path for link in links]
    assert len(paths) == total and len(set(paths)) == total  # every match, each once
    assert paths[:10] == first
    assert all(in_language(path, lang) for path in paths)
    assert errors == []
    context.close()


@pytest.mark.browser
def test_arrowing_past_the_last_result_shows_more(page, site_url: str) -> None:
    p = page.page
    p.goto(site_url + "/")
    p.keyboard.press("/")
    p.keyboard.type("customer")
    p.wait_for_function(
        "() => document.querySelector('[data-hb-search]').getAttribute('data-hb-search-done') === 'customer'"
    )
    assert p.evaluate(SHOWN) == 10
    for _ in range(80):
        p.keyboard.press("ArrowDown")
        at = p.evaluate(
            "[...document.querySelectorAll('.md-search-result__item')]"
            ".findIndex(item => item.contains(document.activeElement))"
        )
        if at >= 10:
            break
        if at == 9:  # the next batch renders asynchronously: give it time on a loaded machine
            p.wait_for_timeout(100)
    assert at == 10, "arrowing down past the tenth result should move to the eleventh"
    assert p.evaluate(SHOWN) > 10


# Query, and a part of the word every highlighted word must contain (the prefix-free stem).
HIGHLIGHT_CASES = {
    "en": ("refunding", "refund"),
    "he": ("ללקוח", "לקוח"),
    "ar": ("للعميل", "عميل"),
    "th": ("ถั่วเหลือง", "ถั่วเหลือง"),  # inside the unspaced run นมถั่วเหลือง...
    "ru": ("клиентов", "клиент"),
}


@pytest.mark.browser
@pytest.mark.parametrize("lang", [lang.code for lang in LANGUAGES])
def test_opening_a_result_highlights_the_words_and_keeps_the_address_clean(
    page, site_url: str, lang: str
) -> None:
    query, stem = HIGHLIGHT_CASES[lang]
    errors: list[str] = []
    page.page.on("pageerror", lambda error: errors.append(str(error)))
    page.page.goto(site_url + page_path(lang, "index.md"))
    expected = run_query(page.page, query)[0]
    link = page.page.query_selector(".md-search-result__item > a.md-search-result__link:first-child")
    assert "?h=" in link.get_attribute("href")
    link.click()
    page.page.wait_for_load_state("load")
    assert urlparse(page.page.url).path == expected
    marks = page.page.eval_on_selector_all(
        "article.md-content__inner mark",
        "marks => marks.map(m => [m.textContent, !!m.closest('.hb-copy-link, .hb-last-changed, nav')])",
    )
    assert marks, f"nothing highlighted on {expected}"
    assert all(stem in text.lower() for text, _ in marks), marks
    assert not any(outside for _, outside in marks)
    # The address bar holds the page's plain URL again (what a trainer would copy).
    assert "h=" not in page.page.url
    assert errors == []


@pytest.mark.browser
def test_highlight_words_from_the_address_never_become_html(page, site_url: str) -> None:
    errors: list[str] = []
    page.page.on("pageerror", lambda error: errors.append(str(error)))
    hostile = "<img src=x onerror=window.hbPwned=1> refund"
    page.page.goto(site_url + page_path("en", "cases/refund-plus-credit-reviews.md") + "?h=" + hostile)
    page.page.wait_for_load_state("load")
    assert page.page.evaluate("window.hbPwned === undefined")
    assert page.page.eval_on_selector_all("article img[src='x']", "imgs => imgs.length") == 0
    assert page.page.eval_on_selector_all("article.md-content__inner mark", "m => m.length") > 0
    assert errors == []
