"""`handbook serve`: serve the built site on loopback, as any static web server would."""

from __future__ import annotations

import functools
import http.server
from pathlib import Path

from handbook.core.errors import HandbookError


class _SiteHandler(http.server.SimpleHTTPRequestHandler):
    base_path = "/"

    def translate_path(self, path):
        # A site published under a path (site_url https://host/handbook/) is also served under it, so
        # pages that use that path (the "not found" pages) work locally too.
        if self.base_path != "/" and path.startswith(self.base_path):
            path = "/" + path[len(self.base_path) :]
        return super().translate_path(path)

    def send_error(self, code, message=None, explain=None):
        # A missing page under /<lang>/ gets that language's "not found" page.
        path = self.path
        if self.base_path != "/" and path.startswith(self.base_path):
            path = "/" + path[len(self.base_path) :]
        first = path.lstrip("/").split("/", 1)[0]
        not_found = Path(self.directory) / first / "404.html"
        if not first or not not_found.is_file():
            not_found = Path(self.directory) / "404.html"
        if code == 404 and not_found.is_file():
            body = not_found.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def log_message(self, format, *args):  # noqa: A002 - http.server's signature
        if self.server.verbose:  # type: ignore[attr-defined]
            super().log_message(format, *args)


def make_server(
    site_dir: Path, host: str = "127.0.0.1", port: int = 8000, verbose: bool = True, base_path: str = "/"
):
    """A threading HTTP server for `site_dir` at `/` (and at `base_path` too); port 0 picks a free port."""
    if not (site_dir / "index.html").is_file():
        raise HandbookError(
            "no built site to serve (index.html is missing)",
            path=site_dir,
            fix="run `handbook build` first",
        )
    handler_class = type("SiteHandler", (_SiteHandler,), {"base_path": base_path})
    handler = functools.partial(handler_class, directory=str(site_dir))
    try:
        server = http.server.ThreadingHTTPServer((host, port), handler)
    except OSError as exc:
        raise HandbookError(
            f"cannot listen on {host}:{port}: {exc.strerror}",
            fix="stop whatever uses that port, or pass --port",
        ) from None
    server.verbose = verbose  # type: ignore[attr-defined]
    return server
