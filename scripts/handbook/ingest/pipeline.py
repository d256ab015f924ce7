"""`handbook ingest`: raw scraped articles -> clean, attributed source texts plus a removal report.

Pure functions: `ingest_bytes` turns one input's bytes into a `CleanSource` (blocks, removals,
repairs, flags), `handbook.ingest.output.render_clean` turns that into `sources/clean/<id>.md`. The records are in
`records`, the cleaning stages in `clean`; reading and writing files in `files.ingest_files`, and
printing in the click command.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from handbook.ingest import rules
from handbook.ingest.clean import _change_order, clean_lines, slug_for
from handbook.ingest.decode import MAX_BYTES, DecodeError, decode, detect_encoding
from handbook.ingest.html import declared_charset, extract_html, looks_like_html
from handbook.ingest.language import LanguageError
from handbook.ingest.records import Change, CleanSource, IngestError


def ingest_bytes(
    data: bytes, *, name: str, source_id: str | None = None, raw_file: str | None = None
) -> CleanSource:
    """Clean one input's bytes. Raises IngestError (bad encoding, no text, unknown language)."""
    if not data:
        raise IngestError("the file is empty")
    if len(data) > MAX_BYTES:
        raise IngestError(f"the file is {len(data):,} bytes; the limit is {MAX_BYTES:,} (10 MB)")
    is_html = looks_like_html(data, name)
    try:
        if is_html:
            charset = declared_charset(data)
            try:
                text, encoding = detect_encoding(data)
            except DecodeError:
                if not charset:
                    raise
                try:
                    text, encoding = data.decode(charset), charset
                except (LookupError, UnicodeDecodeError):
                    raise IngestError(
                        f"undecodable bytes: not valid in the declared charset {charset}"
                    ) from None
            extraction = extract_html(text)
            html_lines = extraction.lines
            html_title = _full_title(
                extraction.title, [line.text for line in html_lines if line.kind == "heading"]
            )
            if not html_lines:
                raise IngestError("no main text found in the HTML page")
            decoded = decode("\n".join(line.text for line in html_lines).encode("utf-8"))
            # Re-attach normalised text to the blocks (same count: one line each).
            normalised = decoded.text.split("\n")
            html_lines = [replace(line, text=normalised[i]) for i, line in enumerate(html_lines)]
            text = decoded.text
            decode_repairs = decoded.repairs
        else:
            decoded = decode(data)
            text, encoding, decode_repairs, html_lines, html_title = (
                decoded.text,
                decoded.encoding,
                decoded.repairs,
                None,
                None,
            )
        lang, title, title_in_body, blocks, removed, repaired, flags = clean_lines(
            text, html_lines, html_title
        )
    except (DecodeError, LanguageError) as exc:
        raise IngestError(str(exc)) from None
    if not blocks:
        raise IngestError("nothing is left after removing boilerplate: the file holds no article text")
    repaired = sorted([Change(*r) for r in decode_repairs] + repaired, key=_change_order)
    return CleanSource(
        id=source_id or slug_for(name),
        lang=lang,
        title=title,
        title_in_body=title_in_body,
        raw_file=raw_file or Path(name).name,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        blocks=tuple(blocks),
        removed=tuple(removed),
        repaired=tuple(repaired),
        flags=tuple(flags),
    )


def _full_title(title: str | None, headings: list[str]) -> str | None:
    """The page's heading when `<title>` is a shortened form of it.

    Sites cut the `<title>` (and their name is already stripped from it); the `<h1>` the reader
    sees starts with the same words and goes on.
    """
    if not title:
        return title
    start = rules.key(title)
    for text in headings:
        if len(text) <= 200 and rules.key(text).startswith(start) and len(text) > len(title):
            return text
    return title
