"""What `handbook build` checks before it publishes: the tree is synced, no page carries live markup
that the theme did not put there, and a killed build's leftovers are gone.

- `stale_pages`: what `handbook sync --check` would change (the build refuses them, naming the
  pages, unless `--allow-stale`; `handbook serve` only warns).
- `unsafe_markup` (`scan_html` for a part of the site): every built HTML page is read with
  `html.parser`; an event-handler attribute (`on...`), a `javascript:`, `vbscript:` or `data:` URL
  in a link or source attribute, a script from another host, or an inline script that the page's
  Content-Security-Policy does not allow by hash (the theme's own, `handbook.site.csp`) refuses
  the build. mkdocs-redirects' stub pages carry one known inline script (the redirect), matched
  exactly, and the search form's `action="javascript:void(0)"` (overrides/partials/search.html)
  is the theme's.
- `remove_leftovers`: `.site-build-*` folders of a build that was killed (removed under the lock).
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from collections.abc import Collection, Iterable
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

from handbook.core.project import Project

LEFTOVER_GLOB = ".site-build-*"
_URL_ATTRIBUTES = {
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "xlink:href",
    "data",
    "background",
    "srcset",
}
_BAD_SCHEMES = ("javascript:", "vbscript:", "data:")
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
# mkdocs-redirects' stub page script (HTML_TEMPLATE in mkdocs_redirects/plugin.py), URL aside.
_REDIRECT_SCRIPT = re.compile(
    r'var anchor=window\.location\.hash\.substr\(1\);location\.href="[^"<>\\]*"\+\(anchor\?"#"\+anchor:""\)'
)
# URLs of this kind that the theme itself writes (overrides/partials/search.html's search form).
_THEME_URLS = {("form", "action", "javascript:void(0)")}
_CSP_HASH = re.compile(r"'sha256-([A-Za-z0-9+/=]+)'")


def remove_leftovers(root: Path) -> list[str]:
    """Delete the part folders of builds that were killed (call under the project lock)."""
    removed = []
    for folder in sorted(Path(root).glob(LEFTOVER_GLOB)):
        if folder.is_dir():
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder.name)
    return removed


def stale_pages(project: Project) -> list[str]:
    """Files `handbook sync --check` would write or remove (the caller holds the project lock)."""
    from handbook.translate.engines import NoneEngine
    from handbook.translate.sync import sync

    report = sync(project, engine=NoneEngine(), check=True, take_lock=False)
    return sorted(report.written + report.removed)


def script_hash(text: str) -> str:
    """The CSP source expression hash of an inline script's text."""
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


class _PageScan(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.allowed: set[str] = set()
        self.inline: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        values = dict(attrs)
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy":
            self.allowed |= set(_CSP_HASH.findall(values.get("content") or ""))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"event-handler attribute {name}= on <{tag}>")
            elif name in _URL_ATTRIBUTES and value:
                cleaned = re.sub(r"[\x00-\x20]", "", value).lower()
                if cleaned.startswith(_BAD_SCHEMES) and (tag, name, cleaned) not in _THEME_URLS:
                    self.found.append(f"{cleaned.split(':')[0]}: URL in {name}= of <{tag}>")
        if tag == "script":
            source = values.get("src")
            if source is not None:
                if re.match(r"^([a-z][a-z0-9+.-]*:|//)", source.strip().lower()):
                    self.found.append(f"script from another host: {source[:80]}")
            elif (values.get("type") or "").lower() in _SCRIPT_TYPES:
                self._script = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.inline.append("".join(self._script))
            self._script = None


def page_problems(site: Path, path: Path) -> list[str]:
    """`PAGE: what` for each live markup the theme did not put on one built file of `site`."""
    scan = _PageScan()
    scan.feed(path.read_text(encoding="utf-8", errors="strict"))
    scan.close()
    where = path.relative_to(site).as_posix()
    problems = [f"{where}: {what}" for what in scan.found]
    for text in scan.inline:
        if script_hash(text) not in scan.allowed and not _REDIRECT_SCRIPT.fullmatch(text.strip()):
            problems.append(f"{where}: an inline script the theme does not put there: {text.strip()[:60]!r}")
    return problems


def scan_html(site: Path, under: Path | None = None, skip: Collection[str] = ()) -> dict[str, list[str]]:
    """Each `.html` file below `under` (default: all of `site`) and not in `skip` (site-relative
    paths), by its site-relative path: its problems (`page_problems`), an empty list for none.

    `handbook build` scans each language's pages in that language's worker process, as soon as
    they are built (both cores at work), and then only the files the assembly added."""
    site = Path(site)
    found: dict[str, list[str]] = {}
    for path in sorted(Path(under or site).rglob("*.html")):
        where = path.relative_to(site).as_posix()
        if where not in skip:
            found[where] = page_problems(site, path)
    return found


def unsafe_markup(
    site: Path, *, scanned: Iterable[dict[str, list[str]]] = (), rescan: str | None = None
) -> list[str]:
    """`PAGE: what` for every live markup the theme did not put on a built page, in path order.

    `scanned`: `scan_html` results for parts of `site` made already (`handbook build`'s language
    workers); those files are not read again, except the ones below the folder `rescan` (written
    since: the offline pages)."""
    merged: dict[str, list[str]] = {}
    for scan in scanned:
        merged.update(scan)
    if rescan is not None:
        merged = {where: found for where, found in merged.items() if not where.startswith(rescan + "/")}
    merged.update(scan_html(site, skip=set(merged)))
    return [problem for where in sorted(merged, key=PurePosixPath) for problem in merged[where]]
