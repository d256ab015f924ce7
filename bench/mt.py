"""Benchmark: machine translation overhead of the Argos engine over bare CTranslate2 (issue 5, item 8).

Builds the tiny copy-model packages (`handbook.translate.tinymodel`) in a temporary folder, takes every
segment of `docs/en`, and times, per target language (he, ar, th, ru):

- `engine`: `ArgosEngine.translate(segments, "en", lang)` -- the whole path `handbook sync` uses
  (masking, sentence splitting, Argos packages/tokenizer, one batched model call, restoring);
- `direct`: `ctranslate2.Translator.translate_batch` on the same segments, already tokenized,
  with the same beam size and batch settings -- the floor any wrapper can reach;
- `per_call`: Argos' own `translate()` called once per segment (what a naive engine would do),
  for Hebrew only (it is slow).

The overhead ratio is engine / direct (aim: under 1.5); times are CPU seconds of the process (all
threads), which stay steady when other jobs share the machine. "wrapper" is the engine's own
share: its time outside `translate_batch` relative to its time inside. Settings are read by Argos
at import, so `--settings` times each ARGOS_INTRA_THREADS/ARGOS_BATCH_SIZE pair in a fresh
process (wall time: threads only help wall time).

    .venv/bin/python bench/mt.py [--repeat 3] [--limit N] [--settings]

The tiny model computes almost nothing, so the ratio here is an upper bound: with a real model
the same fixed overhead is a far smaller share of the time.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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
    """CPU time of engine, direct and (Hebrew only) per-call translation of the English segments."""
    with tempfile.TemporaryDirectory(prefix="bench-mt-") as scratch:
        setup = _setup(Path(scratch))
        import ctranslate2
        import sentencepiece as spm
        from argostranslate import settings
        from argostranslate import translate as argos_translate

        from handbook.translate.argos import ArgosEngine

        segments = english_segments()[:limit]
        engine = ArgosEngine()
        processor = spm.SentencePieceProcessor(model_file=str(setup["parts"].sentencepiece_model))
        tokenized = [processor.encode(text, out_type=str) for text in segments]
        translator = ctranslate2.Translator(
            str(setup["parts"].model_dir), intra_threads=settings.intra_threads, inter_threads=1
        )

        def direct() -> None:
            translator.translate_batch(
                tokenized,
                replace_unknowns=True,
                max_batch_size=settings.batch_size,
                batch_type="tokens",
                beam_size=settings.beam_size,
                length_penalty=0.2,
            )

        engine.translate(segments[:5], "en", "he")  # load models, splitter, tokenizer once
        direct()
        result = {
            "segments": len(segments),
            "characters": sum(len(text) for text in segments),
            "tokens": sum(len(tokens) for tokens in tokenized),
            "intra_threads": settings.intra_threads,
            "batch_size": settings.batch_size,
            "beam_size": settings.beam_size,
            "languages": {},
        }
        for target in TARGETS:
            output = engine.translate(segments, "en", target)
            if output != segments:  # the copy model must give the input back exactly
                wrong = next(i for i, (a, b) in enumerate(zip(output, segments, strict=True)) if a != b)
                raise SystemExit(f"engine changed segment {wrong}: {segments[wrong]!r} -> {output[wrong]!r}")
            runs = []  # (CPU seconds of the whole call, CPU seconds inside translate_batch)
            for _ in range(repeat):
                model_before, start = engine.model_seconds, time.process_time()
                engine.translate(segments, "en", target)
                runs.append((time.process_time() - start, engine.model_seconds - model_before))
            engine_s, engine_model_s = min(runs)
            row = {"engine_s": engine_s, "engine_model_s": engine_model_s, "direct_s": _cpu(direct, repeat)}
            if per_call and target == TARGETS[0]:  # slow: one language is enough to compare
                translation = argos_translate.get_translation_from_codes("en", target)
                row["per_call_s"] = _cpu(lambda tr=translation: [tr.translate(s) for s in segments], 1)
            row["ratio"] = row["engine_s"] / row["direct_s"]
            row["wrapper_share"] = (row["engine_s"] - row["engine_model_s"]) / row["engine_model_s"]
            result["languages"][target] = row
        for key in ("engine_s", "engine_model_s", "direct_s"):
            result[key] = sum(row[key] for row in result["languages"].values())
        result["ratio"] = result["engine_s"] / result["direct_s"]
        result["wrapper_share"] = (result["engine_s"] - result["engine_model_s"]) / result["engine_model_s"]
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the best is kept")
    parser.add_argument("--limit", type=int, default=None, help="only the first N segments")
    parser.add_argument("--json", action="store_true", help="print the measurement as JSON")
    parser.add_argument("--no-per-call", action="store_true", help="skip the slow one-call-per-segment run")
    parser.add_argument("--settings", action="store_true", help="also compare Argos thread/batch settings")
    parser.add_argument("--wall-once", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.wall_once is not None:
        print(json.dumps(_wall_once(args.wall_once)))
        return
    result = measure_overhead(args.repeat, per_call=not args.no_per_call, limit=args.limit)
    if args.settings:
        result["settings"] = measure_settings()
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(
        f"{result['segments']} segments, {result['tokens']} tokens; intra_threads={result['intra_threads']} "
        f"batch_size={result['batch_size']} beam_size={result['beam_size']}; CPU seconds, best of {args.repeat}"
    )
    print(f"{'lang':<6}{'engine':>9}{'in model':>10}{'direct':>9}{'ratio':>7}{'wrapper':>9}{'per-call':>10}")
    rows = [*result["languages"].items(), ("all", result)]
    for lang, row in rows:
        per_call = f"{row['per_call_s']:>10.2f}" if "per_call_s" in row else ""
        print(
            f"{lang:<6}{row['engine_s']:>9.2f}{row['engine_model_s']:>10.2f}{row['direct_s']:>9.2f}"
            f"{row['ratio']:>7.2f}{row['wrapper_share']:>8.0%}{per_call}"
        )
    for row in result.get("settings", []):
        print(
            f"ARGOS_INTRA_THREADS={row['ARGOS_INTRA_THREADS']} ARGOS_BATCH_SIZE={row['ARGOS_BATCH_SIZE']}: "
            f"engine {row['wall_s']:.2f} s wall (200 segments, en → he)"
        )


if __name__ == "__main__":
    main()
