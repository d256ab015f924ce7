"""Issue 19, "nothing lost" and "never half-written": a translator's work survives bad bytes, editors'
habits, saves during a run, symlinks, OS errors and kills. Every test runs on a copy of the project.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from handbook.cli.main import main
from handbook.core.errors import HandbookError
from handbook.core.project import Project
from handbook.translate.memory import SegmentState, load_catalog
from handbook.translate.sync import sync

PAGE = "principles/details-matter.md"
JOURNAL_NAME = ".handbook-journal.json"  # handbook.core.fsutil.JOURNAL_NAME
PO_HE = f"translations/he/{PAGE[:-3]}.po"
NEW_PARAGRAPH = "\nA brand-new paragraph nobody has translated yet.\n"


def snapshot(project: Project) -> dict[str, str]:
    """Hash of every file under translations/ and docs/ (what a run may write)."""
    found: dict[str, str] = {}
    for folder in ("translations", "docs"):
        for path in sorted((project.root / folder).rglob("*")):
            if path.is_file():
                found[path.relative_to(project.root).as_posix()] = hashlib.sha256(
                    path.read_bytes()
                ).hexdigest()
    return found


def edit_english(project: Project) -> None:
    path = project.source_docs_dir / PAGE
    path.write_text(path.read_text(encoding="utf-8") + NEW_PARAGRAPH, encoding="utf-8")


def msgstrs(path: Path) -> list[str]:
    return [entry.msgstr for entry in polib.pofile(str(path)) if entry.msgstr]


class SavingEngine:
    """A machine engine during whose work a translator saves a PO file (the race of issue 19, case 4)."""

    name = "fake"

    def __init__(self, path: Path) -> None:
        self.path = path

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        if target == "he":
            text = self.path.read_text(encoding="utf-8")
            self.path.write_text(text.replace('msgstr "הרעיון"', 'msgstr "הרעיון המרכזי"'), encoding="utf-8")
        return [f"[{target}] {text}" for text in texts]


# --- charsets -------------------------------------------------------------------------------------


def test_a_declared_legacy_charset_is_decoded_and_rewritten_as_utf8(project_copy: Project) -> None:
    path = project_copy.root / PO_HE
    path.write_text(path.read_text(encoding="utf-8").replace("é", "e"), encoding="utf-8")  # not in CP1255
    before = msgstrs(path)
    text = path.read_text(encoding="utf-8").replace("charset=UTF-8", "charset=CP1255")
    path.write_bytes(text.encode("cp1255"))
    result = CliRunner().invoke(main, ["sync", "--lang", "he"])
    assert result.exit_code == 0, result.output
    assert f"{PO_HE} (CP1255): decoded from its declared charset; rewritten as UTF-8" in result.output
    data = path.read_bytes()
    assert "\ufffd" not in data.decode("utf-8")
    assert b"charset=UTF-8" in data
    assert msgstrs(path) == before  # every Hebrew letter kept


def test_undecodable_bytes_refuse_the_file_whole_and_write_nothing(project_copy: Project) -> None:
    path = project_copy.root / PO_HE
    data = path.read_bytes().replace("הרעיון".encode(), "הרעיון".encode() + b"\xff\xfe", 1)
    path.write_bytes(data)
    edit_english(project_copy)
    before = snapshot(project_copy)
    with pytest.raises(HandbookError) as caught:
        sync(project_copy)
    message = caught.value.format_message()
    assert f"{PO_HE}:" in message and "is not valid UTF-8" in message and "refused whole" in message
    assert path.read_bytes() == data
    assert snapshot(project_copy) == before
    check = CliRunner().invoke(main, ["check", "--json"])
    assert check.exit_code == 1 and f"{PO_HE}:" in check.output and "not valid UTF-8" in check.output


# --- translators' texts ---------------------------------------------------------------------------


def test_a_needs_work_text_is_never_replaced_by_a_memory_hit(project_copy: Project) -> None:
    path = project_copy.root / PO_HE
    po = polib.pofile(str(path))
    entry = next(e for e in po if e.msgstr and not e.fuzzy and "paragraph" in (e.comment or ""))
    entry.flags.append("fuzzy")  # Poedit's "Needs work": fuzzy, no machine comment
    mine = entry.msgstr
    po.save(str(path))
    # A reviewed text for the same English elsewhere in the memory (an obsolete entry of another page).
    other = project_copy.root / "translations/he/principles/follow-the-standard.po"
    other.write_text(
        other.read_text(encoding="utf-8")
        + f'\n#~ msgid "{polib.escape(entry.msgid)}"\n#~ msgstr "טקסט אחר מהזיכרון"\n',
        encoding="utf-8",
    )
    sync(project_copy, languages=["he"])
    kept = {e.msgid: e for e in load_catalog(path, lang="he", page=PAGE).entries}[entry.msgid]
    assert kept.msgstr == mine and kept.fuzzy and not kept.engine
    page = (project_copy.docs_dir / "he" / PAGE).read_text(encoding="utf-8")
    assert "טקסט אחר מהזיכרון" not in page


def test_two_obsolete_texts_for_one_english_are_both_kept_and_msgfmt_passes(project_copy: Project) -> None:
    path = project_copy.root / PO_HE
    path.write_text(
        path.read_text(encoding="utf-8")
        + '\n#~ msgid "An old English sentence."\n#~ msgstr "תרגום ראשון"\n'
        + '\n#~ msgid "An old English sentence."\n#~ msgstr "תרגום שני"\n',
        encoding="utf-8",
    )
    sync(project_copy, languages=["he"])
    text = path.read_text(encoding="utf-8")
    assert "תרגום ראשון" in text and "תרגום שני" in text
    assert 'msgctxt "kept translation 2"' in text
    check = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert not sync(project_copy, languages=["he"]).changed  # stable: a second sync changes nothing


def test_import_replace_twice_keeps_both_earlier_texts(project_copy: Project, tmp_path: Path) -> None:
    from handbook.translate.importing import import_drafts

    english = (project_copy.source_docs_dir / PAGE).read_text(encoding="utf-8")
    path = project_copy.root / PO_HE
    original = {e.msgid: e.msgstr for e in polib.pofile(str(path)) if e.msgid == "The idea"}["The idea"]
    for number, heading in enumerate(("רעיון ראשון", "רעיון שני"), start=1):
        drafts = tmp_path / f"drafts{number}"
        draft = drafts / "he" / PAGE
        draft.parent.mkdir(parents=True)
        draft.write_text(
            english.replace("## The idea {#the-idea}", f"## {heading} {{#the-idea}}"), encoding="utf-8"
        )
        import_drafts(project_copy, drafts, ["he"], replace_human=True)
    text = path.read_text(encoding="utf-8")
    assert original in text and "רעיון ראשון" in text and "רעיון שני" in text
    sync(project_copy, languages=["he"])
    text = path.read_text(encoding="utf-8")
    assert original in text and "רעיון ראשון" in text and "רעיון שני" in text
    check = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(path)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr


# --- saves during a run, symlinks --------------------------------------------------------------------


def test_a_po_file_saved_during_sync_is_never_overwritten(project_copy: Project) -> None:
    edit_english(project_copy)
    path = project_copy.root / PO_HE
    before = snapshot(project_copy)
    with pytest.raises(HandbookError) as caught:
        sync(project_copy, engine=SavingEngine(path))
    message = caught.value.format_message()
    assert message.startswith(f"{PO_HE}: changed on disk while the command was running")
    assert 'msgstr "הרעיון המרכזי"' in path.read_text(encoding="utf-8")  # the translator's save
    after = snapshot(project_copy)
    assert {name for name in after if after[name] != before.get(name)} == {PO_HE}
    assert not list(project_copy.root.rglob(".*.tmp")) and not (project_copy.root / JOURNAL_NAME).exists()


def test_a_symlink_inside_the_project_is_written_through(project_copy: Project) -> None:
    path = project_copy.root / PO_HE
    store = project_copy.root / "po-store" / "details-matter.po"
    store.parent.mkdir()
    shutil.move(path, store)
    path.symlink_to(os.path.relpath(store, path.parent))
    edit_english(project_copy)
    sync(project_copy, languages=["he"])
    assert path.is_symlink()
    assert "A brand-new paragraph" in store.read_text(encoding="utf-8")


def test_a_symlink_pointing_outside_the_project_is_refused(project_copy: Project, tmp_path: Path) -> None:
    path = project_copy.root / PO_HE
    outside = tmp_path / "elsewhere.po"
    shutil.move(path, outside)
    path.symlink_to(outside)
    edit_english(project_copy)
    before = snapshot(project_copy)
    outside_before = outside.read_bytes()
    with pytest.raises(HandbookError) as caught:
        sync(project_copy)
    assert "outside the project; nothing was written" in caught.value.format_message()
    assert path.is_symlink() and outside.read_bytes() == outside_before
    assert snapshot(project_copy) == before


# --- OS errors and kills ---------------------------------------------------------------------------


def test_a_read_only_folder_stops_the_run_with_one_line_and_nothing_written(project_copy: Project) -> None:
    edit_english(project_copy)
    folder = project_copy.root / "translations" / "ru" / "principles"
    before = snapshot(project_copy)
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(folder)], check=True)  # root ignores file modes
    else:
        folder.chmod(0o555)
    try:
        result = CliRunner().invoke(main, ["sync"])
    finally:
        if os.geteuid() == 0:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
        else:
            folder.chmod(0o755)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"error: translations/ru/{PAGE[:-3]}.po: cannot write: " in result.output
    assert "no file was replaced" in result.output
    assert snapshot(project_copy) == before  # he, ar and th were not written either
    assert not list(project_copy.root.rglob(".*.tmp"))


def test_a_full_disk_stops_the_run_with_one_line_and_nothing_written(project_copy: Project) -> None:
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-m", "true"]).returncode != 0:
        pytest.fail("this test needs `unshare -m` (a private mount namespace) to mount a full tmpfs")
    edit_english(project_copy)
    before = snapshot(project_copy)
    ru = project_copy.root / "translations" / "ru"
    saved = project_copy.root.parent / "ru-saved"
    shutil.copytree(ru, saved)
    script = textwrap.dedent(
        f"""
        set -e
        mount -t tmpfs -o size=2m tmpfs {ru}
        cp -a {saved}/. {ru}/
        dd if=/dev/zero of={ru}/.filler bs=4k 2>/dev/null || true
        set +e
        {sys.executable} -c "from handbook.cli.main import main; main()" sync
        echo "rc=$?"
        rm {ru}/.filler
        cd {ru} && find . -name '*.po' -exec sha256sum {{}} + | sort
        """
    )
    env = os.environ | {"HANDBOOK_ROOT": str(project_copy.root)}
    run = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, env=env)
    assert "rc=1" in run.stdout, run.stdout + run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "cannot write: No space left on device" in errors[0], run.stderr
    assert "Traceback" not in run.stderr
    inside = {
        "translations/ru/" + line.split()[1][2:]: line.split()[0]
        for line in run.stdout.splitlines()
        if "  ./" in line
    }
    assert inside == {name: digest for name, digest in before.items() if name.startswith("translations/ru/")}
    assert snapshot(project_copy) == before  # the other languages were not written either


KILLER = """
import os, signal, sys
from pathlib import Path
from handbook.core.project import Project
from handbook.translate.sync import sync
real_replace = os.replace
done = []
def replace(source, target):
    real_replace(source, target)
    done.append(target)
    if len(done) == 4:  # the journal, then three files: killed in the middle of replacing
        os.kill(os.getpid(), signal.SIGKILL)
os.replace = replace
sync(Project(Path(sys.argv[1])))
"""


def test_a_sync_killed_while_replacing_is_completed_by_the_next_run(project_copy: Project) -> None:
    edit_english(project_copy)
    run = subprocess.run(
        [sys.executable, "-c", KILLER, str(project_copy.root)], capture_output=True, text=True
    )
    assert run.returncode == -signal.SIGKILL, run.stderr
    assert (project_copy.root / JOURNAL_NAME).exists()
    report = sync(project_copy)
    assert report.recovered > 0
    assert not (project_copy.root / JOURNAL_NAME).exists()
    assert not list(project_copy.root.rglob(".*.tmp"))
    assert not sync(project_copy, check=True).changed
    for lang in ("he", "ar", "th", "ru"):
        catalog = load_catalog(
            project_copy.root / f"translations/{lang}/{PAGE[:-3]}.po", lang=lang, page=PAGE
        )
        states = {e.msgid: e.state for e in catalog.entries}
        assert states[NEW_PARAGRAPH.strip()] is SegmentState.MISSING


def test_a_file_edited_between_a_kill_and_the_next_run_is_never_overwritten(project_copy: Project) -> None:
    """The journal records each target's hash as read: a later edit is kept, the run refuses, names it."""
    import json

    edit_english(project_copy)
    run = subprocess.run(
        [sys.executable, "-c", KILLER, str(project_copy.root)], capture_output=True, text=True
    )
    assert run.returncode == -signal.SIGKILL, run.stderr
    journal = json.loads((project_copy.root / JOURNAL_NAME).read_text(encoding="utf-8"))
    pending = [pair for pair in journal["replace"] if os.path.exists(pair[0]) and pair[1].endswith(".po")]
    target = Path(pending[0][1])
    shown = target.relative_to(project_copy.root).as_posix()
    po = polib.pofile(str(target))
    po.find("The idea").msgstr = "my edit after the kill"  # a translator's save before the next run
    po.save(str(target))
    edited = target.read_bytes()
    result = CliRunner().invoke(main, ["sync"])
    assert result.exit_code == 1, result.output
    assert f"error: {shown}: edited after a run was stopped while replacing it" in result.output
    assert "your edit is kept" in result.output and "run the command again" in result.output
    assert target.read_bytes() == edited
    assert not (project_copy.root / JOURNAL_NAME).exists()
    assert not list(project_copy.root.rglob(".*.tmp"))
    # The next run reads the edit and merges it with the new English: the edit survives.
    sync(project_copy)
    page = PAGE
    lang = shown.split("/")[1]
    catalog = load_catalog(target, lang=lang, page=page)
    assert {e.msgid: e.msgstr for e in catalog.entries}["The idea"] == "my edit after the kill"
    assert not sync(project_copy, check=True).changed
