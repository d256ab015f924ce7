"""Per-language search: the Pagefind index `handbook build` writes, and the token rules it adds.

Pagefind (one index per `<html lang>`) stems English, Russian and Arabic and segments Thai, but
cannot match a Hebrew word behind its one-letter prefixes (ה, ו, ב, כ, ל, מ, ש), an Arabic word
behind a conjunction and the article (والعميل, فالعميل) or a bare preposition (لعميل), a singular
with its irregular plural (عميل, عملاء; עיקרון, עקרונות), or a Thai word inside a dictionary
compound (ถั่ว in นมถั่วเหลือง: the browser segments queries finer than the indexer). So every such
word is followed by *index-only tokens* (its stems, the glossary's other forms of the word, its
inner words), bracketed by U+2063/U+2064, in the copy of the page handed to Pagefind only (the
served HTML is untouched); the browser script removes them from excerpts. The script
(`overrides/assets/javascripts/handbook-search.js`) mirrors `stem_variants` for the query side;
both are tested against `tests/data/search/normalise_cases.yml`.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from dataclasses import dataclass
from html import escape as html_escape
from html import unescape as html_unescape
from pathlib import Path

from handbook.core.errors import HandbookError
from handbook.site.search_words import EMPTY as EMPTY_WORDS
from handbook.site.search_words import SearchWords, Synonyms, load_search_words, normal, synonym_tokens
from handbook.translate.glossary import Glossary

# Brackets a token that exists only in the search index (the browser script strips it from
# excerpts): U+2063 INVISIBLE SEPARATOR ... U+2064 INVISIBLE PLUS. Pagefind drops both from words.
INDEX_ONLY_MARK = "\u2063"
INDEX_ONLY_END = "\u2064"
# Shortest stem worth a token: shorter ones ("של" -> "ל") match far too much.
MIN_STEM = 3
MAX_PREFIX = 5
# A whole prefix run, in grammatical order. Hebrew: and, that/when, preposition, article.
# Arabic: and/so, preposition, article; "لل" is ل + the article with its alif dropped.
PREFIX_GRAMMAR: dict[str, re.Pattern[str]] = {
    "he": re.compile(r"^ו?(?:ש|כש|מש)?[בכלמ]?ה?$"),
    "ar": re.compile(r"^[وف]?(?:[بكل]?(?:ال)?|لل)$"),
}
WORD = {
    "he": re.compile(r"[\u05D0-\u05EA\u0591-\u05C7]+"),
    "ar": re.compile(r"[\u0621-\u065F\u0670-\u06D3]+"),
    "th": re.compile(r"[\u0E01-\u0E3A\u0E40-\u0E4E]+"),
}
# Latin and Cyrillic words: where synonyms (and brand names in any language's pages) are looked up.
OTHER_WORD = r"[A-Za-z\u00C0-\u024F\u0400-\u04FF]+"
TATWEEL = "\u0640"
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
_TAG_OR_TEXT = re.compile(r"(<[^>]*>)")


def fold(word: str) -> str:
    """The word without diacritics (niqqud, harakat, hamza seats) or tatweel, as Pagefind compares it."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.category(c).startswith("M") and c != TATWEEL)


# Groups of one word's forms that a reader searching for one of them means all of (a singular and
# its broken plural). Each group is a frozenset of folded words; a tuple of them is hashable, so
# it can be part of `expand_run`'s cache key.
WordGroups = tuple[frozenset[str], ...]


def glossary_word_groups(glossary: Glossary, lang: str) -> WordGroups:
    """Each key term's one-word renderings in `lang` (the agreed one and its `forms`), as a group.

    The glossary lists forms its QA matcher cannot derive: for Hebrew and Arabic, irregular and
    broken plurals (עיקרון/עקרונות, عميل/عملاء, شكوى/شكاوى). Only languages with prefix rules get
    groups: Pagefind's own stemmers handle Russian and English, and Thai forms are phrases.
    """
    if lang not in PREFIX_GRAMMAR:
        return ()
    groups = []
    for term in glossary.terms:
        words = frozenset(fold(form) for form in term.renderings.get(lang, ()) if len(form.split()) == 1)
        if len(words) > 1:
            groups.append(words)
    return tuple(groups)


def stem_variants(word: str, lang: str) -> list[str]:
    """Every reading of `word` with a valid prefix run removed, longest stem first.

    `stem_variants("שהלקוח", "he") == ["הלקוח", "לקוח"]`; languages without a rule give `[]`.
    """
    grammar = PREFIX_GRAMMAR.get(lang)
    if grammar is None:
        return []
    folded = fold(word)
    variants: list[str] = []
    for cut in range(1, min(MAX_PREFIX, len(folded) - MIN_STEM) + 1):
        if grammar.match(folded[:cut]):
            variants.append(folded[cut:])
    return variants


@functools.lru_cache(maxsize=65536)
def _thai_syllables(token: str) -> tuple[str, ...]:
    from pythainlp.tokenize import syllable_tokenize

    return tuple(syllable_tokenize(token, engine="han_solo"))


def thai_inner_words(word: str) -> list[str]:
    """Syllable-aligned suffixes of one Thai dictionary word (นมถั่วเหลือง -> ถั่วเหลือง, เหลือง).

    Pagefind's indexer keeps dictionary compounds whole while the browser's Intl.Segmenter splits
    the query finer (ถั่ว, เหลือง); Pagefind matches query words as prefixes of index words, so the
    suffixes make every inner word findable.
    """
    if len(word) < 4:
        return []
    syllables = _thai_syllables(word)
    suffixes = ["".join(syllables[start:]) for start in range(1, len(syllables))]
    return [suffix for suffix in suffixes if len(suffix) >= 2]


def _thai_pieces(word: str) -> list[str]:
    """An everyday Thai word's inner words and its letter-aligned tails of three letters or more.

    The browser's segmenter cuts a word it does not know (a transliterated brand) anywhere
    (ส|ตาร์บัคส์), not on syllables, so every tail that starts on a consonant or a leading vowel
    is indexed.
    """
    tails = [
        word[start:]
        for start in range(1, len(word) - 2)
        if not unicodedata.category(word[start]).startswith("M")
    ]
    return [*thai_inner_words(word), *(tail for tail in tails if tail not in thai_inner_words(word))]


def _with_tokens(word: str, tokens: list[str]) -> str:
    return word + "".join(f" {INDEX_ONLY_MARK}{token}{INDEX_ONLY_END}" for token in tokens)


@functools.lru_cache(maxsize=262144)
def expand_run(run: str, lang: str, groups: WordGroups = (), synonyms: Synonyms = ()) -> str:
    """One run of letters followed by its index-only tokens (cached: runs repeat across pages)."""
    script = WORD.get(lang)
    if script is None or not script.fullmatch(run):  # a Latin or Cyrillic word
        also = synonym_tokens({normal(run)}, synonyms)
        if lang == "th":
            also += [part for word in also for part in _thai_pieces(word) if part not in also]
        return _with_tokens(run, also)
    if lang == "th":
        from pythainlp.tokenize import word_tokenize

        words = word_tokenize(run, engine="newmm", keep_whitespace=False)
        out = []
        for thai in words:
            inner = thai_inner_words(thai)
            also = synonym_tokens({thai, *inner}, synonyms)
            # An everyday word's inner words too: the browser splits transliterations oddly (ส|ตาร์บัคส์).
            also += [part for word in also for part in _thai_pieces(word) if part not in also]
            out.append(_with_tokens(thai, inner + also))
        return "".join(out)
    tokens = stem_variants(run, lang)
    readings = {fold(run), *tokens}
    for group in groups:
        if not group.isdisjoint(readings):
            tokens += sorted(group - readings)
            readings |= group
    tokens += [token for token in synonym_tokens(readings, synonyms) if token not in readings]
    return _with_tokens(run, tokens)


def add_index_only_tokens(html: str, lang: str, groups: WordGroups = (), synonyms: Synonyms = ()) -> str:
    """`html` with each word's index-only tokens inserted after it, bracketed by the invisible marks.

    Hebrew and Arabic words get their prefix-stripped stems and, where the word or a stem is in one
    of `groups`, the group's other forms; each word of a Thai run (split with pythainlp's newmm)
    gets its inner words, right after it so excerpts centre on the real text; a word `synonyms`
    names (any language, any script) gets their everyday words.
    """
    pattern = "|".join(([WORD[lang].pattern] if lang in WORD else []) + ([OTHER_WORD] if synonyms else []))
    if not pattern:
        return html
    word = _word_pattern(pattern)
    parts = _TAG_OR_TEXT.split(html)
    in_raw_text = False
    for index, part in enumerate(parts):
        if index % 2:  # a tag
            name = part[1:].split(None, 1)[0].lower().rstrip(">") if len(part) > 2 else ""
            if name in ("script", "style", "title"):
                in_raw_text = True
            elif name in ("/script", "/style", "/title"):
                in_raw_text = False
        elif part and not in_raw_text:
            parts[index] = word.sub(lambda match: expand_run(match.group(0), lang, groups, synonyms), part)
    return "".join(parts)


@functools.lru_cache(maxsize=8)
def _word_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


_SEARCH_META = re.compile(r'<meta name="hb-search-(summary|keywords|kind)" content="([^"]*)"')
# How much a summary or keyword match counts against a body word's 1 (Pagefind: h1 7, h2 6, ...).
SUMMARY_WEIGHT = 5
KEYWORDS_WEIGHT = 6


def _index_only_block(text: str, lang: str, weight: int, groups: WordGroups, synonyms: Synonyms) -> str:
    """`text` with its tokens as one index-only run, in an element Pagefind weighs `weight`."""
    expanded = add_index_only_tokens(html_escape(text, quote=False), lang, groups, synonyms)
    flat = expanded.replace(INDEX_ONLY_MARK, "").replace(INDEX_ONLY_END, "")
    return f'<p data-pagefind-weight="{weight}">{INDEX_ONLY_MARK}{flat}{INDEX_ONLY_END}</p>'


def index_copy(html: str, lang: str, groups: WordGroups = (), synonyms: Synonyms = ()) -> str:
    """What Pagefind reads of a built page: its head and its article, with index-only tokens.

    Navigation, header and footer are left out (Pagefind would skip them anyway, after parsing).
    The page's summary and search keywords (`<meta name="hb-search-...">`, overrides/main.html)
    open the article as weighted index-only text; its kind becomes Pagefind metadata (`hb_kind`),
    which the script uses to rank the home page, glossary and sources below other pages.
    """
    marker = html.find("data-pagefind-body")
    body = html.find("<body")
    if marker < 0 or body < 0:
        return add_index_only_tokens(html, lang, groups, synonyms)
    start = html.rfind("<", 0, marker)
    end = html.find("</article>", start)
    article = add_index_only_tokens(html[start : end if end >= 0 else len(html)], lang, groups, synonyms)
    meta = {name: html_unescape(value) for name, value in _SEARCH_META.findall(html[:body])}
    extra = "".join(
        _index_only_block(meta[name], lang, weight, groups, synonyms)
        for name, weight in (("summary", SUMMARY_WEIGHT), ("keywords", KEYWORDS_WEIGHT))
        if meta.get(name, "").strip()
    )
    if meta.get("kind"):
        extra += f'<span data-pagefind-meta="hb_kind:{html_escape(meta["kind"])}"></span>'
    opened = article.find(">") + 1
    article = article[:opened] + extra + article[opened:]
    return html[:body] + "<body>" + article + "</body></html>\n"


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
        IndexedPage(url, lang, index_copy(html, lang, groups, synonyms)) for url, html in sources.get(lang, [])
    ]
    if not pages:
        raise HandbookError(
            f"no {lang!r} page of the built site carries data-pagefind-body, so its search would be empty",
            path=built_dir,
            fix="keep the data-pagefind-body wrapper around the article in overrides/main.html's content block",
        )
    written = write_index(pages, bundle, workdir)
    words = vocabulary(pages, lang)
    (bundle / VOCABULARY.format(lang=lang)).write_text(
        json.dumps(words, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
    if lang not in written.get("languages", {}):
        raise HandbookError(
            f"Pagefind wrote no index for: {lang}",
            path=bundle / "pagefind-entry.json",
            fix="check that those pages have text inside data-pagefind-body",
        )
    return written


# The words of a language's index, most frequent first, for the script's typo correction: loaded
# only when a word of a query of five letters or more finds nothing.
VOCABULARY = "handbook-words-{lang}.json"
MIN_VOCABULARY_WORD = 4
MAX_VOCABULARY = 30000


def vocabulary(pages: list[IndexedPage], lang: str) -> list[str]:
    """Every word (and index-only token) of `pages` of four letters or more, most frequent first."""
    pattern = _word_pattern("|".join(([WORD[lang].pattern] if lang in WORD else []) + [OTHER_WORD]))
    counts: Counter[str] = Counter()
    for page in pages:
        text = page.html[page.html.find("<body") :]
        text = _TAG_OR_TEXT.sub(" ", text).replace(INDEX_ONLY_MARK, " ").replace(INDEX_ONLY_END, " ")
        counts.update(
            word for word in (fold(match).lower() for match in pattern.findall(html_unescape(text)))
            if len(word) >= MIN_VOCABULARY_WORD
        )
    return [word for word, _ in counts.most_common(MAX_VOCABULARY)]


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
)


class SearchBox:
    """Gives the header search box (`overrides/partials/search.html`) its language, labels and stopwords.

    A template global rather than page context, so pages rendered without a page (404.html)
    get the labels too. The stopwords come from the glossary's `search:` section.
    """

    def on_env(self, env, config=None, **kwargs):
        words = EMPTY_WORDS
        if config is not None and config.get("config_file_path"):
            words = load_search_words(Path(config["config_file_path"]).parent / "translations" / "glossary.yml")
        env.globals["handbook_search_settings"] = functools.partial(search_box_settings, words=words)
        return env


def search_box_settings(lang: str | None, words: SearchWords = EMPTY_WORDS) -> dict:
    """What the search script needs from the build: the language, its labels and its stopwords."""
    from handbook.core.ui import t

    lang = (lang or "en").split("-")[0]

    # `{count}` stays a placeholder: the script fills it in.
    labels = {key: t(f"search.{key}", lang, count="{count}") for key in SEARCH_LABELS}
    return {"lang": lang, "labels": labels, "stopwords": list(words.stopwords_for(lang))}
