"""`handbook build`: validate the site config, run `mkdocs build --strict`, run post-build steps, swap in."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import yaml

from handbook.errors import HandbookError, yaml_error
from handbook.project import Project
from handbook.search import build_search_index

# Steps run on the freshly built site before it replaces `site/` (e.g. the search index).
# --- post-build steps (one line per step) ---
PostBuildStep = Callable[[Project, Path], None]
POST_BUILD: list[PostBuildStep] = [
    build_search_index,  # search: per-language Pagefind index (handbook.search)
]


class _Loader(yaml.SafeLoader):
    """SafeLoader that tolerates mkdocs' and Material's custom tags (`!ENV`, `!!python/name:`)."""


def _ignore_tag(loader: yaml.Loader, suffix: str, node: yaml.Node) -> None:
    return None


_Loader.add_multi_constructor("!", _ignore_tag)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _ignore_tag)


def read_config(project: Project) -> dict:
    """mkdocs.yml as a dict, or a HandbookError naming the file, the line and the fix."""
    path = project.config_file
    if not path.is_file():
        raise HandbookError("mkdocs.yml is missing", path=path, fix="restore it from git")
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        raise yaml_error(
            exc,
            what="mkdocs.yml",
            path=path,
            fix="correct the YAML syntax at that line (indentation, a missing ':' or quote)",
        ) from None
    if not isinstance(config, dict):
        raise HandbookError(
            f"expected a mapping of settings, found {type(config).__name__}",
            path=path,
            fix="mkdocs.yml must be a YAML mapping (site_name: ..., theme: ...)",
        )
    return config


def configured_languages(config: dict) -> list[str]:
    """Locales listed under the i18n plugin in mkdocs.yml."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            settings = plugin["i18n"] or {}
            return [str(lang.get("locale")) for lang in settings.get("languages") or []]
    return []


def validate_project(project: Project) -> None:
    """Report every problem that would make the build fail before touching `site/`."""
    config = read_config(project)
    problems: list[str] = []
    languages = configured_languages(config)
    if not languages:
        problems.append("mkdocs.yml: no i18n plugin with languages is configured")
    for code in languages:
        folder = project.docs_dir / code
        if not folder.is_dir():
            problems.append(
                f"{folder.relative_to(project.root)}/: language folder for {code!r} is missing "
                f"(run `handbook sync --lang {code}` to generate it, or remove {code!r} from mkdocs.yml)"
            )
        elif not (folder / "index.md").is_file():
            problems.append(
                f"{(folder / 'index.md').relative_to(project.root)}: home page for {code!r} is missing "
                f"(run `handbook sync --lang {code}`)"
            )
    if problems:
        raise HandbookError(
            "the site cannot be built:\n  " + "\n  ".join(problems),
            path=project.config_file,
            fix="fix the problems listed; the previous site/ is left as it was",
        )


def _mkdocs_problems(output: str) -> list[str]:
    lines = [line.rstrip() for line in output.splitlines()]
    picked = [line for line in lines if line.startswith(("WARNING", "ERROR", "Error", "Aborted"))]
    return picked or lines[-15:]


def build_site(project: Project, *, echo: Callable[[str], None] = lambda _: None) -> Path:
    """Build the whole site strictly into a temp dir, then atomically replace `site/`."""
    validate_project(project)
    project.site_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-build-", dir=project.root))
    try:
        env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
        echo("mkdocs build --strict")
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "mkdocs",
                "build",
                "--strict",
                "--clean",
                "-f",
                str(project.config_file),
                "-d",
                str(staging),
            ],
            cwd=project.root,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            details = "\n  ".join(_mkdocs_problems(result.stderr + result.stdout))
            raise HandbookError(
                f"mkdocs build --strict failed:\n  {details}",
                path=project.config_file,
                fix="fix the warnings above (strict mode treats every warning as an error); "
                "the previous site/ is left as it was",
            )
        for step in POST_BUILD:
            echo(step.__doc__.splitlines()[0] if step.__doc__ else step.__name__)
            step(project, staging)
        _swap_in(staging, project.site_dir)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)
    return project.site_dir


def _swap_in(staging: Path, site: Path) -> None:
    old = site.with_name(site.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)
