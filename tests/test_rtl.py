"""Right to left done by the site, the money rule, and the reader's language only (issue 20).

The rule itself (handbook.site.bidi) on the shared cases, the built Hebrew/Arabic pages, English
pages byte for byte with and without the isolation, `handbook check`'s money rule, and every built
he/ar/th/ru page scanned for the theme's English interface strings. The browser side (glyph
positions, document.title, search results, the 404 page, run-time strings) is test_rtl_browser.py.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from handbook.checks.qa import check_segment
from handbook.cli.main import main
from handbook.core.errors import HandbookError
from handbook.site.bidi import LRI, PDI, RLM, isolate_html, latin_runs, without_isolation
from handbook.translate.glossary import load_glossary

REPO = Path(__file__).resolve().parent.parent
CASES = yaml.safe_load((REPO / "tests/data/bidi/runs.yml").read_text(encoding="utf-8"))
TARGETS = ("he", "ar", "th", "ru")


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["text"][:30])
def test_latin_runs_follow_the_rule(case) -> None:
    text = case["text"]
    assert [text[a:b] for a, b in latin_runs(text, case.get("following", ""))] == case["runs"]


def test_code_urls_and_english_blocks_are_left_alone() -> None:
    fragment = (
        '<p>פתחו את <code>Foo Bar</code> ב-<a href="https://example.org/Foo">https://example.org/Foo</a> '
        "ליד Foothill Blvd. היום</p>\n<pre><code>Del Taco. x</code></pre>\n"
        '<div class="hb-fallback" lang="en" dir="ltr"><p>Hello World. <div>Nested</div> Again</p></div>\n'
        "<p>אחרי Zappos</p>"
    )
    out = isolate_html(fragment)
    assert "<code>Foo Bar</code>" in out and "<pre><code>Del Taco. x</code></pre>" in out
    assert ">https://example.org/Foo</a>" in out
    assert "<p>Hello World. <div>Nested</div> Again</p></div>" in out
    assert "ליד <bdi>Foothill Blvd.</bdi> היום" in out and "<p>אחרי <bdi>Zappos</bdi></p>" in out
    assert without_isolation(out) == fragment


def test_title_and_attributes_get_unicode_isolates() -> None:
    page = (
        "<html><head><title>Del Taco ב-Upland - מדריך השירות</title></head><body>"
        '<button aria-label="העתקת קישור לסעיף „Del Taco ב-Upland”" title="הבא: Zappos &amp; co" '
        'data-hb-url="https://h.example/he/cases/del-taco-upland/#x">x</button></body></html>'
    )
    out = isolate_html(page)
    title = re.search(r"<title>(.*?)</title>", out).group(1)
    assert title == f"{RLM}{LRI}Del Taco{PDI} ב-{LRI}Upland{PDI} - מדריך השירות"
    assert f'aria-label="העתקת קישור לסעיף „{LRI}Del Taco{PDI} ב-{LRI}Upland{PDI}”"' in out
    assert f'title="הבא: {LRI}Zappos &amp; co{PDI}"' in out
    assert 'data-hb-url="https://h.example/he/cases/del-taco-upland/#x"' in out
    # A title whose first strong letter is already right-to-left gets no mark.
    assert "<title>מדריך" in isolate_html("<title>מדריך של Zappos</title>")


def test_the_same_text_in_another_context_is_isolated_for_that_context() -> None:
    # Pieces are worked out once per process (build speed): the block's following text and the
    # title are part of what decides a piece, so a repeated piece is not given an earlier result.
    first = isolate_html("<p>ליד Foothill Blvd.<em> היום</em></p>")
    second = isolate_html("<p>ליד Foothill Blvd.</p>")
    assert "<bdi>Foothill Blvd.</bdi>" in first
    assert second == "<p>ליד <bdi>Foothill Blvd</bdi>.</p>"
    assert isolate_html("<p>Del Taco</p><title>Del Taco</title>") == (
        f"<p><bdi>Del Taco</bdi></p><title>{RLM}{LRI}Del Taco{PDI}</title>"
    )
    inside = '<div lang="en"><p>Del Taco</p></div><p>Del Taco</p>'
    assert isolate_html(inside) == '<div lang="en"><p>Del Taco</p></div><p><bdi>Del Taco</bdi></p>'


# --- the built site ------------------------------------------------------------------------------


def test_hebrew_and_arabic_pages_isolate_latin_runs(built_site: Path) -> None:
    he = (built_site / "he/cases/del-taco-upland/index.html").read_text(encoding="utf-8")
    assert "<bdi>Foothill Blvd.</bdi> ו־<bdi>Benson Ave.</bdi>" in he
    assert re.search(rf"<title>{RLM}{LRI}Del Taco{PDI} ", he)
    # navigation and link texts too
    assert re.search(r'<span class="md-ellipsis">\s*<bdi>Amazon Prime Day</bdi>', he)
    assert re.search(rf'aria-label="[^"]*{LRI}Starbucks{PDI}', he)  # previous/next links
    ar = (built_site / "ar/cases/amazon-prime-day/index.html").read_text(encoding="utf-8")
    assert re.search(rf"<title>عرض {LRI}Amazon Prime Day{PDI}: ", ar)  # starts Arabic: no mark
    for lang in ("th", "ru"):
        page = (built_site / lang / "cases/del-taco-upland/index.html").read_text(encoding="utf-8")
        assert "<bdi>" not in page and LRI not in page


BUILD_EN = """
import sys
from pathlib import Path
import handbook.site.plugin as plugin
from handbook.site.bidi import RightToLeftIsolation
from handbook.site.build_language import build_language
if sys.argv[3] == "without":
    plugin.FEATURES[:] = [f for f in plugin.FEATURES if f is not RightToLeftIsolation]
build_language(Path(sys.argv[1]), Path(sys.argv[2]), "en")
"""


def test_english_pages_are_byte_for_byte_the_same_without_the_isolation(tmp_path: Path) -> None:
    # Each build in a process of its own: mkdocs keeps plugin instances for the process (serve).
    import subprocess
    import sys

    from conftest import copy_project

    project = copy_project(tmp_path / "project")
    sites = {}
    for variant in ("with", "without"):
        sites[variant] = tmp_path / variant
        subprocess.run(
            [sys.executable, "-c", BUILD_EN, str(project.root / "mkdocs.yml"), str(sites[variant]), variant],
            check=True,
            capture_output=True,
        )
    with_it, without = sites["with"], sites["without"]
    pages = sorted(p.relative_to(with_it) for p in with_it.rglob("*.html"))
    assert len(pages) > 25
    assert pages == sorted(p.relative_to(without) for p in without.rglob("*.html"))
    changed = [str(p) for p in pages if (with_it / p).read_bytes() != (without / p).read_bytes()]
    assert changed == []


# --- money ---------------------------------------------------------------------------------------

GLOSSARY = load_glossary(REPO / "translations/glossary.yml")


def money(source: str, target: str, lang: str) -> list[str]:
    return [f.message for f in check_segment(source, target, lang, GLOSSARY) if f.code == "qa-money"]


def test_each_language_writes_an_amount_as_the_glossary_says() -> None:
    source = "Give the customer a $5 credit."
    assert money(source, "أعطِ العميل رصيد شراء بقيمة 5 دولارات.", "ar") == []
    assert money(source, "أعطِ العميل رصيد شراء بقيمة $5.", "ar") == [
        "'$5' is written '5 دولارات' (دولارات, دولار, دولاران, دولارًا, دولارا as the number needs) "
        "in ar (the glossary's money rule)"
    ]
    assert money(source, "Дайте клиенту бонус в 5 долларов.", "ru") == []
    assert money(source, "Дайте клиенту бонус в $5.", "ru") != []
    assert money(source, "תנו ללקוח זיכוי של $5.", "he") == []
    assert money(source, "תנו ללקוח זיכוי של 5 דולר.", "he") != []
    assert money(source, "ให้เครดิตร้านค้า $5 แก่ลูกค้า", "th") == []
    assert money("A $4,000 order.", "Заказ на 4\u00a0000 долларов.", "ru") == []
    assert money("A $4,000 order.", "Заказ на 4,000 долларов.", "ru") != []


def test_a_broken_money_rule_names_the_glossary(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yml"
    path.write_text("money:\n  ar: {USD: {pattern: 'دولارات'}}\n", encoding="utf-8")
    with pytest.raises(HandbookError) as error:
        load_glossary(path)
    assert (
        "money rule 'ar' USD" in str(error.value.format_message())
        and "glossary.yml" in error.value.format_message()
    )


PO = """# generated by `handbook sync`
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: ar\\n"

msgid "Give a $5 credit."
msgstr "امنحه رصيد شراء بقيمة $5."
"""


def test_handbook_check_reports_money_and_accepts_it_with_a_reason(project_copy) -> None:
    target = project_copy.translations_dir / "ar" / "qa-money.po"
    target.write_text(PO, encoding="utf-8")
    report = json.loads(CliRunner().invoke(main, ["check", "--json"]).output)
    mine = [p for p in report["problems"] if p["page"] == "qa-money.md" and p["code"].startswith("qa-")]
    assert [p["code"] for p in mine] == ["qa-money"]
    target.write_text(
        PO.replace('msgid "Give', '# A price tag quoted as printed.\n#, qa-ok:qa-money\nmsgid "Give'),
        encoding="utf-8",
    )
    report = json.loads(CliRunner().invoke(main, ["check", "--json"]).output)
    assert [p for p in report["problems"] if p["page"] == "qa-money.md" and p["code"].startswith("qa-")] == []
    assert [(p["code"], p["accepted"]) for p in report["accepted"] if p["page"] == "qa-money.md"] == [
        ("qa-money", "A price tag quoted as printed.")
    ]


# --- the reader's language only ------------------------------------------------------------------


def theme_english_strings() -> set[str]:
    """Material's own English interface strings: its English language partial and the generator
    line of its copyright partial (the installed theme's files, not a hand-picked list)."""
    import material

    templates = Path(material.__file__).parent / "templates"
    partial = (templates / "partials/languages/en.html").read_text(encoding="utf-8")
    strings = {
        value.replace("#", "").strip()
        for key, value in re.findall(r'^\s*"([^"]+)": "((?:[^"\\]|\\.)*)",?$', partial, re.M)
        if not key.startswith("search.config") and key not in ("language", "direction")
    }
    from mkdocs_redirects.plugin import HTML_TEMPLATE  # the redirect page a renamed page leaves

    sources = [(templates / t).read_text(encoding="utf-8") for t in ("partials/copyright.html", "404.html")]
    for source in [*sources, HTML_TEMPLATE]:
        text = re.sub(r"<(script|style)\b.*?</\1>|\{[{%#].*?[}%#]\}|<[^>]+>", "\n", source, flags=re.S)
        strings |= {line.strip(" .") for line in text.splitlines() if line.strip(" .") and "{" not in line}
    return strings - BRANDS


# Deliberate English: brand names (the theme's name in the generator line).
BRANDS = {"Material for MkDocs"}


def english_in(document: str, strings: set[str]) -> set[str]:
    """Theme strings that are a whole text or attribute of `document` (or, for strings of two words
    or more, inside one); `lang="en"` blocks inside the page, scripts and styles left out."""
    document = re.sub(r"<(script|style)\b.*?</\1>", "", document, flags=re.S)
    document = re.sub(r'<(?!html\b)(\w+)[^>]*\slang="en"[^>]*>.*?</\1>', "", document, flags=re.S)
    document = without_isolation(document)
    texts = [html.unescape(t).strip(" \n.…") for t in re.findall(r">([^<]+)<", document)]
    texts += [
        html.unescape(v).strip(" .…")
        for v in re.findall(r'\s(?:aria-label|title|placeholder|alt)="([^"]*)"', document)
    ]
    return {s for s in strings for t in texts if t == s or (" " in s and s in t)}


def test_the_theme_english_strings_are_found_where_they_are() -> None:
    strings = theme_english_strings()
    assert {"Made with", "404 - Not found", "Copy to clipboard", "Back to top", "Redirecting"} <= strings
    assert english_in("<footer><div>\n    Made with\n  <a>Material for MkDocs</a></div>", strings) == {
        "Made with"
    }
    assert english_in('<div lang="en">Made with</div><p>Back to top</p>', strings) == {"Back to top"}


def test_no_theme_english_on_translated_pages(built_site: Path) -> None:
    strings = theme_english_strings()
    found: dict[str, set[str]] = {}
    pages = 0
    for lang in TARGETS:
        for path in sorted((built_site / lang).rglob("*.html")):
            pages += 1
            for string in english_in(path.read_text(encoding="utf-8"), strings):
                found.setdefault(string, set()).add(str(path.relative_to(built_site)))
    assert pages >= 4 * 27
    assert found == {}
