"""Putting translations back: splice each translation into the English page, made harmless.

Translated text is untrusted: a translation `handbook.translate.safety` refuses (attribute lists,
block syntax at a line start, control and unbalanced bidi characters) is replaced by the English;
`neutralise()` escapes raw HTML and links whose destination is not a placeholder before the
placeholders are restored, a `|` in a table cell and a number with a full stop at a line start
("1999. ", an ordered list to Markdown) are escaped, so a translation can never
inject live markup or structure. Source references that stand together in the English are put
back together first (`handbook.translate.citations`), so each makes the English's one note. `render(text, translate)` and `render_marked` (with the marks of blocks that
are not reviewed) are the entry points; `handbook.translate.segments` re-exports `render`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import yaml

from handbook.translate.citations import together
from handbook.translate.inline import inline_spans
from handbook.translate.safety import refusal
from handbook.translate.segments import (
    FRONT_MATTER_KINDS,
    PLACEHOLDER_RE,
    Segment,
    SegmentKind,
    extract,
    split_front_matter,
)

# --- rendering ---------------------------------------------------------------------------------

# A translation gives back text and, optionally, attributes to mark the block with
# (e.g. ".hb-machine" or '.hb-missing lang="en" dir="ltr"').
Marked = tuple[str, str]
_ORDERED_MARKER = re.compile(r"(?m)^([ \t]*\d{1,9})([.)])(?=\s|$)")


def neutralise(text: str) -> str:
    """Make untrusted (translated) inline Markdown inert: no raw HTML, attribute lists or new links.

    `<` outside code spans becomes `&lt;`; every `{` that does not open a placeholder is escaped
    (attribute lists in any shape, and braces that would swallow a heading's English `{#anchor}`);
    every `[` that does not open a link to exactly one English placeholder is escaped (so no new
    link, image or reference), so only the English links are live.
    """
    spans = inline_spans(text)
    keep: list[tuple[int, int]] = []  # code spans and escapes: leave their characters alone
    safe_links: set[int] = set()  # `[` of links whose destination is one English placeholder
    for span in spans:
        name = span[0]
        if name in ("backticks", "escape"):
            keep.append((span[1], span[2]))
        elif name in ("link", "image"):
            _, start, label_end, end = span
            destination = text[label_end + 1 : end].replace(" ", "")
            if re.fullmatch(r"\(\{\d+\}\)|\{\d+\}", destination):
                safe_links.add(start + (1 if name == "image" else 0))
    safe_links |= _reference_openers(text)
    placeholders = {match.start() for match in PLACEHOLDER_RE.finditer(text)}
    out: list[str] = []
    for index, char in enumerate(text):
        if any(start <= index < end for start, end in keep):
            out.append(char)
        elif char == "<":
            out.append("&lt;")
        elif char == "[" and index not in safe_links:
            out.append("\\[")
        elif char == "{" and index not in placeholders:
            out.append("\\{")
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
        if translated != segment.source:  # references together as in the English: one note each
            translated = together(segment, translated)
        cleaned = _clean_translation(segment, translated)
        if segment.kind in FRONT_MATTER_KINDS:
            # Themes print title/summary without escaping (MkDocs' Jinja has no autoescape), so a
            # translation's angle brackets become look-alike characters, never markup.
            if cleaned != segment.source:
                cleaned = cleaned.replace("<", "\uff1c").replace(">", "\uff1e")
            data[segment.kind.value] = cleaned
            continue
        trusted = cleaned == segment.source
        if not trusted and refusal(cleaned, segment.kind):
            cleaned, trusted = segment.source, True  # would add structure or markup: the English
        if not trusted:  # trailing spaces would make a hard line break (<br>) the English lacks
            cleaned = "\n".join(line.rstrip() for line in cleaned.split("\n"))
        if not trusted and segment.kind is SegmentKind.TABLE_CELL:
            # A pipe would split the cell, a backtick run would join it to the next one.
            cleaned = re.sub(r"(?<!\\)([|`])", r"\\\1", cleaned)
        if not trusted:  # "1999. ..." or "1) ..." at a line start is text, not an ordered list
            cleaned = _ORDERED_MARKER.sub(r"\1\\\2", cleaned)
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
