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

What a glyph map cannot say is told with marked-content spans carrying /ActualText (PDF 14.9.4,
honoured by poppler's pdftotext, Acrobat and PDFium), written into WeasyPrint's content streams:
- a mark WeasyPrint raises or lowers with a text rise (`Ts`: Arabic tanween or a fatha over a tall
  letter, a Thai tone mark above a vowel) has its origin off the baseline, so an extractor puts it
  on a line of its own and breaks its line's word order ("لماذا يهمّ هذا");
- HarfBuzz draws Thai SARA AM after a tone mark as NIKHAHIT, the tone mark, then SARA AA (ซ้ำ read
  as ซํ้า): the run reads as the tone mark and ำ;
- in right-to-left text HarfBuzz draws "(" with the ")" glyph (bidi mirroring): it reads as "(";
- a Thai or Lao letter with marks drawn on the baseline (no text rise) is one span, the letter and
  its marks ("ผู้"), from where the letter starts to where the cluster ends: a mark of no width at its
  letter's place is what poppler takes for doubled (fake bold) text, a word of its own that its
  default layout mode sets on a line of its own ("ผูด / ้ แ / ู ล" for "ผู้ดูแล"). The span ends with
  an invisible copy of the letter squeezed to no width (`0 Tz`), which PDFium leaves out. Clusters
  with a raised mark keep the raised-mark span below (PDFium reads a span of several text
  operations at different heights twice); in layout mode such a tone mark over an upper vowel can
  read before the vowel ("เก่ียว"), a known gap (`pdftotext -raw` reads it right).
The span opens with an invisible (`3 Tr`) copy of its first glyph on the baseline, its advance
taken back: an extractor (which places an ActualText where the span's first glyph is drawn, as wide
as the span's glyphs) then puts the text in the word it belongs to. Poppler spreads a text of several
characters left to right over its span, then reverses right-to-left runs with their line, so a
right-to-left text of several characters reads backwards (PDFium does the same): a raised mark in
right-to-left text gets a span of its own, made to stand just before the letter it sits on (a
second copy ends it). A mark on a right-to-left ligature (on the lam of lam-alef: "أولًا" is ل, ً, ا)
belongs between the ligature's letters, which no text of one glyph can give: the ligature and its
marks become one single-character span per letter and mark, side by side over the ligature's width
in visual order (poppler and PDFium then read ل, ً, ا), the mark on the component whose GPOS
mark-to-ligature anchor matches where it was drawn. Readers that ignore ActualText (pdf.js before
its support) read such a glyph two or three times. The drawn page is unchanged (the print tests
compare small pages at 50 dpi).

Why one module of this size: the ToUnicode rebuild and the spans share one model of WeasyPrint's
content stream (its parse, pen positions and glyph texts); split, each part would import the
other's private helpers.
"""

from __future__ import annotations

import io
import re
import unicodedata

__all__ = ["glyph_texts", "text_layer"]

_RIGHT_TO_LEFT = {"R", "AL"}


def _whole_font(font):
    """The whole font WeasyPrint drew with (the embedded one is a subset), read by fontTools."""
    # Imported here, as WeasyPrint (which brings fontTools) is needed only for printing.
    from fontTools.ttLib import TTFont
    from weasyprint.text.fonts import get_hb_object_data

    return TTFont(io.BytesIO(get_hb_object_data(font.hb_face)), fontNumber=font.index, lazy=True)


def _font_tables(font) -> tuple[dict[int, list[str]], dict[int, int]]:
    """The characters the font's cmap maps to each glyph, and each substituted glyph's source."""
    tt = _whole_font(font)
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


def ligature_anchors(font) -> dict[tuple[int, int], tuple[float | None, ...]]:
    """(ligature glyph, mark glyph) -> where the font puts the mark on each of the ligature's
    components (GPOS mark-to-ligature anchors): the mark's origin from the ligature's, in
    thousandths of an em, per component in logical order (None: no anchor on that component)."""
    tt = _whole_font(font)
    if "GPOS" not in tt:
        return {}
    glyph_id = {name: number for number, name in enumerate(tt.getGlyphOrder())}
    scale = 1000 / tt["head"].unitsPerEm
    anchors: dict[tuple[int, int], tuple[float | None, ...]] = {}
    for lookup in tt["GPOS"].table.LookupList.Lookup:
        for table in lookup.SubTable:
            table = table.ExtSubTable if lookup.LookupType == 9 else table
            if table.LookupType != 5:  # mark-to-ligature attachment
                continue
            marks = list(zip(table.MarkCoverage.glyphs, table.MarkArray.MarkRecord, strict=True))
            ligatures = zip(table.LigatureCoverage.glyphs, table.LigatureArray.LigatureAttach, strict=True)
            for ligature, attach in ligatures:
                for mark, record in marks:
                    x = record.MarkAnchor.XCoordinate
                    places = tuple(
                        None
                        if component.LigatureAnchor[record.Class] is None
                        else (component.LigatureAnchor[record.Class].XCoordinate - x) * scale
                        for component in attach.ComponentRecord
                    )
                    anchors.setdefault((glyph_id[ligature], glyph_id[mark]), places)
    return anchors


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
    """WeasyPrint finisher: every font's ToUnicode CMap rebuilt from the font's own tables, and
    ActualText spans where glyphs alone read wrong (raised marks, Thai SARA AM after a tone mark,
    brackets drawn mirrored in right-to-left text)."""
    texts: dict[str, dict[int, str]] = {}
    anchors: dict[str, dict] = {}
    fonts_by_hash = {font.hash: font for font in document.fonts.values()}
    for obj in list(pdf.objects):
        if (
            hasattr(obj, "stream")
            and isinstance(obj.stream, list)
            and any(isinstance(item, bytes) and item.endswith((b" Ts", b" TJ")) for item in obj.stream)
        ):
            obj.stream[:] = _with_spans(obj.stream, fonts_by_hash, texts, anchors)
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


# --- ActualText spans -------------------------------------------------------------------------
# WeasyPrint 70 writes a text line as `/F size Tf` and `[<glyph ids>number<glyph ids>...] TJ`
# arrays (4 hex digits a glyph); a raised glyph alone as `r Ts`, `[offset<id>] TJ`, `0 Ts`.

_FONT = re.compile(rb"/(\w+) [-\d.e]+ Tf")
_RISE = re.compile(rb"(-?[\d.e-]+) Ts")
_SHOW = re.compile(rb"\[(.*)\] TJ", re.S)
_ELEMENT = re.compile(rb"<([0-9a-fA-F]*)>|(-?[\d.e+-]+)")
# HarfBuzz draws SARA AM (Thai, Lao) after tone marks as NIKHAHIT, the tone marks, then SARA AA.
_SARA_AM = {("\u0e4d", "\u0e32"): "\u0e33", ("\u0ecd", "\u0eb2"): "\u0eb3"}
_EDGE = 150
# Glyphs HarfBuzz draws mirrored in right-to-left text: the ")" glyph there stands for "(".
_MIRRORED = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))
_THAI_LAO = re.compile("[\u0e00-\u0eff]")
# NIKHAHIT, tone marks, SARA AA: SARA AM after the tone marks (SARA AM is SARA AA + 1)
_AM = re.compile("([\u0e4d\u0ecd])([\u0e48-\u0e4b\u0ec8-\u0ecb]*)([\u0e32\u0eb2])")
_TONES = frozenset("\u0e48\u0e49\u0e4a\u0e4b\u0ec8\u0ec9\u0eca\u0ecb")


def _parse(items: list, fonts: dict) -> tuple[list, list]:
    """The stream as operations (a TJ as ["TJ", font, rise, elements], others as they are) and
    its glyphs in drawing order as (operation, element) positions."""
    operations, glyphs, font, rise, block = [], [], None, 0.0, 0
    for item in items:
        if item == b"BT":
            block += 1
        if isinstance(item, bytes) and (match := _FONT.fullmatch(item)):
            font = fonts.get(match.group(1).decode())
        elif isinstance(item, bytes) and (match := _RISE.fullmatch(item)):
            rise = float(match.group(1))
        elif (
            isinstance(item, bytes)
            and font is not None
            and not font.bitmap
            and (match := _SHOW.fullmatch(item))
        ):
            elements = []
            for hexa, number in _ELEMENT.findall(match.group(1)):
                if number:
                    elements.append(number)
                for at in range(0, len(hexa), 4):
                    glyphs.append((len(operations), len(elements)))
                    elements.append(int(hexa[at : at + 4], 16))
            operations.append(["TJ", font, rise, elements, block])
            continue
        operations.append(item)
    return operations, glyphs


def _spans(operations: list, glyphs: list, text_of, taken=frozenset()) -> dict[int, tuple[int, str, bool]]:
    """First glyph index -> (last glyph index, ActualText, a raised mark in right-to-left text);
    glyphs in `taken` (a ligature's cluster) are left out."""
    spans: dict[int, tuple[int, str, bool]] = {}
    index = 0
    while index < len(glyphs):
        if index in taken:
            index += 1
            continue
        first = text_of(glyphs[index])
        end, tones = index + 1, ""
        while end < len(glyphs) and _same_line(operations, glyphs[index], glyphs[end]):
            if text_of(glyphs[end]) in _TONES:
                tones += text_of(glyphs[end])
                end += 1
                continue
            composed = _SARA_AM.get((first, text_of(glyphs[end])))
            if composed and tones:
                spans[index] = (end, tones + composed, False)
            break
        if index in spans:
            index = spans[index][0] + 1
            continue
        if first in _MIRRORED and _direction(operations, glyphs, index, text_of) == "R":
            spans[index] = (index, _MIRRORED[first], False)  # drawn mirrored, in right-to-left text
        elif operations[glyphs[index][0]][2]:
            spans[index] = (index, first, _direction(operations, glyphs, index, text_of) == "R")  # raised
        index += 1
    return spans


def _mark_text(text: str) -> str:
    """The combining marks a mark glyph stands for ("" if it is not a mark): an Arabic presentation
    form of marks (ﱠ) reads as its marks, without the space NFKC gives it."""
    normal = unicodedata.normalize("NFKC", text)
    marks = "".join(c for c in normal if unicodedata.category(c) == "Mn")
    return marks if marks and all(c in marks or c == " " for c in normal) else ""


def _advance(operations: list, glyphs: list, first: int, other: int) -> float:
    """How far glyph `other` is drawn from glyph `first` (drawn before it, on the same line), in
    thousandths of an em: the widths of the glyphs between and the TJ numbers moving the pen."""
    distance = 0.0
    (op, at), (last_op, last_at) = glyphs[first], glyphs[other]
    while (op, at) != (last_op, last_at):
        operation = operations[op]
        if isinstance(operation, list) and at < len(operation[3]):
            element = operation[3][at]
            if isinstance(element, int):
                distance += operation[1].widths.get(element, 0)
            else:
                distance -= float(element)
            at += 1
        else:
            op, at = op + 1, 0
    return distance


def _ligature_clusters(operations: list, glyphs: list, text_of, anchors_of) -> dict[int, tuple[int, str]]:
    """First glyph index -> (ligature glyph index, characters) for each right-to-left ligature
    (lam-alef) with marks on it: the cluster's characters in visual order (left to right).

    HarfBuzz draws a right-to-left cluster's marks just before its ligature; which component a mark
    sits on is the one whose GPOS mark-to-ligature anchor puts the mark where it was drawn. The
    components are the characters of the ligature's text (ﻻ: ل, ا), in logical order."""
    clusters: dict[int, tuple[int, str]] = {}
    for ligature, (op, at) in enumerate(glyphs):
        components = unicodedata.normalize("NFKC", text_of(glyphs[ligature]))
        if len(components) < 2 or not all(unicodedata.bidirectional(c) in _RIGHT_TO_LEFT for c in components):
            continue
        marks = []
        while (
            (before := ligature - len(marks) - 1) >= 0
            and _same_line(operations, glyphs[before], glyphs[ligature])
            and _mark_text(text_of(glyphs[before]))
        ):
            marks.insert(0, before)
        if not marks:
            continue
        font = operations[op][1]
        anchors = anchors_of(font)
        on: dict[int, list[int]] = {}
        for mark in reversed(marks):  # logical order: HarfBuzz reverses a right-to-left cluster
            (mark_op, mark_at) = glyphs[mark]
            places = anchors.get((operations[op][3][at], operations[mark_op][3][mark_at]))
            if not places or len(places) != len(components):
                break
            drawn = -_advance(operations, glyphs, mark, ligature)  # the mark's origin from the ligature's
            nearest = min(
                (abs(place - drawn), number) for number, place in enumerate(places) if place is not None
            )
            on.setdefault(nearest[1], []).append(mark)
        else:
            logical = "".join(
                c + "".join(_mark_text(text_of(glyphs[m])) for m in on.get(n, []))
                for n, c in enumerate(components)
            )
            clusters[marks[0]] = (ligature, logical[::-1])
    return clusters


def _thai_clusters(operations: list, glyphs: list, text_of) -> dict[int, tuple[int, str]]:
    """First glyph index -> (last glyph index, text) for each Thai or Lao letter drawn with marks
    above or below it (and the SARA AA of a SARA AM): the letter and its marks, in logical order,
    SARA AM composed ("ซ้ำ", "ผู้")."""
    clusters: dict[int, tuple[int, str]] = {}
    index = 0
    while index < len(glyphs):
        text, last = text_of(glyphs[index]), index
        if len(text) == 1 and _THAI_LAO.match(text) and unicodedata.category(text).startswith("L"):
            while last + 1 < len(glyphs) and _same_line(operations, glyphs[index], glyphs[last + 1]):
                more = text_of(glyphs[last + 1])
                if more and all(_THAI_LAO.match(c) and unicodedata.category(c) == "Mn" for c in more):
                    text, last = text + more, last + 1
                elif more in ("\u0e32", "\u0eb2") and re.search("[\u0e4d\u0ecd]", text):
                    text, last = text + more, last + 1  # SARA AA, drawn after NIKHAHIT: SARA AM
                    break
                else:
                    break
        if last > index and not any(operations[op][2] for op, _ in glyphs[index : last + 1]):
            clusters[index] = (last, _AM.sub(lambda m: m.group(2) + chr(ord(m.group(3)) + 1), text))
        index = last + 1
    return clusters


def _direction(operations: list, glyphs: list, index: int, text_of) -> str:
    """Right-to-left ("R") if the nearest letters drawn before and after glyph `index` in its text object (the
    line) are right-to-left, or one is and there is none on the other side; else "L"."""
    block = operations[glyphs[index][0]][4]
    sides = []
    for step in (-1, 1):
        other, found = index + step, ""
        while 0 <= other < len(glyphs) and operations[glyphs[other][0]][4] == block and not found:
            kind = unicodedata.bidirectional(text_of(glyphs[other])[:1] or " ")
            found = "R" if kind in _RIGHT_TO_LEFT else "L" if kind == "L" else ""
            other += step
        sides.append(found)
    return "R" if "R" in sides and "L" not in sides else "L"


def _same_line(operations: list, glyph: tuple, other: tuple) -> bool:
    """`other` is drawn in the same font, with nothing but TJ and Ts operations since `glyph`."""
    between = operations[glyph[0] + 1 : other[0]]
    return operations[glyph[0]][1] is operations[other[0]][1] and all(
        isinstance(op, list) or (isinstance(op, bytes) and _RISE.fullmatch(op)) for op in between
    )


def _pen_at(pending: list) -> int:
    """Where the pen is before the next glyph in `pending` (a TJ array being written): after its
    last glyph, before the numbers that move the pen to the next one."""
    cut = len(pending)
    while cut and not isinstance(pending[cut - 1], int):
        cut -= 1
    return cut


def _with_spans(items: list, fonts: dict, texts: dict, anchors: dict | None = None) -> list:
    """The content stream `items` with an ActualText span around each glyph run that needs one."""
    operations, glyphs = _parse(items, fonts)
    anchors = {} if anchors is None else anchors

    def text_of(position: tuple) -> str:
        font = operations[position[0]][1]
        if font.hash not in texts:
            texts[font.hash] = glyph_texts(font)
        return texts[font.hash].get(operations[position[0]][3][position[1]], "")

    def anchors_of(font) -> dict:
        if font.hash not in anchors:
            anchors[font.hash] = ligature_anchors(font)
        return anchors[font.hash]

    clusters = _ligature_clusters(operations, glyphs, text_of, anchors_of)
    thai = _thai_clusters(operations, glyphs, text_of)
    taken = {
        index for first, (last, _) in [*clusters.items(), *thai.items()] for index in range(first, last + 1)
    }
    spans = _spans(operations, glyphs, text_of, taken)
    if not spans and not clusters and not thai:
        return items
    starts = {glyphs[first]: (glyphs[last], text, rtl) for first, (last, text, rtl) in spans.items()}
    thai_starts = {glyphs[first]: (glyphs[last], text) for first, (last, text) in thai.items()}
    cluster_starts = {glyphs[first]: (first, *cluster) for first, cluster in clusters.items()}
    ends, closings = set(), {}
    skip_to = None  # the last element of a cluster already written
    out: list = []
    for number, operation in enumerate(operations):
        if not isinstance(operation, list):
            if skip_to is None:  # (a cluster's own text rises are written with it)
                out.append(operation)
            continue
        _, font, rise, elements, _ = operation
        pending: list = []
        for at, element in enumerate(elements):
            if skip_to is not None:
                skip_to = None if (number, at) == skip_to else skip_to
                continue
            if (number, at) in cluster_starts:
                first, ligature, characters = cluster_starts[(number, at)]
                cut = _pen_at(pending)
                out += _show(pending[:cut])
                start = -sum(float(e) for e in pending[cut:])  # the first mark, from the pen
                pending = []
                out += _cluster(operations, glyphs, first, ligature, characters, start, rise)
                skip_to = glyphs[ligature]
                if skip_to == (number, at):
                    skip_to = None
                continue
            if (number, at) in thai_starts:
                # a letter and its marks: one span from where the letter starts to where the
                # cluster ends (its last glyph, then an invisible copy of the letter ending there),
                # so no mark is a character of no width over its letter's (which poppler takes
                # for doubled text and sets apart from its word in its layout mode)
                last, text = thai_starts[(number, at)]
                cut = _pen_at(pending)
                out += _show(pending[:cut])
                pending = pending[cut:]
                out += [b"/Span", _actual_text(text), b"BDC"]
                last_rise = operations[last[0]][2]
                copy = [b"0 Tz", *_show([element]), b"100 Tz"]
                unrise = [b"0 Ts", *copy, b"%s Ts" % repr(last_rise).encode()] if last_rise else copy
                closings[last] = unrise
                ends.add(last)
            if (number, at) in starts:
                last, text, right_to_left = starts[(number, at)]
                cut = _pen_at(pending)
                out += _show(pending[:cut])
                pending = pending[cut:]
                # invisible copies of the glyph on the baseline give the span's place and width
                width = font.widths.get(element, 0)
                if right_to_left:
                    # a raised mark in right-to-left text: just before the pen, from EDGE
                    # thousandths of an em before it up to it (before the letter it sits on)
                    offset = -sum(float(e) for e in pending)
                    closing = [
                        b"0 Ts",
                        *_show([repr(offset + 2 * width).encode()], element, -(offset + width)),
                    ]
                    copy = _show([str(_EDGE).encode()], element, width - _EDGE)
                    out += [
                        b"/Span",
                        _actual_text(text),
                        b"BDC",
                        b"3 Tr",
                        b"0 Ts",
                        *copy,
                        b"%s Ts" % repr(rise).encode(),
                        b"0 Tr",
                    ]
                    closings[last] = [*closing, b"%s Ts" % repr(rise).encode()]
                elif rise:
                    # a raised mark in left-to-right text: at the pen or, moved back, where drawn
                    back = max(0.0, sum(float(e) for e in pending))
                    copy = _show(pending if back else [], element, width - back)
                    out += [b"/Span", _actual_text(text), b"BDC", b"3 Tr", b"0 Ts", *copy]
                    out += [b"%s Ts" % repr(rise).encode(), b"0 Tr"]
                else:
                    out += [
                        b"/Span",
                        _actual_text(text),
                        b"BDC",
                        b"3 Tr",
                        *_show([], element, width),
                        b"0 Tr",
                    ]
                ends.add(last)
            pending.append(element)
            if (number, at) in ends:
                out += _show(pending)
                pending = []
                if (number, at) in closings:
                    out += [b"3 Tr", *closings[(number, at)]]
                out += [b"0 Tr", b"EMC"] if (number, at) in closings else [b"EMC"]
        out += _show(pending)
    return out


def _cluster(
    operations: list, glyphs: list, first: int, ligature: int, characters: str, start: float, rise: float
):
    """A ligature and the marks on it (glyphs `first` to `ligature`, the first drawn `start`
    thousandths of an em from the pen, with text rise `rise` in effect) as one ActualText span per
    character of `characters` (in visual order), side by side over the ligature's width.

    Each span opens and closes with an invisible (`3 Tr`) copy of the ligature on the baseline,
    squeezed (`Tz`) to the span's share: poppler places an ActualText from where the span's first
    glyph starts to where its last ends. Each visible glyph is drawn where it was, in a text
    operation of its own, inside the span whose share holds it: PDFium orders a line's text
    operations by where they start and reads a span's text once, at its first. The pen ends where
    it did; the page is drawn the same."""
    font = operations[glyphs[ligature][0]][1]
    drawn = {
        index: start + _advance(operations, glyphs, first, index) for index in range(first, ligature + 1)
    }
    glyph = {index: operations[glyphs[index][0]][3][glyphs[index][1]] for index in drawn}
    width = font.widths.get(glyph[ligature], 0)
    left, share = drawn[ligature], width / len(characters)
    holds = {index: min(len(characters) - 1, max(0, int((drawn[index] - left) // share))) for index in drawn}
    out: list = []
    pen, current_rise = 0.0, rise

    def draw(drawn_glyph: int, x: float) -> list[bytes]:
        nonlocal pen
        move = round(pen - x, 6)
        pen = x + font.widths.get(drawn_glyph, 0)
        return [*(_show([repr(move).encode()]) if move else []), *_show([drawn_glyph])]

    def share_of_ligature(x: float) -> list[bytes]:
        """The ligature, squeezed (Tz) to the share's width, at x."""
        nonlocal pen
        scale = repr(round(100 / len(characters), 6)).encode()
        out = [*draw(glyph[ligature], x)[:-1], b"%s Tz" % scale, *_show([glyph[ligature]]), b"100 Tz"]
        pen = x + share
        return out

    def set_rise(value: float) -> list[bytes]:
        nonlocal current_rise
        changed, current_rise = value != current_rise, value
        return [b"%s Ts" % repr(value).encode()] if changed else []

    for number, character in enumerate(characters):
        out += [b"/Span", _actual_text(character), b"BDC", b"3 Tr", *set_rise(0.0)]
        out += share_of_ligature(left + number * share)
        for index in (index for index in drawn if holds[index] == number):
            out += [*set_rise(operations[glyphs[index][0]][2]), b"0 Tr", *draw(glyph[index], drawn[index])]
            out += [b"3 Tr", *set_rise(0.0)]
        out += [*share_of_ligature(left + number * share), b"0 Tr", b"EMC"]
    if round(pen - (left + width), 6):
        out += _show([repr(round(pen - (left + width), 6)).encode()])
    out += set_rise(operations[glyphs[ligature][0]][2])
    return out


def _actual_text(text: str):
    import pydyf

    return pydyf.Dictionary({"ActualText": pydyf.String(text)})


def _show(elements: list, *glyph_and_back) -> list[bytes]:
    """A TJ operation drawing `elements` (glyph ids, and numbers that move the pen), if any; with
    `glyph_and_back`, that glyph then the pen moved back by that many thousandths of an em."""
    if glyph_and_back:
        glyph, back = glyph_and_back
        elements = [*elements, glyph, repr(round(back, 6)).encode()]
    if not elements:
        return []
    return [b"[" + b" ".join(b"<%04x>" % e if isinstance(e, int) else e for e in elements) + b"] TJ"]
