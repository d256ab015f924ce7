"""Build one language of the site, in a process of its own: `python -m handbook.site.build_language`.

`handbook build` runs one of these per language, as many at a time as there are cores, and then
assembles their output (see `handbook.site.build`). mkdocs-static-i18n would otherwise render every
language one after another in a single process, where Material's page rendering leaves one core
idle.

This is the same build static-i18n does in its own loop: `mkdocs.commands.build.build` with the
plugin's current language set and its loop switched off (`building`). Every language still knows
all the others (language switcher, `hreflang`, fallbacks): static-i18n works those out from the
docs folders and the config, not from what was built before. The default language goes to the
root of SITE_DIR, any other language to SITE_DIR/<lang>/ (what else that build writes at the root
is the same theme files and is discarded by the assembly).

    python -m handbook.site.build_language MKDOCS_YML SITE_DIR LANG

Exit status 0: built, and the last line of stdout is JSON {"lang", "pages", "cpu"}. Exit 1: the
build failed, and stderr holds mkdocs' warnings and errors (strict mode: any warning fails).
With HANDBOOK_BUILD_SCAN=FOLDER (`handbook build` sets it: "." for the default language, else the
language's folder) the JSON also holds "scan": `handbook.site.guard.scan_html` of SITE_DIR/FOLDER.
"""

from __future__ import annotations

import json
import logging
import os
import resource
import sys
from pathlib import Path


def exit_with_parent() -> None:
    """Linux: be killed when the `handbook build` that started this process dies (a killed build
    must not leave workers writing); `HANDBOOK_BUILD_PARENT` names that parent."""
    parent = os.environ.get("HANDBOOK_BUILD_PARENT")
    if not parent or not sys.platform.startswith("linux"):
        return
    import ctypes
    import signal

    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != int(parent):  # the parent died before prctl took effect
        os._exit(1)


def build_language(config_file: Path, site_dir: Path, lang: str) -> int:
    """Build `lang` of the site described by `config_file` into `site_dir`; the number of pages."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
    i18n = config.plugins.get("i18n")
    if i18n is None:
        raise SystemExit(f"{config_file}: no i18n plugin is configured, so there is no language {lang!r}")
    if lang not in i18n.build_languages:
        raise SystemExit(
            f"{config_file}: {lang!r} is not one of the languages built ({i18n.build_languages})"
        )
    pages = 0

    def count(output, **kwargs):
        nonlocal pages
        pages += 1
        return output

    config.plugins.on_startup(command="build", dirty=False)
    try:
        i18n.current_language = lang
        i18n.building = True  # static-i18n's own loop over the other languages stays off
        config.plugins.events["post_page"].append(count)
        build(config)
    finally:
        config.plugins.on_shutdown()
    return pages


def _log_to_stderr() -> None:
    """mkdocs' warnings and errors on stderr, as `mkdocs build` prints them."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    handler.setLevel(logging.WARNING)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    config_file, site_dir, lang = Path(args[0]), Path(args[1]), args[2]
    exit_with_parent()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    _log_to_stderr()
    from mkdocs.exceptions import MkDocsException

    try:
        pages = build_language(config_file, site_dir, lang)
    except MkDocsException as exc:  # Abort (strict warnings), ConfigurationError, BuildError
        print(f"Aborted: {exc}", file=sys.stderr)
        return 1
    report: dict = {"lang": lang, "pages": pages}
    scan_folder = os.environ.get("HANDBOOK_BUILD_SCAN")
    if scan_folder:  # `handbook build`'s publish scan of this language's files, on this core
        from handbook.site.guard import scan_html

        report["scan"] = scan_html(site_dir, under=site_dir / scan_folder)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    report["cpu"] = round(usage.ru_utime + usage.ru_stime, 3)
    print(json.dumps(report, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
