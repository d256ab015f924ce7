"""The Hebrew/Arabic prefix normaliser: Python (indexing) and its JS mirror (querying) agree on one table."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from handbook.search import INDEX_ONLY_MARK, add_index_only_tokens, stem_variants

DATA = Path(__file__).parent / "data" / "search"
SCRIPT = (
    Path(__file__).resolve().parent.parent / "overrides" / "assets" / "javascripts" / "handbook-search.js"
)
CASES = yaml.safe_load((DATA / "normalise_cases.yml").read_text(encoding="utf-8"))
M = INDEX_ONLY_MARK


@pytest.mark.parametrize("case", CASES, ids=lambda case: f"{case['lang']}-{case['word']}")
def test_python_stem_variants(case: dict) -> None:
    assert stem_variants(case["word"], case["lang"]) == case["variants"], case["why"]


def test_index_only_tokens_follow_each_prefixed_word_in_text_only() -> None:
    html = (
        '<html lang="he"><head><title>הלקוח</title></head><body>'
        '<p class="הלקוח">שירות ללקוח, תמיד.</p><script>var s = "ללקוח";</script></body></html>'
    )
    assert add_index_only_tokens(html, "he") == (
        '<html lang="he"><head><title>הלקוח</title></head><body>'
        f'<p class="הלקוח">שירות {M}ירות ללקוח {M}לקוח, תמיד.</p><script>var s = "ללקוח";</script></body></html>'
    )


def test_index_only_tokens_leave_languages_without_prefix_rules_alone() -> None:
    html = "<p>refunding клиентов ลูกค้า</p>"
    assert add_index_only_tokens(html, "en") == html
    assert add_index_only_tokens(html, "ru") == html


@pytest.mark.browser
def test_javascript_mirror_agrees_with_python(page) -> None:
    page.page.set_content('<!doctype html><html lang="en"><body></body></html>')
    page.page.add_script_tag(path=str(SCRIPT))
    results = page.page.evaluate(
        "cases => cases.map(c => window.handbookSearch.stemVariants(c.word, c.lang))", CASES
    )
    mismatches = [
        (case["lang"], case["word"], case["variants"], got)
        for case, got in zip(CASES, results, strict=True)
        if got != case["variants"]
    ]
    assert mismatches == []


@pytest.mark.browser
def test_javascript_query_variants_and_excerpt_cleaning(page) -> None:
    page.page.set_content('<!doctype html><html lang="en"><body></body></html>')
    page.page.add_script_tag(path=str(SCRIPT))
    search = "window.handbookSearch"
    assert page.page.evaluate(f"{search}.queryVariants('שהלקוח  צריך', 'he')") == [
        "שהלקוח צריך",
        "הלקוח צריך",
        "לקוח צריך",
    ]
    assert page.page.evaluate(f"{search}.queryVariants('refunding customers', 'en')") == [
        "refunding customers"
    ]
    excerpt = f"שירות טוב <mark>ללקוח</mark> <mark>{M}לקוח</mark> שהלקוח <mark>{M}הלקוח</mark> {M}לקוח."
    cleaned = page.page.evaluate(f"e => {search}.cleanExcerpt(e)", excerpt)
    assert cleaned == "שירות טוב <mark>ללקוח</mark> <mark>שהלקוח</mark>"
    assert page.page.evaluate(f"t => {search}.cleanText(t)", f"כותרת על הלקוח {M}לקוח") == "כותרת על הלקוח"
