"""`handbook check` translation QA: every reviewed segment of every language passes `handbook.checks.qa`,
a link whose English text is its target's title carries the target's translated title, and source
references the English has together stay together, those it keeps apart apart (`qa-citations`,
`handbook.translate.citations`).

Accepting a finding: a reviewer who has checked a finding and found it right to keep (a true
note about an English source, say) marks that one entry in the PO file with a flag and a
translator comment giving the reason:

    # The source really is an English article: the note is true for every reader.
    #, qa-ok:qa-english-note

(several flags may be given; `qa-ok:english-note` means the same). `handbook check` then lists the
finding as accepted, with the reason, and does not count it. A flag without a reason comment does
not accept anything: the finding stays a problem and says what is missing. The older translator
comment `# qa-ignore: code, code` is read the same way (its other comments are the reason).

Link titles: the English link text is compared with the target page's title (or, for a
`page.md#anchor` link, the heading with that anchor) word by word, ignoring case and
punctuation (straight or curly quotes); if they are the same,
the translated link text must be the target's reviewed translated title, compared after
`normalise_words`: Hebrew one-letter prefixes and Arabic conjunction/preposition/article prefixes
are removed as site search removes them (`handbook.site.search.stem_variants`), and Russian and
Arabic words are reduced to their Snowball stems, so "о клиенте" matches "Клиент" and "لشركة"
matches "شركة".
"""

from __future__ import annotations

import functools
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from handbook.checks.qa import check_segment
from handbook.checks.registry import Problem, check
from handbook.core.errors import HandbookError
from handbook.core.project import Project
from handbook.translate.citations import apart, side_by_side
from handbook.translate.glossary import fold, load_glossary
from handbook.translate.memory import Catalog, Entry, SegmentState, catalog_path, load_catalog
from handbook.translate.segments import Segment, SegmentKind, extract

IGNORE_PREFIX = "qa-ignore:"
OK_FLAG = "qa-ok:"
LINK_TITLE = "qa-link-title"
CITATIONS = "qa-citations"
_LINK = re.compile(r"\[((?:[^\[\]\\]|\\.)+)\]\(\{(\d+)\}\)")
_WORD = re.compile(r"\w+")
_SNOWBALL = {"ru": "russian", "ar": "arabic"}


def ignored_codes(comments: tuple[str, ...]) -> set[str]:
    """QA codes a reviewer silenced for one entry with `# qa-ignore: code, code`."""
    codes: set[str] = set()
    for comment in comments:
        if comment.startswith(IGNORE_PREFIX):
            codes.update(code.strip() for code in comment[len(IGNORE_PREFIX) :].split(",") if code.strip())
    return codes


def _code(name: str) -> str:
    name = name.strip()
    return name if name.startswith("qa-") else "qa-" + name


@dataclass(frozen=True)
class Acceptance:
    """What one entry accepts: the QA codes, the reason, and the codes flagged without a reason."""

    codes: frozenset[str]
    reason: str
    unexplained: frozenset[str]

    @classmethod
    def of(cls, entry: Entry) -> Acceptance:
        flagged = {_code(flag[len(OK_FLAG) :]) for flag in entry.flags if flag.startswith(OK_FLAG)}
        legacy = ignored_codes(entry.comments)
        reason = " ".join(
            comment for comment in entry.comments if not comment.startswith(IGNORE_PREFIX)
        ).strip()
        if reason:
            return cls(frozenset(flagged | legacy), reason, frozenset())
        return cls(frozenset(), "", frozenset(flagged | legacy))


def _excerpt(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def _problem(code: str, lang: str, page: str, message: str, entry: Entry, acceptance: Acceptance) -> Problem:
    message = f"{message} — in {_excerpt(entry.msgid)!r}"
    if code in acceptance.codes:
        return Problem(code, lang, page, message, accepted=acceptance.reason)
    if code in acceptance.unexplained:
        message += f" (the flag qa-ok:{code} needs a translator comment giving the reason)"
    return Problem(code, lang, page, message)


# --- link texts against their targets' titles ------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def _stem(word: str, lang: str) -> str:
    import snowballstemmer

    return snowballstemmer.stemmer(_SNOWBALL[lang]).stemWord(word)


def normalise_words(text: str, lang: str) -> list[frozenset[str]]:
    """Each word of `text` as the set of forms it may stand for (prefixes and endings removed)."""
    from handbook.site.search import fold as search_fold
    from handbook.site.search import stem_variants

    if lang == "th":  # no prefixes or endings; spacing inside a Thai title is free
        return [frozenset({re.sub(r"\W", "", fold(text, lang))})]
    words: list[frozenset[str]] = []
    for word in _WORD.findall(fold(search_fold(text), lang)):
        forms = {word, *stem_variants(word, lang)}
        if lang in _SNOWBALL:
            forms |= {_stem(form, lang) for form in forms}
        words.append(frozenset(forms))
    return words


def same_title(link_text: str, title: str, lang: str) -> bool:
    """Whether a translated link text reads as the translated `title` (word by word, normalised)."""
    a, b = normalise_words(link_text, lang), normalise_words(title, lang)
    return len(a) == len(b) and all(x & y for x, y in zip(a, b, strict=True))


@dataclass
class EnglishPage:
    segments: dict[str, Segment]  # msgid -> its segment
    title: str
    headings: dict[str, str]  # anchor -> heading text


def _english_pages(project: Project) -> dict[str, EnglishPage]:
    pages: dict[str, EnglishPage] = {}
    root = project.source_docs_dir
    for path in sorted(root.rglob("*.md")):
        page = path.relative_to(root).as_posix()
        try:
            segments = extract(path.read_text(encoding="utf-8"), path=str(path))
        except (HandbookError, UnicodeDecodeError):
            continue  # reported by the content checks
        title = next((s.source for s in segments if s.kind is SegmentKind.TITLE), "")
        headings = {
            s.attr_suffix[2:-1]: s.source
            for s in segments
            if s.kind is SegmentKind.HEADING and s.attr_suffix.startswith("{#")
        }
        pages[page] = EnglishPage({s.source: s for s in segments}, title, headings)
    return pages


def link_title_findings(
    entry: Entry, page: str, lang: str, english: dict[str, EnglishPage], catalogs: dict[str, Catalog]
) -> list[tuple[str, str]]:
    """(code, message) for each link in `entry` whose text should be, and is not, its target's title."""
    segment = english.get(page, EnglishPage({}, "", {})).segments.get(entry.msgid)
    if segment is None:
        return []
    translated_links = {number: text for text, number in _LINK.findall(entry.msgstr)}
    findings: list[tuple[str, str]] = []
    for text, number in _LINK.findall(entry.msgid):
        index = int(number) - 1
        if not 0 <= index < len(segment.originals) or number not in translated_links:
            continue
        url = segment.originals[index]
        target_path, _, anchor = url.partition("#")
        if "://" in url or not target_path.endswith(".md"):
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), target_path))
        target_page = english.get(target)
        if target_page is None:
            continue  # a broken link is the content checks' finding
        title = target_page.headings.get(anchor, "") if anchor else target_page.title
        if not title or _WORD.findall(text.casefold()) != _WORD.findall(title.casefold()):
            continue
        catalog = catalogs.get(target)
        translated = next(
            (e.msgstr for e in catalog.entries if e.msgid == title and e.state is SegmentState.REVIEWED)
            if catalog
            else iter(()),  # no PO file for the target page (renamed or removed): nothing to compare
            None,
        )
        if translated is None or same_title(translated_links[number], translated, lang):
            continue
        what = f"the heading #{anchor} of {target}" if anchor else f"the title of {target}"
        findings.append(
            (
                LINK_TITLE,
                f"the link text {translated_links[number]!r} should read as {what}, {translated!r} "
                "(prefixes and endings may differ)",
            )
        )
    return findings


def citation_findings(
    entry: Entry, page: str, lang: str, english: dict[str, EnglishPage]
) -> list[tuple[str, str]]:
    """`qa-citations` when `entry` separates source references the English has together, or puts
    side by side two it keeps apart."""
    segment = english.get(page, EnglishPage({}, "", {})).segments.get(entry.msgid)
    if segment is None:
        return []
    if reason := apart(segment, entry.msgstr):
        meanwhile = "the site shows them together, with the text between them moved before them"
    elif reason := side_by_side(segment, entry.msgstr):
        meanwhile = "the site shows them as two notes side by side"
    else:
        return []
    po = catalog_path(Path("translations"), lang, page).as_posix()
    return [(CITATIONS, f"{po}:{entry.line}: {reason}; meanwhile {meanwhile}")]


@check
def translation_qa(project: Project) -> list[Problem]:
    """Numbers, placeholders, glossary, names, script, punctuation, notes and link titles of
    reviewed translations; findings accepted per entry are returned with `accepted` set."""
    catalogs = [
        (lang, path)
        for lang in project.target_languages
        for path in sorted((project.translations_dir / lang).rglob("*.po"))
    ]
    if not catalogs:
        return []
    try:
        glossary = load_glossary(project.translations_dir / "glossary.yml")
    except HandbookError as error:
        return [Problem("qa-glossary-file", "", "translations/glossary.yml", error.format_message())]
    english = _english_pages(project)
    loaded: dict[str, dict[str, Catalog]] = {lang: {} for lang in project.target_languages}
    for lang, path in catalogs:
        page = path.relative_to(project.translations_dir / lang).with_suffix(".md").as_posix()
        try:
            loaded[lang][page] = load_catalog(path, lang=lang, page=page)
        except HandbookError:
            continue  # a PO file that does not parse is reported by the sync checks
    problems: list[Problem] = []
    for lang, by_page in loaded.items():
        for page, catalog in by_page.items():
            for entry in catalog.entries:
                if entry.state is not SegmentState.REVIEWED:
                    continue
                acceptance = Acceptance.of(entry)
                found = [
                    (f.code, f.message) for f in check_segment(entry.msgid, entry.msgstr, lang, glossary)
                ]
                found += link_title_findings(entry, page, lang, english, by_page)
                found += citation_findings(entry, page, lang, english)
                problems.extend(
                    _problem(code, lang, page, message, entry, acceptance) for code, message in found
                )
    return problems
