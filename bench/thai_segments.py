"""Benchmark: how many Thai words of the index does the browser cut the way the build does? (issue 22)

The build cuts the Thai pages into words with pythainlp's newmm (the words the index holds, and
the word list `handbook-words-th.json.gz`); the search box cuts a query with Chromium's
Intl.Segmenter (ICU's dictionary), then re-joins adjacent pieces that form an index word
(`handbookSearch.thaiWords`). For every Thai word of the built Thai pages' articles, as newmm cuts
them in their sentences, this counts the words the browser does not give back as one piece:

- in context: each run of Thai letters of the pages, cut by both; a word (distinct, and every
  occurrence) of four letters or more (the word list's shortest) that is not one of the browser's
  pieces at the same place;
- alone: the word typed on its own (a query of one word).

"browser, raw" is Intl.Segmenter alone; "browser, joined" is what the search box searches.

    .venv/bin/python bench/thai_segments.py --site site
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import sys
from html import unescape
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

from handbook.site.search_tokens import WORD  # noqa: E402

SCRIPT = REPO / "overrides" / "assets" / "javascripts" / "handbook-search.js"
MIN_WORD = 4  # handbook.site.search.MIN_VOCABULARY_WORD
_ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
_TAG = re.compile(r"<[^>]*>")

CUT = """([runs, words]) => {
  const segmenter = new Intl.Segmenter("th", { granularity: "word" });
  const raw = (text) => Array.from(segmenter.segment(text)).filter((p) => p.isWordLike)
    .map((p) => [p.index, p.index + p.segment.length]);
  const join = window.handbookSearch && window.handbookSearch.thaiWords;
  const joined = (text) => join ? join(text, words).map((w) => [w.start, w.end]) : raw(text);
  return runs.map((run) => [raw(run), joined(run)]);
}"""


def thai_runs(site: Path) -> list[str]:
    runs = []
    for path in sorted((site / "th").rglob("*.html")):
        for article in _ARTICLE.findall(path.read_text(encoding="utf-8")):
            runs += WORD["th"].findall(unescape(_TAG.sub(" ", article)))
    return runs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=REPO / "site", help="a built site/ (handbook build)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright
    from pythainlp.tokenize import word_tokenize

    runs = thai_runs(args.site)
    words = json.loads(gzip.decompress((args.site / "pagefind" / "handbook-words-th.json.gz").read_bytes()))
    build = [word_tokenize(run, engine="newmm", keep_whitespace=False) for run in runs]
    distinct = sorted({word for cut in build for word in cut if len(word) >= MIN_WORD})
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=["--no-sandbox"])
        page = browser.new_page()
        page.set_content('<!doctype html><html lang="th"><body></body></html>')
        page.add_script_tag(path=str(SCRIPT))
        in_context = page.evaluate(CUT, [runs, words])
        alone = page.evaluate(CUT, [distinct, words])
        browser.close()
    for side, index in (("browser, raw", 0), ("browser, joined", 1)):
        differ_at: dict[str, int] = {}
        total = occurrences = 0
        for run, cut, spans in zip(runs, build, in_context, strict=True):
            pieces = {tuple(span) for span in spans[index]}
            at = 0
            for word in cut:
                start = run.index(word, at)
                at = start + len(word)
                if len(word) < MIN_WORD:
                    continue
                total += 1
                if (start, at) not in pieces:
                    occurrences += 1
                    differ_at[word] = differ_at.get(word, 0) + 1
        split_alone = [
            word for word, spans in zip(distinct, alone, strict=True) if spans[index] != [[0, len(word)]]
        ]
        print(
            f"{side}: in context {len(differ_at)} of {len(distinct)} distinct words "
            f"({occurrences} of {total} occurrences) cut differently; alone {len(split_alone)} of "
            f"{len(distinct)}; e.g. {', '.join(split_alone[:12])}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
