"""The translation memory on disk: one gettext PO file per page per language, and segment states.

Owns `SegmentState`, the `Entry`/`Catalog` records, and loading/saving PO files with polib.

Layout: `translations/<lang>/<page>.po`, mirroring `docs/en/<page>.md`
(e.g. `translations/he/principles/details-matter.po`). One entry per distinct English segment
of the page (a text used twice on a page is one entry); no msgctxt is needed.

States map to PO exactly as ARCHITECTURE.md says:

| state    | PO form                                                                   |
|----------|---------------------------------------------------------------------------|
| reviewed | msgstr set, not fuzzy                                                     |
| machine  | msgstr set, `#, fuzzy`, translator comment `# machine translation: ENGINE` |
| stale    | msgstr set, `#, fuzzy`, `#| msgid` holds the English it was written for   |
| missing  | empty msgstr                                                              |

A stale entry that still carries the machine comment is a stale *machine draft* (nobody
reviewed it), so a real engine may redraft it; every other stale text was written by a person
and is never replaced. Segments that leave the English become obsolete `#~` entries, kept.

A fuzzy text without the machine comment is a person's ("needs work" in Poedit, "needs editing"
in Weblate): never replaced by the memory or an engine. Several obsolete texts for one English
text are all kept; the second and later get a msgctxt of their own (`OBSOLETE_CONTEXT`), since
gettext refuses a msgid twice even among obsolete entries. A file is read in the charset its
header declares (and written back as UTF-8); bytes invalid in it refuse the file whole.

Output is byte-stable: active entries in page order, obsolete ones sorted by msgid, LF, polib's
wrapping at 78 columns, no timestamps; a header comment names the command that writes the file.
Header fields a PO editor adds (Last-Translator, X-Generator, ...) are kept.
"""

from __future__ import annotations

import codecs
import enum
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import polib

from handbook.core.errors import HandbookError
from handbook.core.project import english_name
from handbook.translate.segments import PLACEHOLDER_RE

WRAP_WIDTH = 78
OBSOLETE_CONTEXT = "kept translation"  # msgctxt of a further obsolete text for one English text
MACHINE_COMMENT = "machine translation: "
PLURAL_FORMS = {
    "he": "nplurals=2; plural=(n != 1);",
    "ar": (
        "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"
    ),
    "th": "nplurals=1; plural=0;",
    "ru": (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);"
    ),
}
_OWN_METADATA = (
    "Project-Id-Version",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
)


class SegmentState(enum.Enum):
    """Where one segment stands in one language (ARCHITECTURE.md, States)."""

    REVIEWED = "reviewed"
    MACHINE = "machine"
    STALE = "stale"
    MISSING = "missing"


STATE_ORDER = (SegmentState.REVIEWED, SegmentState.MACHINE, SegmentState.STALE, SegmentState.MISSING)


@dataclass(frozen=True)
class Entry:
    """One segment's translation in one language, as stored in a PO file."""

    msgid: str
    msgstr: str = ""
    fuzzy: bool = False
    previous: str = ""  # the English the translation was written for (stale entries)
    engine: str = ""  # the engine that drafted msgstr, if nobody reviewed it since
    note: str = ""  # for translators: kind and section, e.g. "list item in #do"
    comments: tuple[str, ...] = ()  # translators' own comments, kept as they are
    obsolete: bool = False
    context: str = ""  # msgctxt: only obsolete entries sharing a msgid get one (`catalog_text`)
    line: int = field(default=0, compare=False)  # where it was read (for messages); 0 if not read
    flags: tuple[str, ...] = ()  # other `#,` flags a person set (e.g. qa-ok:qa-names), kept as they are

    @property
    def state(self) -> SegmentState:
        if not self.msgstr:
            return SegmentState.MISSING
        if not self.fuzzy:
            return SegmentState.REVIEWED
        if self.previous:
            return SegmentState.STALE
        return SegmentState.MACHINE

    @property
    def human(self) -> bool:
        """A translation a person wrote (reviewed, or stale and not a machine draft)."""
        return bool(self.msgstr) and (not self.fuzzy or not self.engine)


def reviewed(msgid: str, msgstr: str, **kwargs) -> Entry:
    return Entry(msgid=msgid, msgstr=msgstr, **kwargs)


def machine(msgid: str, msgstr: str, engine: str, **kwargs) -> Entry:
    return Entry(msgid=msgid, msgstr=msgstr, fuzzy=True, engine=engine, **kwargs)


def stale(entry: Entry, new_msgid: str) -> Entry:
    """`entry` after its English changed to `new_msgid`: the old text and old English are kept."""
    if entry.state is SegmentState.STALE:
        previous = entry.previous
    else:
        previous = entry.msgid
    engine = entry.engine if entry.fuzzy else ""  # a reviewed text is a person's, whoever drafted it
    if previous == new_msgid and not engine:
        # The English went back to what the person translated: reviewed again.
        return replace(entry, msgid=new_msgid, fuzzy=False, previous="", engine="", obsolete=False)
    return replace(entry, msgid=new_msgid, fuzzy=True, previous=previous, engine=engine, obsolete=False)


@dataclass
class Catalog:
    """The PO file of one page in one language."""

    lang: str
    page: str  # page path relative to docs/en, e.g. "principles/details-matter.md"
    entries: list[Entry] = field(default_factory=list)
    obsolete: list[Entry] = field(default_factory=list)
    metadata: dict[str, str] = field(default_factory=dict)  # extra header fields to keep

    def counts(self) -> dict[str, int]:
        counts = {"segments": len(self.entries)} | {state.value: 0 for state in STATE_ORDER}
        for entry in self.entries:
            counts[entry.state.value] += 1
        return counts


def catalog_path(translations_dir: Path, lang: str, page: str) -> Path:
    """`translations/<lang>/<page>.po` for `page` = "principles/x.md"."""
    return translations_dir / lang / Path(page).with_suffix(".po")


# Flags this module sets itself from the entry's state; every other flag is a person's, kept.
_OWN_FLAGS = ("fuzzy", "python-brace-format")
_SYNTAX_LINE_RE = re.compile(r"\(line (\d+)\)")


# One PO line: a comment, a keyword with a quoted string, or a continuation string.
_PO_LINE_RE = re.compile(
    r'(?:#~ ?)?(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)[ \t]+)?"(?:[^"\\]|\\.)*"[ \t]*'
)


def _check_po_lines(text: str, path: str | Path | None) -> None:
    """polib accepts some broken files (an unterminated string); gettext tools do not."""
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        if not stripped or (stripped.startswith("#") and not stripped.startswith("#~")):
            continue
        if stripped.startswith("#~") and not stripped[2:].strip().startswith(("msg", '"')):
            continue  # an obsolete entry's comment, e.g. "#~| msgid"
        if not _PO_LINE_RE.fullmatch(stripped):
            raise HandbookError(
                f"PO file does not parse: expected a keyword and a quoted string, found {stripped[:60]!r}",
                path=path,
                line=number,
                fix='correct the PO syntax at that line (each entry is msgid "..." then msgstr "..."), '
                "or restore the file from git",
            )


def parse_catalog(text: str, *, lang: str, page: str, path: str | Path | None = None) -> Catalog:
    """A Catalog from PO text; a HandbookError naming file and line if it does not parse."""
    _check_po_lines(text, path)
    try:
        po = polib.pofile(text, wrapwidth=WRAP_WIDTH, check_for_duplicates=False)
    except (OSError, ValueError, UnicodeError) as exc:
        match = _SYNTAX_LINE_RE.search(str(exc))
        raise HandbookError(
            f"PO file does not parse: {_SYNTAX_LINE_RE.sub('', str(exc)).strip()}",
            path=path,
            line=int(match.group(1)) if match else None,
            fix='correct the PO syntax at that line (each entry is msgid "..." then msgstr "..."), '
            "or restore the file from git",
        ) from None
    seen: dict[str, int] = {}
    catalog = Catalog(lang=lang, page=page)
    catalog.metadata = {key: value for key, value in po.metadata.items() if key not in _OWN_METADATA}
    catalog.metadata.pop("Plural-Forms", None)
    for po_entry in po:
        if po_entry.msgid in seen and not po_entry.obsolete:
            raise HandbookError(
                f"PO file has the msgid {po_entry.msgid[:60]!r} twice",
                path=path,
                line=po_entry.linenum,
                fix="delete one of the two entries (msgfmt refuses duplicate messages)",
            )
        if not po_entry.obsolete:
            seen[po_entry.msgid] = po_entry.linenum
        entry = _entry_from_po(po_entry)
        (catalog.obsolete if entry.obsolete else catalog.entries).append(entry)
    return catalog


def _entry_from_po(po_entry: polib.POEntry) -> Entry:
    engine = ""
    comments: list[str] = []
    for line in (po_entry.tcomment or "").split("\n"):
        if line.startswith(MACHINE_COMMENT):
            engine = line[len(MACHINE_COMMENT) :].strip()
        elif line:
            comments.append(line)
    fuzzy = "fuzzy" in po_entry.flags
    return Entry(
        msgid=po_entry.msgid,
        msgstr=po_entry.msgstr,
        fuzzy=fuzzy and bool(po_entry.msgstr),
        previous=po_entry.previous_msgid or "",
        engine=engine if fuzzy else "",
        note=po_entry.comment or "",
        comments=tuple(comments),
        obsolete=bool(po_entry.obsolete),
        context=po_entry.msgctxt or "",
        line=po_entry.linenum or 1,  # polib numbers the first entry of a file without a header 0
        flags=tuple(flag for flag in po_entry.flags if flag not in _OWN_FLAGS),
    )


_CHARSET_RE = re.compile(rb"charset=([A-Za-z0-9_.:-]+)")
_UTF8_NAMES = {"utf-8", "utf8", "charset", "ascii", "us-ascii"}  # "CHARSET": gettext's template value


def decode_po(data: bytes, *, path: str | Path | None = None) -> tuple[str, str]:
    """(text, charset) of PO file bytes: the header's declared charset, else UTF-8; never lossy.

    A file whose bytes are not valid in its charset is refused whole (a HandbookError naming the
    byte and line): decoding with replacement characters and writing back would destroy text.
    """
    charset = "UTF-8"
    match = _CHARSET_RE.search(data.partition(b"\n\n")[0])  # the header: up to the first blank line
    if match is not None and match.group(1).decode("ascii").lower() not in _UTF8_NAMES:
        charset = match.group(1).decode("ascii")
        try:
            codecs.lookup(charset)
        except LookupError:
            raise HandbookError(
                f"PO file declares charset={charset}, which is not a known encoding; the file was not changed",
                path=path,
                fix="correct the charset in the Content-Type header (or save the file as UTF-8)",
            ) from None
    try:
        text = data.decode(charset)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise HandbookError(
            f"PO file is not valid {charset} (byte {exc.start}: {data[exc.start : exc.start + 1]!r}); "
            "it was refused whole and not changed",
            path=path,
            line=line,
            fix="save the file as UTF-8 (or in the charset its header declares), or restore it from git",
        ) from None
    if text.startswith("\ufeff"):
        text = text[1:]  # a byte-order mark some Windows editors add
    return text, charset


def load_catalog(path: Path, *, lang: str, page: str) -> Catalog:
    """The PO file at `path`, or an empty catalog if it does not exist yet."""
    if not path.is_file():
        return Catalog(lang=lang, page=page)
    text, _ = decode_po(path.read_bytes(), path=path)
    return parse_catalog(text, lang=lang, page=page, path=path)


# At least one placeholder, and no brace that is not part of one.
_BRACE_FORMAT_RE = re.compile(rf"[^{{}}]*(?:{PLACEHOLDER_RE.pattern}[^{{}}]*)+")


def _brace_format(msgid: str) -> bool:
    """True if every brace in `msgid` belongs to a {N} placeholder (then msgfmt can check them)."""
    return _BRACE_FORMAT_RE.fullmatch(msgid) is not None


def _po_entry(entry: Entry) -> polib.POEntry:
    flags = []
    if entry.fuzzy and entry.msgstr:
        flags.append("fuzzy")
    if _brace_format(entry.msgid):
        flags.append("python-brace-format")
    flags.extend(flag for flag in entry.flags if flag not in _OWN_FLAGS)
    comments = list(entry.comments)
    if entry.engine and entry.fuzzy:
        comments.append(MACHINE_COMMENT + entry.engine)
    return polib.POEntry(
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        flags=flags,
        comment=entry.note,
        tcomment="\n".join(comments),
        # polib reads no `#~|` previous msgid back, so an obsolete entry is written without it
        # (it is the old English, not a translator's text): the file stays byte-stable.
        previous_msgid=entry.previous if entry.previous and entry.fuzzy and not entry.obsolete else None,
        obsolete=entry.obsolete,
        msgctxt=entry.context or None,
    )


def catalog_text(catalog: Catalog) -> str:
    """The PO file text: header comment, metadata, entries in page order, obsolete sorted."""
    po = polib.POFile(wrapwidth=WRAP_WIDTH)
    po.header = (
        f"{english_name(catalog.lang)} translation of docs/en/{catalog.page}.\n"
        "Generated and kept in sync by `handbook sync`. Translate msgstr only (Poedit, Weblate);\n"
        "the English is edited in docs/en/. Clear the fuzzy flag when a translation is reviewed."
    )
    po.metadata = {
        "Project-Id-Version": "service-handbook",
        "Language": catalog.lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS.get(catalog.lang, "nplurals=2; plural=(n != 1);"),
    } | {key: value for key, value in catalog.metadata.items() if key not in _OWN_METADATA}
    for entry in catalog.entries:
        po.append(_po_entry(replace(entry, obsolete=False)))
    # gettext refuses a msgid twice even among obsolete entries: the second and later texts for
    # one English text (or an obsolete text of an active msgid) get a context of their own.
    used = {entry.msgid: 0 for entry in catalog.entries}
    for entry in sorted(catalog.obsolete, key=lambda item: (item.msgid, item.msgstr)):
        count = used.get(entry.msgid, -1) + 1
        used[entry.msgid] = count
        context = f"{OBSOLETE_CONTEXT} {count + 1}" if count else ""
        po.append(_po_entry(replace(entry, obsolete=True, context=context)))
    return str(po)  # ends with a newline: polib ends every entry, and the metadata's, with one
