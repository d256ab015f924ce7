"""`handbook import`: full-page translation drafts -> PO files (reviewed), then sync."""

from __future__ import annotations

from pathlib import Path

import click

from handbook.core.project import TARGET_LANGUAGES, Project


@click.command(name="import")
@click.argument("drafts", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--lang",
    "languages",
    multiple=True,
    metavar="L",
    help=f"Target language to import ({', '.join(TARGET_LANGUAGES)}); repeatable. Default: all.",
)
@click.option(
    "--replace",
    "replace_human",
    is_flag=True,
    help="Let a draft replace an existing different human translation (the old one is kept obsolete).",
)
def import_command(drafts: Path, languages: tuple[str, ...], replace_human: bool) -> None:
    """Import translated Markdown pages from DRAFTS/<lang>/<page>.md as reviewed translations.

    Each draft must line up with its English page block by block (check with
    `python -m handbook.translate.alignment docs/en/PAGE.md DRAFT.md`). Existing human translations are never
    overwritten without --replace. Run `handbook sync` afterwards to regenerate docs/<lang>/.
    """
    from handbook.translate.importing import import_drafts

    project = Project.discover()
    report = import_drafts(
        project, drafts, list(languages) or list(project.target_languages), replace_human=replace_human
    )
    for label, taken in sorted(report.imported.items()):
        click.echo(f"{label}: {taken} segment(s) taken")
    for conflict in report.conflicts:
        click.echo(f"conflict (kept the existing translation): {conflict}", err=True)
    for refused in report.refused:
        click.echo(f"refused: {refused}", err=True)
    click.echo(
        f"{len(report.written)} PO file(s) written, {len(report.conflicts)} conflict(s), "
        f"{len(report.refused)} draft(s) refused",
        err=True,
    )
    if report.refused or report.conflicts:
        raise SystemExit(1)
