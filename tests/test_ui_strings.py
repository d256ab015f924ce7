"""Every interface string exists in every language with the same placeholders."""

from __future__ import annotations

import string

from handbook.core.project import LANGUAGES
from handbook.core.ui import UI_STRINGS, t


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_string_in_every_language() -> None:
    for key, texts in UI_STRINGS.items():
        assert set(texts) == {lang.code for lang in LANGUAGES}, key
        english = _fields(texts["en"])
        for code, text in texts.items():
            assert text.strip(), f"{key} is empty in {code}"
            assert _fields(text) == english, f"{key} in {code} has other placeholders"


def test_unknown_language_falls_back_to_english() -> None:
    assert t("fallback.english", "xx") == UI_STRINGS["fallback.english"]["en"]
