"""Checks that every published URL in urls.yml still resolves in the built site, or is redirected.

A URL resolves when its page file exists in `site/` and, for a section URL, an element with that
`id` exists in it. A page that moved is covered by an entry in the `redirects` plugin's
`redirect_maps` in mkdocs.yml (language-neutral paths, e.g. `principles/old.md: principles/new.md`,
applied to every language); the redirect target must then resolve, with the anchor.
"""

from __future__ import annotations

from functools import cache
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

from handbook.build import configured_languages, read_config
from handbook.checks import Problem, check
from handbook.links import REGISTRY_NAME, load_registry, page_path
from handbook.project import SOURCE_LANGUAGE, Project


class _PageFacts(HTMLParser):
    """Collects every `id` of a built page and notices a redirect stub (meta refresh)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.is_redirect = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            self.is_redirect = True


@cache
def _facts(path: Path, mtime_ns: int) -> tuple[frozenset[str], bool]:
    parser = _PageFacts()
    parser.feed(path.read_text(encoding="utf-8", errors="replace"))
    parser.close()
    return frozenset(parser.ids), parser.is_redirect


def _page_facts(path: Path) -> tuple[frozenset[str], bool] | None:
    if not path.is_file():
        return None
    return _facts(path, path.stat().st_mtime_ns)


def redirect_maps(config: dict) -> dict[str, str]:
    """The `redirect_maps` of the `redirects` plugin in mkdocs.yml (empty when it is not configured)."""
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "redirects" in plugin:
            settings = plugin["redirects"] or {}
            maps = settings.get("redirect_maps") or {}
            return {str(old): str(new) for old, new in maps.items()}
    return {}


def _split(url: str, languages: list[str]) -> tuple[str, str, str]:
    """(lang, language-neutral path, anchor) of a registry URL such as `he/principles/x/#why`."""
    path, _, anchor = url.lstrip("/").partition("#")
    first = path.split("/", 1)[0]
    if first in languages and first != SOURCE_LANGUAGE:
        return first, path[len(first) + 1 :], anchor
    return SOURCE_LANGUAGE, path, anchor


def _html_file(site: Path, path: str) -> Path:
    return site / path / "index.html" if path == "" or path.endswith("/") else site / path


def _sources_for(neutral_path: str) -> list[str]:
    stem = neutral_path.rstrip("/")
    if not stem:
        return ["index.md", "README.md"]
    return [f"{stem}.md", f"{stem}/index.md", f"{stem}/README.md"]


def _resolve(site: Path, path: str, anchor: str) -> str | None:
    """None if `path#anchor` resolves in the built site, else what is wrong."""
    html = _html_file(site, path)
    facts = _page_facts(html)
    if facts is None:
        return f"{html.relative_to(site.parent).as_posix()} is missing"
    ids, is_redirect = facts
    if is_redirect:
        return f"{html.relative_to(site.parent).as_posix()} is a redirect stub"
    if anchor and anchor not in ids:
        return f"{html.relative_to(site.parent).as_posix()} has no element with id {anchor!r}"
    return None


def url_problem(site: Path, url: str) -> str | None:
    """None if the registry URL `url` (`/he/x/#anchor`) resolves in the built `site`, else why not."""
    path, _, anchor = url.lstrip("/").partition("#")
    return _resolve(site, path, anchor)


@check
def published_urls_resolve(project: Project) -> list[Problem]:
    """Every URL in urls.yml resolves in site/, directly or through a redirect in mkdocs.yml."""
    urls = load_registry(project)
    if not urls:
        return []
    site = project.site_dir
    if not (site / "index.html").is_file():
        return [
            Problem(
                "links.site-not-built",
                "",
                REGISTRY_NAME,
                f"site/ is not built, so the {len(urls)} published URLs in {REGISTRY_NAME} cannot be "
                "checked; run `handbook build` first, then `handbook check`",
            )
        ]
    config = read_config(project)
    languages = configured_languages(config)
    redirects = redirect_maps(config)
    problems: list[Problem] = []
    for url in urls:
        lang, neutral, anchor = _split(url, languages)
        direct = _resolve(site, url.lstrip("/").partition("#")[0], anchor)
        if direct is None:
            continue
        source = next((s for s in _sources_for(neutral) if s in redirects), None)
        if source is None:
            problems.append(
                Problem(
                    "links.unresolved",
                    lang,
                    url,
                    f"published URL {url} no longer resolves ({direct}) and no redirect covers it; "
                    f"add `{_sources_for(neutral)[0]}: <new page>.md` under the redirects plugin's "
                    "redirect_maps in mkdocs.yml, or restore the page or anchor",
                )
            )
            continue
        target, _, target_anchor = redirects[source].partition("#")
        if PurePosixPath(target).suffix != ".md":
            continue  # an external redirect target (http...) cannot be checked offline
        target_path = page_path(target, lang)
        reason = _resolve(site, target_path, anchor or target_anchor)
        if reason is not None:
            problems.append(
                Problem(
                    "links.redirect-broken",
                    lang,
                    url,
                    f"published URL {url} is redirected ({source} -> {redirects[source]}) but the "
                    f"target /{target_path}{'#' + (anchor or target_anchor) if anchor or target_anchor else ''} "
                    f"does not resolve ({reason}); fix the redirect target in mkdocs.yml",
                )
            )
    return problems
