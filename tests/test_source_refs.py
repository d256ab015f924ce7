"""Source references `[src-000 §4]`: one placeholder in the PO files, a source note on the site,
`handbook check` catching references to no block, and the seed sources' cleaned files frozen."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from handbook.translate.inline import inline_spans
from handbook.translate.render import neutralise, render
from handbook.translate.segments import extract

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "source_refs"


# --- segments -----------------------------------------------------------------------------------


def test_a_reference_is_one_placeholder_and_comes_back_verbatim() -> None:
    text = "Starbucks ended free soy milk. [src-000 §4] [src-003 §7]\n\n- A list item. [src-001 §12]\n"
    segments = extract(text)
    assert [s.source for s in segments] == ["Starbucks ended free soy milk. {1} {2}", "A list item. {1}"]
    assert segments[0].originals == ("[src-000 §4]", "[src-003 §7]")
    assert render(text, lambda s: s) == text
    # A translator may move the placeholders; the references come back unchanged.
    translations = {"Starbucks ended free soy milk. {1} {2}": "{2} Старбакс. {1}", "A list item. {1}": "Пункт. {1}"}
    assert render(text, translations.__getitem__) == "[src-003 §7] Старбакс. [src-000 §4]\n\n- Пункт. [src-001 §12]\n"


def test_a_reference_wins_over_a_link_definition_with_the_same_label() -> None:
    text = "A claim. [src-000 §4]\n\n[src-000 §4]: https://example.org/\n"
    (segment,) = extract(text)
    assert segment.source == "A claim. {1}"
    assert segment.originals == ("[src-000 §4]",)
    assert [span[0] for span in inline_spans("A claim. [src-000 §4]")] == ["source_ref"]


def test_a_reference_inside_code_or_link_text_is_not_a_reference() -> None:
    (segment,) = extract("Write `[src-000 §4]` at the end. [see [src-000 §4]](x.md)\n")
    assert segment.source == "Write {1} at the end. [see [src-000 §4]]({2})"
    assert segment.originals == ("`[src-000 §4]`", "x.md")


def test_a_reference_typed_into_a_translation_is_escaped() -> None:
    assert neutralise("Текст. [src-002 §3] {1}") == "Текст. \\[src-002 §3] {1}"
    text = "A claim. [src-000 §4]\n"
    assert render(text, lambda s: "Утверждение. [src-004 §1]") == "Утверждение. \\[src-004 §1]\n"
