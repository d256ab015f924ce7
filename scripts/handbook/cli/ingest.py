"""The `handbook ingest` command: parse arguments, call handbook.ingest.pipeline, print the report, exit."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

import click

from handbook.core.errors import HandbookError


@click.command(name="ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder for the clean <id>.md files (default: sources/clean in the project; "
    "outside a project --out is required). A folder outside the project holds its own lock and "
    "journal (.handbook.lock, .handbook-journal.json).",
)
@click.option("--json", "as_json", is_flag=True, help="Print {results, errors} as JSON instead of tables.")
def ingest_command(paths: tuple[Path, ...], out_dir: Path | None, as_json: bool) -> None:
    """Clean raw scraped articles (plain text or saved HTML) into sources/clean/<id>.md.

    Detects the encoding and language, removes boilerplate (each removal with a reason), repairs
    glued headings and broken lines, flags untranslated fragments and truncated endings. A file
    listed in sources/sources.yml gets its id from there; any other file gets a slug of its name.
    Bad inputs are reported and skipped; the exit code is 1 if any input failed.

    Example: handbook ingest sources/raw/*
    """
    from handbook.core.project import Project
    from handbook.ingest.files import ingest_files
    from handbook.ingest.output import load_sources
    from handbook.ingest.records import SOURCES_FILE

    try:
        project: Project | None = Project.discover()
    except HandbookError as exc:
        # Outside a project only an explicit --out says where to write; a HANDBOOK_ROOT that
        # points nowhere is always a mistake. Either way nothing is written.
        if os.environ.get("HANDBOOK_ROOT"):
            raise
        if out_dir is None:
            raise HandbookError(
                exc.detail,
                path=exc.path,
                fix="run it inside the handbook checkout, set HANDBOOK_ROOT, or pass --out FOLDER",
            ) from None
        project = None
    root = project.root if project else None
    sources = load_sources(project.sources_dir / SOURCES_FILE) if project else {}
    if out_dir is None:
        assert project is not None
        out_dir = project.sources_dir / "clean"
    from handbook.core.fsutil import project_lock, recover_journal

    # A folder outside the project (or no project) holds its own lock and journal: two runs into
    # it never interleave, and a run killed there is completed by the next run into it, wherever
    # that starts. The project lock comes first when both are taken (no two runs wait on each other).
    in_project = project is not None and out_dir.absolute().is_relative_to(project.root.absolute())
    journal_root = project.root if in_project else out_dir
    with contextlib.ExitStack() as locks:
        if project is not None:
            locks.enter_context(project_lock(project.root))
        if not in_project:
            out_dir.mkdir(parents=True, exist_ok=True)
            locks.enter_context(project_lock(out_dir))
        recover_journal(journal_root)  # a killed run's replacements first
        run = ingest_files(list(paths), out_dir, root=root, sources=sources, journal_root=journal_root)
    if as_json:
        click.echo(json.dumps(run.as_dict(), ensure_ascii=False, indent=2))
    else:
        _print_tables(run)
    for error in run.errors:
        click.echo(f"error: {error['message']}\n  fix: {error['fix']}", err=True)
    total = len(run.results) + len(run.errors)
    summary = f"ingested {len(run.results)} of {total} file(s), {len(run.written)} written"
    unchanged = len(run.results) - len(run.written)
    if unchanged:
        summary += f" ({unchanged} unchanged since the last run)"
    if run.errors:
        failed = ", ".join(error["input"] for error in run.errors)
        click.echo(f"{summary}; failed: {failed}", err=True)
        raise SystemExit(1)
    click.echo(summary, err=True)


def _print_tables(run) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(soft_wrap=False)
    if not run.results:
        return
    overview = Table("input", "id", "lang", "removed", "repaired", "flags", "output", title="handbook ingest")
    for record in run.results:
        overview.add_row(
            escape(str(record["input"])),
            str(record["id"]),
            str(record["lang"]),
            str(len(record["removed"])),
            str(len(record["repaired"])),
            str(len(record["flags"])),
            escape(str(record["output"])),
        )
    console.print(overview)
    for record in run.results:
        detail = Table("line", "action", "reason", "text", title=str(record["id"]), title_justify="left")
        for action in ("removed", "repaired", "flags"):
            for change in record[action]:
                text = str(change["text"])
                detail.add_row(
                    str(change["line"]),
                    action,
                    escape(str(change["reason"])),
                    escape(text[:70] + ("…" if len(text) > 70 else "")),
                )
        if detail.row_count:
            console.print(detail)
