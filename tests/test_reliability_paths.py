"""Issue 19, symlinks and folders outside a project for `handbook import` and `handbook ingest`.

Symlinks: as `sync` (README "Guarantees"), a link inside the project is written through and one
pointing outside it is refused with nothing written anywhere. `ingest --out DIR`: the run holds a
lock in DIR and keeps its journal there, so two runs into DIR never interleave and a run killed
while replacing is completed by the next run into DIR, wherever that run starts. On copies.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from test_reliability_runs import (
    HEADINGS,
    INGEST_KILLER,
    JOURNAL_NAME,
    PAGE,
    RAW,
    hashes,
    hold_lock,
    make_drafts,
    released,
)

from handbook.cli.main import main
from handbook.core.project import Project

OUTSIDE = "outside the project; nothing was written"


def tree(folder: Path) -> dict[str, str]:
    """Hash of every file under `folder`, following symlinked folders (what a run may write)."""
    found: dict[str, str] = {}
    for base, _, names in os.walk(folder, followlinks=True):
        for name in names:
            path = Path(base, name)
            found[path.relative_to(folder).as_posix()] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def changed_inputs(folder: Path, *, changed: bool = True) -> list[str]:
    """Five raw articles (each with one more sentence if `changed`, so every output is rewritten)."""
    folder.mkdir(parents=True)
    extra = b"\n\nOne more closing sentence of the article.\n" if changed else b""
    for path in RAW:
        (folder / path.name).write_bytes(path.read_bytes() + extra)
    return [str(path) for path in sorted(folder.iterdir())]


def handbook(*args: str, cwd: Path, root: Path | None = None, code: str | None = None, **options):
    """`handbook ARGS` in a child process, in `cwd`, inside the project `root` or outside any project."""
    env = {key: value for key, value in os.environ.items() if key != "HANDBOOK_ROOT"}
    if root is not None:
        env["HANDBOOK_ROOT"] = str(root)
    code = code or "from handbook.cli.main import main; main()"
    return subprocess.run(
        [sys.executable, "-c", code, *args], cwd=cwd, env=env, capture_output=True, text=True, **options
    )


# --- import through symlinks -----------------------------------------------------------------------


def test_an_import_writes_through_a_po_file_linked_inside_the_project(
    project_copy: Project, tmp_path: Path
) -> None:
    drafts = make_drafts(project_copy, tmp_path / "drafts")
    path = project_copy.translations_dir / "he" / f"{PAGE[:-3]}.po"
    store = project_copy.root / "po-store" / "details-matter.po"
    store.parent.mkdir()
    shutil.move(path, store)
    path.symlink_to(os.path.relpath(store, path.parent))
    result = CliRunner().invoke(main, ["import", "--replace", "--lang", "he", str(drafts)])
    assert result.exit_code == 0, result.output
    assert path.is_symlink(), "the link was replaced by a regular file"
    assert polib.pofile(str(store)).find("The idea").msgstr == HEADINGS["he"]


@pytest.mark.parametrize("link", ["file", "folder"])
def test_an_import_through_a_link_pointing_outside_the_project_is_refused(
    project_copy: Project, tmp_path: Path, link: str
) -> None:
    drafts = make_drafts(project_copy, tmp_path / "drafts")
    inside = project_copy.translations_dir / "th" / PAGE.split("/")[0]  # the folder
    if link == "file":
        inside = inside / f"{PAGE.split('/')[1][:-3]}.po"
    outside = tmp_path / "elsewhere" / inside.name
    outside.parent.mkdir()
    shutil.move(inside, outside)
    inside.symlink_to(outside)
    before, outside_before = tree(project_copy.translations_dir), tree(outside.parent)
    result = CliRunner().invoke(main, ["import", "--replace", str(drafts)])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit), result.exception  # one clear line, no traceback
    how = "is a symbolic link to " if link == "file" else "is in a linked folder: it is "
    assert f"error: translations/th/{PAGE[:-3]}.po: {how}" in result.output
    assert OUTSIDE in result.output
    assert inside.is_symlink()
    assert tree(outside.parent) == outside_before  # nothing written through the link
    assert tree(project_copy.translations_dir) == before  # he, ar and ru not written either
    assert not list(project_copy.root.rglob(".*.tmp")) and not list(outside.parent.rglob(".*.tmp"))
    assert not (project_copy.root / JOURNAL_NAME).exists()


# --- ingest through symlinks -----------------------------------------------------------------------


def test_an_ingest_writes_through_a_clean_folder_linked_inside_the_project(
    project_copy: Project, tmp_path: Path
) -> None:
    clean = project_copy.sources_dir / "clean"
    store = project_copy.root / "clean-store"
    shutil.move(clean, store)
    clean.symlink_to(os.path.relpath(store, clean.parent))
    before = tree(store)
    result = CliRunner().invoke(main, ["ingest", *changed_inputs(tmp_path / "raw")])
    assert result.exit_code == 0, result.output
    assert clean.is_symlink()
    after = tree(store)
    assert len([name for name in after if after[name] != before.get(name)]) == len(RAW)


@pytest.mark.parametrize("link", ["file", "folder"])
def test_an_ingest_through_a_link_pointing_outside_the_project_is_refused(
    project_copy: Project, tmp_path: Path, link: str
) -> None:
    inputs = changed_inputs(tmp_path / "raw")
    clean = project_copy.sources_dir / "clean"
    inside = clean if link == "folder" else sorted(clean.glob("*.md"))[2]
    outside = tmp_path / "elsewhere" / inside.name
    outside.parent.mkdir()
    shutil.move(inside, outside)
    inside.symlink_to(outside)
    before, outside_before = tree(project_copy.sources_dir), tree(outside.parent)
    result = CliRunner().invoke(main, ["ingest", *inputs])
    assert result.exit_code == 1
    assert isinstance(result.exception, SystemExit), result.exception
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith("error: sources/clean/"), result.output
    how = "is a symbolic link to " if link == "file" else "is in a linked folder: it is "
    assert how in errors[0] and OUTSIDE in errors[0]
    assert inside.is_symlink()
    assert tree(outside.parent) == outside_before
    assert tree(project_copy.sources_dir) == before  # the other outputs were not written either
    assert not list(outside.parent.rglob(".*.tmp")) and not (project_copy.root / JOURNAL_NAME).exists()


def test_an_ingest_out_of_a_project_writes_through_a_linked_out_folder_but_refuses_a_link_out_of_it(
    tmp_path: Path,
) -> None:
    """Outside a project DIR is the boundary: a DIR that is itself a link is the folder the user
    named (written through); a file in it linking elsewhere is refused, as in a project."""
    inputs = changed_inputs(tmp_path / "raw", changed=False)
    real = tmp_path / "real-clean"
    real.mkdir()
    (tmp_path / "clean").symlink_to(real)
    result = handbook("ingest", "--out", "clean", *inputs, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "clean").is_symlink() and len(list(real.glob("*.md"))) == len(RAW)
    victim = sorted(real.glob("*.md"))[0]
    elsewhere = tmp_path / "elsewhere.md"
    shutil.move(victim, elsewhere)
    victim.symlink_to(elsewhere)
    before, elsewhere_before = tree(real), elsewhere.read_bytes()
    again = handbook("ingest", "--out", "clean", *changed_inputs(tmp_path / "raw2"), cwd=tmp_path)
    assert again.returncode == 1
    assert f"{victim.name}: is a symbolic link to " in again.stderr and "nothing was written" in again.stderr
    assert elsewhere.read_bytes() == elsewhere_before and tree(real) == before


# --- ingest --out DIR: a lock and a journal in DIR -----------------------------------------------


def test_two_ingests_into_one_folder_outside_a_project_do_not_interleave(tmp_path: Path) -> None:
    out = tmp_path / "clean"
    first = handbook(
        "ingest", "--out", str(out), *changed_inputs(tmp_path / "raw", changed=False), cwd=tmp_path
    )
    assert first.returncode == 0, first.stderr
    inputs = changed_inputs(tmp_path / "raw2")
    # Another run into DIR holds DIR's lock for 9 s: longer than this ingest takes unlocked (so an
    # ingest that ignored the lock writes before it is let go), shorter than the 10 s it waits.
    holder = hold_lock(out, seconds=9)
    second = handbook("ingest", "--out", str(out), *inputs, cwd=tmp_path, timeout=120)
    let_go = released(holder)
    assert second.returncode == 0, second.stderr
    assert "5 written" in second.stderr
    written = min(path.stat().st_mtime for path in out.glob("*.md"))
    assert written >= let_go, "the ingest wrote into DIR while another run held DIR's lock"


@pytest.mark.parametrize("started", ["outside a project", "inside a project"])
def test_an_ingest_out_killed_while_replacing_is_completed_by_the_next_run_into_that_folder(
    project_copy: Project, tmp_path: Path, started: str
) -> None:
    out = tmp_path / "out"
    work = tmp_path / "work"
    work.mkdir()
    root = project_copy.root if started == "inside a project" else None  # (sources.yml gives the ids)
    old = handbook(
        "ingest", "--out", str(out), *changed_inputs(tmp_path / "raw", changed=False), cwd=work, root=root
    )
    assert old.returncode == 0, old.stderr
    inputs = changed_inputs(tmp_path / "raw2")
    reference = handbook("ingest", "--out", str(tmp_path / "reference"), *inputs, cwd=work, root=root)
    assert reference.returncode == 0, reference.stderr
    before, new = hashes(out), hashes(tmp_path / "reference")
    new.pop(".handbook.lock", None)
    run = handbook("(root)", "--out", str(out), *inputs, cwd=work, root=root, code=INGEST_KILLER)
    assert run.returncode == -9, run.stderr
    assert (out / JOURNAL_NAME).exists(), "the journal of a run into DIR belongs in DIR"
    now = {name: digest for name, digest in hashes(out).items() if name.endswith(".md")}
    assert all(digest in (before[name], new[name]) for name, digest in now.items())  # each file whole
    assert now != {name: before[name] for name in now}  # killed in the middle of the renames
    # The next run into DIR, from outside any project and for one input only, completes it.
    result = handbook("ingest", "--out", str(out), inputs[0], cwd=work)
    assert result.returncode == 0, result.stderr
    assert not (out / JOURNAL_NAME).exists() and not list(out.glob(".*.tmp"))
    assert {name: hashes(out)[name] for name in new} == new
    assert not (project_copy.root / JOURNAL_NAME).exists()


# --- sync through a linked folder (its file links are in test_reliability_lost.py) ------------------


def test_a_sync_through_a_generated_folder_linked_outside_the_project_is_refused(
    project_copy: Project, tmp_path: Path
) -> None:
    english = project_copy.source_docs_dir / PAGE
    english.write_text(english.read_text(encoding="utf-8") + "\nA brand-new paragraph.\n", encoding="utf-8")
    inside = project_copy.docs_dir / "he"
    outside = tmp_path / "elsewhere" / "he"
    outside.parent.mkdir()
    shutil.move(inside, outside)
    inside.symlink_to(outside)
    before, outside_before = tree(project_copy.root / "translations"), tree(outside)
    result = CliRunner().invoke(main, ["sync"])
    assert result.exit_code == 1
    assert (
        f"error: docs/he/{PAGE}: is in a linked folder: it is " in result.output and OUTSIDE in result.output
    )
    assert tree(outside) == outside_before and tree(project_copy.root / "translations") == before
    assert not list(outside.rglob(".*.tmp")) and not (project_copy.root / JOURNAL_NAME).exists()


def test_an_ingest_out_onto_a_full_disk_stops_with_one_line_and_nothing_written(tmp_path: Path) -> None:
    """`sync` has its full-disk test (test_reliability_lost.py); this is ingest's, into DIR."""
    if shutil.which("unshare") is None or subprocess.run(["unshare", "-m", "true"]).returncode != 0:
        pytest.fail("this test needs `unshare -m` (a private mount namespace) to mount a full tmpfs")
    out, saved = tmp_path / "out", tmp_path / "saved"
    first = handbook(
        "ingest", "--out", str(saved), *changed_inputs(tmp_path / "raw", changed=False), cwd=tmp_path
    )
    assert first.returncode == 0, first.stderr
    (saved / ".handbook.lock").unlink()
    before = hashes(saved)
    out.mkdir()
    inputs = " ".join(changed_inputs(tmp_path / "raw2"))
    script = f"""
        set -e
        mount -t tmpfs -o size=1m tmpfs {out}
        cp -a {saved}/. {out}/
        dd if=/dev/zero of={out}/.filler bs=4k 2>/dev/null || true
        set +e
        cd {tmp_path} && {sys.executable} -c "from handbook.cli.main import main; main()" ingest --out {out} {inputs}
        echo "rc=$?"
        rm {out}/.filler
        cd {out} && find . -type f ! -name .handbook.lock -exec sha256sum {{}} + | sort
        """
    env = {key: value for key, value in os.environ.items() if key != "HANDBOOK_ROOT"}
    run = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, env=env)
    assert "rc=1" in run.stdout, run.stdout + run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "cannot write: No space left on device" in errors[0], run.stderr
    assert "Traceback" not in run.stderr
    inside = {line.split()[1][2:]: line.split()[0] for line in run.stdout.splitlines() if "  ./" in line}
    assert inside == before  # every output as it was, no temp file or journal left
