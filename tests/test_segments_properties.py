"""Property tests of segments over generated Markdown: identity rendering, structure, placeholders."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_segments import site_html

from handbook.translate.engines import PseudoEngine
from handbook.translate.render import render
from handbook.translate.segments import extract, placeholders

WORDS = st.sampled_from(
    [
        "the",
        "customer",
        "comes",
        "first",
        "don't",
        "3",
        "4,000",
        "$5",
        "e.g.",
        "(sic)",
        "a+b",
        "x=y",
        "50%",
        "#1",
        "&",
        "&amp;",
        "a < b",
        "»quote«",
        "שירות",
        "خدمة",
        "บริการ",
        "сервис",
        "café",
        "—",
        "…",
        "!",
        "?",
        ":",
        "snake_case",
        "C#",
        "{name}",
    ]
)
URLS = st.sampled_from(
    ["../x.md", "page.md#anchor", "https://example.com/a?b=1", "sources.md#src-1", "img.png"]
)


@st.composite
def inline(draw) -> str:
    kind = draw(
        st.sampled_from(
            [
                "word",
                "word",
                "word",
                "bold",
                "em",
                "code",
                "link",
                "image",
                "autolink",
                "url",
                "html",
                "brace",
            ]
        )
    )
    word = " ".join(draw(st.lists(WORDS, min_size=1, max_size=3)))
    if kind == "bold":
        return f"**{word}**"
    if kind == "em":
        return f"*{word}*"
    if kind == "code":
        return "`" + draw(st.sampled_from(["code", "a <b>", "{1}", "x_y", "[not](a link)"])) + "`"
    if kind == "link":
        return f"[{word}]({draw(URLS)})"
    if kind == "image":
        return f"![{word}]({draw(URLS)})"
    if kind == "autolink":
        return "<https://example.org/path>"
    if kind == "url":
        return "see https://example.org/x."
    if kind == "html":
        return f"<b>{word}</b>"
    if kind == "brace":
        return draw(st.sampled_from(["{7}", "{1}", "{#not-an-anchor}"]))
    return word


def text_line(draw, min_size: int = 1) -> str:
    """Inline Markdown for one line. It does not start with `#` or `:`: Python-Markdown reads
    "#1 the" as a heading and ": x" as a definition, CommonMark (the segmenter) as text; the
    handbook's pages always write "# Heading" with a space, so that divergence never matters."""
    line = " ".join(draw(st.lists(inline(), min_size=min_size, max_size=6)))
    return "and " + line if line.startswith(("#", ":")) else line


@st.composite
def block(draw) -> str:
    kind = draw(
        st.sampled_from(
            [
                "heading",
                "paragraph",
                "paragraph",
                "list",
                "ordered",
                "table",
                "admonition",
                "quote",
                "deflist",
                "code",
            ]
        )
    )
    slug = draw(st.sampled_from(["one", "two", "why-it-works", "do", "dont"]))
    if kind == "heading":
        level = draw(st.sampled_from(["##", "###"]))
        return f"{level} {' '.join(draw(st.lists(WORDS, min_size=1, max_size=4)))} {{#{slug}}}"
    if kind == "paragraph":
        lines = [text_line(draw) for _ in range(draw(st.integers(1, 3)))]
        text = "\n".join(lines)
        if draw(st.booleans()):
            text += "\n{: .special }"
        return text
    if kind in ("list", "ordered"):
        items = []
        for index in range(draw(st.integers(1, 4))):
            marker = "-" if kind == "list" else f"{index + 1}."
            item = f"{marker} {text_line(draw)}"
            if draw(st.booleans()):
                item += "\n" + " " * (len(marker) + 1) + text_line(draw)
            items.append(item)
        return "\n".join(items)
    if kind == "table":
        rows = [
            "| " + " | ".join(text_line(draw).replace("|", "/") for _ in range(2)) + " |" for _ in range(2)
        ]
        return "| Head | Other |\n|---|---|\n" + "\n".join(rows)
    if kind == "admonition":
        title = " ".join(draw(st.lists(WORDS, min_size=1, max_size=3))).replace('"', "")
        return f'!!! note "{title}"\n    {text_line(draw)}\n    {text_line(draw)}'
    if kind == "quote":
        return f"> {text_line(draw)}\n> {text_line(draw)}"
    if kind == "deflist":
        return f"Term {' '.join(draw(st.lists(WORDS, min_size=1, max_size=2)))}\n:   {text_line(draw)}"
    return "```\nprint('never translated')\n```"


@st.composite
def page(draw) -> str:
    title = " ".join(draw(st.lists(WORDS, min_size=1, max_size=4)))
    blocks = draw(st.lists(block(), min_size=1, max_size=8))
    front = f"---\ntitle: {title!r}\nsummary: A summary.\n---\n\n"
    return front + "# Title\n\n" + "\n\n".join(blocks) + "\n"


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        self.tags.append((tag, dict(attrs).get("id") if tag[0] == "h" else dict(attrs).get("href")))


def structure(html: str) -> list[tuple[str, str | None]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(page())
def test_identity_render_gives_the_same_html(text: str) -> None:
    assert site_html(render(text, lambda source: source)) == site_html(text)


@PROPERTY
@given(page())
def test_translations_keep_the_structure_links_and_anchors(text: str) -> None:
    """Whatever the words, a translation that keeps its placeholders keeps every tag, id and href."""
    translated = render(text, PseudoEngine.pseudo)
    assert structure(site_html(translated)[0]) == structure(site_html(text)[0])


@PROPERTY
@given(page())
def test_every_placeholder_stands_for_protected_markdown(text: str) -> None:
    for segment in extract(text):
        assert len(placeholders(segment.source)) == len(segment.originals)
        if segment.start >= 0:  # body blocks: the text in the page, minus line prefixes
            lines = text[segment.start : segment.end].split("\n")
            unprefixed = [lines[0]] + [
                line[len(prefix) :] for line, prefix in zip(lines[1:], segment.line_prefixes, strict=True)
            ]
            assert segment.restore(segment.source) == "\n".join(unprefixed)
        for original in segment.originals:
            assert original.strip()
