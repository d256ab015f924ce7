"""`handbook ingest`: golden files for the five raw articles, encodings, language, bad input, the CLI."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from handbook.cli.main import main
from handbook.ingest.clean import slug_for
from handbook.ingest.decode import DecodeError, decode, normalise
from handbook.ingest.files import ingest_files
from handbook.ingest.language import LanguageError, detect_language
from handbook.ingest.output import load_sources, render_clean
from handbook.ingest.pipeline import ingest_bytes
from handbook.ingest.records import IngestError

REPO = Path(__file__).resolve().parent.parent
SOURCES = REPO / "sources"
RAW = sorted((SOURCES / "raw").glob("*.txt"))
FIXTURES = REPO / "tests" / "data" / "ingest" / "fixtures"
SEED_IDS = [
    "src-000-starbucks-he",
    "src-001-customer-not-king-ar",
    "src-002-four-assumptions-th",
    "src-003-passionate-customers-ru",
    "src-004-loyalty-posts-ru",
]
SAMPLES = {
    "he": "ביקורת שלילית ברשת היא הזדמנות להראות ללקוחות אחרים איך העסק מתנהג כשמשהו משתבש.",
    "ar": "العميل الغاضب لا يريد محاضرة، بل يريد أن يشعر بأن أحدا يستمع إليه ويأخذ مشكلته على محمل الجد.",
    "th": "ลูกค้าที่โทรมาร้องเรียนส่วนใหญ่ต้องการให้ปัญหาได้รับการแก้ไข ไม่ได้ต้องการทะเลาะกับพนักงาน",
    "ru": "Клиент, который пишет в поддержку, уже потратил время, пытаясь решить проблему сам.",
    "en": "A complaint that arrives by email deserves an answer within one working day, even if it is short.",
}


# --- sources/ and golden files ---------------------------------------------------------------


def test_sources_yml_lists_the_five_raw_articles_with_the_agreed_ids() -> None:
    index = load_sources(SOURCES / "sources.yml")
    assert sorted(entry.id for entry in index.values()) == SEED_IDS
    assert sorted(index) == [path.name for path in RAW]
    for entry in index.values():
        assert entry.language in {"he", "ar", "th", "ru"}
        assert entry.about and entry.origin and entry.reliability, entry.id
        assert (SOURCES / entry.file).is_file()


@pytest.mark.parametrize("raw", RAW, ids=lambda p: p.name)
def test_raw_articles_are_kept_byte_for_byte(raw: Path) -> None:
    entries = yaml.safe_load((SOURCES / "sources.yml").read_text(encoding="utf-8"))["sources"]
    recorded = {Path(e["file"]).name: e["sha256"] for e in entries}
    digest = hashlib.sha256(raw.read_bytes()).hexdigest()
    assert recorded[raw.name] == digest
    assert f"sha256: {digest}" in render_clean(ingest_bytes(raw.read_bytes(), name=raw.name))


def test_golden_clean_files_match_a_fresh_run(tmp_path: Path) -> None:
    run = ingest_files(RAW, tmp_path, root=REPO, sources=load_sources(SOURCES / "sources.yml"))
    assert not run.errors
    assert sorted(path.name for path in tmp_path.iterdir()) == [f"{i}.md" for i in SEED_IDS]
    for path in sorted(tmp_path.iterdir()):
        golden = SOURCES / "clean" / path.name
        assert path.read_text(encoding="utf-8") == golden.read_text(encoding="utf-8"), path.name


def test_golden_seed_cleaning_removes_the_known_junk() -> None:
    removed: dict[str, list[tuple[str, str]]] = {}
    for raw in RAW:
        source = ingest_bytes(raw.read_bytes(), name=raw.name)
        removed[raw.name[:3]] = [(c.reason, c.text) for c in source.removed]
        body = render_clean(source).split("---\n", 2)[2]
        for junk in ("$config", "Posted", "CLOSE", "Credit", "Interview With an Ex Vampire", "ที่เกี่ยวข้อง"):
            assert junk not in body, (raw.name, junk)
    assert ("template placeholder", "$config[code] not found") in removed["000"]
    assert ("table-of-contents stub", "תוכן עניינים:") in removed["000"]
    assert ("dangling link words at paragraph end (link text of a source credit)", "חוטי") in removed["000"]
    assert removed["001"][0][0] == "unrelated video title"
    assert {reason for reason, _ in removed["001"][1:]} == {"related-articles teaser list"}
    assert ("spam or ad credit", "Credit : ยูฟ่าสล็อต888") in removed["002"]
    assert ("repeated title", "Между безразличием и страстью") in removed["003"]
    seed_003 = ingest_bytes(RAW[3].read_bytes(), name=RAW[3].name)
    assert seed_003.title == "Между безразличием и страстью"
    assert [(c.line, c.reason) for c in seed_003.repaired] == [
        (1, "Title Case heading written as its sentence-case repeat")
    ]
    assert ("tag-archive header", "Архив тегов: лояльность") in removed["004"]
    assert ("dangling link word", "Пример") in removed["004"]


def test_seed_flags_untranslated_fragments_and_the_truncated_ending() -> None:
    flags = {
        raw.name[:3]: [(f.reason, f.text) for f in ingest_bytes(raw.read_bytes(), name=raw.name).flags]
        for raw in RAW
    }
    assert ("untranslated foreign fragment", "giveth, taketh, tweaking") in flags["000"]
    assert ("untranslated foreign fragment", "am, ecommerce") in flags["002"]
    assert flags["003"] == [
        (
            "truncated ending: the text stops mid-sentence",
            "… обеспечения лояльности внутри вашей собственной организации",
        )
    ]
    assert flags["004"] == []


# --- decoding and normalisation --------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "codec"),
    [
        ("he", "cp1255"),
        ("ar", "cp1256"),
        ("ru", "cp1251"),
        ("ru", "koi8_r"),
        ("th", "cp874"),
        ("he", "utf-8-sig"),
        ("ar", "utf-16"),
        ("th", "utf-16-le"),
        ("ru", "utf-16-be"),
        ("en", "utf-8"),
    ],
)
def test_encodings_are_detected(lang: str, codec: str) -> None:
    text = "\n\n".join([SAMPLES[lang]] * 4)
    decoded = decode(text.encode(codec))
    assert decoded.text == text
    assert detect_language(decoded.text) == lang


def test_mojibake_zero_width_and_control_characters_are_repaired() -> None:
    broken = "Между безразличием".encode().decode("cp1251") + "\n" + "Кли\u200bент\x07 и\u00adсервис"
    text, repairs = normalise(broken)
    assert text == "Между безразличием\nКлиент исервис"
    assert [reason for _, _, reason in repairs] == [
        "mojibake: UTF-8 read as cp1251, decoded again",
        "removed 3 invisible or control character(s)",
    ]


def test_text_is_nfc() -> None:
    decomposed = "שָׁלוֹם".replace("שׁ", "ש\u05c1")
    assert normalise("e\u0301" + decomposed)[0] == "é" + __import__("unicodedata").normalize(
        "NFC", decomposed
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the file is empty"),
        (
            b"\x00\x01\x02\x03binary\x00\xff" * 50,
            "the file is binary (it holds NUL or control bytes), not a text article",
        ),
        (
            "Клиент всегда прав".encode() + b"\xff\xfe" + "и точка".encode(),
            "undecodable bytes: the file is mostly UTF-8 but byte 34 (0xff) and 1 more are not valid UTF-8",
        ),
        (b"   \n\t\n", "the file holds no text (only whitespace or invisible characters)"),
    ],
)
def test_bad_bytes_raise_a_clear_error(data: bytes, message: str) -> None:
    with pytest.raises(DecodeError) as info:
        decode(data)
    assert str(info.value) == message


# --- language --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_language_of_each_sample(lang: str) -> None:
    assert detect_language(SAMPLES[lang]) == lang


def test_language_ignores_english_names_inside_other_scripts() -> None:
    assert detect_language("Starbucks ו-Yelp הם דוגמאות. " + SAMPLES["he"]) == "he"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Guten Tag, wie geht es Ihnen heute? Wir helfen gern weiter.",
            "could not identify the language: "
            "Latin-script text that is not English (0 of 11 words are common English words)",
        ),
        (
            "顾客就是上帝。我们总是乐于为顾客提供帮助和服务。",
            "could not identify the language: 22 of 22 letters "
            "are in a script other than Latin, Hebrew, Arabic, Thai or Cyrillic",
        ),
        (
            "Привіт, як справи? Ми завжди раді допомогти клієнтам і їхнім родинам.",
            "could not identify the language: Cyrillic text with Ukrainian/Belarusian letters",
        ),
        ("12345 !!! ---", "too little text to identify the language (0 letters)"),
    ],
)
def test_unidentifiable_language_is_an_error(text: str, message: str) -> None:
    with pytest.raises(LanguageError) as info:
        detect_language(text)
    assert str(info.value) == message


# --- ids -------------------------------------------------------------------------------------


def test_unlisted_files_get_a_stable_slug() -> None:
    assert slug_for("raw/My Article (2).HTML") == "src-my-article-2"
    assert slug_for("שירות_לקוחות.txt") == "src-שירות_לקוחות"
    assert slug_for("---.txt") == "src-article"


# --- the command -----------------------------------------------------------------------------


def _run(args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("HANDBOOK_ROOT", raising=False)
    monkeypatch.chdir(tmp_path)
    return CliRunner().invoke(main, ["ingest", *args], catch_exceptions=False)


def test_cli_ingests_writes_and_second_run_changes_nothing(tmp_path: Path, monkeypatch) -> None:
    for fixture in ("en-greeting.html", "he-negative-reviews.txt"):
        shutil.copy(FIXTURES / fixture, tmp_path / fixture)
    result = _run(
        ["en-greeting.html", "he-negative-reviews.txt", "--out", "clean", "--json"], tmp_path, monkeypatch
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["errors"] == []
    assert [r["id"] for r in report["results"]] == ["src-en-greeting", "src-he-negative-reviews"]
    first = report["results"][1]
    assert set(first) >= {"input", "id", "lang", "title", "output", "removed", "repaired"}
    assert first["output"] == "clean/src-he-negative-reviews.md"
    assert {"line": 2, "text": "זמן קריאה: 3 דקות", "reason": "reading time or date stamp"} in first[
        "removed"
    ]
    before = {p.name: p.read_bytes() for p in (tmp_path / "clean").iterdir()}
    again = _run(["en-greeting.html", "he-negative-reviews.txt", "--out", "clean"], tmp_path, monkeypatch)
    assert again.exit_code == 0
    assert "ingested 2 of 2 file(s), 0 written" in again.stderr
    assert {p.name: p.read_bytes() for p in (tmp_path / "clean").iterdir()} == before
    assert "reading time or date stamp" in again.stdout  # the readable table


def test_cli_bad_inputs_fail_clearly_and_the_rest_is_processed(tmp_path: Path, monkeypatch) -> None:
    shutil.copy(FIXTURES / "ru-support-replies.txt", tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    with open(tmp_path / "huge.txt", "wb") as handle:
        handle.truncate(10 * 1024 * 1024 + 1)
    (tmp_path / "broken.txt").write_bytes("Клиент всегда прав".encode() + b"\xff\xfe" + "и точка".encode())
    (tmp_path / "german.txt").write_text(
        "Guten Tag, wie geht es Ihnen heute? Wir helfen gern weiter.", encoding="utf-8"
    )
    names = ["empty.txt", "binary.txt", "huge.txt", "broken.txt", "german.txt", "missing.txt", "good.txt"]
    result = _run([*names, "--out", "clean", "--json"], tmp_path, monkeypatch)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert [r["input"] for r in report["results"]] == ["good.txt"]
    assert [e["message"] for e in report["errors"]] == [
        "empty.txt: the file is empty",
        "binary.txt: the file is binary (it holds NUL or control bytes), not a text article",
        "huge.txt: the file is 10,485,761 bytes; the limit is 10,485,760 (10 MB)",
        "broken.txt: undecodable bytes: the file is mostly UTF-8 but byte 34 (0xff) and 1 more are not valid UTF-8",
        "german.txt: could not identify the language: Latin-script text that is not English "
        "(0 of 11 words are common English words)",
        "missing.txt: no such file",
    ]
    assert sorted(p.name for p in (tmp_path / "clean").iterdir()) == [".handbook.lock", "src-good.md"]
    assert (
        "ingested 1 of 7 file(s), 1 written; failed: empty.txt, binary.txt, huge.txt, broken.txt, "
        "german.txt, missing.txt"
    ) in result.stderr
    assert (
        "error: missing.txt: no such file\n  fix: check the path (quote names with spaces)\n" in result.stderr
    )
    assert [e["fix"] for e in report["errors"]] == [
        "re-save the article, or leave this file out of the run",
        "pass the article's text or HTML file, not an image, PDF or archive",
        "split the file, or save only the article's own page",
        "re-save the file as UTF-8 (or in its language's usual code page)",
        "handbook ingest reads en, he, ar, th and ru; leave this file out",
        "check the path (quote names with spaces)",
    ]


def test_cli_front_matter_has_provenance(tmp_path: Path, monkeypatch) -> None:
    shutil.copy(FIXTURES / "he-negative-reviews.txt", tmp_path / "a.txt")
    assert _run(["a.txt", "--out", "out"], tmp_path, monkeypatch).exit_code == 0
    text = (tmp_path / "out" / "src-a.md").read_text(encoding="utf-8")
    assert text.startswith("---\n# generated by `handbook ingest`")
    meta = yaml.safe_load(text.split("---\n")[1])
    assert meta["id"] == "src-a" and meta["lang"] == "he" and meta["raw"] == "a.txt"
    assert meta["title"] == "איך לענות לביקורת שלילית"
    assert len(meta["sha256"]) == 64
    assert meta["flags"] == ["line 16: untranslated foreign fragment: feedback"]
    assert "\n# איך לענות לביקורת שלילית\n\n" in text and "\n## קודם כל, להירגע\n" in text


def test_ingest_error_for_html_without_main_text() -> None:
    with pytest.raises(IngestError) as info:
        ingest_bytes(
            b"<html><head><title>x</title></head><body><script>var a;</script></body></html>", name="x.html"
        )
    assert str(info.value) == "no main text found in the HTML page"


def test_cli_in_a_project_uses_sources_yml_ids_and_sources_clean(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    shutil.copytree(SOURCES / "raw", tmp_path / "sources" / "raw")
    shutil.copy(SOURCES / "sources.yml", tmp_path / "sources" / "sources.yml")
    result = _run(["sources/raw"], tmp_path, monkeypatch)  # a directory: every article in it
    assert result.exit_code == 0, result.output
    assert "ingested 5 of 5 file(s), 5 written" in result.stderr
    written = sorted((tmp_path / "sources" / "clean").iterdir())
    assert [p.stem for p in written] == SEED_IDS
    for path in written:
        assert path.read_bytes() == (SOURCES / "clean" / path.name).read_bytes(), path.name


def test_language_that_contradicts_sources_yml_is_flagged(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    (tmp_path / "sources").mkdir()
    shutil.copy(FIXTURES / "ru-support-replies.txt", tmp_path / "sources" / "a.txt")
    (tmp_path / "sources" / "sources.yml").write_text(
        "sources:\n  - {id: src-a, file: a.txt, language: he}\n", encoding="utf-8"
    )
    result = _run(["sources/a.txt", "--json"], tmp_path, monkeypatch)
    record = json.loads(result.stdout)["results"][0]
    assert record["id"] == "src-a" and record["output"] == "sources/clean/src-a.md"
    assert record["flags"][0] == {
        "line": 0,
        "text": "he",
        "reason": "sources.yml says he, the text reads as ru",
    }


def test_broken_sources_yml_is_a_clear_error(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: test\n", encoding="utf-8")
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "sources.yml").write_text("sources: {id: x}\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text(SAMPLES["en"], encoding="utf-8")
    result = CliRunner().invoke(main, ["ingest", "a.txt"], env={"HANDBOOK_ROOT": str(tmp_path)})
    assert result.exit_code == 1
    assert "sources.yml: expected a top-level `sources:` list" in result.stderr


def test_markup_in_a_source_never_becomes_markup_in_the_clean_text() -> None:
    from markdown_it import MarkdownIt

    text = (
        "How to answer a complaint\n\n"
        "Never paste <script>alert(1)</script> or <b>bold</b> into a reply to the customer, it is unsafe.\n\n"
        "# not a heading, and [a link](javascript:alert(1)) and *stars* stay plain text in the reply.\n"
    )
    rendered = render_clean(ingest_bytes(text.encode("utf-8"), name="x.txt"))
    html = MarkdownIt("commonmark").render(rendered.split("---\n", 2)[2])
    assert "<script" not in html and "<b>" not in html and "<a " not in html and "<em>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<p># not a heading, and [a link](javascript:alert(1)) and *stars* stay" in html


def test_golden_removal_report_of_the_five_raw_articles(tmp_path: Path) -> None:
    """Regenerate with: handbook ingest sources/raw/* --json > tests/data/ingest/seeds.report.json"""
    run = ingest_files(RAW, tmp_path, root=REPO, sources=load_sources(SOURCES / "sources.yml"))
    golden = json.loads(
        (REPO / "tests" / "data" / "ingest" / "seeds.report.json").read_text(encoding="utf-8")
    )
    report = run.as_dict()
    for record, expected in zip(report["results"], golden["results"], strict=True):
        assert record.pop("output") == str(tmp_path / f"{record['id']}.md")
        assert expected.pop("output") == f"sources/clean/{expected['id']}.md"
    assert report == golden


@pytest.mark.parametrize(
    ("text", "paragraph"),
    [
        (
            "Компания внедряет ноу-\nхау для увеличения лояльности клиентов и следит за результатом.",
            "Компания внедряет ноу-хау для увеличения лояльности клиентов и следит за результатом.",
        ),
        (
            "A clerk who sighs at a\nreceipt loses more than the sale.",
            "A clerk who sighs at a receipt loses more than the sale.",
        ),
        (
            "ความเสียหายเล็กน้อยเป็นส่วนหนึ่งของงบการตลาด เพราะลูกค้าที่\nประทับใจจะบอกต่อให้เพื่อน",
            "ความเสียหายเล็กน้อยเป็นส่วนหนึ่งของงบการตลาด เพราะลูกค้าที่ประทับใจจะบอกต่อให้เพื่อน",
        ),
        (
            "Лиля знает всех постоянных клиентов по именам и всегда спрашивает,\nкак у них дела.",
            "Лиля знает всех постоянных клиентов по именам и всегда спрашивает, как у них дела.",
        ),
    ],
)
def test_lines_broken_mid_sentence_are_joined(text: str, paragraph: str) -> None:
    source = ingest_bytes(text.encode("utf-8"), name="x.txt")
    assert paragraph in [b.text for b in source.blocks] + [source.title]
    assert any(
        c.reason.startswith("line broken in the middle of a sentence, joined") for c in source.repaired
    )


def test_html_line_separators_inside_a_paragraph_do_not_shift_lines() -> None:
    page = (
        "<html><head><title>Returns</title></head><body><article><h1>Returns</h1>"
        "<p>Accept a return within the rules\u2028without questions, and thank the customer for coming back.</p>"
        "<p>If it is outside the rules, explain the rule once and offer store credit or a repair.</p>"
        "</article></body></html>"
    )
    source = ingest_bytes(page.encode("utf-8"), name="returns.html")
    assert [b.text for b in source.blocks] == [
        "Accept a return within the rules without questions, and thank the customer for coming back.",
        "If it is outside the rules, explain the rule once and offer store credit or a repair.",
    ]


def test_cli_outside_a_project_without_out_says_so_and_writes_nothing(tmp_path: Path, monkeypatch) -> None:
    shutil.copy(FIXTURES / "he-negative-reviews.txt", tmp_path / "a.txt")
    monkeypatch.delenv("HANDBOOK_ROOT", raising=False)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["ingest", "a.txt"])
    assert result.exit_code == 1
    assert "no mkdocs.yml found" in result.stderr
    assert "pass --out" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_cli_with_a_handbook_root_that_does_not_exist_writes_nothing(tmp_path: Path, monkeypatch) -> None:
    shutil.copy(FIXTURES / "he-negative-reviews.txt", tmp_path / "a.txt")
    monkeypatch.setenv("HANDBOOK_ROOT", str(tmp_path / "no-such-checkout"))
    monkeypatch.chdir(tmp_path)
    for extra in ([], ["--out", "clean"]):
        result = CliRunner().invoke(main, ["ingest", "a.txt", *extra])
        assert result.exit_code == 1
        assert "HANDBOOK_ROOT does not hold a mkdocs.yml" in result.stderr
        assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt"]


def test_cli_says_why_nothing_was_written(tmp_path: Path, monkeypatch) -> None:
    shutil.copy(FIXTURES / "he-negative-reviews.txt", tmp_path / "a.txt")
    first = _run(["a.txt", "--out", "clean"], tmp_path, monkeypatch)
    again = _run(["a.txt", "--out", "clean"], tmp_path, monkeypatch)
    assert first.exit_code == 0 and again.exit_code == 0
    assert "ingested 1 of 1 file(s), 1 written\n" in first.stderr
    assert "ingested 1 of 1 file(s), 0 written (1 unchanged since the last run)" in again.stderr


def test_clean_files_keep_the_mode_the_umask_gives(tmp_path: Path, monkeypatch) -> None:
    shutil.copy(FIXTURES / "he-negative-reviews.txt", tmp_path / "a.txt")
    old = os.umask(0o022)
    try:
        result = _run(["a.txt", "--out", "clean"], tmp_path, monkeypatch)
    finally:
        os.umask(old)
    assert result.exit_code == 0
    assert stat.S_IMODE((tmp_path / "clean" / "src-a.md").stat().st_mode) == 0o644
