"""`handbook sync --engine argos` end to end: tiny copy models, a project copy, no network."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from handbook.cli.main import main

NEW_PARAGRAPH = "Call `handbook sync` after every shift_change at Starbucks. Then smile!"


@pytest.mark.usefixtures("tiny_argos", "no_network")
def test_sync_drafts_new_segments_with_argos(project_copy) -> None:
    index = project_copy.root / "docs" / "en" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n" + NEW_PARAGRAPH + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["sync", "--engine", "argos", "--lang", "he"])
    assert result.exit_code == 0, result.output
    catalog = polib.pofile(str(project_copy.root / "translations" / "he" / "index.po"))
    [entry] = [e for e in catalog if "shift_change" in e.msgid]
    assert entry.msgid == "Call {1} after every shift_change at Starbucks. Then smile!"
    assert entry.msgstr == entry.msgid  # the copy model: placeholders, names, `_` all intact
    assert "fuzzy" in entry.flags
    assert "argos" in (entry.comment + entry.tcomment)
    assert NEW_PARAGRAPH in (project_copy.root / "docs" / "he" / "index.md").read_text(encoding="utf-8")


def test_sync_without_models_says_which_pair_and_how(project_copy, tmp_path: Path) -> None:
    # A fresh process with no models installed: a message, exit 1, no traceback, no download.
    index = project_copy.root / "docs" / "en" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\nA brand new paragraph.\n", encoding="utf-8")
    env = {
        **os.environ,
        "HANDBOOK_ROOT": str(project_copy.root),
        "ARGOS_PACKAGES_DIR": str(tmp_path / "packages"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    handbook = str(Path(sys.executable).with_name("handbook"))
    done = subprocess.run(
        [handbook, "sync", "--engine", "argos", "--lang", "ru"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert (
        f"error: no Argos Translate model for en → ru installed in {tmp_path / 'packages'}\n"
        "  fix: on a machine with internet access download translate-en_ru-*.argosmodel from "
        "https://www.argosopentech.com/argospm/index/, copy it here and run "
        "`handbook models install FILE.argosmodel` (or sync with --engine none)\n"
    ) in done.stderr
