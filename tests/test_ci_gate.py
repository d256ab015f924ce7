"""The CI gate: any truthy CI turns a missing tool into a failure, not a skip."""

from __future__ import annotations

import pytest
from ci_gate import ci_enforced, skip_or_fail


@pytest.mark.parametrize("value", ["true", "True", "1", "yes", "on", "gitlab"])
def test_truthy_ci_is_enforced(value: str) -> None:
    assert ci_enforced({"CI": value}) is True


@pytest.mark.parametrize("value", [None, "", "0", "false", "FALSE", "no", "off"])
def test_unset_or_false_ci_is_not_enforced(value: str | None) -> None:
    assert ci_enforced({} if value is None else {"CI": value}) is False


def test_a_missing_tool_fails_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "1")
    with pytest.raises(pytest.fail.Exception, match="msgfmt is missing; the msgfmt checks must run in CI"):
        skip_or_fail("msgfmt is missing", what="the msgfmt checks")


def test_a_missing_tool_skips_outside_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="msgfmt is missing"):
        skip_or_fail("msgfmt is missing", what="the msgfmt checks")
