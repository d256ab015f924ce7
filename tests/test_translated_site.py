"""The translated editions as a reader sees them: language, direction, navigation and text in Chromium."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handbook.checks.qa import script_share
from handbook.core.project import LANGUAGES

TARGETS = [lang for lang in LANGUAGES if lang.code != "en"]
PRINCIPLE = "principles/greet-then-give-space/"
BRANDS = re.compile(r"Starbucks|Del Taco|Zappos|Amazon|Prime Day|Upland|California|Yelp|McKinsey")


@pytest.mark.parametrize("lang", TARGETS, ids=lambda lang: lang.code)
def test_navigation_titles_are_translated(built_site: Path, lang) -> None:
    html = (built_site / lang.code / PRINCIPLE / "index.html").read_text(encoding="utf-8")
    nav = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>', html, re.S)
    assert nav, "no primary navigation"
    titles = [
        re.sub(r"<[^>]+>", "", t).strip()
        for t in re.findall(r'<span class="md-ellipsis">(.*?)</span>', nav.group(0), re.S)
    ]
    assert len(titles) >= 5  # up to the first group's own list (Onboarding comes first, issue 23)
    for title in titles:
        letters = BRANDS.sub("", title)
        assert script_share(letters, lang.code) >= 0.6, f"navigation title {title!r} is not in {lang.name}"


@pytest.mark.browser
@pytest.mark.parametrize("lang", TARGETS, ids=lambda lang: lang.code)
def test_principle_page_reads_in_its_language(page, site_url: str, lang, tmp_path: Path) -> None:
    browser_page = page.page
    browser_page.set_viewport_size({"width": 390, "height": 844})  # a phone, as staff read it
    response = browser_page.goto(f"{site_url}/{lang.code}/{PRINCIPLE}", wait_until="networkidle")
    assert response is not None and response.status == 200
    assert browser_page.get_attribute("html", "lang") == lang.code
    assert browser_page.get_attribute("html", "dir") == lang.dir
    article = browser_page.locator("article.md-content__inner")
    assert article.evaluate("el => getComputedStyle(el).direction") == lang.dir
    text = BRANDS.sub("", article.inner_text())
    assert script_share(text, lang.code) > 0.8, "the article is not in the page's language"
    # No horizontal overflow on a phone: Thai runs must wrap, RTL must not push content off-screen.
    overflow = browser_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    shot = tmp_path / f"principle-{lang.code}.png"
    browser_page.screenshot(path=str(shot), full_page=False)
    assert shot.stat().st_size > 10_000
    assert page.foreign_requests() == []
