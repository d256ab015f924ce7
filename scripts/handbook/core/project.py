"""Where a handbook project lives on disk and which languages it is published in.

The languages are those of `plugins: i18n: languages` in the project's mkdocs.yml, and nowhere
else: the locale is the code, `name` the native name, `default: true` the source language; the
English name and the text direction come from Unicode's CLDR data (Babel). `LANGUAGES`,
`TARGET_LANGUAGES` and `LANGUAGE_BY_CODE` are the languages of the project found from the working
directory (or HANDBOOK_ROOT), read when first asked for; code working on a given project asks
`Project.languages` and `Project.target_languages`.
"""

from __future__ import annotations

import functools
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from handbook.core.errors import HandbookError

SOURCE_LANGUAGE = "en"  # docs/en is the English handbook; mkdocs.yml marks it `default: true`


@dataclass(frozen=True)
class Language:
    """One published language: ISO code, English name, native name and text direction."""

    code: str
    name: str
    native_name: str
    dir: str  # "ltr" | "rtl"


@functools.cache
def _locale(code: str):
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None


def text_direction(code: str) -> str:
    """ "rtl" for right-to-left scripts (he, ar, fa, ur, ...), else "ltr" (also for unknown codes)."""
    locale = _locale(code)
    return "rtl" if locale is not None and locale.character_order == "right-to-left" else "ltr"


def english_name(code: str) -> str:
    """The language's English name from CLDR ("Hebrew" for he), or the code itself if unknown."""
    locale = _locale(code)
    return locale.english_name if locale is not None and locale.english_name else code


class _TolerantLoader(yaml.SafeLoader):
    """SafeLoader that reads past mkdocs' and Material's custom tags (`!ENV`, `!!python/name:`)."""


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)

_LANGUAGES_FIX = (
    "list each language under plugins: i18n: languages in mkdocs.yml (locale, name; the English "
    "one with default: true)"
)


@functools.cache
def _read_languages(config_file: Path, mtime_ns: int) -> tuple[Language, ...]:
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506
    except (OSError, yaml.YAMLError) as exc:
        raise HandbookError(
            f"cannot read the languages: {exc}", path=config_file, fix=_LANGUAGES_FIX
        ) from None
    entries: list = []
    for plugin in (config or {}).get("plugins") or [] if isinstance(config, dict) else []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            entries = plugin["i18n"].get("languages") or []
    languages: list[Language] = []
    problems: list[str] = []
    for index, entry in enumerate(entries, start=1):
        code = str(entry.get("locale") or "") if isinstance(entry, dict) else ""
        if not code:
            problems.append(f"language #{index} has no locale")
            continue
        if _locale(code) is None:
            problems.append(f"language #{index}: {code!r} is not a language code Unicode CLDR knows")
        native = str(entry.get("name") or english_name(code))
        languages.append(Language(code, english_name(code), native, text_direction(code)))
    defaults = [e.get("locale") for e in entries if isinstance(e, dict) and e.get("default") is True]
    if not languages:
        problems.append("no languages are listed under plugins: i18n: languages")
    elif defaults != [SOURCE_LANGUAGE]:
        problems.append(f"exactly one language, {SOURCE_LANGUAGE!r}, must be marked default: true")
    if problems:
        raise HandbookError("; ".join(problems), path=config_file, fix=_LANGUAGES_FIX)
    source = [lang for lang in languages if lang.code == SOURCE_LANGUAGE]
    return tuple(source + [lang for lang in languages if lang.code != SOURCE_LANGUAGE])


def read_languages(config_file: Path) -> tuple[Language, ...]:
    """The languages mkdocs.yml publishes, the source language first; a clear error if there are none."""
    path = Path(config_file).resolve()
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        raise HandbookError("mkdocs.yml is missing", path=path, fix="restore it from git") from None
    return _read_languages(path, mtime)


def _current_languages() -> tuple[Language, ...]:
    """The languages of the project found from here; none when there is no project."""
    try:
        return read_languages(find_root() / "mkdocs.yml")
    except HandbookError:
        return ()


def __getattr__(name: str):
    # LANGUAGES, TARGET_LANGUAGES and LANGUAGE_BY_CODE are read from mkdocs.yml when first imported.
    if name == "LANGUAGES":
        return _current_languages()
    if name == "TARGET_LANGUAGES":
        return tuple(lang.code for lang in _current_languages() if lang.code != SOURCE_LANGUAGE)
    if name == "LANGUAGE_BY_CODE":
        return {lang.code: lang for lang in _current_languages()}
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def language(code: str, project: Project | None = None) -> Language:
    """The language record for `code`, or a HandbookError listing the known codes."""
    languages = project.languages if project is not None else _current_languages()
    for lang in languages:
        if lang.code == code:
            return lang
    known = ", ".join(lang.code for lang in languages)
    raise HandbookError(
        f"unknown language code {code!r}; expected one of: {known}",
        fix="pass one of the listed codes with --lang",
    )


def target_language(code: str, project: Project | None = None) -> Language:
    """A language the handbook is translated into; the source language or an unknown code is a
    clear error listing the target languages only."""
    languages = project.languages if project is not None else _current_languages()
    targets = ", ".join(lang.code for lang in languages if lang.code != SOURCE_LANGUAGE)
    if code == SOURCE_LANGUAGE:
        raise HandbookError(
            f"{code!r} is the source language; it is edited in docs/en, not synced",
            fix=f"pass one of: {targets}",
        )
    for lang in languages:
        if lang.code == code:
            return lang
    raise HandbookError(
        f"unknown target language {code!r}; expected one of: {targets}",
        fix="pass one of the listed codes with --lang"
        + (" (or add it to mkdocs.yml, see README: Add a language)" if targets else ""),
    )


def find_root(start: Path | None = None) -> Path:
    """The project root: `$HANDBOOK_ROOT`, else the nearest directory upwards holding mkdocs.yml."""
    env = os.environ.get("HANDBOOK_ROOT")
    if env:
        root = Path(env).resolve()
        if not (root / "mkdocs.yml").is_file():
            raise HandbookError(
                "HANDBOOK_ROOT does not hold a mkdocs.yml",
                path=root,
                fix="point HANDBOOK_ROOT at the handbook checkout, or unset it",
            )
        return root
    here = (start or Path.cwd()).resolve()
    for candidate in (here, *here.parents):
        if (candidate / "mkdocs.yml").is_file():
            return candidate
    raise HandbookError(
        "no mkdocs.yml found here or in any parent directory",
        path=here,
        fix="run the command inside the handbook checkout, or set HANDBOOK_ROOT",
    )


# What a copy of a project needs to build its site; generated or heavy folders are left out.
BUILD_PARTS = ("mkdocs.yml", "docs", "overrides", "translations", "sources", "redirects.yml", "urls.yml")


@dataclass(frozen=True)
class Project:
    """Paths of one handbook checkout."""

    root: Path

    @classmethod
    def discover(cls, start: Path | None = None) -> Project:
        return cls(find_root(start))

    @property
    def config_file(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def languages(self) -> tuple[Language, ...]:
        """Every language of the site (mkdocs.yml), the source language first."""
        return read_languages(self.config_file)

    @property
    def target_languages(self) -> tuple[str, ...]:
        """The codes of the languages the handbook is translated into, in mkdocs.yml's order."""
        return tuple(lang.code for lang in self.languages if lang.code != SOURCE_LANGUAGE)

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def source_docs_dir(self) -> Path:
        return self.docs_dir / SOURCE_LANGUAGE

    @property
    def translations_dir(self) -> Path:
        return self.root / "translations"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def sources_dir(self) -> Path:
        return self.root / "sources"

    def copy(self, dest: Path, parts: tuple[str, ...] = BUILD_PARTS) -> Project:
        """A copy of `parts` (files or folders below the root; by default what a build needs) in
        `dest` (made if missing), for tests and benchmarks that must not touch this checkout."""
        dest.mkdir(parents=True, exist_ok=True)
        for name in parts:
            source = self.root / name
            if source.is_dir():
                shutil.copytree(source, dest / name)
            elif source.is_file():
                (dest / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, dest / name)
        return Project(dest)
