"""Checks that every published URL in urls.yml still resolves in the built site, or is redirected.

A URL resolves when its page file exists in `site/` and, for a section URL, an element with that
`id` exists in it. A page that moved is covered by an entry in the `redirects` plugin's
`redirect_maps` in mkdocs.yml (language-neutral paths, e.g. `principles/old.md: principles/new.md`,
applied to every language); the redirect target must then resolve, with the anchor.
"""

from __future__ import annotations

from pathlib import PurePosixPath

from handbook.checks.registry import Problem, check
from handbook.core.project import Project
from handbook.site.build import configured_languages, read_config
from handbook.site.links import (
    REGISTRY_NAME,
    load_registry,
    page_path,
    redirect_maps,
    resolve_url,
    sources_for,
    split_url,
)


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
        lang, neutral, anchor = split_url(url, languages)
        direct = resolve_url(site, url.lstrip("/").partition("#")[0], anchor)
        if direct is None:
            continue
        source = next((s for s in sources_for(neutral) if s in redirects), None)
        if source is None:
            problems.append(
                Problem(
                    "links.unresolved",
                    lang,
                    url,
                    f"published URL {url} no longer resolves ({direct}) and no redirect covers it; "
                    f"add `{sources_for(neutral)[0]}: <new page>.md` under the redirects plugin's "
                    "redirect_maps in mkdocs.yml, or restore the page or anchor",
                )
            )
            continue
        target, _, target_anchor = redirects[source].partition("#")
        if PurePosixPath(target).suffix != ".md":
            continue  # an external redirect target (http...) cannot be checked offline
        target_path = page_path(target, lang)
        reason = resolve_url(site, target_path, anchor or target_anchor)
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
