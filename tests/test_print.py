"""`handbook print` and `handbook build --print`: printable onboarding packs, read back from the PDF.

Each pack is rendered for real (WeasyPrint over pango) from a strictly built site and read back
with poppler's `pdffonts` and `pdftotext`: every font embedded; the cover, the table of contents
with the page each part really starts on, the path page and the principle and case pages it links
(in order of first mention, each once) with all their headings in the pack's language, the
glossary, and the links' public /go/ addresses as endnotes. One language and path per test.
"""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from ci_gate import skip_or_fail
from click.testing import CliRunner
from conftest import PUBLIC_SITE_URL, copy_project
from lxml import html as lxml_html

from handbook.cli import main
from handbook.core.project import Project
from handbook.core.ui import t
from handbook.site.links import page_path
from handbook.site.print_pack import SCREEN_ONLY, SCREEN_ONLY_CLASSES

BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")
HARAKAT = re.compile("[\u064b-\u0652]")  # Arabic vowel marks, shadda, sukun
TONE_OVER_VOWEL = re.compile("[\u0e31\u0e34-\u0e37\u0e47][\u0e48-\u0e4b]")  # Thai: a tone over an upper vowel
LAM_ALEF_MARK = re.compile("\u0644[\u064b-\u0652]+[\u0622\u0623\u0625\u0627]")  # a mark on a lam-alef's lam


@pytest.fixture(scope="module")
def poppler() -> None:
    if not (shutil.which("pdffonts") and shutil.which("pdftotext")):
        skip_or_fail("poppler-utils is not installed (apt-get install poppler-utils)", what="the print tests")


@pytest.fixture()
def printable(built_site: Path, monkeypatch: pytest.MonkeyPatch, poppler) -> Project:
    """The project the shared site was built from, with the public address set."""
    monkeypatch.setenv("HANDBOOK_ROOT", str(built_site.parent))
    monkeypatch.setenv("HANDBOOK_SITE_URL", PUBLIC_SITE_URL)
    return Project(built_site.parent)


def squash(text: str) -> str:
    """NFKC, without bidi controls and whitespace: how a title is searched for in extracted text."""
    return re.sub(r"\s+", "", BIDI_CONTROLS.sub("", unicodedata.normalize("NFKC", text)))


def pdf_pages(pdf: Path, *options: str) -> list[str]:
    command = ["pdftotext", "-enc", "UTF-8", *options, str(pdf), "-"]
    text = subprocess.run(command, capture_output=True, text=True, check=True)
    return text.stdout.split("\f")[:-1]


def unembedded_fonts(pdf: Path) -> list[str]:
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = listing.splitlines()[2:]
    assert rows, "the PDF has no fonts at all"
    # name, type..., then emb sub uni object-id generation: emb is the 5th field from the end
    return [row for row in rows if row.split()[-5] != "yes"]


def built_headings(site: Path, source: str, lang: str) -> tuple[str, list[str]]:
    """The h1 and every h2/h3 of a built page, as the site shows them."""
    tree = lxml_html.fromstring((site / page_path(source, lang) / "index.html").read_bytes())
    body = tree.xpath("//*[@data-pagefind-body]")[0]
    for button in body.xpath(".//button"):
        button.drop_tree()
    title = " ".join(body.xpath(".//h1")[0].text_content().split())
    return title, [" ".join(h.text_content().split()) for h in body.xpath(".//h2|.//h3")]


def first_mentions(project: Project, path_source: str) -> list[str]:
    """The principle and case sources an English path page links, in order of first mention."""
    text = (project.source_docs_dir / path_source).read_text(encoding="utf-8")
    found = re.findall(r"\]\(\.\./((?:principles|cases)/[\w-]+\.md)", text)
    return list(dict.fromkeys(found))


def run_print(*args: str):
    return CliRunner().invoke(main, ["print", *args])


def headings_missing(project: Project, lang: str, text: str) -> list[str]:
    """Each included page's title and headings (first-shift: the path, its linked pages, the glossary)
    not found whole in `text`, the pack's squashed extracted text."""
    sources = [
        "onboarding/first-shift.md",
        *first_mentions(project, "onboarding/first-shift.md"),
        "glossary.md",
    ]
    missing = []
    for source in sources:
        title, headings = built_headings(project.site_dir, source, lang)
        missing += [f"{source}: {h}" for h in [title, *headings] if squash(h) not in text]
    return missing


def included_words(project: Project, lang: str) -> list[str]:
    """Every word (a run of letters and marks, NFKC) of the text of first-shift's included pages."""
    sources = [
        "onboarding/first-shift.md",
        *first_mentions(project, "onboarding/first-shift.md"),
        "glossary.md",
    ]
    words = []
    for source in sources:
        tree = lxml_html.fromstring((project.site_dir / page_path(source, lang) / "index.html").read_bytes())
        body = tree.xpath("//*[@data-pagefind-body]")[0]
        # as the pack prints it: without the screen-only parts
        for element in list(body.iter()):
            classes = set((element.get("class") or "").split()) if isinstance(element.tag, str) else set()
            if element.tag in SCREEN_ONLY or classes & set(SCREEN_ONLY_CLASSES):
                element.drop_tree()
            elif element.tag == "a":  # a link is followed by its endnote number
                element.tail = " " + (element.tail or "")
        text = unicodedata.normalize("NFKC", body.text_content())
        words += re.findall(r"[^\W\d_](?:[^\W\d_]|[\u064b-\u0652\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])*", text)
    return words


def test_a_hebrew_pack_has_cover_contents_linked_pages_glossary_and_endnotes(
    printable: Project, tmp_path: Path
):
    out = tmp_path / "packs"
    result = run_print("--lang", "he", "--path", "first-shift", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()) == [
        "he/first-shift.pdf"
    ]
    pdf = out / "he" / "first-shift.pdf"
    assert unembedded_fonts(pdf) == []
    pages = [squash(page) for page in pdf_pages(pdf)]
    site = printable.site_dir

    path_title, _ = built_headings(site, "onboarding/first-shift.md", "he")
    cover = pages[0]
    # (pdftotext reorders neutral characters around digits in right-to-left lines: words checked apart)
    for expected in (path_title, "עברית", "גרסת המדריך", "0.1.0", "הודפס", str(datetime.date.today().year)):
        assert squash(expected) in cover, expected

    # Contents: each part with the page it really starts on, in order: path, linked pages, glossary, notes.
    parts = ["onboarding/first-shift.md", *first_mentions(printable, "onboarding/first-shift.md")]
    assert len(parts) == 8  # the path and its seven principles and cases
    titles = [built_headings(site, source, "he")[0] for source in parts]
    glossary_title, glossary_headings = built_headings(site, "glossary.md", "he")
    entries = [*titles, t("print.appendix", "he", title=glossary_title), t("print.notes", "he")]
    toc = pages[1]
    assert squash(t("print.contents", "he")) in toc
    starts = []
    for entry in entries:
        match = re.search(re.escape(squash(entry)) + r"\.*(\d+)", toc)
        assert match, f"{entry} is not in the contents"
        starts.append(int(match.group(1)))
        assert toc.index(squash(entry)) == toc.find(squash(entry))
    assert starts == sorted(starts) and len(set(starts)) == len(starts), starts
    for entry, start, source in zip(entries, starts, [*parts, "glossary.md", None], strict=True):
        heading = squash(entry if source is None else built_headings(site, source, "he")[0])
        assert pages[start - 1].startswith(heading) or heading in pages[start - 1][:400], (entry, start)

    # Every included page whole: its title and every heading, in Hebrew.
    text = "".join(pages[2:])
    assert headings_missing(printable, "he", text) == []
    assert glossary_headings
    # Other paths left out: the next path is only a link, none of its sections are printed.
    _, week_headings = built_headings(site, "onboarding/first-week.md", "he")
    assert not [h for h in week_headings if squash(h) in text]

    # Links are endnotes with the public, language-neutral address.
    notes = pages[-1]
    assert squash(t("print.notes", "he")) in notes
    for address in (
        "https://handbook.example.org/go/customer-comes-first/#the-idea",
        "https://handbook.example.org/go/del-taco-upland/#what-was-done",
        "https://handbook.example.org/go/first-week/",
    ):
        assert squash(address) in notes, address
    assert "127.0.0.1" not in "".join(pages)


def thai_breaks_inside_words(lines: list[str]) -> list[str]:
    """Line ends inside a Thai word in consecutive Thai lines.

    A break is between words when PyThaiNLP's dictionary segmentation of the two joined sides ends a
    word there, or when it splits a compound into two dictionary words (pango's libthai breaks
    "พระ|ราชา", PyThaiNLP keeps พระราชา whole).
    """
    from pythainlp.corpus import thai_words
    from pythainlp.tokenize import word_tokenize

    thai = re.compile("[\u0e00-\u0e7f]")
    dictionary = thai_words()
    # The text layer gives SARA AM without a tone mark as NIKHAHIT + SARA AA (NFKC's form): the
    # dictionary knows the composed letter.
    lines = [line.replace("\u0e4d\u0e32", "\u0e33") for line in lines]
    bad = []
    for before, after in zip(lines, lines[1:], strict=False):
        if not (before and after and thai.match(before[-1]) and thai.match(after[0])):
            continue
        left, right = before.split()[-1], after.split()[0]
        words = word_tokenize(left + right, engine="newmm", keep_whitespace=False)
        ends, at = set(), 0
        for word in words:
            at += len(word)
            ends.add(at)
        if len(left) in ends:
            continue
        last = word_tokenize(left, engine="newmm")[-1]
        first = word_tokenize(right, engine="newmm")[0]
        if not (last in dictionary and first in dictionary):
            bad.append(f"{left}|{right}")
    return bad


def test_a_thai_pack_breaks_lines_between_words(printable: Project, tmp_path: Path):
    result = run_print("--lang", "th", "--path", "first-shift", "--out", str(tmp_path), "--paper", "letter")
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "th" / "first-shift.pdf"
    assert unembedded_fonts(pdf) == []
    size = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "612 x 792 pts (letter)" in size
    # -raw: text in the order it was drawn (Thai marks stay in their cluster; the default mode moves
    # some above-base marks to the next line)
    lines = [line.strip() for page in pdf_pages(pdf, "-raw") for line in page.splitlines()]
    thai_lines = [line for line in lines if re.search("[\u0e00-\u0e7f]{20}", line)]
    assert len(thai_lines) > 100  # long paragraphs, wrapped many times
    breaks = thai_breaks_inside_words(lines)
    # Dictionaries differ a little (libthai's in pango, PyThaiNLP's here): allow a rare disagreement.
    assert len(breaks) <= 2, breaks
    # The text layer: every included page's title and headings as a reader copies or searches them
    # (ำ among them, also after a tone mark: "น้ำ").
    text = squash("".join(pdf_pages(pdf, "-raw")))
    assert headings_missing(printable, "th", text) == []
    # ... and every word of the included pages, SARA AM after a tone mark too ("ซ้ำ", not "ซํ้า").
    words = included_words(printable, "th")
    assert len(words) > 800 and any(re.search("[\u0e48-\u0e4b]\u0e4d\u0e32", w) for w in words)
    assert [w for w in words if w not in text] == []
    # ... and in pdftotext's default (layout) mode, where a mark of no width over its letter would
    # be taken for doubled text and set on a line of its own ("ผูด / ้ แ / ู ล" for "ผู้ดูแล").
    # Known gap: a tone mark raised over an upper vowel may read before the vowel ("เก่ียว").
    laid_out = squash("".join(pdf_pages(pdf)))
    misread = [w for w in words if w not in laid_out]
    assert [w for w in misread if not TONE_OVER_VOWEL.search(w)] == [] and len(misread) <= 2, misread


def test_an_arabic_pack_is_laid_out_right_to_left(printable: Project, tmp_path: Path):
    result = run_print("--lang", "ar", "--path", "first-shift", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "ar" / "first-shift.pdf"
    bbox = subprocess.run(
        ["pdftotext", "-bbox", "-f", "3", "-l", "3", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    width = float(re.search(r'<page width="([\d.]+)"', bbox).group(1))
    words = [
        (float(y_min), float(x_min), float(x_max))
        for x_min, y_min, x_max in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"', bbox)
    ]
    # The page's title (its first line, short) sits at the right margin (16 mm = 45 pt), not the left.
    top = min(y for y, _, _ in words)
    title = [(x_min, x_max) for y, x_min, x_max in words if abs(y - top) < 2]
    assert width - 50 <= max(x for _, x in title) <= width - 40, title
    assert min(x for x, _ in title) > width / 2, title
    assert unembedded_fonts(pdf) == []
    # The text layer: every included page's title and headings, lam-alef ligatures in logical order,
    # vowel marks WeasyPrint raises (text rise) in their word ("لماذا يهمّ هذا"), brackets drawn
    # mirrored read as written ("(كاليفورنيا)"), a mark on a lam-alef ligature's lam between its
    # two letters ("العميل أولًا"); and every word of the pages' text with a mark.
    text = squash("".join(pdf_pages(pdf)))
    assert headings_missing(printable, "ar", text) == []
    marked = [w for w in included_words(printable, "ar") if HARAKAT.search(w)]
    assert len(marked) > 200 and len([w for w in marked if LAM_ALEF_MARK.search(w)]) > 20
    assert [w for w in marked if w not in text] == []


@pytest.mark.parametrize(
    ("lang", "lines"),
    [
        # a mark on a lam-alef ligature's lam ("أولًا", shadda and fatha in "بِـلَّا"), on its alef
        # ("أهلاً"), alone on a line ("لًا")
        ("ar", ["العميل أولًا", "أهلاً وسهلاً", "لًا", "قليلًا بِـلَّا مثلًا", "(سؤالًا كاملًا)"]),
        # marks of no width over their letter ("ผู้"), SARA AM with and without a tone mark
        ("th", ["ผู้ดูแล Service Training team", "ซ้ำ ทำงาน น้ำ", "ดูแลลูกค้าที่อยู่ตรงหน้าให้เสร็จก่อน"]),
    ],
)
def test_a_small_page_reads_back_in_order_and_is_drawn_the_same(
    lang: str, lines: list[str], tmp_path: Path, poppler
):
    """The text layer on a small page, regular and bold, read back line by line with pdftotext's
    default (layout) mode; the page with the text layer is pixel for pixel the page WeasyPrint drew."""
    from weasyprint import HTML

    from handbook.site.print_style import pack_css
    from handbook.site.print_text import text_layer

    body = "".join(f"<p>{line}</p><p><b>{line}</b></p>" for line in lines)
    direction = "rtl" if lang == "ar" else "ltr"
    page = f'<html lang="{lang}" dir="{direction}"><style>{pack_css("a4")}</style><body>{body}</body></html>'
    HTML(string=page).write_pdf(tmp_path / "drawn.pdf")
    HTML(string=page).write_pdf(tmp_path / "read.pdf", finisher=text_layer)
    read = [squash(line) for line in pdf_pages(tmp_path / "read.pdf")[0].splitlines() if line.strip()]
    assert read == [squash(line) for line in lines for _ in (1, 2)]
    for name in ("drawn", "read"):
        subprocess.run(
            ["pdftoppm", "-r", "50", str(tmp_path / f"{name}.pdf"), str(tmp_path / name)], check=True
        )
    assert (tmp_path / "drawn-1.ppm").read_bytes() == (tmp_path / "read-1.ppm").read_bytes()


def test_the_font_check_flags_a_font_that_is_not_embedded(tmp_path: Path, poppler):
    """A hand-made PDF using Helvetica without embedding it: the check the packs pass must catch it."""
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        None,
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    stream = b"BT /F1 12 Tf 20 100 Td (Hello) Tj ET"
    body, offsets = b"%PDF-1.4\n", []
    for number, text in enumerate(objects, start=1):
        offsets.append(len(body))
        content = (
            f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream"
            if text is None
            else text.encode()
        )
        body += f"{number} 0 obj\n".encode() + content + b"\nendobj\n"
    xref = len(body)
    body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    body += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    body += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    pdf = tmp_path / "plain.pdf"
    pdf.write_bytes(body)
    assert [row.split()[0] for row in unembedded_fonts(pdf)] == ["Helvetica"]


@pytest.mark.browser
def test_a_hebrew_page_prints_without_navigation(page, site_url: str):
    """The print stylesheet on a right-to-left page, in Chromium's print emulation."""
    tab = page.page
    tab.goto(f"{site_url}/he/principles/customer-comes-first/")
    tab.emulate_media(media="print")
    for selector in (
        ".md-header",
        ".md-sidebar--primary",
        ".md-sidebar--secondary",
        ".md-footer",
        ".hb-copy-link",
    ):
        assert tab.locator(selector).first.is_hidden(), f"{selector} is printed"
    assert tab.locator("article h1").is_visible()
    assert tab.evaluate("getComputedStyle(document.querySelector('article')).direction") == "rtl"


def test_printing_for_a_loopback_address_is_refused_unless_allowed(
    built_site: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, poppler
):
    monkeypatch.setenv("HANDBOOK_ROOT", str(built_site.parent))
    monkeypatch.delenv("HANDBOOK_SITE_URL", raising=False)  # mkdocs.yml's site_url is http://127.0.0.1:8000/
    out = tmp_path / "packs"
    refused = run_print("--lang", "en", "--path", "first-shift", "--out", str(out))
    assert refused.exit_code == 1
    assert "http://127.0.0.1:8000/" in refused.output
    assert "--site-url" in refused.output and "HANDBOOK_SITE_URL" in refused.output
    assert not out.exists()
    allowed = run_print("--lang", "en", "--path", "first-shift", "--out", str(out), "--allow-local")
    assert allowed.exit_code == 0, allowed.output
    assert "http://127.0.0.1:8000/go/customer-comes-first/#the-idea" in squash(
        "".join(pdf_pages(out / "en" / "first-shift.pdf"))
    )


def test_unknown_languages_and_paths_are_named(printable: Project, tmp_path: Path):
    out = tmp_path / "packs"
    bad_lang = run_print("--lang", "he", "--lang", "xx", "--out", str(out))
    assert bad_lang.exit_code == 1 and "xx" in bad_lang.output and "he, ar, th, ru" in bad_lang.output
    bad_path = run_print("--path", "first-shift", "--path", "last-shift", "--out", str(out))
    assert bad_path.exit_code == 1 and "last-shift" in bad_path.output
    assert "first-shift, first-week, handling-complaints" in bad_path.output
    not_a_path = run_print("--path", "customer-comes-first", "--out", str(out))
    assert not_a_path.exit_code == 1 and "customer-comes-first" in not_a_path.output
    assert not out.exists()


def test_a_failure_midway_leaves_no_partial_output(
    built_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, poppler
):
    project = copy_project(tmp_path / "handbook")
    monkeypatch.setenv("HANDBOOK_ROOT", str(project.root))
    monkeypatch.setenv("HANDBOOK_SITE_URL", PUBLIC_SITE_URL)
    for lang in ("he", "ru"):
        shutil.copytree(built_site / lang, project.site_dir / lang)
    (project.site_dir / "ru" / "glossary" / "index.html").unlink()  # ru is printed after he
    out = tmp_path / "out" / "packs"
    result = run_print("--lang", "he", "--lang", "ru", "--path", "first-shift", "--out", str(out))
    assert result.exit_code == 1
    assert "ru/glossary/index.html" in result.output and "handbook build" in result.output
    assert not out.exists()
    assert list((tmp_path / "out").iterdir()) == []  # no temporary folder left either


def test_a_missing_weasyprint_is_named_with_what_to_install(printable: Project, tmp_path: Path):
    code = (
        "import sys; sys.modules['weasyprint'] = None\n"
        "from handbook.cli import main\n"
        f"main(['print', '--lang', 'en', '--path', 'first-shift', '--out', {str(tmp_path / 'packs')!r}])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stderr
    assert "WeasyPrint" in result.stderr and "pip install" in result.stderr and "pango" in result.stderr
    assert not (tmp_path / "packs").exists()


@pytest.mark.slow
def test_build_print_puts_every_pack_in_the_site_linked_from_its_path_page(
    project_copy: Project, monkeypatch: pytest.MonkeyPatch, poppler
):
    monkeypatch.setenv("HANDBOOK_SITE_URL", PUBLIC_SITE_URL)
    result = CliRunner().invoke(main, ["build", "--print"])
    assert result.exit_code == 0, result.output
    site = project_copy.site_dir
    paths = ["first-shift", "first-week", "handling-complaints"]
    for lang in ("en", "he", "ar", "th", "ru"):
        for path_id in paths:
            page = site / page_path(f"onboarding/{path_id}.md", lang) / "index.html"
            links = lxml_html.fromstring(page.read_bytes()).xpath("//p[@class='hb-print-pack']/a")
            assert len(links) == 1, page
            assert links[0].text_content() == t("print.pack_link", lang)
            pdf = (page.parent / links[0].get("href")).resolve()
            assert pdf == (site / "print" / lang / f"{path_id}.pdf").resolve() and pdf.is_file()
            assert pdf.read_bytes().startswith(b"%PDF")
    # One pack read back: the path's title in its language.
    title, _ = built_headings(site, "onboarding/first-week.md", "ru")
    assert squash(title) in squash(pdf_pages(site / "print" / "ru" / "first-week.pdf")[0])
    # Only path pages get the link.
    principle = site / "principles" / "customer-comes-first" / "index.html"
    assert "hb-print-pack" not in principle.read_text(encoding="utf-8")


def test_a_plain_build_has_no_packs_and_no_links_to_them(built_site: Path):
    assert not (built_site / "print").exists()
    page = (built_site / "he" / "onboarding" / "first-shift" / "index.html").read_text(encoding="utf-8")
    assert "hb-print-pack" not in page and ".pdf" not in page


def test_build_print_with_a_loopback_address_is_refused_before_building(project_copy: Project, poppler):
    result = CliRunner().invoke(main, ["build", "--print"], env={"HANDBOOK_SITE_URL": ""})
    assert result.exit_code == 1
    assert "building" not in result.output  # refused before any language is built
    assert "--site-url" in result.output and "HANDBOOK_SITE_URL" in result.output
    assert not project_copy.site_dir.exists()
