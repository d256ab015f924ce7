"""What a newcomer hits in the first hour: clear messages, whole tables, a light `make serve`."""

from __future__ import annotations

import json
import os
import re
import shutil
import site
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from handbook.cli.main import main
from handbook.core.project import Project

REPO = Path(__file__).resolve().parent.parent


# --- the nav error names the pages ---


def test_a_page_missing_from_the_nav_is_named(project_copy: Project) -> None:
    extra = project_copy.source_docs_dir / "principles" / "a-page-nobody-listed.md"
    text = (project_copy.source_docs_dir / "principles" / "details-matter.md").read_text(encoding="utf-8")
    extra.write_text(text.replace("id: details-matter", "id: a-page-nobody-listed"), encoding="utf-8")
    assert CliRunner().invoke(main, ["sync"]).exit_code == 0  # the page is synced, just not listed
    result = CliRunner().invoke(main, ["build", "-j", "2"])
    assert result.exit_code == 1
    # Every language that fails names the page (the first to fail is whichever language builds first).
    assert re.search(
        r'are not included in the "nav" configuration:\n    - [a-z]{2}/principles/a-page-nobody-listed\.md',
        result.output,
    ), result.output


# --- tables: the terminal's width, whole paths ---


@pytest.mark.parametrize("columns", ["40", "80", "200"])
def test_status_table_never_cuts_a_page_path(project_copy: Project, monkeypatch, columns: str) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    data = json.loads(CliRunner().invoke(main, ["status", "--lang", "th", "--json"]).stdout)
    pages = list(data["languages"]["th"]["pages"])
    assert "cases/losing-a-loyal-customer.md" in pages  # --json gives whole paths
    result = CliRunner().invoke(main, ["status", "--lang", "th"])
    assert result.exit_code == 0, result.output
    assert "…" not in result.output
    rows = [line for line in result.output.splitlines() if line.startswith("│")]
    assert len(rows) == len(pages) + 1
    for page, row in zip(pages, rows, strict=False):
        cells = [cell.strip() for cell in row.strip("│").split("│")]
        assert cells[0] == page
        assert cells[1:] == [str(data["languages"]["th"]["pages"][page][key]) for key in
                             ("segments", "reviewed", "machine", "stale", "missing", "refused")]  # fmt: skip
    widest = max(len(line) for line in result.output.splitlines())
    if columns == "200":
        assert widest < 200  # as wide as it needs, within the terminal
    else:
        assert widest >= 40


# --- --lang lists the target languages only ---


def test_lang_help_and_errors_name_only_target_languages(project_copy: Project) -> None:
    runner = CliRunner()
    for command in (["sync"], ["status"], ["import", "drafts"]):
        result = runner.invoke(main, [*command[:1], "--help"])
        assert "(he, ar, th, ru)" in " ".join(result.output.split()), command
    bad = runner.invoke(main, ["sync", "--lang", "xx"])
    assert bad.exit_code == 1
    assert bad.output.startswith("error: unknown target language 'xx'; expected one of: he, ar, th, ru\n")
    source = runner.invoke(main, ["status", "--lang", "en"])
    assert source.exit_code == 1
    assert "'en' is the source language" in source.output and "pass one of: he, ar, th, ru" in source.output
    drafts = project_copy.root / "drafts"
    drafts.mkdir()
    imported = runner.invoke(main, ["import", str(drafts), "--lang", "en"])
    assert imported.exit_code == 1 and "pass one of: he, ar, th, ru" in imported.output


# --- import of nothing ---


def test_import_of_an_empty_folder_says_so(project_copy: Project) -> None:
    drafts = project_copy.root / "drafts"
    (drafts / "he").mkdir(parents=True)
    (drafts / "he" / "notes.txt").write_text("not a draft\n", encoding="utf-8")
    before = sorted(p.stat().st_mtime_ns for p in project_copy.translations_dir.rglob("*.po"))
    result = CliRunner().invoke(main, ["import", str(drafts)])
    assert result.exit_code == 1
    assert result.output == (
        f"error: {drafts}: no drafts to import: expected Markdown pages in he/, ar/, th/, ru/\n"
        "  fix: put each draft at DRAFTS/<lang>/<page>.md, the page's path under docs/en "
        "(e.g. he/principles/customer-comes-first.md)\n"
    )
    assert sorted(p.stat().st_mtime_ns for p in project_copy.translations_dir.rglob("*.po")) == before


# --- models list says how to install ---


def test_models_list_says_how_to_install_a_model(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "packages"))
    (tmp_path / "packages").mkdir()
    result = CliRunner().invoke(main, ["models", "list"])
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    assert "0 model(s) in" in text
    assert "no model yet for en → he, en → ar, en → th, en → ru." in text
    assert "https://www.argosopentech.com/argospm/index/" in text
    assert "run `handbook models install FILE.argosmodel`" in text


# --- make serve installs what serving needs, visibly; make test the rest ---


def _dry_run(target: str, tmp_path: Path) -> list[str]:
    venv = tmp_path / "venv"
    result = subprocess.run(
        ["make", "-n", "-B", target, f"VENV={venv}"], cwd=REPO, capture_output=True, text=True, check=True
    )
    return [line for line in result.stdout.splitlines() if "pip install" in line]


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_serve_installs_only_the_site_with_visible_progress(tmp_path: Path) -> None:
    serve = _dry_run("serve", tmp_path)
    assert serve and all("--quiet" not in line and " -q" not in line for line in serve)
    assert not any("[" in line for line in serve)  # no extras: no test or MT packages
    assert any(line.endswith("pip install -e .") for line in serve)
    test = _dry_run("test", tmp_path)
    assert any("'.[mt,test]'" in line for line in test)


def test_package_data_names_only_files_that_exist() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    package_data = config["tool"]["setuptools"].get("package-data", {})
    where = REPO / config["tool"]["setuptools"]["packages"]["find"]["where"][0]
    for package, patterns in package_data.items():
        for pattern in patterns:
            assert list((where / package.replace(".", "/")).glob(pattern)), f"{package}: {pattern}"


# --- plain mkdocs without the end-of-life banners ---


def _mkdocs_build(project: Path, site_dirs: list[Path], extra_env: dict[str, str] | None = None) -> str:
    script = (
        "import site, sys, runpy\n"
        "for folder in sys.argv[1].split(':') if sys.argv[1] else []: site.addsitedir(folder)\n"
        "sys.argv = ['mkdocs', 'build', '-q']\n"
        "runpy.run_module('mkdocs', run_name='__main__')\n"
    )
    env = {
        k: v for k, v in os.environ.items() if k not in ("NO_MKDOCS_2_WARNING", "DISABLE_MKDOCS_2_WARNING")
    } | (extra_env or {})
    result = subprocess.run(
        [sys.executable, "-c", script, ":".join(map(str, site_dirs))],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout + result.stderr


def test_the_venv_hook_quiets_both_mkdocs_banners(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        "site_name: t\ntheme:\n  name: material\nplugins:\n  - redirects\n", encoding="utf-8"
    )
    banners = re.compile(r"end of life|ProperDocs")
    # What a plain venv prints. The variables are set empty, which the banners treat as unset, so
    # a venv that `make` already gave the hook (as CI's) cannot quiet this baseline.
    plain = {"NO_MKDOCS_2_WARNING": "", "DISABLE_MKDOCS_2_WARNING": ""}
    assert banners.search(_mkdocs_build(project, [], plain))
    hook = tmp_path / "site-packages"
    hook.mkdir()
    shutil.copy(REPO / "scripts" / "quiet-mkdocs.pth", hook)
    assert site  # the hook is read by site.addsitedir, as the venv's site-packages would be
    assert not banners.search(_mkdocs_build(project, [hook]))
