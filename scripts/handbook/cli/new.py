"""`handbook new`: start a page of the English handbook from its kind's template."""

from __future__ import annotations

import click

from handbook.core.articles import KINDS
from handbook.core.project import Project


@click.command(name="new")
@click.argument("kind", type=click.Choice(KINDS))
@click.argument("title")
@click.option("--id", "page_id", metavar="ID", help="The page id (and file name) [default: from the title].")
def new_command(kind: str, title: str, page_id: str | None) -> None:
    """Write docs/en/<section>/<id>.md for a new KIND page titled TITLE and add it to the nav.

    The page has the front matter, the title and every section its kind needs, with anchors;
    replace each TODO, then run `handbook check` (it lists the TODOs left) and `handbook sync`.
    """
    from handbook.site.new_page import create_page

    project = Project.discover()
    page = create_page(project, kind, title, page_id)
    where = page.path.relative_to(project.root)
    click.echo(f"wrote {where} and added `{page.nav_entry}` to the nav in mkdocs.yml")
    click.echo("fill in:")
    for line, text in page.todos:
        click.echo(f"  {where}:{line}: {text}")
    click.echo("then: handbook check (until it passes), handbook sync, and preview with mkdocs serve")
