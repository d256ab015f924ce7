"""Checks: what `handbook check` verifies, one module per area.

- `registry`: the `Problem` record and the `@check` registry (imports no check module)
- `content`: front matter, required sections, anchors, links between articles, sources
- `source_refs`: every source reference `[src-000 §4]` points at an existing block
- `links`: every published URL in `urls.yml` still resolves in the built site, or is redirected
- `qa` and `translations`: translation QA of reviewed PO entries (numbers, names, glossary, link titles)
- `sync`: translations and generated pages are in step with the English

Checks sit above the other stages: they read what ingest, translate and site produce.
"""

from __future__ import annotations

from handbook.checks.registry import CHECKS, Problem, check
from handbook.core.errors import HandbookError
from handbook.core.project import Project

__all__ = ["CHECKS", "Problem", "check", "check_report", "run_checks"]


def _load_check_modules() -> None:
    # Each area's checks live in its own module and register on import.
    import handbook.checks.content  # noqa: F401
    import handbook.checks.links  # noqa: F401
    import handbook.checks.source_refs  # noqa: F401
    import handbook.checks.sync  # noqa: F401
    import handbook.checks.translations  # noqa: F401


def check_report(project: Project) -> tuple[list[Problem], list[Problem]]:
    """Run every registered check: (problems, findings a reviewer accepted), each sorted."""
    _load_check_modules()
    found: set[Problem] = set()
    # When mkdocs.yml lists no usable languages, say so once and skip the checks that need them.
    try:
        languages_ok = bool(project.languages)
    except HandbookError as error:
        found.add(Problem("config", "", "mkdocs.yml", error.format_message()))
        languages_ok = False
    for function in CHECKS:
        try:
            found.update(function(project))
        except HandbookError:
            if languages_ok:
                raise
    return sorted(p for p in found if not p.accepted), sorted(p for p in found if p.accepted)


def run_checks(project: Project) -> list[Problem]:
    """Run every registered check and return all problems (accepted findings left out), sorted."""
    return check_report(project)[0]
