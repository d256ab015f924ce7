"""Files the tools write get the permissions the umask gives (or keep their own), never mkstemp's 0600."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from handbook.cli.main import main
from handbook.core.fsutil import atomic_write_text
from handbook.core.project import Project


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture()
def umask_022() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def test_a_new_file_gets_the_umask_and_an_old_one_keeps_its_mode(tmp_path: Path) -> None:
    previous = os.umask(0o027)
    try:
        atomic_write_text(tmp_path / "new.txt", "a\n")
        assert _mode(tmp_path / "new.txt") == 0o640
        shared = tmp_path / "shared.txt"
        shared.write_text("old\n")
        shared.chmod(0o664)
        atomic_write_text(shared, "new\n")
        assert _mode(shared) == 0o664 and shared.read_text() == "new\n"
    finally:
        os.umask(previous)
    assert os.umask(previous) == previous  # the umask itself is left as it was


def test_sync_keeps_po_files_readable(project_copy: Project, umask_022) -> None:
    page = project_copy.source_docs_dir / "principles" / "details-matter.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\nOne more paragraph for the test.\n", encoding="utf-8"
    )
    po = project_copy.translations_dir / "he" / "principles" / "details-matter.po"
    generated = project_copy.docs_dir / "he" / "principles" / "details-matter.md"
    po.chmod(0o644)
    before = po.read_bytes()
    result = CliRunner().invoke(main, ["sync", "--lang", "he"])
    assert result.exit_code == 0, result.output
    assert po.read_bytes() != before  # rewritten by this sync
    assert _mode(po) == 0o644
    assert _mode(generated) == 0o644


def test_ingest_output_follows_the_umask(project_copy: Project, umask_022, tmp_path: Path) -> None:
    raw = sorted((project_copy.sources_dir / "raw").glob("*.txt"))[0]
    out = tmp_path / "clean"
    result = CliRunner().invoke(main, ["ingest", str(raw), "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = list(out.glob("*.md"))
    assert written and all(_mode(path) == 0o644 for path in written)
