"""Issue 19, "never half-written" for `handbook ingest` and `handbook import`, as for `sync`: a SIGKILL
while files are replaced leaves every file whole and is completed by the next run; two runs at once
are serialised by the project lock; a file saved during a run is never overwritten. On copies of
the project.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from handbook.cli.main import main
from handbook.core.errors import HandbookError
from handbook.core.project import Project

PAGE = "principles/details-matter.md"
JOURNAL_NAME = ".handbook-journal.json"  # handbook.core.fsutil.JOURNAL_NAME
LANGS = ("he", "ar", "th", "ru")
HEADINGS = {"he": "רעיון מיובא", "ar": "فكرة مستوردة", "th": "แนวคิดที่นำเข้า", "ru": "Импортированная идея"}
RAW = sorted(Path(__file__).resolve().parent.parent.joinpath("sources", "raw").glob("00[0-4]_*.txt"))


def hashes(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def make_drafts(project: Project, folder: Path) -> Path:
    """A full-page draft of PAGE for every language, with its own heading for "The idea"."""
    english = (project.source_docs_dir / PAGE).read_text(encoding="utf-8")
    for lang, heading in HEADINGS.items():
        draft = folder / lang / PAGE
        draft.parent.mkdir(parents=True, exist_ok=True)
        draft.write_text(english.replace("## The idea {#the-idea}", f"## {heading} {{#the-idea}}"), "utf-8")
    return folder


def imported(project: Project) -> dict[str, str]:
    return {
        lang: polib.pofile(str(project.root / f"translations/{lang}/{PAGE[:-3]}.po")).find("The idea").msgstr
        for lang in LANGS
    }


def run_killed(code: str, root: Path, *args: str) -> subprocess.CompletedProcess:
    """Run `code` (which kills itself with SIGKILL after its second file replacement) in a child."""
    return subprocess.run(
        [sys.executable, "-c", code, str(root), *args],
        capture_output=True,
        text=True,
        env=os.environ | {"HANDBOOK_ROOT": str(root)},
    )


# Replaces os.replace: the journal (sync, import, ingest all write one) and then one target file are
# replaced; the process is killed on the next replacement, in the middle of the run's renames.
KILL_PREAMBLE = """
import os, signal, sys
real_replace = os.replace
done = []
def replace(source, target):
    if len(done) == 2:
        os.kill(os.getpid(), signal.SIGKILL)
    real_replace(source, target)
    done.append(target)
os.replace = replace
"""
IMPORT_KILLER = (
    KILL_PREAMBLE
    + """
from pathlib import Path
from handbook.core.project import Project
from handbook.translate.importing import import_drafts
import_drafts(Project(Path(sys.argv[1])), Path(sys.argv[2]), ["he", "ar", "th", "ru"], replace_human=True)
"""
)
INGEST_KILLER = (
    KILL_PREAMBLE
    + """
from handbook.cli.main import main
sys.argv = ["handbook", "ingest", *sys.argv[2:]]
main()
"""
)
LOCK_HOLDER = """
import sys, time
from pathlib import Path
from handbook.core.fsutil import project_lock
with project_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    print(time.time(), flush=True)  # the moment it lets go
"""


def released(holder: subprocess.Popen) -> float:
    """When the lock holder let go of the lock (wall clock, as file times are)."""
    holder.wait()
    return float(holder.stdout.readline())


def hold_lock(root: Path, seconds: float = 2) -> subprocess.Popen:
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(root), str(seconds)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "locked"
    return holder


# --- import ----------------------------------------------------------------------------------------


def test_an_import_killed_while_replacing_is_completed_by_the_next_run(
    project_copy: Project, tmp_path: Path
) -> None:
    drafts = make_drafts(project_copy, tmp_path / "drafts")
    before = imported(project_copy)
    run = run_killed(IMPORT_KILLER, project_copy.root, str(drafts))
    assert run.returncode == -signal.SIGKILL, run.stderr
    assert (project_copy.root / JOURNAL_NAME).exists()
    now = imported(project_copy)  # every PO file whole (polib parsed it): old or new
    assert all(now[lang] in (before[lang], HEADINGS[lang]) for lang in LANGS)
    assert now != before and now != HEADINGS  # killed in the middle of the renames
    # A later import of Hebrew only: the other languages come from the killed run's journal.
    hebrew_only = tmp_path / "hebrew-only"
    (hebrew_only / "he").mkdir(parents=True)
    os.rename(drafts / "he" / "principles", hebrew_only / "he" / "principles")
    result = CliRunner().invoke(main, ["import", "--replace", "--lang", "he", str(hebrew_only)])
    assert result.exit_code == 0, result.output
    assert not (project_copy.root / JOURNAL_NAME).exists()
    assert imported(project_copy) == HEADINGS
    assert not list(project_copy.root.rglob(".*.tmp"))


def test_a_second_import_waits_for_the_lock(project_copy: Project, tmp_path: Path) -> None:
    drafts = make_drafts(project_copy, tmp_path / "drafts")
    holder = hold_lock(project_copy.root)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from handbook.cli.main import main; main()",
            "import",
            "--replace",
            str(drafts),
        ],
        capture_output=True,
        text=True,
        env=os.environ | {"HANDBOOK_ROOT": str(project_copy.root)},
    )
    let_go = released(holder)
    assert result.returncode == 0, result.stderr
    assert imported(project_copy) == HEADINGS
    written = (project_copy.root / f"translations/he/{PAGE[:-3]}.po").stat().st_mtime
    assert written >= let_go, "the import wrote while another run held the lock"


def test_a_po_file_saved_during_import_is_never_overwritten(
    project_copy: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from handbook.translate import importing

    drafts = make_drafts(project_copy, tmp_path / "drafts")
    saved = project_copy.root / f"translations/he/{PAGE[:-3]}.po"
    real_merge = importing.merge_import

    def merge_while_a_translator_saves(current, draft, **options):
        if draft.lang == "th":  # he was read and merged already: its translator saves now
            po = polib.pofile(str(saved))
            po.find("Why it matters").msgstr = "נשמר בזמן הייבוא"
            po.save(str(saved))
        return real_merge(current, draft, **options)

    monkeypatch.setattr(importing, "merge_import", merge_while_a_translator_saves)
    before = hashes(project_copy.root / "translations")
    with pytest.raises(HandbookError) as caught:
        importing.import_drafts(project_copy, drafts, list(LANGS), replace_human=True)
    assert caught.value.format_message().startswith(
        f"translations/he/{PAGE[:-3]}.po: changed on disk while the command was running"
    )
    assert polib.pofile(str(saved)).find("Why it matters").msgstr == "נשמר בזמן הייבוא"
    after = hashes(project_copy.root / "translations")
    assert {name for name in after if after[name] != before.get(name)} == {f"he/{PAGE[:-3]}.po"}
    assert not list(project_copy.root.rglob(".*.tmp")) and not (project_copy.root / JOURNAL_NAME).exists()


# --- ingest ----------------------------------------------------------------------------------------


def ingest_inputs(project: Project, tmp_path: Path) -> list[str]:
    """Five raw articles, each slightly changed, so every clean output must be rewritten."""
    folder = tmp_path / "raw"
    folder.mkdir()
    for path in RAW:
        (folder / path.name).write_bytes(
            path.read_bytes() + b"\n\nOne more closing sentence of the article.\n"
        )
    return [str(path) for path in sorted(folder.iterdir())]


def test_an_ingest_killed_while_replacing_is_completed_by_the_next_run(
    project_copy: Project, tmp_path: Path
) -> None:
    clean = project_copy.sources_dir / "clean"
    inputs = ingest_inputs(project_copy, tmp_path)
    before = hashes(clean)
    reference = CliRunner().invoke(main, ["ingest", "--out", str(tmp_path / "reference"), *inputs])
    assert reference.exit_code == 0, reference.output
    new = hashes(tmp_path / "reference")
    new.pop(".handbook.lock")  # a folder outside the project holds its own lock
    run = run_killed(INGEST_KILLER, project_copy.root, *inputs)
    assert run.returncode == -signal.SIGKILL, run.stderr
    now = {name: digest for name, digest in hashes(clean).items() if not name.endswith(".tmp")}
    assert all(digest in (before.get(name), new.get(name)) for name, digest in now.items())  # whole
    assert now != before
    result = CliRunner().invoke(main, ["ingest", "--json", inputs[0]])  # a later run completes it
    assert result.exit_code == 0, result.output
    assert not (project_copy.root / JOURNAL_NAME).exists()
    assert not list(clean.glob(".*.tmp")), "the killed run's temp files were left behind"
    assert {name: hashes(clean)[name] for name in new} == new


def test_an_ingest_while_another_run_holds_the_lock_is_refused_and_writes_nothing(
    project_copy: Project, tmp_path: Path
) -> None:
    inputs = ingest_inputs(project_copy, tmp_path)
    before = hashes(project_copy.sources_dir)
    holder = hold_lock(project_copy.root, seconds=60)
    try:
        result = subprocess.run(
            [sys.executable, "-c", "from handbook.cli.main import main; main()", "ingest", *inputs],
            capture_output=True,
            text=True,
            env=os.environ | {"HANDBOOK_ROOT": str(project_copy.root)},
            timeout=120,
        )
    finally:
        holder.kill()
        holder.wait()
    assert result.returncode == 1
    assert "another handbook command holds the project lock (waited 10 s)" in result.stderr
    assert hashes(project_copy.sources_dir) == before


def test_a_clean_source_saved_during_ingest_is_never_overwritten(
    project_copy: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from handbook.ingest import files

    clean = project_copy.sources_dir / "clean"
    inputs = ingest_inputs(project_copy, tmp_path)
    real_ingest = files.ingest_bytes
    seen: list[str] = []

    def ingest_while_someone_saves(data, *, name, **options):
        source = real_ingest(data, name=name, **options)
        seen.append(source.id)
        if len(seen) == 3:  # the first output was read and prepared already: someone saves it now
            first = clean / f"{seen[0]}.md"
            first.write_text(first.read_text(encoding="utf-8") + "\nA note saved by hand.\n", "utf-8")
        return source

    monkeypatch.setattr(files, "ingest_bytes", ingest_while_someone_saves)
    before = hashes(clean)
    result = CliRunner().invoke(main, ["ingest", *inputs])
    assert result.exit_code == 1
    assert f"sources/clean/{seen[0]}.md: changed on disk while the command was running" in result.output
    assert "A note saved by hand." in (clean / f"{seen[0]}.md").read_text(encoding="utf-8")
    after = hashes(clean)
    assert {name for name in after if after[name] != before.get(name)} == {f"{seen[0]}.md"}  # all or none
    assert not list(clean.glob(".*.tmp")) and not (project_copy.root / JOURNAL_NAME).exists()


def test_an_ingest_into_a_read_only_folder_stops_with_one_line_and_nothing_written(
    project_copy: Project, tmp_path: Path
) -> None:
    clean = project_copy.sources_dir / "clean"
    inputs = ingest_inputs(project_copy, tmp_path)
    before = hashes(clean)
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(clean)], check=True)  # root ignores file modes
    else:
        clean.chmod(0o555)
    try:
        result = CliRunner().invoke(main, ["ingest", *inputs])
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(clean)], check=True)
        else:
            clean.chmod(0o755)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit), result.exception  # a clear line, no traceback
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith("error: sources/clean/"), result.output
    assert "cannot write: " in errors[0] and "no file was replaced" in errors[0]
    assert hashes(clean) == before


def test_an_import_into_a_read_only_folder_stops_with_one_line_and_nothing_written(
    project_copy: Project, tmp_path: Path
) -> None:
    drafts = make_drafts(project_copy, tmp_path / "drafts")
    folder = project_copy.translations_dir / "th" / "principles"
    before = hashes(project_copy.translations_dir)
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(folder)], check=True)  # root ignores file modes
    else:
        folder.chmod(0o555)
    try:
        result = CliRunner().invoke(main, ["import", "--replace", str(drafts)])
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        else:
            folder.chmod(0o755)
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit), result.exception  # a clear line, no traceback
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: translations/th/{PAGE[:-3]}.po: cannot write: ")
    assert "no file was replaced" in errors[0]
    assert hashes(project_copy.translations_dir) == before  # he, ar and ru were not written either
