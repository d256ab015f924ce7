"""Reuse of navigation HTML between pages (mkdocs feature `NavigationCache`).

Material renders the whole navigation tree for every page, through a recursive Jinja macro. With
`navigation.prune`, most of it is the same on every page: a collapsed section is a link to its
first page, and a link to any page other than the current one is the same `<li>`. Only the links
change, and only with where the current page sits (relative URLs). On large sites this rendering
is the biggest part of the build (a fifth of mkdocs' time for 800 articles in sections of 25).

`overrides/partials/nav-item.html` (Material's own template, one line changed) renders each nested
item through `handbook_nav_item`, which renders it with Material's macro the first time and
returns the same HTML again when the item and its link, relative to the page being rendered, are
the same. Anything that depends on the current page (the active item, its open section and table
of contents, sections kept open by `navigation.sections`) is rendered as usual.
"""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context


def _first_page(item: Any) -> Any:
    """The page a collapsed section links to (Material's `render_pruned`: first child, recursively)."""
    first = item.children[0] if item.children else None
    while first is not None and first.children:
        first = first.children[0]
    return first


def _is_pruned(item: Any, level: int, parent: Any, features: list[str]) -> bool:
    """Whether Material renders this section collapsed (`md-nav__item--pruned`), as nav-item.html decides."""
    if "navigation.prune" not in features or item.active:
        return False
    if "navigation.tabs" in features:
        is_section = (level == 1 and item.active) or (
            "navigation.sections" in features and level == 2 and bool(getattr(parent, "active", False))
        )
    else:
        is_section = "navigation.sections" in features and level == 1
    return not is_section


class NavigationCache:
    """Registers `handbook_nav_item` for the navigation template; forgets everything per build."""

    def __init__(self) -> None:
        self.rendered: dict[tuple[int, str], Any] = {}

    def on_env(self, env, **kwargs):
        # A new build (another language, or a rebuild under `mkdocs serve`) has new nav objects.
        self.rendered = {}
        env.globals["handbook_nav_item"] = self.nav_item
        return env

    @pass_context
    def nav_item(self, context: Context, item: Any, path: str, level: int, parent: Any, render: Any) -> Any:
        """Material's `render(item, path, level, parent)`, reused when it cannot differ."""
        if item.children:
            features = context.get("features") or []
            first = _first_page(item) if _is_pruned(item, level, parent, features) else None
            if first is None:
                return render(item, path, level, parent)
            target = first.url  # a collapsed section shows only this link, its title and icon
        elif item.active or item is context.get("page"):
            return render(item, path, level, parent)
        else:
            target = item.url
        # The item objects live as long as the build, so their id is a safe key within one build.
        key = (id(item), context.environment.filters["url"](context, target))
        html = self.rendered.get(key)
        if html is None:
            html = self.rendered[key] = render(item, path, level, parent)
        return html
