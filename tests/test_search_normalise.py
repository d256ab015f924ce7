"""The Hebrew/Arabic prefix normaliser: Python (indexing) and its JS mirror (querying) agree on one table."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from handbook.site.search import (
    INDEX_ONLY_END,
    INDEX_ONLY_MARK,
    add_index_only_tokens,
    glossary_word_groups,
    open_ending,
    stem_variants,
    thai_inner_words,
)
from handbook.site.search_tokens import OPENED_READING, OPENED_WORD
from handbook.translate.glossary import Glossary, Term, load_glossary

DATA = Path(__file__).parent / "data" / "search"
SCRIPT = (
    Path(__file__).resolve().parent.parent / "overrides" / "assets" / "javascripts" / "handbook-search.js"
)
CASES = yaml.safe_load((DATA / "normalise_cases.yml").read_text(encoding="utf-8"))
M = INDEX_ONLY_MARK
E = INDEX_ONLY_END


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case['lang']}-{case['word']}")
def test_python_stem_variants(case: dict) -> None:
    assert stem_variants(case["word"], case["lang"]) == case["variants"], case["why"]


def test_index_only_tokens_follow_each_prefixed_word_in_text_only() -> None:
    html = (
        '<html lang="he"><head><title>הלקוח</title></head><body>'
        '<p class="הלקוח">שירות ללקוח, תמיד.</p><script>var s = "ללקוח";</script></body></html>'
    )
    assert add_index_only_tokens(html, "he") == (
        '<html lang="he"><head><title>הלקוח</title></head><body>'
        f'<p class="הלקוח">שירות {M}ירות{E} ללקוח {M}לקוח{E}, תמיד.</p><script>var s = "ללקוח";</script></body></html>'
    )


def test_index_only_tokens_leave_languages_without_prefix_rules_alone() -> None:
    html = "<p>refunding клиентов</p>"
    assert add_index_only_tokens(html, "en") == html
    assert add_index_only_tokens(html, "ru") == html


def test_glossary_word_forms_are_indexed_under_each_other() -> None:
    customer = Term("customer", {"ar": ("عميل", "عملاء"), "he": ("לקוח",)})
    refund = Term("refund", {"ar": ("استرداد المبلغ", "يرد")})  # one one-word form: nothing to link
    groups = glossary_word_groups(Glossary((), (customer, refund)), "ar")
    assert groups == (frozenset({"عميل", "عملاء"}),)
    assert glossary_word_groups(Glossary((), (customer,)), "he") == ()
    assert glossary_word_groups(Glossary((), (customer,)), "ru") == ()
    # The plural behind ل + the elided article gets the stems and then the singular, and back.
    assert add_index_only_tokens("<p>للعملاء</p>", "ar", groups) == (
        f"<p>للعملاء {M}لعملاء{E} {M}عملاء{E} {M}عميل{E}</p>"
    )
    assert add_index_only_tokens("<p>عميل</p>", "ar", groups) == f"<p>عميل {M}عملاء{E}</p>"
    assert add_index_only_tokens("<p>عملاء</p>", "ar") == "<p>عملاء</p>"


def test_the_handbook_glossary_links_its_broken_plurals() -> None:
    glossary = load_glossary(Path(__file__).resolve().parent.parent / "translations" / "glossary.yml")
    arabic = glossary_word_groups(glossary, "ar")
    assert frozenset({"شكوى", "شكاوى"}) in arabic
    assert frozenset({"مبدا", "مبادي"}) in arabic  # folded: hamza seats dropped, as Pagefind compares
    assert frozenset({"עיקרון", "עקרונות"}) in glossary_word_groups(glossary, "he")


def test_thai_compounds_get_their_inner_words() -> None:
    assert thai_inner_words("นมถั่วเหลือง") == ["ถั่วเหลือง", "เหลือง"]
    assert thai_inner_words("และ") == []
    assert add_index_only_tokens("<p>ตัดนมถั่วเหลืองและไซรัป</p>", "th") == (
        f"<p>ตัดนมถั่วเหลือง {M}ถั่วเหลือง{E} {M}เหลือง{E}และไซรัป {M}รัป{E}</p>"
    )


# Hebrew final letters: [word, the form the index holds and the script searches (None: as it is)].
OPEN_ENDINGS = [
    ["מלך", "מלכ"],
    ["נאמן", "נאמנ"],
    ["מקום", "מקומ"],
    ["כסף", "כספ"],
    ["לחץ", "לחצ"],
    ["רעים", "רעימ"],  # ים after two letters is no sound plural the script strips
    ["מלכים", None],  # a sound plural: searched as מלכ
    ["לך", None],  # shorter than three letters
    ["לקוח", None],
]


def test_a_hebrew_final_letter_is_indexed_open_beside_the_word() -> None:
    assert [open_ending(word, "he") for word, _ in OPEN_ENDINGS] == [opened for _, opened in OPEN_ENDINGS]
    assert open_ending("מלך", "ar") is None
    # The page word keeps its letter and gets the open form; its readings are indexed open only.
    assert add_index_only_tokens("<p>המלך נאמן</p>", "he") == (
        f"<p>המלך {M}המלכ{OPENED_WORD}{E} {M}מלכ{OPENED_READING}{E} נאמן {M}נאמנ{OPENED_WORD}{E}</p>"
    )


@pytest.mark.browser
def test_javascript_opens_final_letters_as_python_does(page) -> None:
    page.page.set_content('<!doctype html><html lang="he"><body></body></html>')
    page.page.add_script_tag(path=str(SCRIPT))
    got = page.page.evaluate(
        "cases => cases.map(c => window.handbookSearch.openEnding(c[0], 'he'))", OPEN_ENDINGS
    )
    assert got == [opened or word for word, opened in OPEN_ENDINGS]
    # searched as: a sound plural without its ending, a singular open (one search finds both)
    forms = page.page.evaluate(
        "ws => ws.map(w => window.handbookSearch.searchForm(w, 'he'))", ["מלכים", "מלך"]
    )
    assert forms == ["מלכ", "מלכ"]


@pytest.mark.browser
def test_javascript_mirror_agrees_with_python(page) -> None:
    page.page.set_content('<!doctype html><html lang="en"><body></body></html>')
    page.page.add_script_tag(path=str(SCRIPT))
    results = page.page.evaluate(
        "cases => cases.map(c => window.handbookSearch.stemVariants(c.word, c.lang))", CASES
    )
    mismatches = [
        (case["lang"], case["word"], case["variants"], got)
        for case, got in zip(CASES, results, strict=True)
        if got != case["variants"]
    ]
    assert mismatches == []


@pytest.mark.browser
def test_javascript_query_variants_and_excerpt_cleaning(page) -> None:
    page.page.set_content('<!doctype html><html lang="en"><body></body></html>')
    page.page.add_script_tag(path=str(SCRIPT))
    search = "window.handbookSearch"
    assert page.page.evaluate(f"{search}.queryVariants('שהלקוח  צריך', 'he')") == [
        "שהלקוח צריך",
        "הלקוח צריך",
        "לקוח צריך",
    ]
    assert page.page.evaluate(f"{search}.queryVariants('refunding customers', 'en')") == [
        "refunding customers"
    ]
    excerpt = (
        f"שירות טוב <mark>ללקוח</mark> <mark>{M}לקוח{E}</mark> שהלקוח <mark>{M}הלקוח{E}</mark> {M}לקוח{E}."
    )
    cleaned = page.page.evaluate(f"e => {search}.cleanExcerpt(e, 'he')", excerpt)
    assert cleaned == "שירות טוב <mark>ללקוח</mark> <mark>שהלקוח</mark>."
    # A broken plural found through its singular's token: the visible word is marked.
    plural = f"اتبع المبادئ {M}مبادي{E} <mark>{M}مبدا{E}</mark> الأولى و<mark>العميل</mark> <mark>{M}عميل{E}</mark>"
    cleaned = page.page.evaluate(f"e => {search}.cleanExcerpt(e, 'ar')", plural)
    assert cleaned == "اتبع <mark>المبادئ</mark> الأولى و<mark>العميل</mark>"
    # Thai: the inner word is marked inside the run; a token cut at either edge is dropped.
    thai = f"เหลือง{E} ตัดนม<mark>ถั่วเหลือง</mark> <mark>{M}ถั่วเหลือง{E}</mark> {M}เหลือง{E}และ {M}แก"
    cleaned = page.page.evaluate(f"e => {search}.cleanExcerpt(e, 'th')", thai)
    assert cleaned == "ตัดนม<mark>ถั่วเหลือง</mark>และ"
    hidden_hit = f"นมถั่วเหลือง <mark>{M}เหลือง{E}</mark>และ"
    cleaned = page.page.evaluate(f"e => {search}.cleanExcerpt(e, 'th')", hidden_hit)
    assert cleaned == "นมถั่ว<mark>เหลือง</mark>และ"
    title = f"כותרת על הלקוח {M}לקוח{E}"
    assert page.page.evaluate(f"t => {search}.cleanText(t)", title) == "כותרת על הלקוח"


@pytest.mark.browser
def test_javascript_joins_thai_pieces_into_index_words(page) -> None:
    """Chromium cuts ร้องเรียน into ร้อง|เรียน and เหรอ into เห|รอ; thaiWords joins them again."""
    page.page.set_content('<!doctype html><html lang="th"><body></body></html>')
    page.page.add_script_tag(path=str(SCRIPT))
    cut = "(args) => window.handbookSearch.thaiWords(...args).map(w => [w.text, w.start, w.end])"
    text = "รับเรื่องร้องเรียนเหรอ"
    raw = page.page.evaluate(cut, [text, []])
    assert ["ร้องเรียน", 9, 18] not in raw  # what the browser does alone
    assert page.page.evaluate(cut, [text, ["ร้องเรียน", "เรียน"], {"เหรอ": True}])[-2:] == [
        ["ร้องเรียน", 9, 18],
        ["เหรอ", 18, 22],
    ]


@pytest.mark.browser
def test_javascript_picks_excerpts_by_the_words_a_reader_sees(page) -> None:
    """A long run of index-only words after a word (a synonym group's everyday words) neither fills
    an excerpt nor cuts it short: the window counts the words a reader sees (issue 22), a match on a
    token counts for the word before it, the rest of a word after its tokens ('s) is no word of its
    own, and a heading whose last word has tokens keeps the full stop Pagefind gives other blocks."""
    page.page.set_content('<!doctype html><html lang="en"><body></body></html>')
    page.page.add_script_tag(path=str(SCRIPT))
    run = " ".join(f"{M}zq{n}{E}" for n in range(40))
    tail = " ".join(f"w{n}" for n in range(1, 31))
    content = f"Kind words {M}tok{E} Be kind to every customer {run}'s day. {tail}"
    words = content.split(" ")
    hits = [words.index("customer"), words.index(f"{M}zq5{E}")]  # the word and one of its tokens
    weighted = [{"location": at, "weight": 1, "balanced_score": 1.0} for at in hits]
    fragment = {
        "content": content,
        "raw_content": content,
        "excerpt": "Pagefind's own",
        "locations": hits,
        "weighted_locations": weighted,
        "anchors": [{"element": "h1", "id": "_1", "text": f"Kind words {M}tok{E}", "location": 0}],
        "sub_results": [
            {
                "url": "/x/#_1",
                "title": f"Kind words {M}tok{E}",
                "anchor": {"element": "h1", "id": "_1", "text": f"Kind words {M}tok{E}", "location": 0},
                "locations": hits,
                "weighted_locations": weighted,
                "excerpt": "Pagefind's own",
            }
        ],
    }
    shown = page.page.evaluate(
        """f => {
          const search = window.handbookSearch;
          const picked = search.seenExcerpts(f, "en");
          return [picked.page, picked.sections[0]].map(
            (one) => [search.cleanExcerpt(one.excerpt, "en", f.content, [], one.at), one.at]
          );
        }""",
        fragment,
    )
    seen = "Kind words. Be kind to every <mark>customer</mark>'s day. " + " ".join(tail.split()[:16])
    assert shown == [[seen, 0], [seen, 0]]
