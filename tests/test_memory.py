"""Memory: PO files per page, the four states, byte-stable output, valid gettext."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import polib
import pytest
from ci_gate import require_msgfmt

from handbook.core.errors import HandbookError
from handbook.translate.memory import (
    Catalog,
    Entry,
    SegmentState,
    catalog_path,
    catalog_text,
    load_catalog,
    machine,
    parse_catalog,
    stale,
)

DATA = Path(__file__).parent / "data" / "sync"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def sample_catalog() -> Catalog:
    reviewed = Entry(msgid="Details matter", msgstr="הפרטים חשובים", note="heading")
    drafted = machine("Check every order.", "[Çĥéçķ éṽéŕý öŕđéŕ. ~·~]", "pseudo", note="list item in #do")
    old = Entry(msgid="Keep it tidy.", msgstr="שמרו על סדר.", note="list item in #do")
    changed = stale(old, "Keep your area clean and tidy.")
    missing = Entry(msgid="See [the sources]({1}).", note="paragraph in #why")
    gone = Entry(msgid="An old paragraph.", msgstr="פסקה ישנה.", obsolete=True)
    return Catalog(
        lang="he",
        page="principles/details-matter.md",
        entries=[reviewed, drafted, changed, missing],
        obsolete=[gone],
        metadata={"Last-Translator": "Dana <dana@example.org>", "X-Generator": "Poedit 3.4"},
    )


def test_states_map_to_po_as_design_says() -> None:
    text = catalog_text(sample_catalog())
    golden = DATA / "details-matter.he.po"
    if UPDATE:
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")
    po = polib.pofile(text)
    by_id = {entry.msgid: entry for entry in po}
    assert by_id["Details matter"].flags == [] and by_id["Details matter"].msgstr == "הפרטים חשובים"
    assert by_id["Check every order."].flags == ["fuzzy"]
    assert by_id["Check every order."].tcomment == "machine translation: pseudo"
    assert by_id["Keep your area clean and tidy."].previous_msgid == "Keep it tidy."
    assert "fuzzy" in by_id["Keep your area clean and tidy."].flags
    assert by_id["See [the sources]({1})."].msgstr == ""
    assert [entry.msgid for entry in po.obsolete_entries()] == ["An old paragraph."]


def test_round_trip_keeps_states_and_bytes() -> None:
    catalog = sample_catalog()
    text = catalog_text(catalog)
    again = parse_catalog(text, lang="he", page=catalog.page)
    assert [entry.state for entry in again.entries] == [
        SegmentState.REVIEWED,
        SegmentState.MACHINE,
        SegmentState.STALE,
        SegmentState.MISSING,
    ]
    assert again.entries[1].engine == "pseudo"
    assert again.metadata == {"Last-Translator": "Dana <dana@example.org>", "X-Generator": "Poedit 3.4"}
    assert catalog_text(again) == text
    assert "\r" not in text and text.endswith("\n")


def test_reviewing_in_an_editor_makes_a_draft_reviewed() -> None:
    # Poedit and Weblate clear the fuzzy flag (and drop #| lines) when a translator approves.
    text = catalog_text(sample_catalog()).replace(
        '#. list item in #do\n#, fuzzy\nmsgid "Check', '#. list item in #do\nmsgid "Check'
    )
    entry = parse_catalog(text, lang="he", page="x.md").entries[1]
    assert entry.state is SegmentState.REVIEWED and entry.human


def test_stale_keeps_the_first_previous_english_and_reverting_restores_review() -> None:
    old = Entry(msgid="A", msgstr="א")
    once = stale(old, "B")
    twice = stale(once, "C")
    assert (twice.previous, twice.msgstr, twice.state) == ("A", "א", SegmentState.STALE)
    back = stale(twice, "A")
    assert (back.msgid, back.state, back.previous) == ("A", SegmentState.REVIEWED, "")


def test_msgfmt_accepts_every_state(tmp_path: Path) -> None:
    msgfmt = require_msgfmt()
    path = tmp_path / "x.po"
    path.write_text(catalog_text(sample_catalog()), encoding="utf-8")
    result = subprocess.run(
        [msgfmt, "--check-format", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_msgfmt_catches_a_lost_placeholder_in_a_reviewed_translation(tmp_path: Path) -> None:
    msgfmt = require_msgfmt()
    catalog = Catalog(lang="ru", page="x.md", entries=[Entry(msgid="See [it]({1}).", msgstr="Смотрите.")])
    path = tmp_path / "x.po"
    path.write_text(catalog_text(catalog), encoding="utf-8")
    result = subprocess.run(
        [msgfmt, "--check-format", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert "format specification" in result.stderr


def test_catalog_path_mirrors_docs_en() -> None:
    assert catalog_path(Path("translations"), "he", "principles/details-matter.md") == Path(
        "translations/he/principles/details-matter.po"
    )


def test_malformed_po_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n\nmsgid "A"\nmsgstr "א"\nmsgid "B"\nmsgstrr "ב"\n', encoding="utf-8"
    )
    with pytest.raises(HandbookError) as info:
        load_catalog(path, lang="he", page="bad.md")
    assert info.value.line == 7
    assert info.value.format_message() == (
        f"{path}:7: PO file does not parse: expected a keyword and a quoted string, found 'msgstrr \"ב\"'\n"
        '  fix: correct the PO syntax at that line (each entry is msgid "..." then msgstr "..."), '
        "or restore the file from git"
    )


def test_duplicate_msgid_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "dup.po"
    path.write_text(
        'msgid ""\nmsgstr ""\n\nmsgid "A"\nmsgstr "1"\n\nmsgid "A"\nmsgstr "2"\n', encoding="utf-8"
    )
    with pytest.raises(HandbookError) as info:
        load_catalog(path, lang="he", page="dup.md")
    assert info.value.format_message().startswith(f"{path}:7: PO file has the msgid 'A' twice")


def test_missing_file_is_an_empty_catalog(tmp_path: Path) -> None:
    catalog = load_catalog(tmp_path / "none.po", lang="th", page="none.md")
    assert catalog.entries == [] and catalog.obsolete == []


def committed_po_files() -> list[Path]:
    translations = Path(__file__).parent.parent / "translations"
    files = sorted(path for lang in ("he", "ar", "th", "ru") for path in (translations / lang).rglob("*.po"))
    assert len(files) == 4 * len(list((translations.parent / "docs" / "en").rglob("*.md")))
    return files


def test_every_committed_po_file_is_byte_stable() -> None:
    # Needs no msgfmt: reading and writing back a committed PO file changes no byte.
    translations = Path(__file__).parent.parent / "translations"
    for path in committed_po_files():
        lang = path.relative_to(translations).parts[0]
        page = path.relative_to(translations / lang).with_suffix(".md").as_posix()
        text = path.read_text(encoding="utf-8")
        assert catalog_text(parse_catalog(text, lang=lang, page=page)) == text, path


def test_every_committed_po_file_passes_msgfmt() -> None:
    msgfmt = require_msgfmt()
    for path in committed_po_files():
        result = subprocess.run(
            [msgfmt, "--check-format", "-o", "/dev/null", str(path)], capture_output=True, text=True
        )
        assert result.returncode == 0, (path, result.stderr)
