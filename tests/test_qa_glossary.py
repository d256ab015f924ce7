"""The glossary schema (names, numbers) and the QA built on it: names, number formats, Thai
punctuation, notes about English, link texts against their targets' titles, accepted findings
kept through a sync."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from handbook.checks.qa import check_segment
from handbook.checks.translations import same_title
from handbook.cli.main import main
from handbook.core.errors import HandbookError
from handbook.translate.glossary import Glossary, Name, NumberRule, load_glossary
from handbook.translate.memory import SegmentState, catalog_text, parse_catalog
from handbook.translate.sync import sync

ROOT = Path(__file__).parent.parent

GLOSSARY = Glossary(
    do_not_translate=("Del Taco",),
    terms=(),
    names=(
        Name(
            ("Steve Miller",),
            "person",
            {"he": ("סטיב מילר",), "ar": ("ستيف ميلر",), "th": ("สตีฟ มิลเลอร์",), "ru": ("Стив Миллер",)},
            {},
        ),
        Name(
            ("Foothill Blvd.",),
            "place",
            {lang: ("Foothill Blvd.",) for lang in ("he", "ar", "th", "ru")},
            {"ru": "(бульвар)"},
        ),
        Name(
            ("Lily Martinez", "Lily"),
            "person",
            {"ru": ("Лили Мартинес", "Лили"), "he": ("לילי מרטינס", "לילי")},
            {},
        ),
    ),
    numbers={
        "ru": NumberRule(group="\u00a0", decimal=","),
        "ar": NumberRule(group="", decimal="."),
        "he": NumberRule(group=",", decimal="."),
        "th": NumberRule(group=",", decimal="."),
    },
)


def codes(source: str, target: str, lang: str) -> list[str]:
    return [finding.code for finding in check_segment(source, target, lang, GLOSSARY)]


def test_names_follow_the_names_section() -> None:
    # Transcribed: the Latin name is a finding, the transcription (inflected, after a prefix) is not.
    assert codes("Steve Miller said so.", "Так сказал Steve Miller.", "ru") == ["qa-names"]
    assert codes("Ask Steve Miller.", "Спросите Стива Миллера.", "ru") == []
    assert codes("Ask Steve Miller.", "שאלו את סטיב מילר.", "he") == []
    assert codes("Steve Miller said so.", "وهذا ما قاله ستيف ميلر.", "ar") == []
    # Kept in Latin: a transcription is the finding; the allowed gloss may follow.
    assert codes("On Foothill Blvd.", "На Футхилл-бульваре", "ru") == ["qa-names"]
    assert codes("On Foothill Blvd.", "На Foothill Blvd. (бульвар)", "ru") == []
    # A short form needs its own rendering.
    assert codes("Lily is kind.", "Lily добра.", "ru") == ["qa-names"]
    assert codes("Lily is kind.", "Лили добра.", "ru") == []
    message = check_segment("Steve Miller said so.", "Steve Miller сказал так.", "ru", GLOSSARY)[0].message
    assert message == "'Steve Miller' is transcribed in ru: write 'Стив Миллер'"


def test_numbers_follow_each_languages_rule() -> None:
    assert codes("more than 4,000 ratings", "более 4 000 оценок", "ru") == ["qa-number-format"]
    assert codes("more than 4,000 ratings", "более 4\u00a0000 оценок", "ru") == []
    assert codes("a 4.5 rating", "оценка 4.5", "ru") == ["qa-number-format"]
    assert codes("a 4.5 rating", "оценка 4,5", "ru") == []
    assert codes("4,000 ratings", "4,000 تقييم", "ar") == ["qa-number-format"]
    assert codes("4,000 ratings", "4000 تقييم", "ar") == []
    assert codes("4,000 ratings", "4,000 דירוגים", "he") == []
    # A year the English does not group stays ungrouped; Arabic-Indic digits are flagged.
    assert codes("since 2009", "с 2009 года", "ru") == []
    assert "qa-number-format" in codes("since 2009", "منذ ٢٠٠٩", "ar")


def test_latin_full_stop_colon_and_semicolon_are_flagged_in_thai() -> None:
    assert codes("Be kind. Always.", "ใจดีไว้. เสมอ", "th") == ["qa-thai-punctuation"]
    assert codes("Lessons:", "บทเรียน:", "th") == ["qa-thai-punctuation"]
    assert codes("Be kind; always", "ใจดีไว้; เสมอ", "th") == ["qa-thai-punctuation"]
    # Not "?", not a decimal point, not an abbreviation in a name kept in Latin.
    assert codes("Is it 4.5 on Foothill Blvd.?", "ได้ 4.5 ที่ Foothill Blvd. ไหม?", "th") == []


def test_a_note_about_english_or_translation_is_flagged() -> None:
    source = "The quotes were translated back into English."
    assert codes(source, "Цитаты переведены обратно на английский.", "ru") == ["qa-english-note"]
    assert codes(source, "تُرجمت الاقتباسات إلى الإنجليزية.", "ar") == ["qa-english-note"]
    assert codes(source, "คำพูดถูกแปลกลับเป็นภาษาอังกฤษ", "th") == ["qa-english-note"]
    assert codes(source, "הציטוטים תורגמו בחזרה לאנגלית.", "he") == ["qa-english-note"]
    assert codes("The quotes are the writer's.", "คำพูดแปลกใหม่", "th") == []  # แปลก is "new, strange"


def test_link_titles_compare_after_prefixes_and_endings() -> None:
    assert same_title("клиенте на первом месте", "Клиент на первом месте", "ru")
    assert same_title("וללקוח הנאמן", "לקוח נאמן", "he")
    assert same_title("لشركة اتصالات", "شركة اتصالات", "ar")
    assert not same_title("غيّر رئيس تنفيذي شركة هاتف", "رئيس تنفيذي لشركة اتصالات", "ar")


def test_a_link_text_that_is_its_targets_title_must_match_the_translated_title(project_copy) -> None:
    # docs/en/onboarding/first-week.md links [Details matter](../principles/details-matter.md).
    po = project_copy.translations_dir / "ar" / "onboarding" / "first-week.po"
    text = po.read_text(encoding="utf-8")
    catalog = parse_catalog(text, lang="ar", page="onboarding/first-week.md")
    entry = next(e for e in catalog.entries if "[Details matter]({1})" in e.msgid)
    link = entry.msgstr[entry.msgstr.index("[") : entry.msgstr.index("]") + 1]
    po.write_text(text.replace(link, "[أمور صغيرة أخرى]"), encoding="utf-8")
    report = json.loads(CliRunner().invoke(main, ["check", "--json"]).output)
    found = [
        p
        for p in report["problems"]
        if p["code"] == "qa-link-title" and p["page"] == "onboarding/first-week.md"
    ]
    assert len(found) == 1 and found[0]["lang"] == "ar"
    assert "principles/details-matter.md" in found[0]["message"]


def test_qa_ok_flag_and_reason_survive_a_sync_and_a_change_of_the_english(project_copy) -> None:
    # A reviewed paragraph of some page, as it stands in the English page.
    for po in sorted((project_copy.translations_dir / "ru").rglob("*.po")):
        name = po.relative_to(project_copy.translations_dir / "ru").with_suffix(".md").as_posix()
        page = project_copy.source_docs_dir / name
        english_page = page.read_text(encoding="utf-8")
        catalog = parse_catalog(po.read_text(encoding="utf-8"), lang="ru", page=name)
        english = next(
            (
                e.msgid
                for e in catalog.entries
                if e.state is SegmentState.REVIEWED
                and e.note.startswith("paragraph")
                and e.msgid in english_page
            ),
            None,
        )
        if english:
            break
    assert english, "no reviewed paragraph in any Russian PO file"
    marked = [
        replace(e, flags=("qa-ok:qa-names",), comments=("Kept in Latin on purpose: test reason.",))
        if e.msgid == english
        else e
        for e in catalog.entries
    ]
    catalog.entries = marked
    po.write_text(catalog_text(catalog), encoding="utf-8")
    sync(project_copy, languages=["ru"], engine=None)
    after = po.read_text(encoding="utf-8")
    assert "# Kept in Latin on purpose: test reason.\n" in after
    assert "#, qa-ok:qa-names\n" in after
    # The English changes: the entry turns stale and keeps both, beside the fuzzy flag.
    page.write_text(english_page.replace(english, "Changed: " + english), encoding="utf-8")
    sync(project_copy, languages=["ru"], engine=None)
    stale = parse_catalog(po.read_text(encoding="utf-8"), lang="ru", page=name)
    entry = next(e for e in stale.entries if e.msgid == "Changed: " + english)
    assert entry.state is SegmentState.STALE and "qa-ok:qa-names" in entry.flags
    assert "Kept in Latin on purpose: test reason." in entry.comments


def test_po_round_trip_keeps_a_persons_flags() -> None:
    text = (
        'msgid ""\nmsgstr ""\n"Language: ru\\n"\n\n'
        '# reason\n#, qa-ok:qa-names, qa-ok:english-note\nmsgid "Hello"\nmsgstr "Привет"\n'
    )
    catalog = parse_catalog(text, lang="ru", page="x.md")
    assert catalog.entries[0].flags == ("qa-ok:qa-names", "qa-ok:english-note")
    assert "#, qa-ok:qa-names, qa-ok:english-note\n" in catalog_text(catalog)


def _glossary_with(tmp_path: Path, old: str, new: str) -> Path:
    path = tmp_path / "glossary.yml"
    text = (ROOT / "translations" / "glossary.yml").read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("    ru: Стив Миллер", "    ru: Steve Миллер", "names entry #9 ('Steve Miller'): the ru rendering"),
        (
            "    kind: person\n    he: סטיב",
            "    kind: brand\n    he: סטיב",
            "set kind: person or kind: place",
        ),
        ("    ar: ستيف ميلر\n", "", "names entry #9 ('Steve Miller') lacks ar"),
        ("  ar:\n    digits: western\n", "  ar:\n    digits: eastern\n", "digits 'eastern'"),
        ("      2: [สอง]\n", "      2: [two]\n", "words for 2 must be a list of forms in th's script"),
        (
            "      10: [десять, десяти]\n",
            "      12: [двенадцать]\n",
            "words key 12 is not a whole number from 0 to 10",
        ),
        (
            "do_not_translate:\n",
            "do_not_translate:\n  - Steve Miller\n",
            "both in do_not_translate and in names",
        ),
        ("numbers:\n", "numbrs: {}\nnumbers:\n", "unknown section(s) numbrs"),
    ],
)
def test_bad_glossary_entries_name_the_file_the_entry_and_the_fix(tmp_path, old, new, says) -> None:
    with pytest.raises(HandbookError) as caught:
        load_glossary(_glossary_with(tmp_path, old, new))
    message = caught.value.format_message()
    assert says in message and "glossary.yml" in message and "fix" in message.lower()


def test_the_real_glossary_records_every_person_and_place_of_the_english_pages() -> None:
    glossary = load_glossary(ROOT / "translations" / "glossary.yml")
    english = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "docs" / "en").rglob("*.md"))
    for person in (
        "Lily Martinez",
        "Steve Miller",
        "Sharyn Sheldon",
        "Rieva Lesonsky",
        "Upland",
        "California",
    ):
        assert person in english
        assert any(person in name.english for name in glossary.names), person
    assert "Upland" not in glossary.do_not_translate
    assert glossary.numbers["ru"].group == "\u00a0" and glossary.numbers["ar"].group == ""
    assert "Foothill Blvd." in glossary.kept_in_latin and "Steve Miller" not in glossary.kept_in_latin
