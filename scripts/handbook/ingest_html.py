"""Main-text extraction from saved HTML pages for `handbook ingest` (trafilatura)."""

from __future__ import annotations

import re
from dataclasses import dataclass

_HTML_SNIFF = re.compile(rb"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
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


def looks_like_html(data: bytes, name: str) -> bool:
    """HTML by file extension, or by a tag in the first kilobytes."""
    if name.lower().endswith((".html", ".htm", ".xhtml")):
        return True
    return bool(_HTML_SNIFF.search(data[:4096]))


def declared_charset(data: bytes) -> str | None:
    """The charset a <meta> tag declares, if any."""
    match = _META_CHARSET.search(data[:8192])
    return match.group(1).decode("ascii").lower() if match else None


def _plain(text: str) -> str:
    text = _MD_EMPHASIS.sub(lambda m: m.group(2) or m.group(3), text)
    return _MD_ESCAPE.sub(r"\1", text).strip()


def extract_html(html: str) -> tuple[list[ExtractedLine], str | None]:
    """The main text of `html` as typed lines, and the page title from its metadata.

    Returns no lines when trafilatura finds no main text.
    """
    import trafilatura

    markdown = trafilatura.extract(
        html,
        output_format="markdown",
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=True,
        favor_recall=True,
        deduplicate=False,
    )
    if not markdown:
        return [], None
    title = None
    if markdown.startswith("---\n"):
        header, _, markdown = markdown[4:].partition("\n---\n")
        for meta in header.split("\n"):
            if meta.startswith("title:"):
                title = meta[len("title:") :].strip().strip('"') or None
    lines: list[ExtractedLine] = []
    for raw in markdown.split("\n"):
        if not raw.strip():
            lines.append(ExtractedLine("", "blank"))
        elif heading := _HEADING.match(raw):
            lines.append(ExtractedLine(_plain(heading.group(2)), "heading", len(heading.group(1))))
        elif item := _ITEM.match(raw):
            lines.append(ExtractedLine(_plain(item.group(1)), "item"))
        elif raw.lstrip().startswith("|"):
            cells = [_plain(c) for c in raw.strip().strip("|").split("|")]
            if not all(set(c) <= set("-: ") for c in cells):
                lines.append(ExtractedLine(" | ".join(c for c in cells if c), "text"))
        else:
            lines.append(ExtractedLine(_plain(raw), "text"))
    return lines, (title.strip() if title else None)
