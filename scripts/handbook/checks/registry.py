"""The `Problem` record and the registry of checks; each check module registers on import.

This module imports none of the check modules, so they can all import it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from handbook.core.project import Project


@dataclass(frozen=True, order=True)
class Problem:
    """One thing `handbook check` found wrong, or (with `accepted`, the reviewer's reason) a
    finding a reviewer accepted for that one entry: listed, not counted."""

    code: str
    lang: str
    page: str
    message: str
    accepted: str = ""

    def as_dict(self) -> dict[str, str]:
        record = {"code": self.code, "lang": self.lang, "page": self.page, "message": self.message}
        return record | ({"accepted": self.accepted} if self.accepted else {})


CheckFunction = Callable[[Project], list[Problem]]
CHECKS: list[CheckFunction] = []


def check(function: CheckFunction) -> CheckFunction:
    """Register `function` as one of the checks `handbook check` runs."""
    CHECKS.append(function)
    return function
