"""When the search box loads what (issue 22, first result within 0.35 s), in Chromium on the built site:
the engine (Pagefind's script, worker, wasm and meta file) once the page has loaded and before the
reader types, or on intent only when the browser asks to save data; a query searched while it waits
out the keystroke pause."""

from __future__ import annotations

import re
import time

import pytest
from test_search_browser import page_path, run_query

ENGINE = re.compile(
    r"/pagefind/(?:pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|wasm\.[\w-]+\.pagefind|pagefind\.[\w-]+\.pf_meta)(?:\?|$)"
)
ENGINE_FILES = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", ".pagefind", ".pf_meta")
SAVE_DATA = (
    "Object.defineProperty(Navigator.prototype, 'connection', { get() { return { saveData: true }; } });"
)


def _recording(browser, init_script: str | None = None):
    """A context recording every request (the Pagefind worker's too) and a page in it; service
    workers blocked, so the offline save (which fetches the search files too) is not counted."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    if init_script:
        context.add_init_script(init_script)
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return context, page, requested, errors


def _wait_until(page, done, timeout: float = 15.0) -> bool:
    """Let the page run until `done()` holds (True) or `timeout` seconds have passed (False)."""
    end = time.monotonic() + timeout
    while not done():
        if time.monotonic() > end:
            return False
        page.wait_for_timeout(50)
    return True


def _engine_loaded(requested: list[str]) -> bool:
    engine = [url for url in requested if ENGINE.search(url)]
    return all(any(name in url.split("?")[0] for url in engine) for name in ENGINE_FILES)


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "query"), [("en", "refunding"), ("th", "ลูกค้า")])
def test_the_engine_loads_after_the_page_and_before_the_reader_types(
    browser, site_url: str, lang: str, query: str
) -> None:
    context, page, requested, errors = _recording(browser)
    try:
        page.goto(site_url + page_path(lang, "index.md"), wait_until="load")
        assert _wait_until(page, lambda: _engine_loaded(requested)), [
            u for u in requested if "/pagefind/" in u
        ]
        # Not before the page's load event: the first view stays fast.
        script = next(url for url in requested if url.split("?")[0].endswith("/pagefind/pagefind.js"))
        starts = page.evaluate(
            "url => [performance.getEntriesByName(url)[0].startTime,"
            " performance.getEntriesByType('navigation')[0].loadEventStart]",
            script,
        )
        assert starts[0] >= starts[1], (
            f"pagefind.js requested at {starts[0]} ms, before the load event ({starts[1]} ms)"
        )
        typed_from = len(requested)
        assert run_query(page, query)
        after = requested[typed_from:]
        assert [url for url in after if ENGINE.search(url)] == []  # nothing of the engine waits for typing
        assert any("/pagefind/fragment/" in url for url in after)
        assert errors == []
    finally:
        context.close()


@pytest.mark.browser
def test_a_browser_saving_data_loads_the_engine_on_intent_only(browser, site_url: str) -> None:
    context, page, requested, errors = _recording(browser, SAVE_DATA)
    try:
        page.goto(site_url + page_path("he", "index.md"), wait_until="load")
        page.wait_for_timeout(1500)  # well past the idle moment the engine would otherwise load at
        assert [url for url in requested if "/pagefind/" in url] == []
        page.hover(".md-search__input")  # a pointer on the box: the reader may search
        assert _wait_until(page, lambda: _engine_loaded(requested)), [
            u for u in requested if "/pagefind/" in u
        ]
        assert errors == []
    finally:
        context.close()


@pytest.mark.browser
def test_later_pages_of_a_tab_load_the_engine_on_intent_only(browser, site_url: str) -> None:
    """Loaded at idle on a tab's first page, the engine is in the browser's cache: the tab's next
    pages make no search request for a reader who does not search, and load it on intent."""
    context, page, requested, errors = _recording(browser)
    try:
        page.goto(site_url + page_path("he", "index.md"), wait_until="load")
        assert _wait_until(page, lambda: _engine_loaded(requested))
        page.goto(site_url + page_path("he", "glossary.md"), wait_until="load")
        opened = len(requested)
        page.wait_for_timeout(1500)  # well past the idle moment the first page loaded it at
        assert [url for url in requested[opened:] if "/pagefind/" in url] == []
        page.hover(".md-search__input")  # a pointer on the box: the reader may search
        assert _wait_until(page, lambda: _engine_loaded(requested[opened:])), requested[opened:]
        assert run_query(page, "ללקוח")
        assert errors == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "th"])
def test_the_engine_warms_up_before_the_reader_types(browser, site_url: str, lang: str) -> None:
    """Once loaded, the engine searches the language's warm-up word (its first search over many
    pages is the slow one): an index chunk is fetched before the reader types, nothing is shown or
    fetched for it (no fragment), and a query afterwards gets its results."""
    context, page, requested, errors = _recording(browser)
    try:
        page.goto(site_url + page_path(lang, "index.md"), wait_until="load")
        assert _wait_until(page, lambda: _engine_loaded(requested))
        assert _wait_until(page, lambda: any("/pagefind/index/" in url for url in requested)), [
            u for u in requested if "/pagefind/" in u
        ]
        page.wait_for_timeout(300)
        assert [url for url in requested if "/pagefind/fragment/" in url] == []
        assert page.get_attribute("[data-hb-search]", "data-hb-search-done") is None
        assert run_query(page, "ลูกค้า" if lang == "th" else "للعميل")
        assert errors == []
    finally:
        context.close()


TYPE_THEN_ERASE = """query => {
  const input = document.querySelector(".md-search__input");
  input.focus();
  for (const value of [query, ""]) {
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }
}"""


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "query"), [("en", "refunding"), ("he", "ללקוח")])
def test_a_querys_index_chunks_load_during_the_keystroke_pause(
    browser, site_url: str, lang: str, query: str
) -> None:
    """A query typed and erased within the pause is never searched, but its chunks were asked for
    at once: the search that follows the pause finds every chunk it needs (stems too) loaded."""
    context, page, requested, errors = _recording(browser)
    try:
        page.goto(site_url + page_path(lang, "index.md"), wait_until="load")
        assert _wait_until(page, lambda: _engine_loaded(requested))

        def chunks() -> set[str]:
            return {url for url in requested if "/pagefind/index/" in url}

        assert _wait_until(page, lambda: chunks())  # the engine's warm-up search
        warm_up = chunks()
        page.evaluate(TYPE_THEN_ERASE, query)
        # the query's own chunks (none when the warm-up's chunk has its words: the check below holds)
        _wait_until(page, lambda: chunks() - warm_up, timeout=5.0)
        page.wait_for_timeout(500)  # the stems' chunks, if any, on a loaded machine
        preloaded = chunks()
        assert [url for url in requested if "/pagefind/fragment/" in url] == []  # never searched
        assert page.get_attribute("[data-hb-search]", "data-hb-search-done") != query
        assert run_query(page, query)
        assert chunks() == preloaded, "the search needed chunks the pause did not load"
        assert errors == []
    finally:
        context.close()


WATCH_WORKER = """() => {
  self.hbCalls = [];
  self.addEventListener("message", (event) => self.hbCalls.push([event.data.method, (event.data.args || [])[0]]));
}"""


@pytest.mark.browser
def test_pagefind_searches_a_query_while_it_waits_out_the_keystroke_pause(browser, site_url: str) -> None:
    """The pause only decides whether the results are fetched and shown: Pagefind's worker is asked
    to search the query at once, and not again once the pause is over."""
    context, page, requested, errors = _recording(browser)
    try:
        page.goto(site_url + page_path("he", "index.md"), wait_until="load")
        assert _wait_until(page, lambda: _engine_loaded(requested) and bool(page.workers))
        worker = next(w for w in page.workers if w.url.split("?")[0].endswith("/pagefind/pagefind-worker.js"))
        worker.evaluate(WATCH_WORKER)

        def searched() -> list[str]:
            return [term for method, term in worker.evaluate("() => self.hbCalls") if method == "search"]

        page.evaluate(TYPE_THEN_ERASE, "ללקוח")
        assert _wait_until(page, lambda: {"ללקוח", "לקוח"} <= set(searched())), (
            searched()
        )  # the word and its stem
        assert [url for url in requested if "/pagefind/fragment/" in url] == []  # erased: never shown
        before = len(searched())
        assert run_query(page, "ללקוח")
        assert searched()[before:] == []
        assert errors == []
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("doc", ["index.md", "cases/del-taco-upland.md"])
def test_the_site_root_is_read_once_for_search_and_offline_reading(browser, site_url: str, doc: str) -> None:
    """handbook-search.js reads the site's root from Material's config (its `base`, relative to the
    page) and gives it to handbook-offline.js, which registers the service worker there: one reading."""
    context, page, _, errors = _recording(browser)
    try:
        page.goto(site_url + page_path("he", doc), wait_until="load")
        assert page.evaluate("window.handbookSearch.siteRoot().href") == site_url + "/"
        assert errors == []
    finally:
        context.close()
