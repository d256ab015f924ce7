"""Printable onboarding packs: one HTML document per onboarding path and language, from the built site.

A pack is what a trainer hands a new hire on paper: a cover (the path's title, the language, the
date, the handbook's version), a table of contents, the path page, then every principle and case
page the path links, once each in the order of first mention, whole; the glossary as an appendix;
then the addresses of its links. It is made from the pages `handbook build` wrote, so whatever the
site shows — translation notices, machine-drafted, stale (outdated) and English blocks marked, an
English fallback page — is on paper too. A link becomes a numbered endnote with the page's public
language-neutral address (`<public URL>go/<id>/#anchor`, see `neutral_links`), so a reader who
types it gets the page in their own language. `print_pdf` renders the document with WeasyPrint.
"""

from __future__ import annotations

import copy
import datetime as dt
import html
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

from handbook.core.articles import read_front_matter
from handbook.core.errors import HandbookError
from handbook.core.project import Language, Project
from handbook.core.ui import t
from handbook.site.links import page_path, source_pages
from handbook.site.neutral_links import neutral_path

PRINT_DIR = "print"  # where `handbook build --print` puts the packs in the site: site/print/<lang>/<id>.pdf
PRINT_ENV = (
    "HANDBOOK_PRINT_PACKS"  # set for the language builds of `build --print`: path pages link their pack
)
PATH_KIND = "path"
INCLUDED_KINDS = ("principle", "case")  # what a path's links bring into its pack
GLOSSARY_SOURCE = "glossary.md"
# Elements of a built page that only work on screen.
SCREEN_ONLY = ("button", "svg", "script", "style", "noscript", "form", "input", "template")
SCREEN_ONLY_CLASSES = ("hb-copy-feedback", "hb-visually-hidden", "headerlink", "hb-print-pack", "hb-report")


@dataclass(frozen=True)
class Catalogue:
    """Every English page's id and kind by source path (`principles/x.md`), in menu order."""

    pages: dict[str, tuple[str, str]]  # source -> (id, kind)

    @classmethod
    def read(cls, project: Project) -> Catalogue:
        pages: dict[str, tuple[str, str]] = {}
        for source in source_pages(project):
            data = read_front_matter(project.source_docs_dir / source).data
            page_id, kind = data.get("id"), data.get("kind")
            if isinstance(page_id, str) and page_id:
                pages[source] = (page_id, str(kind or ""))
        return cls(pages)

    def paths(self) -> list[str]:
        """The ids of the onboarding paths, in menu order."""
        return [page_id for page_id, kind in self.pages.values() if kind == PATH_KIND]

    def source_of(self, page_id: str) -> str:
        return next(source for source, (known, _) in self.pages.items() if known == page_id)


@dataclass
class Endnotes:
    """Numbered link addresses; the same address keeps its first number."""

    urls: list[str] = field(default_factory=list)

    def number(self, url: str) -> int:
        if url not in self.urls:
            self.urls.append(url)
        return self.urls.index(url) + 1


def handbook_version(project: Project) -> str:
    """The package version, with the checkout's commit when the project is a git work tree."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        __version__ = version("service-handbook")
    except PackageNotFoundError:
        __version__ = "unknown"
    try:
        result = subprocess.run(
            ["git", "-C", str(project.root), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
            timeout=10,
        )
    except (OSError, subprocess.TimeoutExpired):
        return __version__
    commit = result.stdout.strip() if result.returncode == 0 else ""
    return f"{__version__} ({commit})" if commit else __version__


def _lxml():
    from lxml import html as lxml_html

    return lxml_html


def load_page(site: Path, source: str, lang: str):
    """The content element (`data-pagefind-body`) of a built page, and its site-relative path."""
    path = page_path(source, lang)
    file = site / path / "index.html"
    if not file.is_file():
        raise HandbookError(
            f"the built site has no page {path or '/'} (for docs/en/{source})",
            path=file,
            fix="run `handbook build` first (or `handbook build --print`, which prints from the site it builds)",
        )
    tree = _lxml().fromstring(file.read_bytes())
    bodies = tree.xpath("//*[@data-pagefind-body]")
    if not bodies:
        raise HandbookError(
            "the page has no content element (data-pagefind-body); was it built by this handbook?",
            path=file,
            fix="run `handbook build` again",
        )
    return bodies[0], path, file


def linked_sources(body, path: str, by_path: dict[str, str]) -> list[str]:
    """The sources a page links to, in order of first mention (each once)."""
    found: list[str] = []
    for anchor in body.iter("a"):
        target = _site_target(anchor.get("href") or "", path)
        source = by_path.get(target[0]) if target else None
        if source and source not in found:
            found.append(source)
    return found


def _site_target(href: str, path: str) -> tuple[str, str] | None:
    """(site path, fragment) of a link inside the site, relative to the page at `path`; None if external."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not (parts.path or parts.fragment):
        return None
    joined = urlsplit(urljoin("/" + path, href))
    target = joined.path.lstrip("/")
    if target.endswith("index.html"):
        target = target[: -len("index.html")]
    return target, joined.fragment


def _endnote_url(href: str, path: str, by_path: dict[str, str], catalogue: Catalogue, base_url: str) -> str:
    target = _site_target(href, path)
    if target is None:
        return href
    site_path, fragment = target
    source = by_path.get(site_path)
    suffix = f"#{fragment}" if fragment else ""
    if source is not None:
        return base_url + neutral_path(catalogue.pages[source][0]) + suffix
    return base_url + site_path + suffix


def clean_section(
    body,
    *,
    path: str,
    file: Path,
    prefix: str,
    notes: Endnotes,
    by_path: dict[str, str],
    catalogue: Catalogue,
    base_url: str,
    lang: str,
):
    """A copy of a page's content for paper: screen-only parts out, ids prefixed, links as endnotes."""
    lxml_html = _lxml()
    section = copy.deepcopy(body)
    section.tag = "section"
    for name in list(section.attrib):
        del section.attrib[name]
    section.set("class", "hb-pack-page")
    section.set("id", prefix)
    for element in list(section.iter()):
        if not isinstance(element.tag, str):
            continue
        classes = set((element.get("class") or "").split())
        if element.tag in SCREEN_ONLY or classes & set(SCREEN_ONLY_CLASSES):
            element.drop_tree()
    for element in section.iter():
        if isinstance(element.tag, str) and element.get("id") and element is not section:
            element.set("id", f"{prefix}-{element.get('id')}")
    for image in section.iter("img"):
        src = image.get("src") or ""
        local = (file.parent / src).resolve() if src and not urlsplit(src).scheme else None
        if local is not None and local.is_file():
            image.set("src", local.as_uri())
        else:
            image.drop_tree()
    for anchor in list(section.iter("a")):
        href = anchor.get("href") or ""
        anchor.tag = "span"
        for name in list(anchor.attrib):
            if name not in ("lang", "dir"):
                del anchor.attrib[name]
        anchor.set("class", "hb-pack-link")
        if not href or href.startswith("#") and not href[1:]:
            continue
        number = notes.number(_endnote_url(href, path, by_path, catalogue, base_url))
        mark = lxml_html.fragment_fromstring(f'<sup class="hb-note-ref">{number}</sup>')
        anchor.addnext(mark)
        mark.tail, anchor.tail = anchor.tail, None
    fallback = section.find(".//div[@class='hb-fallback']")
    if fallback is not None:
        notice = lxml_html.fragment_fromstring(
            f'<p class="hb-pack-fallback">{html.escape(t("fallback.english", lang))}</p>'
        )
        section.insert(0, notice)
    return section


def _title_of(section) -> str:
    heading = section.find(".//h1")
    return " ".join(heading.text_content().split()) if heading is not None else ""


def _date_text(date: dt.date, lang: str) -> str:
    from handbook.site.link_features import format_long_date

    return format_long_date(date, lang)  # as the site writes dates (Thai: Buddhist era)


def pack_html(
    project: Project,
    site: Path,
    lang: Language,
    path_id: str,
    *,
    base_url: str,
    paper: str,
    date: dt.date,
    catalogue: Catalogue | None = None,
    version: str | None = None,
) -> str:
    """The whole pack for one path in one language, as an HTML document for WeasyPrint."""
    from lxml import etree

    from handbook.site.print_style import pack_css

    catalogue = catalogue or Catalogue.read(project)
    code = lang.code
    by_path = {page_path(source, code): source for source in catalogue.pages}
    path_source = catalogue.source_of(path_id)
    path_body, path_site, path_file = load_page(site, path_source, code)
    included = [
        source
        for source in linked_sources(path_body, path_site, by_path)
        if catalogue.pages[source][1] in INCLUDED_KINDS
    ]
    notes = Endnotes()
    sections = []
    for number, source in enumerate([path_source, *included, GLOSSARY_SOURCE], start=1):
        if source == path_source:
            body, site_path, file = path_body, path_site, path_file
        else:
            body, site_path, file = load_page(site, source, code)
        sections.append(
            clean_section(
                body,
                path=site_path,
                file=file,
                prefix=f"hb-p{number}",
                notes=notes,
                by_path=by_path,
                catalogue=catalogue,
                base_url=base_url,
                lang=code,
            )
        )
    glossary = sections[-1]
    glossary.set("class", "hb-pack-page hb-pack-appendix")
    path_title = _title_of(sections[0])
    entries = [(section.get("id"), _title_of(section)) for section in sections[:-1]]
    entries.append((glossary.get("id"), t("print.appendix", code, title=_title_of(glossary))))
    entries.append(("hb-notes", t("print.notes", code)))
    toc = "\n".join(
        f'<li><a href="#{html.escape(anchor)}">{html.escape(title)}</a></li>' for anchor, title in entries
    )
    note_items = "\n".join(
        f'<li id="hb-note-{number}"><span dir="ltr" class="hb-note-url">{html.escape(url)}</span></li>'
        for number, url in enumerate(notes.urls, start=1)
    )
    e = html.escape
    cover = (
        '<section class="hb-cover">\n'
        f'<p class="hb-cover-site">{e(_site_name(project, code))}</p>\n'
        f'<h1 class="hb-cover-title">{e(path_title)}</h1>\n'
        f'<p class="hb-cover-language">{e(t("print.language", code, language=lang.native_name))}</p>\n'
        f'<p class="hb-cover-date">{e(t("print.date", code, date=_date_text(date, code)))}</p>\n'
        f'<p class="hb-cover-version">{_isolated(t("print.version", code, version=_SLOT), version or handbook_version(project))}</p>\n'
        "</section>\n"
    )
    body = "\n".join(etree.tostring(section, encoding="unicode", method="html") for section in sections)
    return (
        "<!doctype html>\n"
        f'<html lang="{e(code)}" dir="{e(lang.dir)}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{e(path_title)}</title>\n<style>\n{pack_css(paper)}\n</style>\n</head>\n<body>\n"
        f"{cover}"
        f'<nav class="hb-toc">\n<h1>{e(t("print.contents", code))}</h1>\n<ol>\n{toc}\n</ol>\n</nav>\n'
        f'<main class="md-typeset">\n{body}\n'
        f'<section class="hb-pack-page hb-notes" id="hb-notes">\n<h1>{e(t("print.notes", code))}</h1>\n'
        f"<p>{e(t('print.notes_intro', code))}</p>\n<ol>\n{note_items}\n</ol>\n</section>\n"
        "</main>\n</body>\n</html>\n"
    )


_SLOT = "\ufffc"  # where a left-to-right value goes in a translated sentence


def _isolated(sentence: str, value: str) -> str:
    """`sentence` escaped, with `value` in place of _SLOT isolated left to right (a version, a number)."""
    return html.escape(sentence).replace(_SLOT, f'<bdi dir="ltr">{html.escape(value)}</bdi>')


def _site_name(project: Project, code: str) -> str:
    from handbook.site.build import _language_settings, read_config

    config = read_config(project)
    for settings in _language_settings(config):
        if settings.get("locale") == code and settings.get("site_name"):
            return str(settings["site_name"])
    return str(config.get("site_name") or "")


def pack_file(out: Path, lang: str, path_id: str) -> Path:
    """Where a pack goes: `<out>/<lang>/<path-id>.pdf`."""
    return out / lang / f"{path_id}.pdf"


def pack_href(page_url: str, lang: str, path_id: str) -> str:
    """The link from a built page (site-relative `page_url`, `he/onboarding/x/`) to its pack in the site."""
    target = PurePosixPath(PRINT_DIR) / lang / f"{path_id}.pdf"
    depth = len([part for part in page_url.split("/") if part])
    return "../" * depth + target.as_posix()


_FIRST_H1_END = re.compile(r"</h1>", re.IGNORECASE)


class PackLink:
    """With `handbook build --print` (PRINT_ENV set), each onboarding path page links to its pack.

    The link (translated text, class `hb-print-pack`) goes right under the page title; plain
    `handbook build` adds nothing, as it makes no packs.
    """

    def on_page_content(self, html_text: str, *, page, config, **kwargs) -> str:
        meta = page.meta or {}
        if not os.environ.get(PRINT_ENV) or meta.get("kind") != PATH_KIND or not meta.get("id"):
            return html_text
        from handbook.site.features import site_language

        lang = site_language(config)
        href = pack_href(page.url or "", lang, str(meta["id"]))
        link = (
            f'<p class="hb-print-pack" data-pagefind-ignore><a href="{html.escape(href)}" '
            f'type="application/pdf">{html.escape(t("print.pack_link", lang))}</a></p>\n'
        )
        match = _FIRST_H1_END.search(html_text)
        at = match.end() if match else 0
        return html_text[:at] + "\n" + link + html_text[at:]
