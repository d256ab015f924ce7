"""Main-text extraction from saved HTML pages for `handbook ingest` (trafilatura)."""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass

_HTML_SNIFF = re.compile(rb"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
_SITE_SUFFIX = re.compile(r"\s+[|–—·•-]\s+[^|–—·•-]+$")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*$")
_ITEM = re.compile(r"^\s*[-*+]\s+(.*)$")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])")


@dataclass(frozen=True)
class ExtractedLine:
    """One line of extracted main text: its kind ('text', 'heading', 'item', 'blank') and level."""

    text: str
    kind: str
    level: int = 0
    source_line: int = 0  # line of the raw HTML it came from (0 when not found)


@dataclass(frozen=True)
class HtmlExtraction:
    """The main text of a page, its title, and the visible text the extractor left out."""

    lines: list[ExtractedLine]
    title: str | None
    dropped: list[tuple[int, str]]  # (raw HTML line, text)


# Elements whose own text is one visible block, and inline elements folded into their block.
_BLOCK_TAGS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li dt dd td th caption figcaption blockquote pre button label "
    "div section article aside nav header footer main form legend summary option".split()
)
_INLINE_TAGS = frozenset(
    "a span em strong b i u small time abbr cite code mark q s sub sup bdi bdo font".split()
)
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head", "svg")


def visible_blocks(html: str) -> list[tuple[int, str]]:
    """Every block of visible text in the page with the raw line it starts on, in page order."""
    import lxml.html
    from lxml import etree

    try:
        document = lxml.html.document_fromstring(html.encode("utf-8"), parser=_utf8_parser())
    except (etree.ParserError, ValueError):
        return []
    etree.strip_elements(document, *_INVISIBLE_TAGS, with_tail=False)
    blocks: list[tuple[int, str]] = []
    for element in document.iter(*_BLOCK_TAGS):
        parts = [element.text or ""]
        for child in element:
            if isinstance(child.tag, str) and child.tag in _INLINE_TAGS:
                parts.append(child.text_content())
            parts.append(child.tail or "")
        text = " ".join("".join(parts).split())
        if text:
            blocks.append((element.sourceline or 0, text))
    return blocks


def _utf8_parser():
    import lxml.html

    return lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)


def looks_like_html(data: bytes, name: str) -> bool:
    """HTML by file extension, or by a tag in the first kilobytes."""
    if name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    return bool(_HTML_SNIFF.search(data[:4096]))


def declared_charset(data: bytes) -> str | None:
    """The charset a <meta> tag declares, if any."""
    match = _META_CHARSET.search(data[:8192])
    return match.group(1).decode("ascii").lower() if match else None


def page_title(html: str) -> str | None:
    """The page's <title>, without a trailing " | Site name" part."""
    match = _TITLE.search(html[:65536])
    if not match:
        return None
    title = _TAGS.sub("", htmllib.unescape(match.group(1))).strip()
    title = _SITE_SUFFIX.sub("", title).strip()
    return title or None


_LINE_BREAKS = re.compile("[\r\u2028\u2029\x85\x0b\x0c]")


def _plain(text: str) -> str:
    """Markdown emphasis and escapes undone; one line (normalising must not split it again)."""
    text = _MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(3), _LINE_BREAKS.sub(" ", text))
    return _MD_ESCAPE.sub(r"\1", text).strip()


def extract_html(html: str) -> HtmlExtraction:
    """The main text of `html` as typed lines (trafilatura), the page title, and what was left out.

    Returns no lines when trafilatura finds no main text.
    """
    import trafilatura

    markdown = trafilatura.extract(
        html,
        output_format="markdown",
        with_metadata=False,  # metadata and date search cost more than the extraction itself
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=True,
        favor_recall=True,
        deduplicate=False,
        # Skip the readability/jusText fallbacks: 2-3x faster, same text on article pages.
        fast=True,
    )
    if not markdown:
        return HtmlExtraction([], page_title(html), [])
    blocks = visible_blocks(html)
    lines: list[ExtractedLine] = []
    cursor = 0
    for raw in markdown.split("\n"):
        if not raw.strip():
            lines.append(ExtractedLine("", "blank"))
            continue
        kind, level, text = "text", 0, raw
        if heading := _HEADING.match(raw):
            kind, level, text = "heading", len(heading.group(1)), _plain(heading.group(2))
        elif item := _ITEM.match(raw):
            kind, text = "item", _plain(item.group(1))
        elif raw.lstrip().startswith("|"):
            cells = [_plain(c) for c in raw.strip().strip("|").split("|")]
            if all(set(c) <= set("-: ") for c in cells):
                continue
            text = " | ".join(c for c in cells if c)
        else:
            text = _plain(raw)
        source_line, cursor = _locate(text, blocks, cursor)
        lines.append(ExtractedLine(text, kind, level, source_line))
    kept = " ".join(" ".join(line.text.split()) for line in lines)
    dropped = [(number, text) for number, text in blocks if text not in kept and _plain(text) not in kept]
    return HtmlExtraction(lines, page_title(html), dropped)


def _locate(text: str, blocks: list[tuple[int, str]], cursor: int) -> tuple[int, int]:
    """The raw line of the block holding `text`, searching forward from `cursor` (page order)."""
    needle = " ".join(text.split())
    for index in range(cursor, len(blocks)):
        number, block = blocks[index]
        if needle in block or block in needle or _plain(block) == needle:
            return number, index
    return 0, cursor
