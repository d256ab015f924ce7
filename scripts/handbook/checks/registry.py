"""The registry of project checks behind `handbook check`; each area registers its own."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from handbook.project import Project


@dataclass(frozen=True, order=True)
class Problem:
    """One thing `handbook check` found wrong."""

    code: str
    lang: str
    page: str
    message: str

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "lang": self.lang, "page": self.page, "message": self.message}


CheckFunction = Callable[[Project], list[Problem]]
CHECKS: list[CheckFunction] = []


def check(function: CheckFunction) -> CheckFunction:
    """Register `function` as one of the checks `handbook check` runs."""
    CHECKS.append(function)
    return function


def _load_check_modules() -> None:
    # Each area's checks live in its own module and register on import.
    # --- check modules (one import line per area) ---
    import handbook.content_checks  # noqa: F401
    import handbook.link_checks  # noqa: F401
    import handbook.qa_checks  # noqa: F401
    import handbook.sync_checks  # noqa: F401


def run_checks(project: Project) -> list[Problem]:
    """Run every registered check and return all problems, sorted."""
    _load_check_modules()
    problems: list[Problem] = []
    for function in CHECKS:
        problems.extend(function(project))
    return sorted(set(problems))
