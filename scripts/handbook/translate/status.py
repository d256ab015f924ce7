"""`handbook status`: per page and language, how many segments are reviewed, machine, stale, missing
and refused.

Status is what the translation memory says *after* a sync with `--engine none` would merge the
current English (computed without writing anything), so it is right even when the English has
changed since the last sync. A translation `translate.safety` refuses is shown as the English, so
it is counted as `refused` instead of under its PO state (the five states add up to `segments`).
The JSON shape is ARCHITECTURE.md's:
`{"source_language": "en", "languages": {LANG: {"totals": {...}, "pages": {PAGE: {...}}}}}`, plus
`"refused": ["FILE:LINE: reason", ...]` (translations shown as the English, `translate.safety`).
"""

from __future__ import annotations

from collections.abc import Iterable

from handbook.core.errors import HandbookError
from handbook.core.project import SOURCE_LANGUAGE, Project
from handbook.translate.engines import NoneEngine
from handbook.translate.memory import load_catalog
from handbook.translate.safety import kind_of_note, refusal
from handbook.translate.sync import sync

COUNT_KEYS = ("segments", "reviewed", "machine", "stale", "missing", "refused")


def status(project: Project, languages: Iterable[str] | None = None) -> dict:
    """The status object of ARCHITECTURE.md for the chosen languages (all target languages by default)."""
    report = sync(project, languages=languages, engine=NoneEngine(), check=True, want_counts=True)
    result: dict = {"source_language": SOURCE_LANGUAGE, "languages": {}, "refused": report.refused}
    refused_files = {line.split(":", 1)[0] for line in report.refused}
    for lang in report.languages:
        pages = {page: dict(counts, refused=0) for page, counts in report.counts.get(lang, {}).items()}
        for page, counts in pages.items():
            po_path = project.translations_dir / lang / (page[:-3] + ".po")
            if po_path.relative_to(project.root).as_posix() in refused_files:
                _move_refused(counts, po_path, lang, page)
        totals = {key: sum(counts[key] for counts in pages.values()) for key in COUNT_KEYS}
        result["languages"][lang] = {
            "totals": totals,
            "pages": {
                page: {key: counts[key] for key in COUNT_KEYS} for page, counts in sorted(pages.items())
            },
        }
    return result


def _move_refused(counts: dict[str, int], po_path, lang: str, page: str) -> None:
    """Count each refused entry of the page's PO file as `refused` instead of under its PO state."""
    try:
        catalog = load_catalog(po_path, lang=lang, page=page)
    except (HandbookError, OSError):
        return  # reported by whatever read it
    for entry in catalog.entries:
        if entry.msgstr and refusal(entry.msgstr, kind_of_note(entry.note)):
            state = entry.state.value
            if counts.get(state, 0) > 0:
                counts[state] -= 1
                counts["refused"] += 1
