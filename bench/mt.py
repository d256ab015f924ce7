"""Benchmark: what the Argos engine's wrapper costs over bare CTranslate2, like for like (issue 5, 21).

Builds the tiny copy-model packages (`handbook.translate.tinymodel`) in a temporary folder, takes every
segment of `docs/en`, and measures, per target language (he, ar, th, ru), in CPU seconds of the
process (all threads; they stay steady when other jobs share the machine), best of `--repeat`:

- `engine`: `ArgosEngine.translate(segments, "en", lang)` -- the whole path `handbook sync` uses
  (masking, sentence splitting, Argos tokenizer, one batched model call, restoring);
- `in model`: the part of `engine` spent inside `translate_batch`;
- `direct`: `ctranslate2.Translator.translate_batch` on exactly the sentences the engine sent to
  the model (recorded from the engine), already tokenized, with the engine's batch settings --
  the same work without the wrapper;
- `overhead`: (engine - direct) / direct, the wrapper's cost on top of the model;
- `per call`: Argos' own `translate()` called once per segment (what a naive engine would do),
  for Hebrew only (it is slow).

The tiny model computes almost nothing, so the overhead here is an upper bound: with a real model
the same fixed wrapper cost is a far smaller share of the time.

    .venv/bin/python bench/mt.py [--repeat 3] [--limit N] [--no-per-call] [--settings] [--no-record]

Results go to the `## machine translation` section of `bench/RESULTS.md` (other sections are left
alone); every figure in it is computed by the run that writes it. Argos reads its settings at
import, so `--settings` times each ARGOS_INTRA_THREADS/ARGOS_BATCH_SIZE pair in a fresh process
(wall time: threads only help wall time).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

from results import record_section  # bench/results.py, beside this script

REPO = Path(__file__).resolve().parent.parent
TARGETS = ("he", "ar", "th", "ru")


def english_segments() -> list[str]:
    from handbook.translate.segments import extract

    sources: list[str] = []
    for page in sorted((REPO / "docs" / "en").rglob("*.md")):
        sources += [segment.source for segment in extract(page.read_text(encoding="utf-8"))]
    return sources


def _setup(work: Path) -> dict:
    """Point Argos at `work`, import it, build and install the tiny en → xx packages."""
    os.environ["ARGOS_PACKAGES_DIR"] = str(work / "packages")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = str(work / name.lower())
    os.environ.setdefault("PYTHAINLP_DATA", str(work / "pythainlp"))
    from handbook.translate import tinymodel
    from handbook.translate.models import import_argos

    import_argos()
    import argostranslate.package

    parts = tinymodel.build_parts(work / "build")
    for target in TARGETS:
        argostranslate.package.install_from_path(
            tinymodel.build_package(parts, "en", target, work / "archives")
        )
    return {"parts": parts}


def _cpu(function, repeat: int) -> float:
    """Best CPU time (all threads of this process) of `repeat` runs: steady on a shared machine."""
    times = []
    for _ in range(repeat):
        start = time.process_time()
        function()
        times.append(time.process_time() - start)
    return min(times)


def measure_overhead(repeat: int = 3, per_call: bool = True, limit: int | None = None) -> dict:
    """CPU time of the engine, of the same sentences through CTranslate2 directly, and per call."""
    with tempfile.TemporaryDirectory(prefix="bench-mt-") as scratch:
        setup = _setup(Path(scratch))
        import ctranslate2
        from argostranslate import settings
        from argostranslate import translate as argos_translate

        from handbook.translate.argos import ArgosEngine

        class RecordingEngine(ArgosEngine):
            """The engine, remembering the sentences it sends to the model (first leg)."""

            sent: list[str] = []

            def _translate_sentences(self, leg, sentences: list[str]) -> list[str]:
                self.sent = list(sentences)
                self.leg = leg
                return super()._translate_sentences(leg, sentences)

        segments = english_segments()[:limit]
        engine = RecordingEngine()
        translator = ctranslate2.Translator(
            str(setup["parts"].model_dir), intra_threads=settings.intra_threads, inter_threads=1
        )
        engine.translate(segments[:5], "en", "he")  # load models, splitter, tokenizer once
        result = {
            "segments": len(segments),
            "characters": sum(len(text) for text in segments),
            "intra_threads": settings.intra_threads,
            "batch_size": settings.batch_size,
            "beam_size": max(1, settings.beam_size),
            "languages": {},
        }
        for target in TARGETS:
            output = engine.translate(segments, "en", target)
            if output != segments:  # the copy model must give the input back exactly
                wrong = next(i for i, (a, b) in enumerate(zip(output, segments, strict=True)) if a != b)
                raise SystemExit(f"engine changed segment {wrong}: {segments[wrong]!r} -> {output[wrong]!r}")
            sentences = engine.sent
            tokenized = [engine.leg.pkg.tokenizer.encode(sentence) for sentence in sentences]

            def direct(tokenized=tokenized) -> None:  # what _translate_sentences asks of the model
                translator.translate_batch(
                    tokenized,
                    replace_unknowns=True,
                    max_batch_size=settings.batch_size,
                    batch_type="tokens",
                    beam_size=max(1, settings.beam_size),
                    num_hypotheses=1,
                    length_penalty=0.2,
                )

            runs = []  # (CPU seconds of the whole call, CPU seconds inside translate_batch)
            for _ in range(repeat):
                model_before, start = engine.model_seconds, time.process_time()
                engine.translate(segments, "en", target)
                runs.append((time.process_time() - start, engine.model_seconds - model_before))
            engine_s, engine_model_s = min(runs)
            row = {
                "sentences": len(sentences),
                "tokens": sum(len(tokens) for tokens in tokenized),
                "engine_s": engine_s,
                "engine_model_s": engine_model_s,
                "direct_s": _cpu(direct, repeat),
            }
            if per_call and target == TARGETS[0]:  # slow: one language is enough to compare
                translation = argos_translate.get_translation_from_codes("en", target)
                row["per_call_s"] = _cpu(lambda tr=translation: [tr.translate(s) for s in segments], 1)
            row["overhead"] = (row["engine_s"] - row["direct_s"]) / row["direct_s"]
            result["languages"][target] = row
        for key in ("sentences", "tokens", "engine_s", "engine_model_s", "direct_s"):
            result[key] = sum(row[key] for row in result["languages"].values())
        result["overhead"] = (result["engine_s"] - result["direct_s"]) / result["direct_s"]
        return result


def measure_settings(limit: int = 200) -> list[dict]:
    """Wall time of the engine (first `limit` segments, en → he) under Argos' defaults and ours."""
    rows = []
    for threads, batch in (("0", "32"), ("1", "32"), ("0", "1024"), ("1", "1024")):
        env = {**os.environ, "ARGOS_INTRA_THREADS": threads, "ARGOS_BATCH_SIZE": batch}
        done = subprocess.run(
            [sys.executable, __file__, "--wall-once", str(limit)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        rows.append({"ARGOS_INTRA_THREADS": threads, "ARGOS_BATCH_SIZE": batch, **json.loads(done.stdout)})
    return rows


def _wall_once(limit: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-mt-") as scratch:
        _setup(Path(scratch))
        from handbook.translate.argos import ArgosEngine

        segments = english_segments()[:limit]
        engine = ArgosEngine()
        engine.translate(segments[:5], "en", "he")
        times = []
        for _ in range(3):
            start = time.perf_counter()
            engine.translate(segments, "en", "he")
            times.append(time.perf_counter() - start)
        return {"wall_s": min(times)}


RESULTS = REPO / "bench" / "RESULTS.md"
SECTION = "## machine translation"
OVERHEAD_AIM = 0.5  # the wrapper may add at most half the model's own time


def render(result: dict, repeat: int, limit: int | None, load: tuple[float, float]) -> str:
    """The `## machine translation` section: every figure comes from `result`, measured by this run."""
    rows = []
    for lang, row in [*result["languages"].items(), ("all", result)]:
        per_call = f"{row['per_call_s']:.2f} s" if "per_call_s" in row else ""
        rows.append(
            f"| {lang} | {row['sentences']:,} | {row['tokens']:,} | {row['engine_s']:.2f} s "
            f"| {row['engine_model_s']:.2f} s | {row['direct_s']:.2f} s | {row['overhead']:.0%} | {per_call} |"
        )
    command = "`.venv/bin/python bench/mt.py" + f" --repeat {repeat}" + (f" --limit {limit}" if limit else "")
    command += "`" if "per_call_s" in result["languages"].get("he", {}) else " --no-per-call`"
    met = "met" if result["overhead"] < OVERHEAD_AIM else "**not met**"
    settings_rows = "\n".join(
        f"| {row['ARGOS_INTRA_THREADS']} | {row['ARGOS_BATCH_SIZE']} | {row['wall_s']:.2f} s |"
        for row in result.get("settings", [])
    )
    settings = (
        f"""
Argos' settings, wall time of the engine on the first 200 segments (en -> he), each in a fresh
process (`--settings`, same run):

| ARGOS_INTRA_THREADS | ARGOS_BATCH_SIZE | wall |
|---|---|---|
{settings_rows}
"""
        if settings_rows
        else ""
    )
    return f"""{SECTION}

The Argos engine (`handbook.translate.argos.ArgosEngine`, what `handbook sync --engine argos`
calls) against `ctranslate2.Translator.translate_batch` called directly on the very sentences the
engine sent to the model, on {result["segments"]:,} segments of `docs/en`, en -> he, ar, th, ru, with
the tiny copy-model packages (output equals input, checked). Settings: intra_threads
{result["intra_threads"]}, batch size {result["batch_size"]} tokens, beam {result["beam_size"]}. CPU seconds of
the process (all threads), best of {repeat}. "overhead" is (engine - direct) / direct: the
wrapper's cost (masking, sentence splitting, tokenizing, restoring) on top of the same model work.

Command: {command} ({date.today().isoformat()}, {os.cpu_count()} cores, load average {load[0]:.1f} before /
{load[1]:.1f} after, Python {platform.python_version()})

| lang | sentences | tokens | engine | in model | direct | overhead | per call |
|---|---|---|---|---|---|---|---|
{chr(10).join(rows)}

Aim (issue 5): engine / direct under {1 + OVERHEAD_AIM:.1f}, i.e. the wrapper adds under {OVERHEAD_AIM:.0%} to the model's time: {met} ({result["overhead"]:.0%}).
With the tiny model the model's own time is tiny, so this is an upper bound for real models.
{settings}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is kept")
    parser.add_argument("--limit", type=int, default=None, help="only the first N segments")
    parser.add_argument("--json", action="store_true", help="print the measurement as JSON")
    parser.add_argument("--no-per-call", action="store_true", help="skip the slow one-call-per-segment run")
    parser.add_argument("--settings", action="store_true", help="also compare Argos thread/batch settings")
    parser.add_argument("--no-record", action="store_true", help="print only; leave bench/RESULTS.md alone")
    parser.add_argument("--wall-once", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.wall_once is not None:
        print(json.dumps(_wall_once(args.wall_once)))
        return
    load_before = os.getloadavg()[0]
    result = measure_overhead(args.repeat, per_call=not args.no_per_call, limit=args.limit)
    if args.settings:
        result["settings"] = measure_settings()
    if args.json:
        print(json.dumps(result, indent=2))
        return
    section = render(result, args.repeat, args.limit, (load_before, os.getloadavg()[0]))
    print(section)
    if not args.no_record:
        record_section(SECTION, section, RESULTS)


if __name__ == "__main__":
    main()
