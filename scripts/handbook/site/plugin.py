"""The `handbook` mkdocs plugin: one entry point that hands each build event to the site features."""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import BasePlugin

from handbook.site.csp import ContentSecurityPolicy
from handbook.site.features import FallbackDirection, HtmlDirection, LanguageStrings, NotFoundPages
from handbook.site.journey import Journey
from handbook.site.link_features import (
    CopyLinkButtons,
    HreflangAlternates,
    LanguageRedirects,
    LanguageSitemaps,
    LastChanged,
)
from handbook.site.nav_cache import NavigationCache
from handbook.site.neutral_links import NeutralLinks
from handbook.site.notices import TranslationNotice
from handbook.site.offline import OfflineStrings
from handbook.site.public_url import PublicSiteUrl
from handbook.site.search import SearchBox
from handbook.site.source_notes import SourceNotes
from handbook.site.print_pack import PackLink
from handbook.site.bidi import RightToLeftIsolation
from handbook.site.reader_language import ReaderLanguage

# Each feature is a plain object with any of the mkdocs event methods below.
# --- features (one line per feature class) ---
FEATURES: list[type] = [
    LanguageStrings,  # publishing: interface strings of languages added in mkdocs.yml
    PublicSiteUrl,  # publishing: HANDBOOK_SITE_URL overrides site_url (handbook.site.public_url)
    FallbackDirection,
    HtmlDirection,
    ReaderLanguage,  # rtl: handbook_ui() for the theme overrides, the 404 language table (handbook.site.reader_language)
    RightToLeftIsolation,  # rtl: Latin runs isolated on he/ar pages, before 404s are written (handbook.site.bidi)
    NotFoundPages,
    LastChanged,  # links: last-changed dates (handbook.site.link_features)
    CopyLinkButtons,
    Journey,  # journey: paths, start here, trust badges, report link (handbook.site.journey)
    HreflangAlternates,
    LanguageSitemaps,
    LanguageRedirects,
    NeutralLinks,  # publishing: /go/<id>/ language-neutral addresses (handbook.site.neutral_links)
    OfflineStrings,  # offline: the offline script's strings (handbook.site.offline)
    SearchBox,  # search: the header search box's language and labels (handbook.site.search)
    SourceNotes,  # source references as source notes (handbook.site.source_notes)
    TranslationNotice,  # translation notices and block marks (handbook.site.notices)
    PackLink,  # print: path pages link their printable pack with build --print (handbook.site.print_pack)
    NavigationCache,  # build speed: navigation HTML reused between pages (handbook.site.nav_cache)
    ContentSecurityPolicy,  # last: the CSP meta tag first in <head> (handbook.site.csp)
]


class HandbookPlugin(BasePlugin):
    """Dispatches mkdocs events to every feature in FEATURES, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.features = [feature() for feature in FEATURES]

    def _dispatch(self, event: str, value: Any, **kwargs: Any) -> Any:
        for feature in self.features:
            handler = getattr(feature, event, None)
            if handler is not None:
                result = handler(value, **kwargs)
                if result is not None:
                    value = result
        return value

    def on_startup(self, *, command, dirty):
        for feature in self.features:
            handler = getattr(feature, "on_startup", None)
            if handler is not None:
                handler(command=command, dirty=dirty)

    def on_config(self, config, **kwargs):
        return self._dispatch("on_config", config, **kwargs)

    def on_files(self, files, **kwargs):
        return self._dispatch("on_files", files, **kwargs)

    def on_nav(self, nav, **kwargs):
        return self._dispatch("on_nav", nav, **kwargs)

    def on_env(self, env, **kwargs):
        return self._dispatch("on_env", env, **kwargs)

    def on_page_markdown(self, markdown, **kwargs):
        return self._dispatch("on_page_markdown", markdown, **kwargs)

    def on_page_content(self, html, **kwargs):
        return self._dispatch("on_page_content", html, **kwargs)

    def on_page_context(self, context, **kwargs):
        return self._dispatch("on_page_context", context, **kwargs)

    def on_post_page(self, output, **kwargs):
        return self._dispatch("on_post_page", output, **kwargs)

    def on_post_template(self, output_content, **kwargs):
        return self._dispatch("on_post_template", output_content, **kwargs)

    def on_post_build(self, **kwargs):
        for feature in self.features:
            handler = getattr(feature, "on_post_build", None)
            if handler is not None:
                handler(**kwargs)
