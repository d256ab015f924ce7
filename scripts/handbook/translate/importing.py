"""`handbook import`: bring translators' full-page Markdown drafts into the PO files as reviewed.

Some translators work on whole pages rather than in a PO editor. A draft is the English page
translated in place: the same front matter keys (title and summary translated), the same blocks
in the same order, links, inline code and anchors untouched (`python -m handbook.translate.alignment`
checks this). Each draft is matched to its English page segment by segment
(`handbook.translate.sync.import_page`) and merged into `translations/<lang>/<page>.po`:

- a segment with no human translation yet takes the draft's text as reviewed;
- a segment that already has a different human translation keeps it, and the run reports a
  conflict (`--replace` takes the draft instead and keeps the old text as an obsolete entry);
- draft blocks that match no English segment are kept as obsolete entries.

Nothing a person wrote is lost either way. Drafts that do not line up with the English are
refused with the alignment problems listed, and nothing is written for them; so is a draft that
separates source references the English has together, or puts side by side two the English keeps
apart (`handbook.translate.citations.apart`, `side_by_side`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from handbook.core.errors import HandbookError
from handbook.core.fsutil import Replacements, project_lock, recover_journal
from handbook.core.project import Project, target_language
from handbook.translate.alignment import compare
from handbook.translate.citations import apart, side_by_side
from handbook.translate.glossary import load_glossary
from handbook.translate.memory import (
    Catalog,
    Entry,
    SegmentState,
    catalog_path,
    catalog_text,
    decode_po,
    parse_catalog,
)
from handbook.translate.merge import import_page
from handbook.translate.pages import digest
from handbook.translate.segments import extract

REPLACED_NOTE = "[replaced by `handbook import` on {page}]"


@dataclass
class ImportReport:
    imported: dict[str, int] = field(default_factory=dict)  # "lang/page" -> segments taken
    conflicts: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)


def merge_import(current: Catalog, draft: Catalog, *, replace_human: bool) -> tuple[Catalog, int, list[str]]:
    """`current` with the draft's reviewed texts merged in; (catalog, taken, conflicts)."""
    by_msgid = {entry.msgid: entry for entry in draft.entries if entry.state is SegmentState.REVIEWED}
    entries: list[Entry] = []
    obsolete = list(current.obsolete)
    taken = 0
    conflicts: list[str] = []
    for entry in current.entries:
        offered = by_msgid.pop(entry.msgid, None)
        if offered is None or offered.msgstr == entry.msgstr and entry.state is SegmentState.REVIEWED:
            entries.append(entry)
            continue
        if entry.human and entry.msgstr != offered.msgstr:
            if not replace_human:
                conflicts.append(entry.msgid)
                entries.append(entry)
                continue
            obsolete.append(
                Entry(
                    msgid=f"{REPLACED_NOTE.format(page=current.page)} {entry.msgid}",
                    msgstr=entry.msgstr,
                    obsolete=True,
                )
            )
        entries.append(replace(entry, msgstr=offered.msgstr, fuzzy=False, previous="", engine=""))
        taken += 1
    # Draft texts for segments the catalog does not have (yet): kept for the memory, never lost.
    known = {(entry.msgid, entry.msgstr) for entry in obsolete}
    for leftover in [*by_msgid.values(), *draft.obsolete]:
        if (leftover.msgid, leftover.msgstr) not in known:
            obsolete.append(replace(leftover, obsolete=True))
            known.add((leftover.msgid, leftover.msgstr))
    merged = Catalog(
        lang=current.lang,
        page=current.page,
        entries=entries,
        obsolete=obsolete,
        metadata=dict(current.metadata),
    )
    return merged, taken, conflicts


def import_drafts(
    project: Project, drafts_dir: Path, languages: list[str], *, replace_human: bool = False
) -> ImportReport:
    """Import every draft under `drafts_dir/<lang>/` for `languages`; all-or-nothing per page."""
    report = ImportReport()
    for code in languages:
        target_language(code, project)
    if not drafts_dir.is_dir():
        raise HandbookError(
            "no such folder of drafts",
            path=drafts_dir,
            fix="pass the folder that holds one subfolder per language (he/, ar/, ...)",
        )
    if not any((drafts_dir / lang).is_dir() and any((drafts_dir / lang).rglob("*.md")) for lang in languages):
        raise HandbookError(
            f"no drafts to import: expected Markdown pages in {', '.join(f'{lang}/' for lang in languages)}",
            path=drafts_dir,
            fix="put each draft at DRAFTS/<lang>/<page>.md, the page's path under docs/en "
            "(e.g. he/principles/customer-comes-first.md)",
        )
    with project_lock(project.root):
        recover_journal(project.root)
        replacements = Replacements(project.root)
        glossary_file = project.translations_dir / "glossary.yml"
        number_rules = load_glossary(glossary_file).numbers if glossary_file.is_file() else {}
        for lang in languages:
            folder = drafts_dir / lang
            for draft_path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
                page = draft_path.relative_to(folder).as_posix()
                english_path = project.source_docs_dir / page
                label = f"{lang}/{page}"
                if not english_path.is_file():
                    report.refused.append(f"{draft_path}: no English page docs/en/{page}")
                    continue
                english = english_path.read_text(encoding="utf-8")
                translated = draft_path.read_text(encoding="utf-8")
                problems = compare(
                    english, translated, path=str(draft_path), lang=lang, numbers=number_rules.get(lang)
                )
                if problems:
                    report.refused.append(f"{draft_path}: " + "; ".join(problems))
                    continue
                en_segments = extract(english, path=str(english_path))
                draft = import_page(
                    english, translated, lang=lang, page=page, path=str(draft_path), en_segments=en_segments
                )
                by_source = {segment.source: segment for segment in en_segments}
                apart_problems = [
                    f"the block of English line {by_source[entry.msgid].line}: {reason}"
                    for entry in draft.entries
                    if entry.msgid in by_source
                    and (
                        reason := apart(by_source[entry.msgid], entry.msgstr)
                        or side_by_side(by_source[entry.msgid], entry.msgstr)
                    )
                ]
                if apart_problems:
                    report.refused.append(f"{draft_path}: " + "; ".join(apart_problems))
                    continue
                po_path = catalog_path(project.translations_dir, lang, page)
                po_rel = po_path.relative_to(project.root).as_posix()
                data = po_path.read_bytes() if po_path.is_file() else b""
                text, _ = decode_po(data, path=po_rel)
                current = parse_catalog(text, lang=lang, page=page, path=po_rel)
                if not current.entries:
                    report.refused.append(
                        f"{draft_path}: {po_path.relative_to(project.root)} has no "
                        "entries yet; run `handbook sync` first"
                    )
                    continue
                merged, taken, conflicts = merge_import(current, draft, replace_human=replace_human)
                report.imported[label] = taken
                report.conflicts.extend(f"{label}: {msgid[:70]!r}" for msgid in conflicts)
                new_text = catalog_text(merged)
                if new_text != text:
                    replacements.write(po_path, new_text, digest(data) if data else "")
                    report.written.append(po_rel)
        replacements.commit()  # every PO file or none; stops if one changed since it was read
    return report
