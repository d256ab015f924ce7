"""Source notes (mkdocs feature `SourceNotes`): `[src-000 §4]` in a page becomes a small link.

The note names the source by its short title in the reader's language (`short_title` in
`sources/sources.yml`) and the paragraph ("Source: the Starbucks loyalty post, ¶4"; strings
`source_note.*` in `handbook.core.ui`), never by its internal number, and links to the source's
entry on the Sources page (`sources.md#<source id>`, the heading anchor the Sources page gives
each entry); a run of references to one source is one note ("…, ¶5, ¶7"). It is a Python-Markdown inline pattern, so it never fires inside code spans or after
a backslash (a reference a translator typed is escaped by `handbook sync`), and it is kept out of
the search index (`data-pagefind-ignore`). Whether §N exists is `handbook check`'s job.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from pathlib import Path

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor
from mkdocs.exceptions import PluginError

from handbook.core.errors import HandbookError
from handbook.core.project import LANGUAGE_BY_CODE, SOURCE_LANGUAGE
from handbook.core.source_refs import REFERENCE_RE, SourceRecord, load_sources
from handbook.core.ui import t

SOURCES_PAGE = "sources.md"
# Above Python-Markdown's `reference` (170) and `link` (160), below `escape` (180) and code (190).
PRIORITY = 175


class _Context:
    """What the pattern needs of the page being rendered (set before each page)."""

    def __init__(self) -> None:
        self.sources: dict[str, SourceRecord] = {}
        self.lang = SOURCE_LANGUAGE
        self.sources_href = SOURCES_PAGE
        self.page = ""


# A reference, or a run of references to one source separated by single spaces (one note).
RUN_RE = re.compile(r"\[(src-\d{3}) §[1-9][0-9]*\](?: \[\1 §[1-9][0-9]*\])*")


class _SourceNotePattern(InlineProcessor):
    def __init__(self, context: _Context) -> None:
        super().__init__(RUN_RE.pattern)
        self.context = context

    def handleMatch(self, match, data):  # noqa: N802 (Python-Markdown's name)
        context = self.context
        number = match.group(1)
        paragraphs = [found.group(2) for found in REFERENCE_RE.finditer(match.group(0))]
        record = context.sources.get(number)
        if record is None:
            raise PluginError(
                f"{context.page}: source reference {match.group(0)} names no source in "
                f"sources/sources.yml; use the number of a listed source (run `handbook check`)"
            )
        title = record.short_titles.get(context.lang) or record.short_titles.get(SOURCE_LANGUAGE)
        if not title:
            raise PluginError(
                f"sources/sources.yml: source {record.id} has no short_title for "
                f"{context.lang!r} (needed by {match.group(0)} in {context.page}); add one"
            )
        language = LANGUAGE_BY_CODE.get(context.lang)
        link = etree.Element("a")
        link.set("class", "hb-source-note")
        link.set("href", f"{context.sources_href}#{record.id}")
        link.set("lang", context.lang)
        link.set("dir", language.dir if language else "ltr")
        link.set("data-pagefind-ignore", "all")
        # Shown "¶4", read "paragraph 4": the sign is hidden from screen readers and the word from
        # the eye, so the accessible name is the link's own text (no aria-label to drift from it).
        text = t("source_note.text", context.lang, title=title, paragraph="\x00")
        before, _, after = text.partition("\x00")
        link.text = before
        word_text = t("source_note.paragraph", context.lang) + " "
        separator = t("source_note.separator", context.lang)
        last = None
        for paragraph in paragraphs:
            if last is not None:
                last.tail += separator
            sign = etree.SubElement(link, "span", {"aria-hidden": "true"})
            sign.text = "¶"
            word = etree.SubElement(link, "span", {"class": "hb-visually-hidden"})
            word.text = word_text
            word.tail = paragraph
            last = word
        last.tail += after
        return link, match.start(0), match.end(0)


class SourceNotesExtension(Extension):
    """The Python-Markdown extension the feature adds to the site's `markdown_extensions`."""

    def __init__(self, context: _Context) -> None:
        super().__init__()
        self.context = context

    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        md.inlinePatterns.register(_SourceNotePattern(self.context), "handbook_source_note", PRIORITY)


def _sources_href(page) -> str:
    """`sources.md` of the page's language folder, relative to the page's own source file."""
    file = page.file
    neutral = getattr(file, "norm_src_uri", None) or file.src_uri
    folder = file.src_uri[: len(file.src_uri) - len(neutral)] if file.src_uri.endswith(neutral) else ""
    return posixpath.relpath(folder + SOURCES_PAGE, posixpath.dirname(file.src_uri) or ".")


class SourceNotes:
    """Registers the source-note pattern and tells it each page's language and Sources link."""

    def __init__(self) -> None:
        self.context = _Context()
        self.extension = SourceNotesExtension(self.context)

    def on_config(self, config, **kwargs):
        root = Path(config.config_file_path).resolve().parent
        try:
            self.context.sources = load_sources(root / "sources")
        except HandbookError as error:
            raise PluginError(str(error)) from error
        if self.extension not in config.markdown_extensions:
            config.markdown_extensions.append(self.extension)
        return config

    def on_page_markdown(self, markdown: str, *, page, config, **kwargs):
        self.context.lang = (config.theme.get("language") or SOURCE_LANGUAGE).split("-")[0]
        self.context.sources_href = _sources_href(page)
        self.context.page = page.file.src_uri
        return markdown
