"""Offline reading (issue 20) in Chromium: after one visit a language's pages and search work without a
network; a page not saved shows the offline page in the reader's language; a new build offers
"updated, reload" and fetches only what changed; nothing happens where service workers cannot run."""

from __future__ import annotations

import functools
import html
import http.server
import json
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CHROMIUM_ARGS, _chromium
from test_search_browser import page_path, run_query

from handbook.core.ui import t
from handbook.site.offline import FOLDER
from handbook.site.serve import _SiteHandler, make_server

# Per language: three pages the test has not visited, a search query and the page it must find.
OFFLINE_CASES = {
    "he": (
        ("cases/losing-a-loyal-customer.md", "principles/friends-not-kings.md", "glossary.md"),
        "הנאמן",
        "cases/losing-a-loyal-customer.md",
    ),
    "th": (
        (
            "cases/zappos-sends-callers-to-competitors.md",
            "principles/follow-the-standard.md",
            "onboarding/first-week.md",
        ),
        "ถั่วเหลือง",
        "cases/starbucks-rewards-change.md",
    ),
}
SAVED = "[data-hb-offline-saved]"
_TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def built_title(site: Path, path: str) -> str:
    """The <title> of the built page at URL path `path`, as the browser reports it."""
    text = (site / path.lstrip("/") / "index.html").read_text(encoding="utf-8")
    return html.unescape(_TITLE.search(text).group(1)).strip()


def save_language(context, url: str, lang: str, errors: list[str]):
    """Open `url` and wait until the page says the language is saved for offline reading."""
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_selector(SAVED, timeout=60_000)
    assert page.inner_text(SAVED).strip() == t("offline.saved", lang)
    return page


@pytest.mark.browser
@pytest.mark.parametrize("lang", sorted(OFFLINE_CASES))
def test_a_language_reads_and_searches_offline_after_one_visit(
    browser, built_site: Path, site_url: str, lang: str
) -> None:
    pages, query, expected = OFFLINE_CASES[lang]
    context = browser.new_context(viewport={"width": 360, "height": 800})
    errors: list[str] = []
    try:
        page = save_language(context, site_url + page_path(lang, "index.md"), lang, errors)
        context.set_offline(True)
        for doc in pages:
            path = page_path(lang, doc)
            response = page.goto(site_url + path)
            assert response is not None and response.ok, path
            assert page.title() == built_title(built_site, path)
            assert page.get_attribute("html", "lang") == lang
            page.wait_for_selector(SAVED)  # the page's own scripts ran (from the cache)
        found = run_query(page, query, timeout=30_000)
        assert page_path(lang, expected) in found[:3], found
        with page.expect_navigation():
            page.click(".md-search-result__item > a.md-search-result__link:first-child")
        assert page.get_attribute("html", "lang") == lang
        assert page.title() == built_title(built_site, found[0])
        assert errors == []
    finally:
        context.close()


@pytest.mark.browser
def test_a_page_not_saved_shows_the_offline_page_in_the_readers_language(browser, site_url: str) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 800})
    errors: list[str] = []
    try:
        save_language(context, site_url + "/th/", "th", errors)
        page = save_language(context, site_url + "/he/", "he", errors)
        context.set_offline(True)
        # Another language's page, reached from a Hebrew and from a Thai page (the language switcher).
        for lang in ("he", "th"):
            page.goto(site_url + "/ar/cases/del-taco-upland/", referer=f"{site_url}/{lang}/")
            assert page.get_attribute("html", "lang") == lang
            assert page.get_attribute("html", "dir") == ("rtl" if lang == "he" else "ltr")
            assert page.inner_text("h1") == t("offline.title", lang)
            assert page.inner_text("main p") == t("offline.not_saved", lang)
            assert page.get_attribute("main a", "href") == f"{site_url}/{lang}/"
        with page.expect_navigation():
            page.click("main a")
        assert page.url == site_url + "/th/"
        page.wait_for_selector(SAVED)
        assert errors == []
    finally:
        context.close()


class _RecordingHandler(_SiteHandler):
    """The site server, remembering every path asked for (the service worker's fetches included)."""

    requested: list[str]

    def log_request(self, code="-", size="-"):
        self.requested.append(self.path.split("?")[0])


@pytest.fixture()
def served_project(project_copy, monkeypatch) -> Iterator[tuple[object, str, list[str]]]:
    """A private project copy, built, served from its site/ (rebuilds show up), with a request log."""
    from handbook.site.build import build_site

    monkeypatch.setenv("HANDBOOK_SITE_URL", "https://handbook.example.org/")
    build_site(project_copy)
    requested: list[str] = []
    handler = type("Recording", (_RecordingHandler,), {"requested": requested})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(project_copy.site_dir))
    )
    server.verbose = False  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield project_copy, f"http://127.0.0.1:{server.server_address[1]}", requested
    server.shutdown()
    server.server_close()


def _precache_list(site: Path, lang: str) -> dict[str, str]:
    (listed,) = (site / FOLDER).glob(f"{lang}-*.json")
    return json.loads(listed.read_text(encoding="utf-8"))["files"]


@pytest.mark.browser
def test_a_new_build_offers_reload_and_fetches_only_what_changed(browser, served_project) -> None:
    from handbook.site.build import build_site

    project, url, requested = served_project
    context = browser.new_context(viewport={"width": 360, "height": 800})
    errors: list[str] = []
    try:
        page = save_language(context, url + "/he/", "he", errors)
        before = _precache_list(project.site_dir, "he")
        # A new build in which one Hebrew page changed.
        glossary = project.docs_dir / "he" / "glossary.md"
        glossary.write_text(
            glossary.read_text(encoding="utf-8") + "\n\nשורה חדשה לבדיקת העדכון.\n", encoding="utf-8"
        )
        build_site(project)
        after = _precache_list(project.site_dir, "he")
        changed = {name for name, rev in after.items() if before.get(name) != rev}
        assert "he/glossary/" in changed
        assert len(changed) < len(after) / 3  # sanity: the build changed few files
        requested.clear()
        page.reload()
        page.wait_for_selector("[data-hb-offline-update]", timeout=60_000)
        assert page.inner_text("[data-hb-offline-update] span") == t("offline.updated", "he")
        assert page.inner_text("[data-hb-offline-update] button") == t("offline.reload", "he")
        fetched = {path.lstrip("/") for path in requested}
        refetched = {name for name in after if name in fetched and name not in changed}
        # The reload itself asks for sw.js and the page; the new worker only for changed files.
        assert refetched <= {"he/"}, sorted(refetched)
        assert changed - {f"{FOLDER}/he.html"} <= fetched | {"he/"}
        with page.expect_navigation():
            page.click("[data-hb-offline-update] button")
        context.set_offline(True)
        page.goto(url + "/he/glossary/")
        assert "שורה חדשה לבדיקת העדכון." in page.inner_text("article")
        assert errors == []
    finally:
        context.close()


@pytest.mark.browser
def test_nothing_happens_where_service_workers_cannot_run(browser, built_site: Path, tmp_path: Path) -> None:
    """From file:// and over plain HTTP on a host that is not this machine the pages work as before."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    server = make_server(site, port=0, verbose=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    args = CHROMIUM_ARGS + ["--host-resolver-rules=MAP handbook.test 127.0.0.1"]
    try:
        # A second Chromium that resolves handbook.test to this machine (a host that is not loopback).
        chromium = browser.browser_type.launch(executable_path=_chromium(), args=args)
        try:
            page = chromium.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            for address in ((site / "he" / "index.html").as_uri(), f"http://handbook.test:{port}/he/"):
                page.goto(address, wait_until="load")
                page.wait_for_timeout(1500)
                assert page.get_attribute("html", "lang") == "he"
                assert page.query_selector(SAVED) is None
                if address.startswith("http:"):
                    assert page.evaluate("() => window.isSecureContext") is False
                registrations = page.evaluate(
                    "() => navigator.serviceWorker ? navigator.serviceWorker.getRegistrations()"
                    ".then(r => r.length, () => 0) : -1"
                )
                assert registrations in (0, -1), address
            assert errors == []
        finally:
            chromium.close()
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.browser
def test_saving_waits_for_a_search_under_way(browser, site_url: str) -> None:
    """A reader who searches as soon as the page opens gets the network first: the language is
    saved once the search's results are shown, not while Pagefind's files are still on their way."""
    context = browser.new_context(viewport={"width": 360, "height": 800})
    held: list = []
    holding = [True]

    def hold(route) -> None:  # while holding, the search cannot finish
        if holding[0]:
            held.append(route)
        else:
            route.continue_()

    context.route("**/pagefind/**", hold)
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))  # the worker's too
    try:
        page = context.new_page()
        page.goto(site_url + "/he/", wait_until="load")
        page.fill(".md-search__input", "לקוח")
        page.wait_for_timeout(5000)  # longer than the page's wait before it saves (2 s)
        # Saving would fetch the language's other pages; none was asked for while searching.
        assert [url for url in requested if "/he/principles/" in url or "/he/cases/" in url] == []
        assert page.query_selector(SAVED) is None
        holding[0] = False
        for route in held:
            route.continue_()
        page.wait_for_function(
            "q => document.querySelector('[data-hb-search]').getAttribute('data-hb-search-done') === q",
            arg="לקוח",
            timeout=30_000,
        )
        page.wait_for_selector(SAVED, timeout=60_000)
    finally:
        context.close()


@pytest.mark.browser
def test_before_anything_is_saved_the_worker_leaves_requests_alone(browser, site_url: str) -> None:
    """A first visit's search (issue 22: first result within 0.35 s) goes straight to the network:
    while no language is saved the worker answers no request, not even by fetching it itself."""
    context = browser.new_context(viewport={"width": 360, "height": 800})
    context.route("**/hb-offline/**", lambda route: route.abort())  # the language is never saved
    answered: list[tuple[str, bool]] = []
    try:
        page = context.new_page()
        page.goto(site_url + "/he/", wait_until="load")
        page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=30_000)
        page.on("response", lambda response: answered.append((response.url, response.from_service_worker)))
        assert run_query(page, "ללקוח", timeout=30_000)  # five letters: the page fetches the word list
        page.evaluate("() => fetch('../pagefind/pagefind-entry.json').then(r => r.text())")
        search_files = [(url, worker) for url, worker in answered if "/pagefind/" in url]
        assert any("handbook-words-he" in url for url, _ in search_files), answered
        assert [url for url, worker in search_files if worker] == []
        assert page.query_selector(SAVED) is None
    finally:
        context.close()
