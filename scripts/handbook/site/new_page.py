"""`handbook new`: a new English page from its kind's template, and its line in the nav of mkdocs.yml.

The template has the seven front-matter keys, the `#` title and every section its kind requires
(`REQUIRED_SECTIONS`) with its anchor; what the author still has to write is marked `TODO`, and
`handbook check` reports every `TODO` left (`placeholder` problems) until it is replaced.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from handbook.core.articles import KINDS, REQUIRED_SECTIONS, SLUG
from handbook.core.errors import HandbookError
from handbook.core.fsutil import atomic_write_text, project_lock
from handbook.core.project import Project

PLACEHOLDER = "TODO"
# Where each kind's pages live under docs/en, and so which nav group they join ("" = top level).
FOLDERS = {"principle": "principles", "case": "cases", "path": "onboarding", "page": ""}
SECTION_TITLES = {
    "the-idea": "The idea",
    "why-it-matters": "Why it matters",
    "on-a-shift": "On a shift",
    "example": "Example",
    "key-points": "Key points",
    "what-happened": "What happened",
    "what-was-done": "What was done",
    "what-it-shows": "What it shows",
    "principles": "Principles",
    "source": "Source",
}
SECTION_HINTS = {
    "the-idea": "the principle in two or three plain sentences",
    "why-it-matters": "what goes wrong for the customer and the team without it",
    "on-a-shift": "what a front-line employee does, as a short list of actions",
    "example": "link the case that shows it, e.g. `[a case](../cases/del-taco-upland.md)`, and say what it shows",
    "key-points": "three short points to remember",
    "what-happened": "the facts of the case, from its source",
    "what-was-done": "what the staff or the company did",
    "what-it-shows": "the lesson for front-line staff",
    "principles": "a list of links to the principles it shows, e.g. "
    "`- [Details matter](../principles/details-matter.md): why`, each id also in 'related'",
    "source": "which source this comes from (link `../sources.md#SOURCE-ID`) and how far to trust it",
}
GENERIC_SECTIONS = {"path": [("step-1", "Step 1")], "page": [("overview", "Overview")]}


@dataclass(frozen=True)
class NewPage:
    """What `handbook new` wrote: the page, its nav entry and the placeholders left to fill."""

    path: Path
    nav_entry: str
    todos: tuple[tuple[int, str], ...]  # (line, text)


def slug(title: str) -> str:
    """An id from a title: ASCII lowercase words joined by hyphens ("Café rules!" -> "cafe-rules")."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return "-".join(re.findall(r"[a-z0-9]+", ascii_text.lower()))


# Front-matter keys only some kinds have: a case's trust badge, a path's promised break.
KIND_KEYS = {
    "case": (
        f"trust: low  # {PLACEHOLDER}: high, medium or low: how far its sources can be trusted (the badge)",
    ),
    "path": (
        f"break_minutes: 15  # {PLACEHOLDER}: the break each part must fit (handbook check measures it)",
    ),
}


def page_text(kind: str, page_id: str, title: str) -> str:
    """The template of a `kind` page: front matter, title and the required sections with anchors."""
    quoted = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
    sections = [(anchor, SECTION_TITLES[anchor]) for anchor in REQUIRED_SECTIONS.get(kind, ())]
    lines = [
        "---",
        f"id: {page_id}",
        f"kind: {kind}",
        f"title: {quoted}",
        f'summary: "{PLACEHOLDER}: one sentence saying what a reader gets from this page."',
        f"sources: []  # {PLACEHOLDER}: ids from sources/sources.yml this page draws on, or leave []",
        f"tags: [{kind}]",
        f"related: []  # {PLACEHOLDER}: ids of related pages (a case lists the principles it links)",
        *KIND_KEYS.get(kind, ()),
        "---",
        "",
        f"# {title}",
        "",
    ]
    for anchor, heading in sections or GENERIC_SECTIONS[kind]:
        hint = SECTION_HINTS.get(anchor, "what this section says")
        lines += [f"## {heading} {{#{anchor}}}", "", f"{PLACEHOLDER}: {hint}.", ""]
    return "\n".join(lines)


def _nav_insert(config_text: str, folder: str, entry: str) -> str:
    """mkdocs.yml with `entry` added at the end of the nav group holding `folder/` pages (or of the
    top-level nav), keeping every other line and comment as it was."""
    lines = config_text.splitlines(keepends=True)
    try:
        start = next(i for i, line in enumerate(lines) if line.rstrip() == "nav:")
    except StopIteration:
        raise HandbookError(
            "mkdocs.yml has no 'nav:' list to add the page to", fix="restore mkdocs.yml from git"
        ) from None
    end = start + 1
    while end < len(lines) and (lines[end].startswith((" ", "-")) or not lines[end].strip()):
        end += 1
    while end > start + 1 and not lines[end - 1].strip():
        end -= 1
    if folder:
        children = [
            i for i in range(start + 1, end) if re.match(rf"\s+- (?:[^:]+: )?{re.escape(folder)}/", lines[i])
        ]
        if not children:
            raise HandbookError(
                f"the nav in mkdocs.yml has no group of {folder}/ pages to add the page to",
                fix=f"add the page under its group in the nav by hand: - {entry}",
            )
        last = children[-1]
        indent = re.match(r"\s*", lines[last]).group(0)
        lines.insert(last + 1, f"{indent}- {entry}\n")
    else:
        indent = re.match(r"\s*", lines[start + 1]).group(0)
        lines.insert(end, f"{indent}- {entry}\n")
    return "".join(lines)


def create_page(project: Project, kind: str, title: str, page_id: str | None = None) -> NewPage:
    """Write docs/en/<folder>/<id>.md from the template and add it to the nav; refuse to overwrite."""
    if kind not in KINDS:
        raise HandbookError(f"unknown kind {kind!r}; expected one of: {', '.join(KINDS)}")
    title = " ".join(title.split())
    if not title:
        raise HandbookError("the title is empty", fix='pass the page title, e.g. handbook new case "Title"')
    page_id = page_id or slug(title)
    if not SLUG.match(page_id):
        raise HandbookError(
            f"cannot make an id from {title!r} (found {page_id!r})",
            fix="pass --id with lowercase Latin words joined by hyphens, e.g. --id greet-every-guest",
        )
    folder = FOLDERS[kind]
    relative = f"{folder}/{page_id}.md" if folder else f"{page_id}.md"
    path = project.source_docs_dir / relative
    with project_lock(project.root):
        taken = [p for p in project.source_docs_dir.rglob(f"{page_id}.md")]
        if path.exists() or taken:
            raise HandbookError(
                f"a page with the id {page_id!r} already exists",
                path=taken[0] if taken else path,
                fix="choose another title, or pass --id with a new id (ids are never reused)",
            )
        config_text = project.config_file.read_text(encoding="utf-8")
        updated = _nav_insert(config_text, folder, relative)
        text = page_text(kind, page_id, title)
        atomic_write_text(path, text)
        atomic_write_text(project.config_file, updated)
    todos = tuple(
        (number, line.strip()) for number, line in enumerate(text.splitlines(), 1) if PLACEHOLDER in line
    )
    return NewPage(path=path, nav_entry=relative, todos=todos)
