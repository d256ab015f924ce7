"""What `handbook build` ships for search: one Pagefind index per language, no lunr, clean pages."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from handbook.core.errors import HandbookError
from handbook.core.project import LANGUAGES
from handbook.site.search import (
    BUNDLE_DIR,
    UNUSED_BUNDLE_FILES,
    collect_pages,
    index_language,
    page_url,
)

CONTENT_LANGUAGE = re.compile(r'<html lang="([a-z]{2})"')


def content_pages(site: Path) -> dict[str, list[Path]]:
    pages: dict[str, list[Path]] = {}
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if path.relative_to(site).parts[0] != BUNDLE_DIR and "data-pagefind-body" in html:
            pages.setdefault(CONTENT_LANGUAGE.search(html).group(1), []).append(path)
    return pages


def test_one_index_per_language_covering_every_page(built_site: Path) -> None:
    entry = json.loads((built_site / BUNDLE_DIR / "pagefind-entry.json").read_text(encoding="utf-8"))
    pages = content_pages(built_site)
    assert sorted(entry["languages"]) == sorted(lang.code for lang in LANGUAGES)
    for lang in LANGUAGES:
        assert entry["languages"][lang.code]["page_count"] == len(pages[lang.code]), lang.code
        assert len(pages[lang.code]) >= 20, f"{lang.code}: only {len(pages[lang.code])} pages indexed"


def test_lunr_index_and_unused_pagefind_ui_are_not_shipped(built_site: Path) -> None:
    assert not (built_site / "search" / "search_index.json").exists()
    for name in UNUSED_BUNDLE_FILES:
        assert not (built_site / BUNDLE_DIR / name).exists(), name


def test_served_pages_carry_no_index_only_tokens_and_index_only_the_article(built_site: Path) -> None:
    for path in built_site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "\u2063" not in html and "\u2064" not in html, path
        if "data-pagefind-body" not in html:
            continue
        assert html.count("data-pagefind-body") == 1, path
        body = html.split("data-pagefind-body", 1)[1].split("</article>", 1)[0]
        for chrome in ('class="md-nav', 'class="md-header', 'class="md-footer', 'class="md-search'):
            assert chrome not in body, f"{path}: {chrome} inside the indexed article"


def test_page_urls_match_the_site_layout(tmp_path: Path) -> None:
    assert page_url(tmp_path, tmp_path / "index.html") == "/"
    assert page_url(tmp_path, tmp_path / "he" / "cases" / "x" / "index.html") == "/he/cases/x/"
    assert page_url(tmp_path, tmp_path / "404.html") == "/404.html"


def test_pages_are_read_in_their_own_language(tmp_path: Path) -> None:
    article = '<html lang="{}"><body><article><div data-pagefind-body><p>{}</p></div></article></body></html>'
    (tmp_path / "he").mkdir()
    (tmp_path / "he" / "index.html").write_text(article.format("he", "שירות ללקוח"), encoding="utf-8")
    (tmp_path / "index.html").write_text(article.format("en", "refunds"), encoding="utf-8")
    (tmp_path / "404.html").write_text(article.format("en", "missing"), encoding="utf-8")
    (tmp_path / "stub.html").write_text(
        '<html lang="en"><meta http-equiv="refresh"></html>', encoding="utf-8"
    )
    pages = {page.url: page for page in collect_pages(tmp_path)}
    assert sorted(pages) == ["/", "/he/"]
    assert pages["/he/"].lang == "he"
    assert "\u2063לקוח\u2064" in pages["/he/"].html
    # Pagefind reads the head and the article only.
    assert pages["/"].html == (
        '<html lang="en"><body><div data-pagefind-body><p>refunds</p></div></body></html>\n'
    )


def test_a_language_without_article_markers_is_a_clear_error(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<html lang="en"><body><p>x</p></body></html>', encoding="utf-8")
    with pytest.raises(HandbookError) as caught:
        index_language(site, "en", tmp_path / "bundle", tmp_path / "work")
    assert caught.value.detail == (
        "no 'en' page of the built site carries data-pagefind-body, so its search would be empty"
    )
    assert caught.value.path == str(site)
    assert caught.value.fix == (
        "keep the data-pagefind-body wrapper around the article in overrides/main.html's content block"
    )
    assert not (tmp_path / "bundle").exists()
