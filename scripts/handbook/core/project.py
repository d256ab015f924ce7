"""Where a handbook project lives on disk and which languages it is published in."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from handbook.core.errors import HandbookError


@dataclass(frozen=True)
class Language:
    """One published language: ISO code, English name, native name and text direction."""

    code: str
    name: str
    native_name: str
    dir: str  # "ltr" | "rtl"


LANGUAGES: tuple[Language, ...] = (
    Language("en", "English", "English", "ltr"),
    Language("he", "Hebrew", "עברית", "rtl"),
    Language("ar", "Arabic", "العربية", "rtl"),
    Language("th", "Thai", "ไทย", "ltr"),
    Language("ru", "Russian", "Русский", "ltr"),
)
SOURCE_LANGUAGE = "en"
TARGET_LANGUAGES: tuple[str, ...] = tuple(lang.code for lang in LANGUAGES if lang.code != "en")
LANGUAGE_BY_CODE: dict[str, Language] = {lang.code: lang for lang in LANGUAGES}


def language(code: str) -> Language:
    """The language record for `code`, or a HandbookError listing the known codes."""
    try:
        return LANGUAGE_BY_CODE[code]
    except KeyError:
        known = ", ".join(LANGUAGE_BY_CODE)
        raise HandbookError(
            f"unknown language code {code!r}; expected one of: {known}",
            fix="pass one of the listed codes with --lang",
        ) from None


def target_language(code: str) -> Language:
    """A language the handbook is translated into; the source language or an unknown code is a
    clear error listing the target languages only."""
    targets = ", ".join(TARGET_LANGUAGES)
    if code == SOURCE_LANGUAGE:
        raise HandbookError(
            f"{code!r} is the source language; it is edited in docs/en, not synced",
            fix=f"pass one of: {targets}",
        )
    if code not in TARGET_LANGUAGES:
        raise HandbookError(
            f"unknown target language {code!r}; expected one of: {targets}",
            fix="pass one of the listed codes with --lang",
        )
    return LANGUAGE_BY_CODE[code]


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
