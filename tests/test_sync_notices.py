"""Translation notices: counts and a link to the English page on pages that are not fully reviewed."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import yaml

from handbook.notices import TranslationNotice, notice_html


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
    assert checked >= 4 * 30
    assert "hb-translation-notice" not in (built_site / "index.html").read_text(encoding="utf-8")


def test_site_with_unreviewed_blocks_marks_them_and_links_english(project_copy) -> None:
    """One English paragraph edited and one added: the Hebrew page says so and marks both blocks."""
    from handbook.build import build_site
    from handbook.sync import sync

    english = project_copy.source_docs_dir / "principles" / "details-matter.md"
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
    sync(project_copy, languages=["he"])
    site = build_site(project_copy)
    html = (site / "he" / "principles" / "details-matter" / "index.html").read_text(encoding="utf-8")
    assert html.count("hb-translation-notice") == 1
    assert "קטעי טקסט בעמוד זה שעדיין לא נבדקו: 2 מתוך" in html
    link = re.search(r'class="hb-english-original" href="([^"]+)"', html).group(1)
    target = (site / "he" / "principles" / "details-matter" / link / "index.html").resolve()
    assert target == (site / "principles" / "details-matter" / "index.html").resolve()
    assert '<p class="hb-missing" dir="ltr" lang="en">A brand-new paragraph.</p>' in html
    assert re.search(r'<p class="hb-stale">[^<]+</p>', html)
