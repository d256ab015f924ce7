"""Benchmark: what saving one language for offline reading costs (issue 20, budget 3 MB per language).

1. The handbook as it is: the project is built in a temp dir; for each language, the size of its
   precache list (the bytes a service worker downloads when nothing is in the browser's cache,
   uncompressed), then in Chromium the bytes the server actually sent for the language's save:
   a fresh browser opens the language's home page, and everything served after the page's `load`
   event until it says "saved for offline reading" is counted (files the page already loaded are
   revalidated: 304, no body).
2. Growth: the benchmark's generated project (bench/site.py's `generate_project`) at two sizes;
   the list's bytes per 100 more pages of a language.

    .venv/bin/python bench/offline.py [--sizes 50,250] [--no-browser] [--no-record]

Results go to the `## offline` section of bench/RESULTS.md (other sections are left alone).
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import shutil
import sys
import tempfile
import threading
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))
sys.path.insert(0, str(REPO / "bench"))

from results import record_section  # noqa: E402

from handbook.core.project import LANGUAGES, Project  # noqa: E402
from handbook.site.build import build_site  # noqa: E402
from handbook.site.offline import precache_bytes  # noqa: E402
from handbook.site.serve import _SiteHandler  # noqa: E402

SECTION = "## offline"


def _generate_project(root: Path, articles: int) -> Project:
    """bench/site.py's generated project (loaded by path: `site` is also a standard module)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("bench_site", REPO / "bench" / "site.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_site"] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module.generate_project(root, articles)


BUDGET = 3_000_000


class _Counting(_SiteHandler):
    sent: list[int]

    def copyfile(self, source, outputfile):
        self.sent.append(os.fstat(source.fileno()).st_size)
        super().copyfile(source, outputfile)

    def log_message(self, format, *args):  # noqa: A002
        pass


def measure_transfer(site: Path) -> dict[str, int]:
    """Bytes of response bodies sent for each language's save, after its first page has loaded."""
    from playwright.sync_api import sync_playwright

    sent: list[int] = []
    handler = type("Counting", (_Counting,), {"sent": sent})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(site))
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    transferred: dict[str, int] = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium"), args=["--no-sandbox"]
            )
            for lang in LANGUAGES:
                context = browser.new_context()
                page = context.new_page()
                page.goto(url + ("/" if lang.code == "en" else f"/{lang.code}/"), wait_until="load")
                sent.clear()
                page.wait_for_selector("[data-hb-offline-saved]", timeout=120_000)
                transferred[lang.code] = sum(sent)
                context.close()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return transferred


def list_sizes(site: Path) -> dict[str, tuple[int, int]]:
    return {lang.code: precache_bytes(site, lang.code) for lang in LANGUAGES}


def compressed_bytes(site: Path, lang: str) -> int:
    """The list's bytes as a server that gzips text sends them (files already compressed, such as
    Pagefind's, are counted as they are)."""
    import gzip
    import json

    (listed,) = (site / "hb-offline").glob(f"{lang}-*.json")
    total = 0
    for url in json.loads(listed.read_text(encoding="utf-8"))["files"]:
        data = (site / (url + "index.html" if url == "" or url.endswith("/") else url)).read_bytes()
        total += min(len(data), len(gzip.compress(data, compresslevel=6, mtime=0)))
    return total


def pages_of(site: Path, lang: str) -> int:
    folder = site if lang == "en" else site / lang
    skip = {lang.code for lang in LANGUAGES} | {"pagefind", "assets", "go", "hb-offline"}
    return sum(
        1
        for path in folder.rglob("index.html")
        if lang != "en" or path.relative_to(site).parts[0] not in skip
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="50,250", help="two article counts per language")
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--no-record", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ.setdefault("PYTHAINLP_DATA", str(REPO / ".cache" / "pythainlp"))
    os.environ["HANDBOOK_SITE_URL"] = "https://handbook.example.org/"
    small, large = (int(size) for size in args.sizes.split(","))
    with tempfile.TemporaryDirectory(prefix="bench-offline-") as folder:
        project = Project(REPO).copy(Path(folder) / "handbook")
        site = build_site(project)
        real = list_sizes(site)
        real_pages = {code: pages_of(site, code) for code in real}
        real_gzip = {code: compressed_bytes(site, code) for code in real}
        transfer = {} if args.no_browser else measure_transfer(site)
        grown: dict[int, dict[str, tuple[int, int, int]]] = {}
        for size in (small, large):
            generated = _generate_project(Path(folder) / f"generated-{size}", size)
            built = build_site(generated)
            grown[size] = {
                code: (pages_of(built, code), precache_bytes(built, code)[1], compressed_bytes(built, code))
                for code in real
            }
    lines = [
        SECTION,
        "",
        f"Run {date.today().isoformat()} by `python bench/offline.py --sizes {small},{large}` "
        "(written by the script). Budget: saving one language transfers at most 3 MB.",
        "",
        "The handbook as it is (list = every file of the language's precache list, uncompressed: "
        "what a browser with nothing cached downloads; measured = response bodies the server sent "
        "after the first page's `load` until the page said it was saved, in Chromium):",
        "",
        "| language | pages | files in list | list bytes | gzip-compressed | measured transfer | within 3 MB |",
        "|---|---|---|---|---|---|---|",
    ]
    for code, (files, size) in real.items():
        measured = f"{transfer[code] / 1e6:.2f} MB" if code in transfer else "not run"
        lines.append(
            f"| {code} | {real_pages[code]} | {files} | {size / 1e6:.2f} MB | {real_gzip[code] / 1e6:.2f} MB | {measured} | "
            f"{'yes' if size <= BUDGET else 'NO'} |"
        )
    lines += [
        "",
        f"Growth, on the benchmark's generated project ({small} and {large} articles per language):",
        "",
        f"| language | pages at {small} | list at {small} | pages at {large} | list at {large} | per 100 more pages | the same gzip-compressed |",
        "|---|---|---|---|---|---|---|",
    ]
    for code in real:
        p1, b1, z1 = grown[small][code]
        p2, b2, z2 = grown[large][code]
        per100 = (b2 - b1) / (p2 - p1) * 100
        per100z = (z2 - z1) / (p2 - p1) * 100
        lines.append(
            f"| {code} | {p1} | {b1 / 1e6:.2f} MB | {p2} | {b2 / 1e6:.2f} MB | {per100 / 1e6:.2f} MB | "
            f"{per100z / 1e6:.2f} MB |"
        )
    lines += [
        "",
        "A generated page carries the navigation of its whole section list, so a page's HTML grows "
        "with the number of pages: the growth per 100 pages is itself larger on larger sites.",
    ]
    section = "\n".join(lines) + "\n"
    print(section)
    if not args.no_record:
        record_section(SECTION, section)


if __name__ == "__main__":
    main()
