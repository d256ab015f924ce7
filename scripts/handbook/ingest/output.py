"""What `handbook ingest` writes: `sources/clean/<id>.md`, the report record, and `sources.yml`."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from handbook.ingest.records import GENERATED_COMMENT, CleanSource, SourceEntry

# --- rendering -------------------------------------------------------------------------------

# libyaml's emitter when present (10x faster); both write the same YAML for these plain values.
_YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")
_LINE_START = re.compile(r"^(#{1,6}\s|>|[-+*]\s|=+\s*$)")


def escape_markdown(text: str) -> str:
    """Escape characters that would turn source text into Markdown or HTML markup."""
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return "\\" + text if _LINE_START.match(text) else text


def render_clean(source: CleanSource) -> str:
    """The `sources/clean/<id>.md` text: provenance front matter and the body as Markdown."""
    meta = {
        "id": source.id,
        "lang": source.lang,
        "title": source.title,
        "raw": source.raw_file,
        "sha256": source.sha256,
        "encoding": source.encoding,
        "flags": [f"line {f.line}: {f.reason}: {f.text}" for f in source.flags],
    }
    front = yaml.dump(meta, Dumper=_YAML_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
    parts: list[str] = []
    if source.title_in_body:
        parts.append(f"# {escape_markdown(source.title)}")
    previous_kind = ""
    for block in source.blocks:
        if block.kind == "heading":
            parts.append(f"{'#' * block.level} {escape_markdown(block.text)}")
        elif block.kind == "item":
            line = f"- {escape_markdown(block.text)}"
            if previous_kind == "item":
                parts[-1] += "\n" + line
            else:
                parts.append(line)
        else:
            parts.append(escape_markdown(block.text))
        previous_kind = block.kind
    return f"---\n{GENERATED_COMMENT}\n{front}---\n\n" + "\n\n".join(parts) + "\n"


def report_record(source: CleanSource, *, input_name: str, output: str | None) -> dict[str, object]:
    """One entry of `handbook ingest --json` results."""
    return {
        "input": input_name,
        "id": source.id,
        "lang": source.lang,
        "title": source.title,
        "output": output,
        "encoding": source.encoding,
        "sha256": source.sha256,
        "removed": [c.as_dict() for c in source.removed],
        "repaired": [c.as_dict() for c in source.repaired],
        "flags": [c.as_dict() for c in source.flags],
    }


# --- sources.yml -----------------------------------------------------------------------------


def load_sources(path: Path) -> dict[str, SourceEntry]:
    """sources.yml as {file name: entry}; a missing file is an empty index."""
    from handbook.core.errors import HandbookError, yaml_error

    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise yaml_error(
            exc, what="the sources list", path=path, fix="fix the YAML syntax at that line"
        ) from None
    entries = data.get("sources") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise HandbookError(
            "expected a top-level `sources:` list", path=path, fix="see sources/sources.yml in the repository"
        )
    index: dict[str, SourceEntry] = {}
    for number, item in enumerate(entries, start=1):
        if not isinstance(item, dict) or not item.get("id") or not item.get("file"):
            raise HandbookError(
                f"entry {number} needs at least `id` and `file`", path=path, fix="add the missing keys"
            )
        reliability = item.get("reliability") or []
        entry = SourceEntry(
            id=str(item["id"]),
            file=str(item["file"]),
            language=str(item.get("language", "")),
            about=str(item.get("about", "")),
            origin=str(item.get("origin", "")),
            reliability=tuple(
                str(r) for r in (reliability if isinstance(reliability, list) else [reliability])
            ),
        )
        index[Path(entry.file).name] = entry
    return index
