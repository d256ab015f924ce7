"""Translation QA on one segment: numbers, money, placeholders, glossary, names, script, punctuation, notes.

Pure functions over (English source, translation, language); modelled on Okapi CheckMate and
Translate Toolkit's pofilter. `handbook.checks.translations` runs them over every reviewed PO entry
(and adds the one check that needs other pages: link texts against their targets' titles).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from handbook.translate.glossary import Glossary, NumberRule, Term
from handbook.translate.money import CURRENCY_SIGNS, MoneyRule

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# Thousands separators differ by language (4,000 / 4 000); compare the digits only.
GROUPING = re.compile(r"(?<=\d)[,\u00a0\u202f ](?=\d{3}\b)")
# A decimal comma (4,5 in Russian) is the same number as 4.5: compared as a point.
DECIMAL_COMMA = re.compile(r"(?<=\d),(?=\d)")
_MARKDOWN_LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")
SCRIPTS = {
    "he": ("HEBREW",),
    "ar": ("ARABIC",),
    "th": ("THAI",),
    "ru": ("CYRILLIC",),
}
RTL = {"he", "ar"}
# A number as the English writes it: grouped with commas ("4,000") or not ("2009"), maybe a decimal.
ENGLISH_NUMBER = re.compile(r"(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\d]|[.,]\d)")
# A number as a translation may write it: digit groups separated by , . or a (no-break) space.
TARGET_NUMBER = re.compile(
    r"(?<![\d.,])\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?:[.,]\d+)?(?!\d)|(?<![\d.,])\d+(?:[.,]\d+)?(?!\d)"
)
NON_WESTERN_DIGITS = re.compile("[\u0660-\u0669\u06f0-\u06f9\u0e50-\u0e59]")
SEPARATOR_NAMES = {
    ",": "a comma",
    ".": "a full stop",
    "": "no separator",
    " ": "a space",
    "\u00a0": "a no-break space",
    "\u202f": "a narrow no-break space",
    "'": "an apostrophe",
}
# Latin full stop, colon and semicolon in running Thai (Thai ends sentences with a space; "?" is fine).
THAI_LATIN_PUNCTUATION = re.compile(r"(?<![A-Za-z])[.:;]")
# A note that speaks of English or of translation: true in English, usually false in a translation.
ENGLISH_NOTE = {
    "he": re.compile(r"אנגלית|תרגו?ם|תורגמ|תרגמ|מתורגמ"),
    "ar": re.compile(r"[إا]ن[جك]ليزي|ترجم"),
    "th": re.compile(r"ภาษาอังกฤษ|อังกฤษ|แปล(?!ก|ง|ว่า|ความ)"),
    "ru": re.compile(r"англи|перевод|переведен|переведён|перевёл|перевел|перевест", re.IGNORECASE),
}


@dataclass(frozen=True)
class Finding:
    code: str
    message: str


def numbers(text: str) -> Counter[str]:
    """Numbers in `text`, placeholders ({1}) and thousands separators left out, decimal commas as points."""
    from handbook.translate.segments import PLACEHOLDER_RE

    ungrouped = GROUPING.sub("", PLACEHOLDER_RE.sub(" ", text))
    return Counter(NUMBER.findall(DECIMAL_COMMA.sub(".", ungrouped)))


def numbers_match(source: str, target: str, lang: str, rule: NumberRule | None) -> bool:
    """Whether `target` has the numbers of `source`, a small one possibly spelled out (`rule.words`)."""
    english, written = numbers(source), numbers(target)
    missing = english - written
    if rule is not None and missing:
        missing -= rule.spelled_out(missing, target, lang)
    return not missing and not (written - english)


def _placeholders(text: str) -> Counter[str]:
    from handbook.translate.segments import placeholders

    return Counter(placeholders(text))


def _strip_kept(text: str, glossary: Glossary) -> str:
    """The text without names, placeholders and link targets: what must be in the target script."""
    from handbook.translate.segments import placeholders

    english_names = [form for name in glossary.names for form in name.english]
    for kept in (
        *placeholders(text),
        *_MARKDOWN_LINK_TARGET.findall(text),
        *glossary.do_not_translate,
        *english_names,
    ):
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


def expected_number(whole: str, fraction: str | None, rule: NumberRule) -> str:
    """How `rule` writes an English number ("4,000" -> "4 000" in Russian; "2009" stays "2009")."""
    text = whole.replace(",", rule.group) if "," in whole else whole
    return text + (rule.decimal + fraction if fraction else "")


def number_format_findings(source: str, target: str, lang: str, rule: NumberRule | None) -> list[Finding]:
    """Numbers written as the glossary's `numbers` rule for `lang` says (digits, groups, decimal)."""
    from handbook.translate.segments import PLACEHOLDER_RE

    if rule is None:
        return []
    findings: list[Finding] = []
    if NON_WESTERN_DIGITS.search(target):
        findings.append(Finding("qa-number-format", "use Western digits 0-9 (the glossary's numbers rule)"))
    source = PLACEHOLDER_RE.sub(" ", source)
    target = PLACEHOLDER_RE.sub(" ", target)
    written: Counter[str] = Counter(TARGET_NUMBER.findall(target))
    digits_only = {re.sub(r"\D", "", number): number for number in written}
    for match in ENGLISH_NUMBER.finditer(source):
        whole, fraction = match.group(1), match.group(2)
        if "," not in whole and not fraction:
            continue  # an ungrouped integer is written the same everywhere
        want = expected_number(whole, fraction, rule)
        if written[want] > 0:
            written[want] -= 1
            continue
        found = digits_only.get(re.sub(r"\D", "", match.group(0)))
        if found is None:
            continue  # a missing number is qa-numbers' finding
        how = SEPARATOR_NAMES.get(rule.group, repr(rule.group))
        findings.append(
            Finding(
                "qa-number-format",
                f"{found!r} should be written {want!r} ({lang}: {how} between digit groups, "
                f"{rule.decimal!r} before decimals)",
            )
        )
    return findings


# An amount as the English writes it: a currency sign, then a number ("$5", "$4,000.50").
ENGLISH_AMOUNT = re.compile(
    "("
    + "|".join(re.escape(sign) for sign in CURRENCY_SIGNS)
    + r")(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?![\d]|[.,]\d)"
)


def money_findings(
    source: str, target: str, lang: str, rules: dict[str, MoneyRule] | None, number_rule: NumberRule | None
) -> list[Finding]:
    """Amounts written as the glossary's `money` rule for `lang` says ("$5" -> "5 دولارات")."""
    from handbook.translate.segments import PLACEHOLDER_RE

    if not rules:
        return []
    source = PLACEHOLDER_RE.sub(" ", source)
    findings: list[Finding] = []
    for match in ENGLISH_AMOUNT.finditer(source):
        rule = rules.get(CURRENCY_SIGNS[match.group(1)])
        if rule is None:
            continue
        number = expected_number(match.group(2), match.group(3), number_rule or NumberRule())
        if rule.written(number, target):
            continue
        words = f" ({', '.join(rule.words)} as the number needs)" if rule.words else ""
        findings.append(
            Finding(
                "qa-money",
                f"{match.group(0)!r} is written {rule.example(number)!r}{words} in {lang} "
                "(the glossary's money rule)",
            )
        )
    return findings


def thai_punctuation_findings(target: str, glossary: Glossary) -> list[Finding]:
    """Latin `.`, `:` and `;` in running Thai text (numbers, names, link targets left out)."""
    text = _strip_kept(target, glossary)
    text = re.sub(r"\d+[.:]\d+", " ", text)  # 4.5, 10:30
    marks = THAI_LATIN_PUNCTUATION.findall(text)
    if not marks:
        return []
    return [
        Finding(
            "qa-thai-punctuation",
            f"Latin {''.join(sorted(set(marks)))!r} in running Thai text: Thai ends a sentence or a "
            "clause with a space, not a mark; rephrase a label that needs a colon",
        )
    ]


def english_note_findings(target: str, lang: str) -> list[Finding]:
    """A translated note that speaks of English or of translation (true only of the English page)."""
    pattern = ENGLISH_NOTE.get(lang)
    if pattern is None:
        return []
    from handbook.translate.glossary import fold

    found = pattern.search(fold(target, lang)) or pattern.search(target)
    if found is None:
        return []
    return [
        Finding(
            "qa-english-note",
            f"the translation speaks of English or of translation ({found.group(0)!r}): write the note "
            "for this language's reader, or accept it with a reason if it is true here too",
        )
    ]


def name_findings(source: str, target: str, lang: str, glossary: Glossary) -> list[Finding]:
    """People and places written as the glossary's `names` section says for `lang`."""
    findings: list[Finding] = []
    for name in glossary.names_used(source):
        if name.written(lang, target):
            continue
        rendering = name.renderings[lang][0]
        how = "kept in Latin script" if name.latin(lang) else "transcribed"
        gloss = f", optionally followed by {name.gloss[lang]!r}" if lang in name.gloss else ""
        findings.append(
            Finding("qa-names", f"{name.english[0]!r} is {how} in {lang}: write {rendering!r}{gloss}")
        )
    return findings


def check_segment(source: str, target: str, lang: str, glossary: Glossary) -> list[Finding]:
    """Every QA finding for one translated segment."""
    findings: list[Finding] = []
    if not numbers_match(source, target, lang, glossary.numbers.get(lang)):
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
    findings.extend(name_findings(source, target, lang, glossary))
    findings.extend(number_format_findings(source, target, lang, glossary.numbers.get(lang)))
    findings.extend(
        money_findings(source, target, lang, glossary.money.get(lang), glossary.numbers.get(lang))
    )
    if lang == "th":
        findings.extend(thai_punctuation_findings(target, glossary))
    findings.extend(english_note_findings(target, lang))
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
