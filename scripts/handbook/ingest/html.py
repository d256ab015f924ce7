"""The visible blocks of a saved HTML page for `handbook ingest` (lxml), with trafilatura's main text as a signal."""

from __future__ import annotations

import html as htmllib
import re
from dataclasses import dataclass

_HTML_SNIFF = re.compile(rb"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]", re.IGNORECASE)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.IGNORECASE | re.DOTALL)
_TAGS = re.compile(r"<[^>]+>")
_SITE_SUFFIX = re.compile(r"\s+[|–—·•-]\s+[^|–—·•-]+$")


@dataclass(frozen=True)
class ExtractedLine:
    """One visible block of a page: its text, kind ('text', 'heading', 'item'), level and signals.

    `link_chars`: characters of link or button text in the block (-1 when unknown, plain text);
    An inline element whose class or id names furniture (a heading's "[edit]" link, a share icon)
    is left out of its block's text.
    `chrome`: inside page furniture markup (nav, footer, aside, form, a header outside the
    article, or an element whose role, class or id names navigation, sidebar, footer, sharing,
    cookies, newsletter, related links or ads); `main`: inside the main text trafilatura selects.
    """

    text: str
    kind: str
    level: int = 0
    source_line: int = 0  # line of the raw HTML it came from (0 when not found)
    link_chars: int = -1
    chrome: bool = False
    main: bool = True


@dataclass(frozen=True)
class HtmlExtraction:
    """Every visible block of a page, in page order, and the page's title."""

    lines: list[ExtractedLine]
    title: str | None


# Elements whose own text is one visible block, and inline elements folded into their block.
_BLOCK_TAGS = frozenset(
    "p h1 h2 h3 h4 h5 h6 li dt dd td th caption figcaption blockquote pre button label "
    "div section article aside nav header footer main form legend summary option center address figure "
    "details ul ol dl table tbody tr".split()
)
_INLINE_TAGS = frozenset(
    "a span em strong b i u small time abbr cite code mark q s sub sup bdi bdo font".split()
)
_LINK_TAGS = frozenset(("a", "button"))
_INVISIBLE_TAGS = ("script", "style", "noscript", "template", "head", "svg")
_ITEM_TAGS = frozenset(("li", "dt", "dd"))
# Page furniture: by element, by ARIA role, and by the words sites name such containers with
# (the signals Boilerpipe, readability and trafilatura read; never one site's names).
_CHROME_TAGS = frozenset(("nav", "footer", "aside", "form", "select", "menu"))
_CHROME_ROLES = frozenset(
    ("navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar")
)
_CHROME_NAMES = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|navigation|menu|breadcrumbs?|crumbs|footer|sidebar|share|sharing|"
    r"social|cookies?|consent|newsletter|subscribe|related|widget|banner|promo|ads?|advert\w*|"
    r"sponsor\w*|toolbar|topbar|pagination|pager|author|bio|byline|meta|comments?|toc|cta|logo|"
    r"credits?|editsection|edit-link|notice|sitenotice|alert|announcement|hatnote|dablink|feedback|"
    r"signature|profile|stats|actions|rating|player|controls|tags|jumpbox|agegate|popup|gdpr|"
    r"shoutbox|skyscraper|supplemental)(?:$|[\s_-])",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


def _chrome(element, cache: dict) -> bool:
    """Whether `element` or an ancestor is page furniture (see `ExtractedLine.chrome`)."""
    if element is None or not isinstance(element.tag, str):
        return False
    if element in cache:
        return cache[element]
    tag = element.tag
    if tag in ("article", "main", "body", "html"):
        result = False
    elif (
        tag in _CHROME_TAGS
        or (tag == "header" and not any(a.tag in ("article", "main") for a in element.iterancestors()))
        or element.get("role", "").lower() in _CHROME_ROLES
        or _CHROME_NAMES.search(f"{element.get('class', '')} {element.get('id', '')}")
    ):
        result = True
    else:
        result = _chrome(element.getparent(), cache)
    cache[element] = result
    return result


def _has_block(element) -> bool:
    return any(isinstance(d.tag, str) and d.tag in _BLOCK_TAGS for d in element.iterdescendants())


def visible_blocks(html: str) -> list[ExtractedLine]:
    """Every block of visible text in the page, in page order, with its kind and signals."""
    import lxml.html
    from lxml import etree

    try:
        document = lxml.html.document_fromstring(html.encode("utf-8"), parser=_utf8_parser())
    except (etree.ParserError, ValueError):
        return []
    etree.strip_elements(document, *_INVISIBLE_TAGS, with_tail=False)
    for hidden in [
        e
        for e in document.iter()
        if isinstance(e.tag, str)
        and (e.get("hidden") is not None or _HIDDEN_STYLE.search(e.get("style", "")))
        and e.tag not in ("html", "body")
    ]:
        hidden.drop_tree()
    blocks: list[ExtractedLine] = []
    cache: dict = {}
    for element in document.iter("body", *_BLOCK_TAGS):
        if (
            element.tag == "button"
            and element.getparent() is not None
            and element.getparent().tag in _BLOCK_TAGS
        ):
            continue  # a button inside a block is a segment of that block (below)
        tag = element.tag
        kind, level = "text", 0
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            kind, level = "heading", int(tag[1])
        elif tag in _ITEM_TAGS:
            kind = "item"
        chrome = _chrome(element, cache) or tag == "figcaption"
        if tag == "button" or tag == "summary":
            if _toggle(element):
                kind, level = "heading", 3
            elif tag == "button":
                text = " ".join(element.text_content().split())
                if text and _WORD.search(text):
                    blocks.append(
                        ExtractedLine(text, kind, level, element.sourceline or 0, len(text), chrome)
                    )
                continue
        for text, links, toggle in _segments(element, split_lines=tag == "body"):
            segment_kind, segment_level = ("heading", 3) if toggle else (kind, level)
            blocks.append(
                ExtractedLine(text, segment_kind, segment_level, element.sourceline or 0, links, chrome)
            )
    return blocks


def _toggle(element) -> bool:
    """An accordion's toggle (`<summary>`, or a button that expands a panel): the question of an
    FAQ, a heading rather than a button."""
    return (
        element.tag == "summary"
        or element.get("aria-expanded") is not None
        or bool(element.get("aria-controls"))
    )


def _segments(element, split_lines: bool = False) -> list[tuple[str, int, bool]]:
    """The element's own visible text (its text and inline children), as (text, link chars, toggle).

    A button is never part of a sentence: the text either side of it and the button itself are
    segments of their own ("Was this helpful?", "Yes", "No"); a button is all link text, unless
    it is an accordion toggle (`_toggle`). Text written straight into `<body>` (`split_lines`) is
    split at its line breaks: there `<br>` is all the page has for paragraphs.
    """
    segments: list[tuple[str, int, bool]] = []
    parts = [element.text or ""]
    links = 0
    previous_link = False

    def flush() -> None:
        text = " ".join("".join(parts).split())
        if text and _WORD.search(text):
            segments.append((text, min(links, len(text)), False))

    for child in element:
        if not isinstance(child.tag, str):
            parts.append(child.tail or "")
            continue
        if child.tag == "br" and split_lines:
            flush()
            parts, links, previous_link = [], 0, False
        elif child.tag == "button":
            flush()
            parts, links, previous_link = [], 0, False
            text = " ".join(child.text_content().split())
            toggle = _toggle(child)
            if text and _WORD.search(text):
                segments.append((text, 0 if toggle else len(text), toggle))
        elif child.tag in _INLINE_TAGS and _CHROME_NAMES.search(
            f"{child.get('class', '')} {child.get('id', '')}"
        ):
            pass  # a control inside the block (a heading's "[edit]" link, a share icon): not its text
        elif child.tag in _INLINE_TAGS and not _has_block(child):
            text = child.text_content()
            is_link = child.tag in _LINK_TAGS or any(
                d.tag in _LINK_TAGS for d in child.iterdescendants() if isinstance(d.tag, str)
            )
            if is_link and previous_link and parts[-1] == "":
                parts.append(" ")  # adjacent links are separate words on screen
            parts.append(text)
            if is_link:
                links += len(" ".join(text.split()))
            previous_link = is_link
        else:
            previous_link = False
        parts.append(child.tail or "")
    flush()
    return segments


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


def main_text(html: str) -> str:
    """The main text trafilatura selects, whitespace collapsed ('' when it finds none)."""
    import trafilatura

    text = trafilatura.extract(
        html,
        output_format="txt",
        with_metadata=False,  # metadata and date search cost more than the extraction itself
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        include_formatting=False,
        favor_recall=True,
        deduplicate=False,
        # Skip the readability/jusText fallbacks: 2-3x faster, same text on article pages.
        fast=True,
    )
    return " ".join((text or "").split())


def extract_html(html: str) -> HtmlExtraction:
    """Every visible block of `html` (lxml), each marked whether trafilatura counts it main text.

    Trafilatura's selection is one signal among others, not the decision: it leaves out forum
    posts, the questions of FAQ accordions and other text in markup it takes for furniture, so
    the block classifier judges every block (see `handbook.ingest.blocks`).
    """
    blocks = visible_blocks(html)
    main = main_text(html) if blocks else ""
    lines = [
        ExtractedLine(
            b.text,
            b.kind,
            b.level,
            b.source_line,
            b.link_chars,
            b.chrome,
            # trafilatura leaves the article's <h1> out of its text: it is the title, not furniture
            (b.kind == "heading" and b.level == 1) or b.text in main,
        )
        for b in blocks
    ]
    return HtmlExtraction(lines, page_title(html))
