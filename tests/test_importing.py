"""`handbook import`: translators' page drafts become reviewed PO entries; nothing a person wrote is lost."""

from __future__ import annotations

from dataclasses import replace

from click.testing import CliRunner

from handbook.cli.main import main
from handbook.translate.memory import SegmentState, catalog_path, catalog_text, load_catalog

PAGE = "principles/details-matter.md"


def _draft(project, lang: str, text: str):
    drafts = project.root / "drafts"
    path = drafts / lang / PAGE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return drafts


def _catalog(project, lang: str):
    return load_catalog(catalog_path(project.translations_dir, lang, PAGE), lang=lang, page=PAGE)


def _english(project) -> str:
    return (project.source_docs_dir / PAGE).read_text(encoding="utf-8")


def test_a_draft_fills_missing_segments_as_reviewed(project_copy) -> None:
    path = catalog_path(project_copy.translations_dir, "ru", PAGE)
    catalog = _catalog(project_copy, "ru")
    catalog.entries = [replace(entry, msgstr="", fuzzy=False) for entry in catalog.entries]
    catalog.obsolete = []
    path.write_text(catalog_text(catalog), encoding="utf-8")
    english = _english(project_copy)
    drafts = _draft(project_copy, "ru", english.replace("title: ", "title: Перевод ", 1))
    result = CliRunner().invoke(main, ["import", str(drafts), "--lang", "ru"])
    assert result.exit_code == 0, result.output
    imported = _catalog(project_copy, "ru")
    assert {entry.state for entry in imported.entries} == {SegmentState.REVIEWED}
    assert imported.entries[0].msgstr.startswith("Перевод ")


def test_a_draft_never_overwrites_a_human_translation_without_replace(project_copy) -> None:
    path = catalog_path(project_copy.translations_dir, "he", PAGE)
    before = path.read_bytes()
    drafts = _draft(project_copy, "he", _english(project_copy))
    result = CliRunner().invoke(main, ["import", str(drafts), "--lang", "he"])
    assert result.exit_code == 1
    assert "conflict (kept the existing translation): he/principles/details-matter.md" in result.output
    assert path.read_bytes() == before


def test_replace_keeps_the_old_translation_as_obsolete(project_copy) -> None:
    old = _catalog(project_copy, "ar")
    old_title = old.entries[0].msgstr
    drafts = _draft(project_copy, "ar", _english(project_copy))
    result = CliRunner().invoke(main, ["import", str(drafts), "--lang", "ar", "--replace"])
    assert result.exit_code == 0, result.output
    new = _catalog(project_copy, "ar")
    assert new.entries[0].msgstr == new.entries[0].msgid
    assert old_title in {entry.msgstr for entry in new.obsolete}


def test_a_draft_that_does_not_line_up_is_refused_and_nothing_is_written(project_copy) -> None:
    path = catalog_path(project_copy.translations_dir, "th", PAGE)
    before = path.read_bytes()
    english = _english(project_copy)
    broken = english.replace("{#key-points}", "{#points}")
    drafts = _draft(project_copy, "th", broken)
    result = CliRunner().invoke(main, ["import", str(drafts), "--lang", "th"])
    assert result.exit_code == 1
    assert "refused:" in result.output
    assert "anchors differ" in result.output
    assert path.read_bytes() == before


def test_a_missing_drafts_folder_is_a_clear_error(project_copy) -> None:
    result = CliRunner().invoke(main, ["import", str(project_copy.root / "nowhere")])
    assert result.exit_code == 1
    assert "nowhere: no such folder of drafts" in result.output
    assert "Traceback" not in result.output
