"""Tables for people: as wide as the terminal, and never a page path or file name cut short."""

from __future__ import annotations

import shutil
from collections.abc import Iterable

from rich.console import Console
from rich.table import Table

# Output that goes to a file or a pipe has no width; rich would assume 80 columns and cut cells.
UNBOUNDED = 1000


def table_console(*, stderr: bool = False) -> Console:
    """A rich console as wide as the terminal ($COLUMNS first); unbounded when not a terminal."""
    return Console(stderr=stderr, width=shutil.get_terminal_size((UNBOUNDED, 24)).columns)


def add_path_column(table: Table, header: str, paths: Iterable[str]) -> None:
    """A column of paths that is never wrapped or shortened with "…" (other columns give way)."""
    widest = max((len(path) for path in paths), default=len(header))
    table.add_column(header, no_wrap=True, min_width=max(widest, len(header)), overflow="ignore")


def print_table(console: Console, table: Table) -> None:
    """Print `table` at the console's width, or wider when its columns cannot fit (the terminal then
    wraps the lines) rather than squeezing or cutting cells."""
    needed = table.__rich_measure__(console, console.options).minimum
    if needed > console.width:
        console.width = needed
    console.print(table)
