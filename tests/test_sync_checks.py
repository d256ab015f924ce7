"""`handbook check` problems of the translation memory: each one found, named, and nothing changed."""

from __future__ import annotations

from pathlib import Path

from test_sync import CountingEngine, make_project, review, snapshot

from handbook.checks.registry import Problem
from handbook.checks.sync import (
    generated_pages_untouched,
    live_markup,
    po_files_parse,
    sync_is_current,
    translations_hold_no_markup,
)
from handbook.translate.sync import sync


def test_clean_project_has_no_problems(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    sync(project)
    for check in (po_files_parse, generated_pages_untouched, translations_hold_no_markup, sync_is_current):
        assert check(project) == []


def test_orphan_and_broken_po_files_are_reported_not_deleted(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    sync(project, languages=["he"])
    (project.source_docs_dir / "page-b.md").unlink()
    broken = project.translations_dir / "he" / "a.po"
    broken.write_text(broken.read_text().replace('msgstr ""\n\n#. heading', 'msgstr "\n\n#. heading', 1))
    before = snapshot(project)
    assert po_files_parse(project) == [
        Problem(
            "po-syntax",
            "he",
            "a.md",
            "translations/he/a.po:19: PO file does not parse: expected a keyword and a quoted string, "
            "found 'msgstr \"'",
        ),
        Problem(
            "po-orphan",
            "he",
            "page-b.md",
            "translations/he/page-b.po: orphan PO file: docs/en/page-b.md does not exist (moved or deleted "
            "page); `git mv` it to the page's new path, or delete it if the page is gone",
        ),
    ]
    assert snapshot(project) == before


def test_hand_edited_generated_page_is_reported(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    sync(project, languages=["ar"])
    page = project.docs_dir / "ar" / "a.md"
    page.write_text(page.read_text().replace("Details matter", "التفاصيل مهمة"))
    (project.docs_dir / "ar" / "extra.md").write_text("# Hand-written\n")
    assert generated_pages_untouched(project) == [
        Problem(
            "generated-edited",
            "ar",
            "a.md",
            "docs/ar/a.md: edited by hand (its content no longer matches its header hash); put the text "
            "into translations/ar/a.po and run `handbook sync`",
        ),
        Problem(
            "generated-edited",
            "ar",
            "extra.md",
            "docs/ar/extra.md: edited by hand (it has no generated-by header); put the text into "
            "translations/ar/extra.po and run `handbook sync`",
        ),
    ]


def test_raw_html_in_a_translation_is_flagged(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    sync(project, languages=["ru"], engine=CountingEngine())
    review(project, "ru", "a.md", {"The idea": 'Идея <img src=x onerror="alert(1)">'})
    problems = translations_hold_no_markup(project)
    assert problems == [
        Problem(
            "translation-markup",
            "ru",
            "a.md",
            "translations/ru/a.po: the translation of 'The idea' holds markup the English does not have "
            "('<img src=x onerror=\"alert(1)\">'); it is shown as plain text on the site: remove it, keep "
            "only the {N} placeholders",
        )
    ]


def test_live_markup_ignores_english_placeholders() -> None:
    assert live_markup("See [it]({1}).", "Смотрите [это]({1}).") == []
    assert live_markup("See it.", "Смотрите [это](https://evil.example).") == ["[это](https://evil.example)"]
    assert live_markup("Tidy.", "Порядок. {: onclick=x }") == ["{: onclick=x }"]


def test_sync_needed_names_each_file(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    sync(project, languages=["th"])
    (project.source_docs_dir / "page-b.md").write_text(
        (project.source_docs_dir / "page-b.md").read_text() + "\nOne more paragraph.\n"
    )
    problems = [p for p in sync_is_current(project) if p.lang == "th"]
    assert problems == [
        Problem(
            "sync-needed",
            "th",
            "page-b.md",
            "translations/th/page-b.po is out of date with docs/en: run `handbook sync`",
        ),
        Problem(
            "sync-needed",
            "th",
            "page-b.md",
            "docs/th/page-b.md is out of date with docs/en: run `handbook sync`",
        ),
    ]
