"""Benchmark: `handbook sync` on a generated corpus of 1,000 English pages x 4 languages (issue 5, item 8).

The corpus is made from the real pages of `docs/en` (cycled), each copy made unique by a page
number in every block, so almost every segment is a distinct msgid (the hard case for the
memory). Setup runs one full sync with the pseudo engine, so every PO file holds a machine draft
per segment, as after a first machine pass. Then, one function per measurement:

- `measure_noop`: a second sync; nothing changed (aim: under 5 s);
- `measure_one_edit`: one English paragraph edited, then sync (aim: under 6 s); checks that
  the engine was called once per language with one segment.

    .venv/bin/python bench/sync.py [--pages 1000] [--repeat 3] [--no-record]

Results go to the `## sync` section of `bench/RESULTS.md` (other sections are left alone); every
figure and verdict in it is computed by the run that writes it.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

from results import record_section  # noqa: E402  (bench/results.py, beside this script)

from handbook.core.project import Project  # noqa: E402
from handbook.translate.engines import PseudoEngine  # noqa: E402
from handbook.translate.sync import sync  # noqa: E402

RESULTS = REPO / "bench" / "RESULTS.md"
SECTION = "## sync"


class CountingPseudo(PseudoEngine):
    """The pseudo engine, counting calls and segments."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int]] = []

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        self.calls.append((target, len(texts)))
        return super().translate(texts, source, target)


def _unique(text: str, number: int) -> str:
    """A copy of an English page whose blocks all carry `number` (so msgids differ per page)."""
    lines = text.split("\n")
    out: list[str] = []
    in_front = False
    for index, line in enumerate(lines):
        if index == 0 and line == "---":
            in_front = True
            out.append(line)
            continue
        if in_front:
            if line == "---":
                in_front = False
            elif line.startswith(("title:", "summary:")):
                key, value = line.split(":", 1)
                value = value.strip().strip('"')
                line = f'{key}: "{value} ({number})"'
            elif line.startswith("id:"):
                line = f"id: page-{number}"
            out.append(line)
            continue
        stripped = line.strip()
        if not stripped or stripped.startswith(("|", "!!!", "```", "[")) or set(stripped) <= set("-|: "):
            out.append(line)
        elif stripped.startswith("#"):
            head, _, anchor = line.partition(" {#")
            out.append(f"{head} {number}" + (f" {{#{anchor}" if anchor else ""))
        else:
            out.append(f"{line} (no. {number})")
    return "\n".join(out)


def make_corpus(root: Path, pages: int) -> Project:
    """A project at `root` with `pages` English pages (links kept inside the copied folder)."""
    sources = sorted((REPO / "docs" / "en").rglob("*.md"))
    (root / "docs" / "en").mkdir(parents=True)
    shutil.copy2(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for number in range(pages):
        source = sources[number % len(sources)]
        relative = source.relative_to(REPO / "docs" / "en")
        target = root / "docs" / "en" / f"set-{number // len(sources):03d}" / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_unique(source.read_text(encoding="utf-8"), number), encoding="utf-8")
    return Project(root)


def _timed(function: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def measure_noop(project: Project, repeat: int) -> dict:
    """Seconds for a sync that changes nothing (median of `repeat` runs)."""
    times: list[float] = []
    for _ in range(repeat):
        engine = CountingPseudo()
        seconds, report = _timed(lambda engine=engine: sync(project, engine=engine))
        assert not report.changed and engine.calls == [], "a no-op sync changed something"
        times.append(seconds)
    return {"median": statistics.median(times), "runs": times}


def measure_one_edit(project: Project, repeat: int) -> dict:
    """Seconds for a sync after one English paragraph changed (median of `repeat` edits)."""
    times: list[float] = []
    written: list[int] = []
    calls: list[list[tuple[str, int]]] = []
    page = sorted(project.source_docs_dir.rglob("details-matter.md"))[0]
    for run in range(repeat):
        text = page.read_text(encoding="utf-8")
        marker = "In service, nothing is too small to matter."
        assert marker in text, "the edited sentence is missing from the corpus page"
        page.write_text(text.replace(marker, f"{marker} Edit {run}.", 1), encoding="utf-8")
        engine = CountingPseudo()
        seconds, report = _timed(lambda engine=engine: sync(project, engine=engine))
        assert engine.calls == [(lang, 1) for lang in ("he", "ar", "th", "ru")], engine.calls
        times.append(seconds)
        written.append(len(report.written))
        calls.append(list(engine.calls))
    return {
        "median": statistics.median(times),
        "runs": times,
        "files_written": written,
        "engine_calls": calls,
    }


def setup(root: Path, pages: int) -> tuple[Project, dict]:
    project = make_corpus(root, pages)
    engine = CountingPseudo()
    seconds, report = _timed(lambda: sync(project, engine=engine))
    segments = sum(count for _, count in engine.calls)
    return project, {"seconds": seconds, "files": len(report.written), "drafted": segments}


def record(section: str) -> None:
    """Replace (or add) the `## sync` section of bench/RESULTS.md."""
    record_section(SECTION, section, RESULTS)


NOOP_AIM = 5.0  # seconds
EDIT_AIM = 6.0


def render(pages: int, repeat: int, prepared: dict, noop: dict, edit: dict, load: float) -> str:
    """The `## sync` section: every figure and verdict comes from this run's measurements."""
    calls = edit["engine_calls"][0]
    calls_text = ", ".join(f"{lang} {count}" for lang, count in calls)

    def verdict(seconds: float, aim: float) -> str:
        return f"met ({seconds:.2f} s < {aim:.0f} s)" if seconds < aim else f"**not met** ({seconds:.2f} s)"

    return f"""{SECTION}

`handbook sync` on a generated corpus: {pages:,} English pages (the real `docs/en` pages cycled,
each block made unique with its page number) x 4 languages = {pages * 4:,} PO files and
{pages * 4:,} generated pages. Setup: one full sync with the pseudo engine
({prepared["drafted"]:,} segments drafted, {prepared["files"]:,} files written, {prepared["seconds"]:.1f} s).
Median of {repeat} runs, one process.

Command: `.venv/bin/python bench/sync.py --pages {pages} --repeat {repeat}`

| date | machine state | no-op sync | one-paragraph edit | files written by the edit | engine calls by the edit (language, segments) |
|---|---|---|---|---|---|
| {date.today().isoformat()} | {os.cpu_count()} cores, load average {load:.1f}, Python {
        platform.python_version()
    } | {noop["median"]:.2f} s (runs: {", ".join(f"{s:.2f}" for s in noop["runs"])}) | {
        edit["median"]:.2f} s (runs: {", ".join(f"{s:.2f}" for s in edit["runs"])}) | {
        edit["files_written"][0]
    } | {calls_text} |

Aims (for 1,000 pages): no-op sync under {NOOP_AIM:.0f} s, one-paragraph edit under {EDIT_AIM:.0f} s. {
        f"No-op: {verdict(noop['median'], NOOP_AIM)}; edit: {verdict(edit['median'], EDIT_AIM)}."
        if pages == 1000
        else f"Not judged: this run used {pages:,} pages, not 1,000."
    }
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-record", action="store_true", help="print only; leave bench/RESULTS.md alone")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as folder:
        project, prepared = setup(Path(folder) / "handbook", args.pages)
        print(f"setup: {prepared}")
        noop = measure_noop(project, args.repeat)
        print(f"no-op: {noop}")
        edit = measure_one_edit(project, args.repeat)
        print(f"one edit: {edit}")
    load = os.getloadavg()[0]
    section = render(args.pages, args.repeat, prepared, noop, edit, load)
    if not args.no_record:
        record(section)
    print(section)


if __name__ == "__main__":
    main()
