"""Block-level boilerplate detection for `handbook ingest`: pages the line rules were not written for.

The line rules (`handbook.ingest.rules`, `handbook.ingest.interface`) know the words of interface
chrome; this stage judges every block by its shape, in the way of jusText and Boilerpipe, so that
a menu, a language picker, a vote counter or a footer the rules have never seen still goes. It
uses jusText's own classifier (`justext.core.classify_paragraphs` and
`revise_paragraph_classification`) on our blocks rather than rewriting it.

What a block is. Plain text: a line, or lines wrapped at a fixed width (a `lynx -dump` or reader
capture) grouped into one. Saved HTML: every element's own visible text, read with lxml
(`handbook.ingest.html.visible_blocks`) -- every block of the page, not only what an extractor
selects, because trafilatura leaves out forum posts, the questions of FAQ accordions and other
text in markup it takes for furniture. Its selection is one signal among the others below.

What jusText reads of each block:

- its length and its share of the language's stop-words (jusText's lists for en, he, ar and
  ru; for Thai the stop-word corpus of pythainlp, with pythainlp's word segmentation, compounds
  of stop-words split into them, since Thai writes no spaces between words);
- its link density: in HTML the text of its links and buttons; in plain text the text after
  `[12]` link numbers of a `lynx -dump` page, and bare URLs;
- whether it is a heading (in HTML its tag, or an accordion toggle; in plain text a short line
  without a full stop, unless it sits between two junk lines).

jusText classifies each block context-free (long, stop-word-rich text is good; link-heavy or
stop-word-poor text is bad; short text is undecided) and revises by context: a short block
between two bad blocks is bad, between two good blocks is good; a heading before good text is
good -- except that a short heading made good only by its distance from good text is judged by
our own rule (`_leads_into_text`: it stops at another heading and at page furniture), or a run
of menu lines above the title would pass for a run of headings. Marked bad before that revision, so that they weigh as context too: lines the rules
removed; blocks that are mostly digits (vote counts, page numbers); short lines in another
script than the article's and not inside a sentence (a Latin menu on a Hebrew page, a language
picker); in HTML, blocks inside page-furniture markup (nav, footer, aside, form, a header
outside the article, an element whose ARIA role or class/id names navigation, sidebar, footer,
sharing, cookies, newsletter, related links, author box, comments, ads, site notices,
feedback boxes, posters' profiles and signatures, stats and action bars, tag lists -- the
conventional names readability and Boilerpipe also read) and blocks outside
trafilatura's main text that are not running text.

The decision for each block, in order: mostly digits -> junk; a browser-tab title before the
article, or any block that is a later heading with a site or section name beside it after a
separator ("Title — Site", "Site | Title") -> junk; HTML furniture -> junk; outside trafilatura's main text -> junk unless it is
running text, jusText-good on its own, or a heading leading into article text with no furniture
between (an FAQ's question); running text (ends a sentence, at least `_SENTENCE_WORDS` words),
the article title (longest block before the text) or a closing formula ("Thank you" of a deck's
last slide) -> kept; then another script, link density, jusText's bad, a heading leading into
text (kept), a short line before the first or after the last block of text (the page's edges; a bulleted or
numbered list right after the last sentence, and the heading over it, are the article's end),
anything not running text above the article's title when that title is a heading the text
follows at once (the page's header: a site name, a course or section name, a tab title), and a
short block between two confident junk blocks (context). In plain text, a run of three or more
lines in a row with a menu entry's shape (a few words, no sentence, not a bulleted item) is a
menu or a tag list, all but its last line (which may head the text below it). Every removal carries its
reason, named after the feature that decided it.

Why one module of this size: the features, jusText's face of a block and the decision read
best together, in the order the decision uses them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from handbook.ingest import interface

# Reasons (the report's vocabulary).
LINKS = "link list: most of the block is link text (block classifier)"
LOW_TEXT = "boilerplate block: short, few stop-words, no sentence (block classifier, jusText)"
CONTEXT = "short block between boilerplate blocks (block classifier, jusText context)"
DIGITS = "mostly digits: counter, score or page number (block classifier)"
OTHER_SCRIPT = "line in another script than the article's, not inside a sentence (block classifier)"
TAB_TITLE = "page title with the site's name (browser tab), before the article (block classifier)"
EDGE = "short line at the page start or end, outside the article text (block classifier)"
MENU_RUN = "in a run of three or more short lines without a sentence: a menu or tag list (block classifier)"
LEAD = "before the article's title, which the article text follows: the page's header (block classifier)"
CHROME = "inside navigation, header, footer, sidebar or form markup (block classifier, HTML)"
OUTSIDE_MAIN = "outside the main text trafilatura selects, and not running text (block classifier, HTML)"

_STOPLIST_NAMES = {"en": "English", "he": "Hebrew", "ar": "Arabic", "ru": "Russian"}
_LINK_MARK = re.compile(r"\[\d{1,4}\]")
_URL = re.compile(r"(?:https?://|www\.)\S+|^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$")
# The browser tab's title copied with the page: "Article title | Site name".
_TAB_TITLE = re.compile(r"^[^|]{10,100} [|] [^|.!?]{2,40}$")
_TITLE_SEPARATOR = re.compile(r"\s+[-–—|·•:/]\s+|(?<=\w)\.\s+")
_SITE_WORDS = 8
_SEGMENT_END = re.compile(r"[.,;:!?،؛؟]|\[\d{1,4}\]")
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
_SENTENCE_END = ".!?…؟۔:»”\"'’)"
_SENTENCE_WORDS = 8
MAX_HEADING_DISTANCE = 200
_WRAP_WIDTH = 55
_THAI_CLAUSES = re.compile("[\u0e01-\u0e4e]{4,} [\u0e01-\u0e4e]{4,}")
_MENU_WORDS = 3
_MENU_HEADING_CHARS = 25
_THAI_SHORT = 50
_TITLE_CHARS = 20
_TITLE_SHARE = 0.75
_SCRIPTS = {
    "en": re.compile("[A-Za-z\u00c0-\u024f]"),
    "ru": re.compile("[\u0400-\u04ff]"),
    "he": re.compile("[\u05d0-\u05ea]"),
    "ar": re.compile("[\u0621-\u064a\u0671-\u06d3]"),
    "th": re.compile("[\u0e01-\u0e4e]"),
}


@dataclass
class _Paragraph:
    """The face of a block that jusText's classifier reads (its own Paragraph is built from a DOM)."""

    text: str
    words: list[str]
    chars_count_in_links: int
    heading: bool
    cf_class: str = ""
    class_type: str = ""

    @property
    def dom_path(self) -> str:
        return "body.h2" if self.heading else "body.p"

    @property
    def is_heading(self) -> bool:
        return self.heading

    def __len__(self) -> int:
        return len(self.text)

    @property
    def words_count(self) -> int:
        return len(self.words)

    def stopwords_density(self, stopwords) -> float:
        if not self.words:
            return 0.0
        return sum(word.lower() in stopwords for word in self.words) / len(self.words)

    def links_density(self) -> float:
        return self.chars_count_in_links / len(self.text) if self.text else 0.0


@functools.lru_cache(maxsize=8)
def stoplist(lang: str) -> frozenset[str]:
    """The stop-words of `lang`: jusText's list (en, he, ar, ru) or pythainlp's (th)."""
    if lang == "th":
        from handbook.ingest.thai import thai_stopwords

        return thai_stopwords()
    from justext import get_stoplist

    return get_stoplist(_STOPLIST_NAMES[lang])


def _words(text: str, lang: str) -> list[str]:
    if lang == "th" and _SCRIPTS["th"].search(text):
        from handbook.ingest.thai import words_for_stopwords

        return words_for_stopwords(text)
    return [w.strip("«»\"'“”„()[]{}.,;:!?،؛؟") for w in text.split() if w.strip("«»\"'“”„()[]{}.,;:!?،؛؟")]


def _link_chars(text: str) -> int:
    """Characters of link text: after each `[n]` lynx link number up to the next stop, and URLs."""
    if "[" not in text and "://" not in text and "www." not in text and " " in text:
        return 0  # the common case: no link number, no URL, not a bare domain
    total = sum(len(m.group()) for m in _URL.finditer(text))
    for mark in _LINK_MARK.finditer(text):
        stop = _SEGMENT_END.search(text, mark.end())
        end = stop.start() if stop else len(text)
        total += min(end - mark.start(), 60)
    return min(total, len(text))


def _ends_sentence(text: str) -> bool:
    return bool(text) and text.rstrip()[-1] in _SENTENCE_END


def _running_text(text: str, words: list[str]) -> bool:
    """Ends like a sentence and holds enough words to be one: never removed by this stage.

    Thai marks no sentence end; there, clauses separated by spaces and enough words are a sentence.
    """
    if _LINK_MARK.match(text) or _link_chars(text) > 0.2 * len(text) or len(words) < _SENTENCE_WORDS:
        return False
    if _ends_sentence(text):
        return True
    return bool(_THAI_CLAUSES.search(text)) and len(words) >= 2 * _SENTENCE_WORDS


def _mostly_digits(text: str) -> bool:
    if len(text) > 40 or not _DIGIT.search(text):
        return False
    return len(_LETTER.findall(text)) <= 3


def _other_script(text: str, lang: str) -> bool:
    """A short line in another script than the article's, not a sentence (menus, language pickers)."""
    if len(text) > 60 or _ends_sentence(text.rstrip(")")):
        return False
    own = len(_SCRIPTS[lang].findall(text))
    letters = len(_LETTER.findall(text))
    return letters >= 2 and own * 4 < letters


WRAP_SLACK = 14


def wrap_width(lines: list[tuple[int, int]]) -> int:
    """The width a `lynx -dump` or reader capture wrapped its paragraphs at, or 0 when the page's
    paragraphs are single long lines (`lines`: each text line's number and length).

    Wrapped: a quarter of the text lines (at least three) end within `WRAP_SLACK` characters of
    the longest usual line, that is at most 80 characters, and paragraphs are set apart by blank
    lines (a sixth of the lines at least) -- a "select all, copy" of slides or a menu has short
    lines too, but no blank lines between them.
    """
    if len(lines) < 6:
        return 0
    lengths = sorted(length for _, length in lines)
    width = lengths[int(0.9 * (len(lengths) - 1))]
    near = sum(length >= width - WRAP_SLACK for length in lengths)
    numbers = sorted(number for number, _ in lines)
    gaps = sum(b - a > 1 for a, b in zip(numbers, numbers[1:], strict=False))
    if width > 80 or near < max(3, len(lengths) // 4) or gaps < max(2, len(lines) // 6):
        return 0
    return width


def _groups(items: list[tuple[int, str, bool, bool, bool]], wrapped: bool = False) -> list[list[int]]:
    """Indexes of `items` (line number, text, heading, removed, list item) grouped into paragraphs.

    A `lynx -dump` or reader capture wraps a paragraph over lines of 60-80 characters: a line
    that long, not ending a sentence, and followed at once by another text line is one block with
    it. On a page wrapped at a fixed width (`wrapped`), any such run of lines is one block: the
    lines of a paragraph in a script without capitals or full stops (Thai) vary in length.
    """
    groups: list[list[int]] = []
    for index, (number, text, _heading, removed, item) in enumerate(items):
        if groups and not removed:
            prev_number, prev_text, _, prev_removed, _ = items[groups[-1][-1]]
            if (
                number == prev_number + 1
                and not prev_removed
                and not item
                and not _ends_sentence(prev_text)
                and not _LINK_MARK.match(text)
                and not _mostly_digits(text)
                and (wrapped or len(prev_text) >= _WRAP_WIDTH or prev_text[-1] in ",-–—" or text[0].islower())
            ):
                groups[-1].append(index)
                continue
        groups.append([index])
    return groups


def _leads_into_text(
    paragraphs: list[_Paragraph], index: int, anchors: set[int], furniture: set[int]
) -> bool:
    """Article text follows within jusText's heading distance (200 characters of other blocks),
    with no page furniture (HTML navigation, sidebar, footer) between."""
    distance = 0
    for j in range(index + 1, len(paragraphs)):
        if j in anchors:
            return True
        if j in furniture:
            return False
        if paragraphs[j].heading and paragraphs[j].cf_class != "bad":
            return False  # only the last of a run of headings leads into the text (not a menu)
        distance += len(paragraphs[j].text)
        if distance > MAX_HEADING_DISTANCE:
            return False
    return False


def _title_candidate(paragraphs: list[_Paragraph], removed: list[bool], first: int, lang: str) -> int:
    """The article's title: the longest block before the article text that nothing marks as junk.

    Between the site's menus and the first paragraph, the title is usually surrounded by junk
    (breadcrumbs, byline, date, share buttons) further from the text than jusText's heading
    distance; it is kept when it has at least `_TITLE_CHARS` characters and no link.
    """
    best, best_length = -1, _TITLE_CHARS - 1
    for i in range(min(first, len(paragraphs))):
        paragraph = paragraphs[i]
        if (
            removed[i]
            or _LINK_MARK.search(paragraph.text)
            or _URL.search(paragraph.text)
            or paragraph.links_density() > 0.2
        ):
            continue
        if (
            _mostly_digits(paragraph.text)
            or _other_script(paragraph.text, lang)
            or _TAB_TITLE.match(paragraph.text)
            or len(paragraph.text) <= best_length
        ):
            continue
        best, best_length = i, len(paragraph.text)
    return best


def _text_near(paragraphs: list[_Paragraph], title: int, first: int, removed: list[bool]) -> bool:
    """The article text starts within jusText's heading distance after the title (lines the rules
    removed, such as a byline or a date, do not count)."""
    between = sum(
        len(paragraphs[j].text) for j in range(title + 1, min(first, len(paragraphs))) if not removed[j]
    )
    return first < len(paragraphs) and between <= MAX_HEADING_DISTANCE


def _repeated_titles(paragraphs: list[_Paragraph]) -> set[int]:
    """Blocks that are a later block's text with the site's or the section's name beside it,
    after a separator: the browser tab's title or a document viewer's file title ("How to answer
    a complaint — Service Notes", "Service Notes | How to answer a complaint")."""
    from handbook.ingest.rules import key

    later: dict[str, int] = {}
    for index in range(len(paragraphs) - 1, -1, -1):
        text = paragraphs[index].text
        if len(text) <= 200:
            later.setdefault(key(text), index)
    found: set[int] = set()
    for index, paragraph in enumerate(paragraphs):
        text = paragraph.text
        if len(text) > 250 or _ends_sentence(text.rstrip("»”\"'’)")) and text.rstrip()[-1] == ".":
            continue
        for match in _TITLE_SEPARATOR.finditer(text):
            for part, rest in (
                (text[: match.start()], text[match.end() :]),
                (text[match.end() :], text[: match.start()]),
            ):
                part_key = key(part)
                if (
                    len(part_key) >= 10
                    and later.get(part_key, -1) > index
                    and len(rest.split()) <= _SITE_WORDS
                ):
                    found.add(index)
    return found


_LIST_ITEM = re.compile(r"^\s*\d{1,2}[.)]\s+\S")


def _list_after(paragraphs: list[_Paragraph], firsts: list[Entry], last: int) -> int:
    """The article's last block, counting a list that ends it: the bulleted or numbered items
    right after its last sentence (and the heading over them), which are short, but the article's
    ("When to call a supervisor", "1. The refund is over £250", ...)."""

    def item(j: int) -> bool:
        entry = firsts[j]
        return not entry.removed and (entry.item or bool(_LIST_ITEM.match(paragraphs[j].text)))

    j = last + 1
    while j < len(paragraphs):
        if item(j):
            last = j
        elif not (
            paragraphs[j].heading and not firsts[j].removed and j + 1 < len(paragraphs) and item(j + 1)
        ):
            break
        j += 1
    return last


def _good(paragraph: _Paragraph) -> bool:
    """jusText's revised class is good, and not only for being a short heading within its distance
    of good text: such a heading is judged by `_leads_into_text` instead, which stops at another
    heading and at page furniture (a run of menu lines is not a run of headings)."""
    return paragraph.class_type == "good" and not (
        paragraph.heading and paragraph.cf_class not in ("good", "neargood")
    )


def _confident_junk(paragraphs: list[_Paragraph], index: int) -> bool:
    return 0 <= index < len(paragraphs) and paragraphs[index].cf_class == "bad"


class Entry(NamedTuple):
    """One line or block of the page, in page order, as the classifier reads it.

    `removed`: the line rules already dropped it (it is context only). The HTML signals
    (`handbook.ingest.html.ExtractedLine`): `link_chars` (-1 for plain text, where `[n]` link
    numbers and URLs are counted instead), `chrome` (inside page-furniture markup) and `main`
    (inside trafilatura's main text; always true for plain text).
    """

    number: int
    text: str
    heading: bool
    removed: bool = False
    link_chars: int = -1
    chrome: bool = False
    main: bool = True
    item: bool = False  # a bulleted or numbered list item of a text page


def _demote_menu_headings(entries: list[Entry]) -> list[Entry]:
    """Plain text: a short line between two junk lines is not a heading.

    A text page marks as a heading every short line without a full stop, and jusText keeps a
    heading that comes shortly before good text. A line of a few words (at most
    `_MENU_HEADING_CHARS` characters, not a question) whose line right before and line right
    after are junk (removed by the rules, or bare numbers) sits in a run of interface lines: a
    tag between tags, a user name between its date and its score, a sort order after "Sorted
    by:". It is judged as a short block instead (jusText's context: between junk, junk).
    """
    out = list(entries)
    for i, entry in enumerate(entries):
        if (
            not entry.heading
            or entry.removed
            or len(entry.text) > _MENU_HEADING_CHARS
            or _ends_sentence(entry.text)
        ):
            continue

        if _junk_at(entries, i - 1, entry.number - 1) and _junk_at(entries, i + 1, entry.number + 1):
            out[i] = entry._replace(heading=False)
    return out


_RUN_WORDS = 3
_RUN_CHARS = 30
_RUN_THAI_CHARS = 20
_RUN_LENGTH = 3


def _menu_like(text: str, lang: str) -> bool:
    """A menu entry's or a tag's shape: a few words, no sentence, no list bullet's sentence."""
    if _ends_sentence(text) or text.endswith((",", ";", ":")):
        return False
    if lang == "th" and _SCRIPTS["th"].search(text):
        return len(text) <= _RUN_THAI_CHARS and " " not in text
    return len(text.split()) <= _RUN_WORDS and len(text) <= _RUN_CHARS


def _menu_runs(entries: list[Entry], lang: str) -> set[int]:
    """Plain text: entries in a run of at least `_RUN_LENGTH` consecutive lines (no blank line
    between) that all have a menu entry's shape, except the run's last line, which may be the
    heading of the text below it. Lines the rules removed count as members (a menu the rules know
    in part), but at least two must be lines they did not know (a title above its table of
    contents is not a menu)."""
    members: set[int] = set()
    run: list[int] = []

    def close() -> None:
        unknown = [i for i in run if not entries[i].removed]
        if len(run) >= _RUN_LENGTH and len(unknown) >= 2:
            members.update(i for i in run[:-1] if not entries[i].removed)
        run.clear()

    for i, entry in enumerate(entries):
        contiguous = bool(run) and entry.number == entries[run[-1]].number + 1
        if not contiguous:
            close()
        if entry.removed or (not entry.item and _menu_like(entry.text, lang)) or _mostly_digits(entry.text):
            run.append(i)
        else:
            close()
    close()
    return members


def _junk_at(entries: list[Entry], index: int, number: int) -> bool:
    """The entry at `index` is on line `number` and is junk (removed by the rules, or a bare number)."""
    return (
        0 <= index < len(entries)
        and entries[index].number == number
        and (entries[index].removed or _mostly_digits(entries[index].text))
    )


def classify(entries: list[Entry], lang: str, *, html: bool = False) -> list[str | None]:
    """For each entry, the reason it is boilerplate, or None to keep it (None for removed ones).

    The entries the line rules removed are the context a short block is judged in (a short
    block between two junk lines is junk). In HTML every element is its own block; in plain text
    lines wrapped at a fixed width are grouped into one (`_groups`).
    """
    from justext.core import classify_paragraphs, revise_paragraph_classification

    runs: set[int] = set()
    if html:
        groups = [[i] for i in range(len(entries))]
    else:
        entries = _demote_menu_headings(entries)
        runs = _menu_runs(entries, lang)
        wrapped = wrap_width([(e.number, len(e.text)) for e in entries if not e.item]) > 0
        groups = _groups([(e.number, e.text, e.heading, e.removed, e.item) for e in entries], wrapped)
    paragraphs: list[_Paragraph] = []
    for group in groups:
        first_entry = entries[group[0]]
        text = " ".join(entries[i].text for i in group)
        heading = first_entry.heading and len(group) == 1
        # A line the rules removed is junk already: its words are not needed (Thai ones are costly).
        words = [] if first_entry.removed else _words(text, lang)
        links = first_entry.link_chars if first_entry.link_chars >= 0 else _link_chars(text)
        paragraphs.append(_Paragraph(text, words, links, heading))
    short = 70 if lang != "th" else _THAI_SHORT
    classify_paragraphs(paragraphs, stoplist(lang), length_low=short, stopwords_low=0.2, stopwords_high=0.25)
    for paragraph, group in zip(paragraphs, groups, strict=True):
        entry = entries[group[0]]
        if (
            entry.removed
            or _mostly_digits(paragraph.text)
            or _other_script(paragraph.text, lang)
            or (entry.chrome and not paragraph.heading)
            or (
                not entry.main
                and paragraph.cf_class != "good"
                and not _running_text(paragraph.text, paragraph.words)
            )
        ):
            paragraph.cf_class = "bad"
    repeated = _repeated_titles(paragraphs)
    for index in repeated:
        paragraphs[index].cf_class = "bad"
    revise_paragraph_classification(paragraphs)
    removed_item = [entries[group[0]].removed for group in groups]
    article = [
        i
        for i, paragraph in enumerate(paragraphs)
        if not removed_item[i]
        and not entries[groups[i][0]].chrome
        and (
            _good(paragraph)
            or paragraph.cf_class in ("good", "neargood")
            or _running_text(paragraph.text, paragraph.words)
        )
    ]
    first, last = (article[0], article[-1]) if article else (len(paragraphs), -1)
    if article and not html:
        last = _list_after(paragraphs, [entries[g[0]] for g in groups], last)
    anchors = set(article)
    chrome = [entries[group[0]].chrome for group in groups]
    furniture = {i for i, c in enumerate(chrome) if c}
    title = _title_candidate(
        paragraphs,
        [r or c or i in repeated for i, (r, c) in enumerate(zip(removed_item, chrome, strict=True))],
        first,
        lang,
    )
    # The page's header: everything before a title heading that the article text follows at once
    # -- before the first heading nearly as long as the title, which may be the title's first half
    # (a deck's title above its subtitle).
    lead_end = -1
    if title >= 0 and paragraphs[title].heading and _text_near(paragraphs, title, first, removed_item):
        lead_end = min(
            j
            for j in range(title + 1)
            if j == title
            or (
                paragraphs[j].heading
                and not removed_item[j]
                and not chrome[j]
                and j not in repeated
                and len(paragraphs[j].text) >= _TITLE_SHARE * len(paragraphs[title].text)
            )
        )
    reasons: list[str | None] = [None] * len(entries)
    for i, (paragraph, group) in enumerate(zip(paragraphs, groups, strict=True)):
        if removed_item[i]:
            continue
        entry = entries[group[0]]
        text = paragraph.text
        running = _running_text(text, paragraph.words)
        leads = paragraph.heading and _leads_into_text(paragraphs, i, anchors, furniture)
        if _mostly_digits(text) and not running:
            reason = DIGITS  # a bare number is a vote or page count wherever it stands
        elif (i < first and _TAB_TITLE.match(text)) or i in repeated:
            reason = TAB_TITLE
        elif entry.chrome:
            reason = CHROME
        elif not entry.main:
            # trafilatura left it out: kept only on evidence of its own (running text, good text,
            # or a heading leading into article text, such as an FAQ's question)
            good = running or paragraph.cf_class == "good" or leads
            reason = None if good else _reason(paragraph, lang) or OUTSIDE_MAIN
        elif _good(paragraph) or running or i == title:
            reason = None
        elif interface.closing(text):
            reason = None  # "Thank you", the last slide: the author's words, not the site's
        elif group[0] in runs and len(group) == 1:
            edge = i > last or (i < first and len(paragraph.words) <= _MENU_WORDS)
            reason = EDGE if edge else MENU_RUN
        elif _other_script(text, lang):
            reason = OTHER_SCRIPT
        elif paragraph.links_density() > 0.2:
            reason = LINKS
        elif paragraph.cf_class == "bad":
            reason = LOW_TEXT
        elif leads:
            reason = None  # jusText's rule: a heading shortly before good text is good
        elif i > last or (i < first and len(paragraph.words) <= _MENU_WORDS):
            reason = EDGE
        elif i < lead_end and not running:
            reason = LEAD
        elif i not in anchors and _confident_junk(paragraphs, i - 1) and _confident_junk(paragraphs, i + 1):
            reason = CONTEXT
        else:
            reason = None
        for j in group:
            reasons[j] = reason
    return reasons


def _reason(paragraph: _Paragraph, lang: str) -> str | None:
    """The shape that makes a block junk, if one does (for the report)."""
    if _other_script(paragraph.text, lang):
        return OTHER_SCRIPT
    if paragraph.links_density() > 0.2:
        return LINKS
    if paragraph.cf_class == "bad":
        return LOW_TEXT
    return None
