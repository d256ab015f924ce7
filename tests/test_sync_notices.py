"""Translation notices: counts and a link to the English page on pages that are not fully reviewed."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml

from handbook.site.notices import TranslationNotice, notice_html


def test_fully_reviewed_page_shows_nothing() -> None:
    counts = {"lang": "he", "segments": 12, "reviewed": 12, "machine": 0, "stale": 0, "missing": 0}
    assert notice_html(counts, "he", "../") == ""


def test_notice_in_the_readers_language_with_counts_and_english_link() -> None:
    counts = {"lang": "ru", "segments": 10, "reviewed": 4, "machine": 3, "stale": 1, "missing": 2}
    html = notice_html(counts, "ru", "../../principles/x/")
    assert '<p class="admonition-title">Перевод проверен не полностью</p>' in html
    assert "<p>Фрагментов текста на этой странице без проверки: 6 из 10.</p>" in html
    assert '<li class="hb-notice-machine">машинный перевод: 3</li>' in html
    assert '<li class="hb-notice-stale">английский текст изменился после перевода: 1</li>' in html
    assert '<li class="hb-notice-missing">ещё не переведено, показано на английском: 2</li>' in html
    assert '<a class="hb-english-original" href="../../principles/x/" hreflang="en">' in html
    assert "data-pagefind-ignore" in html


def test_feature_links_to_the_english_page_relative_to_this_one() -> None:
    counts = {"lang": "th", "segments": 3, "reviewed": 1, "machine": 0, "stale": 0, "missing": 2}
    page = SimpleNamespace(meta={"translation": counts}, url="th/principles/details-matter/")
    config = SimpleNamespace(theme={"language": "th"})
    html = TranslationNotice().on_page_content("<h1>x</h1>", page=page, config=config)
    assert 'href="../../../principles/details-matter/"' in html
    assert html.endswith("<h1>x</h1>")
    # An English page, or a page of another language's build, is left alone.
    english = SimpleNamespace(meta={"title": "x"}, url="principles/details-matter/")
    assert (
        TranslationNotice().on_page_content("<p/>", page=english, config=SimpleNamespace(theme={})) == "<p/>"
    )


def test_built_site_shows_a_notice_exactly_on_pages_not_fully_reviewed(built_site: Path) -> None:
    checked = 0
    for doc in sorted((built_site.parent / "docs").glob("[a-z][a-z]/**/*.md")):
        lang = doc.relative_to(built_site.parent / "docs").parts[0]
        if lang == "en":
            continue
        counts = yaml.safe_load(doc.read_text(encoding="utf-8").split("\n---\n", 1)[0][4:])["translation"]
        page = doc.relative_to(built_site.parent / "docs" / lang).with_suffix("")
        html_path = built_site / lang / ("" if page.name == "index" else page) / "index.html"
        html = html_path.read_text(encoding="utf-8")
        expected = 0 if counts["reviewed"] == counts["segments"] else 1
        assert html.count("hb-translation-notice") == expected, html_path
        checked += 1
    assert checked == 4 * len(list((built_site.parent / "docs" / "en").rglob("*.md")))
    assert "hb-translation-notice" not in (built_site / "index.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def unreviewed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from a copy where one English paragraph changed and one was added, synced for he."""
    from conftest import copy_project

    from handbook.site.build import build_site
    from handbook.translate.sync import sync

    project = copy_project(tmp_path_factory.mktemp("unreviewed") / "handbook")
    english = project.source_docs_dir / "principles" / "details-matter.md"
    text = english.read_text(encoding="utf-8")
    sentence = "In service, nothing is too small to matter."
    assert sentence in text
    text = text.replace(sentence, "In service, no detail is too small to matter.", 1)
    text = text.replace(
        "## Why it matters {#why-it-matters}\n",
        "## Why it matters {#why-it-matters}\n\nA brand-new paragraph.\n",
        1,
    )
    english.write_text(text, encoding="utf-8")
    sync(project, languages=["he"])
    return build_site(project)


def test_site_with_unreviewed_blocks_marks_them_and_links_english(unreviewed_site: Path) -> None:
    site = unreviewed_site
    html = (site / "he" / "principles" / "details-matter" / "index.html").read_text(encoding="utf-8")
    assert html.count("hb-translation-notice") == 1
    assert "קטעי טקסט בעמוד זה שעדיין לא נבדקו: 2 מתוך" in html
    link = re.search(r'class="hb-english-original" href="([^"]+)"', html).group(1)
    target = (site / "he" / "principles" / "details-matter" / link / "index.html").resolve()
    assert target == (site / "principles" / "details-matter" / "index.html").resolve()
    assert '<p class="hb-missing" dir="ltr" lang="en">A brand-new paragraph.</p>' in html
    assert re.search(r'<p class="hb-stale">[^<]+', html)  # then the paragraph's source note


@pytest.mark.browser
def test_notice_and_marks_in_chromium(unreviewed_site: Path, page) -> None:
    """In the Hebrew page: the notice is the first thing in the article, the English block reads
    left to right inside the right-to-left page, and the English link opens the English page."""
    import threading

    from handbook.site.serve import make_server

    server = make_server(unreviewed_site, port=0, verbose=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}"
        browser_page = page.page
        browser_page.goto(base + "/he/principles/details-matter/", wait_until="networkidle")
        notice_first = browser_page.evaluate(
            """() => {
                const notice = document.querySelector("article .hb-translation-notice");
                const title = document.querySelector("article h1");
                return !!(notice && title && notice.compareDocumentPosition(title) & Node.DOCUMENT_POSITION_FOLLOWING);
            }"""
        )
        assert notice_first, "the notice is not above the page title"
        assert browser_page.is_visible(".hb-translation-notice")
        missing = browser_page.locator("p.hb-missing", has_text="A brand-new paragraph.")
        assert missing.evaluate("e => getComputedStyle(e).direction") == "ltr"
        assert (
            browser_page.locator("p.hb-stale").first.evaluate("e => getComputedStyle(e).direction") == "rtl"
        )
        style = missing.evaluate(
            "e => getComputedStyle(e).borderLeftStyle + ' ' + getComputedStyle(e).borderRightStyle"
        )
        assert "solid" in style  # the mark: a line at the side
        browser_page.click("a.hb-english-original")
        browser_page.wait_for_load_state("networkidle")
        assert browser_page.url == base + "/principles/details-matter/"
        assert browser_page.get_attribute("html", "lang") == "en"
        assert page.foreign_requests() == []
    finally:
        server.shutdown()
        server.server_close()
