"""The term list `translations/glossary.yml`: names never translated and one rendering per key term."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import yaml

from handbook.core.errors import HandbookError, yaml_error

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
        folded = fold(text, lang)
        for form in self.renderings.get(lang, ()):
            if all(stem(word, lang) in folded for word in fold(form, lang).split()):
                return True
        return False


@dataclass(frozen=True)
class Glossary:
    do_not_translate: tuple[str, ...]
    terms: tuple[Term, ...]

    def names_in(self, text: str) -> list[str]:
        return [
            name
            for name in self.do_not_translate
            if re.search(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])", text)
        ]


def load_glossary(path: Path) -> Glossary:
    """Read and validate the glossary; a HandbookError names the entry and the fix."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise HandbookError("the glossary is missing", path=path, fix="restore it from git") from None
    except yaml.YAMLError as exc:
        raise yaml_error(
            exc, what="the glossary", path=path, fix="correct the YAML syntax at that line"
        ) from None
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
    names = tuple(str(name) for name in data.get("do_not_translate") or [])
    return Glossary(names, tuple(terms))
