"""Rendering, to the exact Markdown: marks merged into attribute lists, continuation prefixes,
admonition titles, front matter and the escapes neutralise() leaves alone or adds.

Each test pins a case a mutant of handbook.translate.render survived in `make mutate` (see
bench/MUTATION.md); the HTML-level tests in test_segments.py and test_escaping_shapes.py cannot
see these differences.
"""

from __future__ import annotations

from handbook.translate.render import neutralise, render, render_marked


def test_a_mark_joins_the_headings_own_attribute_list() -> None:
    text = "# T\n\n## Head {#head}\n\nPara one\nline two.\n"
    assert render_marked(text, lambda s: (s.source.upper(), ".hb-machine")) == (
        "# T {: .hb-machine }\n\n## HEAD {#head .hb-machine}\n\nPARA ONE\nLINE TWO.\n{: .hb-machine }\n"
    )


def test_an_admonition_title_gets_no_mark_of_its_own() -> None:
    text = '# T\n\n!!! note "A title"\n    Body text.\n'
    assert render_marked(text, lambda s: (s.source.upper(), ".hb-machine")) == (
        '# T {: .hb-machine }\n\n!!! note "A TITLE"\n    BODY TEXT.\n    {: .hb-machine }\n'
    )


def test_each_line_keeps_its_own_prefix_and_extra_lines_the_last_one() -> None:
    # A lazy blockquote line has no "> ": the translation's second line must not get one either;
    # lines beyond the English ones take the last prefix.
    text = "# T\n\n> quote one\nlazy two\n> quote three\n"
    translated = render(text, lambda s: "один\nдва\nтри\nчетыре\nпять" if s.startswith("quote") else s)
    assert translated == "# T\n\n> один\nдва\n> три\n> четыре\n> пять\n"


def test_an_untranslated_title_keeps_its_angle_brackets() -> None:
    text = "---\ntitle: A <b> title\n---\n\n# T\n"
    assert render(text, lambda s: s) == text
    # An equal text that is another object (as read back from a PO file) is the English too.
    assert render(text, lambda s: (s + ".")[:-1]) == text


def test_a_translated_title_gets_look_alike_brackets_whatever_its_script() -> None:
    text = "---\ntitle: A <b> title\n---\n\n# T\n"
    for translation, expected in (("כותרת <b>", "כותרת ＜b＞"), ("1 <b>", "1 ＜b＞")):
        rendered = render(text, lambda s, t=translation: t if s.startswith("A") else s)
        assert rendered == f"---\ntitle: {expected}\n---\n\n# T\n"


def test_the_character_after_a_code_span_is_escaped() -> None:
    assert neutralise("`a`<b") == "`a`&lt;b"
    assert neutralise("`a` and <b") == "`a` and &lt;b"
    assert neutralise("`a`[b](https://x.example)") == "`a`\\[b](https://x.example)"


def test_an_escaped_bracket_inside_a_reference_link_text() -> None:
    # "[a \[b]{1}" is one reference link to placeholder 1 whose text holds an escaped "[".
    assert neutralise("[a \\[b]{1}") == "[a \\[b]{1}"
    assert neutralise("\\[b]{1}") == "\\[b]{1}"


def test_a_translation_equal_to_the_english_is_not_escaped() -> None:
    # The English is trusted: a "translation" equal to it (read back from a PO file, so another
    # string object) leaves its <, [ and { alone.
    text = "# T\n\nIf a < b, ask [first] and {not} later.\n"
    assert render(text, lambda s: (s + ".")[:-1]) == text
    # A real translation is escaped (one with a brace is refused whole by translate.safety).
    plain = "# T\n\nIf a < b, ask [first] later.\n"
    assert (
        render(plain, lambda s: s.replace("ask", "fragt")) == "# T\n\nIf a &lt; b, fragt \\[first] later.\n"
    )
    # Without a brace, so nothing is refused: the equal text is still the English, not escaped.
    assert render(plain, lambda s: (s + ".")[:-1]) == plain


def test_reference_links_to_a_placeholder_stay_live_wherever_they_are() -> None:
    assert neutralise("[a]{1} b") == "[a]{1} b"  # at the very start
    assert neutralise("\\* [a]{1}") == "\\* [a]{1}"  # after an escaped character
    assert neutralise("[a]{1} \\* [b]{2}") == "[a]{1} \\* [b]{2}"


def test_blank_lines_inside_a_translated_block_are_dropped() -> None:
    # A blank line would end the list item and start a new paragraph outside it.
    text = "# T\n\n- item one\n  second line\n"
    assert render(text, lambda s: "один\n\nдва\n" if s.startswith("item") else s) == "# T\n\n- один\n  два\n"


def test_a_refused_translation_renders_the_english() -> None:
    # translate.safety refuses block syntax at a line start and attribute lists: the page shows
    # the English of that block, byte for byte, and the other blocks' translations.
    # The English shown is trusted: its own "<" and "[" are not escaped.
    text = "# T\n\nIf a < b, ask [first].\n\nSecond para.\n"
    for refused in ("# Big heading", "> a quote", "Text {: .evil }"):
        translations = {"If a < b, ask [first].": refused, "Second para.": "Zweiter."}
        rendered = render(text, lambda s, t=translations: t.get(s, s))
        assert rendered == "# T\n\nIf a < b, ask [first].\n\nZweiter.\n", refused


def test_a_number_with_a_full_stop_at_a_line_start_of_a_translation_stays_text() -> None:
    # "1999. ..." would make the paragraph an ordered list starting at 1999.
    text = "# T\n\nIn that year we opened.\n"
    for translated, expected in (("1999. פתחנו.", "1999\\. פתחנו."), ("2) שנית.", "2\\) שנית.")):
        assert render(text, lambda s, t=translated: t if s.startswith("In") else s) == f"# T\n\n{expected}\n"


def test_only_a_translated_table_cell_escapes_its_pipes_and_backticks() -> None:
    # In a cell a pipe would split it and a backtick run would join it to the next cell; in a
    # paragraph both are text and a code span the translator kept stays a code span.
    text = "# T\n\nA plain paragraph.\n\n| Key | Use |\n|---|---|\n| Quotes | Marks |\n"
    translations = {"A plain paragraph.": "Wähle `a` | b.", "Quotes": "a | b `c"}
    rendered = render(text, lambda s: translations.get(s, s))
    assert rendered == ("# T\n\nWähle `a` | b.\n\n| Key | Use |\n|---|---|\n| a \\| b \\`c | Marks |\n")


def test_a_translations_trailing_spaces_make_no_line_break_the_english_lacks() -> None:
    # Two trailing spaces are a hard line break (<br>) in Markdown: dropped from a translation,
    # kept where the English itself has one.
    text = "# T\n\nLine one\nline two.\n\nHard break  \nhere.\n"
    translations = {"Line one\nline two.": "Zeile eins  \nZeile zwei.  "}
    rendered = render(text, lambda s: translations.get(s, s))
    assert rendered == "# T\n\nZeile eins\nZeile zwei.\n\nHard break  \nhere.\n"


def test_render_options_are_passed_by_name() -> None:
    """The front-matter extras, path and segments are keyword-only: a call names what it passes."""
    import pytest

    with pytest.raises(TypeError):
        render_marked("A.\n", lambda s: (s.source, ""), {"lang": "he"})
