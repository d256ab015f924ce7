"""Right to left and the reader's language in Chromium at phone size, 360×800 (issue 20).

Glyph positions are measured with Range.getClientRects on the page's own text: the full stop of
"Blvd." sits right after "Blvd"; a sentence-final full stop after a Latin word stays at the
sentence's end; document.title starts right to left. Search results drawn by the script isolate
like the pages; the root 404 page shows the requested path's language online and offline; no
English interface string of the theme appears at run time on a translated page.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_rtl import CASES, theme_english_strings
from test_search_browser import run_query

from handbook.site.bidi import isolate_html, latin_runs

PHONE = {"width": 360, "height": 800}

# The client rectangle of each character `offsets` of the first occurrence of `needle` in the text
# of `selector` (text nodes concatenated, as a reader sees them across <bdi> and links).
CHAR_RECTS = """([selector, needle, offsets]) => {
  const root = document.querySelector(selector);
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  let text = "";
  while (walker.nextNode()) { nodes.push([walker.currentNode, text.length]); text += walker.currentNode.data; }
  const at = text.indexOf(needle);
  if (at < 0) return null;
  return offsets.map((offset) => {
    const index = at + offset;
    const [node, start] = nodes.filter(([, start]) => start <= index).pop();
    const range = document.createRange();
    range.setStart(node, index - start);
    range.setEnd(node, index - start + 1);
    const rect = range.getClientRects()[0];
    return { left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom };
  });
}"""

# The first strong direction of a string by the bidi algorithm's rule P2: isolates skipped, RLM/LRM
# and letters decide.
FIRST_STRONG = """(text) => {
  let depth = 0;
  for (const ch of text) {
    if (/[\\u2066\\u2067\\u2068]/.test(ch)) { depth++; continue; }
    if (ch === "\\u2069") { if (depth) depth--; continue; }
    if (depth) continue;
    if (ch === "\\u200f" || /[\\p{Script=Hebrew}\\p{Script=Arabic}]/u.test(ch)) return "rtl";
    if (ch === "\\u200e" || /\\p{L}/u.test(ch)) return "ltr";
  }
  return null;
}"""


def open_phone(page, url: str):
    browser_page = page.page
    browser_page.set_viewport_size(PHONE)
    response = browser_page.goto(url, wait_until="networkidle")
    assert response is not None and response.status == 200
    return browser_page


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["he", "ar"])
def test_the_full_stop_of_blvd_sits_right_after_blvd(page, site_url: str, lang: str) -> None:
    browser_page = open_phone(page, f"{site_url}/{lang}/cases/del-taco-upland/")
    d, stop, f = browser_page.evaluate(CHAR_RECTS, ["article", "Foothill Blvd.", [12, 13, 0]])
    assert abs(d["top"] - stop["top"]) < 2, "the full stop is not on the line of Blvd"
    assert abs(stop["left"] - d["right"]) < 1.5, f"full stop at {stop}, 'd' of Blvd at {d}"
    assert f["left"] < d["left"], "Foothill Blvd. does not read left to right"
    assert page.foreign_requests() == []


@pytest.mark.browser
def test_a_sentence_final_full_stop_stays_at_the_end_of_the_sentence(page, site_url: str) -> None:
    # "…ושזה לא הזיק ל־Amazon." ends a sentence (the next one starts on the next source line).
    browser_page = open_phone(page, f"{site_url}/he/cases/amazon-prime-day/")
    a, n, stop = browser_page.evaluate(CHAR_RECTS, ["article", "ל־Amazon.\n", [2, 7, 8]])
    assert abs(a["top"] - stop["top"]) < 2
    # Right to left, the sentence ends at the left: the full stop is left of the whole word.
    assert stop["right"] <= a["left"] + 1, f"full stop at {stop}, 'A' at {a}, 'n' at {n}"


@pytest.mark.browser
def test_document_title_reads_right_to_left(page, site_url: str) -> None:
    browser_page = open_phone(page, f"{site_url}/he/cases/del-taco-upland/")
    title = browser_page.evaluate("document.title")
    assert title.replace("\u200f", "").replace("\u2066", "").startswith("Del Taco")
    assert browser_page.evaluate(FIRST_STRONG, title) == "rtl"
    # The issue's own title, through the same code path.
    browser_page.set_content(
        isolate_html("<html><head><title>Del Taco ב-Upland</title></head><body></body></html>")
    )
    assert browser_page.evaluate("document.title").endswith("ב-\u2066Upland\u2069")
    assert browser_page.evaluate(FIRST_STRONG, browser_page.evaluate("document.title")) == "rtl"


@pytest.mark.browser
def test_search_results_isolate_like_the_pages(page, site_url: str) -> None:
    browser_page = open_phone(page, f"{site_url}/he/")
    for case in CASES:  # the script's rule is the build's rule
        spans = browser_page.evaluate(
            "([text, following]) => window.handbookBidi.runs(text, following)",
            [case["text"], case.get("following", "")],
        )
        assert [list(span) for span in latin_runs(case["text"], case.get("following", ""))] == spans, case[
            "text"
        ]
    browser_page.click("label[for='__search']")
    paths = run_query(browser_page, "Foothill")
    assert "/he/cases/del-taco-upland/" in paths
    isolated = browser_page.eval_on_selector_all(
        ".md-search-result__list bdi", "els => els.map(e => e.textContent)"
    )
    assert "Del Taco" in isolated
    d, stop = browser_page.evaluate(CHAR_RECTS, [".md-search-result__list", "Blvd.", [3, 4]])
    assert abs(stop["left"] - d["right"]) < 1.5 and abs(stop["top"] - d["top"]) < 2


# --- the 404 page from the root, for any missing path -----------------------------------------------


class RootNotFound(http.server.SimpleHTTPRequestHandler):
    """A plain static server that answers every missing path with the root 404.html."""

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="module")
def root_404_url(built_site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(RootNotFound, directory=str(built_site))
    )
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


VISIBLE_STRINGS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent || parent.closest("script, style, [lang=en]") || !parent.checkVisibility()) continue;
    if (node.data.trim()) out.push(node.data.trim());
  }
  document.querySelectorAll("[aria-label], [title], [placeholder], [alt]").forEach((el) => {
    if (el.closest("[lang=en]")) return;
    for (const name of ["aria-label", "title", "placeholder", "alt"]) {
      if (el.hasAttribute(name)) out.push(el.getAttribute(name).trim());
    }
  });
  out.push(document.title.trim());
  return out;
}"""


def english_shown(browser_page) -> set[str]:
    strings = theme_english_strings()
    shown = [text.strip(" .…\u2066\u2069\u200f") for text in browser_page.evaluate(VISIBLE_STRINGS)]
    return {s for s in strings for t in shown if t == s or (" " in s and s in t)}


NOT_FOUND = {"he": "הדף לא נמצא (שגיאה 404)", "th": "ไม่พบหน้าที่ต้องการ (ข้อผิดพลาด 404)"}
PLACEHOLDER = {"he": "חיפוש במדריך", "th": "ค้นหาในคู่มือ"}


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["he", "th"])
def test_the_root_404_page_shows_the_language_of_the_path(page, root_404_url: str, lang: str) -> None:
    browser_page = page.page
    browser_page.set_viewport_size(PHONE)
    response = browser_page.goto(f"{root_404_url}/{lang}/no/such/page/", wait_until="networkidle")
    assert response is not None and response.status == 404
    browser_page.wait_for_function(
        "p => document.querySelector('.md-search__input') && document.querySelector('.md-search__input').placeholder === p",
        arg=PLACEHOLDER[lang],
    )
    assert browser_page.get_attribute("html", "lang") == lang
    assert browser_page.inner_text("article h1") == NOT_FOUND[lang]
    assert english_shown(browser_page) == set()
    # The language's search box works on it.
    browser_page.click("label[for='__search']")
    assert run_query(browser_page, "Starbucks")
    assert page.foreign_requests() == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["he", "th"])
def test_the_root_404_page_shows_the_language_of_the_path_offline(page, root_404_url: str, lang: str) -> None:
    browser_page = page.page
    browser_page.set_viewport_size(PHONE)
    # Offline and the language's own 404 page not cached: only the root page is at hand.
    browser_page.route(f"**/{lang}/404.html", lambda route: route.abort("internetdisconnected"))
    browser_page.goto(f"{root_404_url}/{lang}/missing", wait_until="networkidle")
    assert browser_page.get_attribute("html", "lang") == lang
    assert browser_page.get_attribute("html", "dir") == ("rtl" if lang == "he" else "ltr")
    assert browser_page.inner_text("article h1") == NOT_FOUND[lang]
    assert browser_page.get_attribute("article a", "href") == f"/{lang}/"
    assert english_shown(browser_page) == set()


# --- strings scripts add at run time ------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["he", "ar", "th", "ru"])
def test_no_theme_english_at_run_time(page, site_url: str, lang: str) -> None:
    browser_page = open_phone(page, f"{site_url}/{lang}/cases/del-taco-upland/")
    found = english_shown(browser_page)
    browser_page.click("label[for='__search']")
    run_query(browser_page, "zzqqxx")  # no result: the "nothing found" message
    found |= english_shown(browser_page)
    run_query(browser_page, "Starbucks")  # results, counts, "more on this page"
    found |= english_shown(browser_page)
    browser_page.keyboard.press("Escape")
    browser_page.goto(f"{site_url}/{lang}/cases/del-taco-upland/", wait_until="networkidle")
    browser_page.locator("h2 .hb-copy-link").first.click(force=True)  # its confirmation
    browser_page.wait_for_timeout(200)
    found |= english_shown(browser_page)
    assert found == set()
