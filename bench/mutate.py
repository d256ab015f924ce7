"""Mutation testing of the modules that carry the invariants, one module at a time (`make mutate`).

Not part of CI: it rewrites a module on disk once per mutant (cosmic-ray restores it after each),
so nothing else may run in this checkout meanwhile. Each module has its own fast test selection
(the tests that exercise it, `-x`), so a killed mutant costs one short pytest run.

    .venv/bin/python bench/mutate.py [NAME ...]     # default: every module, smallest first
    .venv/bin/python bench/mutate.py --jobs 2       # modules two at a time (default: one per core)
    .venv/bin/python bench/mutate.py --list          # the modules, their lines and tests
    .venv/bin/python bench/mutate.py --retest-survivors NAME   # after new tests: the survivors again

For each module: `cosmic-ray init`, the operator filter below, the line filter where only part of
a module carries the invariant, mutants inside type annotations skipped (never evaluated), a
baseline run (the selection must pass unmutated), `cosmic-ray exec`, then a summary (killed,
survived, incompetent, timeouts; every survivor with its line and operator; wall and CPU minutes)
printed and written to `.cache/mutation/NAME.json`. Property tests try at most
HYPOTHESIS_EXAMPLES derandomized examples under mutation (tests/hypothesis_budget.py). The CPU
minutes are the user + system time of every process the run waited for (getrusage), so CPU
minutes / cores is the run's length on a quiet machine, whatever the load meanwhile; the parallel
run writes them, the wall time and the load average to `.cache/mutation/run.json`. With several modules and `--jobs` above
1, each job mutates its own copy of the checkout (in a temporary folder), and the sessions and
summaries are copied back to `.cache/mutation/`. Record the figures in
`bench/MUTATION.md` by hand, with the survivors killed by a test or written off with a reason.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import queue
import resource
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / ".cache" / "mutation"
BIN = Path(sys.executable).parent
PYTEST = f"{sys.executable} -m pytest -x -q -p no:cacheprovider -p no:randomly"

# cosmic-ray replaces each binary operator by each of the other twelve; one swap per operator
# says as much about the tests (a wrong operator is caught or not) at a twelfth of the cost.
KEPT_BINARY = (
    "Add_Sub",
    "Sub_Add",
    "Mul_Div",
    "Div_Mul",
    "FloorDiv_Mul",
    "Mod_Mul",
    "BitOr_BitAnd",
    "BitAnd_BitOr",
)
EXCLUDE_OPERATORS = [
    r"core/ReplaceBinaryOperator_(?!(?:" + "|".join(KEPT_BINARY) + r")$).*",
    r"core/ReplaceBinaryOperator_.*_(?:Pow|RShift|LShift|BitXor)$",
]


@dataclass(frozen=True)
class Target:
    path: str
    tests: str  # pytest arguments: the fast selection that exercises the module
    # Only these parts carry the invariant: (first, last) names of top-level functions or classes,
    # or of methods as "Class.method"; each part runs from the first one's decorators to the end of
    # the last one, so the scope follows the code when lines move.
    parts: tuple[tuple[str, str], ...] = ()
    why_lines: str = ""

    def lines(self) -> str | None:
        """The parts as "A-B,C-D" line ranges of today's file (None: the whole module)."""
        if not self.parts:
            return None
        spans = _definition_spans((REPO / self.path).read_text(encoding="utf-8"))
        missing = sorted({name for part in self.parts for name in part} - set(spans))
        if missing:
            sys.exit(
                f"{self.path} has no definition named {', '.join(missing)}: update TARGETS in bench/mutate.py"
            )
        return ",".join(f"{spans[first][0]}-{spans[last][1]}" for first, last in self.parts)


def _definition_spans(source: str) -> dict[str, tuple[int, int]]:
    """Each top-level function or class, and each method as "Class.method": (first line, last line)."""
    spans: dict[str, tuple[int, int]] = {}

    def span(node: ast.AST) -> tuple[int, int]:
        first = min([node.lineno] + [decorator.lineno for decorator in node.decorator_list])
        return first, node.end_lineno

    for node in ast.parse(source).body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            spans[node.name] = span(node)
            if isinstance(node, ast.ClassDef):
                for inner in node.body:
                    if isinstance(inner, (ast.FunctionDef, ast.AsyncFunctionDef)):
                        spans[f"{node.name}.{inner.name}"] = span(inner)
    return spans


TARGETS = {
    "checks-links": Target("scripts/handbook/checks/links.py", "tests/test_links_registry_check.py"),
    "render": Target(
        "scripts/handbook/translate/render.py",
        "tests/test_render_exact.py tests/test_segments.py tests/test_escaping_shapes.py",
    ),
    "merge": Target(
        "scripts/handbook/translate/merge.py",
        "tests/test_merge_properties.py tests/test_sync.py tests/test_importing.py "
        "-k 'not no_human_text_is_lost'",
    ),
    "memory": Target(
        "scripts/handbook/translate/memory.py",
        # msgfmt on the committed PO files reads them with msgfmt, not with the memory (3 s a run).
        "tests/test_memory_entries.py tests/test_memory.py tests/test_sync.py "
        "--deselect tests/test_memory.py::test_every_committed_po_file_passes_msgfmt",
    ),
    "rules": Target("scripts/handbook/ingest/rules.py", "tests/test_ingest_rules.py"),
    # The registry part is reached by hand-made built sites in a few seconds; tests/test_links.py's
    # project copies (about 30 s a run) test collect_links and update_registry, outside these lines.
    "site-links-registry": Target(
        "scripts/handbook/site/links.py",
        "tests/test_links_registry_check.py",
        parts=(("registry_path", "url_problem"),),
        why_lines="the registry file and URL resolution; the rest lists pages and is tested by test_links.py",
    ),
    "search-normalise": Target(
        "scripts/handbook/site/search_tokens.py",
        "tests/test_search_index_copy.py tests/test_search_normalise.py -m 'not browser'",
    ),
    # 447 mutants at 10-38 s a run (load 8-12 on 2 cores) is hours: the run keeps the lines that
    # carry the engine's two invariants, that protected spans (placeholders, URLs, names) come back
    # unchanged and that every sentence goes through the model: masking and unmasking, and the model
    # call with the fallback when the model breaks a mask; and the tests of the engine file that
    # reach them (`argos-lines` below takes the sentence gaps and the lines). Left out
    # (bench/MUTATION.md): the mask names, pair resolution, the sentence splitters and chunking, the
    # Argos object plumbing, and the tests that reach only those (Thai, missing or cached splitters,
    # damaged or reinstalled packages, over-long segments, the bare CTranslate2 model).
    "argos": Target(
        "scripts/handbook/translate/argos.py",
        "tests/test_engines_argos.py -k 'not long_segment_is_split and not model_alone_cuts and not thai "
        "and not splitter and not stray_folder and not damaged_model and not reinstalled'",
        parts=(("Masked", "protect"), ("ArgosEngine._translate_sentences", "ArgosEngine._translate_plain")),
        why_lines="masking and unmasking, the model call, the fallback for broken masks",
    ),
    # The rest of the Argos pipeline's joins, run apart so that each part fits a session: a line
    # split into sentences and joined back with its gaps, and translate's split of each text into
    # lines and its join with the outer whitespace.
    "argos-lines": Target(
        "scripts/handbook/translate/argos.py",
        "tests/test_engines_argos.py -k 'not long_segment_is_split and not model_alone_cuts and not stray_folder "
        "and not damaged_model and not reinstalled and not without_splitter and not minisbd_cache'",
        parts=(("_split_with_gaps", "_split_with_gaps"), ("ArgosEngine.translate", "ArgosEngine.translate")),
        why_lines="sentences and their gaps, texts into lines and back",
    ),
}


# `make mutate`'s order: the longest first (CPU minutes of the last full run), so that the two jobs
# end close together instead of one waiting alone for a long module started last.
LONGEST_FIRST = (
    "merge",
    "memory",
    "render",
    "argos",
    "rules",
    "search-normalise",
    "argos-lines",
    "site-links-registry",
    "checks-links",
)
assert sorted(LONGEST_FIRST) == sorted(TARGETS)
HYPOTHESIS_EXAMPLES = 20


def config_text(name: str, target: Target, timeout: float) -> str:
    scope = target.lines()
    ranges = ", ".join(json.dumps(part.strip()) for part in (scope or "").split(","))
    lines = f'\n[cosmic-ray.filters.line-filter.lines]\n"{target.path}" = [{ranges}]\n' if scope else ""
    excluded = ", ".join(json.dumps(pattern) for pattern in EXCLUDE_OPERATORS)
    return f"""[cosmic-ray]
module-path = "{target.path}"
timeout = {timeout}
excluded-modules = []
test-command = "{PYTEST} {target.tests}"

[cosmic-ray.distributor]
name = "local"

[cosmic-ray.filters.operators-filter]
exclude-operators = [{excluded}]
{lines}"""


ANNOTATION_FILTERED = "Filtered: inside a type annotation"


def annotation_spans(source: str) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """(start, end) of every type annotation, as (line, character column) like cosmic-ray's positions."""
    lines = source.split("\n")

    def column(line: int, byte_offset: int) -> int:  # ast counts UTF-8 bytes, parso characters
        return len(lines[line - 1].encode("utf-8")[:byte_offset].decode("utf-8"))

    spans = []
    for node in ast.walk(ast.parse(source)):
        annotations: list[ast.expr | None] = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            arguments = node.args
            every = [
                *arguments.posonlyargs,
                *arguments.args,
                *arguments.kwonlyargs,
                arguments.vararg,
                arguments.kwarg,
            ]
            annotations = [argument.annotation for argument in every if argument is not None] + [node.returns]
        elif isinstance(node, ast.AnnAssign):
            annotations = [node.annotation]
        for annotation in annotations:
            if annotation is not None:
                spans.append(
                    (
                        (annotation.lineno, column(annotation.lineno, annotation.col_offset)),
                        (annotation.end_lineno, column(annotation.end_lineno, annotation.end_col_offset)),
                    )
                )
    return spans


def skip_annotations(session: Path, source: Path) -> int:
    """Mark every pending mutant inside a type annotation as skipped; returns how many.

    Every module here has `from __future__ import annotations` (checked), so an annotation is a
    string Python never evaluates: a mutant there (`str | None` -> `str & None`) cannot change
    behaviour, and running its tests only costs time. The summary counts them apart.
    """
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import WorkerOutcome, WorkResult

    text = source.read_text(encoding="utf-8")
    if "from __future__ import annotations" not in text:
        return 0
    spans = annotation_spans(text)
    skipped = []
    with use_db(str(session), WorkDB.Mode.open) as db:
        for item in db.pending_work_items:
            if all(
                any(
                    start <= tuple(mutation.start_pos) and tuple(mutation.end_pos) <= end
                    for start, end in spans
                )
                for mutation in item.mutations
            ):
                skipped.append(item.job_id)
        if skipped:
            db.set_multiple_results(
                skipped, WorkResult(output=ANNOTATION_FILTERED, worker_outcome=WorkerOutcome.SKIPPED)
            )
    print(f"{len(skipped)} mutant(s) inside type annotations skipped", flush=True)
    return len(skipped)


def children_cpu() -> float:
    """User + system CPU seconds of this process's finished children (and theirs) so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def warm_bytecode(target: Target) -> None:
    """Write the bytecode of the package and of the target's test files (pytest's rewritten asserts).

    cosmic-ray runs each mutant's tests with PYTHONDONTWRITEBYTECODE=1, so without these every run
    compiles every module it imports (about 0.2 s of CPU a mutant). The mutated module is always
    compiled afresh: each write by cosmic-ray gives it a new modification time, which makes its
    bytecode stale.
    """
    env = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-m", "compileall", "-q", "scripts"], cwd=REPO, env=env, check=True)
    subprocess.run(
        [*shlex.split(PYTEST), "--collect-only", *shlex.split(target.tests)],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        check=True,
    )


def run(*command: str) -> None:
    print("$", " ".join(command), flush=True)
    subprocess.run(command, cwd=REPO, check=True)


def summary(session: Path, source: Path) -> dict:
    code = source.read_text(encoding="utf-8").split("\n")
    db = sqlite3.connect(session)
    rows = db.execute(
        "SELECT s.start_pos_row, s.operator_name, s.occurrence, r.worker_outcome, r.test_outcome, r.output "
        "FROM mutation_specs s LEFT JOIN work_results r ON r.job_id = s.job_id ORDER BY s.start_pos_row"
    ).fetchall()
    counts: dict[str, int] = {}
    survivors = []
    for line, operator, occurrence, worker, test, output in rows:
        if worker == "SKIPPED":
            key = "annotation, not run" if output == ANNOTATION_FILTERED else "filtered out"
        elif worker is None:
            key = "not run"
        elif worker != "NORMAL":
            key = f"worker {worker.lower()}"
        else:
            key = (test or "none").lower()
        counts[key] = counts.get(key, 0) + 1
        if key == "survived":
            text = code[line - 1].strip() if 0 < line <= len(code) else ""
            survivors.append({"line": line, "operator": operator, "occurrence": occurrence, "code": text})
    tested = counts.get("killed", 0) + counts.get("survived", 0) + counts.get("worker timeout", 0)
    killed = counts.get("killed", 0) + counts.get("worker timeout", 0)
    return {"counts": counts, "score": killed / tested if tested else None, "survivors": survivors}


def mutate(name: str, timeout: float) -> dict:
    target = TARGETS[name]
    WORK.mkdir(parents=True, exist_ok=True)
    config, session = WORK / f"{name}.toml", WORK / f"{name}.sqlite"
    config.write_text(config_text(name, target, timeout), encoding="utf-8")
    session.unlink(missing_ok=True)
    started, cpu = time.time(), children_cpu()
    load = os.getloadavg()[0]
    run(str(BIN / "cosmic-ray"), "init", str(config), str(session))
    run(str(BIN / "cr-filter-operators"), str(session), str(config))
    if target.parts:
        run(str(BIN / "cr-filter-lines"), "--config", str(config), str(session))
    skip_annotations(session, REPO / target.path)
    warm_bytecode(target)
    run(str(BIN / "cosmic-ray"), "baseline", str(config))
    run(str(BIN / "cosmic-ray"), "exec", str(config), str(session))
    return record(
        name,
        started,
        cpu,
        {"load average (1 min) at start and end": [round(load, 1), round(os.getloadavg()[0], 1)]},
    )


def retest_survivors(name: str, timeout: float, keep_lines: set[int] = frozenset()) -> dict:
    """Run the last session's survivors again (after new tests); killed mutants stay killed.

    Only tests are added between the two runs (the module is unchanged), so a mutant the first run
    killed is still killed: the new figures are the first run's kills plus this run's. Survivors on
    `keep_lines` (written off as equivalent in bench/MUTATION.md) are not run again and still count
    as survivors.
    """
    target = TARGETS[name]
    config, session = WORK / f"{name}.toml", WORK / f"{name}.sqlite"
    if not session.is_file():
        sys.exit(f"no session for {name} in {WORK}: run `bench/mutate.py {name}` first")
    config.write_text(config_text(name, target, timeout), encoding="utf-8")  # today's test selection
    db = sqlite3.connect(session)
    with db:
        survivors = db.execute(
            "SELECT r.job_id, s.start_pos_row FROM work_results r JOIN mutation_specs s ON s.job_id = r.job_id "
            "WHERE r.worker_outcome = 'NORMAL' AND r.test_outcome = 'SURVIVED'"
        ).fetchall()
        for job_id, line in survivors:
            if line not in keep_lines:
                db.execute("DELETE FROM work_results WHERE job_id = ?", (job_id,))
    db.close()
    started, cpu = time.time(), children_cpu()
    warm_bytecode(target)
    run(str(BIN / "cosmic-ray"), "baseline", str(config))
    run(str(BIN / "cosmic-ray"), "exec", str(config), str(session))
    return record(
        name,
        started,
        cpu,
        {"survivors retested": True, "survivors not retested (lines written off)": sorted(keep_lines)},
    )


def record(name: str, started: float, cpu: float, extra: dict) -> dict:
    """Write the target's result file (what ran, when, its time, its counts) and return it."""
    target = TARGETS[name]
    result = {
        "module": target.path,
        "lines": target.lines() or "all",
        "tests": target.tests,
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started)),
        **extra,
        "minutes": round((time.time() - started) / 60, 1),
        "cpu minutes": round((children_cpu() - cpu) / 60, 1),
        **summary(WORK / f"{name}.sqlite", REPO / target.path),
    }
    (WORK / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result


# What a job's copy of the checkout leaves out: at its top, the environment, caches and builds
# (shared or rebuilt); anywhere, Python's and the tools' caches.
_TOP_LEVEL_LEFT_OUT = {".git", ".venv", ".cache", "site", "site.old", "node_modules"}
_LEFT_OUT = shutil.ignore_patterns(
    "__pycache__", ".pytest_cache", ".ruff_cache", ".hypothesis", "*.egg-info", ".site-build-*"
)


def _not_copied(folder: str, names: list[str]) -> set[str]:
    left_out = set(_LEFT_OUT(folder, names))
    if Path(folder) == REPO:
        left_out |= _TOP_LEVEL_LEFT_OUT & set(names)
    return left_out


def mutate_in_copies(names: list[str], jobs: int, timeout: float) -> None:
    """Mutate `names` `jobs` at a time, each job in its own copy of the checkout.

    cosmic-ray rewrites the module on disk, so two modules cannot be mutated in one checkout at
    once; in copies they can, one per core. Each finished module's session and summary are copied
    to `.cache/mutation/` and its summary printed as the serial run prints it.
    """
    WORK.mkdir(parents=True, exist_ok=True)
    pending: queue.Queue[str] = queue.Queue()
    for name in names:
        pending.put(name)
    lock = threading.Lock()
    done: list[str] = []
    failed: list[str] = []
    started, cpu = time.time(), children_cpu()
    loads: list[float] = [os.getloadavg()[0]]
    finished = threading.Event()

    def sample_load() -> None:  # the machine's 1-minute load average, every 30 s
        while not finished.wait(30):
            loads.append(os.getloadavg()[0])

    def job(folder: Path) -> None:
        copy = folder / "checkout"
        shutil.copytree(REPO, copy, ignore=_not_copied)
        while True:
            try:
                name = pending.get_nowait()
            except queue.Empty:
                return
            log = WORK / f"{name}.log"
            with log.open("w", encoding="utf-8") as out:
                result = subprocess.run(
                    [
                        sys.executable,
                        str(copy / "bench" / "mutate.py"),
                        "--jobs",
                        "1",
                        "--timeout",
                        str(timeout),
                        name,
                    ],
                    cwd=copy,
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    check=False,
                )
            for suffix in (".json", ".sqlite", ".toml"):
                made = copy / ".cache" / "mutation" / f"{name}{suffix}"
                if made.is_file():
                    shutil.copy2(made, WORK / made.name)
            with lock:
                (done if result.returncode == 0 else failed).append(name)
                minutes = (time.time() - started) / 60
                if result.returncode == 0:
                    summary_text = json.loads((WORK / f"{name}.json").read_text(encoding="utf-8"))
                    score = summary_text["score"]
                    print(
                        f"[{len(done) + len(failed)}/{len(names)}] {name}: {score:.1%} killed "
                        f"({summary_text['counts']}), {summary_text['minutes']} min wall, "
                        f"{summary_text['cpu minutes']} min CPU; {minutes:.1f} min so far",
                        flush=True,
                    )
                else:
                    print(f"[{len(done) + len(failed)}/{len(names)}] {name} FAILED: see {log}", flush=True)

    sampler = threading.Thread(target=sample_load, daemon=True)
    sampler.start()
    with tempfile.TemporaryDirectory(prefix="mutate-") as folder:
        slots = [Path(folder) / f"job-{index}" for index in range(min(jobs, len(names)))]
        threads = [threading.Thread(target=job, args=(slot,)) for slot in slots]
        for slot, thread in zip(slots, threads, strict=True):
            slot.mkdir()
            thread.start()
        for thread in threads:
            thread.join()
    finished.set()
    loads.append(os.getloadavg()[0])
    own = resource.getrusage(resource.RUSAGE_SELF)
    cpu_minutes = (children_cpu() - cpu + own.ru_utime + own.ru_stime) / 60
    wall_minutes = (time.time() - started) / 60
    run_summary = {
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime(started)),
        "modules": names,
        "jobs": len(slots),
        "wall minutes": round(wall_minutes, 1),
        "cpu minutes": round(cpu_minutes, 1),
        "cpu minutes / 2 cores": round(cpu_minutes / 2, 1),
        "load average (1 min), sampled every 30 s": {
            "min": round(min(loads), 1),
            "mean": round(sum(loads) / len(loads), 1),
            "max": round(max(loads), 1),
        },
    }
    (WORK / "run.json").write_text(json.dumps(run_summary, indent=2) + "\n", encoding="utf-8")
    print(
        f"{len(done)} module(s) in {wall_minutes:.1f} minutes wall with {len(slots)} jobs; "
        f"{cpu_minutes:.1f} CPU minutes (user + system of every process of the run), so "
        f"{cpu_minutes / 2:.1f} minutes on a quiet 2-core machine; load average "
        f"{run_summary['load average (1 min), sampled every 30 s']} (1 min, sampled every 30 s)",
        flush=True,
    )
    if failed:
        sys.exit(f"failed: {', '.join(failed)} (logs in {WORK})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"modules to mutate (default all): {', '.join(TARGETS)}")
    parser.add_argument("--list", action="store_true", help="list the modules and their test selections")
    parser.add_argument("--summary", action="store_true", help="only summarise the last run's sessions")
    parser.add_argument(
        "--retest-survivors",
        action="store_true",
        help="run only the last session's surviving mutants again (after adding tests)",
    )
    parser.add_argument(
        "--keep-lines",
        default="",
        help="with --retest-survivors: comma-separated lines whose survivors are written off and not run again",
    )
    parser.add_argument(
        "--timeout", type=float, default=180.0, help="seconds per mutant before it counts as a timeout"
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        help="modules mutated at once, each in its own copy of the checkout (default: one per core)",
    )
    args = parser.parse_args()
    if args.list:
        for name, target in TARGETS.items():
            print(f"{name}: {target.path} (lines {target.lines() or 'all'}) <- {target.tests}")
        return
    unknown = sorted(set(args.names) - set(TARGETS))
    if unknown:
        sys.exit(f"unknown module(s) {', '.join(unknown)}; expected some of: {', '.join(TARGETS)}")
    os.environ["PYTHONPATH"] = str(REPO / "scripts") + os.pathsep + os.environ.get("PYTHONPATH", "")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("PYTHAINLP_DATA", str(REPO / ".cache" / "pythainlp"))
    # The tiny Argos model parts are built once and shared by every mutant's pytest run
    # (tests/conftest_argos.py); tinymodel.py is not mutated, and the cache is keyed by its text.
    os.environ.setdefault("HANDBOOK_TINY_MODEL_CACHE", str(WORK / "tiny-models"))
    # Property tests try at most this many examples, the same ones for every mutant (tests/
    # hypothesis_budget.py); bench/MUTATION.md says what the cap costs in kills.
    os.environ.setdefault("HANDBOOK_HYPOTHESIS_EXAMPLES", str(HYPOTHESIS_EXAMPLES))
    names = args.names or list(LONGEST_FIRST)
    if args.jobs > 1 and len(names) > 1 and not (args.summary or args.retest_survivors):
        mutate_in_copies(names, args.jobs, args.timeout)
        return
    for name in names:
        if args.summary:
            session = WORK / f"{name}.sqlite"
            if session.is_file():
                print(name, json.dumps(summary(session, REPO / TARGETS[name].path), indent=2))
            continue
        keep = {int(line) for line in args.keep_lines.split(",") if line.strip()}
        result = (
            retest_survivors(name, args.timeout, keep)
            if args.retest_survivors
            else mutate(name, args.timeout)
        )
        print(json.dumps(result, indent=2), flush=True)


if __name__ == "__main__":
    main()
