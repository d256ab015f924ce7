"""Issue 19, "PO files survive translators' tools": a PO file re-wrapped by msgcat, saved by polib at
another width, given Poedit's headers, `#, fuzzy` or `#|` previous msgids goes through `sync` with no
text lost; sync writes its one line width (memory.WRAP_WIDTH), keeps header fields it does not own,
and a second sync changes nothing. On a copy of the project.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from handbook.core.project import Project
from handbook.translate.memory import WRAP_WIDTH
from handbook.translate.sync import sync

PO_HE = "translations/he/principles/details-matter.po"
DOCUMENTED_WIDTH = 78  # README, "PO editors"


def test_the_line_width_is_the_documented_one() -> None:
    assert WRAP_WIDTH == DOCUMENTED_WIDTH


def texts(path: Path) -> set[tuple[str, str, bool]]:
    """Every (msgid, msgstr, obsolete) with a translation: what must never be lost."""
    return {(e.msgid, e.msgstr, bool(e.obsolete)) for e in polib.pofile(str(path)) if e.msgstr}


def msgcat(path: Path) -> None:
    subprocess.run(["msgcat", "--width=60", "-o", str(path), str(path)], check=True)


def polib_wide(path: Path) -> None:
    po = polib.pofile(str(path), wrapwidth=200)
    po.wrapwidth = 200
    po.save(str(path))


def poedit_headers(path: Path) -> None:
    po = polib.pofile(str(path))
    po.metadata.update(
        {
            "Last-Translator": "Dana Levi <dana@example.org>",
            "Language-Team": "Hebrew",
            "PO-Revision-Date": "2026-12-01 10:00+0200",
            "X-Generator": "Poedit 3.4.2",
            "X-Poedit-SourceCharset": "UTF-8",
        }
    )
    po.save(str(path))


def needs_work(path: Path) -> None:
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgstr and "paragraph" in (entry.comment or ""):
            entry.flags.append("fuzzy")
            break
    po.save(str(path))


def previous_msgid(path: Path) -> None:
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgstr and "heading" in (e.comment or ""))
    entry.flags.append("fuzzy")
    entry.previous_msgid = "An older English heading"
    po.save(str(path))


def crlf(path: Path) -> None:
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))


TOOLS: dict[str, Callable[[Path], None]] = {
    "msgcat --width=60": msgcat,
    "polib at width 200": polib_wide,
    "Poedit headers": poedit_headers,
    "#, fuzzy (needs work)": needs_work,
    "#| previous msgid": previous_msgid,
    "CRLF line endings": crlf,
}


@pytest.mark.parametrize("tool", sorted(TOOLS))
def test_a_po_file_from_a_translators_tool_loses_no_text(project_copy: Project, tool: str) -> None:
    path = project_copy.root / PO_HE
    TOOLS[tool](path)
    before = texts(path)
    sync(project_copy, languages=["he"])
    assert texts(path) == before
    text = path.read_text(encoding="utf-8")
    assert "\r" not in text
    strings = [line.removeprefix("#~ ") for line in text.split("\n") if line.startswith(('"', "msg", "#~ "))]
    assert max(len(line) for line in strings) <= DOCUMENTED_WIDTH + 2  # polib's width, plus the quotes
    assert not sync(project_copy, languages=["he"]).changed  # a second sync changes nothing
    check = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr


def test_header_fields_sync_does_not_own_are_kept(project_copy: Project) -> None:
    path = project_copy.root / PO_HE
    poedit_headers(path)
    sync(project_copy, languages=["he"])
    metadata = polib.pofile(str(path)).metadata
    assert metadata["X-Generator"] == "Poedit 3.4.2"
    assert metadata["Last-Translator"] == "Dana Levi <dana@example.org>"
    assert metadata["Content-Type"] == "text/plain; charset=UTF-8"


def test_fuzzy_and_previous_msgid_mean_what_the_readme_says(project_copy: Project) -> None:
    from handbook.translate.memory import SegmentState, load_catalog

    path = project_copy.root / PO_HE
    needs_work(path)
    previous_msgid(path)
    sync(project_copy, languages=["he"])
    catalog = load_catalog(path, lang="he", page="principles/details-matter.md")
    states = [entry.state for entry in catalog.entries]
    assert SegmentState.STALE in states  # `#|` + fuzzy: written for older English
    fuzzy_human = [e for e in catalog.entries if e.fuzzy and not e.previous and not e.engine]
    assert len(fuzzy_human) == 1  # "needs work": a person's text, kept as it is
