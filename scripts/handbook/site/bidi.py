"""Right-to-left pages: Latin runs isolated for the Unicode bidi algorithm at render time (issue 20).

On a Hebrew or Arabic page a Latin run ("Foothill Blvd.", "Del Taco") inside right-to-left text is
wrapped in `<bdi>` in HTML text, and in Unicode isolates (LRI U+2066 … PDI U+2069) where markup
cannot go: `<title>` and the `aria-label`, `title`, `alt` and `placeholder` attributes. `<title>`
also starts with a right-to-left mark when its first strong character would be Latin, so the tab
and the window title read right to left. Code (`code`, `pre`, `kbd`, `samp`, `script`, `style`,
`svg`), URLs and blocks already marked left to right (`dir="ltr"`, `lang="en"`: English fallback)
are left alone. The translators write plain text; this is the site's job.

A run is a Latin word sequence with its inner spaces and punctuation: it starts and ends with a
left-to-right letter and holds no right-to-left letter. A full stop right after its last letter
belongs to it when a space and more text follow in the same block ("Foothill Blvd. ליד"): an
abbreviation reads left to right with its name; a sentence-final full stop stays outside and is
drawn at the sentence's end: one that ends the block, or one followed by a line break (the
translations keep one sentence per source line, so a soft break after a full stop ends a sentence). A Hebrew one-letter prefix and
its hyphen or maqaf ("ב-Upland", "ו־Benson") are outside (they are right-to-left letters). A
number is isolated only together with its unit ("5 km", "20 GB": a short Latin word right after
it) or a currency code before it ("USD 5"); a bare number or "$5" is left to the bidi algorithm,
which keeps digits and their sign in order by itself.

`overrides/assets/javascripts/handbook-bidi.js` applies the same rule to the search results the
browser draws from the index; `tests/data/bidi/runs.yml` holds the cases both are tested against.
The HTML is scanned with a small lexer over the theme's well-formed output (tags, comments and raw
text elements); only text and the attributes above change, everything else is kept byte for byte.
"""

from __future__ import annotations

import bisect
import functools
import html
import itertools
import re
import unicodedata

RTL_LANGUAGES = ("he", "ar")
LRI, PDI, RLM = "\u2066", "\u2069", "\u200f"
ISOLATED_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")
# Elements whose text is never touched (and everything inside them).
UNTOUCHED = {"code", "pre", "kbd", "samp", "script", "style", "svg", "math", "textarea", "bdi", "bdo"}
# Elements that end a block: the lookahead for "more text in the same block" stops at them.
BLOCKS = {
    "address",
    "article",
    "aside",
    "blockquote",
    "br",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
    "button",
    "label",
    "option",
    "select",
    "head",
    "body",
    "html",
}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

_TOKEN = re.compile(
    r"<!--.*?-->"
    r"|<(?P<raw>script|style|textarea)\b[^>]*>.*?</(?P=raw)\s*>"
    r"|</?[A-Za-z][^\s/>]*(?:[^>\"']|\"[^\"]*\"|'[^']*')*>"
    r"|<!?[^>]*>",
    re.S | re.I,
)
_TAG_NAME = re.compile(r"</?([A-Za-z][^\s/>]*)")
_ATTRIBUTE = re.compile(r"""(\s)([A-Za-z_:][-\w:.]*)(\s*=\s*)("[^"]*"|'[^']*')""")
_URL = re.compile(r"(?:https?://|mailto:|www\.)\S+|\b[\w.-]+@[\w-]+\.[\w.-]+", re.I)
_NUMBER_BEFORE = re.compile(r"(\d[\d.,\u00a0\u202f]*)[ \u00a0\u202f]?$")
_NUMBER_AFTER = re.compile(r"^[ \u00a0\u202f](\d[\d.,\u00a0\u202f]*\d|\d)")
_UNIT = re.compile(r"[A-Za-z]{1,3}")
_CURRENCY_CODE = re.compile(r"[A-Z]{3}")


@functools.cache  # a page has a few hundred distinct characters and is read one character at a time
def _strong(ch: str) -> str | None:
    """ "L" for a left-to-right letter, "R" for a right-to-left one, None for anything else."""
    kind = unicodedata.bidirectional(ch)
    if kind == "L":
        return "L" if ch.isalpha() else None
    if kind in ("R", "AL"):
        return "R"
    return None


def latin_runs(text: str, following: str = "") -> list[tuple[int, int]]:
    """Spans of `text` to isolate. `following` is the rest of the block's text after `text`."""
    spans: list[tuple[int, int]] = []
    blocked = [False] * len(text)
    for url in _URL.finditer(text):
        for i in range(url.start(), url.end()):
            blocked[i] = True
    i, n = 0, len(text)
    while i < n:
        if blocked[i] or _strong(text[i]) != "L":
            i += 1
            continue
        start, end, k = i, i + 1, i + 1
        while k < n and not blocked[k]:
            kind = _strong(text[k])
            if kind == "R":
                break
            if kind == "L":
                end = k + 1
            k += 1
        rest = text[end + 1 :] + following
        if end < n and text[end] == "." and re.match(r"[ \t\u00a0]+\S", rest):
            end += 1
        word = text[start:end]
        number = _NUMBER_BEFORE.search(text[:start])
        if number and _UNIT.fullmatch(word):
            start = number.start()
        elif _CURRENCY_CODE.fullmatch(word):
            after = _NUMBER_AFTER.match(text[end:])
            if after:
                end += after.end()
        spans.append((start, end))
        i = end
    return spans


def isolate_text(text: str, following: str = "", *, markup: bool) -> str:
    """`text` (plain, unescaped) with each Latin run isolated: escaped HTML with `<bdi>` when
    `markup`, else plain text with LRI … PDI."""
    out: list[str] = []
    last = 0
    for start, end in latin_runs(text, following):
        if markup:
            out.append(html.escape(text[last:start], quote=False))
            out.append(f"<bdi>{html.escape(text[start:end], quote=False)}</bdi>")
        else:
            out.append(text[last:start] + LRI + text[start:end] + PDI)
        last = end
    out.append(html.escape(text[last:], quote=False) if markup else text[last:])
    return "".join(out)


def first_strong(text: str) -> str | None:
    for ch in text:
        kind = _strong(ch) if ch != RLM else "R"
        if kind:
            return kind
    return None


def isolate_title(text: str) -> str:
    """A `<title>`'s text: runs in isolates, and an RLM first if its first strong letter is Latin."""
    isolated = isolate_text(text, markup=False)
    return (RLM + isolated) if first_strong(text) == "L" else isolated


def _tag_name(token: str) -> str:
    match = _TAG_NAME.match(token)
    return match.group(1).lower() if match else ""


def _ltr_marked(token: str) -> bool:
    return bool(re.search(r"""\sdir\s*=\s*["']?ltr\b|\slang\s*=\s*["']?en\b""", token, re.I))


def _attributes(token: str) -> str:
    def replace(match: re.Match[str]) -> str:
        name = match.group(2).lower()
        if name not in ISOLATED_ATTRIBUTES:
            return match.group(0)
        quoted = match.group(4)
        value = html.unescape(quoted[1:-1])
        isolated = isolate_text(value, markup=False)
        if isolated == value:
            return match.group(0)
        q = quoted[0]
        escaped = html.escape(isolated, quote=False).replace(q, "&quot;" if q == '"' else "&#x27;")
        return f"{match.group(1)}{match.group(2)}{match.group(3)}{q}{escaped}{q}"

    return _ATTRIBUTE.sub(replace, token)


def _tokens(document: str) -> list[tuple[bool, str]]:
    """(is_markup, text) pieces of `document`, in order."""
    pieces: list[tuple[bool, str]] = []
    last = 0
    for match in _TOKEN.finditer(document):
        if match.start() > last:
            pieces.append((False, document[last : match.start()]))
        pieces.append((True, match.group(0)))
        last = match.end()
    if last < len(document):
        pieces.append((False, document[last:]))
    return pieces


def isolate_html(document: str) -> str:
    """A right-to-left page (or fragment) with its Latin runs isolated (see the module docstring)."""
    return isolate_html_tracking(document, (0, 0))[0]


def isolate_html_tracking(document: str, span: tuple[int, int]) -> tuple[str, tuple[int, int]]:
    """`isolate_html(document)`, and where `span` (offsets in `document`) is in the result.

    A page repeats most of its pieces (the navigation, the theme's chrome) and so do the pages of a
    site: each distinct tag and each distinct text in its context is worked out once per process
    (`_tag_facts`, `_text_piece`)."""
    pieces = _tokens(document)
    out: list[str] = []

    skip: list[str] = []  # names of the open elements whose insides are left alone
    in_title = False
    for index, (markup, piece) in enumerate(pieces):
        if markup:
            name, closing, declaration, skipped, isolated = _tag_facts(piece)
            if skip:
                if name == skip[-1] and not piece.endswith("/>"):
                    if closing:
                        skip.pop()
                    else:
                        skip.append(name)
                out.append(piece)
                continue
            if name == "title" and not declaration:
                in_title = not closing
            if skipped is not None:
                if skipped:
                    skip.append(name)
                out.append(piece)
                continue
            out.append(isolated)
            continue
        if skip or not _has_latin(piece):
            out.append(piece)
            continue
        # The block's following text matters only to a full stop after a run (see latin_runs).
        following = _following(pieces, index) if not in_title and _has_full_stop(piece) else ""
        out.append(_text_piece(piece, following, in_title))
    return "".join(out), (_moved(pieces, out, span[0]), _moved(pieces, out, span[1]))


@functools.lru_cache(maxsize=65536)
def _tag_facts(piece: str) -> tuple[str, bool, bool, bool | None, str]:
    """A tag's name, whether it closes, whether it is a `<!...>` declaration, whether it opens a
    left-alone element (True: its insides are skipped; False: a raw element, the token holds all;
    None: neither), and the tag with its attributes isolated."""
    name = _tag_name(piece)
    closing = piece.startswith("</")
    declaration = piece.startswith("<!")
    skipped = None
    isolated = piece
    if not closing and name and not declaration:
        if (name in UNTOUCHED or _ltr_marked(piece)) and name not in VOID and not piece.endswith("/>"):
            skipped = name not in ("script", "style", "textarea")
        else:
            isolated = _attributes(piece)
    return name, closing, declaration, skipped, isolated


@functools.lru_cache(maxsize=65536)
def _has_latin(piece: str) -> bool:
    return any(_strong(ch) == "L" for ch in set(piece))


@functools.lru_cache(maxsize=65536)
def _has_full_stop(piece: str) -> bool:
    return "." in html.unescape(piece)


@functools.lru_cache(maxsize=65536)
def _text_piece(piece: str, following: str, in_title: bool) -> str:
    """A text piece (HTML-escaped, as in the document) with its Latin runs isolated."""
    text = html.unescape(piece)
    if in_title:
        return html.escape(isolate_title(text), quote=False)
    isolated = isolate_text(text, following, markup=True)
    return isolated if isolated != html.escape(text, quote=False) else piece


def _moved(pieces: list[tuple[bool, str]], out: list[str], offset: int) -> int:
    """Where `offset` of the document is in the result (inside an unchanged piece, or its start).

    `out` holds one result piece per document piece."""
    ends = list(itertools.accumulate(len(piece) for _, piece in pieces))
    at = bisect.bisect_right(ends, offset)  # the first piece that ends after `offset`
    if at == len(pieces):
        return sum(map(len, out)) + (offset - (ends[-1] if ends else 0))
    old = ends[at] - len(pieces[at][1])
    new = sum(map(len, out[:at]))
    return new + (offset - old if out[at] == pieces[at][1] else 0)


def _following(pieces: list[tuple[bool, str]], index: int) -> str:
    """The block's text after piece `index`: up to the next block boundary or source note."""
    text: list[str] = []
    for markup, piece in pieces[index + 1 :]:
        if markup:
            name = _tag_name(piece)
            if name in BLOCKS or name in UNTOUCHED or "hb-source-note" in piece:
                break
            continue
        text.append(html.unescape(piece))
        if any(not ch.isspace() for ch in piece):
            break
    return "".join(text)


class RightToLeftIsolation:
    """Plugin feature: every Hebrew and Arabic page, and its 404 page, gets its Latin runs isolated.

    English and the other left-to-right languages are never touched (their output is the same
    bytes as without this feature; a test compares).
    """

    def on_post_page(self, output: str, *, page, config, **kwargs) -> str:
        from handbook.site.features import site_language

        if site_language(config) not in RTL_LANGUAGES:
            return output
        # The CSP feature finds the article in the page by its HTML (to leave its scripts out of
        # the policy): the article's HTML is updated to what the page now holds.
        content = getattr(page, "content", None) or ""
        start = output.find(content) if content else -1
        span = (start, start + len(content)) if start >= 0 else (0, 0)
        isolated, (new_start, new_end) = isolate_html_tracking(output, span)
        if start >= 0:
            page.content = isolated[new_start:new_end]
        return isolated

    def on_post_template(self, output_content: str, *, template_name: str, config, **kwargs) -> str:
        from handbook.site.features import site_language

        if template_name != "404.html" or site_language(config) not in RTL_LANGUAGES:
            return output_content
        return isolate_html(output_content)


_ISOLATION = re.compile(f"</?bdi>|[{LRI}{PDI}{RLM}]")


def without_isolation(document: str) -> str:
    """`document` without what `isolate_html` added (for the search index, which holds plain text).

    A translation's own `<bdi>` is escaped text, never a tag; a mark it writes itself is only
    dropped from the index, never from the page."""
    return _ISOLATION.sub("", document)
