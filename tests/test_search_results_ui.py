"""The search results' small things (issue 23 item 5), in Chromium on the built site: excerpts that
start at a sentence or a word, a visible "show more", and English pages offered when the reader's
language has no result."""

from __future__ import annotations

import re
import threading
import unicodedata
from urllib.parse import urlparse

import pytest
import yaml
from conftest import PUBLIC_SITE_URL, copy_project
from test_search_browser import in_language, page_path, run_query

from handbook.core.project import TARGET_LANGUAGES
from handbook.core.ui import t
from handbook.site.build import build_site
from handbook.site.serve import make_server

# A word with many results in each language (excerpts of many pages and sections to look at).
COMMON = {"en": "customer", "he": "לקוח", "ar": "العميل", "th": "ลูกค้า", "ru": "клиент"}
ELLIPSIS = "\u2026"
# A sentence's end inside a block; Thai ends a sentence or phrase with a space (after a Thai letter
# or closing punctuation, before a Thai word).
SENTENCE_STOP = re.compile(
    r"[.!?:;\u061f\u06d4][\"'\u201d\u00bb)\]]*\s+|(?<=[\u0e01-\u0e4e)\]\"'\u201d]) +(?=[\u0e01-\u0e4e])"
)

# Each shown excerpt with the article text of the page it belongs to (fetched, spaces collapsed).
EXCERPTS_AND_PAGES = """async () => {
  const norm = (text) => text.replace(/\\s+/g, " ");
  const texts = {};
  const out = [];
  for (const link of document.querySelectorAll(".md-search-result__link")) {
    const excerpt = link.querySelector("p");
    if (!excerpt) continue;
    const url = link.href.split("#")[0].split("?")[0];
    if (!(url in texts)) {
      const html = await (await fetch(url)).text();
      const doc = new DOMParser().parseFromString(html, "text/html");
      const article = doc.querySelector("article") || doc.body;
      article.querySelectorAll("script, style, .headerlink, .hb-copy-link, [data-pagefind-ignore]").forEach((node) => node.remove());
      const blocks = Array.from(article.querySelectorAll("h1, h2, h3, h4, h5, h6, p, li, dt, dd, td, th, figcaption"));
      // The summary is indexed too (handbook.site.search_tokens.index_copy): an excerpt may show it.
      const summary = doc.querySelector('meta[name="hb-search-summary"]');
      const parts = blocks.map((block) => norm(block.textContent).trim()).concat(summary ? [norm(summary.content)] : []);
      texts[url] = parts.filter(Boolean).join("\\n");
    }
    out.push({ url, excerpt: norm(excerpt.textContent).trim(), page: texts[url] });
  }
  return out;
}"""


def _open(browser, site_url: str, lang: str, width: int = 1280, height: int = 900):
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(site_url + page_path(lang, "index.md"))
    return context, page, errors


def key(text: str) -> str:
    """Letters, digits and marks only, each run of anything else one space (punctuation-blind)."""
    kept = "".join(
        char if char.isalnum() or unicodedata.category(char).startswith("M") else " " for char in text
    )
    return " ".join(kept.split())


def thai_word_starts(page_text: str) -> set[str]:
    """Thai has no space between words: the key of the text from each word (pythainlp's newmm, as the
    index copy cuts them) to its block's end, its first 20 characters (an excerpt may run on into
    the next block)."""
    from pythainlp.tokenize import word_tokenize

    starts = set()
    for block in page_text.split("\n"):
        words = word_tokenize(block, engine="newmm", keep_whitespace=True)
        at = 0
        for word in words:
            starts.add(key(block[at:])[:20])
            at += len(word)
    return starts


def sentence_starts(page_text: str) -> list[str]:
    """The key of every block of the page and of every sentence inside one."""
    starts = []
    for block in page_text.split("\n"):
        starts.append(key(block))
        starts += [key(block[m.end() :]) for m in re.finditer(SENTENCE_STOP, block)]
    return [start for start in starts if start]


def misplaced_excerpts(shown: list[dict], lang: str) -> list[str]:
    """The excerpts (EXCERPTS_AND_PAGES rows) that start neither at a sentence nor, after '…', at a
    whole word of their page."""
    bad = []
    for row in shown:
        text = row["excerpt"]
        body = key(text.removeprefix(ELLIPSIS))
        if text.startswith(ELLIPSIS):
            # Continuing a sentence: after '…', a whole word of the page.
            whole_word = (
                any(body.startswith(start) for start in thai_word_starts(row["page"]))
                if lang == "th"
                else f" {body[:20]}" in " " + key(row["page"].replace("\n", " "))
            )
            if not whole_word:
                bad.append(f"'…' then not a whole word of the page: {text[:50]!r} ({row['url']})")
        elif not any(
            body.startswith(start[:20]) or start.startswith(body[:20])
            for start in sentence_starts(row["page"])
        ):
            bad.append(f"starts mid-sentence without '…': {text[:50]!r} ({row['url']})")
    return bad


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["en", "he", "ar", "th", "ru"])
def test_excerpts_start_at_a_sentence_or_a_word(browser, site_url: str, lang: str) -> None:
    context, page, errors = _open(browser, site_url, lang)
    run_query(page, COMMON[lang])
    shown = page.evaluate(EXCERPTS_AND_PAGES)
    assert len(shown) >= 10
    bad = misplaced_excerpts(shown, lang)
    assert bad == [], "\n".join(bad)
    assert errors == []
    context.close()


# Index-only words do not move excerpts (issue 22): a synonym group's everyday words are indexed
# after each occurrence of its page word, and Pagefind counts them when it picks and cuts an
# excerpt. A made-up group of LONG_GROUP words on each language's COMMON word (the longest run of
# them any real group could make, after the word nearly every page says) must leave every excerpt
# of the COMMON query as the site without it shows it.
LONG_GROUP_WORDS = {"en": "customer*", "he": "לקוח", "ar": "عميل", "th": "ลูกค้า", "ru": "клиент*"}
LONG_GROUP = 40
# Each shown excerpt by its result's address without ?h= (the marked words may differ).
EXCERPTS_BY_LINK = """() => Object.fromEntries(Array.from(document.querySelectorAll(".md-search-result__link"))
  .map((link) => {
    const url = new URL(link.href);
    const excerpt = link.querySelector("p");
    return [url.pathname + url.hash, excerpt ? excerpt.textContent.replace(/\\s+/g, " ").trim() : ""];
  }))"""


def made_up_words(count: int) -> list[str]:
    """`count` made-up Latin words no page or query has (zqbbvx, zqbcvx, ...)."""
    letters = "bcdfghjklmnpqrstvwxz"
    return [f"zq{letters[n // len(letters)]}{letters[n % len(letters)]}vx" for n in range(count)]


@pytest.fixture(scope="module")
def long_group_site_url(tmp_path_factory: pytest.TempPathFactory):
    """The site built with a made-up synonym group of LONG_GROUP words on each COMMON word, served."""
    project = copy_project(tmp_path_factory.mktemp("long-group") / "handbook")
    glossary_path = project.root / "translations" / "glossary.yml"
    glossary = yaml.safe_load(glossary_path.read_text(encoding="utf-8"))
    for lang, word in LONG_GROUP_WORDS.items():
        group = {"words": [word], "also": made_up_words(LONG_GROUP)}
        glossary["search"]["synonyms"].setdefault(lang, []).append(group)
    glossary_path.write_text(yaml.safe_dump(glossary, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HANDBOOK_SITE_URL", PUBLIC_SITE_URL)
        built = build_site(project)
    server = make_server(built, port=0, verbose=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.browser
@pytest.mark.slow  # builds the whole site a second time
@pytest.mark.parametrize("lang", ["en", "he", "ar", "th", "ru"])
def test_a_long_synonym_group_on_a_common_word_moves_no_excerpt(
    browser, site_url: str, long_group_site_url: str, lang: str
) -> None:
    shown = {}
    for url in (site_url, long_group_site_url):
        context, page, errors = _open(browser, url, lang)
        run_query(page, COMMON[lang])
        shown[url] = page.evaluate(EXCERPTS_BY_LINK)
        if url == long_group_site_url:
            rows = page.evaluate(EXCERPTS_AND_PAGES)
            bad = misplaced_excerpts(rows, lang)
            assert bad == [], "\n".join(bad)
        assert errors == []
        context.close()
    plain, grouped = shown[site_url], shown[long_group_site_url]
    both = sorted(set(plain) & set(grouped))
    assert len(both) >= 10
    moved = [
        f"{link}:\n  {plain[link]!r}\n  {grouped[link]!r}" for link in both if plain[link] != grouped[link]
    ]
    assert moved == [], "\n".join(moved)


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "width", "height"), [("en", 1280, 900), ("ru", 390, 844), ("he", 390, 844)])
def test_a_visible_button_shows_the_results_not_listed_yet(
    browser, site_url: str, lang: str, width: int, height: int
) -> None:
    context, page, errors = _open(browser, site_url, lang, width, height)
    if width <= 960:
        page.click("label.md-header__button[for='__search']")
    first = run_query(page, COMMON[lang])
    total = int(re.search(r"\d+", page.inner_text(".md-search-result__meta")).group())
    assert total > len(first) == 10
    button = page.locator("[data-hb-search-more]")
    assert button.is_visible()
    assert button.inner_text().strip() == t("search.show_more", lang, count=total - 10)
    box = button.bounding_box()
    assert box["height"] >= 44
    button.click()
    page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 10")
    shown = page.eval_on_selector_all(".md-search-result__item", "items => items.length")
    assert shown == min(20, total)
    # The first of the new results has the focus, so the keyboard carries on from there.
    assert page.evaluate(
        "() => document.activeElement.closest('.md-search-result__item') === "
        "document.querySelectorAll('.md-search-result__item')[10]"
    )
    for _ in range(20):  # the rest (scrolling may bring some too)
        if page.eval_on_selector_all(".md-search-result__item", "items => items.length") == total:
            break
        page.evaluate(
            "() => { const more = document.querySelector('[data-hb-search-more]'); if (!more.hidden) more.click(); }"
        )
        page.wait_for_timeout(300)
    assert page.eval_on_selector_all(".md-search-result__item", "items => items.length") == total
    assert not button.is_visible()  # nothing left to show
    assert errors == []
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", [code for code in TARGET_LANGUAGES])
def test_no_result_in_the_readers_language_offers_the_english_pages(
    browser, site_url: str, lang: str
) -> None:
    context, page, errors = _open(browser, site_url, lang)
    paths = run_query(page, "refund")  # an English word no page of the other languages has
    assert page.inner_text(".md-search-result__meta").strip() == t("search.english", lang)
    assert paths and "/cases/refund-plus-credit-reviews/" in paths[:3]
    assert all(in_language(path, "en") for path in paths)
    first = page.locator(".md-search-result__item article").first
    assert first.get_attribute("lang") == "en" and first.get_attribute("dir") == "ltr"
    badge = page.locator(".md-search-result__item .hb-search-lang").first
    assert badge.inner_text().strip() == t("search.in_english", lang)
    assert badge.get_attribute("lang") == lang
    # A query the reader's language answers gets no English page.
    run_query(page, COMMON[lang])
    assert page.get_attribute("[data-hb-search]", "data-hb-search-english") is None
    links = page.eval_on_selector_all(
        ".md-search-result__item > a.md-search-result__link:first-child", "links => links.map(a => a.href)"
    )
    assert links and all(in_language(urlparse(link).path, lang) for link in links)
    # ... and none of its results (not only the first) is shown as an English page (lang=en, dir=ltr,
    # the badge): that would also cut and clean its excerpt by the English rules.
    assert len(links) >= 2
    assert (
        page.eval_on_selector_all(
            ".md-search-result__item .hb-search-lang, .md-search-result__item article[lang]",
            "nodes => nodes.length",
        )
        == 0
    )
    assert errors == []
    context.close()


# A space between Thai letters, with up to six letters either side (overlapping matches).
THAI_SPACE = re.compile(r"([\u0e01-\u0e4e]{1,6}) (?=([\u0e01-\u0e4e]{1,6}))")


@pytest.mark.browser
@pytest.mark.parametrize("query", [COMMON["th"], "นมถั่วเหลือง", "ดูแล"])
def test_thai_excerpts_have_no_space_the_page_has_not(browser, site_url: str, query: str) -> None:
    """The index copy cuts Thai runs into words (each with its index-only tokens after a space):
    an excerpt shows the page's text, with only the spaces the page has between Thai letters."""
    context, page, errors = _open(browser, site_url, "th")
    run_query(page, query)
    shown = page.evaluate(EXCERPTS_AND_PAGES)
    assert len(shown) >= 3
    added = []
    for row in shown:
        flat = row["page"].replace("\n", " ")
        text = row["excerpt"]
        for match in THAI_SPACE.finditer(text):
            if f"{match[1]} {match[2]}" not in flat:
                added.append(f"{match[1]} {match[2]} in {text[:60]!r} ({row['url']})")
    assert added == [], "\n".join(added)
    assert errors == []
    context.close()
