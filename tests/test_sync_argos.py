"""`handbook sync --engine argos` through the real Argos code path (tiny copy models, no download)."""

from __future__ import annotations

from pathlib import Path

from test_sync import make_project, po

from handbook.translate.engines import get_engine
from handbook.translate.memory import SegmentState
from handbook.translate.segments import placeholders
from handbook.translate.sync import sync


def test_sync_with_argos_drafts_every_segment_and_keeps_placeholders(tiny_argos, tmp_path: Path) -> None:
    project = make_project(tmp_path)
    report = sync(project, languages=["ru", "th"], engine=get_engine("argos"))
    assert report.engine_calls == 2
    for lang in ("ru", "th"):
        catalog = po(project, lang, "a.md")
        assert {entry.state for entry in catalog.entries} == {SegmentState.MACHINE}
        assert {entry.engine for entry in catalog.entries} == {"argos"}
        link = next(entry for entry in catalog.entries if "{1}" in entry.msgid)
        # The tiny model copies its input, so the draft is the English text, placeholders intact.
        assert placeholders(link.msgstr) == ["{1}"]
        assert link.msgstr == link.msgid
        page = (project.docs_dir / lang / "a.md").read_text(encoding="utf-8")
        assert "see [the standard](page-b.md#the-idea).\n  {: .hb-machine }" in page
    again = sync(project, languages=["ru", "th"], engine=get_engine("argos"))
    assert again.engine_calls == 0 and again.written == []


def test_sync_drafts_are_the_models_output(tiny_argos, marker_model, tmp_path: Path) -> None:
    # The marker model writes "⁂ " before every sentence: a draft without it never met the model.
    marker_model("en", "ru")
    project = make_project(tmp_path)
    sync(project, languages=["ru"], engine=get_engine("argos"))
    drafts = {entry.msgid: entry.msgstr for entry in po(project, "ru", "a.md").entries}
    assert drafts["The idea"] == "⁂ The idea"
    assert drafts["A good impression is built from many small details."] == (
        "⁂ A good impression is built from many small details."
    )
    assert drafts["Keep your area clean, see [the standard]({1})."] == (
        "⁂ Keep your area clean, see [the standard]({1})."
    )
