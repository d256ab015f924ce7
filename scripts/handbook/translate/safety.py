"""Which translations are refused, entry by entry, because they would add structure or live markup.

A translation may reword, reorder and wrap, but its block must stay one block of the same kind
with the English's tags and attributes. `refusal(text, kind)` names what a msgstr would break, or
returns None. A refused entry stays untouched in its PO file; the page shows the English for that
segment, marked "not translated", and `sync`, `sync --check`, `status` and `check` print
`FILE:LINE: reason` (`refused_entries`). Refused:

- an attribute list of any shape (`{: .x}`, `{#id}`, `{onclick="..."}`): every brace that is not
  an English placeholder `{N}` (Python-Markdown's attr_list takes `{...}` after any element);
- block syntax at the start of a line (a heading `#`, a quote `>`, a bullet, a rule or
  setext underline, `!!!`/`???` admonitions, `:` definitions, table pipes and separator rows,
  code fences, four spaces of indentation); ordinary wrapped lines are fine;
- C0 control characters (other than tab and line feed) and DEL; a text of only white space; a
  backslash at the end of a line (it escapes what follows: a heading's end, a cell's pipe);
- unbalanced bidi embeddings and overrides (LRE, RLE, LRO, RLO closed by PDF) and isolates (LRI,
  RLI, FSI closed by PDI). LRM, RLM, ALM and balanced pairs are allowed.

Raw HTML and new links are not refused: `render.neutralise` shows them as text. A `|` in a table
cell, and a number with a full stop or parenthesis at a line start ("1999. ...", which Markdown
would make an ordered list), are escaped by `render`, not refused.
"""

from __future__ import annotations

import re
from pathlib import Path

from handbook.core.errors import HandbookError
from handbook.translate.memory import Catalog, decode_po, parse_catalog
from handbook.translate.segments import PLACEHOLDER_RE, SegmentKind

# Kinds whose text starts a block: their first line is checked for block syntax too.
_BLOCK_START = {
    SegmentKind.PARAGRAPH,
    SegmentKind.LIST_ITEM,
    SegmentKind.QUOTE,
    SegmentKind.ADMONITION,
    SegmentKind.DEFINITION,
    SegmentKind.TERM,
}
# Kinds shown on one line: a translation's line breaks become spaces (see render._clean_translation).
_ONE_LINE = {
    SegmentKind.TITLE,
    SegmentKind.SUMMARY,
    SegmentKind.HEADING,
    SegmentKind.TABLE_CELL,
    SegmentKind.TERM,
    SegmentKind.ADMONITION_TITLE,
}
_BLOCK_SYNTAX = re.compile(
    r"""(?x) ^(?: [ ]{4} | \t                 # indented code
    | [ ]{0,3} (?: \#                          # ATX heading (Python-Markdown needs no space)
      | >                                      # quote
      | [-*+](?:\s|$)                          # bullet
      | (?:[-*_=][ \t]*){3,}$ | =+[ \t]*$ | -+[ \t]*$   # rule, setext underline
      | !!! | \?\?\? | :[ \t]                  # admonition, collapsible, definition
      | \| | ``` | ~~~                         # table row, fences
      | [-:| \t]*-[-:| \t]*\|[-:| \t]*$ | [-:| \t]*\|[-:| \t]*-[-:| \t]*$   # table separator row
    ))"""
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_OPEN_EMBEDDING = "\u202a\u202b\u202d\u202e"  # LRE RLE LRO RLO
_PDF = "\u202c"
_OPEN_ISOLATE = "\u2066\u2067\u2068"  # LRI RLI FSI
_PDI = "\u2069"
_BIDI_NAMES = {
    "\u202a": "LRE",
    "\u202b": "RLE",
    "\u202c": "PDF",
    "\u202d": "LRO",
    "\u202e": "RLO",
    "\u2066": "LRI",
    "\u2067": "RLI",
    "\u2068": "FSI",
    "\u2069": "PDI",
}


def refusal(text: str, kind: SegmentKind) -> str | None:
    """Why the translation `text` of a segment of `kind` is refused, or None if it is safe to use."""
    text = text.replace("\r\n", "\n").strip("\n")
    if not text.strip():
        return "the translation is only spaces or line breaks (it would remove the block)"
    control = _CONTROL.search(text)
    if control:
        return f"control character U+{ord(control.group()):04X} in the translation"
    bidi = _bidi_problem(text)
    if bidi:
        return bidi
    braces = _stray_brace(text)
    if braces:
        return (
            f"{braces!r} is not one of the English placeholders {{1}}, {{2}}, ...: braces make an "
            "attribute list on the site (remove them)"
        )
    if any(line.rstrip().endswith("\\") for line in text.split("\n")):
        return "a line of the translation ends with a backslash (it would escape the block's own syntax)"
    lines = text.split("\n")
    if kind in _ONE_LINE:
        lines = [" ".join(part.strip() for part in lines if part.strip())]
    checked = lines if kind in _BLOCK_START else lines[1:]
    for number, line in enumerate(checked, start=1 if kind in _BLOCK_START else 2):
        if line.strip() and _BLOCK_SYNTAX.match(line):
            return (
                f"line {number} of the translation starts with block syntax ({line.strip()[:12]!r}): "
                "it would add a heading, list, quote or other block to the page (reword or rewrap it)"
            )
    return None


def _stray_brace(text: str) -> str:
    """The first `{...}` (or lone brace) that is not an unescaped `{N}` placeholder, or ""."""
    rest = PLACEHOLDER_RE.sub("", text)
    match = re.search(r"(?<!\\)\{[^{}\n]*\}?|(?<!\\)\}", rest)
    return match.group(0) if match else ""


def _bidi_problem(text: str) -> str | None:
    stack: list[str] = []
    for char in text:
        if char in _OPEN_EMBEDDING or char in _OPEN_ISOLATE:
            stack.append(char)
        elif char == _PDF:
            if not stack or stack[-1] not in _OPEN_EMBEDDING:
                return "a bidi PDF (U+202C) closes nothing: unbalanced bidi controls in the translation"
            stack.pop()
        elif char == _PDI:
            if not stack or stack[-1] not in _OPEN_ISOLATE:
                return "a bidi PDI (U+2069) closes no isolate: unbalanced bidi controls in the translation"
            stack.pop()
    if stack:
        name = _BIDI_NAMES[stack[-1]]
        return f"the bidi control {name} (U+{ord(stack[-1]):04X}) is never closed: unbalanced bidi controls"
    return None


def kind_of_note(note: str) -> SegmentKind:
    """The segment kind a PO entry's note records ("list item in #do"); a paragraph if unknown."""
    try:
        return SegmentKind(note.split(" in #")[0].strip())
    except ValueError:
        return SegmentKind.PARAGRAPH


def refused_in_catalog(catalog: Catalog, po_rel: str) -> list[str]:
    """`FILE:LINE: reason` for every entry of `catalog` with a translation that is refused."""
    found: list[str] = []
    for entry in catalog.entries:
        if not entry.msgstr:
            continue
        reason = refusal(entry.msgstr, kind_of_note(entry.note))
        if reason:
            found.append(f"{po_rel}:{entry.line}: {reason}; the English is shown until it is fixed")
    return found


def refused_entries(
    root: Path, translations_dir: Path, languages: list[str], *, pages: list[str] | None = None
) -> list[str]:
    """Every refused translation of `languages` (of `pages` only, when given), as `FILE:LINE: reason`
    lines (bad PO files skipped: they are reported by whatever read them)."""
    found: list[str] = []
    for lang in languages:
        folder = translations_dir / lang
        if pages is not None:
            paths = [folder / (page[:-3] + ".po") for page in pages]
        else:
            paths = sorted(folder.rglob("*.po")) if folder.is_dir() else []
        for path in paths:
            if not path.is_file():
                continue
            po_rel = path.relative_to(root).as_posix()
            page = path.relative_to(folder).with_suffix(".md").as_posix()
            try:
                text, _ = decode_po(path.read_bytes(), path=po_rel)
                catalog = parse_catalog(text, lang=lang, page=page, path=po_rel)
            except (HandbookError, OSError):
                continue
            found.extend(refused_in_catalog(catalog, po_rel))
    return found
