"""Per-language search: the Pagefind index `handbook build` writes, and the search box's settings.

Each language's built pages are handed to Pagefind as index copies (`handbook.site.search_tokens`
adds the index-only tokens: stems, glossary forms, Thai inner words, synonyms, summary and
keywords); the bundles are merged into the site's one `pagefind/` folder, each language's with
its word list for the script's typo correction. The token rules' names are re-exported here.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass
from html import unescape as html_unescape
from pathlib import Path

from handbook.core.errors import HandbookError
from handbook.site.search_tokens import (  # noqa: F401  (re-exported for callers of handbook.site.search)
    _TAG_OR_TEXT,
    INDEX_ONLY_END,
    INDEX_ONLY_MARK,
    MAX_PREFIX,
    MIN_STEM,
    OTHER_WORD,
    PREFIX_GRAMMAR,
    WORD,
    WordGroups,
    _word_pattern,
    add_index_only_tokens,
    as_typed,
    expand_run,
    fold,
    glossary_word_groups,
    index_copy,
    open_ending,
    stem_variants,
    thai_inner_words,
)
from handbook.site.search_words import EMPTY as EMPTY_WORDS
from handbook.site.search_words import PHRASE_MARK, SearchWords, Synonyms, load_search_words, phrase_token
from handbook.translate.glossary import Glossary, load_glossary

# What Pagefind must not index: Material's chrome inside the article, and (besides their own
# data-pagefind-ignore) the translation notices, copy-link buttons and last-changed dates.
EXCLUDE_SELECTORS = (
    ".md-content__button",
    ".headerlink",
    ".md-source-file",
    ".md-feedback",
    ".hb-translation-notice",
    ".hb-copy-link",
    ".hb-last-changed",
)
# Files of the Pagefind bundle the site does not use (we render results in Material's markup).
UNUSED_BUNDLE_FILES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
BUNDLE_DIR = "pagefind"
_HTML_LANG = re.compile(r"<html\b[^>]*\blang=\"([A-Za-z-]+)\"")


@dataclass(frozen=True)
class IndexedPage:
    """One page handed to Pagefind: its site URL, language and the HTML Pagefind reads."""

    url: str
    lang: str
    html: str


def page_url(built_dir: Path, path: Path) -> str:
    """The site-root-relative URL Material links to (`/he/principles/x/` for `he/principles/x/index.html`)."""
    relative = path.relative_to(built_dir).as_posix()
    if relative == "index.html":
        return "/"
    if relative.endswith("/index.html"):
        return "/" + relative[: -len("index.html")]
    return "/" + relative


def page_sources(built_dir: Path) -> dict[str, list[tuple[str, str]]]:
    """The built site's content pages by language: (URL, HTML) of each page with an article."""
    sources: dict[str, list[tuple[str, str]]] = {}
    for path in sorted(built_dir.rglob("*.html")):
        relative = path.relative_to(built_dir)
        if relative.parts[0] == BUNDLE_DIR or path.name == "404.html":
            continue
        html = path.read_text(encoding="utf-8")
        if "data-pagefind-body" not in html:
            continue  # redirect stubs and other pages without an article
        found = _HTML_LANG.search(html)
        lang = found.group(1).split("-")[0] if found else "en"
        sources.setdefault(lang, []).append((page_url(built_dir, path), html))
    return sources


def collect_pages(built_dir: Path) -> list[IndexedPage]:
    """Every content page of the built site as Pagefind will read it (index-only tokens added)."""
    return [
        IndexedPage(url, lang, index_copy(html, lang))
        for lang, pages in page_sources(built_dir).items()
        for url, html in pages
    ]


def pagefind_executable() -> Path:
    """The Pagefind binary shipped by `pagefind[extended]` (extended: Thai and CJK segmentation)."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        get_executable = None
    executable = get_executable() if get_executable else None
    if executable is None:
        raise HandbookError(
            "the Pagefind binary is not installed, so the search index cannot be built",
            fix="install the project's dependencies: pip install -e . (it pins pagefind[extended])",
        )
    return Path(executable)


def write_index(pages: list[IndexedPage], output: Path, workdir: Path) -> dict:
    """Run Pagefind over `pages` (written to a mirror under `workdir`) into `output`; its entry file.

    The command-line indexer is ~10x faster here than feeding pages through Pagefind's Python API.
    """
    mirror = workdir / "site"
    for page in pages:
        relative = page.url.lstrip("/")
        target = mirror / (relative + "index.html" if not relative or relative.endswith("/") else relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.html, encoding="utf-8")
    config = {
        "site": str(mirror),
        "output_path": str(output),
        "exclude_selectors": list(EXCLUDE_SELECTORS),
    }
    (workdir / "pagefind.json").write_text(json.dumps(config), encoding="utf-8")
    try:
        result = subprocess.run(
            [str(pagefind_executable())],
            cwd=workdir,
            capture_output=True,
            text=True,
            check=False,
        )
    finally:
        shutil.rmtree(mirror, ignore_errors=True)  # thousands of files: gone now, not at the end
    entry = output / "pagefind-entry.json"
    if result.returncode != 0 or not entry.is_file():
        details = (result.stderr or result.stdout).strip().splitlines()[-5:]
        raise HandbookError(
            "Pagefind could not build the search index:\n  " + "\n  ".join(details),
            path=output,
            fix="fix the problem Pagefind reports; the previous site/ is left as it was",
        )
    return json.loads(entry.read_text(encoding="utf-8"))


def index_language(
    built_dir: Path,
    lang: str,
    bundle: Path,
    workdir: Path,
    *,
    sources: dict[str, list[tuple[str, str]]] | None = None,
    groups: WordGroups = (),
    synonyms: Synonyms = (),
) -> dict:
    """Pagefind bundle for the `lang` pages of `built_dir` (index-only tokens added); its entry.

    `built_dir` may hold one language (a part of `handbook build`) or the whole site; `sources`
    is its `page_sources` when the caller has read them already; `groups` are the word forms
    indexed under each other (`glossary_word_groups`), `synonyms` the language's synonym table
    (`handbook.site.search_words`). The bundle also gets the language's word list (`VOCABULARY`).
    """
    if sources is None:
        sources = page_sources(built_dir)
    pages = [
        IndexedPage(url, lang, index_copy(html, lang, groups, synonyms))
        for url, html in sources.get(lang, [])
    ]
    if not pages:
        raise HandbookError(
            f"no {lang!r} page of the built site carries data-pagefind-body, so its search would be empty",
            path=built_dir,
            fix="keep the data-pagefind-body wrapper around the article in overrides/main.html's content block",
        )
    written = write_index(pages, bundle, workdir)
    # A phrase's words too, so that a typo in one is corrected (הלך לאיבוב: the phrase הלך לאיבוד;
    # short stafed: short staffed). Thai has no phrases (its everyday words are single runs).
    phrases = {phrase_token(phrase): phrase.split() for entry in synonyms for phrase in entry.phrases}
    words = vocabulary(pages, lang, phrases)
    (bundle / VOCABULARY.format(lang=lang)).write_bytes(
        gzip.compress(json.dumps(words, ensure_ascii=False, separators=(",", ":")).encode("utf-8"), mtime=0)
    )
    if lang not in written.get("languages", {}):
        raise HandbookError(
            f"Pagefind wrote no index for: {lang}",
            path=bundle / "pagefind-entry.json",
            fix="check that those pages have text inside data-pagefind-body",
        )
    return written


def search_tables(glossary_file: Path) -> tuple[Glossary | None, SearchWords]:
    """The glossary (None when there is none) and its search section, parsed once for every
    language of a build rather than once per language and table; a changed file is parsed again."""
    try:
        content = glossary_file.read_bytes()
    except FileNotFoundError:
        return None, load_search_words(glossary_file)
    return _parsed_search_tables(str(glossary_file), content)


@functools.lru_cache(maxsize=2)
def _parsed_search_tables(path: str, content: bytes) -> tuple[Glossary, SearchWords]:
    return load_glossary(Path(path)), load_search_words(Path(path))


# The words of a language's index, most frequent first, gzip-compressed (as Pagefind's own files),
# for the script's typo correction: fetched for a query with a word of five letters or more.
VOCABULARY = "handbook-words-{lang}.json.gz"
MIN_VOCABULARY_WORD = 4
# Thai: the short words too (ลูก, คา, รอ): the script reads a query piece the index lacks as a
# possible typo (ลูก|คา is ลูกค้า typed without its tone mark), one it has as a word typed right.
# Only dictionary words (pythainlp's list): the index also holds fragments (ม่, าง) of its inner-word
# readings, which would make a typo's cut-off letters look like a word.
MIN_THAI_VOCABULARY_WORD = 2
MAX_VOCABULARY = 30000


def vocabulary(pages: list[IndexedPage], lang: str, phrases: dict[str, list[str]] | None = None) -> list[str]:
    """Every word (and index-only token) of `pages` of four letters or more (Thai: two), most frequent first;
    for an indexed phrase token that `phrases` lists (token -> words), the phrase's words after a
    PHRASE_MARK (ǂלאיבוד: a typo is corrected to it, and the phrase searched with it).

    Thai runs, index-only tokens too, are cut into pythainlp's words (the ones the index holds), not
    kept whole: the script re-joins the browser's pieces into these words (a token's tail such as
    ให้ลูกค้า would swallow ลูกค้า).
    """
    pattern = _word_pattern("|".join(([WORD[lang].pattern] if lang in WORD else []) + [OTHER_WORD]))
    shortest = MIN_THAI_VOCABULARY_WORD if lang == "th" else MIN_VOCABULARY_WORD
    counts: Counter[str] = Counter()
    for page in pages:
        text = html_unescape(_TAG_OR_TEXT.sub(" ", page.html[page.html.find("<body") :]))
        tokens = _INDEX_ONLY.findall(text)
        plain = _INDEX_ONLY.sub(" ", text)
        found: list[str] = []
        # an index-only token's words, not a phrase's joined words (search_words.phrase_token)
        words = [word for token in tokens for word in token.split() if not word.startswith(PHRASE_MARK)]
        # (marked: the script corrects a typo to one, but does not take it for a word pages have)
        marked = [
            PHRASE_MARK + fold(word).lower()
            for token in tokens
            for joined in token.split()
            for word in (phrases or {}).get(joined, ())
        ]
        counts.update(word for word in marked if len(word) > MIN_VOCABULARY_WORD)
        indexed = pattern.findall(" ".join(words))
        # a Hebrew token as typed (the index holds מלכ for מלך: search_tokens.open_ending)
        indexed = [as_typed(word) for word in indexed] if lang == "he" else indexed
        for match in pattern.findall(plain) + indexed:
            found += list(_thai_words(match)) if lang == "th" and WORD["th"].fullmatch(match) else [match]
        counts.update(
            word
            for word in (fold(word).lower() for word in found)
            if len(word) >= MIN_VOCABULARY_WORD or (len(word) >= shortest and _short_thai_word(word))
        )
    return [word for word, _ in counts.most_common(MAX_VOCABULARY)]


def _short_thai_word(word: str) -> bool:
    """A Thai word shorter than MIN_VOCABULARY_WORD that pythainlp's dictionary lists."""
    from pythainlp.corpus import thai_words

    return WORD["th"].fullmatch(word) is not None and word in thai_words()


_INDEX_ONLY = re.compile(f"{INDEX_ONLY_MARK}([^{INDEX_ONLY_END}]*){INDEX_ONLY_END}")


@functools.lru_cache(maxsize=65536)
def _thai_words(run: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize

    return tuple(word_tokenize(run, engine="newmm", keep_whitespace=False))


def merge_bundles(bundles: list[Path], output: Path) -> None:
    """Move per-language Pagefind bundles into the site's one `pagefind/` folder.

    Each language's index, fragments and metadata have names of their own; the shared files
    (pagefind.js, the wasm) are the same in every bundle, so the first copy stays. The entry file
    lists every language. The bundles are emptied (their files are moved, not copied).
    """
    entry: dict = {}
    for bundle in bundles:
        written = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        entry = {**written, "languages": {**entry.get("languages", {}), **written["languages"]}}
        for folder, _, names in os.walk(bundle):
            target = output / Path(folder).relative_to(bundle)
            target.mkdir(parents=True, exist_ok=True)
            for name in names:
                if not (target / name).exists():
                    os.replace(Path(folder) / name, target / name)
    (output / "pagefind-entry.json").write_text(json.dumps(entry, ensure_ascii=False), encoding="utf-8")
    for name in UNUSED_BUNDLE_FILES:
        (output / name).unlink(missing_ok=True)


SEARCH_LABELS = (
    "placeholder",
    "prompt",
    "loading",
    "none",
    "one",
    "other",
    "partial",
    "more",
    "error",
    "results",
    "clear",
    "show_more",
    "english",
    "in_english",
)


class SearchBox:
    """Gives the header search box (`overrides/partials/search.html`) its language, labels and stopwords.

    A template global rather than page context, so pages rendered without a page (404.html)
    get the labels too. The stopwords come from the glossary's `search:` section.
    """

    def on_env(self, env, config=None, **kwargs):
        words = EMPTY_WORDS
        if config is not None and config.get("config_file_path"):
            words = load_search_words(
                Path(config["config_file_path"]).parent / "translations" / "glossary.yml"
            )
        env.globals["handbook_search_settings"] = functools.partial(search_box_settings, words=words)
        return env


# The engine's warm-up search (issue 22, first result within 0.35 s): once Pagefind has loaded, it
# searches a function word on most pages whose words sit in one index chunk (12-17 KB at 800
# pages); the first search over hundreds of pages costs several times a later one (Pagefind's wasm
# and worker code warming up), a cost the reader's first query then does not pay. Each is one of the
# language's stopwords; its results are never shown (bench/RESULTS.md, first query timeline).
WARM_UP_WORDS = {"en": "where", "he": "אם", "ar": "عن", "th": "ไหน", "ru": "для"}


def search_box_settings(lang: str | None, words: SearchWords = EMPTY_WORDS) -> dict:
    """What the search script needs from the build: the language, its labels, its stopwords, how
    it asks what a word means (`definitions`) and the word the engine warms up with (`WARM_UP_WORDS`)."""
    from handbook.core.ui import t

    lang = (lang or "en").split("-")[0]

    # `{count}` stays a placeholder: the script fills it in.
    labels = {key: t(f"search.{key}", lang, count="{count}") for key in SEARCH_LABELS}
    return {
        "lang": lang,
        "labels": labels,
        "stopwords": list(words.stopwords_for(lang)),
        # definition questions ("what is *", "* คืออะไร"): the glossary first when * names one of its terms
        "definitions": {
            "ask": list(words.definitions_for(lang).ask),
            "filler": list(words.definitions_for(lang).filler),
        },
        "warm": WARM_UP_WORDS.get(lang, ""),
    }
