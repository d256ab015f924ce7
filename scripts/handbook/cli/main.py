"""The `handbook` command line: parses arguments, calls the library, prints, exits."""

from __future__ import annotations

import click

from handbook import __version__
from handbook.core.project import Project


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="handbook")
def main() -> None:
    """Tools for the service handbook: ingest sources, sync translations, check and build the site.

    Run inside the handbook checkout (or set HANDBOOK_ROOT). Every command has --help.
    """


@main.command()
@click.option("--serve", "then_serve", is_flag=True, help="Serve the site after building it.")
@click.option("--port", default=8000, show_default=True, help="Port for --serve.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="How many languages to build at once [default: the number of usable CPU cores].",
)
@click.option(
    "--site-url",
    metavar="URL",
    default=None,
    help="The public address the site is published at (canonical links, hreflang, sitemaps, "
    "copy-link buttons) [default: HANDBOOK_SITE_URL, else site_url in mkdocs.yml].",
)
@click.option(
    "--allow-stale",
    is_flag=True,
    help="Build even if `handbook sync --check` finds files out of date (says which).",
)
@click.option(
    "--print",
    "with_packs",
    is_flag=True,
    help="Also write the printable onboarding packs into the site (site/print/<lang>/<path-id>.pdf; "
    "needs WeasyPrint), linked from each path page.",
)
@click.option("--allow-local", is_flag=True, help="With --print: print even with a loopback public address.")
def build(
    then_serve: bool,
    port: int,
    jobs: int | None,
    site_url: str | None,
    allow_stale: bool,
    with_packs: bool,
    allow_local: bool,
) -> None:
    """Build the site: every language strictly (mkdocs build --strict) plus its search index.

    Languages are built in parallel, one process each; a language's search index is made as soon
    as its pages are. The site is built in a temporary folder and replaces site/ only when
    everything succeeded, so a failed build leaves the previous site/ intact. It holds the project
    lock, refuses a tree that is out of date with docs/en (run `handbook sync`) unless
    --allow-stale, and refuses pages carrying live markup the theme did not put there.
    """
    import os

    from handbook.site.build import build_site
    from handbook.site.links import site_url as public_site_url
    from handbook.site.offline import plain_http_warning
    from handbook.site.print_pdf import PRINT_ENV
    from handbook.site.public_url import ENV_VAR, checked_url

    project = Project.discover()
    previous = os.environ.get(ENV_VAR)
    if site_url is not None:
        # The language builds run in processes of their own; they read the base from the environment
        # (set for this build only).
        os.environ[ENV_VAR] = checked_url(site_url, source="--site-url")
    echo = lambda step: click.echo(f"• {step}", err=True)  # noqa: E731
    try:
        after_assembly = _pack_writer(project, allow_local, echo) if with_packs else None
        site = build_site(
            project,
            jobs=jobs,
            echo=echo,
            refuse_stale=not allow_stale,
            after_assembly=after_assembly,
        )
        click.echo(f"built {site.relative_to(project.root)}/", err=True)
        warning = plain_http_warning(public_site_url(project))
        if warning:
            click.echo(f"warning: {warning}", err=True)
        if then_serve:
            _serve(project, port)
    finally:
        if previous is None:
            os.environ.pop(ENV_VAR, None)
        else:
            os.environ[ENV_VAR] = previous
        os.environ.pop(PRINT_ENV, None)


def _pack_writer(project: Project, allow_local: bool, echo):
    """For `build --print`: refuse early what printing would refuse, and return the step that prints.

    The language builds see PRINT_ENV (path pages then link their pack); the packs are written into
    the assembled site before it replaces site/.
    """
    import os

    from handbook.site.links import site_url
    from handbook.site.print_pack import Catalogue
    from handbook.site.print_pdf import (
        PRINT_DIR,
        PRINT_ENV,
        PrintRequest,
        check_request,
        weasyprint_html,
        write_packs,
    )

    request = PrintRequest(base_url=site_url(project), allow_local=allow_local)
    check_request(project, request, Catalogue.read(project))
    weasyprint_html()
    os.environ[PRINT_ENV] = "1"

    def write(staging):
        echo("printing the onboarding packs")
        write_packs(project, staging, staging / PRINT_DIR, request, echo=lambda line: echo(f"print/{line}"))

    return write


@main.command()
@click.option("--port", default=8000, show_default=True, help="Port to listen on (127.0.0.1).")
def serve(port: int) -> None:
    """Serve the built site/ on http://127.0.0.1:PORT (run `handbook build` first)."""
    from handbook.core.errors import HandbookError
    from handbook.core.fsutil import project_lock
    from handbook.site.guard import stale_pages

    project = Project.discover()
    try:
        with project_lock(project.root, wait=0):
            stale = stale_pages(project)
    except HandbookError as error:
        stale = [error.detail.splitlines()[0]]
    if stale:
        click.echo(
            f"warning: {len(stale)} file(s) out of date with docs/en ({', '.join(stale[:5])}); "
            "run `handbook sync` and `handbook build` to preview them",
            err=True,
        )
    _serve(project, port)


def _serve(project: Project, port: int) -> None:
    from handbook.site.links import site_url
    from handbook.site.public_url import base_path
    from handbook.site.serve import make_server

    prefix = base_path(site_url(project))
    server = make_server(project.site_dir, port=port, base_path=prefix)
    also = f" and http://127.0.0.1:{port}{prefix}" if prefix != "/" else ""
    click.echo(f"serving {project.site_dir.name}/ on http://127.0.0.1:{port}/{also} (Ctrl+C stops)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        click.echo("stopped", err=True)
    finally:
        server.server_close()


@main.command(name="check")
@click.option("--json", "as_json", is_flag=True, help="Print {count, problems, accepted} as JSON.")
def check_command(as_json: bool) -> None:
    """Check structure, links, anchors and translations; exit 1 if there are problems.

    Translation QA findings a reviewer accepted for one entry (PO flag qa-ok:CODE plus a
    translator comment giving the reason) are listed separately and not counted.
    """
    import json

    from handbook.checks import check_report

    problems, accepted = check_report(Project.discover())
    if as_json:
        click.echo(
            json.dumps(
                {
                    "count": len(problems),
                    "problems": [p.as_dict() for p in problems],
                    "accepted": [p.as_dict() for p in accepted],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        from rich.table import Table

        from handbook.cli.tables import add_path_column, print_table, table_console

        console = table_console()
        if accepted:
            table = Table("code", "lang", show_lines=False, title="accepted findings")
            add_path_column(table, "page", [finding.page for finding in accepted])
            table.add_column("message", overflow="fold")
            table.add_column("accepted because", overflow="fold")
            for finding in accepted:
                table.add_row(finding.code, finding.lang, finding.page, finding.message, finding.accepted)
            print_table(console, table)
            console.print(f"{len(accepted)} accepted finding(s), not counted")
        if problems:
            table = Table("code", "lang", show_lines=False)
            add_path_column(table, "page", [problem.page for problem in problems])
            table.add_column("message", overflow="fold")
            for problem in problems:
                table.add_row(problem.code, problem.lang, problem.page, problem.message)
            print_table(console, table)
        console.print(f"{len(problems)} problem(s)")
    if problems:
        raise SystemExit(1)


# --- commands of each area (one import, and the command in the tuple below) ---
from handbook.cli.importing import import_command  # noqa: E402
from handbook.cli.ingest import ingest_command  # noqa: E402
from handbook.cli.links import links_command  # noqa: E402
from handbook.cli.models import models_command  # noqa: E402
from handbook.cli.new import new_command  # noqa: E402
from handbook.cli.printing import print_command  # noqa: E402
from handbook.cli.sync import status_command, sync_command  # noqa: E402

for _command in (
    ingest_command,
    sync_command,
    status_command,
    import_command,
    links_command,
    models_command,
    new_command,
    print_command,
):
    main.add_command(_command)
