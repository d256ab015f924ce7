"""Real-browser tests: Debian's chromium opens each language and requests nothing from other hosts."""

from __future__ import annotations

import pytest

from handbook.core.project import LANGUAGES


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_home_page_in_browser(page, site_url: str, lang, tmp_path) -> None:
    path = "/" if lang.code == "en" else f"/{lang.code}/"
    response = page.page.goto(site_url + path, wait_until="networkidle")
    assert response is not None and response.status == 200
    assert page.page.get_attribute("html", "lang") == lang.code
    direction = page.page.evaluate("getComputedStyle(document.querySelector('.md-content')).direction")
    assert direction == lang.dir
    shot = tmp_path / f"home-{lang.code}.png"
    page.page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
    assert page.foreign_requests() == [], "the page requested another host"


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_an_inner_page_makes_no_failing_request(page, site_url: str, lang) -> None:
    failures: list[str] = []
    page.page.on("response", lambda response: response.status >= 400 and failures.append(response.url))
    prefix = "" if lang.code == "en" else f"/{lang.code}"
    response = page.page.goto(f"{site_url}{prefix}/principles/details-matter/", wait_until="networkidle")
    assert response is not None and response.status == 200
    page.page.wait_for_timeout(500)  # Material's background fetches (sitemaps) after load
    assert failures == []
    # The hreflang alternates are still in the served HTML, for search engines.
    assert response.text().count('<link rel="alternate" hreflang=') == len(LANGUAGES) + 1
