"""The public base URL: one setting (site_url, HANDBOOK_SITE_URL, --site-url) behind every absolute URL."""

from __future__ import annotations

import json
import os
import re
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import PUBLIC_SITE_URL

from handbook.cli.main import main
from handbook.core.errors import HandbookError
from handbook.core.project import LANGUAGES, Project
from handbook.site.public_url import checked_url, is_loopback, public_url
from handbook.site.serve import make_server

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ABSOLUTE = re.compile(r'(?:href|content|data-hb-url)="(https?://[^"]+)"')


def test_checked_url_adds_the_slash_and_refuses_what_is_not_a_base() -> None:
    assert checked_url("https://docs.example.org/handbook", source="site_url") == (
        "https://docs.example.org/handbook/"
    )
    for bad in ("handbook.example.org", "ftp://x.org/", "https:///path/", "https://x.org/?a=1", None):
        with pytest.raises(HandbookError) as caught:
            checked_url(bad, source="--site-url")
        assert caught.value.detail.startswith("--site-url must be ")
        assert "--site-url" in caught.value.fix


def test_loopback_addresses() -> None:
    for url in ("http://127.0.0.1:8000/", "http://localhost:8000/", "http://[::1]/", "http://127.1.2.3/"):
        assert is_loopback(url), url
    for url in ("https://handbook.example.org/", "http://10.0.0.5/", "http://intranet/"):
        assert not is_loopback(url), url


def test_environment_overrides_site_url(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HANDBOOK_SITE_URL", raising=False)
    assert public_url("http://127.0.0.1:8000/") == "http://127.0.0.1:8000/"
    monkeypatch.setenv("HANDBOOK_SITE_URL", "https://intranet.example.com/service")
    assert public_url("http://127.0.0.1:8000/") == "https://intranet.example.com/service/"
    monkeypatch.setenv("HANDBOOK_SITE_URL", "intranet")
    with pytest.raises(HandbookError, match="HANDBOOK_SITE_URL must be an absolute http"):
        public_url("http://127.0.0.1:8000/")


# --- handbook links ---


def test_links_warn_on_stderr_when_the_base_is_loopback(project_copy: Project, monkeypatch) -> None:
    monkeypatch.delenv("HANDBOOK_SITE_URL", raising=False)
    result = CliRunner().invoke(main, ["links", "--lang", "he", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("warning: these links use http://127.0.0.1:8000/, an address only")
    assert "set site_url in mkdocs.yml (or HANDBOOK_SITE_URL)" in result.stderr
    json.loads(result.stdout)  # the warning stays out of the export


def test_links_use_the_public_url_everywhere(project_copy: Project, monkeypatch) -> None:
    monkeypatch.setenv("HANDBOOK_SITE_URL", "https://intranet.example.com/service/")
    runner = CliRunner()
    for output_format in ("md", "csv", "json"):
        result = runner.invoke(main, ["links", "--format", output_format])
        assert result.exit_code == 0, result.output
        assert result.stderr == ""  # not a loopback base: no warning
        assert "127.0.0.1" not in result.stdout
        urls = re.findall(r"https?://[^\s)\",]+", result.stdout)
        assert len(urls) > 100
        assert all(url.startswith("https://intranet.example.com/service/") for url in urls), output_format


# --- the built site (shared build for PUBLIC_SITE_URL, see conftest) ---


def test_every_absolute_url_of_the_built_site_is_the_public_one(built_site: Path) -> None:
    found = 0
    for path in built_site.rglob("*"):
        if path.suffix not in (".html", ".xml") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        assert "127.0.0.1" not in text, path.relative_to(built_site)
        for url in ABSOLUTE.findall(text):
            if url.startswith(("http://www.w3.org/", "http://www.sitemaps.org/")):
                continue
            if 'rel="canonical"' in text or path.suffix == ".xml" or "data-hb-url" in text:
                found += 1
    assert found > 1000
    page = (built_site / "he/principles/customer-comes-first/index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{PUBLIC_SITE_URL}he/principles/customer-comes-first/">' in page
    assert f'hreflang="x-default" href="{PUBLIC_SITE_URL}principles/customer-comes-first/"' in page
    assert f'data-hb-url="{PUBLIC_SITE_URL}he/principles/customer-comes-first/#why-it-matters"' in page
    for sitemap in [
        built_site / "sitemap.xml",
        *(built_site / lang.code / "sitemap.xml" for lang in LANGUAGES[1:]),
    ]:
        locs = [loc.text for loc in ET.parse(sitemap).getroot().iter(f"{SITEMAP}loc")]
        assert locs and all(loc.startswith(PUBLIC_SITE_URL) for loc in locs), sitemap


@pytest.mark.browser
@pytest.mark.parametrize("code", [lang.code for lang in LANGUAGES])
def test_served_elsewhere_the_site_asks_no_other_host(page, site_url: str, code: str) -> None:
    """Previewed on 127.0.0.1, pages built for the public URL ask nothing of the public host: Material
    does not fetch a sitemap beside their public alternates (it fetches none at all)."""
    prefix = "" if code == "en" else f"{code}/"
    for path in (prefix, f"{prefix}principles/customer-comes-first/"):
        page.requests.clear()
        response = page.page.goto(f"{site_url}/{path}", wait_until="networkidle")
        assert response is not None and response.status == 200
        page.page.wait_for_timeout(1000)  # Material's background fetches come after load
        assert page.foreign_requests() == [], path
        assert [url for url in page.requests if "sitemap" in url] == [], path
        # The document keeps the public per-page alternates for search engines.
        alternate = page.page.get_attribute('link[rel="alternate"][hreflang="x-default"]', "href")
        assert alternate == f"{PUBLIC_SITE_URL}{path.removeprefix(prefix)}"


# --- handbook build --site-url, and serving a site published under a path ---


def test_build_site_url_option_and_serving_under_its_path(project_copy: Project, monkeypatch) -> None:
    monkeypatch.delenv("HANDBOOK_SITE_URL", raising=False)
    config_before = project_copy.config_file.read_bytes()
    result = CliRunner().invoke(main, ["build", "-j", "2", "--site-url", "https://docs.example.net/service"])
    assert result.exit_code == 0, result.output
    assert project_copy.config_file.read_bytes() == config_before  # mkdocs.yml is not rewritten
    assert "HANDBOOK_SITE_URL" not in os.environ  # --site-url is for that build only
    site = project_copy.site_dir
    page = (site / "ru/cases/del-taco-upland/index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://docs.example.net/service/ru/cases/del-taco-upland/">' in page
    assert "127.0.0.1" not in page

    bad = CliRunner().invoke(main, ["build", "--site-url", "docs.example.net"])
    assert bad.exit_code == 1
    assert "error: --site-url must be an absolute http(s) URL" in bad.output

    server = make_server(site, port=0, verbose=False, base_path="/service/")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        for path in ("/ru/", "/service/ru/", "/service/assets/handbook.css"):
            with urllib.request.urlopen(base + path) as response:
                assert response.status == 200, path
        # The "not found" page refers to its assets under the published path, which is served too.
        with pytest.raises(urllib.error.HTTPError) as missing:
            urllib.request.urlopen(base + "/service/ru/no-such-page/")
        body = missing.value.read().decode("utf-8")
        assert missing.value.code == 404 and '<html lang="ru"' in body
        assets = re.findall(r'(?:href|src)="(/service/assets/[^"]+)"', body)
        assert assets
        for asset in assets:
            with urllib.request.urlopen(base + asset) as response:
                assert response.status == 200, asset
    finally:
        server.shutdown()
        server.server_close()
