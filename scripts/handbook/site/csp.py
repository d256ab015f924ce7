"""A Content-Security-Policy meta tag, first in every page's `<head>`: the backstop behind sync's
refusals and the build's scan (`handbook.site.guard`).

The policy allows the site's own files, the theme's inline scripts by their SHA-256 hash (those
outside the article: Material's `__md_scope` setup and the like, computed per page because they
hold the page's relative base URL), Pagefind's WebAssembly (`'wasm-unsafe-eval'`) and workers
(`blob:` too), inline styles (Material sets `style=` attributes), `data:` images (the theme's CSS
icons), and nothing else: no inline event handler, no script of the article, no other host.

Under `mkdocs serve` (only) inline scripts are allowed, since its live reload injects one into
every page it serves; published builds never allow them.
"""

from __future__ import annotations

import re
from pathlib import Path

from handbook.site.guard import script_hash

_INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
_SCRIPT_TYPES = {"", "text/javascript", "application/javascript", "module"}
POLICY = (
    "default-src 'self'; script-src 'self' {scripts} 'wasm-unsafe-eval'; worker-src 'self' blob:; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)


def policy_for(html: str, *, skip: tuple[int, int] = (0, 0), serving: bool = False) -> str:
    """The policy for a page: its inline scripts outside `skip` (the article's span) by hash."""
    if serving:
        return POLICY.format(scripts="'unsafe-inline'")
    hashes: list[str] = []
    for match in _INLINE_SCRIPT.finditer(html):
        attrs, text = match.group(1), match.group(2)
        if re.search(r"\bsrc\s*=", attrs, re.I) or skip[0] <= match.start() < skip[1]:
            continue
        kind = _TYPE.search(attrs)
        if (kind.group(1).lower() if kind else "") not in _SCRIPT_TYPES:
            continue  # JSON data blocks are not run, and CSP does not apply to them
        source = f"'sha256-{script_hash(text)}'"
        if source not in hashes:
            hashes.append(source)
    return POLICY.format(scripts=" ".join(hashes))


def with_policy(html: str, policy: str) -> str:
    """`html` with the policy's meta tag as the first element of `<head>`."""
    head = re.search(r"<head\b[^>]*>", html, re.I)
    if head is None:
        return html
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    return html[: head.end()] + tag + html[head.end() :]


class ContentSecurityPolicy:
    """Plugin feature: the meta tag on every page and on the static templates (404)."""

    def __init__(self) -> None:
        self.serving = False

    def on_startup(self, *, command: str, dirty: bool = False) -> None:
        self.serving = command == "serve"

    def on_post_page(self, output: str, *, page, config, **kwargs) -> str:
        content = getattr(page, "content", None) or ""
        start = output.find(content) if content else -1
        skip = (start, start + len(content)) if start >= 0 else (0, 0)
        return with_policy(output, policy_for(output, skip=skip, serving=self.serving))

    def on_post_template(self, output_content: str, *, template_name: str, config, **kwargs) -> str:
        if not template_name.endswith(".html"):
            return output_content
        return with_policy(output_content, policy_for(output_content, serving=self.serving))

    def on_post_build(self, *, config, **kwargs) -> None:
        # Pages other features write themselves (each language's 404.html, see NotFoundPages).
        for path in Path(config.site_dir).rglob("404.html"):
            html = path.read_text(encoding="utf-8")
            if "Content-Security-Policy" not in html:
                path.write_text(with_policy(html, policy_for(html, serving=self.serving)), encoding="utf-8")
