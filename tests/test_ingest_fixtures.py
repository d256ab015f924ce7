"""Ingest on hand-written fixtures (plain text and HTML, five languages, several encodings).

Each fixture's `.expect.yml` lists every content block in order: the test asserts the clean body is
exactly those blocks, so junk went and every content paragraph stayed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from handbook.ingest.pipeline import ingest_bytes
from handbook.ingest.records import CleanSource

FIXTURES = Path(__file__).parent / "data" / "ingest" / "fixtures"
EXPECTATIONS = sorted(FIXTURES.glob("*.expect.yml"))


def _blocks(source: CleanSource) -> list[str]:
    prefix = {"heading": lambda b: "#" * b.level + " ", "item": lambda b: "- ", "paragraph": lambda b: ""}
    return [prefix[b.kind](b) + b.text for b in source.blocks]


def _load(expect_path: Path) -> tuple[dict, CleanSource]:
    expect = yaml.safe_load(expect_path.read_text(encoding="utf-8"))
    raw = FIXTURES / expect["input"]
    return expect, ingest_bytes(raw.read_bytes(), name=raw.name)


def test_there_are_at_least_three_fixtures_per_language_in_text_and_html() -> None:
    by_lang: dict[str, set[str]] = {}
    for path in EXPECTATIONS:
        expect = yaml.safe_load(path.read_text(encoding="utf-8"))
        by_lang.setdefault(expect["lang"], set()).add(Path(expect["input"]).suffix)
        by_lang.setdefault(expect["lang"] + "#", set()).add(path.name)
    for lang in ("en", "he", "ar", "th", "ru"):
        assert by_lang[lang] == {".txt", ".html"}, lang
        assert len(by_lang[lang + "#"]) >= 3, lang


@pytest.mark.parametrize("expect_path", EXPECTATIONS, ids=lambda p: p.name.split(".")[0])
def test_fixture_keeps_every_content_block_and_nothing_else(expect_path: Path) -> None:
    expect, source = _load(expect_path)
    assert source.lang == expect["lang"]
    assert source.title == expect["title"]
    assert _blocks(source) == expect["blocks"]


@pytest.mark.parametrize("expect_path", EXPECTATIONS, ids=lambda p: p.name.split(".")[0])
def test_fixture_reports_why_junk_went(expect_path: Path) -> None:
    expect, source = _load(expect_path)
    reasons = {change.reason for change in source.removed}
    for reason in expect.get("reasons", []):
        assert reason in reasons, f"{reason!r} not among {sorted(reasons)}"
    repairs = {change.reason for change in source.repaired}
    for repair in expect.get("repairs", []):
        assert repair in repairs, f"{repair!r} not among {sorted(repairs)}"
    assert sorted({f.reason for f in source.flags}) == sorted(expect.get("flags", []))
    assert source.encoding.replace("-bom", "").replace("_", "").replace("-", "") == expect[
        "encoding"
    ].replace("_", "").replace("-", "")
