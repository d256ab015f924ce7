"""The `handbook` command line: click commands only (arguments, output, exit codes).

`main` is the group; `main.py` holds build, serve and check, and one module per area holds the
rest. Nothing else in the package imports the CLI.
"""

from __future__ import annotations

from handbook.cli.main import main

__all__ = ["main"]
