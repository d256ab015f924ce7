"""How each language writes an amount of money: the glossary's `money` section (issue 20).

`handbook.checks.qa.money_findings` holds every reviewed translation to it (`qa-money`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from handbook.core.errors import HandbookError


@dataclass(frozen=True)
class MoneyRule:
    """How one language writes an amount the English writes with a currency sign ("$5").

    `pattern` holds N (the number, as the language's `numbers` rule writes it) and either the
    sign itself ("$N") or WORD (one of `words`, the currency's name in its inflected forms:
    "N WORD" -> "5 دولارات"); a space in it is a space or a no-break space."""

    currency: str
    sign: str
    pattern: str
    words: tuple[str, ...] = ()

    def example(self, number: str) -> str:
        return self.pattern.replace("N", number).replace("WORD", self.words[0] if self.words else "")

    def written(self, number: str, text: str) -> bool:
        regex = ""
        for part in re.split(r"(N|WORD| )", self.pattern):
            if part == "N":
                regex += re.escape(number)
            elif part == "WORD":
                regex += (
                    "(?:"
                    + "|".join(re.escape(word) for word in sorted(self.words, key=len, reverse=True))
                    + ")"
                )
            elif part == " ":
                regex += "[ \u00a0\u202f]"
            else:
                regex += re.escape(part)
        return re.search(rf"(?<![\d.,]){regex}(?![\d]|[.,]\d)", text) is not None


# Currency signs the English writes before an amount, and the code a money rule is keyed by.
CURRENCY_SIGNS = {"$": "USD"}


def load_money(path: Path, section: object, languages: tuple[str, ...]) -> dict[str, dict[str, MoneyRule]]:
    """The `money` section: {lang: {USD: {pattern: "N WORD", words: [...]}}} (issue 20)."""
    fix = 'write money: {lang: {USD: {pattern: "$N"}}} or {pattern: "N WORD", words: [...]}; see the schema'
    if not isinstance(section, dict):
        raise HandbookError("money is not a mapping", path=path, fix=fix)
    signs = {code: sign for sign, code in CURRENCY_SIGNS.items()}
    rules: dict[str, dict[str, MoneyRule]] = {}
    for lang, currencies in section.items():
        where = f"money rule {lang!r}"
        if lang not in languages or not isinstance(currencies, dict):
            raise HandbookError(f"{where} is not a rule for a target language", path=path, fix=fix)
        for code, rule in currencies.items():
            if code not in signs or not isinstance(rule, dict):
                raise HandbookError(
                    f"{where}: {code!r} is not a currency the handbook writes with a sign",
                    path=path,
                    fix=f"key the rules by {', '.join(signs)}",
                )
            unknown = sorted(set(rule) - {"pattern", "words"})
            pattern = str(rule.get("pattern") or "")
            words = tuple(str(word) for word in rule.get("words") or [])
            if unknown or "N" not in pattern or (("WORD" in pattern) != bool(words)):
                raise HandbookError(
                    f"{where} {code}: needs a pattern with N, and words exactly when it has WORD",
                    path=path,
                    fix=fix,
                )
            rules.setdefault(lang, {})[code] = MoneyRule(code, signs[code], pattern, words)
    return rules
