"""Segments: extraction and rendering against golden files, placeholders, untrusted translations."""

from __future__ import annotations

import json
import os
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from mkdocs.utils.meta import get_data

from handbook.core.errors import HandbookError
from handbook.core.project import Project
from handbook.site.build import read_config
from handbook.translate.engines import PseudoEngine
from handbook.translate.render import neutralise, render, render_marked
from handbook.translate.segments import SegmentKind, extract, placeholders

DATA = Path(__file__).parent / "data" / "segments"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


def _site_extensions() -> tuple[list[str], dict[str, dict]]:
    """The site's Markdown extensions and their settings, as mkdocs.yml lists them."""
    names: list[str] = []
    settings: dict[str, dict] = {}
    for item in read_config(Project(Path(__file__).resolve().parent.parent))["markdown_extensions"]:
        if isinstance(item, dict):
            ((name, options),) = item.items()
            names.append(name)
            settings[name] = options or {}
        else:
            names.append(item)
    return names, settings


EXTENSIONS, EXTENSION_CONFIGS = _site_extensions()


def site_html(text: str) -> tuple[str, dict]:
    """(HTML, front matter) as MkDocs makes them for this Markdown page."""
    body, meta = get_data(text)
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS).convert(body), meta


def golden(path: Path, actual: str) -> None:
    if UPDATE:
        path.write_text(actual, encoding="utf-8")
    assert path.is_file(), f"golden file {path.name} missing (run with UPDATE_GOLDEN=1 once)"
    assert actual == path.read_text(encoding="utf-8")


PAGES = sorted(path.stem for path in DATA.glob("*.md") if "." not in path.stem)


@pytest.mark.parametrize("name", PAGES)
def test_segments_match_golden(name: str) -> None:
    text = (DATA / f"{name}.md").read_text(encoding="utf-8")
    segments = [
        {
            "kind": s.kind.value,
            "section": s.section,
            "line": s.line,
            "source": s.source,
            "originals": list(s.originals),
        }
        for s in extract(text)
    ]
    golden(DATA / f"{name}.segments.json", json.dumps(segments, ensure_ascii=False, indent=1) + "\n")


@pytest.mark.parametrize("name", PAGES)
def test_identity_render_gives_the_same_html(name: str) -> None:
    text = (DATA / f"{name}.md").read_text(encoding="utf-8")
    rendered = render(text, lambda source: source)
    assert site_html(rendered) == site_html(text)
    # The body (after the front matter) is byte for byte the same.
    assert rendered.split("\n---\n", 1)[1] == text.split("\n---\n", 1)[1]


@pytest.mark.parametrize("name", PAGES)
def test_pseudo_render_matches_golden(name: str) -> None:
    text = (DATA / f"{name}.md").read_text(encoding="utf-8")
    golden(DATA / f"{name}.pseudo.md", render(text, PseudoEngine.pseudo))


def test_every_real_english_page_renders_identically() -> None:
    for path in sorted((Path(__file__).parent.parent / "docs" / "en").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert site_html(render(text, lambda source: source)) == site_html(text), path


def test_kitchen_sink_protects_code_urls_and_anchors_but_not_link_text() -> None:
    segments = extract((DATA / "kitchen-sink.md").read_text(encoding="utf-8"))
    paragraph = next(s for s in segments if s.kind is SegmentKind.PARAGRAPH)
    assert paragraph.source.startswith("A paragraph with **bold**, *emphasis*, {1}, a [link]({2}),\n")
    assert paragraph.originals[:5] == (
        "`inline code`",
        '../x.md#anchor "Title"',
        "img.png",
        "<https://example.com/a>",
        "https://example.org/path?q=1",
    )
    headings = [s for s in segments if s.kind is SegmentKind.HEADING]
    assert [h.source for h in headings][:2] == ["Every block", "Lists"]
    assert all("{#" not in h.source for h in headings)
    assert [h.attr_suffix for h in headings][:2] == ["{#every-block}", "{#lists}"]
    # A cell holding only code, and a cell holding only a number, are not segments.
    sources = [s.source for s in segments]
    assert "{1}" not in sources and "42" not in sources
    assert "fenced code" not in "".join(sources)
    kinds = {s.kind for s in segments}
    assert kinds == set(SegmentKind)


def test_placeholders_lists_them_in_order() -> None:
    assert placeholders("see [the page]({2}) and {1}, not \\{3}") == ["{2}", "{1}"]
    assert placeholders("no placeholders") == []


def test_translation_may_reorder_placeholders() -> None:
    text = "# T\n\nUse `a` before `b`.\n"
    assert extract(text)[1].source == "Use {1} before {2}."
    assert (
        render(text, lambda s: "Avant {2}, utilisez {1}." if "{1}" in s else s)
        == "# T\n\nAvant `b`, utilisez `a`.\n"
    )


def test_engine_space_before_link_placeholder_is_repaired() -> None:
    text = "# T\n\nRead [the page](x.md).\n"
    assert (
        render(text, lambda s: "Lisez [la page] ({1})." if "{1}" in s else s)
        == "# T\n\nLisez [la page](x.md).\n"
    )


def test_multi_line_translation_keeps_list_indentation() -> None:
    text = "# T\n\n- One item\n- Two\n"
    rendered = render(text, lambda s: "Line one\nline two" if s == "One item" else s)
    assert rendered == "# T\n\n- Line one\n  line two\n- Two\n"


def test_heading_translation_stays_on_one_line_and_keeps_its_anchor() -> None:
    text = "## Why it works {#why-it-works}\n"
    assert render(text, lambda s: "Warum\nes funktioniert") == "## Warum es funktioniert {#why-it-works}\n"


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.elements


@pytest.mark.parametrize(
    "translation",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        'Text {: onclick="alert(1)" }',
        "[click](javascript:alert(1))",
        "[click](https://evil.example/)",
        "![pixel](https://tracker.example/p.png)",
        "<div\nonclick=alert(1)>",
        "<https://evil.example/>",
    ],
)
def test_untrusted_translation_never_becomes_live_html(translation: str) -> None:
    text = "# T\n\nA paragraph with [a link](x.md).\n"
    html, _ = site_html(render(text, lambda s: translation if s.startswith("A paragraph") else s))
    # Shown as text, or refused (translate.safety) and the English shown with its own link.
    assert [tag for tag, _ in elements(html)] in (["h1", "p"], ["h1", "p", "a"])
    assert all(attrs.get("href") in (None, "x.md") for _, attrs in elements(html))
    assert all(not name.startswith("on") for _, attrs in elements(html) for name in attrs)


def test_english_links_survive_in_a_translation() -> None:
    text = "# T\n\nA paragraph with [a link](x.md).\n"
    html, _ = site_html(render(text, lambda s: "Ein Absatz mit [einem Link]({1})." if "{1}" in s else s))
    assert elements(html) == [("h1", {"id": "t"}), ("p", {}), ("a", {"href": "x.md"})]


def test_neutralise_keeps_english_placeholders_and_code() -> None:
    assert neutralise("a [b]({1}) and `<x>` and {2}") == "a [b]({1}) and `<x>` and {2}"
    assert neutralise("a < b <b>") == "a &lt; b &lt;b>"


def test_marks_go_on_blocks_as_attribute_lists() -> None:
    text = "## Head {#head}\n\nPara.\n\n- Item\n\n| A | B |\n|---|---|\n| c | d |\n"
    rendered = render_marked(text, lambda s: (s.source, ".hb-machine"))
    html, _ = site_html(rendered)
    assert '<h2 class="hb-machine" id="head">Head</h2>' in html
    assert '<p class="hb-machine">Para.</p>' in html
    assert '<li class="hb-machine">Item</li>' in html
    assert '<td class="hb-machine">c</td>' in html


def test_broken_front_matter_is_a_clear_error() -> None:
    text = "---\ntitle: [unclosed\n---\n# T\n"
    with pytest.raises(HandbookError) as info:
        extract(text, path="docs/en/bad.md")
    assert info.value.format_message() == (
        "docs/en/bad.md:3: front matter is not valid YAML: did not find expected ',' or ']'\n"
        "  fix: correct the YAML between the '---' lines (indentation, quotes, a missing ':')"
    )


def test_unclosed_front_matter_is_a_clear_error() -> None:
    with pytest.raises(HandbookError, match="front matter starts with '---' but is never closed"):
        extract("---\ntitle: x\n# T\n", path="docs/en/bad.md")


def test_translated_title_cannot_carry_markup() -> None:
    text = "---\ntitle: Details matter\n---\n\n# Details matter\n"
    rendered = render(text, lambda s: '<img src=x onerror="alert(1)">')
    _, meta = site_html(rendered)
    assert meta["title"] == '＜img src=x onerror="alert(1)"＞'
    assert "<" not in rendered.split("---\n")[1]
