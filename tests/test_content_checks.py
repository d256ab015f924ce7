"""Content checks of docs/en: one fixture tree per broken rule, and the real handbook."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from handbook.checks.content import run_content_checks
from handbook.checks.registry import Problem
from handbook.cli.main import main
from handbook.core.articles import Article, load_article, markdown_parser
from handbook.core.errors import HandbookError
from handbook.core.project import Project

DATA = Path(__file__).parent / "data" / "content"
REPO = Path(__file__).resolve().parent.parent


def make_tree(tmp_path: Path, overlay: str | None = None) -> Project:
    """The valid base tree, with the files of `overlay` copied over it."""
    root = tmp_path / "project"
    shutil.copytree(DATA / "base", root)
    if overlay is not None:
        shutil.copytree(DATA / overlay, root, dirs_exist_ok=True)
    return Project(root)


def test_base_tree_has_no_problems(tmp_path: Path) -> None:
    assert run_content_checks(make_tree(tmp_path)) == []


# (fixture folder, expected problems as (code, page, message))
BROKEN = [
    (
        "broken-yaml",
        [
            (
                "front-matter-syntax",
                "index.md",
                "line 4: the front matter is not valid YAML: mapping values are not allowed here",
            )
        ],
    ),
    (
        "no-front-matter",
        [
            (
                "front-matter-syntax",
                "index.md",
                "line 1: expected the page to start with a '---' line opening its front matter,"
                " found '# Home'",
            )
        ],
    ),
    (
        "missing-key",
        [("front-matter-key", "cases/kind-shop.md", "line 2: missing required key 'summary'")],
    ),
    (
        "wrong-type",
        [
            (
                "front-matter-type",
                "cases/kind-shop.md",
                "line 2: 'tags' must be a list of non-empty strings, found 'case, shop'",
            )
        ],
    ),
    (
        "bad-kind",
        [
            (
                "front-matter-kind",
                "index.md",
                "line 2: 'kind' must be one of principle, case, path, page, found 'story'",
            )
        ],
    ),
    (
        "id-mismatch",
        [
            (
                "front-matter-id",
                "index.md",
                "line 2: 'id' must equal the file name without '.md' ('home'), found 'start'",
            )
        ],
    ),
    (
        "duplicate-id",
        [
            (
                "duplicate-id",
                "cases/be-kind.md",
                "id 'be-kind' is also used by principles/be-kind.md; every page needs its own id",
            ),
            (
                "duplicate-id",
                "principles/be-kind.md",
                "id 'be-kind' is also used by cases/be-kind.md; every page needs its own id",
            ),
        ],
    ),
    (
        "heading-anchor",
        [
            (
                "heading-anchor",
                "principles/be-kind.md",
                "line 21: heading 'In a queue' has no explicit anchor; add one like '{#in-a-queue}'",
            )
        ],
    ),
    (
        "anchor-format",
        [
            (
                "anchor-format",
                "principles/be-kind.md",
                "line 33: anchor 'More_Points' must be lowercase words joined by hyphens",
            )
        ],
    ),
    (
        "duplicate-anchor",
        [
            (
                "duplicate-anchor",
                "cases/kind-shop.md",
                "line 33: anchor 'source' is already used on line 29",
            )
        ],
    ),
    (
        "missing-section",
        [
            (
                "missing-section",
                "cases/kind-shop.md",
                "a case page needs a '## ... {#what-it-shows}' section",
            )
        ],
    ),
    (
        "broken-link",
        [
            (
                "broken-link",
                "index.md",
                "line 15: link 'principles/be-nice.md#on-a-shift' points at"
                " 'principles/be-nice.md', which is nothing; link an existing file",
            )
        ],
    ),
    (
        "broken-anchor",
        [
            (
                "broken-anchor",
                "index.md",
                "line 15: link 'principles/be-kind.md#at-work':"
                " 'principles/be-kind.md' has no heading with anchor {#at-work}",
            )
        ],
    ),
    (
        "unknown-related",
        [
            (
                "unknown-related",
                "index.md",
                "line 2: 'related' lists 'be-quick', which is not the id of any page",
            )
        ],
    ),
    (
        "unknown-source",
        [
            (
                "unknown-source",
                "cases/kind-shop.md",
                "line 2: 'sources' lists 'src-b', which is not an id in sources/sources.yml",
            )
        ],
    ),
    (
        "sources-registry-invalid",
        [
            (
                "sources-registry-invalid",
                "sources/sources.yml",
                "sources/sources.yml must hold a list of entries with an 'id'"
                " (at the top level or under 'sources:')",
            )
        ],
    ),
    (
        "unused-source",
        [
            (
                "unused-source",
                "sources/sources.yml",
                "source 'src-b' is not listed in 'sources' by any principle or case page",
            )
        ],
    ),
    (
        "principle-without-case",
        [
            (
                "principle-without-case",
                "principles/be-kind.md",
                "a principle page must link at least one case page (in '## Example')",
            )
        ],
    ),
    (
        "case-without-principle",
        [
            (
                "case-without-principle",
                "cases/kind-shop.md",
                "a case page must link its principles in '## Principles {#principles}'",
            )
        ],
    ),
    (
        "case-related-missing",
        [
            (
                "case-related-missing",
                "cases/kind-shop.md",
                "line 2: '## Principles' links 'principles/be-kind.md',"
                " but 'related' does not list 'be-kind'",
            )
        ],
    ),
]


@pytest.mark.parametrize(("overlay", "expected"), BROKEN, ids=[name for name, _ in BROKEN])
def test_each_broken_rule_gives_exactly_its_problem(
    tmp_path: Path, overlay: str, expected: list[tuple[str, str, str]]
) -> None:
    problems = run_content_checks(make_tree(tmp_path, overlay))
    assert [(p.code, p.page, p.message) for p in problems] == expected
    assert {p.lang for p in problems} == {"en"}


def test_missing_source_registry_is_one_clear_problem(tmp_path: Path) -> None:
    project = make_tree(tmp_path)
    (project.sources_dir / "sources.yml").unlink()
    assert run_content_checks(project) == [
        Problem(
            "sources-registry-missing",
            "en",
            "sources/sources.yml",
            "sources/sources.yml does not exist, so source ids cannot be checked;"
            " run 'handbook ingest' or write the registry",
        )
    ]


def test_registry_as_top_level_list_is_accepted(tmp_path: Path) -> None:
    project = make_tree(tmp_path)
    (project.sources_dir / "sources.yml").write_text("- id: src-a\n", encoding="utf-8")
    assert run_content_checks(project) == []


def test_links_in_tables_admonitions_and_same_page_anchors_are_checked(tmp_path: Path) -> None:
    project = make_tree(tmp_path)
    index = project.docs_dir / "en" / "index.md"
    index.write_text(
        index.read_text(encoding="utf-8")
        + "\n| a | b |\n|---|---|\n| [x](cases/nope.md) | y |\n"
        + '\n!!! note "Note"\n    See [here](#nowhere) and [there](https://example.org/x.md).\n',
        encoding="utf-8",
    )
    problems = run_content_checks(project)
    assert [(p.code, p.message) for p in problems] == [
        ("broken-anchor", "line 22: link '#nowhere': 'index.md' has no heading with anchor {#nowhere}"),
        (
            "broken-link",
            "line 19: link 'cases/nope.md' points at 'cases/nope.md', which is nothing;"
            " link an existing file",
        ),
    ]


def test_load_article_returns_the_front_matter_fields_and_body() -> None:
    article = load_article(DATA / "base" / "docs" / "en" / "cases" / "kind-shop.md")
    assert article == Article(
        path=DATA / "base" / "docs" / "en" / "cases" / "kind-shop.md",
        id="kind-shop",
        kind="case",
        title="The kind shop",
        summary="A shop that was kind.",
        sources=("src-a",),
        tags=("case",),
        related=("be-kind",),
        body=article.body,
        body_line=10,
    )
    assert article.body.startswith("\n# The kind shop\n")


def test_load_article_names_file_and_line_of_broken_yaml() -> None:
    path = DATA / "broken-yaml" / "docs" / "en" / "index.md"
    with pytest.raises(HandbookError) as caught:
        load_article(path, path.parent)
    assert caught.value.path == str(path)
    assert caught.value.line == 4
    assert caught.value.format_message() == (
        f"{path}:4: the front matter is not valid YAML: mapping values are not allowed here\n"
        "  fix: quote values that contain ': ', '#', '[' or start with a quote"
    )


def test_load_article_rejects_invalid_fields_in_one_message() -> None:
    path = DATA / "id-mismatch" / "docs" / "en" / "index.md"
    with pytest.raises(HandbookError) as caught:
        load_article(path, path.parent)
    assert caught.value.detail == (
        "invalid front matter: 'id' must equal the file name without '.md' ('home'), found 'start'"
    )


def test_heading_anchor_attribute_is_parsed_and_removed_from_the_text() -> None:
    tokens = markdown_parser().parse("## What it shows {#what-it-shows}\n\n## Plain {not attrs\n")
    headings = [
        (t.attrGet("id"), tokens[i + 1].content) for i, t in enumerate(tokens) if t.type == "heading_open"
    ]
    assert headings == [("what-it-shows", "What it shows"), (None, "Plain {not attrs")]


def test_cli_check_json_reports_content_problems(tmp_path: Path, monkeypatch) -> None:
    project = make_tree(tmp_path, "broken-link")
    (project.root / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    monkeypatch.setenv("HANDBOOK_ROOT", str(project.root))
    result = CliRunner().invoke(main, ["check", "--json"])
    assert result.exit_code == 1
    report = json.loads(result.output)
    content = [p for p in report["problems"] if p["code"] == "broken-link"]
    assert content == [
        {
            "code": "broken-link",
            "lang": "en",
            "page": "index.md",
            "message": "line 15: link 'principles/be-nice.md#on-a-shift' points at"
            " 'principles/be-nice.md', which is nothing; link an existing file",
        }
    ]


def test_the_real_english_handbook_has_no_content_problems() -> None:
    problems = run_content_checks(Project(REPO))
    assert [f"{p.code} {p.page}: {p.message}" for p in problems] == []
