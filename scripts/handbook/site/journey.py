"""The new hire's journey on the site (issue 23): onboarding path pages with honest reading times,
the path bar's data, "Start here" on the home page, trust badges on case pages, and each page's
owner and "Something wrong or out of date? Tell us" link.

Settings, once in mkdocs.yml (`extra: handbook:`): `owner` (a name, or a mapping of language code
to name) and `report` (where a report goes: a `mailto:` address or an issue tracker's new-issue
URL, with `{subject}`, `{body}`, `{url}`, `{lang}` and `{title}` filled in URL-encoded). The link
is a plain link: nothing is sent to any host until the reader follows it and sends.

The path bar itself is drawn by `handbook-paths.js` from a JSON block this feature puts in every
page (`<script type="application/json" id="hb-paths">`: data, never run, so the CSP needs no hash).
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from pathlib import Path
from urllib.parse import quote

from babel import Locale

from handbook.core.project import SOURCE_LANGUAGE, text_direction
from handbook.core.ui import t
from handbook.site.features import site_language
from handbook.site.links import nav_sources, page_path
from handbook.site.paths import OnboardingPath, PathTimes, find_paths, path_times

PATH_SCRIPT = "assets/javascripts/handbook-paths.js"
STEP_PARAMS = ("hb-path", "hb-step")  # also in handbook-paths.js
TRUST_LEVELS = ("high", "medium", "low")
DEFAULT_REPORT = "mailto:service-handbook@example.org?subject={subject}&body={body}"


def minutes_text(minutes: int, lang: str) -> str:
    """`minutes` as the reader's language writes a duration ("3 минуты", "دقيقتان", "15 นาที")."""
    try:
        category = Locale.parse(lang).plural_form(minutes)
    except (ValueError, TypeError):
        category = "other"
    key = f"journey.minutes.{category if category in ('one', 'two', 'few', 'many') else 'other'}"
    return t(key, lang, n=minutes)


def _relative(from_url: str, to_url: str) -> str:
    """A link from the page at site path `from_url` (directory URLs) to site path `to_url`."""
    base = from_url if from_url.endswith("/") or not from_url else posixpath.dirname(from_url) + "/"
    relative = posixpath.relpath("/" + to_url, "/" + base)
    if to_url.endswith("/") or not to_url:
        relative = relative.rstrip("/") + "/" if relative != "." else "./"
    return relative


def _page_source(page) -> str | None:
    file = getattr(page, "file", None)
    return getattr(file, "norm_src_uri", None) or (file.src_uri if file is not None else None)


def _setting(config, name: str):
    return ((config.extra or {}).get("handbook") or {}).get(name)


def owner_name(config, lang: str) -> str | None:
    owner = _setting(config, "owner")
    if isinstance(owner, dict):
        return owner.get(lang) or owner.get(SOURCE_LANGUAGE)
    return str(owner) if owner else None


def report_link(template: str, *, url: str, lang: str, title: str) -> str:
    """The report target with the page's address, language and title filled in (URL-encoded)."""
    subject = t("journey.report_subject", lang, title=title)
    body = t("journey.report_body", lang, url=url, language=lang, title=title)
    values = {"subject": subject, "body": body, "url": url, "lang": lang, "title": title}
    return re.sub(
        r"\{(subject|body|url|lang|title)\}", lambda m: quote(values[m.group(1)], safe=""), template
    )


_OL = re.compile(r"<ol>(.*?)</ol>", re.S)
_LI = re.compile(r"<li>(.*?)</li>", re.S)
_FIRST_HREF = re.compile(r'<a href="([^"#]*)(#[^"]*)?"')
_H1_END = re.compile(r"</h1>")


class Journey:
    """Plugin feature: paths, start here, trust badges, owner and report link (see the module)."""

    def __init__(self) -> None:
        self.paths: list[OnboardingPath] = []
        self.times: dict[str, PathTimes] = {}
        self.lang = SOURCE_LANGUAGE
        self.docs_dir: Path | None = None

    def on_files(self, files, *, config, **kwargs):
        self.lang = site_language(config)
        root = Path(config.config_file_path).resolve().parent
        self.docs_dir = root / "docs"
        order = nav_sources(config.nav or [])
        self.paths = find_paths(self.docs_dir, self.lang, order)
        self.times = {path.id: path_times(self.docs_dir, path, self.lang) for path in self.paths}
        return files

    def on_page_context(self, context, *, page, config, **kwargs):
        # The switcher (overrides/partials/alternate.html) gives each language its direction.
        context["handbook_directions"] = {
            str(alternate.get("lang", "")): text_direction(str(alternate.get("lang", "")).split("-")[0])
            for alternate in (config.extra or {}).get("alternate") or []
        }
        return context

    # --- data for the path bar (every page) ---

    def _data(self, page) -> dict:
        here = page.url or ""
        lang_root = page_path("index.md", self.lang)
        paths = []
        for path in self.paths:
            times = self.times[path.id]
            paths.append(
                {
                    "id": path.id,
                    "title": path.title,
                    "url": _relative(here, page_path(path.source, self.lang)),
                    "steps": [
                        {
                            "url": _relative(here, page_path(step.target, self.lang))
                            + (f"#{step.anchor}" if step.anchor else ""),
                            "page": page_path(step.target, self.lang)[len(lang_root) :],
                            "title": step.title,
                            "time": minutes_text(times.steps[step.number].minutes, self.lang)
                            if step.number in times.steps
                            else "",
                        }
                        for step in path.steps
                    ],
                }
            )
        strings = {
            key: t(f"journey.{key}", self.lang, **fields)
            for key, fields in (
                ("bar_label", {}),
                ("bar_position", {"current": "{current}", "total": "{total}"}),
                ("bar_next", {"title": "{title}"}),
                ("bar_back", {}),
            )
        }
        return {
            "lang": self.lang,
            "page": page_path(_page_source(page) or "", self.lang)[len(lang_root) :],
            "root": _relative(here, lang_root),
            "strings": strings,
            "paths": paths,
        }

    def on_post_page(self, output: str, *, page, config, **kwargs) -> str:
        if not self.paths:
            return output
        data = json.dumps(self._data(page), ensure_ascii=False, sort_keys=True)
        data = data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        block = f'<script type="application/json" id="hb-paths">{data}</script>\n'
        end = output.rfind("</body>")
        return output if end < 0 else output[:end] + block + output[end:]

    # --- the page's own content ---

    def on_page_content(self, html_text: str, *, page, config, **kwargs) -> str:
        meta = page.meta or {}
        kind = meta.get("kind")
        if kind == "path":
            html_text = self._path_page(html_text, meta.get("id"))
        if meta.get("id") == "home":
            html_text = self._start_here(html_text, page)
        if kind == "case":
            html_text = self._trust_badge(html_text, meta.get("trust"))
        return self._page_footer(html_text, page, config)

    def _time(self, minutes: int, css: str, key: str = "journey.step_time") -> str:
        text = minutes_text(minutes, self.lang)
        label = t(key, self.lang, time=text)
        return f'<span class="{css}" title="{html.escape(label)}" data-pagefind-ignore>{html.escape(text)}</span>'

    def _path_page(self, html_text: str, path_id) -> str:
        path = next((p for p in self.paths if p.id == path_id), None)
        if path is None:
            return html_text
        times = self.times[path.id]
        steps = iter(path.steps)

        def mark_item(match: re.Match[str]) -> str:
            step = next(steps, None)
            inner = match.group(1)
            if step is None:
                return match.group(0)
            found = _FIRST_HREF.search(inner)
            if found is not None:
                query = f"?{STEP_PARAMS[0]}={quote(path.id)}&amp;{STEP_PARAMS[1]}={step.number}"
                inner = inner[: found.end(1)] + query + inner[found.end(1) :]
            timing = times.steps.get(step.number)
            if timing is not None:
                inner += " " + self._time(timing.minutes, "hb-step-time")
            return f'<li data-hb-step="{step.number}">{inner}</li>'

        html_text = _OL.sub(lambda m: "<ol>" + _LI.sub(mark_item, m.group(1)) + "</ol>", html_text)
        for part in path.parts:
            heading = re.search(rf'<h2 id="{re.escape(part.anchor)}"[^>]*>.*?</h2>', html_text, re.S)
            if heading is None:
                continue
            badge = self._time(times.part_minutes(part), "hb-part-time")
            html_text = (
                html_text[: heading.end()]
                + f'\n<p class="hb-part-time-line">{badge}</p>'
                + html_text[heading.end() :]
            )
        total = minutes_text(times.total_minutes, self.lang)
        summary = (
            t("journey.path_time", self.lang, time=total, minutes=minutes_text(path.break_minutes, self.lang))
            if path.break_minutes
            else t("journey.step_time", self.lang, time=total)
        )
        line = f'<p class="hb-path-time" data-pagefind-ignore>{html.escape(summary)}</p>'
        end = _H1_END.search(html_text)
        return html_text[: end.end()] + "\n" + line + html_text[end.end() :] if end else line + html_text

    def _start_here(self, html_text: str, page) -> str:
        if not self.paths:
            return html_text
        first = self.paths[0]
        href = _relative(page.url or "", page_path(first.source, self.lang))
        link = f'<a href="{html.escape(href)}"><strong>{html.escape(first.title)}</strong></a>'
        text = html.escape(t("journey.start_here", self.lang, path="\x00")).replace("\x00", link)
        block = f'<p class="hb-start-here" data-pagefind-ignore>{text}</p>'
        end = _H1_END.search(html_text)
        return html_text[: end.end()] + "\n" + block + html_text[end.end() :] if end else block + html_text

    def _trust_badge(self, html_text: str, level) -> str:
        if level not in TRUST_LEVELS:
            return html_text
        label = t("journey.trust", self.lang, level=t(f"journey.trust.{level}", self.lang))
        caveat = t("journey.trust_machine", self.lang)
        block = (
            f'<p class="hb-trust" data-pagefind-ignore><a class="hb-trust__badge hb-trust--{level}" '
            f'href="#source">{html.escape(label)}</a> <span class="hb-trust__caveat">'
            f"{html.escape(caveat)}</span></p>"
        )
        end = _H1_END.search(html_text)
        return html_text[: end.end()] + "\n" + block + html_text[end.end() :] if end else block + html_text

    def _page_footer(self, html_text: str, page, config) -> str:
        lang = self.lang
        title = str((page.meta or {}).get("title") or page.title or "")
        url = page.canonical_url or (config.site_url or "") + (page.url or "")
        template = _setting(config, "report") or DEFAULT_REPORT
        href = report_link(str(template), url=url, lang=lang, title=title)
        parts = [
            f'<a class="hb-report" href="{html.escape(href)}" rel="nofollow">'
            f"{html.escape(t('journey.report', lang))}</a>"
        ]
        owner = owner_name(config, lang)
        if owner:
            parts.append(
                f'<span class="hb-owner">{html.escape(t("journey.owner", lang, owner=owner))}</span>'
            )
        return (
            f'{html_text}\n<p class="hb-page-footer" lang="{lang}" dir="{text_direction(lang)}" '
            f"data-pagefind-ignore>{' '.join(parts)}</p>"
        )
