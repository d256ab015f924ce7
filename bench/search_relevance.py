"""Benchmark: does the search box answer what staff actually type? (issue 22)

Runs the question set `tests/data/search/relevance.yml` (everyday queries per language, each with
its acceptable pages) in real Chromium through the site's own header search box, on a strict
build of this checkout (or on an already built site with --site), and prints per language, for
the tuning and the held-out queries separately:

- top-1: an acceptable page is the first result;
- top-3: an acceptable page is among the first three results;
- empty: the box showed no result at all.

    .venv/bin/python bench/search_relevance.py [--site DIR] [--lang en,he] [--parts tuning] [--show] [--record LABEL]

--show prints each tuning (and seen held-out) query with its first three results (never a held-out one); --record LABEL writes the table under
`## search relevance` in bench/RESULTS.md (keeping earlier runs of that section, so a baseline and
a later run sit side by side). Held-out queries are for a single final measurement: do not tune on
their output.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from results import RESULTS  # noqa: E402  (bench/results.py, beside this script)

from handbook.core.project import LANGUAGES, Project  # noqa: E402
from handbook.site.search_box import run_query  # noqa: E402

QUESTIONS = REPO / "tests" / "data" / "search" / "relevance.yml"
SECTION = "## search relevance"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
]
# tuning: looked at while tuning; seen_held_out: an earlier held-out set, measured once and then
# looked at (tuning data since); held_out: never looked at, measured once.
PARTS = ("tuning", "seen_held_out", "held_out")
_ID = re.compile(r"^id:\s*(\S+)\s*$", re.M)


def page_ids(docs: Path) -> dict[str, str]:
    """Page id (front matter) -> URL path below a language's root (`principles/x/`, `` for home)."""
    ids = {}
    for path in sorted(docs.rglob("*.md")):
        found = _ID.search(path.read_text(encoding="utf-8")[:2000])
        if found:
            stem = path.relative_to(docs).with_suffix("").as_posix()
            ids[found.group(1)] = "" if stem == "index" else stem + "/"
    return ids


def lang_root(lang: str) -> str:
    return "/" if lang == "en" else f"/{lang}/"


def build(workdir: Path) -> Path:
    from handbook.site.build import build_site

    return build_site(Project(REPO).copy(workdir))


def measure(
    site_url: str, questions: dict, ids: dict[str, str], langs: list[str], show: bool, parts=PARTS
) -> dict:
    from playwright.sync_api import sync_playwright

    scores: dict = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        for lang in langs:
            context = browser.new_context(viewport={"width": 390, "height": 844})
            page = context.new_page()
            page.goto(site_url + lang_root(lang))
            for part in parts:
                rows = questions[lang].get(part)
                if not rows:
                    continue
                top1 = top3 = empty = 0
                for row in rows:
                    paths = run_query(page, row["q"], timeout=20_000)
                    # A page an editor merged away no longer counts (relevance.yml never relies on one alone).
                    ok = {lang_root(lang) + ids[page_id] for page_id in row["ok"] if page_id in ids}
                    top1 += bool(paths[:1] and paths[0] in ok)
                    top3 += bool(ok.intersection(paths[:3]))
                    empty += not paths
                    if show and part != "held_out":  # held-out results are never shown
                        mark = (
                            "1"
                            if paths[:1] and paths[0] in ok
                            else "3"
                            if ok.intersection(paths[:3])
                            else "-"
                        )
                        print(
                            f"  {lang} {part:8} {mark} {row['q']!r}: {[p.removeprefix(lang_root(lang)) for p in paths[:3]]}"
                        )
                scores[(lang, part)] = (len(rows), top1, top3, empty)
            context.close()
        browser.close()
    return scores


def table(scores: dict) -> str:
    lines = ["| language | set | queries | top-1 | top-3 | empty |", "|---|---|---|---|---|---|"]
    for (lang, part), (count, top1, top3, empty) in scores.items():
        lines.append(
            f"| {lang} | {part.replace('_', '-')} | {count} | {100 * top1 / count:.0f} % | "
            f"{100 * top3 / count:.0f} % | {100 * empty / count:.0f} % |"
        )
    return "\n".join(lines)


def record(label: str, text: str, command: str) -> None:
    results = RESULTS.read_text(encoding="utf-8") if RESULTS.is_file() else "# Benchmark results\n"
    start = results.find(f"\n{SECTION}\n")
    intro = (
        f"{SECTION}\n\nThe question set `tests/data/search/relevance.yml` (issue 22) typed into the header "
        "search box in Chromium (phone-sized window) on a strict build of the handbook. top-1/top-3: an "
        "acceptable page first / in the first three; empty: no result shown. Held-out queries were not "
        "looked at while tuning.\n"
    )
    runs = ""
    if start >= 0:
        end = results.find("\n## ", start + 1)
        body = results[start + 1 : end if end >= 0 else len(results)]
        runs = body[body.find("\n### ") + 1 :] if "\n### " in body else ""
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    runs = (
        runs.rstrip("\n")
        + ("\n\n" if runs.strip() else "")
        + f"### {label} ({stamp})\n\n`{command}`\n\n{text}\n"
    )
    section = intro + "\n" + runs
    if start < 0:
        results = results.rstrip("\n") + "\n\n" + section
    else:
        end = results.find("\n## ", start + 1)
        results = results[: start + 1] + section + (results[end:] if end >= 0 else "")
    RESULTS.write_text(results, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, help="an already built site/ to search (default: build one)")
    parser.add_argument("--lang", default=",".join(lang.code for lang in LANGUAGES))
    parser.add_argument(
        "--parts",
        default=",".join(PARTS),
        help="which sets to run (while tuning: tuning,seen_held_out; the held-out set once, at the end)",
    )
    parser.add_argument("--show", action="store_true", help="print each query's first three results")
    parser.add_argument("--record", metavar="LABEL", help="add this run to bench/RESULTS.md under LABEL")
    args = parser.parse_args()
    questions = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    ids = page_ids(REPO / "docs" / "en")
    langs = args.lang.split(",")
    with tempfile.TemporaryDirectory(prefix="search-relevance-") as tmp:
        started = time.perf_counter()
        site = args.site or build(Path(tmp) / "handbook")
        if not args.site:
            print(f"built the site in {time.perf_counter() - started:.0f} s")
        from handbook.site.serve import make_server

        server = make_server(site, port=0, verbose=False)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            scores = measure(
                f"http://127.0.0.1:{server.server_address[1]}",
                questions,
                ids,
                langs,
                args.show,
                args.parts.split(","),
            )
        finally:
            server.shutdown()
            server.server_close()
    text = table(scores)
    print(text)
    if args.record:
        command = (
            "python bench/search_relevance.py"
            + (f" --lang {args.lang}" if args.lang != parser.get_default("lang") else "")
            + (f" --parts {args.parts}" if args.parts != parser.get_default("parts") else "")
        )
        record(args.record, text, command)
    return 0


if __name__ == "__main__":
    sys.exit(main())
