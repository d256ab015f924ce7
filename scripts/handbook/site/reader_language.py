"""The reader's language only (issue 20): the theme's last English interface text, translated.

Material's language files already translate its labels; two texts of the theme are English in
every language: the footer's generator line ("Made with", hard-coded in `copyright.html`) and the
"404 - Not found" heading. `overrides/partials/copyright.html` and `overrides/404.html` take them
from `handbook.core.ui` through the `handbook_ui` template function this feature adds.

The redirect pages a renamed page leaves (mkdocs-redirects' English template, written per
language by `link_features.LanguageRedirects`) are rewritten in the language of their folder.

A server that answers every missing path with the root `404.html` (the default language's)
would show English for `/he/missing`. The root page therefore carries each language's heading,
direction and "not found" page address (`handbook_not_found`), and `handbook-404.js` picks the
language from `location.pathname`: it switches the page's language, direction, title and heading
at once, then replaces the body with that language's own `<lang>/404.html` (navigation, search
box and footer in the language) when it can be fetched — from the server, or offline from the
service worker's cache; without it the English navigation is hidden and a link home is shown.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urlsplit

from handbook.core.project import SOURCE_LANGUAGE, read_languages, text_direction
from handbook.core.ui import t


class ReaderLanguage:
    """Plugin feature: `handbook_ui(key)` and `handbook_not_found()` for the theme overrides."""

    def on_env(self, env, *, config, **kwargs):
        from handbook.site.features import site_language

        lang = site_language(config)
        env.globals["handbook_ui"] = lambda key, **values: t(key, lang, **values)
        env.globals["handbook_not_found"] = lambda: (
            not_found_table(config) if lang == SOURCE_LANGUAGE else None
        )
        return env


def not_found_table(config) -> dict:
    """What handbook-404.js needs: the site's base path and, per other language, its texts."""
    base = urlsplit(config.site_url or "/").path or "/"
    if not base.endswith("/"):
        base += "/"
    languages = {}
    for language in read_languages(Path(config.config_file_path)):
        if language.code == SOURCE_LANGUAGE:
            continue
        languages[language.code] = {
            "dir": language.dir,
            "heading": t("notfound.heading", language.code),
            "home": t("notfound.home", language.code),
            "home_url": f"{base}{language.code}/",
            "page": f"{base}{language.code}/404.html",
        }
    return {"base": base, "languages": languages}


_REDIRECT_TITLE = "<title>Redirecting...</title>"
_REDIRECT_BODY = re.compile(r"You're being redirected to a <a href=\"([^\"]*)\">new destination</a>\.")


def redirect_in_language(path: Path, lang: str) -> None:
    """mkdocs-redirects' page at `path` in `lang` (language, direction, title, text); English and
    a page of another shape are left as they are."""
    if lang == SOURCE_LANGUAGE or not path.is_file():
        return
    page = path.read_text(encoding="utf-8")
    body = _REDIRECT_BODY.search(page)
    if _REDIRECT_TITLE not in page or body is None or '<html lang="en">' not in page:
        return
    link = f'<a href="{body.group(1)}">{html.escape(t("redirect.link", lang))}</a>'
    text = html.escape(t("redirect.text", lang, link="\0")).replace("\0", link)
    page = page[: body.start()] + text + page[body.end() :]
    page = page.replace('<html lang="en">', f'<html lang="{lang}" dir="{text_direction(lang)}">', 1)
    page = page.replace(_REDIRECT_TITLE, f"<title>{html.escape(t('redirect.title', lang))}</title>", 1)
    path.write_text(page, encoding="utf-8")
