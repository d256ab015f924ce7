"""Accessibility: axe-core (pinned in package-lock.json) run in Chromium over every language.

Pages: the home page, one principle, one case study, and the search results shown in the header
search box. A serious or critical violation fails the test with axe's own explanation.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ci_gate import skip_or_fail

from handbook.core.project import LANGUAGES

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
PAGES = {
    "home": "",
    "principle": "principles/customer-comes-first/",
    "case": "cases/starbucks-rewards-change/",
}
BLOCKING = ("serious", "critical")


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.is_file():
        message = "axe-core is not installed: run `make setup` (npm ci) to install it from package-lock.json"
        skip_or_fail(message, what="accessibility tests")
    return AXE


def _prefix(code: str) -> str:
    return "" if code == "en" else f"{code}/"


def _violations(tab, axe_script: Path) -> list[dict]:
    # Colours are judged as shown: a fade still running (Material's search output takes 0.4 s)
    # would blend the text with the background and fail or pass contrast by timing.
    tab.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    tab.evaluate(axe_script.read_text(encoding="utf-8"))  # not a <script> tag: the site's CSP refuses those
    results = tab.evaluate(
        """async () => {
             const result = await axe.run(document, {resultTypes: ['violations']});
             return result.violations.map(v => ({
               id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));
           }"""
    )
    return [violation for violation in results if violation["impact"] in BLOCKING]


def _report(violations: list[dict]) -> str:
    return json.dumps(violations, ensure_ascii=False, indent=2)[:4000]


@pytest.mark.browser
@pytest.mark.parametrize("kind", list(PAGES))
@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_page_has_no_serious_violations(page, site_url: str, axe_script: Path, lang, kind: str) -> None:
    tab = page.page
    response = tab.goto(f"{site_url}/{_prefix(lang.code)}{PAGES[kind]}", wait_until="networkidle")
    assert response is not None and response.status == 200
    assert tab.get_attribute("html", "lang") == lang.code
    violations = _violations(tab, axe_script)
    assert violations == [], _report(violations)


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGUAGES, ids=lambda lang: lang.code)
def test_search_results_have_no_serious_violations(page, site_url: str, axe_script: Path, lang) -> None:
    tab = page.page
    tab.goto(f"{site_url}/{_prefix(lang.code)}{PAGES['principle']}", wait_until="networkidle")
    box = tab.locator("[data-hb-search]")
    assert box.count() == 1, "the header search box (Pagefind) is missing"
    # Search for the first word of this page's own title, so there is at least one result.
    query = tab.locator("article h1").inner_text().split()[0]
    field = tab.locator("[data-hb-search-query]")
    field.click()
    field.fill(query)
    field.press("End")
    tab.wait_for_selector(f"[data-hb-search-done='{query}']", timeout=15_000)
    assert tab.locator(".md-search-result__link").count() >= 1
    assert field.is_visible()
    violations = _violations(tab, axe_script)
    assert violations == [], _report(violations)


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["home", "principle"])
@pytest.mark.parametrize("code", ["he", "ar", "th"])
def test_phone_layout_has_no_serious_violations(browser, site_url: str, axe_script: Path, code, kind) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    try:
        response = tab.goto(f"{site_url}/{_prefix(code)}{PAGES[kind]}", wait_until="networkidle")
        assert response is not None and response.status == 200
        violations = _violations(tab, axe_script)
        assert violations == [], _report(violations)
    finally:
        context.close()
