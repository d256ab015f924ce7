"""`handbook build` builds languages in parallel processes and assembles them into one site.

The assembled site must be what mkdocs-static-i18n's own one-process build makes (apart from the
two things the parallel build does better), whatever the number of processes, and a failure in any
one language must fail the whole build and leave the previous site alone.
"""

from __future__ import annotations

import filecmp
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from handbook.cli.main import main
from handbook.core.project import LANGUAGES
from handbook.site.build import TaskTiming, build_order, build_site

# The search reset button's label once held a Python repr with a memory address; strip any such
# address so two builds compare equal (test_site checks that no page shows one).
_ADDRESS = re.compile(rb" at 0x[0-9a-f]+")


def _files(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in site.rglob("*") if path.is_file()}


def _same(left: Path, right: Path) -> bool:
    if filecmp.cmp(left, right, shallow=False):
        return True
    return _ADDRESS.sub(b"", left.read_bytes()) == _ADDRESS.sub(b"", right.read_bytes())


def test_build_order_starts_with_the_slowest_search_index_and_ends_with_the_default() -> None:
    assert build_order("en", ["en", "he", "ar", "th", "ru"]) == ["th", "he", "ar", "ru", "en"]
    assert build_order("en", ["en", "fr", "he"]) == ["he", "fr", "en"]


def test_site_is_the_same_with_one_or_two_processes(project_copy, tmp_path: Path) -> None:
    one: list[TaskTiming] = []
    two: list[TaskTiming] = []
    first = build_site(project_copy, jobs=1, timings=one)
    kept = tmp_path / "one-process"
    first.rename(kept)
    second = build_site(project_copy, jobs=2, timings=two)

    left, right = _files(kept), _files(second)
    assert sorted(left) == sorted(right)
    different = [name for name in left if not _same(left[name], right[name])]
    assert different == []
    # One process: every step after the other. Two: some steps overlap.
    steps = sorted(one, key=lambda t: t.start)
    assert all(later.start >= earlier.end for earlier, later in zip(steps, steps[1:], strict=False))
    assert any(a.start < b.end and b.start < a.end for a in two for b in two if a is not b)
    assert {(t.kind, t.lang) for t in two} == {
        (k, lang.code) for k in ("pages", "index") for lang in LANGUAGES
    }
    pages = len(list(project_copy.source_docs_dir.rglob("*.md")))
    assert all(t.pages == pages for t in two)


def test_site_matches_static_i18n_single_process_build(project_copy, tmp_path: Path) -> None:
    """Every page and asset equals `mkdocs build`'s, except two fixes of the parallel build."""
    site = build_site(project_copy)
    reference = tmp_path / "mkdocs-site"
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(reference)],
        cwd=project_copy.root,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        check=True,
        capture_output=True,
    )
    ours, theirs = _files(site), _files(reference)
    assert sorted(name for name in ours if not name.startswith(("pagefind/", "hb-offline/"))) == sorted(
        theirs
    )
    different = sorted(name for name in theirs if not _same(ours[name], theirs[name]))
    # 1. static-i18n's root sitemap lists every language's pages; ours lists the English pages (each
    #    language has its own sitemap.xml). 2. Its "not found" pages offer, in the language
    #    switcher, the last page it happened to render; ours offer each language's home page.
    #    3. Our sw.js carries each language's offline version (handbook.site.offline).
    expected = {"sitemap.xml", "sitemap.xml.gz", "sw.js"} | {
        f"{lang.code}/404.html" for lang in LANGUAGES[1:]
    }
    assert set(different) <= expected
    assert "sitemap.xml" in different


def test_a_failure_in_one_language_fails_the_build_and_names_it(project_copy) -> None:
    site = project_copy.site_dir
    site.mkdir()
    (site / "index.html").write_text("previous site", encoding="utf-8")
    page = project_copy.docs_dir / "th" / "glossary.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[ลิงก์](no-such-page.md)\n", encoding="utf-8")

    result = CliRunner().invoke(main, ["build", "--jobs", "2", "--allow-stale"])  # a hand-edited page

    assert result.exit_code == 1
    assert "th:\n  mkdocs build --strict failed" in result.output
    assert "no-such-page.md" in result.output
    assert "Traceback" not in result.output
    assert (site / "index.html").read_text(encoding="utf-8") == "previous site"
    assert not list(project_copy.root.glob(".site-build-*"))


def test_progress_names_each_language_and_step(project_copy) -> None:
    result = CliRunner().invoke(main, ["build", "-j", "2"])
    assert result.exit_code == 0, result.output
    assert "• building 5 languages (th, he, ar, ru, en), 2 at a time" in result.output
    pages = len(list(project_copy.source_docs_dir.rglob("*.md")))
    for lang in LANGUAGES:
        assert f"• {lang.code}: {pages} pages built in " in result.output
        assert f"• {lang.code}: search index of {pages} pages in " in result.output
    assert result.output.rstrip().endswith("built site/")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["mkdocs.yml", "out", "xx"], "'xx' is not one of the languages built"),
        (["mkdocs.yml"], "python -m handbook.site.build_language MKDOCS_YML SITE_DIR LANG"),
    ],
)
def test_language_worker_rejects_bad_arguments(project_copy, args: list[str], message: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "handbook.site.build_language", *args],
        cwd=project_copy.root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert message in result.stderr
    assert not (project_copy.root / "out").exists()
