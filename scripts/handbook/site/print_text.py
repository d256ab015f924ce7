"""The text layer of a printed pack: what a reader copies or searches, glyph by glyph, context-free.

WeasyPrint's PDF maps each glyph to the text of the first cluster it was drawn in (its ToUnicode
CMap), so a glyph shared by two spellings reads as one of them everywhere: Thai SARA AA (า) also
draws half of SARA AM (ำ, which HarfBuzz splits into NIKHAHIT + SARA AA), so every ำ came out as า
(or every า as ำ), and an Arabic lam-alef ligature maps to its two letters in logical order, which
an extractor putting right-to-left text in reading order reverses (الأولى read as األوىل).

`text_layer(document, pdf)` is a WeasyPrint finisher that rewrites each font's ToUnicode CMap from
the font's own tables: a glyph reads as the character the font's cmap gives it (the NIKHAHIT as ํ,
SARA AA as า, a lam-alef ligature as its one Arabic presentation-form character, ﻷ, which NFKC and
search in PDF readers take as ل + أ); a glyph the cmap does not reach (a contextual form, a smaller
tone mark) reads as the glyph its GSUB single substitution came from; WeasyPrint's own text is kept
where it is one character the cmap gives this glyph, up to NFKC (an Arabic contextual form reads as
its plain letter) and for left-to-right ligatures (fi).
The drawn page is unchanged.
"""

from __future__ import annotations

import io
import unicodedata

__all__ = ["glyph_texts", "text_layer"]

_RIGHT_TO_LEFT = {"R", "AL"}


def _font_tables(font) -> tuple[dict[int, list[str]], dict[int, int]]:
    """The characters the font's cmap maps to each glyph, and each substituted glyph's source."""
    # Imported here, as WeasyPrint (which brings fontTools) is needed only for printing.
    from fontTools.ttLib import TTFont
    from weasyprint.text.fonts import get_hb_object_data  # the whole font (the embedded one is a subset)

    tt = TTFont(io.BytesIO(get_hb_object_data(font.hb_face)), fontNumber=font.index, lazy=True)
    glyph_id = {name: number for number, name in enumerate(tt.getGlyphOrder())}
    characters: dict[int, list[str]] = {}
    for code, name in sorted(tt.getBestCmap().items()):
        characters.setdefault(glyph_id[name], []).append(chr(code))
    sources: dict[int, int] = {}
    if "GSUB" in tt:
        for lookup in tt["GSUB"].table.LookupList.Lookup:
            for table in lookup.SubTable:
                table = table.ExtSubTable if table.LookupType == 7 else table
                if table.LookupType == 1:  # single substitution: a variant of one glyph
                    for source, target in table.mapping.items():
                        sources.setdefault(glyph_id[target], glyph_id[source])
    return characters, sources


def _glyph_text(recorded: str, characters: list[str] | None) -> str:
    if not characters or recorded in characters:
        return recorded
    same = [c for c in characters if unicodedata.normalize("NFKC", c) == recorded]
    left_to_right = not any(unicodedata.bidirectional(c) in _RIGHT_TO_LEFT for c in recorded)
    if same and (len(recorded) == 1 or left_to_right):
        # an Arabic contextual form as its letter (ل, not ﻟ), "fi" for the fi ligature (not ﬁ)
        return recorded
    return (same or characters)[0]


def glyph_texts(font) -> dict[int, str]:
    """Glyph id -> the text it stands for, for every glyph WeasyPrint drew with `font`."""
    characters, sources = _font_tables(font)
    texts = {}
    for glyph, recorded in font.to_unicode.items():
        own = characters.get(glyph)
        if own is None and glyph in sources:
            own = characters.get(sources[glyph])
        texts[glyph] = _glyph_text(recorded, own)
    return texts


def _cmap_lines(texts: dict[int, str]) -> list[bytes]:
    items = sorted(texts.items())
    lines = []
    for start in range(0, len(items), 100):
        batch = items[start : start + 100]
        lines.append(f"{len(batch)} beginbfchar".encode())
        lines += [f"<{glyph:04x}> <{text.encode('utf-16-be').hex()}>".encode() for glyph, text in batch]
        lines.append(b"endbfchar")
    return lines


def text_layer(document, pdf) -> None:
    """WeasyPrint finisher: every font's ToUnicode CMap rebuilt from the font's own tables."""
    fonts = {font.name: font for font in document.fonts.values()}
    for obj in list(pdf.objects):
        if not (isinstance(obj, dict) and obj.get("Type") == "/Font" and "ToUnicode" in obj):
            continue
        font = fonts.get(obj.get("BaseFont"))
        if font is None or font.bitmap:
            continue
        stream = pdf.objects[int(obj["ToUnicode"].split()[0])].stream
        head = stream[: stream.index(b"endcodespacerange") + 1]
        tail = stream[stream.index(b"endcmap") :]
        stream[:] = head + _cmap_lines(glyph_texts(font)) + tail
