"""The site's public base URL: `site_url` in mkdocs.yml, overridden by `HANDBOOK_SITE_URL`.

`handbook build --site-url URL` sets that variable for the build. Canonical links, hreflang
alternates, sitemaps, copy-link buttons and `handbook links` all take the base from here, so one
setting moves every published address.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from urllib.parse import urlsplit

from handbook.core.errors import HandbookError

ENV_VAR = "HANDBOOK_SITE_URL"
SET_IT = "set site_url: https://<host>/<path>/ in mkdocs.yml, or HANDBOOK_SITE_URL, or pass --site-url"


def checked_url(value: object, *, source: str, path: Path | None = None) -> str:
    """`value` as an absolute http(s) URL ending in `/`, or an error naming `source` (where it was set)."""
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise HandbookError(
            f"{source} must be an absolute http(s) URL such as https://handbook.example.org/, "
            f"found {value!r}",
            path=path,
            fix=SET_IT,
        )
    if parts.query or parts.fragment:
        raise HandbookError(
            f"{source} must be a base address without '?' or '#', found {value!r}", path=path, fix=SET_IT
        )
    return value if value.endswith("/") else value + "/"


def override() -> str | None:
    """The base URL from HANDBOOK_SITE_URL, when set (checked)."""
    value = os.environ.get(ENV_VAR, "").strip()
    return checked_url(value, source=ENV_VAR) if value else None


def public_url(configured: object, *, config_file: Path | None = None) -> str:
    """The base URL the site is published at: HANDBOOK_SITE_URL, else `configured` (site_url)."""
    return override() or checked_url(configured, source="site_url", path=config_file)


def is_loopback(url: str) -> bool:
    """True for http://127.0.0.1…, http://localhost…, http://[::1]…: addresses only this machine reaches."""
    host = urlsplit(url).hostname or ""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def base_path(url: str) -> str:
    """The path part of a base URL, `/` or `/handbook/`."""
    path = urlsplit(url).path or "/"
    return path if path.endswith("/") else path + "/"


class PublicSiteUrl:
    """Applies HANDBOOK_SITE_URL to the mkdocs config before anything reads `site_url`.

    The handbook plugin's `on_config` runs before static-i18n's (which has priority -100 and builds
    the language switcher's links from the path of site_url), and pages take their canonical URL
    from the config when they are created, after on_config.
    """

    def on_config(self, config, **kwargs):
        from mkdocs.exceptions import PluginError

        try:
            value = override()
        except HandbookError as error:
            raise PluginError(error.format_message()) from None
        if value:
            config.site_url = value
        return config
