"""`handbook new`: a page of each kind from its template, in the nav, passing `handbook check` once filled."""

from __future__ import annotations

import json
import re

import yaml
from click.testing import CliRunner

from handbook.cli.main import main
from handbook.core.articles import REQUIRED_KEYS, REQUIRED_SECTIONS
from handbook.core.project import Project
from handbook.site.new_page import slug

NEW = {
    "principle": ("Smile before you speak", "principles/smile-before-you-speak.md"),
    "case": ("Café greets every guest", "cases/cafe-greets-every-guest.md"),
    "path": ("Your first month", "onboarding/your-first-month.md"),
    "page": ("Frequently asked questions", "frequently-asked-questions.md"),
}
# What an author writes in place of each placeholder (a principle links a case; a case its principle).
FILLED = {
    "summary": 'summary: "What a reader learns here, in one sentence."',
    "sources": "sources: []",
    "related": "related: [details-matter]",
    "example": "The [Del Taco case](../cases/del-taco-upland.md) shows it: the staff greet regulars by name.",
    "principles": "- [Details matter](../principles/details-matter.md): the staff remember small things.",
}


def _fill(text: str) -> str:
    lines = []
    section = ""
    for line in text.splitlines():
        if line.startswith("## "):
            section = re.search(r"\{#([^}]+)\}", line).group(1)
        if "TODO" in line:
            key = line.split(":", 1)[0]
            if key in ("summary", "sources", "related"):
                line = FILLED[key]
            elif key in ("trust", "break_minutes"):
                line = line.split("#", 1)[0].rstrip()  # the template's value, its hint removed
            else:
                line = FILLED.get(section, "A plain sentence the author wrote for this section.")
        lines.append(line)
    return "\n".join(lines) + "\n"


def _problems(runner: CliRunner) -> list[dict]:
    result = runner.invoke(main, ["check", "--json"])
    return json.loads(result.stdout)["problems"]


def test_slug() -> None:
    assert slug("Café greets every guest!") == "cafe-greets-every-guest"
    assert slug("  Two   spaces ") == "two-spaces"
    assert slug("Ответ клиенту") == ""


def test_new_pages_of_every_kind_pass_check_once_filled(project_copy: Project) -> None:
    runner = CliRunner()
    config_before = project_copy.config_file.read_text(encoding="utf-8")
    for kind, (title, relative) in NEW.items():
        result = runner.invoke(main, ["new", kind, title])
        assert result.exit_code == 0, result.output
        assert result.output.startswith(f"wrote docs/en/{relative} and added `{relative}` to the nav")
        assert "fill in:\n" in result.output and f"docs/en/{relative}:5: summary:" in result.output
        text = (project_copy.source_docs_dir / relative).read_text(encoding="utf-8")
        meta = yaml.safe_load(text.split("---\n")[1])
        extra = {"case": {"trust"}, "path": {"break_minutes"}}.get(kind, set())
        assert set(meta) == set(REQUIRED_KEYS) | extra and meta["kind"] == kind and meta["title"] == title
        anchors = re.findall(r"^## .+ \{#([a-z0-9-]+)\}$", text, re.M)
        assert set(REQUIRED_SECTIONS.get(kind, ())) <= set(anchors) and anchors

    # The nav gains exactly the four entries, each in its group; every other line is kept.
    config = project_copy.config_file.read_text(encoding="utf-8")
    added = [line for line in config.splitlines() if line not in config_before.splitlines()]
    assert added == [
        "      - onboarding/your-first-month.md",  # Onboarding is first in the menu (issue 23)
        "      - principles/smile-before-you-speak.md",
        "      - cases/cafe-greets-every-guest.md",
        "  - frequently-asked-questions.md",
    ]
    nav = yaml.safe_load(config.split("\nnav:\n", 1)[1].split("\n\n", 1)[0].join(["nav:\n", "\n"]))["nav"]
    groups = {next(iter(item)): item[next(iter(item))] for item in nav if isinstance(item, dict)}
    assert groups["Principles"][-1] == "principles/smile-before-you-speak.md"
    assert groups["Case studies"][-1] == "cases/cafe-greets-every-guest.md"
    assert nav[-1] == "frequently-asked-questions.md"

    # Unfilled, check lists each placeholder (and that `handbook sync` has not run yet).
    problems = [p for p in _problems(runner) if any(p["page"] == rel for _, rel in NEW.values())]
    # The template is structurally valid: only what the author must write is reported.
    assert {p["code"] for p in problems} == {
        "placeholder",
        "sync-needed",
        "principle-without-case",
        "case-without-principle",
    }
    assert len([p for p in problems if p["code"] == "placeholder"]) == sum(
        (project_copy.source_docs_dir / rel).read_text(encoding="utf-8").count("TODO")
        for _, rel in NEW.values()
    )
    assert any(p["message"].startswith("line 5: replace the placeholder: summary:") for p in problems)

    again = runner.invoke(main, ["new", "case", "Café greets every guest"])
    assert (
        again.exit_code == 1 and "a page with the id 'cafe-greets-every-guest' already exists" in again.output
    )

    for _, relative in NEW.values():
        path = project_copy.source_docs_dir / relative
        path.write_text(_fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert runner.invoke(main, ["sync"]).exit_code == 0
    built = runner.invoke(main, ["build", "-j", "2"])
    assert built.exit_code == 0, built.output  # strict: the nav lists every page
    assert (project_copy.site_dir / "he" / "cases" / "cafe-greets-every-guest" / "index.html").is_file()
    assert _problems(runner) == []
    assert runner.invoke(main, ["check"]).exit_code == 0
