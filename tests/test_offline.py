"""Offline reading (issue 20): what `handbook build` lists for each language's precache, the offline
pages, sw.js's versions, and the warning for a plain-HTTP public URL (the browser side is in
tests/test_offline_browser.py)."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from pathlib import Path

from click.testing import CliRunner

from handbook.cli.main import main
from handbook.core.project import LANGUAGES, Project, text_direction
from handbook.core.ui import t
from handbook.site.offline import FOLDER, plain_http_warning, precache_bytes, write_offline

BUDGET = 3_000_000  # bytes transferred to save one language (issue 20)


def precache(site: Path, lang: str) -> dict[str, str]:
    (listed,) = (site / FOLDER).glob(f"{lang}-*.json")
    return json.loads(listed.read_text(encoding="utf-8"))["files"]


def versions(site: Path) -> dict[str, str]:
    line = re.search(r"^const OFFLINE = (.*);$", (site / "sw.js").read_text(encoding="utf-8"), re.M)
    return json.loads(line.group(1))["versions"]


def file_of(site: Path, url: str) -> Path:
    return site / (url + "index.html" if url == "" or url.endswith("/") else url)


def test_each_language_lists_its_pages_their_files_and_its_search(built_site: Path) -> None:
    codes = [lang.code for lang in LANGUAGES]
    assert sorted(versions(built_site)) == sorted(codes)
    for code in codes:
        files = precache(built_site, code)
        pages = [url for url in files if url.endswith("/") or url == "" or url.endswith(".html")]
        others = [url for url in pages if not url.startswith(FOLDER) and url.split("/")[0] in codes]
        if code == "en":
            assert others == [], "another language's page in the English list"
        else:
            assert all(url.startswith(f"{code}/") for url in pages if not url.startswith(FOLDER))
            built = {
                path.relative_to(built_site).as_posix().removesuffix("index.html")
                for path in (built_site / code).rglob("index.html")
            }
            assert built <= set(files), sorted(built - set(files))[:5]
        for url, revision in files.items():
            assert hashlib.sha256(file_of(built_site, url).read_bytes()).hexdigest().startswith(revision), url
        names = set(files)
        assert {
            "assets/javascripts/handbook-search.js",
            "pagefind/pagefind.js",
            "pagefind/pagefind-entry.json",
        } <= names
        assert f"pagefind/handbook-words-{code}.json.gz" in names
        assert any(name.startswith(f"pagefind/fragment/{code}_") for name in names)
        assert not any(re.match(r"pagefind/(fragment|index)/(?!" + code + "_)", name) for name in names)
        assert [
            name
            for name in names
            if "lunr" in name or "workers/search" in name or name.endswith((".map", ".pdf"))
        ] == []
        count, size = precache_bytes(built_site, code)
        assert count == len(files) and size <= BUDGET, (code, size)


def test_offline_pages_are_in_their_language_and_carry_no_script(built_site: Path) -> None:
    for lang in LANGUAGES:
        page = (built_site / FOLDER / f"{lang.code}.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang.code}" dir="{text_direction(lang.code)}">' in page
        assert t("offline.title", lang.code) in page and t("offline.not_saved", lang.code) in page
        assert "<script" not in page
        assert (
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self' "
            in page
        )
        home = "" if lang.code == "en" else f"{lang.code}/"
        assert f'href="%HB_SCOPE%{home}"' in page
        assert f"{FOLDER}/{lang.code}.html" in precache(built_site, lang.code)


def test_a_changed_file_changes_only_its_revision_and_its_languages_version(
    built_site: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    before = {lang.code: precache(site, lang.code) for lang in LANGUAGES}
    versions_before = versions(site)
    glossary = site / "he" / "glossary" / "index.html"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("</article>", "<p>x</p></article>", 1))
    written = write_offline(site, "en", [lang.code for lang in LANGUAGES])
    assert written == versions(site)
    after = precache(site, "he")
    assert {url for url in after if after[url] != before["he"].get(url)} == {"he/glossary/"}
    assert set(after) == set(before["he"])
    changed = {code for code in written if written[code] != versions_before[code]}
    assert changed == {"he"}
    assert all(precache(site, code) == before[code] for code in written if code != "he")


def test_english_fallback_pages_are_not_saved(built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    page = site / "ru" / "glossary" / "index.html"
    page.write_text(
        page.read_text(encoding="utf-8").replace(
            "<article", '<div class="hb-fallback" lang="en"></div><article', 1
        )
    )
    write_offline(site, "en", [lang.code for lang in LANGUAGES])
    files = precache(site, "ru")
    assert "ru/glossary/" not in files and "ru/" in files


def test_plain_http_public_url_is_warned_about() -> None:
    assert "only over HTTPS" in plain_http_warning("http://handbook.example.org/")
    assert plain_http_warning("https://handbook.example.org/") is None
    assert plain_http_warning("http://127.0.0.1:8000/") is None
    assert plain_http_warning("http://localhost:8000/handbook/") is None


def test_build_warns_when_the_public_url_is_plain_http(project_copy: Project, monkeypatch) -> None:
    monkeypatch.delenv("HANDBOOK_SITE_URL", raising=False)
    result = CliRunner().invoke(main, ["build", "--site-url", "http://handbook.example.org/"])
    assert result.exit_code == 0, result.output
    assert "warning: the public URL http://handbook.example.org/ is plain HTTP" in result.output
    assert (project_copy.site_dir / "sw.js").is_file()
