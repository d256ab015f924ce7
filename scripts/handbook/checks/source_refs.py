"""Source-reference checks: every `[src-000 §4]` in `docs/en` points at a block that exists.

A reference must name a source of `sources/sources.yml` that the page lists in its `sources:`
front matter, and a block §N within its cleaned file (`handbook.core.source_refs.clean_blocks`).
The site needs the source's `short_title` in every language and an entry with the source's id as
its anchor on the Sources page. References are found as the placeholders of the page's segments
(markdown-it's view, so code spans are never references); text that looks like one but is not
(`[src-000 4]`) is reported too, as it would reach the reader as raw text.
"""

from __future__ import annotations

from handbook.checks.content import SOURCES_REGISTRY, load_pages
from handbook.checks.registry import Problem, check
from handbook.core.errors import HandbookError
from handbook.core.project import SOURCE_LANGUAGE, Project
from handbook.core.source_refs import REFERENCE_RE, clean_blocks, load_sources
from handbook.translate.segments import extract

SOURCES_PAGE = "sources.md"


def _problem(code: str, page: str, line: int, message: str) -> Problem:
    return Problem(code=code, lang=SOURCE_LANGUAGE, page=page, message=f"line {line}: {message}")


@check
def check_source_references(project: Project) -> list[Problem]:
    """References point at an existing block of a source the page lists; the site can name it."""
    pages = [page for page in load_pages(project) if page.data is not None]
    found = []  # (page, line, reference, number, paragraph)
    for page in pages:
        try:
            segments = extract(page.path.read_text(encoding="utf-8"), path=str(page.path))
        except HandbookError:
            continue  # the content checks report a page that cannot be read
        for segment in segments:
            for original in segment.originals:
                match = REFERENCE_RE.fullmatch(original)
                if match:
                    found.append((page, segment.line, original, match.group(1), int(match.group(2))))
            if "[src-" in segment.source:
                start = segment.source.index("[src-")
                end = segment.source.find("]", start, start + 30)
                snippet = segment.source[start : end + 1 if end >= 0 else start + 12]
                found.append((page, segment.line, snippet, "", 0))
    if not found:
        return []
    try:
        sources = load_sources(project.sources_dir)
    except HandbookError as error:
        return [Problem("source-ref-registry", SOURCE_LANGUAGE, f"sources/{SOURCES_REGISTRY}", str(error))]
    by_rel = {page.rel: page for page in pages}
    sources_anchors = by_rel[SOURCES_PAGE].anchors if SOURCES_PAGE in by_rel else {}
    block_counts: dict[str, int | None] = {}
    problems: list[Problem] = []
    used: dict[str, tuple[str, int, str]] = {}  # source id -> first (page, line, reference)
    known = ", ".join(sorted(sources)) or "none"
    for page, line, reference, number, paragraph in found:
        if not number:
            problems.append(
                _problem(
                    "source-ref-malformed",
                    page.rel,
                    line,
                    f"{reference!r} looks like a source reference but is not one; write it exactly "
                    "as [src-000 §4] (source number, one space, §, block number)",
                )
            )
            continue
        record = sources.get(number)
        if record is None:
            problems.append(
                _problem(
                    "source-ref-unknown",
                    page.rel,
                    line,
                    f"{reference} names no source in sources/{SOURCES_REGISTRY} (known: {known})",
                )
            )
            continue
        used.setdefault(record.id, (page.rel, line, reference))
        if record.id not in page.id_list("sources"):
            problems.append(
                _problem(
                    "source-ref-not-listed",
                    page.rel,
                    line,
                    f"{reference} cites {record.id}, which is not in this page's 'sources' front "
                    "matter; add it there or cite a listed source",
                )
            )
        if record.id not in block_counts:
            clean = project.sources_dir / "clean" / f"{record.id}.md"
            block_counts[record.id] = (
                len(clean_blocks(clean.read_text(encoding="utf-8"))) if clean.is_file() else None
            )
        count = block_counts[record.id]
        if count is None:
            problems.append(
                _problem(
                    "source-ref-no-block",
                    page.rel,
                    line,
                    f"{reference} points at sources/clean/{record.id}.md, which does not exist; "
                    "run `handbook ingest` on its raw file",
                )
            )
        elif paragraph > count:
            problems.append(
                _problem(
                    "source-ref-no-block",
                    page.rel,
                    line,
                    f"{reference} points at no block: sources/clean/{record.id}.md has {count} "
                    f"blocks (headings and paragraphs, counted from 1 after the front matter); "
                    f"use §1 to §{count}",
                )
            )
    # The project's languages (mkdocs.yml) that the registry gives short titles in; a language added
    # to the site later falls back to the English title until its titles are added, for every source.
    titled = list(dict.fromkeys(code for record in sources.values() for code in record.short_titles))
    try:
        languages = [lang.code for lang in project.languages if lang.code in titled]
    except HandbookError:  # a folder of sources without a site (no mkdocs.yml): the registry's own
        languages = titled
    for source_id, (rel, line, reference) in sorted(used.items()):
        record = next(r for r in sources.values() if r.id == source_id)
        missing = [code for code in languages if not record.short_titles.get(code)]
        if missing:
            problems.append(
                _problem(
                    "source-note-title",
                    rel,
                    line,
                    f"{reference}: {source_id} has no short_title for {', '.join(missing)} in "
                    f"sources/{SOURCES_REGISTRY}; the site names the source by it in every language",
                )
            )
        if source_id not in sources_anchors:
            problems.append(
                _problem(
                    "source-note-anchor",
                    rel,
                    line,
                    f"{reference}: the Sources page (docs/en/{SOURCES_PAGE}) has no heading with the "
                    f"anchor {{#{source_id}}}, which the source note links to; add it to that "
                    "source's entry",
                )
            )
    return problems
