"""Measure how well `handbook ingest` cleans real-world pages: the corpus in tests/data/ingest/corpus.

Usage: .venv/bin/python bench/ingest_quality.py [--set tuning|holdout|holdout2|holdout3|all] [--verbose] [--record]

`--record` replaces the `## ingest quality` section of bench/RESULTS.md by this run's command,
date, commit, table and the verdicts computed from it. That section is at present written by hand
(issue 12's dated runs, with held-out sets measured once each), so `make bench` runs this script
without `--record`: it prints the tuning set's figures and records nothing.

Runs the real ingest (`handbook.ingest.pipeline.ingest_bytes`) over every page of the set and
compares what is left (the title and the clean blocks) with the page's `.expect.yml`. Prints,
per language and overall: junk lines removed (recall), content paragraphs kept, and content
paragraphs wrongly removed. `--verbose` lists every surviving junk line and every lost paragraph.

Matching (both sides NFKC-normalised, whitespace collapsed, a leading `*`/`-`/`•` bullet dropped):

- a junk line *survives* when an output block equals it, or when it occurs inside the output
  (as a line joined to another, or a segment of a block) more often than it occurs inside the
  page's own content paragraphs (so the "14" of a vote counter is not found in "14 days");
- a content paragraph is *kept* when its text, with all whitespace removed, is found in the
  output with all whitespace removed (ingest joins broken lines and splits nothing, and Thai
  joins lines without a space), or when one output block holds at least 90 % of it (a repair
  such as a heading glued to the paragraph, removed from its start).

The held-out sets are measured once each, when written, and recorded beside the tuning figure;
never tune on them. `holdout` (the first, 10 pages) has since been seen and is now a second
tuning check; `holdout2` (10 pages written after the method was changed to classify every HTML
block) was measured once and has been seen since; `holdout3` (10 pages written in round 3 before
that round's changes were measured on them) is the current measure of pages the method was not
tuned on.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from results import record_section  # noqa: E402  (bench/results.py, beside this script)

from handbook.ingest.pipeline import ingest_bytes  # noqa: E402
from handbook.ingest.records import IngestError  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "ingest" / "corpus"
SETS = ("tuning", "holdout", "holdout2", "holdout3")
LANGS = ("en", "he", "ar", "th", "ru")
_SPACE = re.compile(r"\s+")
_BULLET = re.compile(r"^[*\-•–·]\s+")


def norm(text: str) -> str:
    """NFKC, whitespace collapsed, trimmed, a leading list bullet dropped."""
    return _BULLET.sub("", _SPACE.sub(" ", unicodedata.normalize("NFKC", str(text))).strip())


def squeeze(text: str) -> str:
    return _SPACE.sub("", text)


@dataclass
class PageScore:
    name: str
    lang: str
    junk: int = 0
    junk_removed: int = 0
    content: int = 0
    content_kept: int = 0
    surviving_junk: list[str] = field(default_factory=list)
    lost_content: list[str] = field(default_factory=list)
    error: str = ""


def pages(which: str) -> list[Path]:
    sets = SETS if which == "all" else (which,)
    found: list[Path] = []
    for name in sets:
        found.extend(sorted((CORPUS / name).glob("*.expect.yml")))
    return found


def score_page(expect_path: Path) -> PageScore:
    expect = yaml.safe_load(expect_path.read_text(encoding="utf-8"))
    page = expect_path.with_name(expect["input"])
    score = PageScore(page.name, expect["lang"])
    content = [norm(c) for c in expect.get("content") or [] if norm(c)]
    junk = [norm(j) for j in expect.get("junk") or [] if norm(j)]
    score.junk, score.content = len(junk), len(content)
    try:
        source = ingest_bytes(page.read_bytes(), name=page.name)
        outputs = [norm(source.title)] + [norm(b.text) for b in source.blocks]
    except IngestError as exc:
        score.error = str(exc)
        outputs = []
    output_set = set(outputs)
    for line in junk:
        inside_output = sum(out.count(line) for out in outputs)
        inside_content = sum(c.count(line) for c in content)
        if line in output_set or inside_output > inside_content:
            score.surviving_junk.append(line)
        else:
            score.junk_removed += 1
    everything = "".join(squeeze(out) for out in outputs)
    squeezed_blocks = [squeeze(out) for out in outputs]
    for paragraph in content:
        key = squeeze(paragraph)
        if key in everything or any(
            len(block) >= 0.9 * len(key) and block in key for block in squeezed_blocks
        ):
            score.content_kept += 1
        else:
            score.lost_content.append(paragraph)
    return score


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "–"


def summary(scores: list[PageScore]) -> list[tuple[str, int, int, int, int, int]]:
    """Rows of (language, pages, junk, junk removed, content, content kept); 'all' last."""
    by_lang: dict[str, list[PageScore]] = defaultdict(list)
    for score in scores:
        by_lang[score.lang].append(score)
    rows = []
    for lang in [*LANGS, "all"]:
        group = scores if lang == "all" else by_lang.get(lang, [])
        if not group:
            continue
        rows.append(
            (
                lang,
                len(group),
                sum(s.junk for s in group),
                sum(s.junk_removed for s in group),
                sum(s.content for s in group),
                sum(s.content_kept for s in group),
            )
        )
    return rows


def table(rows) -> str:
    lines = [
        "| lang | pages | junk lines removed | content paragraphs kept | paragraphs wrongly removed |",
        "|---|---|---|---|---|",
    ]
    for lang, n, junk, removed, content, kept in rows:
        lines.append(
            f"| {lang} | {n} | {removed}/{junk} = {pct(removed, junk)} | {kept}/{content} = "
            f"{pct(kept, content)} | {content - kept} |"
        )
    return "\n".join(lines)


JUNK_AIM = 90.0  # % of junk lines removed, in every language


def verdicts(rows) -> str:
    """The aims, judged on this run's rows only."""
    per_lang = [row for row in rows if row[0] != "all"]
    low = [
        f"{lang} ({pct(removed, junk)})"
        for lang, _, junk, removed, _, _ in per_lang
        if junk and 100 * removed / junk < JUNK_AIM
    ]
    lost = [f"{lang} ({content - kept})" for lang, _, _, _, content, kept in per_lang if kept < content]
    junk_line = "met in every language" if not low else "not met in " + ", ".join(low)
    kept_line = "met" if not lost else "not met: paragraphs lost in " + ", ".join(lost)
    return f"Aims: junk removed >= {JUNK_AIM:.0f} % in every language: {junk_line}. Content kept 100 %: {kept_line}."


def record(which: str, text: str, rows) -> None:
    from datetime import UTC, datetime

    commit = (
        subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False
        ).stdout.strip()
        or "unknown"
    )
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    section = (
        "## ingest quality\n\n"
        "How much boilerplate `handbook ingest` removes from real-world pages it was not written around\n"
        f"(tests/data/ingest/corpus, the {which} set; the matching rules are in the script's docstring).\n"
        "Written by `bench/ingest_quality.py --record`; earlier hand-recorded runs (baseline, held-out\n"
        "set) are under Earlier runs.\n\n"
        f"Command: `.venv/bin/python bench/ingest_quality.py --set {which} --record` ({stamp}, commit {commit})\n\n"
        f"{text}\n\n{verdicts(rows)}\n"
    )
    record_section("## ingest quality", section)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--set", dest="which", choices=(*SETS, "all"), default="tuning")
    parser.add_argument("--verbose", action="store_true", help="list surviving junk and lost content")
    parser.add_argument("--record", action="store_true", help="write this run's section of bench/RESULTS.md")
    args = parser.parse_args()
    scores = [score_page(path) for path in pages(args.which)]
    if not scores:
        print(f"no pages in the {args.which} set under {CORPUS}", file=sys.stderr)
        return 1
    if args.verbose:
        for score in scores:
            if score.error:
                print(f"{score.name}: ingest failed: {score.error}")
            for line in score.surviving_junk:
                print(f"{score.name}: junk kept: {line[:100]}")
            for line in score.lost_content:
                print(f"{score.name}: CONTENT LOST: {line[:100]}")
    rows = summary(scores)
    print(f"set: {args.which}")
    print(table(rows))
    print(verdicts(rows))
    if args.record:
        record(args.which, table(rows), rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
