"""`handbook print`: printable onboarding packs (PDF) from the built site."""

from __future__ import annotations

from pathlib import Path

import click

from handbook.core.project import Project


@click.command(name="print")
@click.option(
    "--lang", "languages", multiple=True, metavar="L", help="A language to print (repeatable) [default: all]."
)
@click.option(
    "--path",
    "paths",
    multiple=True,
    metavar="ID",
    help="An onboarding path's id (repeatable) [default: all].",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("print"),
    show_default=True,
    help="Folder to write <lang>/<path-id>.pdf into.",
)
@click.option(
    "--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True, help="Paper size."
)
@click.option(
    "--site-url",
    metavar="URL",
    default=None,
    help="The public address the printed links point to [default: HANDBOOK_SITE_URL, else site_url in mkdocs.yml].",
)
@click.option(
    "--allow-local", is_flag=True, help="Print even if the public address is a loopback one (a trial print)."
)
def print_command(
    languages: tuple[str, ...],
    paths: tuple[str, ...],
    out: Path,
    paper: str,
    site_url: str | None,
    allow_local: bool,
) -> None:
    """Write a PDF pack per onboarding path and language: DIR/<lang>/<path-id>.pdf.

    Each pack has a cover (title, language, date, handbook version), a table of contents with page
    numbers, the path page and every principle and case page it links (once each, in order of first
    mention), and the glossary as an appendix; links become numbered endnotes with the page's
    language-neutral public address (/go/<id>/). Made from the built site/ (run `handbook build`
    first); all packs are written or none. Needs WeasyPrint.
    """
    from handbook.core.fsutil import project_lock
    from handbook.site.links import site_url as configured_url
    from handbook.site.print_pdf import PrintRequest, write_packs
    from handbook.site.public_url import checked_url

    project = Project.discover()
    base_url = checked_url(site_url, source="--site-url") if site_url else configured_url(project)
    request = PrintRequest(
        languages=languages, paths=paths, paper=paper, base_url=base_url, allow_local=allow_local
    )
    with project_lock(project.root):
        written = write_packs(
            project,
            project.site_dir,
            out.resolve(),
            request,
            echo=lambda line: click.echo(f"• {line}", err=True),
        )
    click.echo(f"wrote {len(written)} pack(s) in {out}/", err=True)
