"""Translation QA on one segment: numbers, placeholders, glossary, script, spacing, punctuation.

Pure functions over (English source, translation, language); modelled on Okapi CheckMate and
Translate Toolkit's pofilter. `handbook.checks.translations` runs them over every reviewed PO entry.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from handbook.translate.glossary import Glossary, Term

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Thousands separators differ by language (4,000 / 4 000); compare the digits only.
GROUPING = re.compile(r"(?<=\d)[,\u00a0\u202f ](?=\d{3}\b)")
_MARKDOWN_LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")
SCRIPTS = {
    "he": ("HEBREW",),
    "ar": ("ARABIC",),
    "th": ("THAI",),
    "ru": ("CYRILLIC",),
}
RTL = {"he", "ar"}


@dataclass(frozen=True)
class Finding:
    code: str
    message: str


def numbers(text: str) -> Counter[str]:
    """Numbers in `text`, placeholders ({1}) and thousands separators left out."""
    from handbook.translate.segments import PLACEHOLDER_RE

    return Counter(NUMBER.findall(GROUPING.sub("", PLACEHOLDER_RE.sub(" ", text))))


def _placeholders(text: str) -> Counter[str]:
    from handbook.translate.segments import placeholders

    return Counter(placeholders(text))


def _strip_kept(text: str, glossary: Glossary) -> str:
    """The text without names, placeholders and link targets: what must be in the target script."""
    from handbook.translate.segments import placeholders

    for kept in (*placeholders(text), *_MARKDOWN_LINK_TARGET.findall(text), *glossary.do_not_translate):
        text = text.replace(kept, " ")
    return text


def script_share(text: str, lang: str) -> float:
    """Share of letters in `text` that belong to the script of `lang`."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return 1.0
    names = SCRIPTS[lang]
    inside = sum(1 for ch in letters if unicodedata.name(ch, "").startswith(names))
    return inside / len(letters)


def glossary_terms_in(source: str, glossary: Glossary) -> list[Term]:
    """Terms used in `source`, longest first; a term only inside a longer one ("customer" in
    "loyal customer") is left to the longer term."""
    covered: list[tuple[int, int]] = []
    found: list[Term] = []
    for term in sorted(glossary.terms, key=lambda t: len(t.english), reverse=True):
        spans = [m.span() for m in term.source_pattern.finditer(source)]
        free = [span for span in spans if not any(a <= span[0] and span[1] <= b for a, b in covered)]
        if free:
            found.append(term)
        covered.extend(spans)
    return sorted(found, key=lambda t: t.english)


def check_segment(source: str, target: str, lang: str, glossary: Glossary) -> list[Finding]:
    """Every QA finding for one translated segment."""
    findings: list[Finding] = []
    if numbers(source) != numbers(target):
        findings.append(
            Finding(
                "qa-numbers",
                f"numbers differ: {sorted(numbers(source).elements())} in the English, "
                f"{sorted(numbers(target).elements())} in the translation",
            )
        )
    if _placeholders(source) != _placeholders(target):
        findings.append(
            Finding("qa-placeholders", "placeholders (code, URLs, anchors) differ from the English")
        )
    for term in glossary_terms_in(source, glossary):
        if not term.accepted(lang, target):
            agreed = term.renderings[lang][0]
            findings.append(Finding("qa-glossary", f"{term.english!r} should be rendered as {agreed!r}"))
    missing_names = [name for name in glossary.names_in(source) if name not in glossary.names_in(target)]
    if missing_names:
        findings.append(
            Finding("qa-names", f"names must stay as they are (Latin script): {', '.join(missing_names)}")
        )
    kept = _strip_kept(source, glossary)
    if target.strip() == source.strip() and any(ch.isalpha() for ch in kept):
        findings.append(Finding("qa-unchanged", "the translation is identical to the English"))
    elif script_share(_strip_kept(target, glossary), lang) < 0.6:
        findings.append(Finding("qa-script", f"the text is not mostly in the {lang} script"))
    if "  " in target.strip():
        findings.append(Finding("qa-spacing", "doubled space"))
    if target != target.strip():
        findings.append(Finding("qa-spacing", "leading or trailing whitespace"))
    if lang in RTL and re.search(r"\s[.,:;!?،؛؟]", target):
        findings.append(Finding("qa-punctuation", "space before punctuation"))
    if lang == "ar":
        stray = re.findall(r"(?<!\d)[,;?](?!\d)", _strip_kept(target, glossary))
        if stray:
            findings.append(
                Finding(
                    "qa-punctuation",
                    f"Latin punctuation {''.join(sorted(set(stray)))!r} in Arabic text; use ، ؛ ؟",
                )
            )
    return findings
