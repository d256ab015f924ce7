"""The navigation cache (handbook.site.nav_cache): the same HTML as Material's own rendering, faster."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import material

from handbook.core.project import Project

OVERRIDE = Path(__file__).resolve().parent.parent / "overrides" / "partials" / "nav-item.html"
MATERIAL = Path(material.__file__).parent / "templates" / "partials" / "nav-item.html"
_HEADER = re.compile(r"\A\{#-.*?-#\}\n", re.S)


def test_override_is_materials_template_with_one_line_changed() -> None:
    ours = _HEADER.sub("", OVERRIDE.read_text(encoding="utf-8")).splitlines()
    theirs = _HEADER.sub("", MATERIAL.read_text(encoding="utf-8")).splitlines()
    assert len(ours) == len(theirs), "Material's nav-item.html changed: copy it again (see the header)"
    changed = [(a.strip(), b.strip()) for a, b in zip(ours, theirs, strict=True) if a != b]
    assert changed == [
        (
            '{{ handbook_nav_item(item, path ~ "_" ~ loop.index, level + 1, nav_item, render) }}',
            '{{ render(item, path ~ "_" ~ loop.index, level + 1, nav_item) }}',
        )
    ]


def _nest_principles(project: Project) -> None:
    """Put the principles into two sub-sections, so other pages show them collapsed (pruned)."""
    config = project.config_file.read_text(encoding="utf-8")
    lines = re.findall(r"^      - principles/.*\n", config, re.M)
    assert len(lines) >= 4
    half = len(lines) // 2
    nested = "".join(
        f"      - Part {number}:\n" + "".join("    " + line for line in part)
        for number, part in ((1, lines[:half]), (2, lines[half:]))
    )
    project.config_file.write_text(config.replace("".join(lines), nested), encoding="utf-8")


def _build(project: Project, out: Path, lang: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "handbook.site.build_language", str(project.config_file), str(out), lang],
        cwd=project.root,
        check=True,
        capture_output=True,
    )


def test_cached_navigation_is_the_html_material_renders(project_copy, tmp_path: Path) -> None:
    _nest_principles(project_copy)
    for lang in ("en", "he"):
        _build(project_copy, tmp_path / "cached" / lang, lang)
    copied_override = project_copy.root / "overrides" / "partials" / "nav-item.html"
    copied_override.unlink()  # Material's own template: no cache
    for lang in ("en", "he"):
        _build(project_copy, tmp_path / "material" / lang, lang)

    cached = sorted((tmp_path / "cached").rglob("*.html"))
    assert len(cached) > 60
    pruned = 0
    for page in cached:
        theirs = tmp_path / "material" / page.relative_to(tmp_path / "cached")
        html = page.read_text(encoding="utf-8")
        assert html == theirs.read_text(encoding="utf-8"), page.relative_to(tmp_path)
        pruned += "md-nav__item--pruned" in html
    # The nested principles are collapsed on every page outside them, in both languages.
    assert pruned > 20


def test_an_item_is_rendered_once_per_link_and_the_current_page_every_time() -> None:
    from types import SimpleNamespace

    import jinja2

    from handbook.site.nav_cache import NavigationCache

    env = jinja2.Environment()
    env.filters["url"] = jinja2.pass_context(lambda context, url: f"{context['depth']}{url}")
    NavigationCache().on_env(env)
    calls: list[str] = []

    def render(item, path, level, parent):
        calls.append(item.title)
        return f"<li>{item.title}</li>"

    page = SimpleNamespace(title="here", children=None, active=True, url="a/here/")
    other = SimpleNamespace(title="other", children=None, active=False, url="a/other/")
    collapsed = SimpleNamespace(title="part", children=[other], active=False, url=None)
    template = env.from_string("{{ handbook_nav_item(item, 'nav_1', 2, parent, render) }}")
    parent = SimpleNamespace(active=True)
    features = ["navigation.sections", "navigation.prune"]
    for depth in ("../", "../", "../../"):
        for item in (page, other, collapsed):
            assert (
                template.render(
                    item=item, parent=parent, render=render, page=page, depth=depth, features=features
                )
                == f"<li>{item.title}</li>"
            )
    # The current page every time; the others once per distinct link (two depths).
    assert calls.count("here") == 3
    assert calls.count("other") == 2
    assert calls.count("part") == 2
