"""Content checks of the English handbook (`docs/en`): front matter, ids, anchors, links, sources.

Each `@check` function reports `Problem`s for one rule; all of them read the pages through
`load_pages`, which parses every page once per call with markdown-it-py (never regexes over the
text). Anchors are the explicit `{#...}` attributes of headings. Problem messages start with
`line N:` when a line is known; `page` is the path relative to `docs/en`.

Why one module of this size: each check is a short function over the same parsed pages (front
matter, headings, links); splitting them would scatter the shared page model across files.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml

from handbook.checks.registry import Problem, check
from handbook.core.articles import (
    KINDS,
    REQUIRED_SECTIONS,
    SLUG,
    expected_id,
    front_matter_errors,
    markdown_parser,
    read_front_matter,
)
from handbook.core.errors import HandbookError
from handbook.core.project import SOURCE_LANGUAGE, Project

# Only these kinds draw facts from sources; the home and sources pages merely list them.
SOURCE_USING_KINDS: tuple[str, ...] = ("principle", "case")
SOURCES_REGISTRY = "sources.yml"


@dataclass(frozen=True)
class Link:
    """One link or image target in a page body."""

    line: int
    href: str


@dataclass(frozen=True)
class Heading:
    """One heading: level (1-6), explicit anchor (or None) and line."""

    level: int
    anchor: str | None
    text: str
    line: int


@dataclass(frozen=True)
class Page:
    """A parsed page: what the checks need, whether or not its front matter is valid."""

    rel: str  # path relative to docs/en, with '/' separators
    path: Path
    data: Mapping[str, Any] | None  # None when the front matter could not be read
    front_matter_error: HandbookError | None
    headings: tuple[Heading, ...] = ()
    links: tuple[Link, ...] = ()
    # Links inside each `##` section, by the section's anchor.
    section_links: Mapping[str, tuple[Link, ...]] = field(default_factory=dict)

    @property
    def id(self) -> str | None:
        value = self.data.get("id") if self.data is not None else None
        return value if isinstance(value, str) and value else None

    @property
    def kind(self) -> str | None:
        value = self.data.get("kind") if self.data is not None else None
        return value if isinstance(value, str) and value in KINDS else None

    def id_list(self, key: str) -> list[str]:
        """The string items of list field `key` (empty if missing or not a list)."""
        value = self.data.get(key) if self.data is not None else None
        if not isinstance(value, list):
            return []
        return [item for item in value if isinstance(item, str)]

    @property
    def anchors(self) -> dict[str, int]:
        """Explicit anchors of the page and the line each is defined on (first one wins)."""
        found: dict[str, int] = {}
        for heading in self.headings:
            if heading.anchor is not None:
                found.setdefault(heading.anchor, heading.line)
        return found


def english_docs(project: Project) -> Path:
    return project.docs_dir / SOURCE_LANGUAGE


def load_pages(project: Project) -> list[Page]:
    """Every Markdown page under docs/en, parsed, sorted by path."""
    root = english_docs(project)
    if not root.is_dir():
        return []
    parser = markdown_parser()
    return [_parse_page(root, path, parser) for path in sorted(root.rglob("*.md")) if path.is_file()]


def _parse_page(root: Path, path: Path, parser) -> Page:
    rel = path.relative_to(root).as_posix()
    text = path.read_text(encoding="utf-8")
    try:
        front = read_front_matter(path, text)
    except HandbookError as error:
        return Page(rel=rel, path=path, data=None, front_matter_error=error)
    headings: list[Heading] = []
    links: list[Link] = []
    section_links: dict[str, list[Link]] = {}
    section: str | None = None
    tokens = parser.parse(front.body)
    for index, token in enumerate(tokens):
        line = front.body_line + token.map[0] if token.map else front.body_line
        if token.type == "heading_open":
            level = int(token.tag[1:])
            anchor = token.attrGet("id")
            inline = tokens[index + 1]
            heading = Heading(level, str(anchor) if anchor else None, inline.content, line)
            headings.append(heading)
            if level <= 2:
                section = heading.anchor if level == 2 else None
                if section is not None:
                    section_links.setdefault(section, [])
        elif token.type == "inline":
            for child in token.children or []:
                href = None
                if child.type == "link_open":
                    href = child.attrGet("href")
                elif child.type == "image":
                    href = child.attrGet("src")
                if href:
                    link = Link(line, str(href))
                    links.append(link)
                    if section is not None:
                        section_links[section].append(link)
    return Page(
        rel=rel,
        path=path,
        data=front.data,
        front_matter_error=None,
        headings=tuple(headings),
        links=tuple(links),
        section_links={key: tuple(value) for key, value in section_links.items()},
    )


def _problem(code: str, page: str, message: str, line: int | None = None) -> Problem:
    where = f"line {line}: " if line is not None else ""
    return Problem(code=code, lang=SOURCE_LANGUAGE, page=page, message=where + message)


def _readable(pages: Iterable[Page]) -> list[Page]:
    return [page for page in pages if page.data is not None]


@check
def check_front_matter(project: Project) -> list[Problem]:
    """Front matter is present, valid YAML, complete, of the right types, kind allowed, id == stem."""
    root = english_docs(project)
    problems: list[Problem] = []
    for page in load_pages(project):
        if page.data is None:
            error = page.front_matter_error
            if error is not None:
                problems.append(_problem("front-matter-syntax", page.rel, error.detail, error.line))
            continue
        for error in front_matter_errors(page.data, expected_id(page.path, root)):
            problems.append(_problem(error.code, page.rel, error.message, 2))
    return problems


@check
def check_unique_ids(project: Project) -> list[Problem]:
    """No two pages share an id."""
    owners: dict[str, list[str]] = {}
    for page in _readable(load_pages(project)):
        if page.id is not None:
            owners.setdefault(page.id, []).append(page.rel)
    problems: list[Problem] = []
    for page_id, rels in owners.items():
        if len(rels) > 1:
            for rel in rels:
                others = ", ".join(other for other in rels if other != rel)
                problems.append(
                    _problem(
                        "duplicate-id",
                        rel,
                        f"id {page_id!r} is also used by {others}; every page needs its own id",
                    )
                )
    return problems


@check
def check_headings(project: Project) -> list[Problem]:
    """Every `##`/`###` heading has an explicit, well-formed, unique anchor; required sections exist."""
    problems: list[Problem] = []
    for page in _readable(load_pages(project)):
        seen: dict[str, int] = {}
        for heading in page.headings:
            if heading.anchor is None:
                if heading.level in (2, 3):
                    problems.append(
                        _problem(
                            "heading-anchor",
                            page.rel,
                            f"heading {heading.text!r} has no explicit anchor; "
                            f"add one like '{{#{_suggest_anchor(heading.text)}}}'",
                            heading.line,
                        )
                    )
                continue
            if not SLUG.match(heading.anchor):
                problems.append(
                    _problem(
                        "anchor-format",
                        page.rel,
                        f"anchor {heading.anchor!r} must be lowercase words joined by hyphens",
                        heading.line,
                    )
                )
            if heading.anchor in seen:
                problems.append(
                    _problem(
                        "duplicate-anchor",
                        page.rel,
                        f"anchor {heading.anchor!r} is already used on line {seen[heading.anchor]}",
                        heading.line,
                    )
                )
            else:
                seen[heading.anchor] = heading.line
        required = REQUIRED_SECTIONS.get(page.kind or "", ())
        sections = {h.anchor for h in page.headings if h.level == 2 and h.anchor}
        for anchor in required:
            if anchor not in sections:
                problems.append(
                    _problem(
                        "missing-section",
                        page.rel,
                        f"a {page.kind} page needs a '## ... {{#{anchor}}}' section",
                    )
                )
    return problems


def _suggest_anchor(text: str) -> str:
    words = "".join(ch.lower() if ch.isalnum() else " " for ch in text).split()
    return "-".join(words) or "section"


@check
def check_links(project: Project) -> list[Problem]:
    """Every internal link points at an existing file under docs/en, and at an existing anchor."""
    root = english_docs(project)
    pages = _readable(load_pages(project))
    by_rel = {page.rel: page for page in pages}
    problems: list[Problem] = []
    for page in pages:
        for link in page.links:
            problem = _link_problem(root, page, link, by_rel)
            if problem is not None:
                problems.append(problem)
    return problems


def _link_problem(root: Path, page: Page, link: Link, by_rel: Mapping[str, Page]) -> Problem | None:
    parts = urlsplit(link.href)
    if parts.scheme or parts.netloc:
        return None  # external: not ours to check
    target_path = unquote(parts.path)
    anchor = unquote(parts.fragment)
    if target_path.startswith("/"):
        return _problem(
            "broken-link",
            page.rel,
            f"link {link.href!r} is absolute; use a relative '.md' link",
            link.line,
        )
    if target_path:
        joined = posixpath.normpath(posixpath.join(posixpath.dirname(page.rel), target_path))
        if joined == ".." or joined.startswith("../"):
            return _problem(
                "broken-link",
                page.rel,
                f"link {link.href!r} leaves the docs/en folder",
                link.line,
            )
        target = root / joined
        if not target.is_file():
            found = "a folder" if target.is_dir() else "nothing"
            return _problem(
                "broken-link",
                page.rel,
                f"link {link.href!r} points at {joined!r}, which is {found}; link an existing file",
                link.line,
            )
        target_page = by_rel.get(joined)
    else:
        joined = page.rel
        target_page = page
    if not anchor:
        return None
    if target_page is None:
        return _problem(
            "broken-anchor",
            page.rel,
            f"link {link.href!r} has an anchor, but {joined!r} is not a handbook page",
            link.line,
        )
    if anchor not in target_page.anchors:
        return _problem(
            "broken-anchor",
            page.rel,
            f"link {link.href!r}: {joined!r} has no heading with anchor {{#{anchor}}}",
            link.line,
        )
    return None


@dataclass(frozen=True)
class SourceRegistry:
    """The source ids known from sources/sources.yml, or the problem that stopped reading it."""

    ids: frozenset[str]
    problem: Problem | None


def load_source_ids(project: Project) -> SourceRegistry:
    """Source ids from `sources/sources.yml` (a list of {id: ...}, under `sources:` or top level)."""
    path = project.sources_dir / SOURCES_REGISTRY
    page = f"sources/{SOURCES_REGISTRY}"
    if not path.is_file():
        return SourceRegistry(
            frozenset(),
            _problem(
                "sources-registry-missing",
                page,
                f"sources/{SOURCES_REGISTRY} does not exist, so source ids cannot be checked; "
                "run 'handbook ingest' or write the registry",
            ),
        )
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        return SourceRegistry(
            frozenset(),
            _problem(
                "sources-registry-invalid",
                page,
                f"sources/{SOURCES_REGISTRY} is not valid YAML",
                mark.line + 1 if mark is not None else None,
            ),
        )
    ids = _registry_ids(data)
    if ids is None:
        return SourceRegistry(
            frozenset(),
            _problem(
                "sources-registry-invalid",
                page,
                f"sources/{SOURCES_REGISTRY} must hold a list of entries with an 'id' "
                "(at the top level or under 'sources:')",
            ),
        )
    return SourceRegistry(frozenset(ids), None)


def _registry_ids(data: object) -> list[str] | None:
    if isinstance(data, dict) and "sources" in data:
        data = data["sources"]
    if isinstance(data, dict):
        # A mapping keyed by id is accepted too.
        return [key for key in data if isinstance(key, str)]
    if isinstance(data, list) and all(
        isinstance(entry, dict) and isinstance(entry.get("id"), str) for entry in data
    ):
        return [entry["id"] for entry in data]
    return None


@check
def check_references(project: Project) -> list[Problem]:
    """Every `related` id is a page id; every `sources` id is in sources/sources.yml."""
    pages = _readable(load_pages(project))
    page_ids = {page.id for page in pages if page.id is not None}
    registry = load_source_ids(project)
    problems: list[Problem] = [] if registry.problem is None else [registry.problem]
    for page in pages:
        for related in page.id_list("related"):
            if related not in page_ids:
                problems.append(
                    _problem(
                        "unknown-related",
                        page.rel,
                        f"'related' lists {related!r}, which is not the id of any page",
                        2,
                    )
                )
        if registry.problem is not None:
            continue
        for source in page.id_list("sources"):
            if source not in registry.ids:
                problems.append(
                    _problem(
                        "unknown-source",
                        page.rel,
                        f"'sources' lists {source!r}, which is not an id in sources/{SOURCES_REGISTRY}",
                        2,
                    )
                )
    return problems


@check
def check_sources_used(project: Project) -> list[Problem]:
    """Every source in the registry is listed by at least one principle or case page."""
    registry = load_source_ids(project)
    if registry.problem is not None:
        return []  # check_references reports the registry problem once
    used = {
        source
        for page in _readable(load_pages(project))
        if page.kind in SOURCE_USING_KINDS
        for source in page.id_list("sources")
    }
    return [
        _problem(
            "unused-source",
            f"sources/{SOURCES_REGISTRY}",
            f"source {source!r} is not listed in 'sources' by any principle or case page",
        )
        for source in sorted(registry.ids - used)
    ]


@check
def check_principles_and_cases(project: Project) -> list[Problem]:
    """Every principle links a case; every case links its principles in `## Principles`."""
    pages = _readable(load_pages(project))
    kind_of = {page.rel: page.kind for page in pages}
    id_of = {page.rel: page.id for page in pages}
    problems: list[Problem] = []
    for page in pages:
        if page.kind == "principle":
            if not any(kind_of.get(_target(page, link)) == "case" for link in page.links):
                problems.append(
                    _problem(
                        "principle-without-case",
                        page.rel,
                        "a principle page must link at least one case page (in '## Example')",
                    )
                )
        elif page.kind == "case":
            section = page.section_links.get("principles", ())
            linked = [
                _target(page, link) for link in section if kind_of.get(_target(page, link)) == "principle"
            ]
            if not linked:
                problems.append(
                    _problem(
                        "case-without-principle",
                        page.rel,
                        "a case page must link its principles in '## Principles {#principles}'",
                    )
                )
            related = set(page.id_list("related"))
            for rel in dict.fromkeys(linked):
                if id_of.get(rel) not in related:
                    problems.append(
                        _problem(
                            "case-related-missing",
                            page.rel,
                            f"'## Principles' links {rel!r}, but 'related' does not list {id_of.get(rel)!r}",
                            2,
                        )
                    )
    return problems


@check
def check_placeholders(project: Project) -> list[Problem]:
    """No `TODO` left from `handbook new`'s template."""
    problems: list[Problem] = []
    for page in load_pages(project):
        for number, line in enumerate(page.path.read_text(encoding="utf-8").splitlines(), 1):
            if "TODO" in line:
                problems.append(
                    _problem("placeholder", page.rel, f"replace the placeholder: {line.strip()}", number)
                )
    return problems


def _target(page: Page, link: Link) -> str | None:
    """The docs/en-relative path a relative link points at, or None for external/same-page links."""
    parts = urlsplit(link.href)
    if parts.scheme or parts.netloc or not parts.path or parts.path.startswith("/"):
        return None
    return posixpath.normpath(posixpath.join(posixpath.dirname(page.rel), unquote(parts.path)))


CONTENT_CHECKS = (
    check_front_matter,
    check_unique_ids,
    check_headings,
    check_links,
    check_references,
    check_sources_used,
    check_principles_and_cases,
)


def run_content_checks(project: Project) -> list[Problem]:
    """Only this module's checks, sorted (for tests and callers that want the content rules alone)."""
    return sorted({problem for function in CONTENT_CHECKS for problem in function(project)})


@check
def check_path_times(project: Project) -> list[Problem]:
    """Each part of an onboarding path fits the break its `break_minutes` promises, in every
    language, at that language's reading rate (handbook.site.paths; issue 23)."""
    from handbook.site.paths import path_time_problems

    languages = [lang.code for lang in project.languages]
    return [
        Problem(code="path-time", lang=lang, page=page, message=message)
        for lang, page, message in path_time_problems(project.docs_dir, languages)
    ]
