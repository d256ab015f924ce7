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


def yaml_error(
    exc: Exception,
    *,
    what: str,
    path: str | Path | None,
    fix: str,
    first_line: int = 1,
) -> HandbookError:
    """A HandbookError for YAML that does not parse: what it was, the line, the parser's words, the fix.

    `first_line` is the file line of the YAML text's first line (2 for front matter after `---`).
    """
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    return HandbookError(
        f"{what} is not valid YAML: {problem}",
        path=path,
        line=mark.line + first_line if mark else None,
        fix=fix,
    )
