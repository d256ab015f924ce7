"""Language-neutral addresses: `/go/<id>/` (and `/go/<id>/#<anchor>`) open a page in the reader's language.

One static page per article, written by the default language's build: a list of the page in every
language (what a reader without JavaScript sees and follows), and `handbook-go.js`, which goes to
the language the reader last chose in the switcher (remembered in localStorage by
`handbook-links.js`), else the first of the browser's languages the handbook has, else the default
language, keeping the `#anchor`. Trainers paste one link per section for a team of many languages.
"""

from __future__ import annotations

import html
from pathlib import Path

from handbook.core.project import SOURCE_LANGUAGE, read_languages
from handbook.site.features import site_language
from handbook.site.links import page_path

GO_DIR = "go"
GO_SCRIPT = "assets/javascripts/handbook-go.js"
STORAGE_KEY = "handbook.lang"  # also in handbook-links.js and handbook-go.js


def neutral_path(page_id: str) -> str:
    """The site-relative path of a page's language-neutral address: `go/<id>/`."""
    return f"{GO_DIR}/{page_id}/"


def go_page(page_id: str, title: str, source: str, languages) -> str:
    """The HTML of `go/<id>/index.html`: links to the page in every language, and the chooser script."""
    up = "../../"
    items = "\n".join(
        f'      <li><a href="{up}{page_path(source, lang.code)}" hreflang="{lang.code}" lang="{lang.code}" '
        f'dir="{lang.dir}">{html.escape(lang.native_name)}</a></li>'
        for lang in languages
    )
    return (
        "<!doctype html>\n"
        f'<html lang="{SOURCE_LANGUAGE}" dir="ltr">\n'
        "  <head>\n"
        '    <meta charset="utf-8">\n'
        '    <meta name="viewport" content="width=device-width,initial-scale=1">\n'
        '    <meta name="robots" content="noindex">\n'
        f"    <title>{html.escape(title)}</title>\n"
        "  </head>\n"
        "  <body>\n"
        f"    <h1>{html.escape(title)}</h1>\n"
        f'    <ul id="hb-go" data-hb-default="{SOURCE_LANGUAGE}" data-hb-page="{html.escape(page_path(source, SOURCE_LANGUAGE))}">\n'
        f"{items}\n"
        "    </ul>\n"
        f'    <script src="{up}{GO_SCRIPT}"></script>\n'
        "  </body>\n"
        "</html>\n"
    )


class NeutralLinks:
    """Writes `go/<id>/index.html` for every page of the default language's build."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[str, str]] = {}  # id -> (title, source)

    def on_files(self, files, *, config, **kwargs):
        if site_language(config) == SOURCE_LANGUAGE:
            self.pages = {}
        return files

    def on_page_context(self, context, *, page, config, **kwargs):
        if site_language(config) != SOURCE_LANGUAGE:
            return context
        page_id = (page.meta or {}).get("id")
        source = getattr(page.file, "norm_src_uri", None) or page.file.src_uri
        if isinstance(page_id, str) and page_id and source:
            self.pages[page_id] = (str(page.meta.get("title") or page.title or page_id), source)
        return context

    def on_post_build(self, *, config, **kwargs) -> None:
        if site_language(config) != SOURCE_LANGUAGE or not self.pages:
            return
        languages = read_languages(Path(config.config_file_path))
        for page_id, (title, source) in sorted(self.pages.items()):
            target = Path(config.site_dir) / neutral_path(page_id) / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(go_page(page_id, title, source, languages), encoding="utf-8")
