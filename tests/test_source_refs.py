"""Source references `[src-000 §4]`: one placeholder in the PO files, a source note on the site,
`handbook check` catching references to no block, and the seed sources' cleaned files frozen."""

from __future__ import annotations

import hashlib
import json
import shutil
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest

from handbook.translate.inline import inline_spans
from handbook.translate.render import neutralise, render
from handbook.translate.segments import extract

REPO = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data" / "source_refs"


# --- segments -----------------------------------------------------------------------------------


def test_a_reference_is_one_placeholder_and_comes_back_verbatim() -> None:
    text = "Starbucks ended free soy milk. [src-000 §4] [src-003 §7]\n\n- A list item. [src-001 §12]\n"
    segments = extract(text)
    assert [s.source for s in segments] == ["Starbucks ended free soy milk. {1} {2}", "A list item. {1}"]
    assert segments[0].originals == ("[src-000 §4]", "[src-003 §7]")
    assert render(text, lambda s: s) == text
    # A translator may move the placeholders; the references come back unchanged.
    translations = {
        "Starbucks ended free soy milk. {1} {2}": "{2} Старбакс. {1}",
        "A list item. {1}": "Пункт. {1}",
    }
    assert (
        render(text, translations.__getitem__)
        == "[src-003 §7] Старбакс. [src-000 §4]\n\n- Пункт. [src-001 §12]\n"
    )


def test_a_reference_wins_over_a_link_definition_with_the_same_label() -> None:
    text = "A claim. [src-000 §4]\n\n[src-000 §4]: https://example.org/\n"
    (segment,) = extract(text)
    assert segment.source == "A claim. {1}"
    assert segment.originals == ("[src-000 §4]",)
    assert [span[0] for span in inline_spans("A claim. [src-000 §4]")] == ["source_ref"]


def test_a_reference_inside_code_or_link_text_is_not_a_reference() -> None:
    (segment,) = extract("Write `[src-000 §4]` at the end. [see [src-000 §4]](x.md)\n")
    assert segment.source == "Write {1} at the end. [see [src-000 §4]]({2})"
    assert segment.originals == ("`[src-000 §4]`", "x.md")


def test_a_reference_typed_into_a_translation_is_escaped() -> None:
    assert neutralise("Текст. [src-002 §3] {1}") == "Текст. \\[src-002 §3] {1}"
    text = "A claim. [src-000 §4]\n"
    assert render(text, lambda s: "Утверждение. [src-004 §1]") == "Утверждение. \\[src-004 §1]\n"


# --- site -----------------------------------------------------------------------------------------


class _Anchors(HTMLParser):
    """Every source-note link of a page: its attributes, its text as shown and as read out."""

    def __init__(self) -> None:
        super().__init__()
        self.notes: list[tuple[dict[str, str | None], str, str]] = []
        self._open: dict[str, str | None] | None = None
        self._shown = self._spoken = ""
        self._inner: str | None = None  # what the open inner span hides: "eye" or "ear"

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "a" and "hb-source-note" in (attributes.get("class") or ""):
            self._open, self._shown, self._spoken = attributes, "", ""
        elif tag == "span" and self._open is not None:
            hidden = "hb-visually-hidden" in (attributes.get("class") or "")
            self._inner = "eye" if hidden else "ear" if attributes.get("aria-hidden") == "true" else None

    def handle_data(self, data):
        if self._open is not None:
            if self._inner != "eye":
                self._shown += data
            if self._inner != "ear":
                self._spoken += data

    def handle_endtag(self, tag):
        if tag == "span":
            self._inner = None
        elif tag == "a" and self._open is not None:
            self.notes.append((self._open, self._shown, self._spoken))
            self._open = None


def _notes(html: str) -> list[tuple[dict[str, str | None], str, str]]:
    parser = _Anchors()
    parser.feed(html)
    return parser.notes


@pytest.fixture(scope="module")
def notes_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project copy with the fixture page, synced for Hebrew, built (strict) in English and Hebrew."""
    from conftest import copy_project

    from handbook.site.build_language import build_language
    from handbook.translate.sync import sync

    base = tmp_path_factory.mktemp("source-notes")
    project = copy_project(base / "handbook")
    shutil.copy(DATA / "source-note-fixture.md", project.source_docs_dir / "source-note-fixture.md")
    config = project.config_file.read_text(encoding="utf-8")
    assert "  - Sources: sources.md\n" in config
    config = config.replace(
        "  - Sources: sources.md\n", "  - Sources: sources.md\n  - source-note-fixture.md\n"
    )
    project.config_file.write_text(config, encoding="utf-8")
    sync(project, languages=["he"])
    # A reviewed Hebrew translation written without the references (e.g. before they were added).
    po_path = project.translations_dir / "he" / "source-note-fixture.po"
    catalog = polib.pofile(str(po_path))
    entry = catalog.find("Starbucks ended free soy milk for loyal customers. {1} {2}")
    entry.msgstr = "Starbucks הפסיקה לתת חלב סויה בחינם ללקוחות נאמנים."
    catalog.save()
    sync(project, languages=["he"])
    for lang in ("en", "he"):
        build_language(project.config_file, base / "site" / lang, lang)
    return base / "site"


def test_a_reference_renders_as_a_source_note_linking_the_sources_entry(notes_site: Path) -> None:
    page = notes_site / "en" / "source-note-fixture" / "index.html"
    notes = _notes(page.read_text(encoding="utf-8"))
    assert [shown for _, shown, _ in notes] == [
        "Source: the Starbucks loyalty post, ¶4",
        "Source: the passionate customers article, ¶7",
        "Source: the passionate customers article, ¶2, ¶5",  # one note for a run of one source
    ]
    assert notes[2][2] == "Source: the passionate customers article, paragraph 2, paragraph 5"
    attributes = notes[0][0]
    assert notes[0][2] == "Source: the Starbucks loyalty post, paragraph 4"  # read out
    assert attributes["data-pagefind-ignore"] == "all"
    assert attributes["lang"] == "en"
    href = attributes["href"]
    assert href == "../sources/#src-000-starbucks-he"
    target, anchor = href.split("#")
    sources_page = (page.parent / target / "index.html").resolve()
    assert sources_page == (notes_site / "en" / "sources" / "index.html").resolve()
    assert f'id="{anchor}"' in sources_page.read_text(encoding="utf-8")
    html = page.read_text(encoding="utf-8")
    assert "<code>[src-000 §4]</code>" in html and "escaped neither: [src-000 §4]." in html


def test_a_translated_page_shows_the_note_in_its_language(notes_site: Path) -> None:
    page = notes_site / "he" / "he" / "source-note-fixture" / "index.html"  # build_language's layout
    notes = _notes(page.read_text(encoding="utf-8"))
    assert notes[0][1] == "מקור: הפוסט על תוכנית התגמולים של Starbucks, ¶4"
    assert notes[0][2] == "מקור: הפוסט על תוכנית התגמולים של Starbucks, פסקה 4"
    assert notes[0][0]["lang"] == "he" and notes[0][0]["dir"] == "rtl"
    # The translation left the references out; the notes still follow it, in English order.
    assert [shown for _, shown, _ in notes[:2]] == [
        "מקור: הפוסט על תוכנית התגמולים של Starbucks, ¶4",
        "מקור: המאמר על לקוחות נלהבים, ¶7",
    ]
    html = page.read_text(encoding="utf-8")
    assert "ללקוחות נאמנים. <a" in html
    target, anchor = notes[0][0]["href"].split("#")
    sources_page = (page.parent / target / "index.html").resolve()
    assert sources_page.parent.name == "sources" and sources_page.parent.parent.name == "he"
    assert f'id="{anchor}"' in sources_page.read_text(encoding="utf-8")


# --- the seed sources stay byte-identical ----------------------------------------------------------


def test_seed_sources_cleaned_files_are_byte_identical() -> None:
    listed = {}
    for line in (DATA / "clean.sha256").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            digest, name = line.split(maxsplit=1)
            listed[name] = digest
    assert listed, "tests/data/source_refs/clean.sha256 lists no file"
    changed = [
        name
        for name, digest in sorted(listed.items())
        if not (REPO / "sources" / "clean" / name).is_file()
        or hashlib.sha256((REPO / "sources" / "clean" / name).read_bytes()).hexdigest() != digest
    ]
    assert not changed, (
        f"sources/clean/{', '.join(changed)} changed or is missing. Source references like "
        "[src-000 §4] in docs/en count the blocks of these files, so a changed file can silently "
        "point them at the wrong paragraph. If the change was not meant, restore the file (git "
        "checkout sources/clean). If it was (e.g. an ingest rule fixed on purpose), compare its old "
        "and new blocks and correct every reference to that source in docs/en (`handbook check` "
        "catches only references past the last block), then record the new hashes: cd sources/clean && sha256sum *.md, replacing the lines of "
        "tests/data/source_refs/clean.sha256."
    )


# --- handbook check --------------------------------------------------------------------------------


def test_check_names_page_line_and_reference_of_every_broken_reference() -> None:
    from handbook.checks.source_refs import check_source_references
    from handbook.core.project import Project

    problems = check_source_references(Project(DATA / "check"))
    assert [(p.code, p.page, p.message) for p in problems] == [
        (
            "source-ref-no-block",
            "cases/refs.md",
            "line 15: [src-000 §5] points at no block: sources/clean/src-000-tiny-en.md has 4 blocks "
            "(headings and paragraphs, counted from 1 after the front matter); use §1 to §4",
        ),
        (
            "source-ref-unknown",
            "cases/refs.md",
            "line 17: [src-007 §1] names no source in sources/sources.yml (known: src-000, src-001)",
        ),
        (
            "source-ref-not-listed",
            "cases/refs.md",
            "line 18: [src-001 §2] cites src-001-other-en, which is not in this page's 'sources' "
            "front matter; add it there or cite a listed source",
        ),
        (
            "source-ref-malformed",
            "cases/refs.md",
            "line 20: '[src-000 4]' looks like a source reference but is not one; write it exactly "
            "as [src-000 §4] (source number, one space, §, block number)",
        ),
        (
            "source-note-title",
            "cases/refs.md",
            "line 18: [src-001 §2]: src-001-other-en has no short_title for th in sources/sources.yml; "
            "the site names the source by it in every language",
        ),
        (
            "source-note-anchor",
            "cases/refs.md",
            "line 18: [src-001 §2]: the Sources page (docs/en/sources.md) has no heading with the "
            "anchor {#src-001-other-en}, which the source note links to; add it to that source's entry",
        ),
    ]


def test_handbook_check_fails_on_a_reference_past_the_last_block(project_copy) -> None:
    from click.testing import CliRunner

    from handbook.cli.main import main

    page = project_copy.source_docs_dir / "cases" / "del-taco-upland.md"
    text = page.read_text(encoding="utf-8")
    assert "[src-001 §13]" in text
    page.write_text(text.replace("[src-001 §13]", "[src-001 §130]", 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--json"])
    assert result.exit_code == 1
    problems = json.loads(result.output)["problems"]
    ours = [p for p in problems if p["code"].startswith("source-")]
    assert [(p["page"], p["message"].split(": ", 1)[1]) for p in ours] == [
        (
            "cases/del-taco-upland.md",
            "[src-001 §130] points at no block: sources/clean/src-001-customer-not-king-ar.md has 19 "
            "blocks (headings and paragraphs, counted from 1 after the front matter); use §1 to §19",
        )
    ]


def test_the_handbooks_own_references_are_valid() -> None:
    from handbook.checks.source_refs import check_source_references
    from handbook.core.project import Project

    assert check_source_references(Project(REPO)) == []


def test_source_notes_stay_out_of_the_search_index(notes_site: Path, tmp_path: Path) -> None:
    import gzip

    from handbook.site.search import collect_pages, write_index

    pages = [page for page in collect_pages(notes_site / "en") if page.url == "/source-note-fixture/"]
    assert len(pages) == 1 and "hb-source-note" in pages[0].html
    write_index(pages, tmp_path / "pagefind", tmp_path)
    fragments = [
        json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd") :])
        for path in (tmp_path / "pagefind" / "fragment").glob("*.pf_fragment")
    ]
    (content,) = [fragment["content"] for fragment in fragments]
    assert "Starbucks ended free soy milk for loyal customers." in content
    assert "Source:" not in content and "loyalty post" not in content and "¶" not in content
