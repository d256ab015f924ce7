"""Issue 22 in Chromium, every language: synonyms and keywords, typos, partial matches, stopwords, ranking.

The cases are in tests/data/search/everyday.yml (none of them from the relevance question set).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from test_search_browser import page_path

from handbook.core.project import LANGUAGES
from handbook.core.ui import t
from handbook.site.search_box import run_query

CASES = yaml.safe_load(
    (Path(__file__).parent / "data" / "search" / "everyday.yml").read_text(encoding="utf-8")
)
DOCS = Path(__file__).resolve().parent.parent / "docs" / "en"
LANGS = [lang.code for lang in LANGUAGES]


def doc_of(page_id: str) -> str:
    """docs/en path (relative) of the page whose front matter has `id: page_id`."""
    for path in sorted(DOCS.rglob("*.md")):
        if f"\nid: {page_id}\n" in path.read_text(encoding="utf-8")[:400]:
            return path.relative_to(DOCS).as_posix()
    raise AssertionError(f"no page with id {page_id}")


def url(lang: str, page_id: str) -> str:
    return page_path(lang, doc_of(page_id))


def open_home(page, site_url: str, lang: str):
    errors: list[str] = []
    page.page.on("pageerror", lambda error: errors.append(str(error)))
    page.page.goto(site_url + page_path(lang, "index.md"))
    return errors


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_everyday_words_and_page_keywords_find_the_page(page, site_url: str, lang: str) -> None:
    errors = open_home(page, site_url, lang)
    misses = []
    # also a typo in a word of an everyday phrase (stormd out, הלך לאיבוב: the phrase is searched corrected)
    for case in CASES[lang]["synonyms"] + CASES[lang].get("phrase_typos", []):
        paths = run_query(page.page, case["q"])
        wanted = {url(lang, page_id) for page_id in case["any"]}
        if not wanted.intersection(paths[:3]):
            misses.append(f"{case['q']!r}: expected one of {sorted(wanted)} in {paths[:3]}")
    assert misses == []
    assert errors == []
    assert page.foreign_requests() == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_a_word_with_one_letter_wrong_finds_what_the_right_word_finds(page, site_url: str, lang: str) -> None:
    errors = open_home(page, site_url, lang)
    misses = []
    for right, typo in CASES[lang]["typos"]:
        expected = run_query(page.page, right)
        found = run_query(page.page, typo)
        assert expected, f"{right!r} itself finds nothing: pick a word the {lang} pages have"
        if found[:1] != expected[:1]:
            misses.append(f"{typo!r} (for {right!r}): first {found[:1]}, expected {expected[:1]}")
    assert misses == []
    assert errors == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_an_exact_word_is_searched_as_typed(page, site_url: str, lang: str) -> None:
    """The right word of each typo pair is not corrected, and its first result marks that word."""
    open_home(page, site_url, lang)
    for right, _ in CASES[lang]["typos"]:
        assert run_query(page.page, right), right
        assert page.page.get_attribute("[data-hb-search]", "data-hb-search-fixed") == "", (
            f"{right!r} was corrected"
        )
        marks = page.page.eval_on_selector_all(
            ".md-search-result__item:first-child mark", "marks => marks.map(m => m.textContent.toLowerCase())"
        )
        assert any(right in mark or mark in right for mark in marks), f"{right!r}: first result marks {marks}"


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_no_empty_list_when_one_word_is_in_the_handbook(page, site_url: str, lang: str) -> None:
    errors = open_home(page, site_url, lang)
    case = CASES[lang]["partial"]
    paths = run_query(page.page, case["q"])
    assert paths[:1] == [url(lang, case["first"])]
    meta = page.page.inner_text(".md-search-result__meta")
    note = re.escape(t("search.partial", lang, count="{count}")).replace(re.escape("{count}"), r"\d+")
    assert re.fullmatch(note, meta), meta
    assert page.page.evaluate(
        "document.querySelector('[data-hb-search]').hasAttribute('data-hb-search-partial')"
    )
    # The same handbook word alone: every word found, so no note.
    run_query(page.page, case["q"].split()[0])
    assert not page.page.evaluate(
        "document.querySelector('[data-hb-search]').hasAttribute('data-hb-search-partial')"
    )
    assert errors == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_function_and_question_words_do_not_decide_the_result(page, site_url: str, lang: str) -> None:
    open_home(page, site_url, lang)
    misses = []
    for question, plain in CASES[lang]["stopwords"]:
        asked = run_query(page.page, question)
        assert asked, f"{question!r} finds nothing"
        if asked[:3] != run_query(page.page, plain)[:3]:
            misses.append(f"{question!r}: {asked[:3]}, {plain!r}: {run_query(page.page, plain)[:3]}")
    assert misses == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_home_and_glossary_come_after_pages_unless_the_query_is_about_them(
    page, site_url: str, lang: str
) -> None:
    open_home(page, site_url, lang)
    about = CASES[lang]["about"]
    assert run_query(page.page, about["glossary"])[:1] == [url(lang, "glossary")]
    first = run_query(page.page, about["word"])[:3]
    assert len(first) == 3
    assert url(lang, "home") not in first and url(lang, "glossary") not in first, first


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_a_query_naming_the_sources_or_glossary_by_what_it_is_for_finds_it(
    page, site_url: str, lang: str
) -> None:
    open_home(page, site_url, lang)
    misses = []
    for case in CASES[lang]["names"]:
        first = run_query(page.page, case["q"])[:3]
        if url(lang, case["page"]) not in first:
            misses.append(f"{case['q']!r}: expected {case['page']} in {first}")
    for case in CASES[lang].get("unnamed", []):
        first = run_query(page.page, case["q"])[:3]
        if url(lang, case["page"]) in first:
            misses.append(f"{case['q']!r}: {case['page']} is not named, but in {first}")
    assert misses == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_a_title_match_comes_before_passing_mentions(page, site_url: str, lang: str) -> None:
    open_home(page, site_url, lang)
    case = CASES[lang]["title"]
    assert run_query(page.page, case["q"])[:1] == [url(lang, case["first"])]


@pytest.mark.browser
@pytest.mark.parametrize("lang", [lang for lang in LANGS if CASES[lang].get("topic")])
def test_passing_mentions_in_a_long_page_come_after_the_page_about_it(page, site_url: str, lang: str) -> None:
    open_home(page, site_url, lang)
    wrong = []
    for case in CASES[lang]["topic"]:
        first = run_query(page.page, case["q"])[:1]
        if not {url(lang, page_id) for page_id in case["first"]}.intersection(first):
            wrong.append(f"{case['q']!r}: {first}, expected one of {case['first']}")
    assert wrong == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", [lang for lang in LANGS if CASES[lang].get("forms")])
def test_a_plural_or_spelling_variant_finds_the_pages_of_the_word(page, site_url: str, lang: str) -> None:
    open_home(page, site_url, lang)
    misses = []
    for variant, word in CASES[lang]["forms"]:
        expected = run_query(page.page, word)
        assert 0 < len(expected) < 10, f"{word!r}: pick a word on 1-9 {lang} pages (all shown at once)"
        missing = sorted(set(expected) - set(run_query(page.page, variant)))
        if missing:
            misses.append(f"{variant!r} (for {word!r}) misses {missing}")
    assert misses == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", [lang for lang in LANGS if CASES[lang].get("phrase_parts")])
def test_one_word_of_an_everyday_phrase_does_not_reach_the_phrase_page(
    page, site_url: str, lang: str
) -> None:
    open_home(page, site_url, lang)
    reached = []
    for case in CASES[lang]["phrase_parts"]:
        first = run_query(page.page, case["q"])[:3]
        if url(lang, case["page"]) in first:
            reached.append(f"{case['q']!r}: {case['page']} in {first}")
    assert reached == []


@pytest.mark.browser
def test_a_thai_typo_inside_a_run_is_corrected_to_the_word_meant(page, site_url: str) -> None:
    open_home(page, site_url, "th")
    wrong = []
    for right, run in CASES["th"]["run_typos"]:
        run_query(page.page, run)
        fixed = page.page.get_attribute("[data-hb-search]", "data-hb-search-fixed")
        if fixed != right:
            wrong.append(f"{run!r}: corrected to {fixed!r}, expected {right!r}")
    assert wrong == []


@pytest.mark.browser
def test_a_thai_compound_cut_finer_by_the_browser_finds_its_page(page, site_url: str) -> None:
    """The browser's pieces are joined into the index's word (ขั้น|ตอน is ขั้นตอน, not ขั้น alone)."""
    open_home(page, site_url, "th")
    misses = []
    for query, page_id in CASES["th"]["compounds"]:
        first = run_query(page.page, query)[:3]
        if url("th", page_id) not in first:
            misses.append(f"{query!r}: expected {page_id} in {first}")
    assert misses == []


@pytest.mark.browser
def test_thai_words_every_page_has_do_not_outrank_the_topic_word(page, site_url: str) -> None:
    open_home(page, site_url, "th")
    misses = []
    for query, page_id in CASES["th"]["everywhere"]:
        first = run_query(page.page, query)[:1]
        if first != [url("th", page_id)]:
            misses.append(f"{query!r}: expected {page_id} first, got {first}")
    assert misses == []


# Definition questions as the search box reads them (handbook-search.js, definitionTerm: the term's
# words, or None for no definition question): only fillers between a pattern's words; a pattern
# with the term first ends the question (particles aside); `^` patterns start it.
DEFINITION_TERMS = {
    "en": [
        ("what is a shift lead", ["shift", "lead"]),
        ("what exactly is a rewards programme", ["rewards", "programme"]),
        ("shift lead meaning please", ["shift", "lead"]),
        ("what actually is a regular", ["regular"]),
        ("what to do when there is a complaint", None),
        ("what should i do if it is a complaint", None),
        ("what do we do when it is out of stock", None),
        ("what if he is a loyal customer", None),
    ],
    "he": [
        ("מה זה בעצם אחראי משמרת", ["אחראי", "משמרת"]),
        ("מה עושים אם זה לקוח קבוע", None),
        ("מה אני עושה אם זה לקוח נאמן", None),
        ("מה אם זה החזר כספי", None),
    ],
    "ar": [
        ("ما هو مشرف الوردية", ["مشرف", "الوردية"]),
        ("العميل الوفي شو يعني", ["العميل", "الوفي"]),
        ("شو اعمل اذا هو زبون دائم", None),
        ("شو بعمل لما هي شكوى", None),
        ("الزبون الدائم يعني شو اعمل", None),
        ("الزبون ما هو زبون دائم", None),
    ],
    "th": [
        ("ลูกค้าประจำแปลว่าอะไรคะ", ["ลูกค้า", "ประจำ"]),
        ("หัวหน้ากะหมายถึงใครครับ", ["หัวหน้า", "กะ"]),
        ("สินค้าหมดแปลว่าลูกค้าต้องไปร้านอื่น", None),
    ],
    "ru": [
        ("ну что за конкурент", ["конкурент"]),
        ("что вообще такое старший смены", ["старший", "смены"]),
        ("что это за клиент", None),
        ("клиент что за фигня", None),
    ],
}
# A term and a glossary heading (its own words, no index-only words): whether the term names it
# (definesTerm: a word of it as written or in a form sharing all but its last two letters).
DEFINITION_HEADINGS = {
    "en": [
        ("whats a regular", "Regular", True),
        ("what are regulars", "Regular", True),
        ("what are the regulations", "Regular", False),
    ],
    "ru": [
        ("что такое смены", "Смена", True),
        ("кто такая старшая смены", "Старший смены", True),
        ("что такое конкурс", "Конкурент", False),
        ("что такое наличные", "Нет в наличии", False),
    ],
}


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_the_search_box_reads_a_definition_questions_term(page, site_url: str, lang: str) -> None:
    errors = open_home(page, site_url, lang)
    queries = [query for query, _ in DEFINITION_TERMS[lang]]
    terms = page.page.evaluate("qs => qs.map(q => window.handbookSearch.definitionTerm(q))", queries)
    assert dict(zip(queries, terms, strict=True)) == dict(DEFINITION_TERMS[lang])
    rows = DEFINITION_HEADINGS.get(lang, [])
    named = page.page.evaluate(
        "rows => rows.map(r => window.handbookSearch.definesHeading(r[0], r[1]))", [row[:2] for row in rows]
    )
    assert [(*row[:2], got) for row, got in zip(rows, named, strict=True)] == rows
    assert errors == []


@pytest.mark.browser
def test_a_phones_curly_apostrophe_reads_as_the_straight_one(page, site_url: str) -> None:
    # Phone keyboards type don’t, I’m (U+2019): the same function word as don't, and the same
    # word of a glossary phrase ("dont know", joined without apostrophes by the build and the script).
    errors = open_home(page, site_url, "en")
    for straight in ("don't know", "i don't know the answer", "i'm not sure what to do"):
        expected = run_query(page.page, straight)[:3]
        assert url("en", "follow-the-standard") in expected, straight
        curly = straight.replace("'", "’")
        assert run_query(page.page, curly)[:3] == expected, curly
    assert errors == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_a_definition_question_naming_a_glossary_term_finds_the_glossary_first(
    page, site_url: str, lang: str
) -> None:
    """A definition question ("what is a shift lead", что такое X, ما معنى X, X คืออะไร; glossary.yml
    search: definitions) whose words name a glossary term finds the glossary first, even when pages
    that use the term rank above it; the same question words around words that name no term leave
    the glossary out of the first three."""
    errors = open_home(page, site_url, lang)
    glossary = url(lang, "glossary")
    wrong = []
    for query in CASES[lang]["definitions"]["first"]:
        first = run_query(page.page, query)[:3]
        if first[:1] != [glossary]:
            wrong.append(f"{query!r}: {first}, expected the glossary first")
    for query in CASES[lang]["definitions"]["not_first"]:
        first = run_query(page.page, query)[:3]
        if glossary in first:
            wrong.append(f"{query!r}: names no glossary term, but the glossary is in {first}")
    for query in CASES[lang]["definitions"].get("unnamed", []):
        shown = run_query(page.page, query)
        if glossary in shown:
            wrong.append(
                f"{query!r}: names no glossary term, but the glossary joined the first results {shown}"
            )
    assert wrong == []
    assert errors == []


# Definition questions read with the index's words (code17): the word list is loaded for every
# definition question (a search of it loads it), and with it
# - a Thai filler (คำ, ศัพท์) is taken out of the term only as a whole word or words of the cut
#   (คำ|ว่า), never out of a word it is part of (คำแนะนำ, โทรศัพท์);
# - a Hebrew term word that is a heading word without its final ת and a word of the index itself
#   names no heading (ביקור, a visit, is not ביקורת, a review); משמר, no word of the index, is read as
#   משמרת with a letter missing, as any typo of one letter.
INDEXED_DEFINITION_TERMS = {
    "th": [
        ("คำแนะนำคืออะไร", ["คำแนะนำ"]),
        ("โทรศัพท์คืออะไร", ["โทรศัพท์"]),
        ("คำว่าปากต่อปากหมายถึงอะไร", ["ปากต่อปาก"]),
        ("คำว่า ลูกค้าประจำ หมายถึงอะไร", ["ลูกค้าประจำ"]),
    ],
}
INDEXED_DEFINITION_HEADINGS = {
    "he": [
        ("מה זה ביקור", "ביקורת", False),
        ("מה זה הביקור", "ביקורת", False),
        ("מה זה ביקורת", "ביקורת", True),
        ("מה זה משמר", "משמרת", True),
        ("מה זה אחראי משמרת", "אחראי משמרת", True),
    ],
}


@pytest.mark.browser
@pytest.mark.parametrize("lang", sorted(set(INDEXED_DEFINITION_TERMS) | set(INDEXED_DEFINITION_HEADINGS)))
def test_a_definition_question_is_read_with_the_index_words(page, site_url: str, lang: str) -> None:
    errors = open_home(page, site_url, lang)
    terms = INDEXED_DEFINITION_TERMS.get(lang, [])
    rows = INDEXED_DEFINITION_HEADINGS.get(lang, [])
    run_query(page.page, (terms or rows)[0][0])  # the search of a definition question loads the word list
    got = page.page.evaluate(
        "qs => qs.map(q => window.handbookSearch.definitionTerm(q))", [q for q, _ in terms]
    )
    assert dict(zip([q for q, _ in terms], got, strict=True)) == dict(terms)
    named = page.page.evaluate(
        "rows => rows.map(r => window.handbookSearch.definesHeading(r[0], r[1]))", [row[:2] for row in rows]
    )
    assert [(*row[:2], got) for row, got in zip(rows, named, strict=True)] == rows
    assert errors == []


# A typo in a definition question's term (code17): the term is read corrected before the glossary's
# headings are matched, the search's own correction (пастоянный, смемы) or, for a word the index does
# not have, one letter from a heading word (laed, a word of four letters the search leaves alone).
DEFINITION_TYPOS = {
    "en": ["what is a shift laed", "whats a reguler", "what is a compettor", "what is a rewrads programme"],
    "he": ["מה זה לקוח קבוה", "מה זה אחראי משמרתת", "מה זה תלונא"],
    "ar": ["ما هو مشرف الورديه", "شو يعني زبون دايم"],
    "th": ["หัวหนากะคืออะไร", "ลูกคาประจำคืออะไร"],
    "ru": ["что такое пастоянный клиент", "что такое старший смемы", "что такое канкурент"],
}


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_a_typo_in_a_definition_questions_term_still_finds_the_glossary_first(
    page, site_url: str, lang: str
) -> None:
    errors = open_home(page, site_url, lang)
    glossary = url(lang, "glossary")
    wrong = []
    for query in DEFINITION_TYPOS[lang]:
        first = run_query(page.page, query)[:3]
        if first[:1] != [glossary]:
            wrong.append(f"{query!r}: {first}, expected the glossary first")
    assert wrong == []
    assert errors == []


# A typo near only a phrase's word (code17): reported as corrected (`data-hb-search-fixed`, the words
# the opened page marks) only when the correction found something: with the phrase's other word
# absent it adds no page, so nothing is reported; with it, the phrase's word is. [query, a word
# reported, or "" for none].
PHRASE_WORD_TYPOS = {
    "en": [
        ("snipy", ""),
        ("he was snipy", ""),
        ("trashd", ""),
        ("snipy with customers", "snippy"),
        ("they trashd us", "trashed"),
    ],
    "he": [("לאיבוב", ""), ("הילד לאיבוב", ""), ("הלך לאיבוב", "לאיבוד")],
    "ar": [("مناوبه", ""), ("مناوبه صعبة", "مناوبة")],
    "ru": [("нахрин", ""), ("яндекм", ""), ("яндекм карты", "яндекс")],
}


@pytest.mark.browser
@pytest.mark.parametrize("lang", sorted(PHRASE_WORD_TYPOS))
def test_a_correction_that_finds_nothing_is_not_reported(page, site_url: str, lang: str) -> None:
    errors = open_home(page, site_url, lang)
    wrong = []
    for query, word in PHRASE_WORD_TYPOS[lang]:
        run_query(page.page, query)
        fixed = page.page.get_attribute("[data-hb-search]", "data-hb-search-fixed")
        if (word and word not in fixed.split()) or (not word and fixed):
            wrong.append(f"{query!r}: reported {fixed!r}, expected {word or 'nothing'!r}")
    assert wrong == []
    assert errors == []


@pytest.mark.browser
def test_the_script_writes_nothing_onto_pagefinds_pages(page, site_url: str) -> None:
    """Without a worker (blocked, or failing), Pagefind searches in the page and gives every search
    the same object per page (its fragment cache): what the ranking knows of a page for one query
    (how many of its words it has) is kept in the script's own map, not written onto that object."""
    page.page.add_init_script("Object.defineProperty(window, 'Worker', { value: undefined })")
    errors = open_home(page, site_url, "en")
    run_query(page.page, "what is a shift lead")
    written = page.page.evaluate(
        """async () => {
          const root = new URL(JSON.parse(document.getElementById("__config").textContent).base.replace(/\\/?$/, "/"), location.href);
          const pagefind = await import(new URL("pagefind/pagefind.js", root).href);
          const found = await pagefind.search("shift");
          const pages = await Promise.all(found.results.map((result) => result.data()));
          return pages.filter((data) => Object.keys(data).some((key) => key.startsWith("hb"))).map((data) => data.url);
        }"""
    )
    assert written == []
    assert errors == []
