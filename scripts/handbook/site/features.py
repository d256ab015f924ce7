"""Small site features of the foundation: text direction of English fallback pages."""

from __future__ import annotations

from pathlib import Path

from handbook.core.errors import HandbookError
from handbook.core.project import SOURCE_LANGUAGE, read_languages, text_direction
from handbook.core.ui import load_language_strings


class LanguageStrings:
    """Loads the interface strings of languages added in mkdocs.yml (`translations/<lang>/ui.yml`).

    A language listed without them fails the build with the file and the keys to add.
    """

    def on_config(self, config, **kwargs):
        from mkdocs.exceptions import PluginError

        config_file = Path(config.config_file_path)
        try:
            codes = [lang.code for lang in read_languages(config_file)]
            load_language_strings(config_file.parent / "translations", codes)
        except HandbookError as error:
            raise PluginError(error.format_message()) from None
        return config


class FallbackDirection:
    """Tells the template when a page's content is English shown inside another language's site.

    static-i18n puts `i18n_page_locale` (the site language being built) and `i18n_file_locale`
    (the language of the file rendered) into the context; `overrides/main.html` wraps the content
    of a fallback page in `lang`/`dir` of the file's language so English reads left-to-right on the
    Hebrew and Arabic sites.
    """

    def on_page_context(self, context, **kwargs):
        file_locale = context.get("i18n_file_locale")
        page_locale = context.get("i18n_page_locale")
        if file_locale and page_locale and file_locale != page_locale:
            context["handbook_fallback"] = {"lang": file_locale, "dir": text_direction(file_locale)}
        else:
            context["handbook_fallback"] = None
        return context


def site_language(config) -> str:
    """The language code of the build in progress (static-i18n sets the theme language per build)."""
    return (config.theme.get("language") or SOURCE_LANGUAGE).split("-")[0]


def with_direction(output: str, code: str) -> str:
    """`output` with `dir` added to Material's `<html lang="...">` opening tag."""
    opening = f'<html lang="{code}" class="no-js">'
    return output.replace(opening, f'<html lang="{code}" dir="{text_direction(code)}" class="no-js">', 1)


class HtmlDirection:
    """Puts `dir` on the `<html>` element too (Material sets it only on `<body>`).

    Screen readers, the browser's own UI and accessibility checkers read the document direction from
    the root element.
    """

    def on_post_page(self, output: str, *, page, config, **kwargs) -> str:
        return with_direction(output, site_language(config))


class NotFoundPages:
    """A "page not found" page per language, and the English one at the site root.

    static-i18n renders Material's 404.html once per language into the same root file, so the
    last language built would win. Each language's page goes to `<lang>/404.html` instead (any
    web server can map a folder's missing pages to it; `handbook serve` does), and the root keeps
    the default language's page.
    """

    def __init__(self) -> None:
        self.default_page: str | None = None

    def on_post_template(self, output: str, *, template_name: str, config, **kwargs) -> str:
        if template_name != "404.html":
            return output
        code = site_language(config)
        output = with_direction(output, code)
        if code == SOURCE_LANGUAGE:
            self.default_page = output
            return output
        target = Path(config.site_dir) / code / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output, encoding="utf-8")
        return self.default_page if self.default_page is not None else output
