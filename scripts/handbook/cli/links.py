"""`handbook links`: stable page and section URLs per language, for onboarding material."""

from __future__ import annotations

import csv
import io
import json

import click

from handbook.core.fsutil import project_lock
from handbook.core.project import Language, Project, language
from handbook.site.links import PageLink, collect_links, site_url, update_registry
from handbook.site.public_url import is_loopback


def _markdown(links: list[PageLink], names: dict[str, Language]) -> str:
    lines: list[str] = []
    current = None
    for link in links:
        if link.lang != current:
            if lines:
                lines.append("")
            lines.append(f"## {names[link.lang].native_name} ({link.lang})")
            lines.append("")
            current = link.lang
        lines.append(f"- [{link.title}]({link.url})")
        lines.extend(f"    - [{section.title}]({section.url})" for section in link.sections)
    return "\n".join(lines) + "\n"


def _neutral_markdown(links: list[PageLink]) -> str:
    """One list for every language: each page and section at its /go/ address (titles in English)."""
    lines: list[str] = []
    seen: set[str] = set()
    for link in links:
        if link.id in seen:
            continue
        seen.add(link.id)
        lines.append(f"- [{link.title}]({link.neutral_url})")
        lines.extend(f"    - [{section.title}]({section.neutral_url})" for section in link.sections)
    return "\n".join(lines) + "\n"


def _csv(links: list[PageLink]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["lang", "id", "page_title", "anchor", "title", "url", "neutral_url"])
    for link in links:
        writer.writerow([link.lang, link.id, link.title, "", link.title, link.url, link.neutral_url])
        for section in link.sections:
            writer.writerow(
                [
                    link.lang,
                    link.id,
                    link.title,
                    section.anchor,
                    section.title,
                    section.url,
                    section.neutral_url,
                ]
            )
    return buffer.getvalue()


@click.command(name="links")
@click.option(
    "--lang",
    "langs",
    multiple=True,
    metavar="L",
    help="Only this language (repeatable); default: every language of the site.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["md", "csv", "json"]),
    default="md",
    show_default=True,
    help="md: nested list to paste into a course; csv: one row per page and section; json: for scripts.",
)
@click.option(
    "--neutral",
    is_flag=True,
    help="md: one list of language-neutral addresses (/go/<id>/), which open each page in the "
    "reader's language (csv and json always have them in neutral_url).",
)
@click.option(
    "--update-registry",
    "update",
    is_flag=True,
    help="Also add every URL the built site serves (all languages) to urls.yml, the registry of "
    "published URLs; run `handbook build` first.",
)
def links_command(langs: tuple[str, ...], output_format: str, neutral: bool, update: bool) -> None:
    """Print the stable URL of every page and section, per language, for onboarding material.

    URLs use site_url from mkdocs.yml (or HANDBOOK_SITE_URL) and the explicit {#anchor} of each heading, so they stay the
    same when a title or a translation changes. With --update-registry (after `handbook build`),
    every URL the built site serves is added to urls.yml (never removed), and `handbook check`
    then fails if one of them stops resolving without a redirect.
    """
    project = Project.discover()
    codes = [language(code, project).code for code in langs]
    if update:
        with project_lock(project.root):
            added, total, skipped = update_registry(project)
        click.echo(f"urls.yml: {added} URL(s) added, {total} in the registry", err=True)
        for url in skipped:
            click.echo(f"  not added (the built site does not serve it): {url}", err=True)
    links = collect_links(project, codes or None)
    base = site_url(project)
    if is_loopback(base):
        click.echo(
            f"warning: these links use {base}, an address only this computer reaches; set site_url in "
            "mkdocs.yml (or HANDBOOK_SITE_URL) to the address the handbook is published at",
            err=True,
        )
    if output_format == "json":
        click.echo(json.dumps([link.as_dict() for link in links], ensure_ascii=False, indent=2))
    elif output_format == "csv":
        click.echo(_csv(links), nl=False)
    elif neutral:
        english = [link for link in collect_links(project, ["en"])] if codes else links
        click.echo(_neutral_markdown([link for link in english if link.lang == "en"]), nl=False)
    else:
        click.echo(_markdown(links, {lang.code: lang for lang in project.languages}), nl=False)
