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


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/he/", "/th/principles/details-matter/", "/"])
def test_a_page_view_downloads_no_sitemap(page, site_url: str, path: str) -> None:
    """Material fetches sitemap.xml beside each <link rel="alternate"> to map its language links;
    the handbook's switcher already links this page in each language, so that would be five
    downloads on every first visit (about 0.5 MB each at 800 pages per language) never used."""
    requested: list[str] = []
    page.page.on("request", lambda request: requested.append(request.url))
    response = page.page.goto(site_url + path, wait_until="networkidle")
    assert response is not None and response.status == 200
    page.page.wait_for_timeout(500)  # Material's background fetches come after load
    assert [url for url in requested if "sitemap" in url] == []
    # The per-page alternates search engines read are still in the document, at the public address.
    alternates = page.page.eval_on_selector_all(
        'link[rel="alternate"][hreflang]', "links => links.map(link => link.getAttribute('href'))"
    )
    assert len(alternates) == 6 and all(href.startswith("http") for href in alternates)
    if path != "/he/":
        assert any(href.endswith(path.split("/", 2)[-1]) for href in alternates)
    # The language switcher still goes to this page in another language.
    page.page.locator('a.md-select__link[hreflang="ru"]').first.dispatch_event("click")
    page.page.wait_for_url(f"{site_url}/ru/{path.split('/', 2)[-1] if path != '/he/' else ''}")
