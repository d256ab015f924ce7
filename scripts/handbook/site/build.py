"""`handbook build`: validate the config, build every language strictly and in parallel, swap in.

The languages are built by separate processes (`handbook.site.build_language`), as many at a time as
there are cores, each into a part folder of its own; a language's search index (Pagefind) is made
from its part as soon as its pages are built, while other languages still build. The parts are
then assembled (the default language at the root, every other one in its folder, one Pagefind
bundle) and the result replaces `site/` only when everything succeeded.

Why one module of this size: the steps, their order and the assembly share one rule (nothing
replaces `site/` unless every step succeeded, under one lock); each step's own work lives elsewhere
(`build_language`, `search`, `guard`, `offline`), what stays here is how they are run together.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path

import yaml

from handbook.core.errors import HandbookError, yaml_error
from handbook.core.project import Project
from handbook.site.search import BUNDLE_DIR, glossary_word_groups, index_language, merge_bundles
from handbook.site.search import page_sources, search_tables
from handbook.core.fsutil import project_lock
from handbook.site.guard import remove_leftovers, stale_pages, unsafe_markup
from handbook.site.offline import FOLDER as OFFLINE
from handbook.site.offline import write_offline

# Order in which languages are built: those whose search index takes longest first (Thai is
# segmented, Hebrew and Arabic get prefix stems), so the slowest indexes can start while the
# last languages are still being built. Languages not listed follow in config order.
INDEX_COST_ORDER = ("th", "he", "ar", "ru")


@dataclass(frozen=True)
class TaskTiming:
    """One step of the build: a language's pages or its search index, when it ran and its CPU."""

    kind: str  # "pages" or "index"
    lang: str
    start: float  # time.perf_counter()
    end: float
    cpu: float | None = None  # CPU seconds of the worker process ("pages" only)
    pages: int = 0


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


def _language_settings(config: dict) -> list[dict]:
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            settings = plugin["i18n"] or {}
            return [lang for lang in settings.get("languages") or [] if isinstance(lang, dict)]
    return []


def configured_languages(config: dict) -> list[str]:
    """Locales listed under the i18n plugin in mkdocs.yml."""
    return [str(lang.get("locale")) for lang in _language_settings(config)]


def built_languages(config: dict) -> tuple[str, list[str]]:
    """The default language and every language to build (`build: false` ones left out)."""
    languages = [lang for lang in _language_settings(config) if lang.get("build", True) is not False]
    defaults = [str(lang.get("locale")) for lang in languages if lang.get("default") is True]
    return (defaults[0] if defaults else ""), [str(lang.get("locale")) for lang in languages]


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
    """mkdocs' warnings and errors, each with its indented continuation lines (the pages a
    "not included in the nav" warning lists come on the lines after it)."""
    lines = [line.rstrip() for line in output.splitlines()]
    picked: list[str] = []
    in_problem = False
    for line in lines:
        if line.startswith(("WARNING", "ERROR", "Error", "Aborted")):
            picked.append(line)
            in_problem = True
        elif in_problem and line.startswith((" ", "\t")) and line.strip():
            picked.append("  " + line.strip())
        else:
            in_problem = False
    return picked or lines[-15:]


def usable_cpus() -> int:
    """Cores this process may run on (the build runs that many languages at once)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def build_order(default: str, languages: list[str]) -> list[str]:
    """Languages in the order their pages are built (slowest search index first, see INDEX_COST_ORDER)."""
    rank = {code: at for at, code in enumerate(INDEX_COST_ORDER)}
    return sorted(
        languages, key=lambda code: (code == default, rank.get(code, len(rank)), languages.index(code))
    )


def build_site(
    project: Project,
    *,
    echo: Callable[[str], None] = lambda _: None,
    jobs: int | None = None,
    timings: list[TaskTiming] | None = None,
    refuse_stale: bool = False,
    after_assembly: Callable[[Path], None] | None = None,
) -> Path:
    """Build the whole site strictly, language by language in parallel, then replace `site/`.

    `jobs` is how many processes run at once (default: the usable cores); `timings`, when given,
    receives a TaskTiming per step. Any failure raises HandbookError and leaves `site/` as it was.
    The whole build holds the project lock (no sync, import or ingest changes the tree meanwhile);
    `refuse_stale` refuses a tree `handbook sync --check` finds out of date (`handbook build` sets
    it unless --allow-stale); a page with live markup the theme did not put there is refused
    (`handbook.site.guard`). `after_assembly` is called with the assembled site before it replaces
    `site/` (`build --print` writes the packs into it); an error there also leaves `site/` as it was.
    """
    with project_lock(project.root):
        return _build_locked(
            project,
            echo=echo,
            jobs=jobs,
            timings=timings,
            refuse_stale=refuse_stale,
            after_assembly=after_assembly,
        )


def _build_locked(project: Project, *, echo, jobs, timings, refuse_stale: bool, after_assembly=None) -> Path:
    for name in remove_leftovers(project.root):
        echo(f"removed {name}/, left by a build that was stopped")
    validate_project(project)  # a missing language folder is named as such, not as stale pages
    try:
        stale = stale_pages(project)
    except HandbookError as error:  # sync itself refuses the tree (a hand-edited page, a bad PO file)
        if refuse_stale:
            raise HandbookError(
                f"the tree is not in sync with docs/en: {error.detail}",
                fix="fix what is listed and run `handbook sync` (or `handbook build --allow-stale`)",
            ) from None
        stale = [error.detail.splitlines()[-1].strip()]
    if stale and refuse_stale:
        raise HandbookError(
            f"{len(stale)} file(s) are out of date with docs/en: "
            + ", ".join(stale[:10])
            + (" ..." if len(stale) > 10 else ""),
            fix="run `handbook sync` (or `handbook build --allow-stale` to build them as they are)",
        )
    if stale:
        echo(f"building {len(stale)} out-of-date file(s) as they are: {', '.join(stale[:5])}")
    default, languages = built_languages(read_config(project))
    if not default:
        raise HandbookError(
            "no language of the i18n plugin is marked `default: true` and built",
            path=project.config_file,
            fix="mark the source language (en) with `default: true` under plugins: i18n: languages",
        )
    jobs = max(1, jobs or usable_cpus())
    project.site_dir.parent.mkdir(parents=True, exist_ok=True)
    parts = Path(tempfile.mkdtemp(prefix=".site-build-", dir=project.root))
    try:
        order = build_order(default, languages)
        echo(f"building {len(order)} languages ({', '.join(order)}), {min(jobs, len(order))} at a time")
        scans: dict[str, dict[str, list[str]]] = {}  # each language's pages, scanned by its worker
        _run_steps(project, default, order, parts, jobs=jobs, echo=echo, timings=timings, scans=scans)
        echo("assembling the site")
        staging = _assemble(default, order, parts)
        write_offline(staging, default, order)  # precache lists, offline pages, sw.js (issue 20)
        unsafe = unsafe_markup(staging, scanned=scans.values(), rescan=OFFLINE)  # the rest of the pages
        if unsafe:
            raise HandbookError(
                f"{len(unsafe)} page(s) carry live markup the theme does not put there; the site was "
                "not published:\n  " + "\n  ".join(unsafe[:20]),
                fix="find the text in docs/en or the PO file that makes it and remove it (a bug in "
                "`handbook sync`'s refusals if it came from a translation: report it)",
            )
        if after_assembly is not None:
            after_assembly(staging)
        _swap_in(staging, project.site_dir)
    finally:
        shutil.rmtree(parts, ignore_errors=True)
    return project.site_dir


def _run_steps(
    project: Project,
    default: str,
    order: list[str],
    parts: Path,
    *,
    jobs: int,
    echo: Callable[[str], None],
    timings: list[TaskTiming] | None,
    scans: dict[str, dict[str, list[str]]],
) -> None:
    """Run every language's pages and search-index steps, `jobs` at a time; `scans` receives each
    language's publish scan (`handbook.site.guard.scan_html`, made by its pages worker).

    Pages come first (in `order`); a language's index is started when a slot is free and no pages
    are left to start, longest index first. After a failure nothing new starts; the steps running
    finish, and every failure is reported together.
    """
    pending = list(order)
    indexable: list[str] = []
    failures: dict[str, str] = {}
    running: dict[Future, tuple[str, str]] = {}

    def next_step() -> tuple[str, str] | None:
        if failures:
            return None
        if pending:
            return "pages", pending.pop(0)
        if indexable:
            indexable.sort(key=order.index)
            return "index", indexable.pop(0)
        return None

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        while True:
            while len(running) < jobs and (step := next_step()) is not None:
                kind, lang = step
                if kind == "pages":
                    future = pool.submit(_build_pages, project, lang, parts, default=default, scans=scans)
                else:
                    future = pool.submit(_build_index, project, lang, parts)
                running[future] = step
            if not running:
                break
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                kind, lang = running.pop(future)
                try:
                    timing = future.result()
                except HandbookError as error:
                    failures[lang] = str(error.detail)
                    continue
                if timings is not None:
                    timings.append(timing)
                took = timing.end - timing.start
                if kind == "pages":
                    indexable.append(lang)
                    echo(f"{lang}: {timing.pages} pages built in {took:.1f} s")
                else:
                    echo(f"{lang}: search index of {timing.pages} pages in {took:.1f} s")
    if failures:
        details = "\n".join(f"{lang}:\n  {detail}" for lang, detail in failures.items())
        raise HandbookError(
            f"the site could not be built:\n{details}",
            path=project.config_file,
            fix="fix the problems above (strict mode treats every mkdocs warning as an error); "
            "the previous site/ is left as it was",
        )


def _build_pages(project: Project, lang: str, parts: Path, *, default: str, scans: dict) -> TaskTiming:
    """One language's pages, by `python -m handbook.site.build_language` into parts/<lang>/site;
    the worker also scans the files of its language that the site keeps (into `scans[lang]`)."""
    start = time.perf_counter()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", HANDBOOK_BUILD_PARENT=str(os.getpid()))
    env["HANDBOOK_BUILD_SCAN"] = "." if lang == default else lang  # what of its output the site keeps
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "handbook.site.build_language",
            str(project.config_file),
            str(parts / lang / "site"),
            lang,
        ],
        cwd=project.root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        details = "\n  ".join(_mkdocs_problems(result.stderr + result.stdout))
        raise HandbookError(f"mkdocs build --strict failed:\n  {details}", path=project.config_file)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    scans[lang] = report["scan"]
    if lang != default:
        _drop_shared_files(parts / lang / "site", lang)
    return TaskTiming("pages", lang, start, time.perf_counter(), cpu=report["cpu"], pages=report["pages"])


def _drop_shared_files(built: Path, lang: str) -> None:
    """Remove what a language's build wrote outside its folder (theme assets, root 404 and sitemap).

    The default language's build writes the same files at the site root; only its copy is kept.
    Removed here, while other languages still build, rather than all at the end.
    """
    for path in built.iterdir():
        if path.name == lang and path.is_dir():
            continue
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


def _build_index(project: Project, lang: str, parts: Path) -> TaskTiming:
    """One language's Pagefind bundle, from its built pages, into parts/<lang>/pagefind."""
    start = time.perf_counter()
    built = parts / lang / "site"
    sources = page_sources(built)
    others = sorted(code for code in sources if code != lang)
    if others:
        raise HandbookError(
            f"pages built for {lang!r} declare another language (<html lang>): {', '.join(others)}",
            path=project.config_file,
            fix="every page needs <html lang> set to the language of its folder",
        )
    glossary, words = search_tables(project.translations_dir / "glossary.yml")
    groups = glossary_word_groups(glossary, lang) if glossary is not None else ()
    synonyms = words.synonyms_for(lang)
    index_language(
        built,
        lang,
        parts / lang / BUNDLE_DIR,
        parts / lang / "index-work",
        sources=sources,
        groups=groups,
        synonyms=synonyms,
    )
    return TaskTiming("index", lang, start, time.perf_counter(), pages=len(sources.get(lang, [])))


def _assemble(default: str, order: list[str], parts: Path) -> Path:
    """One site from the parts: the default language at the root, the others in their folders."""
    staging = parts / "site"
    (parts / default / "site").rename(staging)
    for lang in order:
        if lang == default:
            continue
        folder = parts / lang / "site" / lang
        if not folder.is_dir() or (staging / lang).exists():
            raise HandbookError(
                f"the {lang!r} build did not produce exactly one {lang}/ folder",
                path=parts / lang / "site",
                fix="report this as a bug in handbook.site.build_language (static-i18n's layout changed?)",
            )
        folder.rename(staging / lang)
    merge_bundles([parts / lang / BUNDLE_DIR for lang in order], staging / BUNDLE_DIR)
    return staging


def _swap_in(staging: Path, site: Path) -> None:
    old = site.with_name(site.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if site.exists():
        site.rename(old)
    staging.rename(site)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)
