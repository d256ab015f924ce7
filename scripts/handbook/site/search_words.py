"""The search box's own word lists: stopwords and synonyms per language (issue 22).

They live in `translations/glossary.yml` under `search:` (reviewed like any text; the schema is
described at the top of that file). Stopwords go to the browser with the search box's settings:
the query's other words decide its results. Synonyms never reach the browser: `handbook build`
lists a synonym's everyday words as index-only tokens beside each word of a page it names, so the
index stays static and a first query loads no extra file.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from handbook.core.errors import HandbookError, yaml_error


@dataclass(frozen=True)
class Synonym:
    """Page words (lower case; a trailing * matches any ending) and the everyday words they stand for."""

    words: tuple[str, ...]
    also: tuple[str, ...]
    # the `also` phrases as written (their words, for the word list a typo is corrected against)
    phrases: tuple[str, ...] = ()

    def matches(self, reading: str) -> bool:
        return any(
            reading.startswith(word[:-1]) if word.endswith("*") else reading == word for word in self.words
        )


Synonyms = tuple[Synonym, ...]


@dataclass(frozen=True)
class Definitions:
    """How a language asks what a word means: `ask` patterns (words, `*` where the term stands:
    "what is *", "* คืออะไร") and the `filler` words a term may come with (exactly, בעצם)."""

    ask: tuple[str, ...] = ()
    filler: tuple[str, ...] = ()


@dataclass(frozen=True)
class SearchWords:
    stopwords: dict[str, tuple[str, ...]]
    synonyms: dict[str, Synonyms]
    definitions: dict[str, Definitions] = field(default_factory=dict)

    def synonyms_for(self, lang: str) -> Synonyms:
        return self.synonyms.get(lang, ())

    def stopwords_for(self, lang: str) -> tuple[str, ...]:
        return self.stopwords.get(lang, ())

    def definitions_for(self, lang: str) -> Definitions:
        return self.definitions.get(lang, Definitions())


EMPTY = SearchWords({}, {})


def normal(word: str) -> str:
    """Lower case without diacritics (Thai marks kept), as pages' words are compared with a synonym's `words`."""
    decomposed = unicodedata.normalize("NFD", str(word).strip().lower())
    return "".join(
        c
        for c in decomposed
        if c != "\u0640" and ("\u0e00" <= c <= "\u0e7f" or not unicodedata.category(c).startswith("M"))
    )


def _words(value: object, path: Path, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise HandbookError(
            f"glossary search section: {where} must be a list of words",
            path=path,
            fix=f"write {where} as [word, word, ...] (quote a word containing ':' or '#')",
        )
    return tuple(item.strip() for item in value)


def _check_searchable(phrase: str, lang: str, stopwords: tuple[str, ...], path: Path, where: str) -> None:
    """A phrase the script would never search is an error (handbook-search.js, phraseRuns: two
    words standing together, or three with a stopword between; not Thai, whose everyday words
    are single runs; never a run of stopwords only)."""
    words = [normal(word) for word in phrase.split()]
    if len(words) < 2:
        return
    why = None
    if lang == "th":
        why = "Thai everyday words are searched as single runs, never as phrases"
    elif len(words) > 3 or (len(words) == 3 and words[1] not in stopwords):
        why = "the search tries two words standing together, or three with a stopword between"
    elif all(word in stopwords for word in words):
        why = "all its words are stopwords, which the search leaves out"
    if why:
        raise HandbookError(
            f"glossary search section: {where} also: {phrase!r} is never found ({why})",
            path=path,
            fix="write it as two words (or three with a stopword of the language in the middle), "
            "or as separate everyday words",
        )


def load_search_words(path: Path) -> SearchWords:
    """The `search:` section of the glossary file at `path` (EMPTY when the file or section is missing)."""
    if not path.is_file():
        return EMPTY
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise yaml_error(
            error, what="glossary", path=path, fix="correct the YAML (indentation, quotes, a missing ':')"
        ) from None
    section = data.get("search") or {}
    if not isinstance(section, dict):
        raise HandbookError(
            "glossary: `search:` must be a mapping with `stopwords:` and `synonyms:`",
            path=path,
            fix="see the description of the search section at the top of the file",
        )
    stopwords = {
        str(lang): tuple(normal(word) for word in _words(words, path, f"stopwords: {lang}"))
        for lang, words in (section.get("stopwords") or {}).items()
    }
    synonyms: dict[str, Synonyms] = {}
    for lang, entries in (section.get("synonyms") or {}).items():
        table = []
        for number, entry in enumerate(entries or [], start=1):
            where = f"synonyms: {lang}, entry {number}"
            if not isinstance(entry, dict) or set(entry) != {"words", "also"}:
                raise HandbookError(
                    f"glossary search section: {where} must have exactly `words:` and `also:`",
                    path=path,
                    fix="write it as {words: [page word, ...], also: [everyday word, ...]}",
                )
            words = tuple(normal(word) for word in _words(entry["words"], path, where + " words"))
            everyday = _words(entry["also"], path, where + " also")
            for phrase in everyday:
                _check_searchable(phrase, str(lang), stopwords.get(str(lang), ()), path, where)
            also = tuple(phrase_token(phrase) for phrase in everyday)
            table.append(
                Synonym(words, also, tuple(phrase for phrase in everyday if len(phrase.split()) > 1))
            )
        synonyms[str(lang)] = tuple(table)
    definitions = {
        str(lang): _definitions(entry, path, f"definitions: {lang}")
        for lang, entry in (section.get("definitions") or {}).items()
    }
    return SearchWords(stopwords, synonyms, definitions)


def _definitions(entry: object, path: Path, where: str) -> Definitions:
    """A language's `definitions:` entry: `ask` patterns, each with one `*` (where the term stands)
    beside at least one word (and `^` before the first when the question must start with them),
    and `filler` words."""
    if not isinstance(entry, dict) or not set(entry) <= {"ask", "filler"} or "ask" not in entry:
        raise HandbookError(
            f"glossary search section: {where} must have `ask:` (and may have `filler:`)",
            path=path,
            fix='write it as {ask: ["what is *", ...], filler: [exactly, ...]}',
        )
    ask = tuple(" ".join(normal(word) for word in item.split()) for item in _words(entry["ask"], path, where + " ask"))
    for pattern in ask:
        words = pattern.split()
        if words.count("*") != 1 or len(words) < 2:
            raise HandbookError(
                f"glossary search section: {where} ask: {pattern!r} needs one `*` (where the term "
                "stands) and at least one word beside it",
                path=path,
                fix='write it as the question\'s words with * for the term: "what is *", "* คืออะไร"',
            )
        # `^`: the question starts with the pattern (stopwords and fillers before it aside)
        if "^" in pattern and (not pattern.startswith("^") or pattern.count("^") != 1 or words[0] in ("^", "^*")):
            raise HandbookError(
                f"glossary search section: {where} ask: {pattern!r}: `^` only opens a pattern whose "
                "words come before `*`",
                path=path,
                fix='write it as "^ما هو *" (the question starts with ما هو), or leave `^` out',
            )
    filler = tuple(normal(word) for word in _words(entry.get("filler") or [], path, where + " filler")) if entry.get("filler") else ()
    return Definitions(ask, filler)


# An everyday phrase ("money back", "short staffed") is indexed as one token, its words joined
# after a PHRASE_MARK, never as its words: "back" or "short" alone would land on the refund and
# queue pages. The script searches each run of two words (three with a stopword between) of a
# query joined the same way (handbook-search.js, PHRASE_MARK). Pagefind drops every character of
# an indexed word that is not a letter or digit ("_moneyback_" is stored as "moneyback", which
# "money" typed alone matches as a prefix), so the mark is a letter: ǂ (U+01C2, a click letter no
# one types), which keeps every typed word from being the start of a phrase token.
PHRASE_MARK = "\u01c2"


def phrase_token(phrase: str) -> str:
    """`phrase` as the index holds it: a word as it is, several words joined after a PHRASE_MARK
    (without apostrophes: "don't know" and "dont know" are one phrase, as the script joins them)."""
    words = phrase.split()
    if len(words) == 1:
        return words[0]
    return PHRASE_MARK + _APOSTROPHES.sub("", "".join(normal(word) for word in words))


_APOSTROPHES = re.compile("['\u2018\u2019\u02bc\uff07]")


def synonym_tokens(readings: set[str], table: Synonyms) -> list[str]:
    """The everyday words of every synonym in `table` naming one of `readings` (normalised words),
    in the table's order."""
    tokens: list[str] = []
    for at in sorted({at for reading in readings for at in _naming(reading, table)}):
        tokens += [word for word in table[at].also if word not in tokens]
    return tokens


@functools.lru_cache(maxsize=262144)
def _naming(reading: str, table: Synonyms) -> tuple[int, ...]:
    """Where in `table` the synonyms naming `reading` are: worked out once per word and table (the
    index's words repeat on every page; the build hands in a table that hashes once)."""
    return tuple(at for at, synonym in enumerate(table) if synonym.matches(reading))
