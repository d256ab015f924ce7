"""Thai word boundaries for `handbook ingest` (pythainlp newmm; Thai writes no spaces between words)."""

from __future__ import annotations

import functools
import os


@functools.lru_cache(maxsize=1)
def _tokenizer():
    # Keep pythainlp's data directory out of $HOME; the newmm dictionary ships in the wheel.
    os.environ.setdefault("PYTHAINLP_DATA", os.path.join(os.path.expanduser("~"), ".cache", "pythainlp-data"))
    from pythainlp.tokenize import word_tokenize

    return word_tokenize


def last_thai_word(text: str) -> str:
    """The last word of `text` (Thai-aware), case-folded."""
    words = [w for w in _tokenizer()(text[-40:], engine="newmm") if w.strip()]
    return words[-1].casefold() if words else ""


@functools.lru_cache(maxsize=1)
def thai_stopwords() -> frozenset[str]:
    """Thai stop-words: pythainlp's stop-word corpus (ships in the wheel)."""
    _tokenizer()  # sets PYTHAINLP_DATA before pythainlp is imported
    from pythainlp.corpus import thai_stopwords as corpus_stopwords

    return frozenset(corpus_stopwords())


def words(text: str) -> list[str]:
    """The words of a Thai text (newmm segmentation), spaces dropped."""
    return [w for w in _tokenizer()(text, engine="newmm") if w.strip()]


def _stopword_parts(word: str, stopwords: frozenset[str]) -> list[str] | None:
    """`word` as a sequence of stop-words (longest first), or None when it is not made of them."""
    if word in stopwords:
        return [word]
    for end in range(len(word) - 1, 0, -1):
        head = word[:end]
        if head in stopwords:
            rest = _stopword_parts(word[end:], stopwords)
            if rest is not None:
                return [head, *rest]
    return None


@functools.lru_cache(maxsize=4096)
def _split(word: str) -> tuple[str, ...]:
    parts = _stopword_parts(word, thai_stopwords()) if len(word) <= 24 else None
    return tuple(parts) if parts else (word,)


def words_for_stopwords(text: str) -> list[str]:
    """The words of a Thai text with compounds of stop-words split into them.

    newmm keeps dictionary compounds such as ไม่ต้อง ("need not") whole, and none of them is in
    the stop-word list though both halves are; counted whole, a sentence of everyday words looks
    stop-word-poor to jusText.
    """
    return [part for word in words(text) for part in _split(word)]
