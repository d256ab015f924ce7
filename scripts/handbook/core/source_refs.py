"""Source references (`[src-000 §4]`): their syntax, the sources' short titles and cleaned blocks.

A reference names a source by its number (`src-000` for the source whose id starts with
`src-000-`) and a block of its cleaned text: §N is the Nth block of `sources/clean/<id>.md`
(a heading line or paragraph; blocks are separated by blank lines, counted from 1 after the YAML
front matter). The cleaned texts are not published; the site shows each reference as a note naming
the source's `short_title` (from `sources/sources.yml`, per language) and the paragraph number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from handbook.core.errors import HandbookError

# Our own syntax (not Markdown), so a regex is the right tool for it; the Markdown parsers apply
# it only where their own inline rules reach (never inside code spans).
REFERENCE_RE = re.compile(r"\[(src-\d{3}) §([1-9][0-9]*)\]")
_SHORT_ID_RE = re.compile(r"src-\d{3}")
_BLANK_LINES_RE = re.compile(r"\n[ \t]*\n")


@dataclass(frozen=True)
class SourceRecord:
    """One source as references see it."""

    id: str  # the full id, e.g. "src-000-starbucks-he" (also the anchor on the Sources page)
    number: str  # "src-000"
    short_titles: dict[str, str]  # language code -> short title


def source_number(source_id: str) -> str:
    """`src-000` for `src-000-starbucks-he` (the part references use), or "" if it has none."""
    match = _SHORT_ID_RE.match(source_id)
    return match.group(0) if match else ""


def load_sources(sources_dir: Path) -> dict[str, SourceRecord]:
    """The sources of `sources/sources.yml` by number (`src-000`); a clear error if unreadable."""
    path = sources_dir / "sources.yml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise HandbookError(
            f"{path}: cannot be read ({error.strerror}); source references need it"
        ) from error
    except yaml.YAMLError as error:
        raise HandbookError(f"{path}: not valid YAML ({error}); fix the file") from error
    entries = data.get("sources") if isinstance(data, dict) else data
    records: dict[str, SourceRecord] = {}
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
            continue
        number = source_number(entry["id"])
        titles = entry.get("short_title")
        if not number:
            continue
        if not isinstance(titles, dict) or not all(isinstance(v, str) and v for v in titles.values()):
            titles = {}
        records[number] = SourceRecord(entry["id"], number, dict(titles))
    return records


def clean_blocks(text: str) -> list[str]:
    """The blocks of a cleaned source (after its front matter), in order: §1 is the first."""
    text = text.replace("\r\n", "\n")
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        text = text[end + 5 :] if end >= 0 else text
    return [block.strip() for block in _BLANK_LINES_RE.split(text) if block.strip()]
