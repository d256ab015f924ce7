"""`handbook sync` and `handbook status`: the translation memory commands (arguments, output, exit codes)."""

from __future__ import annotations

import json

import click

from handbook.core.project import TARGET_LANGUAGES, Project, english_name
from handbook.translate.engines import ENGINE_NAMES, get_engine

_LANG_HELP = f"Target language code ({', '.join(TARGET_LANGUAGES)}); repeat for several. Default: all."


@click.command(name="sync")
@click.option("--lang", "langs", multiple=True, metavar="L", help=_LANG_HELP)
@click.option(
    "--engine",
    type=click.Choice(ENGINE_NAMES),
    default="none",
    show_default=True,
    help="Machine translation for segments no memory covers: argos (offline MT), pseudo "
    "(pseudo-localisation for layout tests) or none (memory only; new segments stay English).",
)
@click.option(
    "--check",
    is_flag=True,
    help="Change nothing; exit 1 if a sync would change any file (for CI).",
)
def sync_command(langs: tuple[str, ...], engine: str, check: bool) -> None:
    """Update translations/<lang>/*.po from docs/en and regenerate docs/<lang>/.

    Unchanged segments keep their state; exact memory hits are reused across pages; a changed
    English segment becomes stale (old translation and old English kept); new segments get a
    machine draft (fuzzy) or stay missing; removed ones become obsolete entries. Nothing a
    person wrote is ever dropped.
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from handbook.translate.sync import resolve_languages, sync

    project = Project.discover()
    resolve_languages(langs, project)  # unknown codes fail before the engine is loaded
    chosen = get_engine("none" if check else engine)
    console = Console(stderr=True, soft_wrap=True)
    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("segments"),
        TimeRemainingColumn(),
        console=console,
        transient=False,
    )
    tasks: dict[str, int] = {}

    def on_progress(lang: str, done: int, total: int) -> None:
        if lang not in tasks:
            tasks[lang] = progress.add_task(f"{engine} → {lang}", total=total)
        progress.update(tasks[lang], completed=done, total=total)

    with progress:
        report = sync(project, languages=langs, engine=chosen, check=check, progress=on_progress)
    if report.recovered:
        console.print(f"completed {report.recovered} file replacement(s) of an earlier run that was stopped")
    for path in report.converted:
        console.print(
            f"{path}: decoded from its declared charset" + ("" if check else "; rewritten as UTF-8")
        )
    for line in report.refused:
        console.print(f"refused: {line}", markup=False, highlight=False)
    if check:
        if report.refused:
            console.print(f"[red]{len(report.refused)} translation(s) refused[/]: fix them in their PO files")
        if report.changed:
            for path in report.written + report.removed:
                console.print(f"would change: {path}")
            console.print(
                f"[red]{len(report.written) + len(report.removed)} file(s) out of date[/]: run `handbook sync`"
            )
            raise SystemExit(1)
        if report.refused:
            raise SystemExit(1)
        console.print("translations and generated pages are up to date")
        return
    for path in report.imported:
        console.print(f"imported hand-written translation {path} into its PO file")
    for path in report.removed:
        console.print(f"removed generated page {path} (its English page is gone)")
    drafted = ", ".join(f"{lang} {count}" for lang, count in report.drafted.items() if count)
    console.print(
        f"synced {', '.join(report.languages)}: {len(report.written)} file(s) written, "
        f"{len(report.removed)} removed, {report.engine_calls} engine call(s)"
        + (f" ({drafted} segments drafted by {engine})" if drafted else "")
        + f" in {report.seconds:.1f} s"
    )


@click.command(name="status")
@click.option("--lang", "langs", multiple=True, metavar="L", help=_LANG_HELP)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help='Print {"source_language", "languages": {L: {"totals", "pages": {PAGE: counts}}}} as JSON '
    "(counts: segments, reviewed, machine, stale, missing, refused).",
)
def status_command(langs: tuple[str, ...], as_json: bool) -> None:
    """Per page and language: how many segments are reviewed, machine, stale and missing."""
    from handbook.translate.status import COUNT_KEYS, status

    result = status(Project.discover(), langs)
    refused = result.pop("refused")
    if as_json:
        result["refused"] = refused
        click.echo(json.dumps(result, ensure_ascii=False, indent=2))
        return
    from rich.table import Table

    from handbook.cli.tables import add_path_column, print_table, table_console

    console = table_console()
    for lang, data in result["languages"].items():
        table = Table(title=f"{english_name(lang)} ({lang})", title_justify="left")
        add_path_column(table, "page", [*data["pages"], "total"])
        for key in COUNT_KEYS:
            table.add_column(key, justify="right", no_wrap=True, min_width=len(key))
        for page, counts in data["pages"].items():
            style = None if counts["reviewed"] == counts["segments"] else "yellow"
            table.add_row(page, *(str(counts[key]) for key in COUNT_KEYS), style=style)
        table.add_row("total", *(str(data["totals"][key]) for key in COUNT_KEYS), style="bold")
        print_table(console, table)
    for line in refused:
        console.print(f"refused: {line}", markup=False, highlight=False, style="red")
