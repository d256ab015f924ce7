"""Handbook articles: front matter parsing and validation, and the Markdown parser the checks use.

An article is one `docs/en/**.md` page: YAML front matter (ARCHITECTURE.md, Data model) and a Markdown
body. `load_article` gives a valid `Article` or raises one `HandbookError` naming the file and
line; `read_front_matter` and `front_matter_errors` are the two steps it is built from, for callers
(the content checks) that report every problem instead of stopping at the first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.attrs.parse import ParseError
from mdit_py_plugins.attrs.parse import parse as parse_attrs

from handbook.core.errors import HandbookError

KINDS: tuple[str, ...] = ("principle", "case", "path", "page")
STRING_KEYS: tuple[str, ...] = ("id", "kind", "title", "summary")
LIST_KEYS: tuple[str, ...] = ("sources", "tags", "related")
REQUIRED_KEYS: tuple[str, ...] = ("id", "kind", "title", "summary", "sources", "tags", "related")
# Sections every page of a kind must have, by anchor (`handbook check`; `handbook new` writes them).
REQUIRED_SECTIONS: Mapping[str, tuple[str, ...]] = {
    "principle": (
        "the-idea",
        "on-a-shift",
        "why-it-matters",
        "example",
        "key-points",
    ),  # action first (issue 23)
    "case": ("what-happened", "what-was-done", "what-it-shows", "principles", "source"),
}
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# The top-level index page is the home page; every other page's id is its file stem.
HOME_ID = "home"

_FENCE = "---"


@dataclass(frozen=True)
class Article:
    """One handbook page: its front matter fields, its Markdown body and where the body starts."""

    path: Path
    id: str
    kind: str
    title: str
    summary: str
    sources: tuple[str, ...]
    tags: tuple[str, ...]
    related: tuple[str, ...]
    body: str
    body_line: int  # 1-based line of the file on which `body` starts


@dataclass(frozen=True)
class FrontMatter:
    """The raw front matter mapping of one page, before validation, and the body after it."""

    data: Mapping[str, Any]
    body: str
    body_line: int


@dataclass(frozen=True)
class FieldError:
    """One way a front matter mapping breaks the data model."""

    code: str  # front-matter-key | front-matter-type | front-matter-kind | front-matter-id
    message: str


def expected_id(path: Path, docs_root: Path | None = None) -> str:
    """The id a page at `path` must carry: its file stem, or `home` for the top-level index."""
    if path.name == "index.md" and (docs_root is None or path.parent == docs_root):
        return HOME_ID
    return path.stem


def read_front_matter(path: Path, text: str | None = None) -> FrontMatter:
    """Split `path` into its YAML front matter mapping and body; HandbookError if that fails."""
    if text is None:
        text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != _FENCE:
        raise HandbookError(
            f"expected the page to start with a '{_FENCE}' line opening its front matter, "
            f"found {lines[0][:40]!r}",
            path=path,
            line=1,
            fix="add the front matter block (id, kind, title, summary, sources, tags, related)",
        )
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].rstrip() == _FENCE)
    except StopIteration:
        raise HandbookError(
            f"the front matter opened on line 1 is never closed by a '{_FENCE}' line",
            path=path,
            line=1,
            fix=f"add a '{_FENCE}' line after the last front matter key",
        ) from None
    try:
        data = yaml.safe_load("\n".join(lines[1:end]))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        # The YAML text starts on line 2 of the file; marks are 0-based.
        line = mark.line + 2 if mark is not None else 2
        problem = getattr(error, "problem", None) or str(error).splitlines()[0]
        raise HandbookError(
            f"the front matter is not valid YAML: {problem}",
            path=path,
            line=line,
            fix="quote values that contain ': ', '#', '[' or start with a quote",
        ) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise HandbookError(
            f"expected the front matter to be a mapping of keys, found a {type(data).__name__}",
            path=path,
            line=2,
            fix="write one 'key: value' line per field",
        )
    return FrontMatter(data=data, body="\n".join(lines[end + 1 :]), body_line=end + 2)


def front_matter_errors(data: Mapping[str, Any], expected: str) -> list[FieldError]:
    """Every way `data` breaks the article data model; `expected` is the id the file must have."""
    errors: list[FieldError] = []
    for key in REQUIRED_KEYS:
        if key not in data:
            errors.append(FieldError("front-matter-key", f"missing required key '{key}'"))
    for key in STRING_KEYS:
        if key in data:
            value = data[key]
            if not isinstance(value, str) or not value.strip():
                errors.append(
                    FieldError(
                        "front-matter-type",
                        f"'{key}' must be a non-empty string, found {_describe(value)}",
                    )
                )
    for key in LIST_KEYS:
        if key in data:
            value = data[key]
            if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
                errors.append(
                    FieldError(
                        "front-matter-type",
                        f"'{key}' must be a list of non-empty strings, found {_describe(value)}",
                    )
                )
    kind = data.get("kind")
    if isinstance(kind, str) and kind.strip() and kind not in KINDS:
        errors.append(
            FieldError(
                "front-matter-kind",
                f"'kind' must be one of {', '.join(KINDS)}, found {kind!r}",
            )
        )
    page_id = data.get("id")
    if isinstance(page_id, str) and page_id.strip() and page_id != expected:
        errors.append(
            FieldError(
                "front-matter-id",
                f"'id' must equal the file name without '.md' ({expected!r}), found {page_id!r}",
            )
        )
    return errors


def load_article(path: Path, docs_root: Path | None = None) -> Article:
    """Read and validate one page; HandbookError naming the file (and line) if it is not valid."""
    front = read_front_matter(path)
    errors = front_matter_errors(front.data, expected_id(path, docs_root))
    if errors:
        raise HandbookError(
            "invalid front matter: " + "; ".join(error.message for error in errors),
            path=path,
            line=2,
            fix="see the article format in ARCHITECTURE.md (Data model)",
        )
    data = front.data
    return Article(
        path=path,
        id=data["id"],
        kind=data["kind"],
        title=data["title"],
        summary=data["summary"],
        sources=tuple(data["sources"]),
        tags=tuple(data["tags"]),
        related=tuple(data["related"]),
        body=front.body,
        body_line=front.body_line,
    )


def _describe(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, str):
        return f"{value!r}"
    return f"a {type(value).__name__} ({value!r})"


def _heading_attributes(state: StateCore) -> None:
    """Move a trailing `{#id .class}` attribute list of a heading onto its heading_open token.

    This is the Python-Markdown `attr_list` form the site uses for explicit anchors; the attribute
    list itself is read with mdit-py-plugins' attrs parser.
    """
    tokens = state.tokens
    for index, token in enumerate(tokens[:-1]):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        if inline.type != "inline" or not inline.children:
            continue
        last = inline.children[-1]
        if last.type != "text":
            continue
        text = last.content.rstrip()
        start = text.rfind("{")
        if start < 0 or not text.endswith("}"):
            continue
        try:
            # `parse` returns the index of the closing brace within the string it was given.
            closing, attrs = parse_attrs(text[start:])
        except ParseError:
            continue
        if start + closing + 1 != len(text):
            continue
        for key, value in attrs.items():
            token.attrSet(key, value)
        last.content = text[:start].rstrip()
        inline.content = inline.content.rstrip()[: -(len(text) - start)].rstrip()


def markdown_parser() -> MarkdownIt:
    """A markdown-it parser for the Markdown the site enables: tables, admonitions, heading ids."""
    parser = MarkdownIt("commonmark").enable("table").use(admon_plugin)
    parser.core.ruler.push("heading_attributes", _heading_attributes)
    return parser
