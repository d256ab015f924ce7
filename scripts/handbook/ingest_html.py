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
        return [], None
    title = page_title(html)
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
