"""Markdown <-> segments: split a page into translatable blocks and put translations back.

Owns `extract(text)` and `placeholders(text)` (for QA). The parser and its wrapped inline rules
are in `handbook.translate.inline`; putting translations back (`render`) in
`handbook.translate.render`. `handbook.segments` re-exports `extract` and `render`.

How a page is read: markdown-it-py (CommonMark + tables) with the mdit-py-plugins front matter,
definition list and admonition plugins. Every block that holds inline text becomes a `Segment`:
headings, paragraphs, list items, table cells, definition terms and definitions, quotes,
admonition titles and bodies, and the `title` / `summary` values of the front matter. Blocks
without a letter in them (a cell holding only a number or a code span) are left alone.

Placeholders: inline code, link and image destinations, autolinks, bare URLs, inline HTML and
attribute lists (`{#anchor}`, `{: .class}`) are replaced in a segment's `source` by numbered
braces `{1}`, `{2}`, ... in order of appearance (a literal `{7}` in the English is protected the
same way, so every `{N}` in a source is a placeholder). Link and image text stays translatable:
`see [the sources]({1})`. The braces survive Poedit, Weblate and machine engines, a translator
may reorder them, and QA compares `placeholders(msgid)` with `placeholders(msgstr)`. The spans
are recorded by markdown-it's own inline rules (wrapped), never found with regexes over the
Markdown. A trailing attribute list (a heading's `{#anchor}`, a block's `{: .class}`) is not
part of the segment at all: it stays in the page verbatim, so anchors are identical in every
language.

Markup such as `**bold**` and `*emphasis*` stays inline in the text for the translator.

Rendering splices each translation into the exact character span the English occupied (with
the original line prefixes: list indentation, `> `, admonition indentation), so
`render(text, lambda s: s)` gives back the page body byte for byte (the front matter is
re-serialised, which does not change the HTML). Translated text is untrusted: `neutralise()`
escapes raw HTML, attribute lists and links whose destination is not a placeholder before the
placeholders are restored, so a translation can never inject live markup.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator
from dataclasses import dataclass

import yaml

from handbook.core.errors import HandbookError, yaml_error
from handbook.translate.inline import _PARSER

# Our own placeholder syntax (not Markdown), so a regex is the right tool for it.
PLACEHOLDER_RE = re.compile(r"(?<!\\)\{(\d+)\}")
_LETTER_RE = re.compile(r"[^\W\d_]")
_TRANSLATABLE_KEYS = ("title", "summary", "keywords")
# libyaml's safe loader and dumper when available (several times faster), else the pure-Python ones.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class SegmentKind(enum.Enum):
    """What kind of block a segment is; written into the PO file as a note for translators."""

    TITLE = "title"
    SUMMARY = "summary"
    KEYWORDS = "keywords"  # search keywords (one line, comma-separated), see translations/glossary.yml
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    LIST_ITEM = "list item"
    TABLE_CELL = "table cell"
    TERM = "term"
    DEFINITION = "definition"
    QUOTE = "quote"
    ADMONITION_TITLE = "admonition title"
    ADMONITION = "admonition"


# Kinds rendered on one line: a translation's line breaks become spaces there.
_SINGLE_LINE = {
    SegmentKind.TITLE,
    SegmentKind.SUMMARY,
    SegmentKind.KEYWORDS,
    SegmentKind.HEADING,
    SegmentKind.TABLE_CELL,
    SegmentKind.TERM,
    SegmentKind.ADMONITION_TITLE,
}
# Kinds that sit in the front matter (no span in the body).
FRONT_MATTER_KINDS = {SegmentKind.TITLE, SegmentKind.SUMMARY, SegmentKind.KEYWORDS}


@dataclass(frozen=True)
class Segment:
    """One translatable block of a page."""

    source: str  # the text a translator sees, with {N} placeholders
    kind: SegmentKind
    section: str  # anchor of the enclosing heading ("" before the first one)
    line: int  # 1-based line of the block in the page
    originals: tuple[str, ...] = ()  # originals[i] is what {i+1} stands for
    # Where the text sits in the page (character offsets); -1 for front matter values.
    start: int = -1
    end: int = -1
    # Prefix of each original continuation line (indentation, "> "), and the one for extra lines.
    line_prefixes: tuple[str, ...] = ()
    continuation: str = ""
    # A trailing attribute list kept out of the text (e.g. "{#why-it-matters}"), if any,
    # and where it ends in the page.
    attr_suffix: str = ""
    suffix_end: int = -1

    @property
    def single_line(self) -> bool:
        return self.kind in _SINGLE_LINE

    def restore(self, text: str) -> str:
        """`text` with this segment's placeholders replaced by the original Markdown."""
        return restore(text, self.originals)


def placeholders(text: str) -> list[str]:
    """The placeholders in `text`, in order, e.g. ["{1}", "{2}"] (for QA: msgid vs msgstr)."""
    return [match.group(0) for match in PLACEHOLDER_RE.finditer(text)]


def restore(text: str, originals: tuple[str, ...]) -> str:
    """Replace `{N}` by `originals[N-1]`; unknown numbers are left as they are."""

    def substitute(match: re.Match[str]) -> str:
        index = int(match.group(1)) - 1
        return originals[index] if 0 <= index < len(originals) else match.group(0)

    return PLACEHOLDER_RE.sub(substitute, text)


# --- extraction ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class FrontMatter:
    """The YAML front matter of a page: its data and where the body starts."""

    data: dict
    body_start: int  # character offset of the first body character
    present: bool


def split_front_matter(text: str, *, path: str | None = None) -> FrontMatter:
    """Parse the `---` front matter block; a clear HandbookError (with line) if it is broken."""
    if not text.startswith("---"):
        return FrontMatter({}, 0, False)
    lines = text.splitlines(keepends=True)
    if lines[0].rstrip() != "---":
        return FrontMatter({}, 0, False)
    for index in range(1, len(lines)):
        if lines[index].rstrip() in ("---", "..."):
            yaml_text = "".join(lines[1:index])
            body_start = sum(len(line) for line in lines[: index + 1])
            break
    else:
        raise HandbookError(
            "front matter starts with '---' but is never closed",
            path=path,
            line=1,
            fix="end the front matter with a line holding only '---'",
        )
    try:
        data = yaml.load(yaml_text, Loader=_YAML_LOADER) or {}  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        raise yaml_error(
            exc,
            what="front matter",
            path=path,
            first_line=2,
            fix="correct the YAML between the '---' lines (indentation, quotes, a missing ':')",
        ) from None
    if not isinstance(data, dict):
        raise HandbookError(
            f"front matter must be a mapping of keys (title: ..., summary: ...), found {type(data).__name__}",
            path=path,
            line=2,
            fix="write the front matter as 'key: value' lines",
        )
    for key in _TRANSLATABLE_KEYS:
        if key in data and not isinstance(data[key], str):
            raise HandbookError(
                f"front matter '{key}' must be text, found {type(data[key]).__name__}",
                path=path,
                line=2,
                fix=f"write '{key}:' as one line of text (quote it if it contains ':' or '#')",
            )
    return FrontMatter(data, body_start, True)


def _line_offsets(text: str) -> list[int]:
    """Where each line of `text` starts (lines end at "\n" only, as markdown-it's line map counts)."""
    return [0, *(match.end() for match in _NEWLINE.finditer(text))]


_NEWLINE = re.compile("\n")


def _protect(content: str, spans: list[tuple]) -> tuple[str, tuple[str, ...], str]:
    """(source with placeholders, originals, trailing attribute list cut off the end)."""
    # A trailing attribute list belongs to the block, not the text.
    suffix = ""
    if spans and spans[-1][0] == "attr" and not content[spans[-1][2] :].strip():
        name, start, end = spans[-1]
        if content[start + 1] in ":#.":
            suffix = content[start:end]
            content = content[:start].rstrip()
            spans = spans[:-1]
    pieces: list[str] = []
    originals: list[str] = []
    cursor = 0
    for span in spans:
        name = span[0]
        if name in ("link", "image"):
            _, start, label_end, end = span
            # `[text](dest)` -> protect what is inside the parentheses; `[text][ref]` -> `[ref]`;
            # shortcut references `[ref]` -> the whole link (its text is the reference key).
            after = label_end + 1
            if after < end and content[after] == "(" and content[end - 1] == ")":
                protected = (after + 1, end - 1)
            elif after < end and content[after] == "[" and content[after:end] != "[]":
                protected = (after, end)
            else:
                protected = (start, end)
        else:
            protected = (span[1], span[2])
        if protected[0] < cursor or protected[1] <= protected[0]:
            continue  # nested inside an earlier protected span
        if name == "escape":
            continue  # escapes stay in the text; recorded only so neutralise() leaves them alone
        pieces.append(content[cursor : protected[0]])
        originals.append(content[protected[0] : protected[1]])
        pieces.append("{" + str(len(originals)) + "}")
        cursor = protected[1]
    pieces.append(content[cursor:])
    return "".join(pieces), tuple(originals), suffix


def _locate(
    content: str, lines: list[str], first: int, offsets: list[int]
) -> tuple[int, int, tuple[str, ...]] | None:
    """Find `content` (markdown-it's view of a block) in the page lines starting at `first`."""
    content_lines = content.split("\n")
    if first + len(content_lines) > len(lines):
        return None
    prefixes: list[str] = []
    positions: list[int] = []
    for index, piece in enumerate(content_lines):
        line = lines[first + index]
        if line.endswith(piece):
            position = len(line) - len(piece)
        elif line.rstrip().endswith(piece):
            position = len(line.rstrip()) - len(piece)
        elif index in (0, len(content_lines) - 1) and piece in line:
            position = line.find(piece) if index == 0 else line.rfind(piece)
        else:
            return None
        positions.append(position)
        prefixes.append(line[:position])
    start = offsets[first] + positions[0]
    last = first + len(content_lines) - 1
    end = offsets[last] + positions[-1] + len(content_lines[-1])
    return start, end, tuple(prefixes[1:])


def _continuation(first_prefix: str, line_prefixes: tuple[str, ...]) -> str:
    if line_prefixes:
        return line_prefixes[-1]
    return "".join(char if char in "> \t" else " " for char in first_prefix)


def _has_words(source: str) -> bool:
    return bool(_LETTER_RE.search(PLACEHOLDER_RE.sub("", source)))


def _table_cells(line: str) -> list[tuple[int, int]]:
    """Cell spans of one table row, split the way markdown-it splits (unescaped pipes)."""
    cells: list[tuple[int, int]] = []
    start = 0
    escaped = False
    for index, char in enumerate(line):
        if char == "|" and not escaped:
            cells.append((start, index))
            start = index + 1
        escaped = char == "\\" and not escaped
    cells.append((start, len(line)))
    return cells


def extract(text: str, *, path: str | None = None) -> list[Segment]:
    """The translatable segments of a Markdown page, in page order (front matter first)."""
    return list(_iter_segments(text, path=path))


def _iter_segments(text: str, *, path: str | None) -> Iterator[Segment]:
    front = split_front_matter(text, path=path)
    for key, kind in (
        ("title", SegmentKind.TITLE),
        ("summary", SegmentKind.SUMMARY),
        ("keywords", SegmentKind.KEYWORDS),
    ):
        value = front.data.get(key)
        if isinstance(value, str) and value.strip():
            yield Segment(source=value, kind=kind, section="", line=1)
    # Parse the body only (the front matter is handled above); line numbers are shifted back.
    body = text[front.body_start :]
    line_shift = text[: front.body_start].count("\n")
    tokens = _PARSER.parse(body, {})
    lines = body.split("\n")
    offsets = _line_offsets(body)
    containers: list[str] = []
    section = ""
    row_cursor: dict[int, int] = {}
    for token in tokens:
        if token.nesting == 1:
            containers.append(token.type)
        elif token.nesting == -1 and containers:
            containers.pop()
        if token.type != "inline" or token.map is None or not token.content.strip():
            continue
        kind = _kind_of(containers)
        if kind is None:
            continue
        source, originals, suffix = _protect(token.content, token.meta.get("spans", []))
        if kind is SegmentKind.HEADING and suffix:
            anchor = re.search(r"#([\w-]+)", suffix)  # the id inside "{#id}" or "{: #id .class}"
            section = anchor.group(1) if anchor else section
        if not _has_words(source):
            continue
        content = restore(source, originals)
        if not token.content.startswith(content):
            continue  # markdown-it's view and ours disagree: leave the block untouched
        first = token.map[0]
        prefixes: tuple[str, ...] = ()
        continuation = ""
        if kind is SegmentKind.TABLE_CELL:
            located = _locate_cell(token.content, content, lines, first, offsets, row_cursor)
            if located is None:
                continue
            start, end = located
        elif kind is SegmentKind.ADMONITION_TITLE:
            position = lines[first].find(f'"{token.content}"')
            if position < 0:
                continue  # `!!! note` without a title: the plugin made one up
            start = offsets[first] + position + 1
            end = start + len(content)
        else:
            located_block = _locate(content, lines, first, offsets)
            if located_block is None:
                continue
            start, end, prefixes = located_block
            continuation = _continuation(body[offsets[first] : start], prefixes)
        suffix_end = end
        if suffix:
            found = body.find(suffix, end)
            if found < 0 or body[end:found].strip():
                continue
            suffix_end = found + len(suffix)
        shift = front.body_start
        yield Segment(
            source=source,
            kind=kind,
            section=section,
            line=first + 1 + line_shift,
            originals=originals,
            start=start + shift,
            end=end + shift,
            line_prefixes=prefixes,
            continuation=continuation,
            attr_suffix=suffix,
            suffix_end=suffix_end + shift,
        )


def _locate_cell(
    full: str, content: str, lines: list[str], first: int, offsets: list[int], row_cursor: dict[int, int]
) -> tuple[int, int] | None:
    line = lines[first]
    cursor = row_cursor.get(first, 0)
    for cell_start, cell_end in _table_cells(line):
        if cell_start < cursor:
            continue
        cell = line[cell_start:cell_end]
        if cell.strip() == full:
            position = cell_start + cell.find(full)
            row_cursor[first] = cell_end
            return offsets[first] + position, offsets[first] + position + len(content)
    return None


def _kind_of(containers: list[str]) -> SegmentKind | None:
    parent = containers[-1] if containers else ""
    if parent.startswith("heading"):
        return SegmentKind.HEADING
    if parent in ("th_open", "td_open"):
        return SegmentKind.TABLE_CELL
    if parent == "dt_open":
        return SegmentKind.TERM
    if parent == "admonition_title_open":
        return SegmentKind.ADMONITION_TITLE
    if parent == "paragraph_open":
        outer = containers[-2] if len(containers) > 1 else ""
        return {
            "list_item_open": SegmentKind.LIST_ITEM,
            "dd_open": SegmentKind.DEFINITION,
            "blockquote_open": SegmentKind.QUOTE,
            "admonition_open": SegmentKind.ADMONITION,
        }.get(outer, SegmentKind.PARAGRAPH)
    return None
