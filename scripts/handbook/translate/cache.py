"""What `handbook sync` reads and remembers between runs, so unchanged pages cost nothing.

The inputs hash a generated page records (English page, PO file, `RENDER_VERSION`), the English
pages read once per run, and the parsed PO entries cached by PO-file hash in `.cache/handbook/`
(never committed; a lost cache only costs time).
"""

from __future__ import annotations

import marshal
from collections.abc import Iterable
from pathlib import Path

from handbook.core.fsutil import atomic_write_bytes
from handbook.core.project import Project
from handbook.translate.memory import (
    Catalog,
    Entry,
)
from handbook.translate.merge import Memory
from handbook.translate.pages import COUNT_KEYS, digest, english_pages
from handbook.translate.segments import Segment, extract

# Bump when merging or rendering changes: every generated page is then redone once.
RENDER_VERSION = "9"  # 4-6: source references and stale placeholders; 7: refused translations; 8: both; 9: obsolete entries say why they are kept
CACHE_VERSION = 1


def inputs_digest(english_hash: str, po_hash: str) -> str:
    """What a generated page depends on: the English page, its PO file and this code's version."""
    return digest(f"{RENDER_VERSION}:{english_hash}:{po_hash}")


def read_bytes(path: str | Path) -> bytes | None:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def relative(project: Project, path: Path) -> str:
    return path.relative_to(project.root).as_posix()


def recorded(doc: str, key: str) -> str:
    """A value the header comment records (`inputs:`, `open:`), or ""."""
    second = doc[4 : doc.find("\n", 4)]
    marker = second.rfind(f" {key}:")
    if marker < 0:
        return ""
    return second[marker + len(key) + 2 :].split()[0]


class EnglishPage:
    """The English pages of this run: bytes, hashes, and segments extracted once, on demand."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.pages = english_pages(project)
        base = f"{project.source_docs_dir}/"
        self.data = {page: read_bytes(base + page) or b"" for page in self.pages}
        self.hashes = {page: digest(data) for page, data in self.data.items()}
        self._segments: dict[str, list[Segment]] = {}

    def text(self, page: str) -> str:
        return self.data[page].decode("utf-8")

    def segments(self, page: str) -> list[Segment]:
        if page not in self._segments:
            path = self.project.source_docs_dir / page
            self._segments[page] = extract(self.text(page), path=relative(self.project, path))
        return self._segments[page]


Raw = tuple  # (msgid, msgstr, fuzzy, engine, previous): one PO entry, as the cache keeps it


def raw_entry(entry: Entry) -> Raw:
    return (entry.msgid, entry.msgstr, entry.fuzzy, entry.engine, entry.previous)


def raw_state(item: Raw) -> str:
    if not item[1]:
        return "missing"
    if not item[2]:
        return "reviewed"
    return "stale" if item[4] else "machine"


class EntryCache:
    """Parsed PO entries per page, keyed by the PO file's hash (`.cache/handbook/`, never committed).

    Only a speed-up: a missing, outdated or unreadable cache is rebuilt from the PO files.
    Stored with `marshal` (plain data only, several times faster than JSON for this size).
    """

    def __init__(self, project: Project, lang: str) -> None:
        self.path = project.root / ".cache" / "handbook" / f"memory-{lang}.marshal"
        self.pages: dict[str, tuple[str, list[Raw], list[Raw]]] = {}
        self.dirty = False
        data = read_bytes(self.path)
        if data is None:
            return
        try:
            loaded = marshal.loads(data)
        except (EOFError, ValueError, TypeError):
            loaded = None
        if (
            isinstance(loaded, dict)
            and loaded.get("version") == CACHE_VERSION
            and isinstance(loaded.get("pages"), dict)
        ):
            self.pages = loaded["pages"]
        else:
            self.dirty = True  # unreadable or from another version: rebuilt from the PO files

    def entries(self, page: str, po_hash: str) -> tuple[list[Raw], list[Raw]] | None:
        record = self.pages.get(page)
        if record is None or record[0] != po_hash:
            return None
        return record[1], record[2]

    def store(self, page: str, po_hash: str, catalog: Catalog) -> None:
        self.pages[page] = (
            po_hash,
            [raw_entry(entry) for entry in catalog.entries],
            [raw_entry(entry) for entry in catalog.obsolete],
        )
        self.dirty = True

    def forget_missing(self, pages: set[str]) -> None:
        for page in [page for page in self.pages if page not in pages]:
            del self.pages[page]
            self.dirty = True

    def save(self) -> None:
        if self.dirty:
            try:
                atomic_write_bytes(self.path, marshal.dumps({"version": CACHE_VERSION, "pages": self.pages}))
            except OSError:
                return  # only a speed-up: the next run rebuilds it from the PO files
            self.dirty = False


def count_states(items: Iterable[Raw]) -> dict[str, int]:
    counts = {key: 0 for key in COUNT_KEYS}
    for item in items:
        counts["segments"] += 1
        counts[raw_state(item)] += 1
    return counts


def could_improve(items: Iterable[Raw], memory: Memory, drafts: bool) -> bool:
    """True if the memory (or the engine) now offers something better for one of `items`."""
    best = memory.best
    for msgid, msgstr, fuzzy, engine, previous in items:
        if msgstr and (not fuzzy or not engine):
            continue  # reviewed, or a person's fuzzy text (stale, "needs work"): never replaced
        if drafts and (not msgstr or previous):
            return True  # missing, or a stale machine draft: the engine drafts it
        hit = best.get(msgid)
        if hit is not None and (not hit[1] or not msgstr):
            return True  # a reviewed text for a draft, or any text for a missing segment
    return False
