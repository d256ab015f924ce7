"""Site features for stable, findable links: copy-link buttons, last-changed dates, hreflang
alternates, per-language sitemaps, and mkdocs-redirects applied to every language folder."""

from __future__ import annotations

import functools
import html
import logging
import re
import subprocess
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urljoin
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from handbook.core.project import SOURCE_LANGUAGE, text_direction
from handbook.core.ui import t
from handbook.site.links import page_path
from handbook.site.neutral_links import neutral_path

log = logging.getLogger("mkdocs.plugins.handbook")

# Month names as `Intl.DateTimeFormat(lang, {dateStyle: "long"})` writes them in Chromium, so the
# date reads the same as the reader's browser would write it (a test compares the two).
_MONTHS: dict[str, tuple[str, ...]] = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"),
    "he": ("בינואר", "בפברואר", "במרץ", "באפריל", "במאי", "ביוני", "ביולי", "באוגוסט", "בספטמבר",
           "באוקטובר", "בנובמבר", "בדצמבר"),
    "ar": ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
           "نوفمبر", "ديسمبر"),
    "th": ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม",
           "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"),
    "ru": ("января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
           "октября", "ноября", "декабря"),
}  # fmt: skip
BUDDHIST_ERA_OFFSET = 543  # Thai dates count years from 543 BC


def format_long_date(day: date, lang: str) -> str:
    """`day` in the reader's language and calendar (Thai: Buddhist era), e.g. "23 พฤศจิกายน 2569"."""
    month = _MONTHS.get(lang, _MONTHS["en"])[day.month - 1]
    if lang == "th":
        return f"{day.day} {month} {day.year + BUDDHIST_ERA_OFFSET}"
    if lang == "ru":
        return f"{day.day} {month} {day.year} г."
    if lang in ("he", "ar"):
        return f"{day.day} {month} {day.year}"
    return f"{month} {day.day}, {day.year}"


def _current_language(config) -> str:
    return (config.theme.get("language") or SOURCE_LANGUAGE).split("-")[0]


def _neutral_source(page) -> str | None:
    """The page's path inside its language folder (`principles/x.md`), as static-i18n records it."""
    file = getattr(page, "file", None)
    return getattr(file, "norm_src_uri", None) or (file.src_uri if file is not None else None)


def _project_root(config) -> Path:
    return _folder_of(config.config_file_path)


@functools.lru_cache(maxsize=16)
def _folder_of(config_file: str) -> Path:
    """The resolved folder of mkdocs.yml (asked for on every page, so resolved once)."""
    return Path(config_file).resolve().parent


# --- last-changed dates of the English pages ---


def _git_dates(root: Path) -> dict[str, datetime]:
    """Last commit date of every file under docs/en that git knows, keyed by its path under docs/en."""
    try:
        prefix = subprocess.run(
            ["git", "rev-parse", "--show-prefix"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        listing = subprocess.run(
            ["git", "log", "--format=%x00%cI", "--name-only", "--", "docs/en"],
            cwd=root,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return {}
    dates: dict[str, datetime] = {}
    current: datetime | None = None
    marker = prefix + "docs/en/"
    for line in listing.splitlines():
        if line.startswith("\x00"):
            current = datetime.fromisoformat(line[1:].strip())
        elif line.startswith(marker) and current is not None:
            dates.setdefault(line[len(marker) :], current)  # newest commit comes first
    return dates


def english_change_dates(root: Path) -> dict[str, datetime]:
    """When each English page last changed: its last git commit, else the file's mtime."""
    source = root / "docs" / SOURCE_LANGUAGE
    committed = _git_dates(root)
    dates: dict[str, datetime] = {}
    for path in sorted(source.rglob("*.md")):
        relative = path.relative_to(source).as_posix()
        dates[relative] = committed.get(relative) or datetime.fromtimestamp(int(path.stat().st_mtime), tz=UTC)
    return dates


_CHANGE_DATES: dict[Path, dict[str, datetime]] = {}


def change_date(config, page) -> datetime | None:
    """When the English text of `page` last changed (after LastChanged loaded the dates)."""
    source = _neutral_source(page)
    return _CHANGE_DATES.get(_project_root(config), {}).get(source) if source else None


class LastChanged:
    """Shows at the end of each page when its English text last changed, in the reader's language."""

    def on_files(self, files, *, config, **kwargs):
        # static-i18n rebuilds once per language; git is asked once per round, at the English build
        # (on_files, not on_config: static-i18n sets the build's language in its own on_config).
        root = _project_root(config)
        if _current_language(config) == SOURCE_LANGUAGE or root not in _CHANGE_DATES:
            _CHANGE_DATES[root] = english_change_dates(root)
        return files

    def on_page_content(self, html_text: str, *, page, config, **kwargs) -> str:
        when = change_date(config, page)
        if when is None:
            return html_text
        lang = _current_language(config)
        key = "links.last_changed" if lang == SOURCE_LANGUAGE else "links.english_last_changed"
        label = html.escape(t(key, lang, date="\x00")).split("\x00")
        direction = text_direction(lang)
        stamp = (
            f'<time datetime="{when.isoformat()}">{html.escape(format_long_date(when.date(), lang))}</time>'
        )
        return (
            f"{html_text}\n"
            f'<p class="hb-last-changed" lang="{lang}" dir="{direction}" data-pagefind-ignore>'
            f"{stamp.join(label)}</p>"
        )


# --- copy-link buttons on headings ---

# h2 only (issue 23): sections worth linking to; "Do" and "Don't" (h3) are parts of one.
_HEADING = re.compile(r"<h(2)(\s[^>]*)>(.*?)</h\1>", re.S)
_ID = re.compile(r'\sid="([^"]+)"')
_TAGS = re.compile(r"<[^>]+>")
_LINK_ICON = (
    '<svg class="hb-copy-link__icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" '
    'width="18" height="18"><path fill="currentColor" d="M10.6 13.4a1 1 0 0 1 0-1.4l3.5-3.5a1 1 0 1 1 '
    "1.4 1.4l-3.5 3.5a1 1 0 0 1-1.4 0zM7.8 19.1a3.5 3.5 0 0 1-2.5-6l2.1-2.1a1 1 0 1 1 1.4 1.4l-2.1 "
    "2.1a1.5 1.5 0 0 0 2.1 2.1l2.1-2.1a1 1 0 1 1 1.4 1.4l-2.1 2.1a3.5 3.5 0 0 1-2.4 1.1zm7.8-6.1a1 1 "
    "0 0 1-.7-1.7l2.1-2.1a1.5 1.5 0 0 0-2.1-2.1l-2.1 2.1a1 1 0 0 1-1.4-1.4l2.1-2.1a3.5 3.5 0 0 1 5 "
    '5l-2.1 2.1a1 1 0 0 1-.8.2z"/></svg>'
)
_GLOBE_ICON = (
    '<svg class="hb-copy-link__icon" aria-hidden="true" focusable="false" viewBox="0 0 24 24" '
    'width="18" height="18"><path fill="currentColor" d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm6.9 '
    "6h-3a15.7 15.7 0 0 0-1.4-3.6A8 8 0 0 1 18.9 8zM12 4a14 14 0 0 1 1.9 4h-3.8A14 14 0 0 1 12 4zM4.3 "
    "14a8 8 0 0 1 0-4h3.4a16.5 16.5 0 0 0 0 4H4.3zm.8 2h3a15.7 15.7 0 0 0 1.4 3.6A8 8 0 0 1 5.1 16zm3-8h-3a8 "
    "8 0 0 1 4.4-3.6A15.7 15.7 0 0 0 8.1 8zM12 20a14 14 0 0 1-1.9-4h3.8A14 14 0 0 1 12 20zm2.3-6H9.7a14.7 "
    "14.7 0 0 1 0-4h4.6a14.7 14.7 0 0 1 0 4zm.2 5.6a15.7 15.7 0 0 0 1.4-3.6h3a8 8 0 0 1-4.4 3.6zm1.8-5.6a16.5 "
    '16.5 0 0 0 0-4h3.4a8 8 0 0 1 0 4h-3.4z"/></svg>'
)


class CopyLinkButtons:
    """Adds a "copy link" button to every `##` heading with the section's stable absolute URL.

    A real `<button>` with a localised `aria-label`; `handbook-links.js` copies `data-hb-url` with
    `navigator.clipboard` and shows the localised feedback. `data-pagefind-ignore` keeps the button
    out of the search index.
    """

    def on_page_content(self, html_text: str, *, page, config, **kwargs) -> str:
        lang = _current_language(config)
        base = page.canonical_url or (config.site_url or "") + page.url
        page_id = (page.meta or {}).get("id")
        neutral = (
            (config.site_url or "") + neutral_path(page_id) if isinstance(page_id, str) and page_id else None
        )

        def add_button(match: re.Match[str]) -> str:
            level, attrs, inner = match.groups()
            found = _ID.search(attrs)
            if found is None:
                return match.group(0)
            anchor = html.unescape(found.group(1))
            title = html.unescape(_TAGS.sub("", inner)).strip()
            url = f"{base}#{anchor}"
            label = t("links.copy", lang, title=title)
            button = (
                f'<button type="button" class="hb-copy-link" lang="{lang}" data-pagefind-ignore '
                f'data-hb-url="{html.escape(url)}" '
                f'data-hb-copied="{html.escape(t("links.copied", lang))}" '
                f'data-hb-failed="{html.escape(t("links.copy_failed", lang, url=url))}" '
                f'aria-label="{html.escape(label)}" title="{html.escape(label)}">{_LINK_ICON}</button>'
            )
            if neutral is not None:
                # The same section at its language-neutral address (/go/<id>/#anchor).
                neutral_url = f"{neutral}#{anchor}"
                neutral_label = t("links.copy_neutral", lang, title=title)
                button += (
                    f'<button type="button" class="hb-copy-link hb-copy-link--neutral" lang="{lang}" '
                    f'data-pagefind-ignore data-hb-url="{html.escape(neutral_url)}" '
                    f'data-hb-copied="{html.escape(t("links.copied", lang))}" '
                    f'data-hb-failed="{html.escape(t("links.copy_failed", lang, url=neutral_url))}" '
                    f'aria-label="{html.escape(neutral_label)}" title="{html.escape(neutral_label)}">'
                    f"{_GLOBE_ICON}</button>"
                )
            return f"<h{level}{attrs}>{inner}{button}</h{level}>"

        return _HEADING.sub(add_button, html_text)


# --- hreflang alternates in <head> ---

_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="([^"]*)" hreflang="([^"]+)">\n?')


class HreflangAlternates:
    """Makes the `hreflang` alternates absolute and adds `x-default` (the English page).

    static-i18n already emits one `<link rel="alternate" hreflang>` per language, but relative;
    search engines need fully-qualified URLs and an `x-default` for readers of other languages.
    """

    def on_post_page(self, output: str, *, page, config, **kwargs) -> str:
        head_end = output.find("</head>")
        if head_end < 0 or not config.site_url:
            return output
        head = output[:head_end]
        found = _ALTERNATE.findall(head)
        if not found:
            return output
        here = page.canonical_url or config.site_url + page.url
        absolute = [(lang, urljoin(here, href)) for href, lang in found]
        default = next((url for lang, url in absolute if lang == SOURCE_LANGUAGE), absolute[0][1])
        links = [*absolute, ("x-default", default)]
        block = "".join(
            f'      <link rel="alternate" hreflang="{lang}" href="{html.escape(url)}">\n'
            for lang, url in links
        )
        first = _ALTERNATE.search(head)
        assert first is not None  # found is non-empty
        head = head[: first.start()] + block + _ALTERNATE.sub("", head[first.start() :])
        return head + output[head_end:]


# --- one sitemap per language ---


@dataclass(frozen=True)
class _SitemapEntry:
    url: str
    lastmod: str | None
    alternates: tuple[tuple[str, str], ...]


class LanguageSitemaps:
    """Writes `site/<lang>/sitemap.xml` for every non-default language, listing that language's pages.

    static-i18n writes only the root sitemap; Material fetches `sitemap.xml` next to each language's
    alternate link, so without these every page view logs a 404 per language.
    """

    def __init__(self) -> None:
        self.entries: dict[str, list[_SitemapEntry]] = {}

    def on_files(self, files, *, config, **kwargs):
        self.entries[_current_language(config)] = []
        return files

    def on_page_context(self, context, *, page, config, **kwargs):
        source = _neutral_source(page)
        if source is None or not config.site_url:
            return context
        lang = _current_language(config)
        alternates = tuple(
            (code, config.site_url + page_path(source, code))
            for code in (getattr(page.file, "alternates", None) or {lang: None})
        )
        when = change_date(config, page)
        self.entries.setdefault(lang, []).append(
            _SitemapEntry(
                url=page.canonical_url or config.site_url + page.url,
                lastmod=when.date().isoformat() if when else None,
                alternates=alternates,
            )
        )
        return context

    def on_post_build(self, *, config, **kwargs) -> None:
        lang = _current_language(config)
        if lang == SOURCE_LANGUAGE:
            return  # the root sitemap.xml (static-i18n's) serves the default language
        lines = [
            '<?xml version="1.0" encoding="UTF-8"?>',
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
        ]
        for entry in sorted(self.entries.get(lang, []), key=lambda e: e.url):
            lines.append("  <url>")
            lines.append(f"    <loc>{xml_escape(entry.url)}</loc>")
            if entry.lastmod:
                lines.append(f"    <lastmod>{entry.lastmod}</lastmod>")
            for code, url in sorted(entry.alternates):
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{code}" href={quoteattr(url)}/>')
            lines.append("  </url>")
        lines.append("</urlset>")
        target = Path(config.site_dir) / lang / "sitemap.xml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- mkdocs-redirects in every language folder ---


class LanguageRedirects:
    """Applies the `redirects` plugin's `redirect_maps` to every language folder.

    Paths in the map are relative to a language folder (`principles/old.md: principles/new.md`).
    mkdocs-redirects looks pages up by their raw path (`en/principles/new.md`), which static-i18n
    moves, so it would reject every target; this feature takes the map over and writes the same
    redirect pages (mkdocs-redirects' own template) for each language build.
    """

    def __init__(self) -> None:
        self.redirects: dict[str, str] | None = None

    def on_config(self, config, **kwargs):
        plugin = config.plugins.get("redirects")
        if plugin is None:
            return config
        if self.redirects is None:
            self.redirects = {str(k): str(v) for k, v in (plugin.config.get("redirect_maps") or {}).items()}
        plugin.config["redirect_maps"] = {}
        return config

    def on_post_build(self, *, config, **kwargs) -> None:
        if not self.redirects:
            return
        from mkdocs_redirects.plugin import get_html_path, get_relative_html_path, write_html

        from handbook.site.reader_language import redirect_in_language

        lang = _current_language(config)
        prefix = "" if lang == SOURCE_LANGUAGE else f"{lang}/"
        source_dir = Path(config.docs_dir) / SOURCE_LANGUAGE
        for old, new in sorted(self.redirects.items()):
            if new.lower().startswith(("http://", "https://")):
                write_html(config.site_dir, get_html_path(prefix + old, config.use_directory_urls), new)
                redirect_in_language(
                    Path(config.site_dir) / get_html_path(prefix + old, config.use_directory_urls), lang
                )
                continue
            target, hash_sign, anchor = new.partition("#")
            if not (source_dir / target).is_file():
                log.warning("Redirect target '%s' (from '%s') does not exist in docs/en!", target, old)
                continue
            if (source_dir / old).is_file():
                log.warning(
                    "Redirect source '%s' still exists in docs/en; remove the page or the redirect", old
                )
                continue
            destination = get_relative_html_path(
                prefix + old, (page_path(target, lang) or ".") + hash_sign + anchor, config.use_directory_urls
            )
            write_html(config.site_dir, get_html_path(prefix + old, config.use_directory_urls), destination)
            # rtl (issue 20): the page says it in the reader's language (handbook.site.reader_language)
            redirect_in_language(
                Path(config.site_dir) / get_html_path(prefix + old, config.use_directory_urls), lang
            )
