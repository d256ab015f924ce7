"""The glossary's search section (stopwords, synonyms) and what `handbook build` indexes from it."""

from __future__ import annotations

import gzip
import json
from html import escape as html_escape
from pathlib import Path

import pytest

from handbook.core.errors import HandbookError
from handbook.core.project import LANGUAGES
from handbook.site.search import (
    INDEX_ONLY_END,
    INDEX_ONLY_MARK,
    IndexedPage,
    add_index_only_tokens,
    index_copy,
    search_box_settings,
    vocabulary,
)
from handbook.site.search_words import Synonym, load_search_words, phrase_token, synonym_tokens

GLOSSARY = Path(__file__).resolve().parent.parent / "translations" / "glossary.yml"
WORDS = load_search_words(GLOSSARY)
M, E = INDEX_ONLY_MARK, INDEX_ONLY_END


def tokens_after(html: str, word: str) -> list[str]:
    """The index-only tokens that directly follow `word` in `html`."""
    rest = html[html.index(word) + len(word) :]
    found = []
    while rest.startswith(" " + M):
        end = rest.index(E)
        found.append(rest[2:end])
        rest = rest[end + 1 :]
    return found


@pytest.mark.parametrize("lang", [lang.code for lang in LANGUAGES])
def test_every_language_has_stopwords_and_synonyms(lang: str) -> None:
    assert len(WORDS.stopwords_for(lang)) >= 20
    assert len(WORDS.synonyms_for(lang)) >= 10


@pytest.mark.parametrize(
    ("lang", "html", "word", "everyday"),
    [
        ("en", "<p>The customer was angry.</p>", "angry", "yelling"),
        ("en", "<p>A full refunding policy.</p>", "refunding", "reimburse"),
        ("ru", "<p>Клиент рассерженный.</p>", "рассерженный", "орёт"),
        ("he", "<p>ללקוח הכועס</p>", "הכועס", "צועק"),
        ("ar", "<p>العميل والغاضب</p>", "والغاضب", "يصرخ"),
        ("th", "<p>ลูกค้าโกรธมาก</p>", "โกรธ", "ตะโกน"),
        ("th", "<p>ร้าน Starbucks ขายกาแฟ</p>", "Starbucks", "สตาร์บัคส์"),
        # The page word วันที่แย่ is two words to the segmenter (วันที่|แย่): the tokens follow the first.
        ("th", "<p>ในวันที่แย่ที่สุด</p>", "วันที่", "อารมณ์"),
        ("th", "<p>พนักงานที่ตื๊อแจกสินค้า</p>", "ตื๊อ", "ยัดเยียด"),
    ],
)
def test_a_word_a_synonym_names_gets_its_everyday_words(
    lang: str, html: str, word: str, everyday: str
) -> None:
    indexed = add_index_only_tokens(html, lang, (), WORDS.synonyms_for(lang))
    assert everyday in tokens_after(indexed, word)
    # The served text is untouched: only bracketed tokens were added.
    assert "".join(part.split(E, 1)[-1] for part in indexed.split(" " + M)) == html


def test_thai_everyday_words_carry_the_tails_the_browser_may_search() -> None:
    indexed = add_index_only_tokens("<p>Starbucks</p>", "th", (), WORDS.synonyms_for("th"))
    assert "ตาร์บัคส์" in tokens_after(indexed, "Starbucks")


@pytest.mark.parametrize(
    ("lang", "html", "word", "phrase", "part"),
    [
        ("en", "<p>a full refund</p>", "refund", "\u01c2moneyback", "back"),
        ("he", "<p>מתחרים</p>", "מתחרים", "\u01c2חנותאחרת", "אחרת"),
        ("ar", "<p>المنافسين</p>", "المنافسين", "\u01c2محلثاني", "ثاني"),
        ("ru", "<p>неприятности</p>", "неприятности", "\u01c2непроходит", "проходит"),
    ],
)
def test_an_everyday_phrase_is_indexed_whole_not_as_its_words(
    lang: str, html: str, word: str, phrase: str, part: str
) -> None:
    # "back" alone would send "call me back" to the refund page; the script searches query words
    # standing together joined the same way (handbook-search.js, phraseRuns).
    tokens = tokens_after(add_index_only_tokens(html, lang, (), WORDS.synonyms_for(lang)), word)
    assert phrase in tokens
    assert part not in tokens


@pytest.mark.parametrize("typed", ["don't know", "dont know", "don\u2019t know", "Don't Know"])
def test_a_phrase_is_joined_without_apostrophes(typed: str) -> None:
    # The script joins a query's words the same way (handbook-search.js, phraseHits), so a
    # phrase the glossary spells "dont know" is found when a phone types "don\u2019t know".
    assert phrase_token(typed) == "\u01c2dontknow"


def test_the_word_list_leaves_out_phrases() -> None:
    page = IndexedPage(
        "/",
        "en",
        index_copy(
            "<html><body><article data-pagefind-body><p>refund refund</p></article></body></html>",
            "en",
            (),
            WORDS.synonyms_for("en"),
        ),
    )
    words = vocabulary([page], "en")
    assert "refund" in words and "reimburse" in words
    assert not [word for word in words if "moneyback" in word or word == "back"]


def test_a_hebrew_word_list_reads_words_as_typed_and_marks_a_phrases_words() -> None:
    # search12: opened final letters (the index's מלכ) are read as typed (מלך, once: the page word
    # itself is counted), and a phrase's words come marked (ǂלאיבוד), so a typo is corrected to them.
    table = (Synonym(("לצרה",), (phrase_token("הלך לאיבוד"),), ("הלך לאיבוד",)),)
    html = "<html><body><article data-pagefind-body><p>המלך עזר לצרה</p></article></body></html>"
    page = IndexedPage("/he/", "he", index_copy(html, "he", (), table))
    words = vocabulary([page], "he", {phrase_token("הלך לאיבוד"): ["הלך", "לאיבוד"]})
    assert "ǂלאיבוד" in words and "לאיבוד" not in words
    assert "המלך" in words and not [word for word in words if word.endswith("כ")]
    assert vocabulary([page], "he").count("המלך") == 1 and "ǂלאיבוד" not in vocabulary([page], "he")


def test_a_word_no_synonym_names_gets_no_token() -> None:
    html = "<p>The table was wiped.</p>"
    assert add_index_only_tokens(html, "en", (), WORDS.synonyms_for("en")) == html


def test_a_word_gets_the_synonyms_of_the_table_it_is_looked_up_in() -> None:
    # What names a word is worked out once per word and table (build speed): the same word looked
    # up in another table (another language, a changed glossary) gets that table's words.
    first = (Synonym(("angry",), ("yelling",)), Synonym(("ang*",), ("upset", "yelling")))
    second = (Synonym(("angry",), ("cross",)),)
    assert synonym_tokens({"angry"}, first) == ["yelling", "upset"]
    assert synonym_tokens({"angry"}, second) == ["cross"]
    assert synonym_tokens({"angle", "angry"}, first[::-1]) == ["upset", "yelling"]


PAGE = (
    '<html lang="en"><head><meta name="hb-search-summary" content="Say sorry &amp; mean it">'
    '<meta name="hb-search-keywords" content="first day, new hire"><meta name="hb-search-kind" content="page">'
    "</head><body><nav>menu</nav><article><div data-pagefind-body><h1>Title</h1><p>Body angry.</p></div>"
    "</article></body></html>"
)


def test_summary_and_keywords_open_the_article_weighted_and_index_only() -> None:
    copy = index_copy(PAGE, "en", (), WORDS.synonyms_for("en"))
    body = copy[copy.index("<body>") :]
    assert f'<p data-pagefind-weight="5">{M}Say sorry ' in body
    assert "apologise" in body.split("</p>")[0]  # the summary's synonyms too
    assert f'<p data-pagefind-weight="6">{M}first day, new hire{E}</p>' in body
    assert '<span data-pagefind-meta="hb_kind:page"></span>' in body
    assert body.index("hb_kind") < body.index("<h1>")
    assert "menu" not in body


def test_the_word_list_is_the_index_words_most_frequent_first() -> None:
    pages = [
        IndexedPage("/a/", "en", index_copy(PAGE, "en", (), WORDS.synonyms_for("en"))),
        IndexedPage("/b/", "en", "<html><body><p>Angry angry customer, the end.</p></body></html>"),
    ]
    words = vocabulary(pages, "en")
    assert words[0] == "angry"
    assert "yelling" in words and "customer" in words
    assert "the" not in words and "end" not in words  # under four letters


def test_the_search_box_gets_its_languages_stopwords() -> None:
    settings = search_box_settings("he-IL", WORDS)
    assert settings["lang"] == "he" and "איך" in settings["stopwords"]
    assert "{count}" in settings["labels"]["partial"]


@pytest.mark.parametrize("lang", ["en", "he", "ar", "th", "ru"])
def test_the_search_box_gets_a_warm_up_word_that_is_one_of_its_stopwords(lang: str) -> None:
    """The engine's warm-up search (issue 22, first query speed) is of a function word of the
    language, one of its stopwords (on most pages, so it warms Pagefind up as a query would)."""
    settings = search_box_settings(lang, WORDS)
    assert settings["warm"] and settings["warm"] in settings["stopwords"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("search:\n  stopwords:\n    en: [how, on]\n", "stopwords: en must be a list of words"),
        (
            "search:\n  synonyms:\n    en:\n      - {words: [angry]}\n",
            "entry 1 must have exactly `words:` and `also:`",
        ),
        ("search: [a, b]\n", "`search:` must be a mapping"),
        # phrases the script never searches (handbook-search.js, phraseRuns)
        (
            "search:\n  stopwords:\n    en: [the]\n  synonyms:\n    en:\n"
            "      - {words: [queue], also: [line out the door]}\n",
            "entry 1 also: 'line out the door' is never found (the search tries two words",
        ),
        (
            "search:\n  stopwords:\n    en: [the]\n  synonyms:\n    en:\n"
            "      - {words: [queue], also: [line very long]}\n",
            "'line very long' is never found",
        ),
        (
            "search:\n  stopwords:\n    en: [at, the]\n  synonyms:\n    en:\n      - {words: [free], also: [at the]}\n",
            "'at the' is never found (all its words are stopwords",
        ),
        (
            "search:\n  synonyms:\n    th:\n      - {words: [คิว], also: [รอ นาน]}\n",
            "'รอ นาน' is never found (Thai everyday words are searched as single runs",
        ),
        # definition questions (handbook-search.js, definitionTerm): one `*` where the term stands
        ("search:\n  definitions:\n    en: [what is]\n", "definitions: en must have `ask:`"),
        (
            'search:\n  definitions:\n    en: {ask: ["what is *"], also: [x]}\n',
            "definitions: en must have `ask:`",
        ),
        ('search:\n  definitions:\n    en: {ask: ["what is"]}\n', "ask: 'what is' needs one `*`"),
        ('search:\n  definitions:\n    en: {ask: ["* is *"]}\n', "ask: '* is *' needs one `*`"),
        ('search:\n  definitions:\n    en: {ask: ["*"]}\n', "ask: '*' needs one `*`"),
        ('search:\n  definitions:\n    en: {ask: ["* ^meaning"]}\n', "`^` only opens a pattern"),
        ('search:\n  definitions:\n    en: {ask: ["^ * meaning"]}\n', "`^` only opens a pattern"),
    ],
)
def test_a_bad_search_section_names_the_file_and_the_fix(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(HandbookError) as raised:
        load_search_words(path)
    assert message in str(raised.value)
    assert str(path) in str(raised.value)
    assert raised.value.fix


def test_the_built_word_list_is_gzip_json(built_site: Path) -> None:
    for lang in LANGUAGES:
        data = (built_site / "pagefind" / f"handbook-words-{lang.code}.json.gz").read_bytes()
        words = json.loads(gzip.decompress(data))
        # Thai: its short dictionary words too (ลูก, คา: search.MIN_THAI_VOCABULARY_WORD), no fragments
        shortest = 2 if lang.code == "th" else 4
        assert len(words) > 300 and all(len(word) >= shortest for word in words)
        if lang.code == "th":
            assert {"ลูก", "คา", "รอ"} <= set(words) and not {"ม่", "าง"} & set(words)


def _edition_text(lang: str) -> str:
    """Everything a language's edition says: docs/en for English, the PO files' translations otherwise."""
    import polib

    root = Path(__file__).resolve().parent.parent
    if lang == "en":
        return "\n".join(
            path.read_text(encoding="utf-8") for path in sorted((root / "docs" / "en").rglob("*.md"))
        )
    return "\n".join(
        entry.msgstr
        for path in sorted((root / "translations" / lang).rglob("*.po"))
        for entry in polib.pofile(str(path))
        if entry.msgstr and not entry.obsolete
    )


@pytest.mark.parametrize("lang", [lang.code for lang in LANGUAGES])
def test_every_synonym_group_names_a_word_its_edition_uses(lang: str) -> None:
    """A group whose page words an editor reworded away (ยัดเยียด -> ตื๊อ) silently stops working.

    Each group's `also` is swapped for a marker and the edition's text goes through the indexer's
    own token code: a marker that never comes out names a group no page of the edition reaches.
    """
    from handbook.site.search_words import Synonym

    table = tuple(
        Synonym(group.words, (f"group{number}marker",))
        for number, group in enumerate(WORDS.synonyms_for(lang))
    )
    indexed = add_index_only_tokens("<p>" + html_escape(_edition_text(lang)) + "</p>", lang, (), table)
    unused = [
        list(group.words)
        for number, group in enumerate(WORDS.synonyms_for(lang))
        if f"group{number}marker" not in indexed
    ]
    assert unused == [], f"{lang}: synonym groups whose words no page uses (translations/glossary.yml)"
