"""Entry defaults and the stale round trip, pinned where mutants of translate/memory.py survived
`make mutate` (see bench/MUTATION.md)."""

from __future__ import annotations

from pathlib import Path

from handbook.translate.memory import Entry, SegmentState, stale


def test_a_new_entry_is_active_and_missing() -> None:
    entry = Entry("Greet every customer.")
    assert (entry.obsolete, entry.fuzzy, entry.state, entry.human) == (
        False,
        False,
        SegmentState.MISSING,
        False,
    )


def test_english_that_changes_back_makes_an_active_reviewed_entry() -> None:
    old = Entry("Greet them.", "א", obsolete=True)  # even one kept as obsolete meanwhile
    same_english = ("Greet them." + ".")[:-1]  # equal, but another object (as read from a file)
    back = stale(stale(old, "B"), same_english)
    assert (back.msgid, back.msgstr, back.state, back.previous, back.obsolete) == (
        "Greet them.",
        "א",
        SegmentState.REVIEWED,
        "",
        False,
    )


def test_a_syntax_error_polib_finds_names_its_line() -> None:
    # Every line is well formed (so the line check passes); polib finds the second msgstr.
    import pytest

    from handbook.core.errors import HandbookError
    from handbook.translate.memory import parse_catalog

    text = 'msgid ""\nmsgstr ""\n\nmsgid "A"\nmsgstr "x"\nmsgstr "y"\n'
    with pytest.raises(HandbookError) as info:
        parse_catalog(text, lang="he", page="a.md", path="a.po")
    assert info.value.line == 6
    assert info.value.format_message().startswith("a.po:6: PO file does not parse: Syntax error in po file\n")


def test_obsolete_entries_are_checked_line_by_line_too() -> None:
    import pytest

    from handbook.core.errors import HandbookError
    from handbook.translate.memory import parse_catalog

    good = 'msgid ""\nmsgstr ""\n\n#, fuzzy\n#~| msgid "Old"\n#~ msgid "Gone"\n#~ msgstr "x"\n'
    assert [
        (e.msgid, e.msgstr, e.obsolete) for e in parse_catalog(good, lang="he", page="a.md").obsolete
    ] == [("Gone", "x", True)]
    bad = 'msgid ""\nmsgstr ""\n\n#~ msgid "Gone"\n#~ msgstr "x\n'
    with pytest.raises(HandbookError) as info:
        parse_catalog(bad, lang="he", page="a.md", path="a.po")
    assert info.value.line == 5


def test_a_changed_english_makes_an_active_stale_entry() -> None:
    changed = stale(Entry("Greet them.", "א", obsolete=True), "Greet them all.")
    assert (changed.state, changed.previous, changed.obsolete) == (SegmentState.STALE, "Greet them.", False)


def test_an_active_and_an_obsolete_entry_may_share_a_msgid() -> None:
    # A translator's file may hold both (gettext allows it); writing it back keeps both.
    from handbook.translate.memory import OBSOLETE_CONTEXT, Catalog, catalog_text, parse_catalog

    catalog = Catalog(
        lang="he",
        page="a.md",
        entries=[Entry("Greet them.", "ב")],
        obsolete=[Entry("Greet them.", "א", obsolete=True)],
    )
    text = catalog_text(catalog)
    assert 'msgid "Greet them."\nmsgstr "ב"\n' in text
    # gettext refuses a msgid twice, so the obsolete one is the second text of "Greet them."
    assert f'#~ msgctxt "{OBSOLETE_CONTEXT} 2"\n#~ msgid "Greet them."\n#~ msgstr "א"\n' in text
    assert catalog_text(parse_catalog(text, lang="he", page="a.md")) == text


def test_a_duplicate_msgid_is_named_by_its_first_60_characters() -> None:
    import pytest

    from handbook.core.errors import HandbookError
    from handbook.translate.memory import parse_catalog

    msgid = "x" * 59 + "yz"
    text = f'msgid ""\nmsgstr ""\n\nmsgid "{msgid}"\nmsgstr "1"\n\nmsgid "{msgid}"\nmsgstr "2"\n'
    with pytest.raises(HandbookError) as info:
        parse_catalog(text, lang="he", page="a.md", path="a.po")
    assert info.value.format_message().startswith(f"a.po:7: PO file has the msgid '{'x' * 59}y' twice\n")


def test_which_entries_a_person_wrote() -> None:
    from handbook.translate.memory import machine

    assert Entry("A", "א").human is True  # reviewed
    assert Entry("A", "א", fuzzy=True, previous="B").human is True  # stale, a person's text
    assert machine("A", "[draft]", "pseudo").human is False
    assert Entry("A").human is False


def test_a_stale_machine_draft_stays_a_machine_draft() -> None:
    from handbook.translate.memory import machine

    changed = stale(machine("Greet them.", "[draft]", "pseudo"), "Greet them all.")
    assert (changed.state, changed.engine, changed.human) == (SegmentState.STALE, "pseudo", False)


def test_entries_are_immutable() -> None:
    import dataclasses

    import pytest

    entry = Entry("A", "א")
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.msgstr = "ב"  # type: ignore[misc]
    assert {entry: 1}[Entry("A", "א")] == 1


def test_a_broken_line_after_an_obsolete_comment_is_found() -> None:
    import pytest

    from handbook.core.errors import HandbookError
    from handbook.translate.memory import parse_catalog

    broken = "msgstr " + "x" * 70
    text = f'msgid ""\nmsgstr ""\n\n#~| msgid "Old"\n#~ msgid "Gone"\n#~ msgstr "x"\n\nmsgid "A"\n{broken}\n'
    with pytest.raises(HandbookError) as info:
        parse_catalog(text, lang="he", page="a.md", path="a.po")
    assert info.value.line == 9
    assert f"found {broken[:60]!r}" in info.value.format_message()


def test_a_po_file_that_is_not_utf8_is_named(tmp_path) -> None:
    import pytest

    from handbook.core.errors import HandbookError
    from handbook.translate.memory import load_catalog

    path = tmp_path / "a.po"
    path.write_bytes('msgid ""\nmsgstr ""\n\nmsgid "A"\nmsgstr "é"\n'.encode("latin-1"))
    with pytest.raises(HandbookError) as info:
        load_catalog(path, lang="he", page="a.md")
    assert info.value.format_message().startswith(
        f"{path}:5: PO file is not valid UTF-8 (byte 38: b'\\xe9');"
    )


def test_a_broken_obsolete_line_without_a_space_is_found() -> None:
    import pytest

    from handbook.core.errors import HandbookError
    from handbook.translate.memory import parse_catalog

    text = 'msgid ""\nmsgstr ""\n\n#~msgid "Gone"\n#~msgstr "x\n'
    with pytest.raises(HandbookError) as info:
        parse_catalog(text, lang="he", page="a.md", path="a.po")
    assert info.value.line == 5


def test_only_placeholder_braces_make_a_brace_format_entry() -> None:
    from handbook.translate.memory import Catalog, catalog_text

    def flagged(msgid: str) -> bool:
        text = catalog_text(Catalog(lang="he", page="a.md", entries=[Entry(msgid, "x")]))
        return "#, python-brace-format" in text

    assert flagged("See {1} and {2}.") is True
    assert flagged("See {1} and {name}.") is False  # msgfmt would misread {name}
    assert flagged("See {1} and }.") is False
    assert flagged("See {1} and {.") is False
    assert flagged("No placeholder.") is False
    assert flagged(" ".join(f"{{{n}}}" for n in range(1, 300))) is True  # counts compared by value


def test_a_declared_legacy_charset_is_decoded_in_that_charset() -> None:
    from handbook.translate.memory import decode_po

    # Both sides of "UTF-8" in sort order: CP1255 sorts before it, windows-1255 after.
    for charset in ("CP1255", "windows-1255"):
        text = (
            f'msgid ""\nmsgstr "Content-Type: text/plain; charset={charset}\\n"\n\nmsgid "A"\nmsgstr "שלום"\n'
        )
        assert decode_po(text.encode("cp1255")) == (text, charset)
    utf8 = text.replace("windows-1255", "UTF-8")
    assert decode_po(utf8.encode("utf-8")) == (utf8, "UTF-8")


def test_only_the_header_declares_the_charset() -> None:
    from handbook.translate.memory import decode_po

    text = 'msgid ""\nmsgstr "Language: he\\n"\n\nmsgid "Say charset=CP1255 here."\nmsgstr "שלום"\n'
    assert decode_po(text.encode("utf-8")) == (text, "UTF-8")


def test_a_byte_order_mark_is_dropped_and_nothing_else() -> None:
    from handbook.translate.memory import decode_po

    text = 'msgid ""\nmsgstr ""\n\nmsgid "A"\nmsgstr "ש"\n'
    assert decode_po(("\ufeff" + text).encode("utf-8")) == (text, "UTF-8")


def test_an_entry_knows_the_line_it_was_read_from_and_none_if_made_in_code() -> None:
    from handbook.translate.memory import parse_catalog

    text = 'msgid ""\nmsgstr ""\n\nmsgid "A"\nmsgstr "x"\n\n#, fuzzy\nmsgid "B"\nmsgstr "y"\n'
    catalog = parse_catalog(text, lang="he", page="a.md", path="a.po")
    assert [(entry.msgid, entry.line) for entry in catalog.entries] == [("A", 4), ("B", 7)]
    assert Entry("A", "x").line == 0  # messages name no line for an entry not read from a file
    assert catalog.entries[0] == Entry("A", "x")  # where it was read makes no entry different


def test_the_first_entry_of_a_file_without_a_header_is_on_line_one() -> None:
    """polib numbers that entry 0, which would read as "not read from a file" and show as
    `a.po:0` in a message."""
    from handbook.translate.memory import parse_catalog

    catalog = parse_catalog(
        'msgid "A"\nmsgstr "x"\n\nmsgid "B"\nmsgstr "y"\n', lang="he", page="a.md", path="a.po"
    )
    assert [(entry.msgid, entry.line) for entry in catalog.entries] == [("A", 1), ("B", 4)]


def test_an_unknown_declared_charset_is_refused_with_the_fix() -> None:
    import pytest

    from handbook.core.errors import HandbookError
    from handbook.translate.memory import decode_po

    data = b'msgid ""\nmsgstr "Content-Type: text/plain; charset=KLINGON-8\\n"\n\nmsgid "A"\nmsgstr "x"\n'
    with pytest.raises(HandbookError) as info:
        decode_po(data, path="a.po")
    message = info.value.format_message()
    assert "charset=KLINGON-8, which is not a known encoding" in message and "correct the charset" in message


def test_an_obsolete_entrys_context_is_read_and_no_context_is_empty() -> None:
    from handbook.translate.memory import parse_catalog

    text = 'msgid ""\nmsgstr ""\n\nmsgid "A"\nmsgstr "x"\n\n#~ msgctxt "old 2"\n#~ msgid "A"\n#~ msgstr "y"\n'
    catalog = parse_catalog(text, lang="he", page="a.md")
    assert [entry.context for entry in catalog.entries + catalog.obsolete] == ["", "old 2"]


def test_utf8_however_the_header_spells_it() -> None:
    from handbook.translate.memory import decode_po

    for declared in ("utf-8", "utf8", "CHARSET"):  # CHARSET: gettext's template value
        text = (
            f'msgid ""\nmsgstr "Content-Type: text/plain; charset={declared}\\n"\n\nmsgid "A"\nmsgstr "ש"\n'
        )
        assert decode_po(text.encode("utf-8")) == (text, "UTF-8"), declared


def test_language_page_and_path_are_passed_by_name() -> None:
    """`lang` and `page` are both strings: keyword-only, a call cannot swap them by position."""
    import pytest

    from handbook.translate.memory import decode_po, load_catalog, parse_catalog

    with pytest.raises(TypeError):
        parse_catalog('msgid "A"\nmsgstr "x"\n', "he", "a.md")
    with pytest.raises(TypeError):
        load_catalog(Path("a.po"), "he", "a.md")
    with pytest.raises(TypeError):
        decode_po(b'msgid "A"\nmsgstr "x"\n', "a.po")
