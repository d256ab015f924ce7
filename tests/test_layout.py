"""The package's house rules, read from its imports with `ast`: stages import downwards only.

core <- ingest;  core <- translate <- site <- checks <- cli.  No circles between modules, and
nothing imports the CLI. The public contract `handbook.segments` may import translate.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "scripts" / "handbook"

# What each stage may import (besides itself).
ALLOWED = {
    "core": set(),
    "ingest": {"core"},
    "translate": {"core"},
    "site": {"core", "translate"},
    "checks": {"core", "translate", "site"},
    "cli": {"", "core", "ingest", "translate", "site", "checks"},  # "": __version__
    "segments": {"translate"},  # the re-exported public contract
    "": {"core"},  # handbook/__init__.py
}


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path, package: Path = PACKAGE) -> set[str]:
    """Every `handbook` module `path` imports, at module level or inside functions."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("handbook"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("handbook"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                is_module = (package.parent / Path(*candidate.split("."))).with_suffix(".py").is_file()
                found.add(candidate if is_module else node.module)
    return found


def graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    modules = {module_name(p, package): p for p in package.rglob("*.py")}
    return {
        name: {m for m in imports_of(path, package) if m in modules and m != name}
        for name, path in modules.items()
    }


def stage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def direction_problems(edges: dict[str, set[str]]) -> list[str]:
    problems = []
    for module, targets in sorted(edges.items()):
        for target in sorted(targets):
            source_stage, target_stage = stage(module), stage(target)
            if source_stage != target_stage and target_stage not in ALLOWED.get(source_stage, set()):
                problems.append(
                    f"{module} imports {target}: {source_stage or 'handbook'} may not import {target_stage}"
                )
    return problems


def circles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return groups


def test_stages_import_downwards_only():
    assert direction_problems(graph()) == []


def test_no_import_circles():
    assert circles(graph()) == []


def test_every_stage_says_what_it_owns():
    stages = sorted({path.parent for path in PACKAGE.rglob("*.py")} - {PACKAGE})
    assert [stage.name for stage in stages] == ["checks", "cli", "core", "ingest", "site", "translate"]
    for init in (stage / "__init__.py" for stage in stages):
        assert init.is_file(), f"{init.parent.name} is not a package: it has no __init__.py"
        tree = ast.parse(init.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{init.relative_to(PACKAGE.parent)} has no docstring"


def test_the_public_contract_still_imports():
    from handbook.segments import extract, render

    assert render("# Title\n", str.upper) == "# TITLE\n"
    assert [segment.source for segment in extract("# Title\n")] == ["Title"]


def test_the_checker_finds_a_circle_and_an_upward_import(tmp_path):
    package = tmp_path / "handbook"
    for folder in ("core", "site"):
        (package / folder).mkdir(parents=True)
        (package / folder / "__init__.py").write_text('"""x"""\n')
    (package / "__init__.py").write_text("")
    (package / "core" / "a.py").write_text("from handbook.site.b import x\n")
    (package / "site" / "b.py").write_text("from handbook.core import a\nx = 1\n")
    edges = graph(package)
    assert circles(edges) == [["handbook.core.a", "handbook.site.b"]]
    assert direction_problems(edges) == ["handbook.core.a imports handbook.site.b: core may not import site"]


@pytest.mark.parametrize(
    "path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: p.relative_to(PACKAGE).as_posix()
)
def test_no_module_over_400_lines_without_a_reason(path):
    lines = path.read_text(encoding="utf-8").splitlines()
    if len(lines) > 420:
        docstring = ast.get_docstring(ast.parse("\n".join(lines))) or ""
        assert "Why one module of this size" in docstring, f"{len(lines)} lines and no reason at the top"
