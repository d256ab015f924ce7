"""Driving the header search box from a program (browser tests and benchmarks share these steps).

The contract is the one `overrides/assets/javascripts/handbook-search.js` keeps: once the results
for a query are on screen it sets `data-hb-search-done` on the `[data-hb-search]` element to that
query. `page` is a Playwright page; this module imports nothing from Playwright itself, so the
package does not depend on it.
"""

from __future__ import annotations

from urllib.parse import urlparse

BOX = ".md-search__input"
RESULT_LINKS = ".md-search-result__item > a.md-search-result__link:first-child"
DONE = "q => document.querySelector('[data-hb-search]').getAttribute('data-hb-search-done') === q"


def search(page, query: str, timeout: int = 15_000) -> None:
    """Type `query` into the box (fill, then End for Material's keyup) and wait for its results."""
    page.fill(BOX, query)
    page.press(BOX, "End")
    page.wait_for_function(DONE, arg=query, timeout=timeout)


def result_paths(page) -> list[str]:
    """The URL paths of the results on screen, in order."""
    links = page.eval_on_selector_all(RESULT_LINKS, "links => links.map(a => a.href)")
    return [urlparse(link).path for link in links]


def run_query(page, query: str, timeout: int = 15_000) -> list[str]:
    """Search for `query` and return the result pages' paths, in order."""
    search(page, query, timeout)
    return result_paths(page)
