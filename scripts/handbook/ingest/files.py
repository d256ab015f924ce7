"""Running `handbook ingest` over files: expand the inputs, read them, write what changed.

The I/O edge of the pipeline; everything it calls is a pure function.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from handbook.ingest.decode import MAX_BYTES
from handbook.ingest.output import render_clean, report_record
from handbook.ingest.pipeline import ingest_bytes
from handbook.ingest.records import Change, CleanSource, IngestError, SourceEntry, fix_for

# --- running over files (I/O at the edge) ----------------------------------------------------

INPUT_SUFFIXES = (".txt", ".text", ".html", ".htm", ".xhtml")


@dataclass(frozen=True)
class IngestRun:
    """What one `handbook ingest` run did: report records, errors, and the files it wrote."""

    results: tuple[dict[str, object], ...]
    errors: tuple[dict[str, str], ...]
    written: tuple[Path, ...]

    def as_dict(self) -> dict[str, object]:
        return {"results": list(self.results), "errors": list(self.errors)}


def _expand(paths: list[Path]) -> list[Path]:
    expanded: list[Path] = []
    for path in paths:
        if path.is_dir():
            expanded.extend(
                sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in INPUT_SUFFIXES)
            )
        else:
            expanded.append(path)
    return expanded


def _display(path: Path, root: Path | None) -> str:
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()


def read_input(path: Path) -> bytes:
    """The bytes of one input, refusing missing paths, directories and files over 10 MB."""
    if not path.exists():
        raise IngestError("no such file")
    if not path.is_file():
        raise IngestError("not a regular file")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise IngestError(f"the file is {size:,} bytes; the limit is {MAX_BYTES:,} (10 MB)")
    try:
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read the file: {exc.strerror}") from None


def ingest_files(
    paths: list[Path],
    out_dir: Path,
    *,
    root: Path | None = None,
    sources: dict[str, SourceEntry] | None = None,
    journal_root: Path | None = None,
) -> IngestRun:
    """Ingest every input; write `<out_dir>/<id>.md` for each that succeeds; collect the rest as errors.

    The outputs are replaced together at the end (`core.fsutil.Replacements`, its journal in
    `journal_root`, default `out_dir`): a killed run is completed by the next one, and an output
    changed on disk after this run read it stops the run before anything is written.
    """
    from handbook.core.fsutil import Replacements, content_hash

    replacements = Replacements(journal_root or out_dir)

    sources = sources or {}
    results: list[dict[str, object]] = []
    errors: list[dict[str, str]] = []
    written: list[Path] = []
    ids: dict[str, str] = {}
    for path in _expand(list(paths)):
        shown = _display(path, root)
        entry = sources.get(path.name)
        try:
            data = read_input(path)
            source = ingest_bytes(data, name=path.name, source_id=entry.id if entry else None, raw_file=shown)
            if source.id in ids:
                raise IngestError(f"id {source.id!r} is already used by {ids[source.id]} in this run")
        except IngestError as exc:
            errors.append({"input": shown, "message": f"{shown}: {exc}", "fix": fix_for(str(exc))})
            continue
        if entry and entry.language and entry.language != source.lang:
            mismatch = Change(
                0, entry.language, f"sources.yml says {entry.language}, the text reads as {source.lang}"
            )
            source = CleanSource(**{**source.__dict__, "flags": (mismatch, *source.flags)})
        ids[source.id] = shown
        target = out_dir / f"{source.id}.md"
        text = render_clean(source)
        current = target.read_bytes() if target.is_file() else None
        if current != text.encode("utf-8"):
            replacements.write(target, text, content_hash(current) if current is not None else "")
            written.append(target)
        results.append(report_record(source, input_name=shown, output=_display(target, root)))
    replacements.commit()  # all outputs or none
    return IngestRun(tuple(results), tuple(errors), tuple(written))
