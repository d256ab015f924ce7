"""The `Problem` record and the registry of checks; each check module registers on import.

This module imports none of the check modules, so they can all import it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from handbook.core.project import Project


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
