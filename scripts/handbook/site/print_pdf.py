"""`handbook print`: the onboarding packs as PDF files, rendered by WeasyPrint, all written or none.

Every requested pack is rendered into a temporary folder next to the output; only when all of
them succeeded are they moved to `<out>/<lang>/<path-id>.pdf`, so a failure leaves no partial
output. The text layer (what readers copy and search) is rebuilt from each font's own tables
(`print_text`). WeasyPrint (a Python package over Debian's pango) is needed only here and by
`handbook build --print`; without it the command says what to install.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from handbook.core.errors import HandbookError
from handbook.core.project import Project
from handbook.site.print_pack import PRINT_DIR, PRINT_ENV, Catalogue, handbook_version, pack_file, pack_html

__all__ = ["PRINT_DIR", "PRINT_ENV", "PrintRequest", "check_request", "weasyprint_html", "write_packs"]
from handbook.site.print_style import PAPER_SIZES
from handbook.site.print_text import text_layer
from handbook.site.public_url import ENV_VAR, is_loopback

INSTALL_FIX = (
    "install WeasyPrint and pango: `pip install 'service-handbook[print]'` (or `make test`) and "
    "`sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-core`"
)


@dataclass(frozen=True)
class PrintRequest:
    """What to print: languages and path ids (empty: all), paper, and the public base URL."""

    languages: tuple[str, ...] = ()
    paths: tuple[str, ...] = ()
    paper: str = "a4"
    base_url: str = ""
    allow_local: bool = False


def weasyprint_html():
    """WeasyPrint's HTML class, or a HandbookError saying what to install."""
    try:
        from weasyprint import HTML
    except ImportError as error:
        raise HandbookError(
            f"printing needs WeasyPrint, which is not installed ({error})", fix=INSTALL_FIX
        ) from None
    except OSError as error:  # WeasyPrint is there but cannot load pango
        raise HandbookError(
            f"printing needs the pango library, which WeasyPrint could not load ({error})", fix=INSTALL_FIX
        ) from None
    return HTML


def check_request(project: Project, request: PrintRequest, catalogue: Catalogue) -> tuple[list, list[str]]:
    """The languages and path ids to print; unknown ones and a loopback public URL are refused."""
    known = {lang.code: lang for lang in project.languages}
    unknown = [code for code in request.languages if code not in known]
    if unknown:
        raise HandbookError(
            f"unknown language(s) for --lang: {', '.join(unknown)}",
            path=project.config_file,
            fix=f"use one of {', '.join(known)} (the languages under plugins: i18n: languages)",
        )
    paths = catalogue.paths()
    missing = [path_id for path_id in request.paths if path_id not in paths]
    if missing:
        raise HandbookError(
            f"no onboarding path with id {', '.join(missing)} (--path takes the id of a `kind: path` page)",
            path=project.source_docs_dir,
            fix=f"use one of {', '.join(paths) or '(none: add one with `handbook new path TITLE`)'}",
        )
    if request.paper not in PAPER_SIZES:
        raise HandbookError(f"unknown paper {request.paper!r}", fix=f"use one of {', '.join(PAPER_SIZES)}")
    if is_loopback(request.base_url) and not request.allow_local:
        raise HandbookError(
            f"the public address is {request.base_url}, which only this machine reaches: the links "
            "printed in the packs would not open for their readers",
            path=project.config_file,
            fix=f"pass --site-url https://<your public host>/ or set {ENV_VAR} (or site_url in "
            "mkdocs.yml); --allow-local prints with it anyway, for a trial print",
        )
    languages = [known[code] for code in (request.languages or tuple(known))]
    return languages, list(dict.fromkeys(request.paths)) or paths


def write_packs(
    project: Project,
    site: Path,
    out: Path,
    request: PrintRequest,
    *,
    echo: Callable[[str], None] = lambda _: None,
    date: dt.date | None = None,
) -> list[Path]:
    """Render every requested pack from the built `site` and move them all to `out` (or none)."""
    catalogue = Catalogue.read(project)
    languages, paths = check_request(project, request, catalogue)
    html_class = weasyprint_html()
    date = date or dt.date.today()
    version = handbook_version(project)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".print-", dir=out.parent))
    written: list[Path] = []
    try:
        rendered: list[tuple[Path, Path]] = []
        for lang in languages:
            for path_id in paths:
                document = pack_html(
                    project,
                    site,
                    lang,
                    path_id,
                    base_url=request.base_url,
                    paper=request.paper,
                    date=date,
                    catalogue=catalogue,
                    version=version,
                )
                target = pack_file(work, lang.code, path_id)
                target.parent.mkdir(parents=True, exist_ok=True)
                html_class(string=document, base_url=str(site)).write_pdf(target, finisher=text_layer)
                echo(f"{lang.code}/{path_id}.pdf")
                rendered.append((target, pack_file(out, lang.code, path_id)))
        for temporary, final in rendered:
            final.parent.mkdir(parents=True, exist_ok=True)
            os.replace(temporary, final)
            written.append(final)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return written
