"""Issue 19, `handbook build`: one consistent tree (lock, stale refusal), nothing live published (scan,
Content-Security-Policy in a real Chromium), and a killed build cleaned up. On copies of the project.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from handbook.cli.main import main
from handbook.core.errors import HandbookError
from handbook.core.fsutil import project_lock
from handbook.core.project import Project
from handbook.site.build import build_site
from handbook.site.search_box import run_query

PAGE = "principles/details-matter.md"
HOSTILE = """
<span onmouseover="alert(1)">hover</span> and [a link](javascript:alert(2)).

<script>alert(3)</script>
"""


def test_build_refuses_an_out_of_date_tree_naming_the_pages(project_copy: Project) -> None:
    english = project_copy.source_docs_dir / PAGE
    english.write_text(english.read_text(encoding="utf-8") + "\nA new paragraph.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert "out of date with docs/en" in result.output and f"docs/he/{PAGE}" in result.output
    assert "run `handbook sync`" in result.output
    assert not project_copy.site_dir.exists()
    serve_warning = subprocess.run(
        [sys.executable, "-c", "from handbook.cli.main import main; main()", "serve", "--port", "1"],
        capture_output=True,
        text=True,
        env=os.environ | {"HANDBOOK_ROOT": str(project_copy.root)},
        timeout=60,
    )
    assert f"warning: 8 file(s) out of date with docs/en (docs/ar/{PAGE}" in serve_warning.stderr


def test_allow_stale_builds_but_live_markup_is_never_published(project_copy: Project) -> None:
    english = project_copy.source_docs_dir / PAGE
    english.write_text(english.read_text(encoding="utf-8") + HOSTILE, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--allow-stale", "-j", "2"])
    assert result.exit_code == 1, result.output
    assert "building 8 out-of-date file(s) as they are" in result.output
    assert "the site was not published" in result.output
    assert (
        "principles/details-matter/index.html: event-handler attribute onmouseover= on <span>"
        in result.output
    )
    assert "principles/details-matter/index.html: javascript: URL in href= of <a>" in result.output
    assert "an inline script the theme does not put there: 'alert(3)'" in result.output
    assert not project_copy.site_dir.exists()


def test_build_waits_for_the_project_lock_then_refuses(project_copy: Project) -> None:
    with project_lock(project_copy.root):
        started = time.monotonic()
        with pytest.raises(HandbookError) as caught:
            build_site(project_copy)
    assert time.monotonic() - started >= 9
    assert "another handbook command holds the project lock" in caught.value.format_message()


class _Stop(Exception):
    pass


def test_sync_cannot_change_the_tree_while_a_build_runs(project_copy: Project) -> None:
    """The build holds the project lock from its stale check to publishing: a sync started while
    its languages are being built is refused (it would otherwise mix old and new translations)."""
    from handbook.translate.sync import sync

    seen: list[str] = []

    def sync_meanwhile(line: str) -> None:
        if line.startswith("building ") and "languages" in line:
            try:
                sync(project_copy, lock_wait=0)
            except HandbookError as error:
                seen.append(error.format_message())
            else:
                seen.append("sync ran during the build")
            raise _Stop

    with pytest.raises(_Stop):
        build_site(project_copy, echo=sync_meanwhile, jobs=1)
    assert len(seen) == 1 and "another handbook command holds the project lock" in seen[0], seen
    assert not list(project_copy.root.glob(".site-build-*"))


def _children_running(module: str) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if module.encode() in cmdline and any(b"handbook" in part for part in cmdline):
                found.append(int(entry.name))
    return found


def test_a_killed_build_leaves_no_worker_running_and_the_next_build_cleans_up(project_copy: Project) -> None:
    env = os.environ | {"HANDBOOK_ROOT": str(project_copy.root)}
    before = set(_children_running("handbook.site.build_language"))
    build = subprocess.Popen(
        [sys.executable, "-c", "from handbook.cli.main import main; main()", "build", "-j", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    workers: list[int] = []
    # Kill it once its workers run and its build folder exists (on a loaded machine the folder can
    # come a moment after the first worker is seen).
    while time.monotonic() < deadline and not (workers and list(project_copy.root.glob(".site-build-*"))):
        workers = [pid for pid in _children_running("handbook.site.build_language") if pid not in before]
        time.sleep(0.05)
    assert workers, "no build_language worker started"
    os.kill(build.pid, signal.SIGKILL)
    build.wait()
    leftovers = list(project_copy.root.glob(".site-build-*"))
    assert leftovers
    deadline = time.monotonic() + 1.5  # a language's pages take several seconds: not their own end
    while time.monotonic() < deadline and any(Path(f"/proc/{pid}").exists() for pid in workers):
        time.sleep(0.1)
    alive = [
        pid
        for pid in workers
        if Path(f"/proc/{pid}/status").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text()
    ]
    assert alive == [], "build_language workers outlived their parent"
    steps: list[str] = []
    build_site(project_copy, echo=steps.append, jobs=2)
    assert f"removed {leftovers[0].name}/, left by a build that was stopped" in steps
    assert not list(project_copy.root.glob(".site-build-*"))


def test_the_publish_scan_finds_every_kind_of_live_markup(tmp_path: Path) -> None:
    """`unsafe_markup` on hand-written pages: each kind the build must refuse, spelled as an attacker
    would (case, spaces, tabs), is found; the theme's own markup and hashed scripts are not."""
    from handbook.site.guard import script_hash, unsafe_markup

    allowed = "console.log('theme')"
    (tmp_path / "ok.html").write_text(
        f'<html><head><meta http-equiv="Content-Security-Policy" content="script-src '
        f"'sha256-{script_hash(allowed)}'\"><script>{allowed}</script></head><body>"
        '<form action="javascript:void(0)"></form><a href="https://example.org/x">x</a>'
        '<img src="../assets/p.png"><script src="../assets/app.js"></script></body></html>',
        encoding="utf-8",
    )
    (tmp_path / "bad.html").write_text(
        "<html><body>"
        '<div ONCLICK="x()">a</div>'
        '<a href=" Java\tScript:alert(1)">b</a>'
        '<img src="data:image/svg+xml,&lt;svg onload=alert(1)&gt;">'
        '<iframe src="VBScript:msgbox(1)"></iframe>'
        '<script src="//evil.example/x.js"></script>'
        "<script>console.log('theme')</script>"  # the theme's text, but this page allows no hash
        "</body></html>",
        encoding="utf-8",
    )
    assert unsafe_markup(tmp_path) == [
        "bad.html: event-handler attribute onclick= on <div>",
        "bad.html: javascript: URL in href= of <a>",
        "bad.html: data: URL in src= of <img>",
        "bad.html: vbscript: URL in src= of <iframe>",
        "bad.html: script from another host: //evil.example/x.js",
        "bad.html: an inline script the theme does not put there: \"console.log('theme')\"",
    ]


def test_the_publish_scan_reads_what_the_language_workers_did_not(tmp_path: Path) -> None:
    """`handbook build` scans each language's pages in its worker and the rest after assembly: a
    file the workers did not scan, or one written since (the offline folder), is read; the
    problems come in path order, as from one scan of the whole site."""
    from handbook.site.guard import scan_html, unsafe_markup

    hostile = '<html><body><div onclick="x()">a</div></body></html>'
    for name in ("a.html", "he/b.html", "hb-offline/he.html", "z.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(hostile if name != "a.html" else "<p>clean</p>", encoding="utf-8")
    workers = [scan_html(tmp_path, under=tmp_path / "he"), {"hb-offline/he.html": [], "a.html": []}]
    assert unsafe_markup(tmp_path, scanned=workers, rescan="hb-offline") == [
        "hb-offline/he.html: event-handler attribute onclick= on <div>",
        "he/b.html: event-handler attribute onclick= on <div>",
        "z.html: event-handler attribute onclick= on <div>",
    ]


def test_live_markup_in_a_translated_page_is_never_published(project_copy: Project) -> None:
    """A language other than the default is scanned by its own build worker: its finding refuses
    the build as one of the main process would."""
    page = project_copy.docs_dir / "he" / PAGE
    page.write_text(page.read_text(encoding="utf-8") + HOSTILE, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--allow-stale", "-j", "2"])
    assert result.exit_code == 1, result.output
    assert "he/principles/details-matter/index.html: event-handler attribute onmouseover= on <span>" in (
        result.output
    )
    assert "he/principles/details-matter/index.html: javascript: URL in href= of <a>" in result.output
    assert not project_copy.site_dir.exists()


# --- Content-Security-Policy in Chromium --------------------------------------------------------------


def test_pages_carry_the_policy_first_in_head(built_site: Path) -> None:
    for page in ("index.html", "he/principles/details-matter/index.html", "404.html", "th/404.html"):
        html = (built_site / page).read_text(encoding="utf-8")
        head = html[html.index("<head>") + len("<head>") :]
        assert head.startswith(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' 'sha256-"
        ), page
        assert "'unsafe-inline'" not in head.split("script-src", 1)[1].split(";", 1)[0]


def test_the_policy_blocks_inline_handlers_and_the_theme_still_runs(page, site_url: str) -> None:
    violations: list[str] = []
    page.page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.page.goto(f"{site_url}/he/principles/details-matter/")
    page.page.wait_for_load_state("networkidle")
    # Material's bundle ran (it removes the no-js class) and no script the policy allows was blocked.
    assert "no-js" not in (page.page.get_attribute("html", "class") or "")
    assert violations == []
    page.page.evaluate(
        "() => { const b = document.createElement('button'); b.id = 'x';"
        " b.setAttribute('onclick', 'window.__pwned = 1'); document.body.append(b); b.click(); }"
    )
    assert page.page.evaluate("() => window.__pwned") is None
    assert any("inline event handler" in text or "Refused to execute" in text for text in violations)


def test_search_runs_under_the_policy(page, site_url: str) -> None:
    """Pagefind's WebAssembly and workers are allowed: a Hebrew query finds pages (no bypass_csp)."""
    violations: list[str] = []
    page.page.on(
        "console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None
    )
    page.page.goto(f"{site_url}/he/")
    assert run_query(page.page, "שירות", timeout=20_000)  # the search ran and found pages
    assert violations == []


@pytest.mark.slow
@pytest.mark.browser
def test_mkdocs_serve_live_reload_still_works_under_the_policy(project_copy: Project, browser) -> None:
    """`mkdocs serve` injects an inline live-reload script: its pages allow it (and only its pages)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "-a",
            f"127.0.0.1:{port}",
            "-f",
            str(project_copy.config_file),
        ],
        cwd=project_copy.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=os.environ | {"NO_MKDOCS_2_WARNING": "1"},
    )
    try:
        context = browser.new_context()
        tab = context.new_page()
        violations: list[str] = []
        tab.on(
            "console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None
        )
        deadline = time.monotonic() + 300
        while True:
            try:
                tab.goto(f"http://127.0.0.1:{port}/", timeout=5_000)
                break
            except Exception:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise
                time.sleep(2)
        head = tab.evaluate("() => document.head.firstElementChild.outerHTML")
        assert "Content-Security-Policy" in head and "'unsafe-inline'" in head
        english = project_copy.source_docs_dir / "index.md"
        english.write_text(
            english.read_text(encoding="utf-8") + "\nLive reload reached the browser.\n", encoding="utf-8"
        )
        tab.wait_for_function(
            "() => document.body.innerText.includes('Live reload reached the browser.')", timeout=300_000
        )
        assert violations == []
        context.close()
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_build_refuses_a_tree_sync_refuses(project_copy: Project) -> None:
    page = project_copy.docs_dir / "th" / "glossary.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA hand edit.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1
    assert (
        "the tree is not in sync with docs/en" in result.output
        and "docs/th/glossary.md: edited by hand" in result.output
    )
    assert "--allow-stale" in result.output and not project_copy.site_dir.exists()
