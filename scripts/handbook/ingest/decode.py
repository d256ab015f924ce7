"""Bytes to clean Unicode for `handbook ingest`: encoding detection, normalisation, mojibake repair."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

import charset_normalizer

MAX_BYTES = 10 * 1024 * 1024

# Legacy code pages of the handbook's languages (plus their ISO siblings), tried when UTF fails.
LEGACY_ENCODINGS: tuple[str, ...] = (
    "cp1255",
    "iso8859_8",
    "cp1256",
    "iso8859_6",
    "cp1251",
    "koi8_r",
    "cp874",
    "tis_620",
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Invisible characters that carry no meaning in a clean source text: zero-width space/joiners,
# word joiner, BOM inside the text, soft hyphen, bidi embeddings/isolates (the site sets `dir`).
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad\u202a-\u202e\u2066-\u2069\u200e\u200f]")
# C0/C1 controls other than tab and newline.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Typical marks of UTF-8 read through a single-byte code page (Ã©, Ð¼, Ñ, ×©, Ø§, à¸...).
_MOJIBAKE_HINT = re.compile("[ÃÂÐÑ×ØÙàРС][\u0080-\u00bf\u0152-\u2122ЂЃЉЊЌЋЏђѓљњќћџЎўЈҐЁЄЇІіґёєјЅѕї]")
_MOJIBAKE_CODECS: tuple[str, ...] = ("cp1252", "latin-1", "cp1251", "cp1255", "cp1256", "cp874")


class DecodeError(ValueError):
    """The bytes are not a text article this tool can read; the message says why."""


@dataclass(frozen=True)
class DecodedText:
    """The text of one input and what it took to get there."""

    text: str
    encoding: str
    repairs: tuple[tuple[int, str, str], ...]  # (line, text, reason)


_NOT_TEXT = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufffe\uffff]")


def _looks_like_text(text: str) -> bool:
    """Fewer than 1% control, surrogate or private-use characters."""
    return bool(text) and len(_NOT_TEXT.findall(text)) < len(text) * 0.01


# Characters an article in en/he/ar/th/ru is made of: whitespace, ASCII, Latin-1/Extended, the
# four scripts, general punctuation. Picks the byte order of BOM-less UTF-16.
_ARTICLE_CHARS = re.compile(
    "[\\s\x20-\x7e\u00a0-\u024f\u0400-\u04ff\u0590-\u05ff\u0600-\u06ff\u0e00-\u0e7f\u2000-\u206f]"
)


def _try_utf16_without_bom(data: bytes) -> str | None:
    if len(data) % 2 or len(data) < 4:
        return None
    best: tuple[float, str] | None = None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        share = len(_ARTICLE_CHARS.findall(text)) / len(text)
        if share >= 0.9 and (best is None or share > best[0]):
            best = (share, text)
    return best[1] if best else None


def detect_encoding(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise DecodeError saying what is wrong with the bytes."""
    if not data:
        raise DecodeError("the file is empty")
    if len(data) > MAX_BYTES:
        raise DecodeError(f"the file is {len(data):,} bytes; the limit is {MAX_BYTES:,} (10 MB)")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodeError(
                    f"the file starts with a {codec} byte-order mark but byte {exc.start} is not valid {codec}"
                ) from None
            name = "utf-8-sig" if codec == "utf-8-sig" else f"{codec}-bom"
            return text.lstrip("\ufeff"), name
    utf8_error: UnicodeDecodeError | None = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    else:
        # Thai or Cyrillic UTF-16 without a BOM is valid ASCII full of control bytes; check that.
        if _looks_like_text(text):
            return text, "utf-8"
    utf16 = _try_utf16_without_bom(data)
    if utf16 is not None:
        return utf16, "utf-16"
    if b"\x00" in data or sum(b < 9 or 13 < b < 32 for b in data[:4096]) > min(len(data), 4096) * 0.01:
        raise DecodeError("the file is binary (it holds NUL or control bytes), not a text article")
    # Mostly valid multi-byte UTF-8 with a few broken bytes: a damaged UTF-8 file, not a code page.
    lenient = data.decode("utf-8", errors="replace")
    broken = lenient.count("\ufffd")
    non_ascii = sum(1 for ch in lenient if ord(ch) > 127)
    if utf8_error is not None and non_ascii and (non_ascii - broken) >= broken:
        raise DecodeError(
            f"undecodable bytes: the file is mostly UTF-8 but byte {utf8_error.start} "
            f"(0x{data[utf8_error.start]:02x}) and {broken - 1} more are not valid UTF-8"
        )
    matches = charset_normalizer.from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS))
    best = matches.best()
    if best is None:
        raise DecodeError(
            "undecodable bytes: not UTF-8/UTF-16 and not one of the legacy code pages "
            + ", ".join(LEGACY_ENCODINGS)
        )
    text = str(best)
    if not _looks_like_text(text):
        raise DecodeError("undecodable bytes: the decoded text is mostly control characters")
    return text, best.encoding


def _fix_mojibake(line: str) -> tuple[str, str | None]:
    if not _MOJIBAKE_HINT.search(line):
        return line, None
    for codec in _MOJIBAKE_CODECS:
        try:
            fixed = line.encode(codec).decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            continue
        if fixed != line and len(fixed) < len(line):
            return fixed, f"mojibake: UTF-8 read as {codec}, decoded again"
    return line, None


def normalise(text: str) -> tuple[str, tuple[tuple[int, str, str], ...]]:
    """NFC, LF line ends, no stray invisible/control characters, mojibake repaired per line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    repairs: list[tuple[int, str, str]] = []
    out: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        line, reason = _fix_mojibake(line)
        if reason:
            repairs.append((number, line, reason))
        invisible = len(_INVISIBLE.findall(line)) + len(_CONTROL.findall(line))
        if invisible:
            line = _CONTROL.sub("", _INVISIBLE.sub("", line))
            repairs.append((number, line, f"removed {invisible} invisible or control character(s)"))
        line = unicodedata.normalize("NFC", line.replace("\t", " ").replace("\u00a0", " "))
        out.append(line.rstrip())
    return "\n".join(out), tuple(repairs)


def decode(data: bytes) -> DecodedText:
    """Detect the encoding of `data`, decode and normalise it."""
    text, encoding = detect_encoding(data)
    text, repairs = normalise(text)
    if not text.strip():
        raise DecodeError("the file holds no text (only whitespace or invisible characters)")
    return DecodedText(text=text, encoding=encoding, repairs=repairs)
