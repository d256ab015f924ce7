"""Source references the English has together (one source note, "¶7, ¶8") stay together in every
translation: the page draws them as in the English, and `handbook check` and `handbook import`
tell the translator who separated them (translate/citations.py). The built page is checked in
test_reliability_site.py (`…word_between_two_citations…`, and the property test)."""

from __future__ import annotations

import json
from dataclasses import replace

from click.testing import CliRunner

from handbook.checks.translations import EnglishPage, citation_findings
from handbook.cli.main import main
from handbook.segments import extract, render
from handbook.site.source_notes import RUN_RE
from handbook.translate.citations import apart, clusters, side_by_side, together
from handbook.translate.memory import catalog_path, catalog_text, load_catalog
from handbook.translate.pages import with_source_references

PAGE = "principles/details-matter.md"
ENGLISH = (
    "---\ntitle: T\n---\n\n# T\n\n"
    "Small details matter. [src-004 §7] [src-004 §8]\n\n"
    "Two sources. [src-001 §3] [src-004 §2] [src-001 §4]\n\n"
    "One at the end. [src-004 §9]\n\n"
    "Two notes. [src-000 §4] [src-003 §7]\n\n"
    "Said first [src-004 §7], then again later. [src-004 §8]\n"
)
SEGMENTS = {segment.line: segment for segment in extract(ENGLISH)}
PAIR, MIXED, SINGLE, OTHERS, APART = (SEGMENTS[line] for line in (7, 9, 11, 13, 15))


def test_a_cluster_is_a_run_of_references_separated_by_single_spaces() -> None:
    assert clusters(PAIR) == [("{1}", "{2}")]
    assert clusters(MIXED) == [("{1}", "{2}", "{3}")]
    assert clusters(SINGLE) == []
    assert clusters(OTHERS) == []  # two sources: two notes wherever they stand


def test_the_words_between_separated_references_are_kept_before_the_run() -> None:
    assert together(PAIR, "פרטים. {1} שירות {2}") == "פרטים. שירות {1} {2}"
    assert together(PAIR, "{2} א {1}.") == "א {1} {2}."  # English order, where the last one stood
    assert together(PAIR, "א {1}, ב {2}.") == "א, ב {1} {2}."
    assert together(PAIR, "א {1}") == "א {1} {2}"  # the cluster is one unit
    assert together(PAIR, "א {1} {2}") == "א {1} {2}"  # as in the English: unchanged
    assert together(SINGLE, "{1} א") == "{1} א"  # one reference is one note anywhere
    assert together(OTHERS, "{2} א. {1}") == "{2} א. {1}"  # and so is each of two sources
    # A reordered mixed run would merge src-001's two notes: drawn in English order instead.
    assert together(MIXED, "א. {1} {3} {2}") == "א. {1} {2} {3}"


def test_a_rendered_page_has_the_english_references_together_and_every_word() -> None:
    page = render(ENGLISH, lambda source: "פרטים. {1} שירות {2}" if source == PAIR.source else source)
    assert "פרטים. שירות [src-004 §7] [src-004 §8]" in page


def test_apart_names_the_placeholders_their_references_and_the_fix() -> None:
    assert apart(PAIR, "פרטים. {1} {2}") is None
    assert apart(PAIR, "פרטים. {1}") is None  # a missing placeholder is qa-placeholders' finding
    reason = apart(PAIR, "פרטים. {1} שירות {2}")
    assert "{1} {2} ([src-004 §7] [src-004 §8])" in reason and "'שירות' stands between them" in reason
    assert "write {1} {2} together, in this order" in reason
    assert "ordered or spaced otherwise" in apart(PAIR, "פרטים. {2} {1}")


def _separate_in_po(project, lang: str) -> tuple:
    path = catalog_path(project.translations_dir, lang, PAGE)
    catalog = load_catalog(path, lang=lang, page=PAGE)
    index, entry = next((i, e) for i, e in enumerate(catalog.entries) if e.msgid.endswith("matter. {1} {2}"))
    assert entry.msgstr.endswith(" {1} {2}")
    catalog.entries[index] = replace(entry, msgstr=entry.msgstr[: -len(" {1} {2}")] + " {1} בשירות {2}")
    path.write_text(catalog_text(catalog), encoding="utf-8")
    return path, entry


def test_handbook_check_reports_separated_references_with_the_file_line_and_fix(project_copy) -> None:
    path, _ = _separate_in_po(project_copy, "he")
    result = CliRunner().invoke(main, ["check", "--json"])
    problems = [p for p in json.loads(result.output)["problems"] if p["code"] == "qa-citations"]
    assert len(problems) == 1, problems
    message = problems[0]["message"]
    line = next(e.line for e in load_catalog(path, lang="he", page=PAGE).entries if "בשירות {2}" in e.msgstr)
    assert message.startswith(f"translations/he/principles/details-matter.po:{line}: ")
    assert "'בשירות' stands between them" in message and "write {1} {2} together" in message
    assert problems[0]["lang"] == "he" and problems[0]["page"] == PAGE
    assert result.exit_code == 1


def test_handbook_import_refuses_a_draft_that_separates_references(project_copy) -> None:
    english = (project_copy.source_docs_dir / PAGE).read_text(encoding="utf-8")
    separated = english.replace(
        "too small to matter. [src-004 §7] [src-004 §8]",
        "too small to matter. [src-004 §7] really [src-004 §8]",
    )
    assert separated != english
    drafts = project_copy.root / "drafts"
    (drafts / "ru" / PAGE).parent.mkdir(parents=True)
    (drafts / "ru" / PAGE).write_text(separated.replace("title: ", "title: Перевод ", 1), encoding="utf-8")
    path = catalog_path(project_copy.translations_dir, "ru", PAGE)
    catalog = load_catalog(path, lang="ru", page=PAGE)
    catalog.entries = [replace(entry, msgstr="", fuzzy=False) for entry in catalog.entries]
    path.write_text(catalog_text(catalog), encoding="utf-8")
    before = path.read_bytes()
    result = CliRunner().invoke(main, ["import", str(drafts), "--lang", "ru"])
    assert result.exit_code == 1
    assert f"refused: {drafts / 'ru' / PAGE}: the block of English line 24: " in result.output
    assert "([src-004 §7] [src-004 §8])" in result.output and "'really' stands between them" in result.output
    assert "0 PO file(s) written" in result.output
    assert path.read_bytes() == before


def test_references_the_english_keeps_apart_stay_two_notes_where_the_translation_joins_them() -> None:
    """The reverse case: src-004 cited twice with words between (two notes in English); a
    translation that puts both at the end keeps its order, but not the site's one merged note."""
    assert clusters(APART) == []
    assert together(APART, "א {1}, ב {2}.") == "א {1}, ב {2}."  # apart as in the English: unchanged
    joined = together(APART, "א ב. {1} {2}")
    assert joined == "א ב. {1}\u00a0{2}"
    page = render(ENGLISH, lambda source: "א ב. {1} {2}" if source == APART.source else source)
    line = next(line for line in page.splitlines() if line.startswith("א ב."))
    assert [m.group(0) for m in RUN_RE.finditer(line)] == ["[src-004 §7]", "[src-004 §8]"]  # two notes
    # a reference the translation dropped is appended (pages.with_source_references): two notes still
    assert together(APART, with_source_references(APART, "א ב. {1}")) == "א ב. {1}\u00a0{2}"
    # a run the English has stays one note even beside a reference it keeps apart
    assert together(MIXED, "א {1} {2} {3}") == "א {1} {2} {3}"


def test_side_by_side_names_the_placeholders_their_references_and_the_fix() -> None:
    assert side_by_side(APART, "א {1}, ב {2}.") is None
    assert side_by_side(PAIR, "א {1} {2}") is None  # together in the English: fine
    assert side_by_side(OTHERS, "{2} {1}") is None  # two sources are two notes anyway
    reason = side_by_side(APART, "א ב. {1} {2}")
    assert "{1} and {2} ([src-004 §7], [src-004 §8]) are two source notes in the English" in reason
    assert "put each after the words it supports" in reason
    assert apart(APART, "א ב. {1} {2}") is None  # not the forward case's finding


def test_handbook_check_reports_references_put_side_by_side() -> None:
    english = {PAGE: EnglishPage({APART.source: APART}, "T", {})}
    entry = type("Entry", (), {"msgid": APART.source, "msgstr": "א ב. {1} {2}", "line": 40})()
    [(code, message)] = citation_findings(entry, PAGE, "he", english)
    assert code == "qa-citations"
    assert message.startswith(
        "translations/he/principles/details-matter.po:40: the source references {1} and {2}"
    )
    assert message.endswith("meanwhile the site shows them as two notes side by side")
    entry.msgstr = "א {1}, ב {2}."
    assert citation_findings(entry, PAGE, "he", english) == []


def test_handbook_import_refuses_a_draft_that_puts_apart_references_side_by_side(project_copy) -> None:
    english_path = project_copy.source_docs_dir / PAGE
    english = english_path.read_text(encoding="utf-8")
    english += "\nSaid first [src-004 §7], then again later. [src-004 §8]\n"
    english_path.write_text(english, encoding="utf-8")
    joined = english.replace(
        "Said first [src-004 §7], then again later. [src-004 §8]",
        "Said first, then again later. [src-004 §7] [src-004 §8]",
    )
    drafts = project_copy.root / "drafts"
    (drafts / "ru" / PAGE).parent.mkdir(parents=True)
    (drafts / "ru" / PAGE).write_text(joined.replace("title: ", "title: Перевод ", 1), encoding="utf-8")
    path = catalog_path(project_copy.translations_dir, "ru", PAGE)
    before = path.read_bytes()
    result = CliRunner().invoke(main, ["import", str(drafts), "--lang", "ru"])
    assert result.exit_code == 1, result.output
    assert f"refused: {drafts / 'ru' / PAGE}: the block of English line " in result.output
    assert "{1} and {2} ([src-004 §7], [src-004 §8]) are two source notes in the English" in result.output
    assert "0 PO file(s) written" in result.output
    assert path.read_bytes() == before
