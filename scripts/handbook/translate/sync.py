"""`handbook sync`: English pages -> translation memory (PO) -> generated `docs/<lang>/` pages.

Owns the merge of a page's new segments with its PO file, the cross-page memory, machine drafts,
the rendering of generated pages, and writing all of it safely.

Per language and page (ARCHITECTURE.md, Flow and Invariants):

1. A segment whose English is unchanged keeps its entry (and state).
2. Exact memory hits are reused, across pages and obsolete entries too: a reviewed text first,
   else a machine draft (zero engine calls).
3. A changed segment (paired with the old one by a sequence alignment of the page) becomes
   stale: the old translation stays as msgstr and the old English goes to `#| msgid`. A machine
   draft whose English changed is redrafted when an engine is chosen.
4. New segments get a machine draft (fuzzy, engine named) or stay missing with `--engine none`.
5. Segments that left the English become obsolete entries; nothing with a msgstr is dropped.
6. `docs/<lang>/<page>` is rendered: reviewed text, else machine draft, else stale translation,
   else English, with non-reviewed blocks marked (`.hb-machine`, `.hb-stale`, `.hb-missing` with
   `lang="en" dir="ltr"`) and the counts in the front matter `translation:` for the notice.

Generated pages start with `---` (MkDocs needs the front matter first) and then a YAML comment
saying they are generated, with a hash of the page: a page whose hash no longer matches was
edited by hand, and sync refuses to overwrite it. A page in `docs/<lang>/` without that comment
and without a PO file yet (the hand-written home pages) is imported once into the PO file, so
nothing a person wrote is lost.

Bad input stops the run before anything is written, with every problem listed: unknown language,
broken front matter, a PO file that does not parse, a PO file for a page that no longer exists
(an orphan: moved or deleted page; it is never deleted for you), a hand-edited generated page.
Writes are atomic (temp file + rename) and the run holds the project lock; a second run waits,
then refuses with a clear message. Skipping unchanged work: a generated page records a hash of its
inputs (English page and PO file, plus `RENDER_VERSION`) and how many of its segments an engine
could draft; a page whose inputs match, which no new memory entry improves and which has nothing
for the chosen engine is neither parsed nor rendered. Parsed PO entries are cached by PO-file hash
in `.cache/handbook/` (never committed; a lost cache only costs time). Nothing is replaced until
every language is merged and rendered; then all files are replaced together, or none
(`handbook.core.fsutil.Replacements`: a file changed since it was read stops the run).

Why one module of this size: the scan (what changed, what is wrong) and the apply (merge, draft,
render, replace) share the per-language plan and run in one lock; split, each half would be a
few private functions imported by one caller.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from handbook.core.errors import HandbookError
from handbook.core.fsutil import Replacements, project_lock, recover_journal
from handbook.core.project import SOURCE_LANGUAGE, Project, target_language
from handbook.translate.cache import (
    EnglishPage,
    EntryCache,
    Raw,
    could_improve,
    count_states,
    inputs_digest,
    raw_entry,
    read_bytes,
    recorded,
    relative,
)
from handbook.translate.engines import Engine, NoneEngine
from handbook.translate.memory import (
    Catalog,
    catalog_path,
    catalog_text,
    decode_po,
    machine,
    parse_catalog,
)
from handbook.translate.merge import Memory, import_page, merge_page, page_units
from handbook.translate.pages import digest, inspect_generated, render_page, walk_files
from handbook.translate.safety import refused_entries

BATCH_SIZE = 64


def resolve_languages(codes: Iterable[str] | None, project: Project) -> list[str]:
    """The target languages asked for (all of mkdocs.yml's by default); unknown codes are a clear error."""
    targets = project.target_languages
    chosen = list(codes or ()) or list(targets)
    for code in chosen:
        target_language(code, project)
    return [code for code in targets if code in chosen]


# --- the whole run ------------------------------------------------------------------------------


@dataclass
class SyncReport:
    """What a sync did (or, with --check, would do)."""

    languages: list[str]
    engine: str
    written: list[str] = field(default_factory=list)  # paths relative to the project root
    removed: list[str] = field(default_factory=list)
    imported: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # "FILE:LINE: reason": shown as the English
    converted: list[str] = field(default_factory=list)  # "PO file (charset)": decoded, rewritten as UTF-8
    recovered: int = 0  # replacements of a killed run completed at the start of this one
    drafted: dict[str, int] = field(default_factory=dict)  # language -> segments drafted
    engine_calls: int = 0
    pages_redone: dict[str, int] = field(default_factory=dict)  # language -> pages merged and rendered
    counts: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)  # lang -> page -> counts
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        return bool(self.written or self.removed)


ProgressCallback = Callable[[str, int, int], None]  # (language, done, total)


@dataclass
class _LanguagePlan:
    """What one language needs: which pages to redo, with what catalogs and memory."""

    lang: str
    po_text: dict[str, str | None] = field(default_factory=dict)
    po_hash: dict[str, str] = field(default_factory=dict)
    doc_hash: dict[str, str] = field(default_factory=dict)
    converted: list[tuple[str, str]] = field(default_factory=list)  # (PO file, its declared charset)
    refused_pages: set[str] = field(default_factory=set)  # pages whose header records refused entries
    doc_text: dict[str, str | None] = field(default_factory=dict)
    dirty: list[str] = field(default_factory=list)
    catalogs: dict[str, Catalog] = field(default_factory=dict)  # parsed, for dirty pages
    imports: dict[str, Catalog] = field(default_factory=dict)
    stray: list[str] = field(default_factory=list)
    memory: Memory | None = None
    cache: EntryCache | None = None
    light_counts: dict[str, dict[str, int]] = field(default_factory=dict)  # for status


def _scan_language(
    project: Project,
    lang: str,
    english: EnglishPage,
    *,
    drafts: bool,
    want_counts: bool,
    problems: list[str],
) -> _LanguagePlan:
    """Find the pages of `lang` whose inputs changed (by hash), and everything wrong, without writing."""
    plan = _LanguagePlan(lang)
    page_set = set(english.pages)
    for po_page in walk_files(project.translations_dir / lang, ".po"):
        page = po_page[:-3] + ".md"
        if page not in page_set:
            problems.append(
                f"translations/{lang}/{po_page}: orphan PO file: docs/en/{page} does not exist "
                f"(the page was moved or deleted); it was not deleted"
                f"\n  fix: if the page moved, `git mv` this file to the new page's path so its "
                f"translations follow; if the page is gone for good, delete the file"
            )
    po_base = f"{project.translations_dir}/{lang}/"
    doc_base = f"{project.docs_dir}/{lang}/"
    for page in english.pages:
        po_rel = f"translations/{lang}/{page[:-3]}.po"
        doc_rel = f"docs/{lang}/{page}"
        po_bytes = read_bytes(po_base + page[:-3] + ".po")
        plan.po_text[page] = None
        if po_bytes is not None:
            try:
                plan.po_text[page], charset = decode_po(po_bytes, path=po_rel)
            except HandbookError as exc:
                problems.append(exc.format_message())
                continue
            if charset != "UTF-8":
                plan.converted.append((po_rel, charset))
        plan.po_hash[page] = digest(po_bytes) if po_bytes is not None else ""
        doc_bytes = read_bytes(doc_base + page)
        plan.doc_hash[page] = digest(doc_bytes) if doc_bytes is not None else ""
        try:
            doc = doc_bytes.decode("utf-8") if doc_bytes is not None else None
        except UnicodeDecodeError as exc:
            problems.append(
                f"{doc_rel}: not UTF-8 (byte {exc.start}): a generated page was changed by hand or by "
                f"another tool\n  fix: restore it (git checkout -- {doc_rel}), then run `handbook sync`"
            )
            continue
        plan.doc_text[page] = doc
        if doc is None:
            plan.dirty.append(page)
            continue
        info = inspect_generated(doc)
        if info.generated and recorded(doc, "refused") not in ("", "0"):
            plan.refused_pages.add(page)
        if info.generated and not info.intact:
            problems.append(
                f"{doc_rel}: edited by hand: this page is generated by "
                f"`handbook sync` and its content no longer matches its header hash"
                f"\n  fix: put the change into {po_rel} (msgstr) or into docs/en/{page}, "
                f"then restore the generated page (git checkout -- {doc_rel}) and sync"
            )
        elif not info.generated:
            if po_bytes is None:
                try:
                    plan.imports[page] = import_page(
                        english.text(page),
                        doc,
                        lang=lang,
                        page=page,
                        path=doc_rel,
                        en_segments=english.segments(page),  # extracted once for every language
                    )
                    plan.dirty.append(page)
                except HandbookError as exc:
                    problems.append(exc.format_message())
            else:
                problems.append(
                    f"{doc_rel}: edited by hand: pages in docs/{lang}/ are generated "
                    f"by `handbook sync`, but this one has no generated-by header"
                    f"\n  fix: move its text into {po_rel} (msgstr), then delete "
                    f"the page and run `handbook sync`"
                )
        elif po_bytes is None or recorded(doc, "inputs") != inputs_digest(
            english.hashes[page], plan.po_hash[page]
        ):
            plan.dirty.append(page)
        elif drafts and recorded(doc, "open") not in ("", "0"):
            plan.dirty.append(page)  # an engine was chosen and this page has segments to draft
        elif page in plan.refused_pages:
            plan.dirty.append(page)  # redone every run (few pages): safety's rules may have changed
    lang_docs = project.docs_dir / lang
    for page in walk_files(lang_docs, ".md"):
        if page not in page_set:
            doc_path = lang_docs / page
            info = inspect_generated(doc_path.read_text(encoding="utf-8"))
            if info.generated and info.intact:
                plan.stray.append(page)
            else:
                problems.append(
                    f"{relative(project, doc_path)}: no English page docs/en/{page} for this page, "
                    f"and it is not an unchanged generated page, so sync will not delete it"
                    f"\n  fix: move its content to where it belongs, then delete it"
                )
    if not plan.dirty and not plan.stray and not want_counts:
        return plan  # nothing changed since the last sync: the memory cannot have changed either
    # The memory: every page's entries, from the cache where the PO file is unchanged.
    cache = EntryCache(project, lang)
    cache.forget_missing(page_set)
    memory = Memory()
    light: dict[str, list[Raw]] = {}
    broken: set[str] = set()
    dirty = set(plan.dirty)
    for page in english.pages:
        if page in plan.imports:
            catalog = plan.imports[page]
            active, obsolete = (
                [raw_entry(e) for e in catalog.entries],
                [raw_entry(e) for e in catalog.obsolete],
            )
        elif plan.po_text[page] is None:
            active, obsolete = [], []
        else:
            cached = None if page in dirty else cache.entries(page, plan.po_hash[page])
            if cached is None:
                try:
                    catalog = parse_catalog(
                        plan.po_text[page], lang=lang, page=page, path=f"translations/{lang}/{page[:-3]}.po"
                    )
                except HandbookError as exc:
                    problems.append(exc.format_message())
                    broken.add(page)
                    continue
                plan.catalogs[page] = catalog
                cache.store(page, plan.po_hash[page], catalog)
                active, obsolete = cache.entries(page, plan.po_hash[page])
            else:
                active, obsolete = cached
        light[page] = active
        for item in active:
            memory.add_raw(*item)
        for item in obsolete:
            memory.add_raw(*item)
    # A page whose files did not change may still gain from the memory (a text reviewed elsewhere).
    for page in english.pages:
        if page not in dirty and page in light and could_improve(light[page], memory, drafts):
            plan.dirty.append(page)
            dirty.add(page)
    plan.dirty.sort()
    for page in plan.dirty:
        if page in broken or page in plan.catalogs or page in plan.imports:
            continue
        if plan.po_text[page] is not None:
            try:
                plan.catalogs[page] = parse_catalog(
                    plan.po_text[page], lang=lang, page=page, path=f"translations/{lang}/{page[:-3]}.po"
                )
            except HandbookError as exc:
                problems.append(exc.format_message())
    if want_counts:
        plan.light_counts = {page: count_states(entries) for page, entries in light.items()}
    plan.memory = memory
    plan.cache = cache
    return plan


def sync(
    project: Project,
    *,
    languages: Iterable[str] | None = None,
    engine: Engine | None = None,
    check: bool = False,
    progress: ProgressCallback | None = None,
    lock_wait: float = 10.0,
    want_counts: bool = False,
    take_lock: bool = True,
) -> SyncReport:
    """Bring PO files and generated pages up to date (or, with `check`, only report what would change).

    Every input is read and validated first; if anything is wrong, one HandbookError lists all of
    it and nothing is written. `want_counts` fills `report.counts` for every page (for status);
    `take_lock=False` when the caller holds the project lock already (`handbook build`).
    """
    started = time.monotonic()
    engine = engine or NoneEngine()
    langs = resolve_languages(languages, project)
    report = SyncReport(languages=langs, engine=engine.name)
    drafts = bool(getattr(engine, "drafts", True)) and not isinstance(engine, NoneEngine)
    with project_lock(project.root, wait=lock_wait) if take_lock else contextlib.nullcontext():
        if not check:
            report.recovered = recover_journal(project.root)
            _remove_leftover_temp_files(project, langs)
        english = EnglishPage(project)
        problems: list[str] = []
        plans = [
            _scan_language(project, lang, english, drafts=drafts, want_counts=want_counts, problems=problems)
            for lang in langs
        ]
        for plan in plans:
            for page in plan.dirty:
                try:
                    english.segments(page)
                except HandbookError as exc:
                    message = exc.format_message()
                    if message not in problems:
                        problems.append(message)
        if problems:
            raise HandbookError(
                f"{len(problems)} problem(s) stop the sync; nothing was written:\n  " + "\n  ".join(problems),
                fix="fix the problems listed, then run `handbook sync` again",
            )
        replacements = Replacements(project.root)
        for plan in plans:
            report.converted.extend(f"{path} ({charset})" for path, charset in plan.converted)
            _apply_language(project, plan, english, engine, drafts, check, progress, report, replacements)
            if want_counts:
                counts = dict(plan.light_counts)
                counts.update(report.counts.get(plan.lang, {}))
                report.counts[plan.lang] = dict(sorted(counts.items()))
        if not check:
            replacements.commit()  # all files or none; stops if one changed since it was read
            for plan in plans:
                if plan.cache is not None:
                    plan.cache.save()
        # Every refused translation, of pages redone now or earlier (their headers say which).
        for plan in plans:
            pages = sorted(plan.refused_pages)
            report.refused.extend(
                refused_entries(project.root, project.translations_dir, [plan.lang], pages=pages)
            )
    report.seconds = time.monotonic() - started
    return report


def _remove_leftover_temp_files(project: Project, langs: list[str]) -> None:
    """Temp files of a killed run (`.name.XXXX.tmp`, see fsutil): safe to delete under the lock."""
    for folder in [project.translations_dir / lang for lang in langs] + [
        project.docs_dir / lang for lang in langs
    ]:
        if folder.is_dir():
            for leftover in folder.rglob(".*.tmp"):
                leftover.unlink(missing_ok=True)


def _apply_language(
    project: Project,
    plan: _LanguagePlan,
    english: EnglishPage,
    engine: Engine,
    drafts: bool,
    check: bool,
    progress: ProgressCallback | None,
    report: SyncReport,
    replacements: Replacements,
) -> None:
    lang = plan.lang
    report.pages_redone[lang] = len(plan.dirty)
    merged: list[tuple[str, Catalog, list[str]]] = []
    for page in plan.dirty:
        old = plan.imports.get(page) or plan.catalogs.get(page) or Catalog(lang=lang, page=page)
        catalog, needs = merge_page(page_units(english.segments(page)), old, plan.memory, drafts=drafts)
        merged.append((page, catalog, needs))
        if page in plan.imports:
            report.imported.append(f"docs/{lang}/{page}")
    # One engine call per batch of distinct texts no memory covers.
    wanted: list[str] = []
    seen: set[str] = set()
    for _, _, needs in merged:
        for msgid in needs:
            if msgid not in seen:
                seen.add(msgid)
                wanted.append(msgid)
    drafted: dict[str, str] = {}
    if wanted and not check:
        if progress:
            progress(lang, 0, len(wanted))
        for start in range(0, len(wanted), BATCH_SIZE):
            batch = wanted[start : start + BATCH_SIZE]
            texts = engine.translate(batch, SOURCE_LANGUAGE, lang)
            report.engine_calls += 1
            if len(texts) != len(batch):
                raise HandbookError(
                    f"engine {engine.name!r} returned {len(texts)} texts for {len(batch)} segments",
                    fix="this is a bug in the engine; report it with the command you ran",
                )
            drafted.update(zip(batch, texts, strict=True))
            if progress:
                progress(lang, min(start + len(batch), len(wanted)), len(wanted))
    elif wanted:
        drafted = {msgid: msgid for msgid in wanted}  # --check: would be drafted, a change either way
    report.drafted[lang] = len(wanted)
    lang_counts: dict[str, dict[str, int]] = {}
    for page, catalog, needs in merged:
        if needs:
            wanted_here = set(needs)
            catalog.entries = [
                machine(
                    entry.msgid, drafted[entry.msgid], engine.name, note=entry.note, comments=entry.comments
                )
                if entry.msgid in wanted_here and drafted.get(entry.msgid)
                else entry
                for entry in catalog.entries
            ]
        lang_counts[page] = count_states(raw_entry(entry) for entry in catalog.entries)
        po_path = catalog_path(project.translations_dir, lang, page)
        new_po = catalog_text(catalog)
        po_hash = digest(new_po.encode("utf-8"))
        if new_po != plan.po_text[page]:
            report.written.append(relative(project, po_path))
            replacements.write(po_path, new_po, plan.po_hash[page])
        doc_path = project.docs_dir / lang / page
        new_doc = render_page(
            english.text(page),
            catalog,
            page=page,
            lang=lang,
            inputs=inputs_digest(english.hashes[page], po_hash),
            segments=english.segments(page),
        )
        plan.refused_pages.discard(page)
        if recorded(new_doc, "refused") not in ("", "0"):
            plan.refused_pages.add(page)
        if new_doc != plan.doc_text[page]:
            report.written.append(relative(project, doc_path))
            replacements.write(doc_path, new_doc, plan.doc_hash[page])
        if plan.cache is not None and not check:
            plan.cache.store(page, po_hash, catalog)
    for page in plan.stray:
        doc_path = project.docs_dir / lang / page
        report.removed.append(relative(project, doc_path))
        replacements.remove(doc_path, digest(doc_path.read_bytes()))
    report.counts[lang] = lang_counts
