"""`handbook status`: per page and language, how many segments are reviewed, machine, stale, missing.

Status is what the translation memory says *after* a sync with `--engine none` would merge the
current English (computed without writing anything), so it is right even when the English has
changed since the last sync. The JSON shape is ARCHITECTURE.md's:
`{"source_language": "en", "languages": {LANG: {"totals": {...}, "pages": {PAGE: {...}}}}}`, plus
`"refused": ["FILE:LINE: reason", ...]` (translations shown as the English, `translate.safety`).
"""

from __future__ import annotations

from collections.abc import Iterable

from handbook.core.project import SOURCE_LANGUAGE, Project
from handbook.translate.engines import NoneEngine
from handbook.translate.sync import sync

COUNT_KEYS = ("segments", "reviewed", "machine", "stale", "missing")


def status(project: Project, languages: Iterable[str] | None = None) -> dict:
    """The status object of ARCHITECTURE.md for the chosen languages (all target languages by default)."""
    report = sync(project, languages=languages, engine=NoneEngine(), check=True, want_counts=True)
    result: dict = {"source_language": SOURCE_LANGUAGE, "languages": {}, "refused": report.refused}
    for lang in report.languages:
        pages = report.counts.get(lang, {})
        totals = {key: sum(counts[key] for counts in pages.values()) for key in COUNT_KEYS}
        result["languages"][lang] = {
            "totals": totals,
            "pages": {
                page: {key: counts[key] for key in COUNT_KEYS} for page, counts in sorted(pages.items())
            },
        }
    return result
