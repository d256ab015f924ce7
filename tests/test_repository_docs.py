"""The repository explains itself: ARCHITECTURE.md is current, and nothing points outside the repo."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from test_layout import ALLOWED, PACKAGE

REPO = Path(__file__).resolve().parent.parent
ARCHITECTURE = REPO / "ARCHITECTURE.md"
# Names of documents that live outside a clone, and how the README once pointed at them.
OUTSIDE = re.compile(r"DESIGN\.md|STYLE\.md|shared folder|/work/")


def _tracked_text_files() -> list[Path]:
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split("\0")
    files = []
    for name in filter(None, listed):
        path = REPO / name
        if (
            path.suffix in (".py", ".md", ".yml", ".toml", ".html", ".js", ".css", ".txt", "")
            and path.is_file()
        ):
            files.append(path)
    return files


def test_nothing_refers_to_a_document_outside_the_repository() -> None:
    offenders = []
    for path in _tracked_text_files():
        if path == Path(__file__):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if OUTSIDE.search(line):
                offenders.append(f"{path.relative_to(REPO)}:{number}: {line.strip()}")
    assert offenders == []


def test_architecture_names_every_module_of_the_package() -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    tree = text.split("scripts/handbook/\n", 1)[1].split("```", 1)[0]
    missing = [
        path.relative_to(PACKAGE).as_posix()
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.name != "__init__.py" and not re.search(rf"\b{re.escape(path.stem)}(\.py)?\b", tree)
    ]
    assert missing == [], "add each new module to the package tree in ARCHITECTURE.md"
    for stage in ALLOWED:
        if stage and stage != "segments":
            assert f"\n  {stage}/" in tree, f"{stage}/ is not in the tree"


def test_architecture_states_the_import_directions_the_layout_test_enforces() -> None:
    text = ARCHITECTURE.read_text(encoding="utf-8")
    assert "core  <-  ingest\ncore  <-  translate  <-  site  <-  checks  <-  cli\n" in text
    chain = ["core", "translate", "site", "checks"]
    for at, stage in enumerate(chain[1:], 1):
        assert set(chain[:at]) == ALLOWED[stage]
    assert ALLOWED["ingest"] == {"core"} and ALLOWED["core"] == set()


def test_readme_starts_with_the_two_commands_then_how_to_run_handbook() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert readme.split("```sh\n", 1)[1].startswith("make serve")
    sections = re.findall(r"^## (.+)$", readme, re.M)
    assert sections[:2] == ["Running `handbook`", "Guides"]
    guides = readme.split("## Guides", 1)[1].split("\n## ", 1)[0]
    for task in ("Edit a page.", "Add a page.", "Add a language.", "Translate.", "Publish."):
        assert f"**{task}**" in guides
    assert ".venv/bin/handbook" in readme and ". .venv/bin/activate" in readme
    assert "error_page 404 /he/404.html" in guides and "Cache-Control" in guides


def test_every_python_m_command_in_the_docs_runs() -> None:
    texts = [(REPO / "README.md").read_text(encoding="utf-8"), ARCHITECTURE.read_text(encoding="utf-8")]
    texts += [path.read_text(encoding="utf-8") for path in (PACKAGE / "cli").glob("*.py")]
    modules = sorted({m for text in texts for m in re.findall(r"python -m (handbook[\w.]*)", text)})
    assert "handbook.translate.alignment" in modules
    for module in modules:
        result = subprocess.run([sys.executable, "-m", module], capture_output=True, text=True, check=False)
        assert "No module named" not in result.stderr, module
        assert result.returncode == 2 and f"python -m {module} " in result.stderr + result.stdout, module


def test_every_guarantee_in_the_readme_names_tests_that_exist() -> None:
    """Issue 19: the README's "Guarantees" table backs each promise with a named test. A name there
    is `file.py`, `file.py::test_name` or a fragment with `…` for the elided part; each must match a
    test of the file named (or, for a bare fragment, of any tests/test_reliability_*.py)."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Guarantees\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    assert len(rows) >= 8, "the Guarantees table is missing"
    tests_dir = REPO / "tests"
    names = {
        path.name: set(re.findall(r"^def (test_\w+)", path.read_text(encoding="utf-8"), re.M))
        for path in tests_dir.glob("test_*.py")
    }
    reliability = set().union(
        *(found for name, found in names.items() if name.startswith("test_reliability_"))
    )
    unmatched = []
    for row in rows:
        refs = re.findall(r"`([^`]+)`", row.rstrip(" |").rsplit("|", 1)[1])
        assert refs, f"a guarantee without a test: {row[:80]}"
        for ref in refs:
            file, _, test = ref.partition("::")
            if not file.endswith(".py"):
                file, test = "", ref
            if file and file not in names:
                unmatched.append(ref)
                continue
            if test:
                pattern = re.compile(".*".join(map(re.escape, test.split("…"))))
                if not any(pattern.fullmatch(name) for name in (names[file] if file else reliability)):
                    unmatched.append(ref)
    assert unmatched == []
