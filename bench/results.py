"""Writing one benchmark's section of bench/RESULTS.md, leaving the other sections alone."""

from __future__ import annotations

from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"


def record_section(heading: str, section: str, results: Path = RESULTS) -> None:
    """Replace the section that starts with `heading` (e.g. "## sync") by `section`, or append it."""
    text = results.read_text(encoding="utf-8") if results.is_file() else "# Benchmark results\n"
    start = text.find(f"\n{heading}\n")
    if start < 0:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = text.find("\n## ", start + 1)
        rest = text[end + 1 :] if end >= 0 else ""
        text = text[: start + 1] + section.rstrip("\n") + ("\n\n" + rest if rest else "\n")
    results.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")


def reference_seconds() -> float:
    """CPU seconds a fixed pure-Python loop takes now: how fast this machine's cores are right now.

    On machines of this 2-core kind it has taken between 0.20 s and 1.64 s (0.34 s to 1.64 s at
    different hours of one day), with nothing else of ours running; benchmark times move with it.
    """
    import time

    start = time.process_time()
    total = 0
    for number in range(10_000_000):
        total += number
    return time.process_time() - start
