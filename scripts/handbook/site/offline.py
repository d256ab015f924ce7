"""Offline reading (issue 20): each language's precache list, its offline page, and `sw.js`.

After `handbook build` has assembled the site, `write_offline` writes for every built language:

- `hb-offline/<lang>-<version>.json`, the language's precache list: every page of the language
  (English fallback pages left out: they are not in the reader's language), the files those pages
  load (stylesheets, scripts, images, and what the stylesheets load), the language's Pagefind
  files and word list, and its offline page; each with its revision, a hash of its bytes. The
  version is a hash of the list, so a build that changes nothing in a language keeps its version;
- `hb-offline/<lang>.html`, the page shown offline for a page that is not saved (another language,
  an English fallback), in that language, without scripts;
- `sw.js` at the site root (from `overrides/sw.js`, which the theme copies there) with the
  versions filled in. A build that changes a file changes its language's version and so `sw.js`,
  which browsers notice; the new worker fetches only the files whose revision changed.

The page script (`overrides/assets/javascripts/handbook-offline.js`) registers the worker after
the first page of a language has loaded, and asks it to save that language. PDFs never go in.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from handbook.core.errors import HandbookError
from handbook.core.project import text_direction
from handbook.core.ui import t
from handbook.site.public_url import is_loopback
from handbook.site.search import BUNDLE_DIR, VOCABULARY

FOLDER = "hb-offline"
WORKER = "sw.js"
# The line of overrides/sw.js that the build replaces with each language's version.
VERSIONS_LINE = (
    'const OFFLINE = { versions: {}, default: "en" }; // filled in by handbook build (handbook.site.offline)'
)
# (A built site's sw.js has it filled already: a second run on it replaces the filled line.)
_VERSIONS = re.compile(r"^const OFFLINE = .*$", re.M)
REVISION_LENGTH = 16
# Site folders that hold no pages of the default language.
_NOT_PAGES = {BUNDLE_DIR, "assets", "go", FOLDER}
_TAG = re.compile(r"<(script|link|img|source)\b([^>]*)>", re.I)
_ATTRIBUTE = re.compile(r"""\b(src|href|rel)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_LINK_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "manifest"}
_CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")
_FALLBACK = 'class="hb-fallback"'
_BASE = "https://site.invalid/"


def revision(path: Path) -> str:
    """The file's revision: the start of the SHA-256 of its bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:REVISION_LENGTH]


def language_pages(site: Path, lang: str, default: str, languages: list[str]) -> list[Path]:
    """The HTML files of `lang` (its folder; for the default language, the root outside the others)."""
    if lang != default:
        return sorted((site / lang).rglob("*.html"))
    skip = set(languages) | _NOT_PAGES
    return sorted(path for path in site.rglob("*.html") if path.relative_to(site).parts[0] not in skip)


def _url_of(site: Path, path: Path) -> str:
    """The site-relative URL a reader opens for a built file (`he/x/` for `he/x/index.html`)."""
    relative = path.relative_to(site).as_posix()
    if relative == "index.html":
        return ""
    if relative.endswith("/index.html"):
        return relative[: -len("index.html")]
    return relative


def _site_file(site: Path, page_url: str, reference: str) -> str | None:
    """The site-relative path of the file `reference` (found on the page at `page_url`) names, if any."""
    if reference.startswith(("data:", "blob:", "#", "mailto:", "javascript:")):
        return None
    target = urlsplit(urljoin(_BASE + page_url, reference))
    if f"{target.scheme}://{target.netloc}/" != _BASE:
        return None
    relative = target.path.lstrip("/")
    if not relative or relative.endswith((".html", "/", ".pdf")):
        return None
    return relative if (site / relative).is_file() else None


def page_assets(site: Path, page_url: str, text: str) -> set[str]:
    """The files a page loads by itself: scripts, stylesheets, icons and images (not links it offers)."""
    found: set[str] = set()
    for match in _TAG.finditer(text):
        tag = match.group(1).lower()
        attributes = {
            m.group(1).lower(): m.group(2) if m.group(2) is not None else m.group(3)
            for m in _ATTRIBUTE.finditer(match.group(2))
        }
        if tag == "link":
            if not set(attributes.get("rel", "").lower().split()) & _LINK_RELS:
                continue
            reference = attributes.get("href")
        else:
            reference = attributes.get("src")
        if reference:
            relative = _site_file(site, page_url, html.unescape(reference))
            if relative:
                found.add(relative)
    return found


def _css_assets(site: Path, stylesheets: set[str]) -> set[str]:
    found: set[str] = set()
    for relative in stylesheets:
        text = (site / relative).read_text(encoding="utf-8", errors="replace")
        for reference in _CSS_URL.findall(text):
            target = _site_file(site, relative, reference.strip())
            if target:
                found.add(target)
    return found


def search_files(site: Path, lang: str) -> list[str]:
    """The language's Pagefind files: the shared script, worker and entry, its wasm, meta, index,
    fragments and filters (their names start with the language), and the site's word list."""
    bundle = site / BUNDLE_DIR
    entry_file = bundle / "pagefind-entry.json"
    if not entry_file.is_file():
        return []
    entry = json.loads(entry_file.read_text(encoding="utf-8")).get("languages", {}).get(lang)
    if entry is None:
        return []
    names = [
        "pagefind.js",
        "pagefind-worker.js",
        "pagefind-entry.json",
        f"pagefind.{entry['hash']}.pf_meta",
        f"wasm.{entry.get('wasm') or 'unknown'}.pagefind",
        VOCABULARY.format(lang=lang),
    ]
    files = [f"{BUNDLE_DIR}/{name}" for name in names if (bundle / name).is_file()]
    for folder in ("index", "fragment", "filter"):
        if (bundle / folder).is_dir():
            files += sorted(
                f"{BUNDLE_DIR}/{folder}/{path.name}" for path in (bundle / folder).glob(f"{lang}_*")
            )
    return files


def precache_list(site: Path, lang: str, default: str, languages: list[str]) -> dict[str, str]:
    """Site-relative URL -> revision of everything the reader of `lang` needs offline."""
    entries: dict[str, str] = {}
    assets: set[str] = set()
    for path in language_pages(site, lang, default, languages):
        text = path.read_text(encoding="utf-8")
        if _FALLBACK in text:
            continue  # English shown inside the language's site: not the reader's language
        url = _url_of(site, path)
        entries[url] = revision(path)
        assets |= page_assets(site, url, text)
    assets |= _css_assets(site, {name for name in assets if name.endswith(".css")})
    for relative in sorted(assets) + search_files(site, lang) + [f"{FOLDER}/{lang}.html"]:
        if (site / relative).is_file() and not relative.endswith(".pdf"):
            entries[relative] = revision(site / relative)
    return dict(sorted(entries.items()))


def offline_page(lang: str, default: str) -> str:
    """The page shown for a page that is not saved, in `lang`; `%HB_SCOPE%` is the site's root
    address, put in by the service worker (the page answers for any address)."""
    from handbook.site.csp import policy_for, with_policy

    direction = text_direction(lang)
    title = html.escape(t("offline.title", lang))
    text = html.escape(t("offline.not_saved", lang))
    home = html.escape(t("offline.home", lang))
    page = (
        f'<!doctype html>\n<html lang="{lang}" dir="{direction}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>{title}</title>\n"
        "<style>body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:34rem;padding:0 1rem;"
        "line-height:1.5;color:#222}h1{font-size:1.5rem}a{color:#00695c}</style>\n</head>\n<body>\n"
        f'<main><h1>{title}</h1>\n<p>{text}</p>\n<p><a href="%HB_SCOPE%{"" if lang == default else lang + "/"}">{home}</a></p></main>\n'
        "</body>\n</html>\n"
    )
    return with_policy(page, policy_for(page))


def write_offline(site: Path, default: str, languages: list[str]) -> dict[str, str]:
    """Write every language's offline page and precache list, and fill in `sw.js`; the versions.

    Without `sw.js` (a theme without overrides/sw.js) nothing is written.
    """
    worker = site / WORKER
    if not worker.is_file():
        return {}
    folder = site / FOLDER
    folder.mkdir(exist_ok=True)
    for stale in folder.glob("*-*.json"):  # a second run on a built site: lists of the first go
        stale.unlink()
    for lang in languages:
        (folder / f"{lang}.html").write_text(offline_page(lang, default), encoding="utf-8")
    versions: dict[str, str] = {}
    for lang in languages:
        entries = precache_list(site, lang, default, languages)
        text = json.dumps({"lang": lang, "files": entries}, ensure_ascii=False, indent=0)
        version = hashlib.sha256(text.encode("utf-8")).hexdigest()[:REVISION_LENGTH]
        (folder / f"{lang}-{version}.json").write_text(text, encoding="utf-8")
        versions[lang] = version
    source = worker.read_text(encoding="utf-8")
    filled = "const OFFLINE = " + json.dumps({"versions": versions, "default": default}, sort_keys=True) + ";"
    if _VERSIONS.search(source) is None:
        raise HandbookError(
            "sw.js has no line to put the offline versions in",
            path=worker,
            fix=f"keep the line `{VERSIONS_LINE}` in overrides/sw.js",
        )
    worker.write_text(_VERSIONS.sub(lambda _: filled, source, count=1), encoding="utf-8")
    return versions


def precache_bytes(site: Path, lang: str) -> tuple[int, int]:
    """(files, bytes) of `lang`'s precache list in a built site: what saving the language transfers
    (uncompressed; a server that compresses sends less)."""
    lists = sorted((site / FOLDER).glob(f"{lang}-*.json"))
    if not lists:
        return 0, 0
    files = json.loads(lists[-1].read_text(encoding="utf-8"))["files"]
    return len(files), sum(
        (site / (url + "index.html" if url == "" or url.endswith("/") else url)).stat().st_size
        for url in files
    )


def plain_http_warning(url: str) -> str | None:
    """A warning when the public URL is plain HTTP on a host other than this machine (browsers run
    service workers only on HTTPS and loopback, so offline reading would be off)."""
    if urlsplit(url).scheme == "http" and not is_loopback(url):
        return (
            f"the public URL {url} is plain HTTP: browsers allow offline reading only over HTTPS "
            "(publish at https://…, or set site_url / --site-url to the HTTPS address)"
        )
    return None


class OfflineStrings:
    """Plugin feature: the page script's translated strings, as a template global (`main.html`)."""

    def on_env(self, env, config=None, **kwargs):
        env.globals["handbook_offline_strings"] = lambda lang: {
            "saved": t("offline.saved", lang),
            "updated": t("offline.updated", lang),
            "reload": t("offline.reload", lang),
        }
        return env
