"""Issue 19, "nothing live", end to end: every translated page of a real `handbook build` has the
English page's elements, tag by tag, attribute name by attribute name, with the English's link
targets, over the whole page (head and `<title>`, header, navigation, article, footer) and its
search data (the Pagefind fragment: meta and filter keys, anchors). Built twice: the handbook as it
is (`built_site`), and a copy whose Hebrew, Arabic and Russian translations carry hostile, clumsy
and legitimate-but-tricky texts; and a property test that builds one page through mkdocs and every
plugin (the handbook's features included) from translations drawn from test_reliability_live's
grammar of hostile Markdown, HTML, bidi and control text.

The only differences allowed are the documented ones (ARCHITECTURE.md, invariant 6):
- the translation notice (`div.hb-translation-notice`) at the top of a page not fully reviewed;
- `lang`/`dir` attributes and the site's own classes on blocks shown in English (`hb-missing`);
- `<bdi>` (right-to-left isolation) and inline emphasis a translator writes with Markdown:
  `<strong>`, `<em>`, `<code>` with no attributes, added or left out;
- the page title's own `id` (and the table of contents' link to it): it comes from its text.
"""

from __future__ import annotations

import gzip
import json
import posixpath
import re
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import polib
import pytest
from conftest import copy_project
from lxml import html as lxml_html

from handbook.core.project import Project
from handbook.site.build import build_site
from handbook.translate.sync import sync

LANGS = ("he", "ar", "th", "ru")
PAGE = "principles/details-matter"
UNWRAPPED = {"strong", "em", "code", "bdi"}  # kept out of the comparison, their text kept
FALLBACK_ATTRIBUTES = {"lang", "dir"}  # on a block shown in English
SITE_MARKS = {"hb-missing", "hb-machine", "hb-stale"}  # classes sync puts on blocks not reviewed
URL_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "poster")
REFUSED: list[str] = []  # what the hostile copy's sync refused
LANGUAGE_PREFIX = re.compile(r"^/(?:he|ar|th|ru)(?=/)")

# PO edits in the hostile copy: (language, PO file, msgid, msgstr, fuzzy machine draft?).
EDITS_PARAGRAPH = (
    "A customer's good impression is built from many small details. In service, nothing is too "
    "small to matter. {1} {2}"
)
YEAR_START = "1999. שנה שבה למדנו שרושם טוב נבנה מפרטים קטנים."
EDITS = [
    # Missing: the English, with lang/dir (a text no other page has, or the memory would fill it).
    ("he", "principles/details-matter", "Don't leave small problems for the next shift.", "", False),
    (
        "he",
        "principles/details-matter",
        EDITS_PARAGRAPH,
        YEAR_START + " {1} {2}",
        False,
    ),
    (
        "he",
        "principles/details-matter",
        "Check every order before you hand it over.",
        '**בדקו**{onmouseover="alert(1)"} כל הזמנה.',  # refused: the English is shown
        False,
    ),
    (
        "he",
        "principles/details-matter",
        "Keep your area clean and tidy, also when it is busy.",
        "שמרו <script>alert(1)</script> [כאן](https://evil.example/) <img src=x onerror=alert(1)> "
        "![p](https://t.example/p.png) `קוד` **מודגש**",
        False,
    ),
    (
        "he",
        "principles/details-matter",
        "Remember the small preferences of your regulars, and use them.",
        "זכרו את \u2067Tim Hortons\u2069 ואת ההעדפות\nהקטנות של הקבועים.",  # isolates, an editor's wrap
        False,
    ),
    (
        "he",
        "principles/details-matter",
        "Use the customer's name if they have given it and are happy for you to use it.",
        "השתמשו בשם הלקוח (טיוטת מכונה).",
        True,  # a machine draft
    ),
    (
        "ru",
        "principles/details-matter",
        EDITS_PARAGRAPH,
        "Хорошее впечатление складывается из мелочей.\n## Новый раздел {1} {2}",  # refused
        False,
    ),
    ("ar", "index", "in your first week", "في | الأسبوع الأول", False),  # a pipe in a table cell
    ("ar", "principles/details-matter", "The idea", "الفكرة {x}\n# عنوان", False),  # refused
]


def _site_path(page_file: str) -> str:
    """The site URL path of a built file ("he/x/index.html" -> "/he/x/")."""
    path = "/" + page_file
    return path[: -len("index.html")] if path.endswith("index.html") else path


def _url(value: str, page_file: str) -> str:
    """A link target as a site path without its language folder, so each language's page compares
    with the English one (relative links of the deeper folder resolve to the same place)."""
    value = value.strip()
    if re.match(r"^[a-z][a-z0-9+.-]*:|^//", value, re.IGNORECASE):  # absolute: the path's language
        parts = urlsplit(value)
        return urlunsplit(parts._replace(path=LANGUAGE_PREFIX.sub("", parts.path)))
    if value.startswith("#"):
        return value
    base = _site_path(page_file)
    path, _, fragment = value.partition("#")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(base), path)) if path else base
    if path.endswith("/") and not resolved.endswith("/"):
        resolved += "/"
    return LANGUAGE_PREFIX.sub("", resolved) + ("#" + fragment if fragment else "")


def elements(site: Path, page_file: str) -> tuple[list[tuple], list[tuple]]:
    """([(depth, tag, attribute names, anchor)] of every element of the page in document order, the
    sorted link targets), with the documented translation-only additions left out. Link targets are
    compared as a whole: a translation may put a paragraph's links in another order."""
    root = lxml_html.fromstring((site / page_file).read_bytes())
    for notice in root.xpath('//div[contains(concat(" ", @class, " "), " hb-translation-notice ")]'):
        notice.drop_tree()
    title_links = {f"#{anchor}" for anchor in root.xpath("//h1/@id")}  # its id comes from its text
    # `dir` on <html>: the page language's direction (the translated redirect pages carry it)
    found: list[tuple] = [(0, root.tag, tuple(sorted(set(root.attrib) - {"dir"})), "")]
    links: list[tuple] = []

    def walk(element, depth: int) -> None:
        for child in element:
            if not isinstance(child.tag, str):
                continue  # comments
            if child.tag in UNWRAPPED and (child.tag == "bdi" or not child.attrib):
                walk(child, depth)
                continue
            if child.tag == "script" and (child.get("src") or "").endswith("handbook-bidi.js"):
                continue  # right-to-left pages load the bidi script for search results (site/bidi.py)
            names = set(child.attrib)
            classes = (child.get("class") or "").split()
            if "hb-source-note" in classes:
                # The site's own source note (site/source_notes.py), drawn from the references the
                # translation keeps (checked as placeholders): compared as one link, not its parts.
                links.append((child.tag, "href", _url(child.get("href") or "", page_file)))
                found.append((depth, child.tag, ("href",), ""))
                continue
            if "md-select__link" in classes:
                names.discard("aria-current")  # the switcher marks the page's own language
            if "hb-report" in classes:  # the site's report link: its query is the page's own address
                links.append((child.tag, "href", (child.get("href") or "").split("?", 1)[0]))
                found.append((depth, child.tag, tuple(sorted(names)), ""))
                walk(child, depth + 1)
                continue
            if "hb-missing" in classes:
                names -= FALLBACK_ATTRIBUTES
            if classes and set(classes) <= SITE_MARKS:
                names.discard("class")
            for name in URL_ATTRIBUTES:
                value = child.get(name)
                if value:
                    target = "#(the page title)" if value in title_links else _url(value, page_file)
                    links.append((child.tag, name, target))
            anchor = child.get("id") if child.tag != "h1" else ""  # the title's own comes from its text
            found.append((depth, child.tag, tuple(sorted(names)), anchor or ""))
            walk(child, depth + 1)

    walk(root, 1)
    return found, sorted(links)


def english_pages(site: Path) -> list[str]:
    """Every English page of the built site (the language-neutral /go/ pages have no translations)."""
    return sorted(
        path.relative_to(site).as_posix()
        for path in site.rglob("*.html")
        # hb-offline/: each language's offline page, written once per language, not translated pages
        if path.relative_to(site).parts[0] not in (*LANGS, "go", "assets", "pagefind", "hb-offline")
        # the root 404 also carries every language's 404 texts for the script that picks one
        and path.relative_to(site).as_posix() != "404.html"
    )


def fragments(site: Path) -> dict[str, dict]:
    """Pagefind's fragment of every indexed page, by URL."""
    found = {}
    for path in (site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        fragment = json.loads(data[len(b"pagefind_dcd") :])
        found[fragment["url"]] = fragment
    return found


def search_shape(fragment: dict) -> tuple:
    return (
        sorted(fragment["meta"]),
        sorted(fragment["filters"]),
        [(a["element"], a["id"] if a["element"] != "h1" else "") for a in fragment["anchors"]],
    )


def first_difference(english: list[tuple], translated: list[tuple]) -> str:
    for index, (a, b) in enumerate(zip(english, translated, strict=False)):
        if a != b:
            return f"element {index}: English {a}, translated {b}"
    return f"English has {len(english)} elements, the translation {len(translated)}"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the handbook with EDITS in its PO files, synced and built for real."""
    project: Project = copy_project(tmp_path_factory.mktemp("hostile-site") / "handbook")
    for lang, page, msgid, msgstr, machine in EDITS:
        path = project.translations_dir / lang / f"{page}.po"
        po = polib.pofile(str(path), wrapwidth=78)
        entry = po.find(msgid)
        assert entry is not None, (lang, page, msgid)
        entry.msgstr = msgstr
        if machine:
            entry.flags.append("fuzzy")
            entry.tcomment = "machine translation: argos"
        po.save(str(path))
    REFUSED.extend(sync(project, languages=["he", "ar", "ru"]).refused)
    return build_site(project)


@pytest.fixture(params=["as-is", "hostile"])
def site(request) -> Path:
    return request.getfixturevalue("built_site" if request.param == "as-is" else "hostile_site")


@pytest.mark.slow  # builds the whole site
def test_every_translated_page_has_the_english_elements_attributes_and_links(site: Path) -> None:
    pages = english_pages(site)
    assert len(pages) > 20
    differences = []
    for page_file in pages:
        english = elements(site, page_file)
        for lang in LANGS:
            translated_file = f"{lang}/{page_file}"
            assert (site / translated_file).is_file(), translated_file
            translated = elements(site, translated_file)
            if translated[0] != english[0]:
                differences.append(f"{translated_file}: {first_difference(english[0], translated[0])}")
            if translated[1] != english[1]:
                extra = sorted(set(translated[1]) ^ set(english[1]))
                differences.append(f"{translated_file}: links differ: {extra[:3]}")
    assert differences == []


@pytest.mark.slow  # builds the whole site
def test_every_translated_search_entry_has_the_english_meta_filters_and_anchors(site: Path) -> None:
    found = fragments(site)
    english = {url: fragment for url, fragment in found.items() if not LANGUAGE_PREFIX.match(url)}
    assert len(english) > 20
    for lang in LANGS:
        translated = {
            LANGUAGE_PREFIX.sub("", url): fragment
            for url, fragment in found.items()
            if url.startswith(f"/{lang}/")
        }
        assert sorted(translated) == sorted(english), lang  # no page added to or left out of the index
        for url, fragment in translated.items():
            assert search_shape(fragment) == search_shape(english[url]), f"/{lang}{url}"


@pytest.mark.slow  # builds the whole site
def test_the_hostile_texts_show_as_text_or_english(hostile_site: Path) -> None:
    """What the edits became on the built page (the comparison above proves no element was added)."""
    assert len(REFUSED) == 3, REFUSED  # the attribute list, the two headings
    page = (hostile_site / "he" / PAGE / "index.html").read_text(encoding="utf-8")
    # Latin runs are isolated with <bdi> on he/ar pages (site/bidi.py): read the text without them.
    article = re.sub(r"</?bdi>", "", page[page.index("<article") : page.index("</article>")])
    assert "hb-translation-notice" in page  # a missing and a machine segment: the notice
    assert YEAR_START in article  # a year at the start of a paragraph: text, not a list
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in article and "<script" not in article
    assert not [href for href in re.findall(r'(?:href|src)="([^"]*)"', article) if "example/" in href]
    assert "onmouseover" not in article
    assert '<li class="hb-missing" dir="ltr" lang="en">Check every order before you hand it over.' in article
    assert re.search(r'<li class="hb-missing" dir="ltr" lang="en">Don.t leave small problems', article)
    assert re.search(r'<li class="hb-machine">השתמשו בשם הלקוח', article)
    arabic = (hostile_site / "ar" / "index.html").read_text(encoding="utf-8")
    assert "في | الأسبوع الأول" in arabic
    fragment = fragments(hostile_site)[f"/he/{PAGE}/"]
    assert YEAR_START.split(" ")[0] in fragment["content"]


# --- property: any translation, through mkdocs and the handbook plugin, keeps the English elements --


class OnePage:
    """mkdocs' own page build (`_populate_page`, `_build_page`) of one Hebrew page of a project copy,
    with every plugin (the handbook's features, static-i18n, Material), as `handbook build` runs it."""

    def __init__(self, root: Path, page: str) -> None:
        from mkdocs.commands import build as mkdocs_build
        from mkdocs.config import load_config
        from mkdocs.structure.files import get_files
        from mkdocs.structure.nav import get_navigation

        self.build = mkdocs_build
        self.site = root / "site-one-page"
        config = load_config(str(root / "mkdocs.yml"), site_dir=str(self.site), strict=True)
        i18n = config.plugins.get("i18n")
        config.plugins.on_startup(command="build", dirty=False)
        i18n.current_language, i18n.building = "he", True
        self.config = config = config.plugins.on_config(config)
        files = get_files(config)
        env = config.theme.get_env()
        files.add_files_from_theme(env, config)
        self.files = config.plugins.on_files(files, config=config)
        self.nav = config.plugins.on_nav(get_navigation(self.files, config), config=config, files=self.files)
        self.env = config.plugins.on_env(env, config=config, files=self.files)
        self.file = next(f for f in self.files.documentation_pages() if f.src_uri == f"he/{page}")
        self.source = root / "docs" / "he" / page

    def render(self, markdown: str) -> str:
        """Build the page from `markdown`; the built file's path under the site folder."""
        self.source.write_text(markdown, encoding="utf-8")
        page = self.file.page
        self.build._populate_page(page, self.config, self.files)
        self.build._build_page(page, self.config, self.files.documentation_pages(), self.nav, self.env)
        return self.file.dest_uri


@pytest.fixture(scope="module")
def one_page(tmp_path_factory: pytest.TempPathFactory) -> OnePage:
    project = copy_project(tmp_path_factory.mktemp("one-page") / "handbook")
    return OnePage(project.root, f"{PAGE}.md")


def test_any_translation_built_with_the_plugin_keeps_the_english_elements(one_page: OnePage) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st
    from test_reliability_live import translations

    from handbook.segments import extract, render

    english = (one_page.source.parents[2] / "en" / f"{PAGE}.md").read_text(encoding="utf-8")
    segments = extract(english)
    built = one_page.render(render(english, lambda source: source))  # the English text, Hebrew page
    expected = elements(one_page.site, built)

    @settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.data())
    def check(data) -> None:
        body = [s for s in segments if s.kind.value not in ("title", "summary", "keywords")]
        chosen = {
            s.source: data.draw(translations(s.source))
            for s in data.draw(st.lists(st.sampled_from(body), min_size=1, max_size=6, unique=True))
        }
        page_file = one_page.render(render(english, lambda source: chosen.get(source, source)))
        translated = elements(one_page.site, page_file)
        assert translated[0] == expected[0], first_difference(expected[0], translated[0])
        assert translated[1] == expected[1]  # the English link targets, no other

    check()


def test_a_word_between_two_citations_of_one_source_keeps_their_one_note(one_page: OnePage) -> None:
    """The property test's failing case, fixed: English "… {1} {2}" ([src-004 §7] [src-004 §8]) is
    one note ("¶7, ¶8"); a translation with a word between the two placeholders still makes one
    note, the English's, and the word is kept, before it (translate/citations.py)."""
    from handbook.segments import extract, render

    english = (one_page.source.parents[2] / "en" / f"{PAGE}.md").read_text(encoding="utf-8")
    assert EDITS_PARAGRAPH in [segment.source for segment in extract(english)]
    expected = elements(one_page.site, one_page.render(render(english, lambda source: source)))
    separated = "הרושם הטוב נבנה מפרטים קטנים. {1} שירות {2}"
    page_file = one_page.render(render(english, lambda s: separated if s == EDITS_PARAGRAPH else s))
    translated = elements(one_page.site, page_file)
    assert translated[0] == expected[0], first_difference(expected[0], translated[0])
    root = lxml_html.fromstring((one_page.site / page_file).read_bytes())
    paragraph = next(p for p in root.iter("p") if "מפרטים קטנים" in p.text_content())
    notes = paragraph.xpath('.//a[contains(@class, "hb-source-note")]')
    assert len(notes) == 1 and "7" in notes[0].text_content() and "8" in notes[0].text_content()
    assert "קטנים. שירות" in re.sub(r"\s+", " ", paragraph.text_content())  # the word, kept, before it
