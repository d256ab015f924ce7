"""Markdown <-> segments: split a page into translatable blocks and put translations back.

Owns the two contract functions of DESIGN.md, `extract(text)` and `render(text, translate)`, plus
`placeholders(text)` for QA.

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
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import yaml
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from handbook.core.errors import HandbookError, yaml_error

# Our own placeholder syntax (not Markdown), so a regex is the right tool for it.
PLACEHOLDER_RE = re.compile(r"(?<!\\)\{(\d+)\}")
_LETTER_RE = re.compile(r"[^\W\d_]")
_TRANSLATABLE_KEYS = ("title", "summary")
# libyaml's safe loader and dumper when available (several times faster), else the pure-Python ones.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class SegmentKind(enum.Enum):
    """What kind of block a segment is; written into the PO file as a note for translators."""

    TITLE = "title"
    SUMMARY = "summary"
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
    SegmentKind.HEADING,
    SegmentKind.TABLE_CELL,
    SegmentKind.TERM,
    SegmentKind.ADMONITION_TITLE,
}
# Kinds that sit in the front matter (no span in the body).
FRONT_MATTER_KINDS = {SegmentKind.TITLE, SegmentKind.SUMMARY}


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


# --- the parser -------------------------------------------------------------------------------

# Inline rules whose matches become placeholders, by markdown-it rule name.
_PROTECTED_RULES = ("backticks", "autolink", "html_inline", "escape")
_ATTR_LIST_RE = re.compile(r"\{[:#.][^{}\n]*\}|\{\d+\}")
_URL_START_RE = re.compile(r"(?<![\w/@.])https?://")
_URL_RE = re.compile(r"https?://[^\s<>()\[\]{}\"'`]+")
_URL_TRAILING = ".,;:!?"


def _spans(state: StateInline) -> list[tuple[str, int, int]] | None:
    return state.env.get("_segment_spans")


def _wrap_rule(name: str, function: Callable) -> Callable:
    def wrapped(state: StateInline, silent: bool) -> bool:
        start = state.pos
        matched = function(state, silent)
        spans = _spans(state)
        if matched and not silent and spans is not None:
            spans.append((name, start, state.pos))
        return matched

    return wrapped


def _wrap_link(name: str, function: Callable, label_offset: int) -> Callable:
    """Record where a link's destination part starts: the text between the brackets stays."""

    def wrapped(state: StateInline, silent: bool) -> bool:
        start = state.pos
        spans = _spans(state)
        label_end = -1
        if (
            not silent
            and spans is not None
            and state.src.startswith("!" if label_offset == 2 else "[", start)
        ):
            label_end = state.md.helpers.parseLinkLabel(state, start + label_offset - 1, label_offset == 1)
            state.pos = start
        index = len(spans) if spans is not None else 0
        matched = function(state, silent)
        if matched and not silent and spans is not None and label_end >= 0:
            # Inserted before the label's own spans so spans stay in source order.
            spans.insert(index, (name, start, label_end, state.pos))  # type: ignore[arg-type]
        return matched

    return wrapped


def _attr_list_rule(state: StateInline, silent: bool) -> bool:
    """`{#id}`, `{: .class}` (attr_list) and literal `{7}`: kept verbatim, shown as text."""
    if state.src[state.pos] != "{":
        return False
    match = _ATTR_LIST_RE.match(state.src, state.pos)
    if match is None:
        return False
    if not silent:
        token = state.push("text", "", 0)
        token.content = match.group(0)
        spans = _spans(state)
        if spans is not None:
            spans.append(("attr", match.start(), match.end()))
    state.pos = match.end()
    return True


def _bare_url_rule(state: StateInline, silent: bool) -> bool:
    """A bare http(s) URL in running text (Python-Markdown shows it as text; we protect it)."""
    if state.src[state.pos] != "h" or not _URL_START_RE.match(state.src, state.pos):
        return False
    if state.pos > 0 and (state.src[state.pos - 1].isalnum() or state.src[state.pos - 1] in "/@."):
        return False
    match = _URL_RE.match(state.src, state.pos)
    if match is None:
        return False
    end = match.end()
    while end > state.pos and state.src[end - 1] in _URL_TRAILING:
        end -= 1
    if not silent:
        token = state.push("text", "", 0)
        token.content = state.src[state.pos : end]
        spans = _spans(state)
        if spans is not None:
            spans.append(("url", state.pos, end))
    state.pos = end
    return True


_TERMINATORS = frozenset("\n!#$%&*+-:<=>@[\\]^_`{}~")


def _text_rule(state: StateInline, silent: bool) -> bool:
    """markdown-it's text rule, but it also stops where a bare URL starts."""
    pos = state.pos
    src = state.src
    maximum = state.posMax
    while pos < maximum and src[pos] not in _TERMINATORS:
        if src[pos] == "h" and pos > state.pos and _URL_START_RE.match(src, pos):
            break
        pos += 1
    if pos == state.pos:
        return False
    if not silent:
        state.pending += src[state.pos : pos]
    state.pos = pos
    return True


def _core_inline(state) -> None:
    """Parse each inline block on its own, recording the protected spans on the token."""
    for token in state.tokens:
        if token.type == "inline":
            state.env["_segment_spans"] = spans = []
            if token.children is None:
                token.children = []
            state.md.inline.parse(token.content, state.md, state.env, token.children)
            token.meta["spans"] = spans
    state.env.pop("_segment_spans", None)


def _make_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.use(front_matter_plugin).use(deflist_plugin).use(admon_plugin)
    rules = {rule.name: rule.fn for rule in md.inline.ruler.__rules__}
    for name in _PROTECTED_RULES:
        md.inline.ruler.at(name, _wrap_rule(name, rules[name]))
    md.inline.ruler.at("link", _wrap_link("link", rules["link"], 1))
    md.inline.ruler.at("image", _wrap_link("image", rules["image"], 2))
    md.inline.ruler.at("text", _text_rule)
    md.inline.ruler.before("text", "handbook_attr_list", _attr_list_rule)
    md.inline.ruler.before("text", "handbook_bare_url", _bare_url_rule)
    md.core.ruler.at("inline", _core_inline)
    return md


_PARSER = _make_parser()


def inline_spans(text: str) -> list[tuple]:
    """The protected spans markdown-it finds in one piece of inline Markdown (for QA and escaping)."""
    env: dict = {"_segment_spans": []}
    tokens: list[Token] = []
    _PARSER.inline.parse(text, _PARSER, env, tokens)
    return env["_segment_spans"]


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
    offsets = [0]
    for index, char in enumerate(text):
        if char == "\n":
            offsets.append(index + 1)
    return offsets


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
    for key, kind in (("title", SegmentKind.TITLE), ("summary", SegmentKind.SUMMARY)):
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


# --- rendering ---------------------------------------------------------------------------------

# A translation gives back text and, optionally, attributes to mark the block with
# (e.g. ".hb-machine" or '.hb-missing lang="en" dir="ltr"').
Marked = tuple[str, str]


def neutralise(text: str) -> str:
    """Make untrusted (translated) inline Markdown inert: no raw HTML, attribute lists or new links.

    `<` outside code spans becomes `&lt;`; an attribute list that is not a placeholder gets its
    brace escaped; every `[` that does not open a link to exactly one English placeholder is
    escaped (so no new link, image or reference), so only the English links are live.
    """
    spans = inline_spans(text)
    keep: list[tuple[int, int]] = []  # code spans and escapes: leave their characters alone
    safe_links: set[int] = set()  # `[` of links whose destination is one English placeholder
    edits: dict[int, str] = {}
    for span in spans:
        name = span[0]
        if name in ("backticks", "escape"):
            keep.append((span[1], span[2]))
        elif name == "attr" and not PLACEHOLDER_RE.fullmatch(text[span[1] : span[2]]):
            edits[span[1]] = "\\{"
        elif name in ("link", "image"):
            _, start, label_end, end = span
            destination = text[label_end + 1 : end].replace(" ", "")
            if re.fullmatch(r"\(\{\d+\}\)|\{\d+\}", destination):
                safe_links.add(start + (1 if name == "image" else 0))
    safe_links |= _reference_openers(text)
    out: list[str] = []
    for index, char in enumerate(text):
        if index in edits:
            out.append(edits[index])
        elif any(start <= index < end for start, end in keep):
            out.append(char)
        elif char == "<":
            out.append("&lt;")
        elif char == "[" and index not in safe_links:
            out.append("\\[")
        else:
            out.append(char)
    return "".join(out)


def _reference_openers(text: str) -> set[int]:
    """`[` positions of `[text]{N}` (a reference link whose `[ref]` is an English placeholder)."""
    openers: set[int] = set()
    stack: list[int] = []
    escaped = False
    for index, char in enumerate(text):
        if escaped:
            escaped = False
            continue
        if char == "\\":
            escaped = True
        elif char == "[":
            stack.append(index)
        elif char == "]" and stack:
            opener = stack.pop()
            if PLACEHOLDER_RE.match(text, index + 1):
                openers.add(opener)
    return openers


def _clean_translation(segment: Segment, text: str) -> str:
    text = text.replace("\r\n", "\n").strip("\n")
    # A link's placeholder may come back from an engine as "] ({1})": rejoin it.
    text = re.sub(r"\]\s+\((\{\d+\})\)", r"](\1)", text)
    if segment.single_line:
        return " ".join(part.strip() for part in text.split("\n") if part.strip()) or text.strip()
    return "\n".join(line for line in text.split("\n") if line.strip()) or text.strip()


def _fit(segment: Segment, text: str) -> str:
    """The restored text with continuation lines carrying the block's prefixes."""
    parts = text.split("\n")
    out = [parts[0]]
    for index, part in enumerate(parts[1:]):
        prefix = segment.line_prefixes[index] if index < len(segment.line_prefixes) else segment.continuation
        out.append(prefix + part)
    return "\n".join(out)


def _merge_attrs(suffix: str, attrs: str) -> str:
    """Add `attrs` to an existing attribute list: "{#a}" + ".x" -> "{#a .x}"."""
    return suffix[:-1].rstrip() + " " + attrs + "}"


def _marked(segment: Segment, fitted: str, attrs: str) -> str:
    """The block's text plus its attribute list, with `attrs` (a class, lang/dir) added."""
    if not attrs or segment.kind in FRONT_MATTER_KINDS or segment.kind is SegmentKind.ADMONITION_TITLE:
        return fitted
    if segment.attr_suffix:
        return fitted  # the caller merges attrs into the existing suffix
    if segment.single_line:
        return fitted + " {: " + attrs + " }"
    return fitted + "\n" + segment.continuation + "{: " + attrs + " }"


def render_marked(
    text: str,
    translate: Callable[[Segment], Marked],
    *,
    front_matter_extra: dict | None = None,
    path: str | None = None,
    segments: list[Segment] | None = None,
) -> str:
    """Render `text` with each segment replaced by `translate(segment)` = (text, mark attributes).

    The translated text is neutralised (untrusted) before placeholders are restored; text equal
    to the English source is the English itself and is left as it is. `segments` may be passed
    when the caller already has `extract(text)`.
    """
    front = split_front_matter(text, path=path)
    if segments is None:
        segments = extract(text, path=path)
    pieces: list[str] = []
    cursor = front.body_start
    data = dict(front.data)
    for segment in segments:
        translated, attrs = translate(segment)
        cleaned = _clean_translation(segment, translated)
        if segment.kind in FRONT_MATTER_KINDS:
            # Themes print title/summary without escaping (MkDocs' Jinja has no autoescape), so a
            # translation's angle brackets become look-alike characters, never markup.
            if cleaned != segment.source:
                cleaned = cleaned.replace("<", "\uff1c").replace(">", "\uff1e")
            data[segment.kind.value] = cleaned
            continue
        trusted = cleaned == segment.source
        restored = segment.restore(cleaned if trusted else neutralise(cleaned))
        pieces.append(text[cursor : segment.start])
        pieces.append(_marked(segment, _fit(segment, restored), attrs))
        cursor = segment.end
        if attrs and segment.attr_suffix and segment.kind is not SegmentKind.ADMONITION_TITLE:
            gap = text[segment.end : segment.suffix_end - len(segment.attr_suffix)]
            pieces.append(gap + _merge_attrs(segment.attr_suffix, attrs))
            cursor = segment.suffix_end
    pieces.append(text[cursor:])
    body = "".join(pieces)
    if not front.present and not front_matter_extra:
        return body
    if front_matter_extra:
        data.update(front_matter_extra)
    return "---\n" + dump_front_matter(data) + "---\n" + body


def dump_front_matter(data: dict) -> str:
    """Front matter YAML, stable: key order kept, block style, no line wrapping."""
    return yaml.safe_dump(
        data, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1_000_000
    )


def render(text: str, translate: Callable[[str], str]) -> str:
    """The page with every segment's text replaced by `translate(segment.source)`.

    Placeholders are restored after the call, so `render(text, lambda s: s)` renders to the
    same HTML as `text`.
    """
    return render_marked(text, lambda segment: (translate(segment.source), ""))
