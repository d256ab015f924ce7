"""The search index's token rules: the index-only tokens added to each page handed to Pagefind.

Pagefind (one index per `<html lang>`) stems English, Russian and Arabic and segments Thai, but
cannot match a Hebrew word behind its one-letter prefixes (ה, ו, ב, כ, ל, מ, ש), an Arabic word
behind a conjunction and the article (والعميل, فالعميل) or a bare preposition (لعميل), a singular
with its irregular plural (عميل, عملاء; עיקרון, עקרונות), or a Thai word inside a dictionary
compound (ถั่ว in นมถั่วเหลือง: the browser segments queries finer than the indexer). So every such
word is followed by *index-only tokens* (its stems, the glossary's other forms of the word, its
inner words), bracketed by U+2063/U+2064, in the copy of the page handed to Pagefind only (the
served HTML is untouched); the browser script picks excerpts by the other words (however many
tokens follow a word) and removes the tokens from them. The script
(`overrides/assets/javascripts/handbook-search.js`) mirrors `stem_variants` for the query side;
both are tested against `tests/data/search/normalise_cases.yml`.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from html import escape as html_escape
from html import unescape as html_unescape

from handbook.site.bidi import without_isolation
from handbook.site.search_words import PHRASE_MARK, Synonyms, normal, synonym_tokens
from handbook.translate.glossary import Glossary

# Brackets a token that exists only in the search index (the browser script strips it from
# excerpts): U+2063 INVISIBLE SEPARATOR ... U+2064 INVISIBLE PLUS. Pagefind drops both from words.
INDEX_ONLY_MARK = "\u2063"
INDEX_ONLY_END = "\u2064"
# Shortest stem worth a token: shorter ones ("של" -> "ל") match far too much.
MIN_STEM = 3
MAX_PREFIX = 5
# A whole prefix run, in grammatical order. Hebrew: and, that/when, preposition, article.
# Arabic: and/so, preposition, article; "لل" is ل + the article with its alif dropped; spoken
# "هال" (this: هالدليل) and "عال" (on the: عالطاولة) are ها and على joined to the article.
PREFIX_GRAMMAR: dict[str, re.Pattern[str]] = {
    "he": re.compile(r"^ו?(?:ש|כש|מש)?[בכלמ]?ה?$"),
    "ar": re.compile(r"^[وف]?(?:[بكل]?(?:ال)?|لل|هال|عال)$"),
}
WORD = {
    "he": re.compile(r"[\u05D0-\u05EA\u0591-\u05C7]+"),
    "ar": re.compile(r"[\u0621-\u065F\u0670-\u06D3]+"),
    "th": re.compile(r"[\u0E01-\u0E3A\u0E40-\u0E4E]+"),
}
# Latin and Cyrillic words: where synonyms (and brand names in any language's pages) are looked up.
OTHER_WORD = r"[A-Za-z\u00C0-\u024F\u0400-\u04FF]+"
TATWEEL = "\u0640"
# How many of newmm's Thai words a synonym's page word may span (วันที่|แย่, คืน|เงิน).
THAI_JOIN = 3
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")


@functools.lru_cache(maxsize=262144)  # a page's words repeat, across pages too
def fold(word: str) -> str:
    """The word without diacritics (niqqud, harakat, hamza seats) or tatweel, as Pagefind compares it.

    Thai vowel and tone marks are letters of the word (ภักดี is not ภกด): they stay.
    """
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if _kept(c))


def _kept(char: str) -> bool:
    return char != TATWEEL and (
        "\u0e00" <= char <= "\u0e7f" or not unicodedata.category(char).startswith("M")
    )


# Groups of one word's forms that a reader searching for one of them means all of (a singular and
# its broken plural). Each group is a frozenset of folded words; a tuple of them is hashable, so
# it can be part of `expand_run`'s cache key.
WordGroups = tuple[frozenset[str], ...]


def glossary_word_groups(glossary: Glossary, lang: str) -> WordGroups:
    """Each key term's one-word renderings in `lang` (the agreed one and its `forms`), as a group.

    The glossary lists forms its QA matcher cannot derive: for Hebrew and Arabic, irregular and
    broken plurals (עיקרון/עקרונות, عميل/عملاء, شكوى/شكاوى). Only languages with prefix rules get
    groups: Pagefind's own stemmers handle Russian and English, and Thai forms are phrases.
    """
    if lang not in PREFIX_GRAMMAR:
        return ()
    groups = []
    for term in glossary.terms:
        words = frozenset(fold(form) for form in term.renderings.get(lang, ()) if len(form.split()) == 1)
        if len(words) > 1:
            groups.append(words)
    return tuple(groups)


def stem_variants(word: str, lang: str) -> list[str]:
    """Every reading of `word` with a valid prefix run removed, longest stem first.

    `stem_variants("שהלקוח", "he") == ["הלקוח", "לקוח"]`; languages without a rule give `[]`.
    """
    grammar = PREFIX_GRAMMAR.get(lang)
    if grammar is None:
        return []
    folded = fold(word)
    variants: list[str] = []
    for cut in range(1, min(MAX_PREFIX, len(folded) - MIN_STEM) + 1):
        if grammar.match(folded[:cut]):
            variants.append(folded[cut:])
    return variants


# Hebrew final letters (ך ם ן ף ץ) and their ordinary forms: a word's last letter changes when an
# ending follows (מלך, מלכים; נאמן, נאמנים), and Pagefind matches a query word as the start of index
# words, so the singular is no prefix of its plural. The script searches a query word of three
# letters or more that ends in one with the ordinary letter (מלך as מלכ), which one search finds
# both in מלכים and in the index-only token מלכ that follows each מלך; the word's index-only
# readings (stems, forms, everyday words) are indexed that way only (המלך: המלכ, מלכ), since no query
# searches them with the final letter (the word list for typos holds them as typed). A sound plural
# in ים keeps its form: the script searches it without the ending (מלכים as מלכ).
FINAL_LETTERS = {
    "\u05da": "\u05db",
    "\u05dd": "\u05de",
    "\u05df": "\u05e0",
    "\u05e3": "\u05e4",
    "\u05e5": "\u05e6",
}
_HEBREW_PLURAL_IM = re.compile("^.{3,}\u05d9\u05dd$")


def open_ending(word: str, lang: str) -> str | None:
    """`word` (folded) with its final letter as the ordinary one, as the index and the script hold
    it (`open_ending("מלך", "he") == "מלכ"`); None for a word that keeps its form (shorter than
    MIN_STEM, no final letter, a sound plural in ים, another language)."""
    if lang != "he" or len(word) < MIN_STEM or word[-1] not in FINAL_LETTERS or _HEBREW_PLURAL_IM.match(word):
        return None
    return word[:-1] + FINAL_LETTERS[word[-1]]


# Marks after an opened ending in the index (Pagefind drops points, as `fold`), so that the word list
# for typos (`search.vocabulary`) reads the word as typed: a reading's opened form (מלכ of המלך's
# stem) as מלך, and the page word's own opened form (מלכ after מלך) not again.
OPENED_READING = "\u05c4"  # HEBREW MARK UPPER DOT
OPENED_WORD = "\u05c5"  # HEBREW MARK LOWER DOT


def _with_open_endings(word: str | None, tokens: list[str], lang: str) -> list[str]:
    """`tokens` with their final letters opened (a phrase token, joined after PHRASE_MARK, is
    searched as typed), after the opened form of the page's `word` itself."""
    if lang != "he":
        return tokens
    own = open_ending(fold(word), lang) if word else None
    opened = [own + OPENED_WORD] if own else []
    for token in tokens:
        open_token = None if token.startswith(PHRASE_MARK) else open_ending(token, lang)
        opened.append(open_token + OPENED_READING if open_token and open_token != own else token)
    return list(dict.fromkeys(opened))


_CLOSING = {opened: final for final, opened in FINAL_LETTERS.items()}


def as_typed(word: str) -> str:
    """A Hebrew index-only word as a reader types it: an opened reading with its final letter back
    (מלכ -> מלך), the page word's own opened form nothing (the word itself is there)."""
    if word.endswith(OPENED_WORD):
        return ""
    if word.endswith(OPENED_READING):
        return word[:-2] + _CLOSING[word[-2]]
    return word


@functools.lru_cache(maxsize=65536)
def _thai_syllables(token: str) -> tuple[str, ...]:
    from pythainlp.tokenize import syllable_tokenize

    return tuple(syllable_tokenize(token, engine="han_solo"))


def thai_inner_words(word: str) -> list[str]:
    """Syllable-aligned suffixes of one Thai dictionary word (นมถั่วเหลือง -> ถั่วเหลือง, เหลือง).

    Pagefind's indexer keeps dictionary compounds whole while the browser's Intl.Segmenter splits
    the query finer (ถั่ว, เหลือง); Pagefind matches query words as prefixes of index words, so the
    suffixes make every inner word findable.
    """
    if len(word) < 4:
        return []
    syllables = _thai_syllables(word)
    suffixes = ["".join(syllables[start:]) for start in range(1, len(syllables))]
    return [suffix for suffix in suffixes if len(suffix) >= 2]


def _thai_pieces(word: str) -> list[str]:
    """An everyday Thai word's inner words and its letter-aligned tails of three letters or more.

    The browser's segmenter cuts a word it does not know (a transliterated brand) anywhere
    (ส|ตาร์บัคส์), not on syllables, so every tail that starts on a consonant or a leading vowel
    is indexed.
    """
    tails = [
        word[start:]
        for start in range(1, len(word) - 2)
        if not unicodedata.category(word[start]).startswith("M")
    ]
    return [*thai_inner_words(word), *(tail for tail in tails if tail not in thai_inner_words(word))]


def _with_tokens(word: str, tokens: list[str]) -> str:
    return word + "".join(f" {INDEX_ONLY_MARK}{token}{INDEX_ONLY_END}" for token in tokens)


@functools.lru_cache(maxsize=262144)
def expand_run(run: str, lang: str, groups: WordGroups = (), synonyms: Synonyms = ()) -> str:
    """One run of letters followed by its index-only tokens (cached: runs repeat across pages)."""
    script = WORD.get(lang)
    if script is None or not script.fullmatch(run):  # a Latin or Cyrillic word
        also = synonym_tokens({normal(run)}, synonyms)
        if lang == "th":
            also += [part for word in also for part in _thai_pieces(word) if part not in also]
        return _with_tokens(run, _with_open_endings(None, also, lang))
    if lang == "th":
        from pythainlp.tokenize import word_tokenize

        words = word_tokenize(run, engine="newmm", keep_whitespace=False)
        out = []
        for index, thai in enumerate(words):
            inner = thai_inner_words(thai)
            # A synonym's page word may be cut in two or three by the segmenter (คืน|เงิน): joins count.
            joins = {
                "".join(words[index:end]) for end in range(index + 2, min(index + THAI_JOIN, len(words)) + 1)
            }
            also = synonym_tokens({thai, *inner, *joins}, synonyms)
            # An everyday word's inner words too: the browser splits transliterations oddly (ส|ตาร์บัคส์).
            also += [part for word in also for part in _thai_pieces(word) if part not in also]
            out.append(_with_tokens(thai, inner + also))
        return "".join(out)
    tokens = stem_variants(run, lang)
    readings = {fold(run), *tokens}
    for group in groups:
        if not group.isdisjoint(readings):
            tokens += sorted(group - readings)
            readings |= group
    tokens += [token for token in synonym_tokens(readings, synonyms) if token not in readings]
    return _with_tokens(run, _with_open_endings(run, tokens, lang))


def add_index_only_tokens(html: str, lang: str, groups: WordGroups = (), synonyms: Synonyms = ()) -> str:
    """`html` with each word's index-only tokens inserted after it, bracketed by the invisible marks.

    Hebrew and Arabic words get their prefix-stripped stems and, where the word or a stem is in one
    of `groups`, the group's other forms; each word of a Thai run (split with pythainlp's newmm)
    gets its inner words, right after it so excerpts centre on the real text; a word `synonyms`
    names (any language, any script) gets their everyday words.
    """
    pattern = "|".join(([WORD[lang].pattern] if lang in WORD else []) + ([OTHER_WORD] if synonyms else []))
    if not pattern:
        return html
    groups, synonyms = _HashedOnce(groups), _HashedOnce(synonyms)
    word = _word_pattern(pattern)
    parts = _TAG_OR_TEXT.split(html)
    in_raw_text = False
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            name = part[1:].split(None, 1)[0].lower().rstrip(">") if len(part) > 2 else ""
            if name in ("script", "style", "title"):
                in_raw_text = True
            elif name in ("/script", "/style", "/title"):
                in_raw_text = False
        elif part and not in_raw_text:
            parts[index] = word.sub(lambda match: expand_run(match.group(0), lang, groups, synonyms), part)
    return "".join(parts)


class _HashedOnce(tuple):
    """A tuple that computes its hash once: `expand_run`'s cache key holds the whole synonym table
    and word groups, and hashing them again for every word of a page was most of the index's time."""

    def __hash__(self) -> int:
        try:
            return self.__dict__["hash"]
        except KeyError:
            self.__dict__["hash"] = value = tuple.__hash__(self)
            return value


@functools.lru_cache(maxsize=8)
def _word_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


# The kind of the home page, glossary and sources: the script ranks them after other pages unless
# the query names them, by a word of their title or an everyday word for one (`title_names`).
REFERENCE_KIND = "page"
_H1 = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
_INDEX_ONLY_RUN = re.compile(f"{INDEX_ONLY_MARK}([^{INDEX_ONLY_END}]*){INDEX_ONLY_END}")


def title_names(article: str, lang: str, groups: WordGroups = (), synonyms: Synonyms = ()) -> list[str]:
    """The words a reader may name a reference page by besides its title's: the everyday words
    synonyms give its first heading's words (the glossary is named by "meaning", "what does X
    mean"; the sources page by "trust", "true"), lower case, once each. Not the heading's stems or
    Thai inner words: those are pieces (เชื่อ holds ชื่อ, a name), and the title itself is matched as it is."""
    found = _H1.search(article)
    if not found:
        return []
    heading = _TAG_OR_TEXT.sub(" ", found.group(1))
    tokens = [
        as_typed(word)
        for run in _INDEX_ONLY_RUN.findall(add_index_only_tokens(heading, lang, groups, synonyms))
        for word in run.split()
    ]
    # The heading's words as written (a Thai title is one run: อภิธานศัพท์), and its tokens.
    readings = {normal(word) for word in [*html_unescape(heading).split(), *tokens]}
    everyday = set(synonym_tokens(readings, synonyms))
    names: list[str] = []
    for name in (fold(token).lower() for token in tokens if token in everyday):
        if name not in names:
            names.append(name)
    return names


_SEARCH_META = re.compile(r'<meta name="hb-search-(summary|keywords|kind)" content="([^"]*)"')
# How much a summary or keyword match counts against a body word's 1 (Pagefind: h1 7, h2 6, ...).
SUMMARY_WEIGHT = 5
KEYWORDS_WEIGHT = 6


def _index_only_block(text: str, lang: str, weight: int, groups: WordGroups, synonyms: Synonyms) -> str:
    """`text` with its tokens as one index-only run, in an element Pagefind weighs `weight`."""
    expanded = add_index_only_tokens(html_escape(text, quote=False), lang, groups, synonyms)
    flat = expanded.replace(INDEX_ONLY_MARK, "").replace(INDEX_ONLY_END, "")
    return f'<p data-pagefind-weight="{weight}">{INDEX_ONLY_MARK}{flat}{INDEX_ONLY_END}</p>'


def index_copy(html: str, lang: str, groups: WordGroups = (), synonyms: Synonyms = ()) -> str:
    """What Pagefind reads of a built page: its head and its article, with index-only tokens.

    Navigation, header and footer are left out (Pagefind would skip them anyway, after parsing).
    The page's summary and search keywords (`<meta name="hb-search-...">`, overrides/main.html)
    open the article as weighted index-only text; its kind becomes Pagefind metadata (`hb_kind`),
    which the script uses to rank the home page, glossary and sources below other pages.
    Right-to-left isolation (`handbook.site.bidi`) is taken out: the index holds the plain text.
    """
    html = without_isolation(html)
    marker = html.find("data-pagefind-body")
    body = html.find("<body")
    if marker < 0 or body < 0:
        return add_index_only_tokens(html, lang, groups, synonyms)
    start = html.rfind("<", 0, marker)
    end = html.find("</article>", start)
    raw_article = html[start : end if end >= 0 else len(html)]
    article = add_index_only_tokens(raw_article, lang, groups, synonyms)
    meta = {name: html_unescape(value) for name, value in _SEARCH_META.findall(html[:body])}
    extra = "".join(
        _index_only_block(meta[name], lang, weight, groups, synonyms)
        for name, weight in (("summary", SUMMARY_WEIGHT), ("keywords", KEYWORDS_WEIGHT))
        if meta.get(name, "").strip()
    )
    if meta.get("kind"):
        extra += f'<span data-pagefind-meta="hb_kind:{html_escape(meta["kind"])}"></span>'
    if meta.get("kind") == REFERENCE_KIND:
        # Written even when empty: every language's entry of a page has the same metadata keys.
        names = title_names(raw_article, lang, groups, synonyms)
        extra += f'<span data-pagefind-meta="hb_names:{html_escape(" ".join(names))}"></span>'
    opened = article.find(">") + 1
    article = article[:opened] + extra + article[opened:]
    return html[:body] + "<body>" + article + "</body></html>\n"
