"""Translation notices on generated pages (mkdocs feature `TranslationNotice`).

A generated page in `docs/<lang>/` carries `translation:` counts in its front matter (written by
`handbook sync`). When any segment is machine-translated, stale or missing, the page starts with
a notice in the reader's language (strings in `handbook.core.ui`, keys `translation.*`) saying how
much is not reviewed, with a link to the English page. The blocks themselves are marked by sync
with the classes `hb-machine`, `hb-stale` and `hb-missing` (styled in
`overrides/assets/handbook.css`); English fallback blocks also get `lang="en" dir="ltr"`.
A fully reviewed page shows nothing.
"""

from __future__ import annotations

from html import escape

from mkdocs.utils import get_relative_url

from handbook.core.project import SOURCE_LANGUAGE
from handbook.core.ui import t

STATES = ("machine", "stale", "missing")


def notice_html(counts: dict, lang: str, english_url: str) -> str:
    """The notice for a page with `counts` (segments, reviewed, machine, stale, missing), or ""."""
    total = int(counts.get("segments", 0))
    unreviewed = sum(int(counts.get(state, 0)) for state in STATES)
    if lang == SOURCE_LANGUAGE or total == 0 or unreviewed == 0:
        return ""
    parts = [
        f'<li class="hb-notice-{state}">{escape(t(f"translation.{state}", lang, count=counts.get(state, 0)))}</li>'
        for state in STATES
        if int(counts.get(state, 0))
    ]
    return (
        f'<div class="admonition hb-translation-notice" role="note" data-pagefind-ignore>\n'
        f'<p class="admonition-title">{escape(t("translation.notice_title", lang))}</p>\n'
        f"<p>{escape(t('translation.notice_summary', lang, unreviewed=unreviewed, total=total))}</p>\n"
        f"<ul>{''.join(parts)}</ul>\n"
        f"<p>{escape(t('translation.marked', lang))} "
        f'<a class="hb-english-original" href="{escape(english_url)}" hreflang="en">'
        f"{escape(t('translation.english_link', lang))}</a></p>\n"
        f"</div>\n"
    )


class TranslationNotice:
    """Puts the translation notice at the top of generated pages that are not fully reviewed."""

    def on_page_content(self, html_text: str, *, page, config, **kwargs) -> str:
        counts = (page.meta or {}).get("translation")
        lang = (config.theme.get("language") or SOURCE_LANGUAGE).split("-")[0]
        if not isinstance(counts, dict) or counts.get("lang") != lang or lang == SOURCE_LANGUAGE:
            return html_text
        prefix = f"{lang}/"
        url = page.url or ""
        english_url = url[len(prefix) :] if url.startswith(prefix) else url
        relative = get_relative_url(english_url or ".", url or ".")
        if english_url.endswith("/") and not relative.endswith("/"):
            relative += "/"
        return notice_html(counts, lang, relative) + html_text
