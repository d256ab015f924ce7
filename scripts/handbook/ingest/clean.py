"""The cleaning stages of `handbook ingest`, line by line then block by block.

Boilerplate removal (the rules in `handbook.ingest.rules`; in a text wrapped at a fixed width,
the rest of a junk line on the next line goes with it), headings (on a page wrapped at a fixed
width, a line that fills the width or goes on from one that does is part of a paragraph, not a
heading: Thai, Hebrew and Arabic have no capitals to tell), lines broken mid-sentence,
glued sentences and captions, dangling link words, teaser lists and the flags of a text. Each
removal and repair is recorded with its reason. `clean_lines` runs them in order.

Why one module of this size: the stages share the working-line record and a handful of
shapes (glue, tails, headings); each stage is short and they read best in the order they run.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from handbook.ingest import rules
from handbook.ingest.html import ExtractedLine
from handbook.ingest.language import detect_language
from handbook.ingest.records import Block, Change, IngestError

# Repair reasons (the report's vocabulary, next to the removal reasons in ingest_rules).
GLUED_HEADING = "heading repeated at the start of the paragraph"
GLUED_CAPTION = "image caption glued to the first sentence"
MISSING_SPACE = "missing space after the end of a sentence"
JOINED = "line broken in the middle of a sentence, joined"
PLACEHOLDER_INLINE = "template placeholder inside a paragraph"
TITLE_CASE = "Title Case heading written as its sentence-case repeat"
# Flags.
UNTRANSLATED = "untranslated foreign fragment"
TRUNCATED = "truncated ending: the text stops mid-sentence"
# --- working line --------------------------------------------------------------------------


@dataclass
class _Line:
    number: int
    text: str
    kind: str  # text | heading | item
    level: int = 0
    heading: bool = False
    joined_to_next: bool = False
    extra: list[str] = field(default_factory=list)
    junk: str | None = None  # the block classifier's reason, once it judged the line boilerplate
    order: int = 0  # position in the input (HTML blocks can share a source line)
    link_chars: int = -1  # HTML signals (see `handbook.ingest.html.ExtractedLine`)
    chrome: bool = False
    main: bool = True
    junk_reason: str | None = None  # the line rules' reason, once they removed the line
    continued: bool = False  # removed as the wrapped rest of the junk line before it


_CASED_LOWER = "a-zа-яё"
_CASED_UPPER = "A-ZА-ЯЁ"
_GLUE = re.compile(
    rf"^(?P<cap>.{{3,120}}?(?P<tail>[{_CASED_LOWER}]+))(?P<rest>[{_CASED_UPPER}][{_CASED_LOWER}]*\s\S.*)$"
)
_SENTENCE_GLUE = re.compile(rf"([{_CASED_LOWER}]{{2,}}[.!?])([{_CASED_UPPER}][{_CASED_LOWER}]+\s)")
_TAIL = re.compile(r"^(?P<body>.*[.!?…؟][»”\"'’)]?)\s+(?P<tail>[^.!?…؟:;,\d]{1,40})$")
_LATIN_WORD = re.compile(r"(?<![\w@/.])[A-Za-z][A-Za-z'’-]*[A-Za-z](?![\w@/])")
_URL = re.compile(r"https?://\S+|www\.\S+|\S+@\S+\.\w+")
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}|[a-zа-я])[.)]\s+\S")
_BULLET = re.compile(r"^\s*[-•*–·▪►✓]\s+(?P<text>\S.*)$")
_ALLOWED_LATIN = frozenset("ok vs etc e-mail email online wifi wi-fi app apps faq id pdf url".split())
_THAI_CHARS = re.compile("[\u0e01-\u0e4e]")


def _is_cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


def _heading_like(text: str, lang: str) -> bool:
    stripped = text.strip()
    if not stripped or len(stripped) > 100 or len(stripped.split()) > 14:
        return False
    if _BULLET.match(stripped):
        return False
    if not re.search(r"[^\W\d_]", stripped):
        return False
    last = stripped[-1]
    return last not in ".,;:…" and not (last in "»”\"'’)" and len(stripped) > 1 and stripped[-2] in ".,;:")


def _last_word(text: str, lang: str) -> str:
    stripped = text.rstrip()
    if lang == "th" and _THAI_CHARS.search(stripped[-12:]):
        from handbook.ingest.thai import last_thai_word

        return last_thai_word(stripped)
    parts = stripped.split()
    return parts[-1].casefold() if parts else ""


def _ends_with_connective(text: str, lang: str) -> bool:
    return _last_word(text, lang) in rules.CONNECTIVES.get(lang, frozenset())


def _change_order(change: Change) -> tuple[int, str, str]:
    return (change.line, change.reason, change.text)


def _title_cased(text: str) -> bool:
    """Every word capitalised ("Между Безразличием И Страстью"), in a script with case."""
    words = [w for w in text.split() if w[0].isalpha()]
    return len(words) >= 3 and all(w[0].isupper() for w in words) and any(w[0].lower() != w[0] for w in words)


def slug_for(path: str | Path) -> str:
    """A stable id for an input not listed in sources.yml, from its file name."""
    stem = Path(path).name
    for suffix in (".html", ".htm", ".xhtml", ".txt", ".text", ".md"):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    slug = re.sub(r"[^\w]+", "-", unicodedata.normalize("NFKC", stem).casefold()).strip("-_")
    return f"src-{slug}" if slug else "src-article"


# --- stages ----------------------------------------------------------------------------------


def _input_lines(text: str, html_lines: list[ExtractedLine] | None) -> list[_Line]:
    lines: list[_Line] = []
    if html_lines is not None:
        for number, item in enumerate(html_lines, start=1):
            if item.text.strip():
                lines.append(
                    _Line(
                        item.source_line or number,
                        item.text.strip(),
                        item.kind,
                        item.level,
                        order=number,
                        link_chars=item.link_chars,
                        chrome=item.chrome,
                        main=item.main,
                    )
                )
        return lines
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = _SPACES.sub(" ", raw).strip()
        if not stripped:
            continue
        bullet = _BULLET.match(stripped)
        if bullet:
            lines.append(_Line(number, bullet.group("text"), "item", order=number))
        else:
            lines.append(_Line(number, stripped, "text", order=number))
    return lines


_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u3000]+")


def _sentence(text: str) -> bool:
    """Running text: ends like a sentence and has at least eight words (Thai: see the caller)."""
    return rules.ends_sentence(text) and len(text.split()) >= 8


def _continues(dropped: list[_Line], line: _Line, width: int) -> bool:
    """`line` is the wrapped rest of the junk line just before it (a `lynx -dump` or reader capture
    wraps at a fixed width): it follows on the next line, the junk line did not end a sentence,
    it filled the line (the page's wrap `width`, or 55 characters), and the line starts in lower
    case -- or, on a page wrapped at a fixed width, in a script without case (Hebrew, Arabic, Thai).
    Only the rest of a line a rule removed goes, never the rest of a rest."""
    if not dropped or line.kind != "text" or line.link_chars >= 0 or not dropped[-1].junk_reason:
        return False  # (HTML blocks are elements, not wrapped lines)
    before = dropped[-1]
    first = line.text[0]
    caseless = first.isalpha() and not first.islower() and not first.isupper()
    from handbook.ingest.blocks import WRAP_SLACK

    return (
        before.number == line.number - 1
        and before.kind == "text"
        and not before.continued
        and len(before.text) >= (width - WRAP_SLACK if width else 55)
        and first.isalpha()
        and (first.islower() or (width > 0 and caseless))
        and not rules.ends_sentence(before.text)
    )


def _remove_boilerplate(
    lines: list[_Line], removed: list[Change], repaired: list[Change], dropped: list[_Line]
) -> tuple[list[_Line], str | None]:
    """Drop boilerplate lines (with a reason each, into `removed` and `dropped`); return the kept
    lines and a tag-archive tag."""
    # How often each short line's key occurs from here on: a table-of-contents entry is a short
    # line whose text comes back later as a heading.
    remaining = Counter(rules.toc_key(line.text) for line in lines if len(line.text) <= 100)
    kept: list[_Line] = []
    tag: str | None = None
    mode: str | None = None  # "related" or "toc" while inside such a list
    width = _wrap_width(lines)
    for line in lines:
        if len(line.text) <= 100:
            remaining[rules.toc_key(line.text)] -= 1
        if mode == "related":
            if (
                line.kind == "heading"
                or len(line.text) > 150
                or (line.kind != "item" and line.text[-1] in ".:")
            ):
                mode = None
            else:
                # a line of the list the rules know ("6 min read" under a title) keeps its own
                # reason and does not end the list
                own = rules.classify_line(line.text)
                if own in (rules.RELATED, rules.TOC):
                    mode = None
                else:
                    removed.append(Change(line.number, line.text, own or rules.RELATED))
                    dropped.append(line)
                    continue
        if mode == "toc":
            if len(line.text) <= 100 and remaining[rules.toc_key(line.text)] > 0:
                removed.append(Change(line.number, line.text, rules.TOC))
                dropped.append(line)
                continue
            mode = None
        reason = rules.classify_line(line.text)
        if reason is None and _continues(dropped, line, width):
            reason = dropped[-1].junk_reason  # the rest of a junk line wrapped at a fixed width
            line.continued = True
        if reason is not None:
            removed.append(Change(line.number, line.text, reason))
            line.junk_reason = reason
            dropped.append(line)
            if reason == rules.RELATED and not rules.related_rest(line.text):
                mode = "related"
            elif reason == rules.TOC:
                mode = "toc"
            elif (
                reason == rules.ARCHIVE
                and tag is None
                and not any(_sentence(k.text) or len(k.text) > 120 for k in kept)
            ):
                # a tag-archive page's header comes before any text; after it, the post's own tags
                tag = rules.archive_tag(line.text)
            continue
        cleaned, had_placeholder = rules.strip_placeholders(line.text)
        if had_placeholder:
            repaired.append(Change(line.number, line.text, PLACEHOLDER_INLINE))
            line.text = cleaned
        kept.append(line)
    return kept, tag


def _wrap_width(lines: list[_Line]) -> int:
    """The width the page's paragraphs were wrapped at (`handbook.ingest.blocks.wrap_width`), or 0."""
    from handbook.ingest.blocks import wrap_width

    return wrap_width([(line.number, len(line.text)) for line in lines if line.kind == "text"])


def _mark_headings(lines: list[_Line], lang: str, html: bool) -> None:
    punctuated = any(re.search(r"[.!?…؟]", line.text) for line in lines)
    width = 0 if html else _wrap_width(lines)
    for index, line in enumerate(lines):
        if html:
            line.heading = line.kind == "heading"
            continue
        if line.kind != "text" or index == len(lines) - 1 or not _heading_like(line.text, lang):
            continue
        if width and _wrapped(lines, index, width):
            continue  # a line of a paragraph wrapped at a fixed width, not a heading
        if lang == "th" and len(line.text) > 60 and not _NUMBERED.match(line.text):
            continue  # Thai headings are short; a longer unpunctuated line is a paragraph
        following = lines[index + 1]
        first = following.text[0]
        if (
            following.number == line.number + 1
            and first.islower()
            and (first.isascii() or _is_cyrillic(first))
        ):
            continue  # the sentence goes on in lower case on the next line: a broken wrap
        if _ends_with_connective(line.text, lang):
            continue  # "... and", "... ซึ่ง": a heading does not end on a connective
        if lang == "th" or not punctuated:
            # Unpunctuated text: only numbered lines, the first line, or lines set off by a blank
            # line count as headings; a short line inside a run of lines is a broken wrap.
            prev_gap = index == 0 or lines[index - 1].number < line.number - 1
            next_gap = lines[index + 1].number > line.number + 1
            line.heading = bool(_NUMBERED.match(line.text)) or prev_gap or next_gap
        else:
            line.heading = True


def _wrapped(lines: list[_Line], index: int, width: int) -> bool:
    """In a page wrapped at `width`: the line fills the width and the next line goes on at once,
    or the line right before it fills the width (it is the rest of that paragraph)."""
    line = lines[index]
    from handbook.ingest.blocks import WRAP_SLACK

    full = width - WRAP_SLACK
    after = (
        index + 1 < len(lines)
        and lines[index + 1].number == line.number + 1
        and lines[index + 1].kind == "text"
    )
    before = index > 0 and lines[index - 1].number == line.number - 1 and lines[index - 1].kind == "text"
    return (len(line.text) >= full and after) or (before and len(lines[index - 1].text) >= full)


def _join_broken_lines(lines: list[_Line], lang: str, html: bool, repaired: list[Change]) -> list[_Line]:
    if html:
        return lines
    out: list[_Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        while index + 1 < len(lines):
            nxt = lines[index + 1]
            if nxt.number != line.number + 1 + len(line.extra) or line.kind != "text" or nxt.kind != "text":
                break
            if line.heading or nxt.heading or _NUMBERED.match(nxt.text) or rules.ends_sentence(line.text):
                break
            if line.junk or nxt.junk:
                break
            first = nxt.text[0]
            broken = (
                (first.isalpha() and first.islower() and (first.isascii() or _is_cyrillic(first)))
                or line.text[-1] in ",-–—"
                or _ends_with_connective(line.text, lang)
                or (lang != "th" and len(line.text) >= 120)
                or (lang == "th" and len(line.text) < 80 and not _NUMBERED.match(line.text))
            )
            if not broken:
                break
            if line.text.endswith("-") and first.islower():
                glue = ""  # a compound split at its hyphen ("ноу-" / "хау"): keep the hyphen
            elif lang == "th" and _THAI_CHARS.match(first) and _THAI_CHARS.search(line.text[-1]):
                glue = ""  # Thai writes no space between the words of a sentence
            else:
                glue = " "
            repaired.append(
                Change(
                    line.number, f"{line.text[-30:]} ⏎ {nxt.text[:30]}", f"{JOINED} (with line {nxt.number})"
                )
            )
            line.text = line.text + glue + nxt.text
            line.extra.append(nxt.text)
            index += 1
        out.append(line)
        index += 1
    return out


def _mark_boilerplate_blocks(lines: list[_Line], lang: str, dropped: list[_Line], html: bool) -> None:
    """The block classifier (`handbook.ingest.blocks`) marks what it judges boilerplate, with why.

    Marked lines stay in place until the blocks are built, so that the stages that look at the end
    of the text (a heading with nothing after it, a teaser list) see the page as it was; they are
    dropped, each with its reason, just before the flags.
    """
    from handbook.ingest import blocks

    everything = sorted([*lines, *dropped], key=lambda line: (line.order, line.number))
    kept = {id(line) for line in lines}
    reasons = blocks.classify(
        [
            blocks.Entry(
                line.number,
                line.text,
                line.heading,
                id(line) not in kept,
                line.link_chars,
                line.chrome,
                line.main,
                line.kind == "item",
            )
            for line in everything
        ],
        lang,
        html=html,
    )
    for line, reason in zip(everything, reasons, strict=True):
        if id(line) in kept:
            line.junk = reason


def _repair_glue(lines: list[_Line], repaired: list[Change], removed: list[Change]) -> list[_Line]:
    """Headings/captions glued to the next paragraph, repeated titles, missing sentence spaces."""
    out: list[_Line] = []
    headings: dict[str, _Line] = {}
    heading_keys = headings.keys()
    last_heading: _Line | None = None
    for line in lines:
        if line.junk:
            out.append(line)
            continue
        short = line.heading or len(line.text) <= 100
        line_key = rules.key(line.text) if short else ""
        if line.heading or (line.kind in ("text", "heading") and len(line.text) <= 100):
            if line_key and line_key in heading_keys:
                removed.append(Change(line.number, line.text, rules.REPEATED))
                first = headings[line_key]
                if _title_cased(first.text) and not _title_cased(line.text):
                    repaired.append(Change(first.number, line.text, TITLE_CASE))
                    first.text = line.text
                continue
        if line.heading:
            headings.setdefault(line_key, line)
            last_heading = line
            out.append(line)
            continue
        if last_heading is not None:
            prefix = last_heading.text
            # Glued: the heading runs straight into the sentence, no space between (a scraped
            # image caption or title link); with a space it is just a sentence opening alike.
            if (
                line.text.casefold().startswith(prefix.casefold())
                and len(line.text) > len(prefix) + 1
                and not line.text[len(prefix)].isspace()
            ):
                repaired.append(Change(line.number, prefix, GLUED_HEADING))
                line.text = line.text[len(prefix) :].lstrip(" :–—-")
        glue = _GLUE.match(line.text)
        if glue and " " in glue.group("cap").strip():
            tail, rest = glue.group("tail"), glue.group("rest")
            mixed = tail[-1].isascii() != rest[0].isascii()
            cyrillic = _is_cyrillic(tail[-1]) and _is_cyrillic(rest[0])
            if mixed or cyrillic or (len(tail) >= 4 and not glue.group("cap").strip().isascii()):
                caption = glue.group("cap").strip()
                reason = GLUED_HEADING if rules.key(caption) in heading_keys else GLUED_CAPTION
                repaired.append(Change(line.number, caption, reason))
                line.text = rest
        fixed = _SENTENCE_GLUE.sub(r"\1 \2", line.text)
        if fixed != line.text:
            repaired.append(Change(line.number, line.text[:60], MISSING_SPACE))
            line.text = fixed
        out.append(line)
    return out


def _strip_dangling_tails(lines: list[_Line], lang: str, removed: list[Change]) -> None:
    if lang == "th":
        return
    for line in lines:
        if line.heading or line.kind != "text" or len(line.text) < 120 or line.junk:
            continue
        match = _TAIL.match(line.text)
        if not match:
            continue
        tail = match.group("tail").strip()
        first = tail[0]
        if len(tail.split()) > 4 or (
            first.isalpha() and first.islower() and (first.isascii() or _is_cyrillic(first))
        ):
            continue
        if _ends_with_connective(tail, lang):
            continue
        removed.append(Change(line.number + len(line.extra), tail, rules.DANGLING_TAIL))
        line.text = match.group("body")


def _drop_teaser_list(blocks: list[Block], removed: list[Change]) -> list[Block]:
    """A run of >= 3 (short heading, one short paragraph) pairs ending the article: teasers."""
    pairs = 0
    index = len(blocks)
    while index >= 2:
        heading, para = blocks[index - 2], blocks[index - 1]
        if heading.kind == "heading" and para.kind == "paragraph" and len(para.text) <= 250:
            pairs += 1
            index -= 2
        else:
            break
    # The section before the run must hold at least two paragraphs: an article made only of
    # one-paragraph sections is not a teaser list.
    if pairs < 3 or index < 2 or "heading" in (blocks[index - 1].kind, blocks[index - 2].kind):
        return blocks
    for block in blocks[index:]:
        removed.append(Change(block.line, block.text, rules.TEASER))
    return blocks[:index]


def _flags(blocks: list[Block], lang: str) -> list[Change]:
    flags: list[Change] = []
    if lang != "en":
        for block in blocks:
            text = _URL.sub(" ", block.text)
            words = _LATIN_WORD.findall(text)
            lowercase = [w for w in words if w.islower() and w.casefold() not in _ALLOWED_LATIN]
            runs = re.findall(r"(?:[A-Za-z][\w'’-]*[ ,]+){3,}[A-Za-z][\w'’-]*", text)
            found = list(dict.fromkeys(lowercase + [r.strip() for r in runs]))
            if found:
                flags.append(Change(block.line, ", ".join(found), UNTRANSLATED))
    paragraphs = [b for b in blocks if b.kind != "heading"]
    if paragraphs:
        last = paragraphs[-1]
        truncated = (
            _ends_with_connective(last.text, lang)
            if lang == "th"
            else not rules.ends_sentence(last.text) and len(last.text) > 80
        )
        if truncated:
            flags.append(Change(last.line, "…" + last.text[-60:], TRUNCATED))
    return flags


def _title_from_text(text: str, lang: str) -> str:
    if lang == "th":
        first = text.split(" ")[0]
    else:
        first = re.split(r"(?<=[.!?؟])\s", text, maxsplit=1)[0]
    return first if len(first) <= 100 else first[:80].rsplit(" ", 1)[0] + "…"


def clean_lines(
    text: str,
    html_lines: list[ExtractedLine] | None = None,
    html_title: str | None = None,
) -> tuple[str, str, bool, list[Block], list[Change], list[Change], list[Change]]:
    """The pure cleaning pipeline: (lang, title, title_in_body, blocks, removed, repaired, flags).

    The language is read from what is left after the boilerplate went, so a cookie banner in
    another language does not decide it. Raises LanguageError or IngestError.
    """
    html = html_lines is not None
    removed: list[Change] = []
    repaired: list[Change] = []
    lines = _input_lines(text, html_lines)
    dropped: list[_Line] = []
    lines, tag = _remove_boilerplate(lines, removed, repaired, dropped)
    if not lines:
        raise IngestError("nothing is left after removing boilerplate: the file holds no article text")
    lang = detect_language("\n".join(line.text for line in lines))
    _mark_headings(lines, lang, html)
    _mark_boilerplate_blocks(lines, lang, dropped, html)
    lines = _join_broken_lines(lines, lang, html, repaired)
    lines = _repair_glue(lines, repaired, removed)
    _strip_dangling_tails(lines, lang, removed)
    lines = [line for line in lines if line.text.strip()]

    title, title_in_body = "", False
    article = [line for line in lines if not line.junk]
    if not article:
        raise IngestError("nothing is left after removing boilerplate: the file holds no article text")
    first = article[0]
    if first.heading and not tag and (not html or first.level <= 1 or html_title is None):
        title, title_in_body = first.text, True
        lines = [line for line in lines if line is not first]
    elif tag:
        title = tag
    elif html_title:
        title = html_title
    elif early := [x for x in article[:3] if x.heading and not _NUMBERED.match(x.text)]:
        title = early[0].text
    else:
        title = _title_from_text(first.text, lang)

    blocks: list[Block] = []
    junk: dict[int, str] = {}
    for line in lines:
        if line.heading:
            level = min(max(line.level, 2), 4) if html else 2
            blocks.append(Block("heading", line.text, line.number, level))
        else:
            blocks.append(Block("item" if line.kind == "item" else "paragraph", line.text, line.number))
        if line.junk:
            junk[id(blocks[-1])] = line.junk
    while blocks and blocks[-1].kind == "heading":
        removed.append(Change(blocks[-1].line, blocks[-1].text, "heading with no text after it"))
        blocks.pop()
    blocks = _drop_teaser_list(blocks, removed)
    for block in blocks:
        if id(block) in junk:
            removed.append(Change(block.line, block.text, junk[id(block)]))
    blocks = [block for block in blocks if id(block) not in junk]
    flags = _flags(blocks, lang)
    return (
        lang,
        title,
        title_in_body,
        blocks,
        sorted(removed, key=_change_order),
        sorted(repaired, key=_change_order),
        sorted(flags, key=_change_order),
    )
