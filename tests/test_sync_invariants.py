"""ARCHITECTURE.md invariants as tests: nothing a person wrote is lost, idempotence, atomic and locked runs."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_sync import CountingEngine, make_project, snapshot

from handbook.core.project import Project
from handbook.translate.engines import PseudoEngine
from handbook.translate.memory import load_catalog
from handbook.translate.pages import inspect_generated
from handbook.translate.sync import sync

HEADER = "---\nid: a\nkind: principle\ntitle: A page\nsummary: A summary.\n---\n\n# A page\n\n## Section {#section}\n\n"
SENTENCES = [
    "Greet every customer.",
    "Check the order twice.",
    "Keep the counter clean.",
    "Say goodbye by name.",
    "Offer help before they ask.",
    "Write the complaint down.",
    "Never argue about a refund.",
]


def human_texts(project: Project, lang: str) -> set[str]:
    """Every translation a person wrote that a PO file of `lang` holds (active or obsolete)."""
    texts: set[str] = set()
    for path in (project.translations_dir / lang).rglob("*.po"):
        page = path.relative_to(project.translations_dir / lang).with_suffix(".md").as_posix()
        catalog = load_catalog(path, lang=lang, page=page)
        texts.update(entry.msgstr for entry in catalog.entries + catalog.obsolete if entry.human)
    return texts


def all_texts(project: Project, lang: str) -> set[str]:
    texts: set[str] = set()
    for path in (project.translations_dir / lang).rglob("*.po"):
        page = path.relative_to(project.translations_dir / lang).with_suffix(".md").as_posix()
        catalog = load_catalog(path, lang=lang, page=page)
        texts.update(entry.msgstr for entry in catalog.entries + catalog.obsolete if entry.msgstr)
    return texts


OPERATIONS = st.one_of(
    st.tuples(st.just("edit"), st.integers(0, 20), st.sampled_from(["now", "always", "calmly", "today"])),
    st.tuples(st.just("insert"), st.integers(0, 20), st.sampled_from(SENTENCES)),
    st.tuples(st.just("delete"), st.integers(0, 20), st.just("")),
    st.tuples(st.just("swap"), st.integers(0, 20), st.just("")),
    st.tuples(st.just("review"), st.integers(0, 20), st.sampled_from(["a.md", "b.md"])),
    st.tuples(st.just("list"), st.integers(0, 20), st.sampled_from(SENTENCES)),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    operations=st.lists(OPERATIONS, min_size=3, max_size=10),
    engines=st.lists(st.booleans(), min_size=10, max_size=10),
)
def test_random_edits_never_lose_a_human_translation(operations, engines) -> None:
    with tempfile.TemporaryDirectory() as folder:
        blocks = [
            "Greet every customer.",
            "- Check the order twice.\n- Keep the counter clean.",
            "Say goodbye by name.",
        ]
        # Page b shares sentences with page a, so memory hits across pages are exercised too.
        page_b = HEADER + "Check the order twice.\n\nOffer help before they ask.\n"
        project = make_project(Path(folder), {"a.md": HEADER + "\n\n".join(blocks) + "\n", "b.md": page_b})
        english = project.source_docs_dir / "a.md"
        sync(project, languages=["he"], engine=PseudoEngine())
        counter = 0
        for step, (operation, index, word) in enumerate(operations):
            position = index % max(len(blocks), 1)
            if operation == "edit" and blocks:
                blocks[position] = blocks[position].rstrip(".") + f" {word}."
            elif operation == "insert":
                blocks.insert(position, word)
            elif operation == "list":
                blocks.insert(position, f"- {word}")
            elif operation == "delete" and len(blocks) > 1:
                blocks.pop(position)
            elif operation == "swap" and len(blocks) > 1:
                other = (position + 1) % len(blocks)
                blocks[position], blocks[other] = blocks[other], blocks[position]
            elif operation == "review":
                # A translator approves one entry in Poedit with a new text of their own.
                path = project.translations_dir / "he" / word.replace(".md", ".po")
                catalog = polib.pofile(str(path))
                active = [entry for entry in catalog if not entry.obsolete]
                entry = active[index % len(active)]
                counter += 1
                entry.msgstr = f"תרגום אנושי {counter}"
                entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
                entry.previous_msgid = None
                catalog.save(str(path))
            english.write_text(HEADER + "\n\n".join(blocks) + "\n", encoding="utf-8")
            before = human_texts(project, "he")
            engine = PseudoEngine() if engines[step] else None
            sync(project, languages=["he"], engine=engine)
            after = all_texts(project, "he")
            assert before <= after, f"lost after {operations[: step + 1]}: {before - after}"
            # Idempotent: a second run changes no byte.
            files = snapshot(project)
            report = sync(project, languages=["he"], engine=engine)
            assert report.written == [] and snapshot(project) == files


def test_second_sync_on_the_real_handbook_changes_no_byte(project_copy: Project) -> None:
    sync(project_copy, engine=CountingEngine())
    before = snapshot(project_copy)
    engine = CountingEngine()
    report = sync(project_copy, engine=engine)
    assert report.written == [] and engine.calls == []
    assert snapshot(project_copy) == before


KILL_SCRIPT = """
import sys
from pathlib import Path
sys.path.insert(0, {scripts!r})
from handbook.translate.engines import PseudoEngine
from handbook.core.project import Project
from handbook.translate.sync import sync
sync(Project(Path({root!r})), engine=PseudoEngine())
"""


def test_a_killed_sync_leaves_every_file_old_or_new(tmp_path: Path) -> None:
    """Kill sync at random moments: every file is parseable and equals its old or its new version."""
    pages = {f"p{number:03d}.md": HEADER + f"Paragraph {number} of the page.\n" for number in range(150)}
    project = make_project(tmp_path / "project", pages)
    sync(project)  # old state: every segment missing
    old = {path: (project.root / path).read_bytes() for path in snapshot(project)}
    # The new state, computed once in a copy.
    reference = make_project(tmp_path / "reference", pages)
    sync(reference)
    sync(reference, engine=PseudoEngine())
    new = {path: (reference.root / path).read_bytes() for path in snapshot(reference)}
    scripts = str(Path(__file__).resolve().parent.parent / "scripts")
    code = KILL_SCRIPT.format(scripts=scripts, root=str(project.root))
    rng = random.Random(5)
    changing = sorted(path for path in old if new.get(path) != old[path])
    kills = 0
    for _ in range(6):
        stamps = {path: os.stat(project.root / path).st_mtime_ns for path in changing}
        # Kill once a random number of the files that must change have been replaced: a point in
        # the middle of the writes, whatever the speed of the machine.
        target = rng.randint(1, len(changing) - 1)
        process = subprocess.Popen([sys.executable, "-c", code], start_new_session=True)
        while process.poll() is None:
            replaced = sum(1 for path in changing if os.stat(project.root / path).st_mtime_ns != stamps[path])
            if replaced >= target:
                os.killpg(process.pid, signal.SIGKILL)
                kills += replaced < len(changing)
                break
            time.sleep(0.001)
        if process.poll() == 0:
            # It finished: put the old files back, so the next run has work to be killed in.
            for path, data in old.items():
                (project.root / path).write_bytes(data)
        process.wait()
        for path, data in (
            (p, (project.root / p).read_bytes()) for p in snapshot(project) if not p.endswith(".tmp")
        ):
            assert data in (old.get(path), new.get(path)), f"{path} is neither old nor new"
            if path.endswith(".po"):
                load_catalog(project.root / path, lang=path.split("/")[1], page="x.md")
            elif not path.startswith("docs/en/"):
                assert inspect_generated(data.decode("utf-8")).intact
    assert kills >= 1, "no run was killed mid-way; the test proved nothing"
    sync(project, engine=PseudoEngine())  # a later run completes the work and removes temp files
    assert {path: (project.root / path).read_bytes() for path in snapshot(project)} == new


def test_a_second_concurrent_sync_waits_for_the_first(tmp_path: Path) -> None:
    """Two processes: the second `handbook sync` waits for the lock, then does its work."""
    project = make_project(tmp_path / "project")
    scripts = str(Path(__file__).resolve().parent.parent / "scripts")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import sys, time; sys.path.insert(0, {scripts!r})\n"
            "from pathlib import Path\nfrom handbook.core.fsutil import project_lock\n"
            f"with project_lock(Path({str(project.root)!r})):\n    print('locked', flush=True)\n    time.sleep(2)\n",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    started = time.monotonic()
    handbook = Path(sys.executable).parent / "handbook"
    result = subprocess.run(
        [str(handbook), "sync", "--lang", "he"],
        env={**os.environ, "HANDBOOK_ROOT": str(project.root)},
        capture_output=True,
        text=True,
    )
    waited = time.monotonic() - started
    holder.wait()
    assert result.returncode == 0, result.stderr
    assert waited >= 1.0, "the second sync did not wait for the lock"
    assert (project.translations_dir / "he" / "a.po").is_file()
