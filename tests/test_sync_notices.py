"""Translation notices: counts and a link to the English page on pages that are not fully reviewed."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

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


def test_built_site_marks_unreviewed_blocks_and_links_english(built_site: Path) -> None:
    html = (built_site / "he" / "index.html").read_text(encoding="utf-8")
    assert html.count("hb-translation-notice") == 1
    link = re.search(r'class="hb-english-original" href="([^"]+)"', html).group(1)
    assert (built_site / "he" / link / "index.html").resolve() == (built_site / "index.html").resolve()
    # English fallback blocks are marked and read left to right inside the Hebrew page.
    assert re.search(r'<p class="hb-missing" dir="ltr" lang="en">', html)
    assert '<h2 class="hb-missing" dir="ltr" id="what-is-in-it" lang="en">' in html
    english = (built_site / "index.html").read_text(encoding="utf-8")
    assert "hb-translation-notice" not in english and "hb-missing" not in english
