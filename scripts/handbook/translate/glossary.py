"""The term list `translations/glossary.yml`: brand names, people and places, key terms, number rules.

The file's own header comment is the schema; `load_glossary` checks every entry against it and
names the file, the entry and the fix for a bad one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

from handbook.core.errors import HandbookError, yaml_error
from handbook.translate.money import MoneyRule, load_money

# Hebrew final letters take their medial form inside a word (נאמן -> הנאמנים).
_HEBREW_FINALS = str.maketrans("ךםןףץ", "כמנפצ")
# Arabic: short-vowel marks and tatweel are optional; hamza seats and taa marbuta vary in plurals.
_ARABIC_MARKS = re.compile("[\u064b-\u0652\u0670\u0640]")
_ARABIC_LETTERS = str.maketrans("أإآىةئؤ", "ااييهءء")
# Endings that inflect (Russian case endings; Hebrew and Arabic feminine/plural endings): a
# rendering also matches when only these change. Prefixes (ה, ال, в) are covered by matching
# inside words. Irregular forms (broken plurals) go in the glossary's `forms`.
_ENDINGS = {
    "ru": re.compile("[аяоеёиыуюьй]{1,2}$"),
    "he": re.compile("[הת]$"),
    "ar": re.compile("[هيو]$"),
}
# Definiteness varies with the sentence: the article is not part of what a term must match.
_ARTICLES = {"ar": re.compile("^ال"), "he": re.compile("^ה")}


def fold(text: str, lang: str) -> str:
    """`text` in the form glossary matching compares: case, final letters and marks folded."""
    text = text.casefold()
    if lang == "he":
        text = text.translate(_HEBREW_FINALS)
    elif lang == "ar":
        text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    elif lang == "ru":
        text = text.replace("ё", "е")
    return text


def stem(word: str, lang: str) -> str:
    """`word` (already folded) without an inflecting ending, keeping at least three letters."""
    article = _ARTICLES.get(lang)
    if article is not None and len(article.sub("", word)) >= 3:
        word = article.sub("", word)
    ending = _ENDINGS.get(lang)
    if ending is None:
        return word
    cut = ending.sub("", word)
    return cut if len(cut) >= 3 else word


@dataclass(frozen=True)
class Term:
    """One key term: the English and its agreed rendering per language (plus accepted other forms)."""

    english: str
    renderings: dict[str, tuple[str, ...]]

    @cached_property
    def source_pattern(self) -> re.Pattern[str]:
        words = [re.escape(word) for word in self.english.split()]
        # "customer" also matches "customers"/"customer's"; never "customary".
        return re.compile(r"\b" + r"\s+".join(words) + r"(?:s|es|'s)?\b", re.IGNORECASE)

    def accepted(self, lang: str, text: str) -> bool:
        """Whether `text` uses the agreed rendering (in any of its accepted forms) for `lang`."""
        return uses_any(self.renderings.get(lang, ()), lang, text)


def uses_any(forms: tuple[str, ...], lang: str, text: str) -> bool:
    """Whether `text` holds one of `forms`, each word possibly inflected or behind a prefix."""
    folded = fold(text, lang)
    for form in forms:
        if all(stem(word, lang) in folded for word in fold(form, lang).split()):
            return True
    return False


_LATIN_LETTER = re.compile("[A-Za-z]")
SCRIPT_LETTERS = {
    "he": re.compile("[\u05d0-\u05ea]"),
    "ar": re.compile("[\u0621-\u064a]"),
    "th": re.compile("[\u0e01-\u0e4e]"),
    "ru": re.compile("[\u0400-\u04ff]"),
}
NAME_KINDS = ("person", "place")
# The languages the glossary's names and numbers are written and checked in: those whose script it
# knows. A language added to mkdocs.yml later joins here with its letters (until then its pages are
# not checked against the names), so the glossary never depends on which project was found first.
TARGET_LANGUAGES: tuple[str, ...] = tuple(SCRIPT_LETTERS)


@dataclass(frozen=True)
class Name:
    """A person or place: how each language writes it (Latin, or its usual transcription)."""

    english: tuple[str, ...]  # the full name first, then short forms ("Lily")
    kind: str
    renderings: dict[str, tuple[str, ...]]  # lang -> the rendering first, then other forms
    gloss: dict[str, str]

    def latin(self, lang: str) -> bool:
        """Whether `lang` keeps the name in Latin script."""
        return self.renderings[lang][0] == self.english[0]

    @cached_property
    def source_pattern(self) -> re.Pattern[str]:
        alternatives = "|".join(re.escape(form) for form in sorted(self.english, key=len, reverse=True))
        return re.compile(rf"(?<![A-Za-z0-9])(?:{alternatives})(?![A-Za-z0-9])")

    def written(self, lang: str, text: str) -> bool:
        """Whether `text` writes the name as agreed for `lang` (inflected or after a prefix)."""
        if self.latin(lang):
            return any(
                re.search(rf"(?<![A-Za-z0-9]){re.escape(form)}(?![A-Za-z0-9])", text)
                for form in self.renderings[lang]
            )
        return uses_any(self.renderings[lang], lang, text)


@dataclass(frozen=True)
class NumberRule:
    """How one language writes numbers: digits, the group separator, the decimal mark."""

    digits: str = "western"
    group: str = ","
    decimal: str = "."
    # Small whole numbers a writer of the language spells out ("2 days" -> Hebrew "יומיים"):
    # (number, the accepted word forms), each form matched as a whole word (Thai: anywhere).
    words: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def spelled_out(self, missing: Counter[str], text: str, lang: str) -> Counter[str]:
        """The numbers of `missing` that `text` writes as one of their accepted words."""
        covered: Counter[str] = Counter()
        for number, forms in self.words:
            want = missing[number]
            if not want:
                continue
            alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
            pattern = alternatives if lang == "th" else rf"(?<!\w)(?:{alternatives})(?!\w)"
            covered[number] = min(want, len(re.findall(pattern, text)))
        return +covered


@dataclass(frozen=True)
class Glossary:
    do_not_translate: tuple[str, ...]
    terms: tuple[Term, ...]
    names: tuple[Name, ...] = ()
    numbers: dict[str, NumberRule] = field(default_factory=dict)
    money: dict[str, dict[str, MoneyRule]] = field(default_factory=dict)

    @property
    def kept_in_latin(self) -> tuple[str, ...]:
        """Brand names, and every name written in Latin script in every language (machine
        engines must leave these alone)."""
        latin = [name.english[0] for name in self.names if all(name.latin(lang) for lang in TARGET_LANGUAGES)]
        return (*self.do_not_translate, *latin)

    def names_used(self, source: str) -> list[Name]:
        """People and places `source` mentions; a short form inside a full one counts once."""
        return [name for name in self.names if name.source_pattern.search(source)]

    def names_in(self, text: str) -> list[str]:
        return [
            name
            for name in self.do_not_translate
            if re.search(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])", text)
        ]


TOP_LEVEL = ("do_not_translate", "names", "terms", "numbers", "money")
RESERVED = ("synonyms", "search")  # loaded by their own feature (issue 22)


def load_glossary(path: Path) -> Glossary:
    """Read and validate the glossary; a HandbookError names the file, the entry and the fix."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise HandbookError("the glossary is missing", path=path, fix="restore it from git") from None
    except yaml.YAMLError as exc:
        raise yaml_error(
            exc, what="the glossary", path=path, fix="correct the YAML syntax at that line"
        ) from None
    if not isinstance(data, dict):
        raise HandbookError(
            "the glossary is not a mapping of sections", path=path, fix="see the schema at its top"
        )
    unknown = sorted(set(data) - set(TOP_LEVEL) - set(RESERVED))
    if unknown:
        raise HandbookError(
            f"unknown section(s) {', '.join(unknown)}",
            path=path,
            fix=f"use only {', '.join(TOP_LEVEL)} (and the reserved {', '.join(RESERVED)}); see the schema at its top",
        )
    terms: list[Term] = []
    entries = [entry for entry in data.get("terms") or [] if isinstance(entry, dict)]
    # The languages the glossary covers: every one that any term renders (a language added to the
    # site is checked against the glossary once its terms are added, for every term at once).
    covered = sorted({str(key) for entry in entries for key in entry} - {"en", "forms", "note", "notes"})
    for index, entry in enumerate(entries, start=1):
        missing = [key for key in ("en", *covered) if not entry.get(key)]
        if missing:
            raise HandbookError(
                f"term #{index} ({entry.get('en', '?')!r}) lacks {', '.join(missing)}",
                path=path,
                fix=f"give every term a rendering in en, {', '.join(covered)}",
            )
        forms = entry.get("forms") or {}
        renderings = {lang: (str(entry[lang]), *(str(f) for f in forms.get(lang, []))) for lang in covered}
        terms.append(Term(str(entry["en"]), renderings))
    names_list = tuple(str(name) for name in data.get("do_not_translate") or [])
    people = tuple(
        _load_name(path, index, entry) for index, entry in enumerate(data.get("names") or [], start=1)
    )
    clash = sorted(set(names_list) & {form for name in people for form in name.english})
    if clash:
        raise HandbookError(
            f"{', '.join(clash)} is both in do_not_translate and in names",
            path=path,
            fix="a person or place belongs in names only; delete it from do_not_translate",
        )
    return Glossary(
        names_list,
        tuple(terms),
        people,
        _load_numbers(path, data.get("numbers") or {}),
        load_money(path, data.get("money") or {}, TARGET_LANGUAGES),
    )


def _load_name(path: Path, index: int, entry: object) -> Name:
    if not isinstance(entry, dict) or not entry.get("en"):
        raise HandbookError(
            f"names entry #{index} has no en", path=path, fix="give each entry en, kind, he, ar, th and ru"
        )
    english = str(entry["en"])
    where = f"names entry #{index} ({english!r})"
    unknown = sorted(set(entry) - {"en", "kind", "gloss", "forms", *TARGET_LANGUAGES})
    if unknown:
        raise HandbookError(
            f"{where} has unknown key(s) {', '.join(unknown)}",
            path=path,
            fix="use only en, kind, he, ar, th, ru, gloss and forms",
        )
    if entry.get("kind") not in NAME_KINDS:
        raise HandbookError(
            f"{where} has kind {entry.get('kind')!r}",
            path=path,
            fix="set kind: person or kind: place (brands and publications go in do_not_translate)",
        )
    missing = [lang for lang in TARGET_LANGUAGES if not entry.get(lang)]
    if missing:
        raise HandbookError(
            f"{where} lacks {', '.join(missing)}",
            path=path,
            fix=f"write how {', '.join(missing)} renders it: the English as is (Latin), or its usual transcription",
        )
    forms = entry.get("forms") or {}
    gloss = {str(lang): str(text) for lang, text in (entry.get("gloss") or {}).items()}
    renderings: dict[str, tuple[str, ...]] = {}
    for lang in TARGET_LANGUAGES:
        rendering = str(entry[lang])
        if rendering != english and _LATIN_LETTER.search(rendering):
            raise HandbookError(
                f"{where}: the {lang} rendering {rendering!r} mixes scripts",
                path=path,
                fix=f"write either the English exactly ({english!r}) or a transcription in {lang} script only; "
                "an explanation goes in gloss",
            )
        if rendering != english and not SCRIPT_LETTERS[lang].search(rendering):
            raise HandbookError(
                f"{where}: the {lang} rendering {rendering!r} is not in {lang} script",
                path=path,
                fix=f"write the English exactly ({english!r}) or its usual {lang} transcription",
            )
        renderings[lang] = (rendering, *(str(form) for form in forms.get(lang, [])))
    for lang, text in gloss.items():
        if (
            lang not in TARGET_LANGUAGES
            or not SCRIPT_LETTERS[lang].search(text)
            or _LATIN_LETTER.search(text)
        ):
            raise HandbookError(
                f"{where}: gloss {lang}: {text!r} is not a gloss in a target language's script",
                path=path,
                fix="write each gloss in its language's script, keyed by he, ar, th or ru",
            )
    english_forms = (english, *(str(form) for form in forms.get("en", [])))
    return Name(english_forms, str(entry["kind"]), renderings, gloss)


def _load_numbers(path: Path, section: object) -> dict[str, NumberRule]:
    if not isinstance(section, dict):
        raise HandbookError(
            "numbers is not a mapping", path=path, fix="write numbers: {lang: {digits, group, decimal}}"
        )
    rules: dict[str, NumberRule] = {}
    for lang, rule in section.items():
        where = f"numbers rule {lang!r}"
        if lang not in TARGET_LANGUAGES or not isinstance(rule, dict):
            raise HandbookError(
                f"{where} is not a rule for a target language",
                path=path,
                fix=f"key each rule by one of {', '.join(TARGET_LANGUAGES)}, with digits, group and decimal",
            )
        unknown = sorted(set(rule) - {"digits", "group", "decimal", "words"})
        if unknown:
            raise HandbookError(
                f"{where} has unknown key(s) {', '.join(unknown)}",
                path=path,
                fix="use only digits, group, decimal, words",
            )
        digits = str(rule.get("digits", "western"))
        group = str(rule.get("group", ","))
        decimal = str(rule.get("decimal", "."))
        if digits != "western":
            raise HandbookError(
                f"{where}: digits {digits!r} is not supported", path=path, fix="write digits: western"
            )
        if group not in (",", ".", "", " ", "\u00a0", "\u202f", "'"):
            raise HandbookError(
                f"{where}: group {group!r} is not a digit-group separator",
                path=path,
                fix='use ",", "\\u00a0" (no-break space), "\\u202f" (narrow no-break space) or "" (none)',
            )
        if decimal not in (".", ",") or decimal == group:
            raise HandbookError(
                f"{where}: decimal {decimal!r} is not a decimal mark different from the group separator",
                path=path,
                fix='use "." or "," (not the group separator)',
            )
        rules[lang] = NumberRule(digits, group, decimal, _number_words(path, where, lang, rule.get("words")))
    return rules


def _number_words(
    path: Path, where: str, lang: str, words: object
) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """`words: {2: [יומיים, שני, ...]}`: whole numbers from 0 to 10, each with forms in `lang`'s script."""
    if words is None:
        return ()
    fix = f"write words: {{2: [forms in {lang}'s script]}} for whole numbers from 0 to 10"
    if not isinstance(words, dict):
        raise HandbookError(f"{where}: words is not a mapping", path=path, fix=fix)
    result = []
    for number, forms in words.items():
        if not (isinstance(number, int) and 0 <= number <= 10):
            raise HandbookError(
                f"{where}: words key {number!r} is not a whole number from 0 to 10", path=path, fix=fix
            )
        if (
            not isinstance(forms, list)
            or not forms
            or not all(isinstance(form, str) and SCRIPT_LETTERS[lang].search(form) for form in forms)
        ):
            raise HandbookError(
                f"{where}: words for {number} must be a list of forms in {lang}'s script", path=path, fix=fix
            )
        result.append((str(number), tuple(forms)))
    return tuple(sorted(result))
