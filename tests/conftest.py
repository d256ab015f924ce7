"""Shared fixtures: a copy of the project, one strict build of it, a loopback server and Chromium."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from ci_gate import skip_or_fail
from hypothesis import settings
from hypothesis_budget import CAP_VARIABLE

from handbook.core.project import Project

pytest_plugins = ["conftest_argos"]  # tiny Argos models (tiny_argos, no_network)

REPO = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
_skipped_browser_tests: list[str] = []
if os.environ.get(CAP_VARIABLE):  # under bench/mutate.py: every mutant meets the same examples
    settings.register_profile("mutation", derandomize=True)
    settings.load_profile("mutation")
# The shared site is built for a public address (not the loopback site_url of mkdocs.yml) and served
# on 127.0.0.1, as a published site is previewed: every absolute URL must be this one, and the pages
# must still ask no host but the one serving them.
PUBLIC_SITE_URL = "https://handbook.example.org/"


def copy_project(dest: Path) -> Project:
    """Copy the parts of this checkout a build needs into `dest`."""
    return Project(REPO).copy(dest)


@pytest.fixture()
def project_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Project:
    """A private copy of the project, with HANDBOOK_ROOT pointing at it."""
    project = copy_project(tmp_path / "handbook")
    monkeypatch.setenv("HANDBOOK_ROOT", str(project.root))
    return project


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once, strictly, from a copy of the project (shared by the site tests), for
    PUBLIC_SITE_URL given as HANDBOOK_SITE_URL."""
    from handbook.site.build import build_site

    project = copy_project(tmp_path_factory.mktemp("site-build") / "handbook")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HANDBOOK_SITE_URL", PUBLIC_SITE_URL)
        return build_site(project)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 on a free port."""
    from handbook.site.serve import make_server

    server = make_server(built_site, port=0, verbose=False)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's chromium driven by Playwright. Skips (or fails under any truthy CI) when it is missing."""
    executable = _chromium()
    if executable is None:
        message = "chromium not found: install Debian's chromium (apt-get install chromium fonts-noto-core)"
        skip_or_fail(message, what="browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class RecordingPage:
    """A Playwright page that records every request, to prove nothing leaves the serving host."""

    def __init__(self, page) -> None:
        self.page = page
        self.requests: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))

    def foreign_requests(self, allowed_host: str = "127.0.0.1") -> list[str]:
        return [
            url
            for url in self.requests
            if urlparse(url).scheme not in ("data", "blob", "about")
            and urlparse(url).hostname != allowed_host
        ]


@pytest.fixture()
def page(browser) -> Iterator[RecordingPage]:
    """A fresh browser page (phone-sized viewport is set by tests that need it)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    recording = RecordingPage(context.new_page())
    yield recording
    context.close()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.skipped and "chromium not found" in str(report.longrepr):
        _skipped_browser_tests.append(report.nodeid)


def pytest_terminal_summary(terminalreporter, exitstatus, config) -> None:
    if _skipped_browser_tests:
        terminalreporter.write_sep("=", "browser tests skipped", yellow=True)
        terminalreporter.write_line(
            f"{len(_skipped_browser_tests)} real-browser test(s) were skipped because chromium is "
            "not installed. Enable them with: sudo apt-get install chromium fonts-noto-core "
            "(CI=true, or any truthy CI, makes them fail instead of skipping)."
        )
