"""The one error family of the handbook tools, turned into a message and exit code at the CLI edge."""

from __future__ import annotations

from pathlib import Path

import click


class HandbookError(click.ClickException):
    """A problem the user can fix: names the file (and line), what was wrong, and the fix."""

    exit_code = 1

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        fix: str | None = None,
    ) -> None:
        self.path = str(path) if path is not None else None
        self.line = line
        self.fix = fix
        self.detail = message
        where = ""
        if self.path is not None:
            where = f"{self.path}:{line}: " if line is not None else f"{self.path}: "
        text = f"{where}{message}"
        if fix:
            text += f"\n  fix: {fix}"
        super().__init__(text)

    def show(self, file=None) -> None:  # noqa: D102 - click's hook
        click.echo(f"error: {self.format_message()}", err=True, file=file)
