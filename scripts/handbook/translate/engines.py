"""Machine translation engines behind `handbook sync --engine`: the interface and the light engines.

The interface every engine implements (ARCHITECTURE.md, Machine translation):

    class Engine(Protocol):
        name: str
        def translate(self, texts: list[str], source: str, target: str) -> list[str]: ...

`texts` are segment sources (inline Markdown with `{N}` placeholders, see `handbook.translate.segments`);
the result has one text per input, in order, placeholders kept. Sync calls an engine once per
language per batch of segments that no memory hit covers; a memory hit costs no call.

- `pseudo`: deterministic pseudo-localisation for layout and RTL tests: accented letters,
  `[` `]` brackets, about 30 % longer; placeholders and Markdown punctuation are kept.
- `none`: memory only; new segments stay missing (rendered in English).
- `argos`: offline neural MT (`handbook.translate.argos.ArgosEngine`, imported only when asked for,
  so the other engines never load ctranslate2).
"""

from __future__ import annotations

import math
import re
from typing import Protocol, runtime_checkable

from handbook.core.errors import HandbookError

ENGINE_NAMES = ("argos", "pseudo", "none")


@runtime_checkable
class Engine(Protocol):
    """A machine translation engine."""

    name: str

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        """One translation per text, same order; `{N}` placeholders kept."""
        ...


class NoneEngine:
    """Memory only: never translates (sync leaves new segments missing and never calls it)."""

    name = "none"
    drafts = False

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        raise HandbookError(
            "the 'none' engine does not translate",
            fix="choose --engine pseudo or --engine argos for machine drafts",
        )


_ACCENTS = str.maketrans(
    "AaBCcDdEeGgHhIiKkLlNnOoRrSsTtUuWwYyZz",
    "ÅåƁÇçĐđÉéĜĝĤĥÎîĶķĻļÑñÖöŔŕŠšŤťÛûŴŵÝýŽž",
)
# Placeholders, and Markdown punctuation a translator would keep, pass through untouched.
_KEEP_RE = re.compile(r"\{\d+\}|&#?\w+;|\\.|[*_`\[\]()<>]")
_PADDING = "~·"


class PseudoEngine:
    """Deterministic pseudo-localisation: `[Ŵéļçöɱé ~·~·]` for "Welcome" (+30 % length)."""

    name = "pseudo"
    drafts = True

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        return [self.pseudo(text) for text in texts]

    @staticmethod
    def pseudo(text: str) -> str:
        pieces: list[str] = []
        cursor = 0
        for match in _KEEP_RE.finditer(text):
            pieces.append(text[cursor : match.start()].translate(_ACCENTS))
            pieces.append(match.group(0))
            cursor = match.end()
        pieces.append(text[cursor:].translate(_ACCENTS))
        accented = "".join(pieces)
        letters = len(text)
        padding = math.ceil(letters * 0.3)
        pad = (_PADDING * (padding // 2 + 1))[:padding]
        return f"[{accented} {pad}]" if pad else f"[{accented}]"


def get_engine(name: str) -> Engine:
    """The engine called `name` ("argos", "pseudo" or "none")."""
    if name == "none":
        return NoneEngine()
    if name == "pseudo":
        return PseudoEngine()
    if name == "argos":
        try:
            from handbook.translate.argos import ArgosEngine
        except ImportError as exc:
            raise HandbookError(
                f"the argos engine is not available: {exc}",
                fix="install the 'mt' extra (pip install -e '.[mt]'), or use --engine pseudo|none",
            ) from None
        return ArgosEngine()
    raise HandbookError(
        f"unknown engine {name!r}; expected one of: {', '.join(ENGINE_NAMES)}",
        fix="pass --engine argos, --engine pseudo or --engine none",
    )
