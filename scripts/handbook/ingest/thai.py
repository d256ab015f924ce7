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
