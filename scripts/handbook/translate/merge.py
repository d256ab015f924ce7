"""Merging one page: the English page's segments against its PO catalog and the cross-page memory.

Also imports a hand-written translated page into its catalog. The rules are listed in the
docstring of `handbook.translate.sync`; this module holds the per-page part, with no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from handbook.translate.memory import (
    Catalog,
    Entry,
    SegmentState,
    stale,
)
from handbook.translate.segments import FRONT_MATTER_KINDS, Segment, SegmentKind, extract

# Said in a translator comment on every obsolete entry `sync` keeps because its English left the
# page (entries kept by `handbook import` say why in their msgid: "[replaced by ...]", "[imported ...]").
OBSOLETE_REASON = "kept by handbook sync: its English is no longer on the page"


def _as_obsolete(entry: Entry) -> Entry:
    """`entry` kept as obsolete, with a comment saying why (once)."""
    reasons = () if entry.msgid.startswith("[") or OBSOLETE_REASON in entry.comments else (OBSOLETE_REASON,)
    return replace(entry, obsolete=True, comments=(*entry.comments, *reasons))


def _revived(entry: Entry, note: str) -> Entry:
    """An obsolete `entry` active again: its English is back on the page."""
    comments = tuple(comment for comment in entry.comments if comment != OBSOLETE_REASON)
    return replace(entry, obsolete=False, note=note, context="", comments=comments)


IMPORT_NOTE = "[imported from the hand-written docs/{lang}/{page}: check that it translates the English]"
# --- merging one page ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Unit:
    """One distinct English segment of a page, with the note translators see."""

    msgid: str
    kind: SegmentKind
    note: str


def page_units(segments: list[Segment]) -> list[Unit]:
    """Distinct segment sources in page order (a text used twice is one unit)."""
    seen: set[str] = set()
    units: list[Unit] = []
    for segment in segments:
        if segment.source in seen:
            continue
        seen.add(segment.source)
        where = f" in #{segment.section}" if segment.section else ""
        units.append(Unit(segment.source, segment.kind, f"{segment.kind.value}{where}"))
    return units


class Memory:
    """Exact-match translation memory of one language: msgid -> the best entry anywhere."""

    def __init__(self) -> None:
        # msgid -> (msgstr, fuzzy, engine): a reviewed text (not fuzzy) wins over a machine draft.
        self.best: dict[str, tuple[str, bool, str]] = {}

    def add(self, entry: Entry) -> None:
        self.add_raw(entry.msgid, entry.msgstr, entry.fuzzy, entry.engine, entry.previous)

    def add_raw(self, msgid: str, msgstr: str, fuzzy: bool, engine: str, previous: str) -> None:
        if not msgstr or (fuzzy and previous):  # nothing, or stale: not a translation of msgid
            return
        current = self.best.get(msgid)
        if current is None or (current[1] and not fuzzy):
            self.best[msgid] = (msgstr, fuzzy, engine if fuzzy else "")

    def add_catalog(self, catalog: Catalog) -> None:
        for entry in catalog.entries:
            self.add(entry)
        for entry in catalog.obsolete:
            self.add(entry)

    def hit(self, msgid: str) -> Entry | None:
        found = self.best.get(msgid)
        if found is None:
            return None
        return Entry(msgid=msgid, msgstr=found[0], fuzzy=found[1], engine=found[2])

    def reviewed(self, msgid: str) -> bool:
        found = self.best.get(msgid)
        return found is not None and not found[1]


def _from_hit(hit: Entry, unit: Unit) -> Entry:
    return Entry(
        msgid=unit.msgid,
        msgstr=hit.msgstr,
        fuzzy=hit.fuzzy,
        engine=hit.engine if hit.fuzzy else "",
        note=unit.note,
    )


def merge_page(units: list[Unit], old: Catalog, memory: Memory, *, drafts: bool) -> tuple[Catalog, list[str]]:
    """New catalog for a page from its units, its old catalog and the memory (see module doc).

    Returns the catalog (draft placeholders: missing entries) and the msgids needing a draft.
    """
    old_by_id = {entry.msgid: entry for entry in old.entries}
    obsolete_by_id: dict[str, Entry] = {}  # several obsolete entries may share a msgid: a human one first
    for entry in old.obsolete:
        if entry.msgid not in obsolete_by_id or (entry.human and not obsolete_by_id[entry.msgid].human):
            obsolete_by_id[entry.msgid] = entry
    new_ids = [unit.msgid for unit in units]
    new_set = set(new_ids)
    result: dict[str, Entry] = {}
    needs: list[str] = []

    # Pair changed segments with their old versions (same place in the page, same kind).
    old_ids = [entry.msgid for entry in old.entries]
    pairs: dict[str, Entry] = {}
    unit_by_id = {unit.msgid: unit for unit in units}
    old_kinds = {entry.msgid: entry.note.split(" in #")[0] for entry in old.entries}
    matcher = SequenceMatcher(a=old_ids, b=new_ids, autojunk=False)
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag != "replace":
            continue
        olds = [old_by_id[m] for m in old_ids[a0:a1] if m not in new_set]
        news = [m for m in new_ids[b0:b1] if m not in old_by_id]
        for new_id in news:
            kind = unit_by_id[new_id].kind.value
            for index, candidate in enumerate(olds):
                if old_kinds.get(candidate.msgid) == kind or not old_kinds.get(candidate.msgid):
                    pairs[new_id] = olds.pop(index)
                    break
    paired_new = {entry.msgid: new_id for new_id, entry in pairs.items()}

    for unit in units:
        msgid = unit.msgid
        kept = old_by_id.get(msgid)
        hit = memory.hit(msgid)
        if kept is not None and kept.state is not SegmentState.MISSING:
            entry = replace(kept, note=unit.note)
            if (
                entry.state is SegmentState.MACHINE
                and entry.engine  # a person's "needs work" text (fuzzy, no engine) is never replaced
                and hit is not None
                and hit.state is SegmentState.REVIEWED
            ):
                entry = _from_hit(hit, unit)  # a reviewed text beats a machine draft
            elif (
                entry.state is SegmentState.STALE
                and entry.engine
                and hit is not None
                and hit.state is SegmentState.REVIEWED
            ):
                entry = _from_hit(hit, unit)
            elif entry.state is SegmentState.STALE and entry.engine and drafts:
                needs.append(msgid)  # a stale machine draft is redrafted
                entry = replace(entry, msgstr="", fuzzy=False, previous="", engine="")
            result[msgid] = entry
            continue
        own_obsolete = obsolete_by_id.get(msgid)
        if own_obsolete is not None and own_obsolete.human:
            result[msgid] = _revived(own_obsolete, unit.note)
            continue
        if hit is not None and hit.state is SegmentState.REVIEWED:
            result[msgid] = _from_hit(hit, unit)
            continue
        before = pairs.get(msgid)
        if before is not None and before.human:
            result[msgid] = replace(stale(before, msgid), note=unit.note)
            continue
        if hit is not None:
            result[msgid] = _from_hit(hit, unit)
            continue
        if own_obsolete is not None and own_obsolete.msgstr:
            result[msgid] = _revived(own_obsolete, unit.note)
            continue
        if before is not None and before.msgstr and not drafts:
            # A machine draft of older English, no engine to redraft it: keep it as stale.
            result[msgid] = replace(stale(before, msgid), note=unit.note)
            continue
        result[msgid] = Entry(msgid=msgid, note=unit.note)
        if drafts:
            needs.append(msgid)

    # Whatever left the page, and had a translation, is kept as an obsolete entry; so is every
    # obsolete text that is not now the msgstr of its msgid (two for one English text: both kept).
    obsolete: dict[tuple[str, str], Entry] = {}
    for entry in old.obsolete:
        if entry.msgstr and (entry.msgid not in result or result[entry.msgid].msgstr != entry.msgstr):
            obsolete.setdefault((entry.msgid, entry.msgstr), _as_obsolete(entry))
    for entry in old.entries:
        if entry.msgid in result or not entry.msgstr:
            continue
        successor = paired_new.get(entry.msgid)
        if successor is not None and (not entry.human or result[successor].msgstr == entry.msgstr):
            # A machine draft of English that changed (nothing human lost), or a text that
            # lives on as the stale msgstr of the new English.
            continue
        obsolete.setdefault((entry.msgid, entry.msgstr), _as_obsolete(entry))
    catalog = Catalog(
        lang=old.lang,
        page=old.page,
        entries=[result[msgid] for msgid in new_ids],
        obsolete=list(obsolete.values()),
        metadata=dict(old.metadata),
    )
    return catalog, needs


# --- importing a hand-written translated page ----------------------------------------------------


def import_page(
    english: str,
    translated: str,
    *,
    lang: str,
    page: str,
    path: str | None = None,
    en_segments: list[Segment] | None = None,
) -> Catalog:
    """A catalog holding a hand-written translation of `english`, matched block by block.

    Front-matter values and headings are matched by key and anchor and imported as reviewed.
    Other blocks are matched by section, kind and position; when the page has the same shape
    as the English they are reviewed, otherwise they are imported as stale (marked on the page,
    with a note as the previous English) for a translator to confirm. Blocks that match nothing
    are kept as obsolete entries, so every word a person wrote stays in the PO file.
    `en_segments` are `extract(english)` when the caller has them already (sync, once per page).
    """
    if en_segments is None:
        en_segments = extract(english)
    tr_segments = extract(translated, path=path)
    note = IMPORT_NOTE.format(lang=lang, page=page)

    def key(segment: Segment) -> tuple:
        if segment.kind in FRONT_MATTER_KINDS:
            return (segment.kind,)
        if segment.kind is SegmentKind.HEADING:
            return (segment.kind, segment.attr_suffix)
        return (segment.section, segment.kind)

    def shape(segments: list[Segment]) -> list[tuple]:
        return [key(segment) for segment in segments]

    same_shape = shape(en_segments) == shape(tr_segments)
    groups: dict[tuple, list[Segment]] = {}
    for segment in tr_segments:
        groups.setdefault(key(segment), []).append(segment)
    entries: dict[str, Entry] = {}
    for segment in en_segments:
        group = groups.get(key(segment))
        if not group:
            continue
        match = group.pop(0)
        if segment.source in entries:
            continue
        text = _import_text(match, segment)
        certain = same_shape or segment.kind in FRONT_MATTER_KINDS or segment.kind is SegmentKind.HEADING
        if certain:
            entries[segment.source] = Entry(msgid=segment.source, msgstr=text)
        else:
            entries[segment.source] = Entry(msgid=segment.source, msgstr=text, fuzzy=True, previous=note)
    catalog = Catalog(lang=lang, page=page, entries=list(entries.values()))
    leftovers = [segment for group in groups.values() for segment in group]
    for index, segment in enumerate(sorted(leftovers, key=lambda s: s.line), start=1):
        catalog.obsolete.append(
            Entry(
                msgid=f"[unmatched block {index} of the hand-written docs/{lang}/{page}]",
                msgstr=segment.restore(segment.source),
                obsolete=True,
            )
        )
    return catalog


def _import_text(translated: Segment, english: Segment) -> str:
    """The translated block's text, using the English placeholders where the Markdown is the same."""
    text = translated.restore(translated.source)
    for index, original in enumerate(english.originals, start=1):
        if original and original in text:
            text = text.replace(original, "{" + str(index) + "}", 1)
    return text
