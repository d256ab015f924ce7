"""When a missing tool skips a test and when it fails it: any truthy CI fails (CI=true, CI=1, CI=yes).

CI services set CI to different truthy values (GitHub and GitLab `true`, others `1`); only an
unset, empty or explicitly false value ("0", "false", "no", "off") lets a test skip for a missing
tool, so a CI machine without chromium, axe-core or msgfmt fails instead of passing quietly.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from typing import NoReturn

import pytest

FALSE_VALUES = frozenset({"", "0", "false", "no", "off"})


def ci_enforced(environ: Mapping[str, str] | None = None) -> bool:
    """True when the CI variable is set to anything but an empty or false value."""
    value = (os.environ if environ is None else environ).get("CI")
    return value is not None and value.strip().lower() not in FALSE_VALUES


def skip_or_fail(message: str, *, what: str) -> NoReturn:
    """Skip with `message` on a developer machine; fail under CI, where `what` must run."""
    if ci_enforced():
        pytest.fail(f"{message}; {what} must run in CI")
    pytest.skip(message)


def require_msgfmt() -> str:
    """The path of gettext's msgfmt, or skip (fail under CI) when it is not installed."""
    path = shutil.which("msgfmt")
    if path is None:
        skip_or_fail("gettext's msgfmt is not installed (apt-get install gettext)", what="the msgfmt checks")
    return path
