"""Script-based language identification for `handbook ingest` (en, he, ar, th, ru only)."""

from __future__ import annotations

import re
from collections import Counter

# Enough text to tell the language; a 10 MB article is not read in full for this.
SAMPLE_CHARS = 100_000
LANGUAGE_OF_SCRIPT = {"latin": "en", "cyrillic": "ru", "hebrew": "he", "arabic": "ar", "thai": "th"}
SCRIPT_OF_LANGUAGE = {lang: script for script, lang in LANGUAGE_OF_SCRIPT.items()}

# Letters that mark a sibling language written in the same script.
_NOT_RUSSIAN = re.compile("[іїєґўІЇЄҐЎ]")  # Ukrainian, Belarusian
_NOT_ARABIC = re.compile("[پچژگکیۀ]")  # Persian, Urdu
_NOT_HEBREW = re.compile("[\u05f0-\u05f2]|\u05d9\u05b4")  # Yiddish ligatures
_ENGLISH_STOPWORDS = frozenset(
    "the and of to a in is it that for you with on are as be this was have your not they at or "
    "by from we but can will an their if all do more what when who so about has one our would "
    "there them been how which out up also than its no into some any other just only".split()
)
_WORD = re.compile(r"[A-Za-z']+")


class LanguageError(ValueError):
    """The text is not (clearly) in one of the five languages; the message says what was found."""


_SCRIPT_PATTERNS: dict[str, re.Pattern[str]] = {
    "latin": re.compile("[A-Za-z\u00c0-\u024f]"),
    "cyrillic": re.compile("[\u0400-\u04ff]"),
    "hebrew": re.compile("[\u05d0-\u05ea\ufb1d-\ufb4f]"),
    "arabic": re.compile("[\u0621-\u064a\u0671-\u06d3\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]"),
    "thai": re.compile("[\u0e01-\u0e4e]"),
}
_ANY_LETTER = re.compile(r"[^\W\d_]")


def script_counts(text: str) -> Counter[str]:
    """How many letters of `text` each script holds; "other" counts letters of any other script."""
    counts: Counter[str] = Counter()
    for script, pattern in _SCRIPT_PATTERNS.items():
        found = len(pattern.findall(text))
        if found:
            counts[script] = found
    other = len(_ANY_LETTER.findall(text)) - sum(counts.values())
    if other > 0:
        counts["other"] = other
    return counts


def detect_language(text: str) -> str:
    """The language code of `text`; raises LanguageError when it is none of en, he, ar, th, ru.

    Non-Latin scripts win when they hold at least a fifth of the letters, because articles in
    Hebrew, Arabic, Thai and Russian quote English brand names freely.
    """
    counts = script_counts(text[:SAMPLE_CHARS])
    total = sum(counts.values())
    if total < 20:
        raise LanguageError(f"too little text to identify the language ({total} letters)")
    other = counts.pop("other", 0)
    native = [(n, s) for s, n in counts.items() if s != "latin" and n >= total * 0.2]
    if native:
        _, script = max(native)
    elif counts.get("latin", 0) >= total * 0.6:
        script = "latin"
    else:
        raise LanguageError(
            f"could not identify the language: {other} of {total} letters are in a script "
            "other than Latin, Hebrew, Arabic, Thai or Cyrillic"
        )
    text = text[:SAMPLE_CHARS]
    if script == "cyrillic" and len(_NOT_RUSSIAN.findall(text)) > counts["cyrillic"] * 0.003:
        raise LanguageError(
            "could not identify the language: Cyrillic text with Ukrainian/Belarusian letters"
        )
    if script == "arabic" and len(_NOT_ARABIC.findall(text)) > counts["arabic"] * 0.005:
        raise LanguageError("could not identify the language: Arabic script with Persian/Urdu letters")
    if script == "hebrew" and len(_NOT_HEBREW.findall(text)) > 3:
        raise LanguageError("could not identify the language: Hebrew script with Yiddish letters")
    if script == "latin":
        words = [w.lower() for w in _WORD.findall(text)]
        hits = sum(w in _ENGLISH_STOPWORDS for w in words)
        if not words or hits / len(words) < 0.12:
            raise LanguageError(
                f"could not identify the language: Latin-script text that is not English "
                f"({hits} of {len(words)} words are common English words)"
            )
    return LANGUAGE_OF_SCRIPT[script]
