"""The structural comparison translators run on their full-page drafts before import."""

from __future__ import annotations

from handbook.translate.alignment import compare

ENGLISH = """---
id: sample
kind: principle
title: Sample
summary: One line.
sources: [src-1]
---

# Sample

## The idea {#the-idea}

Give a $5 credit to 4,000 customers. See [the case](../cases/x.md#what-happened) and `code`.

- One item.
- Two items.
"""


def test_a_faithful_translation_lines_up() -> None:
    translated = (
        ENGLISH.replace("title: Sample", "title: דוגמה")
        .replace("One line.", "שורה אחת.")
        .replace("Give a $5 credit to 4,000 customers.", "תנו זיכוי של $5 ל-4,000 לקוחות.")
        .replace("[the case]", "[המקרה]")
    )
    assert compare(ENGLISH, translated) == []


def test_thousands_separator_may_follow_the_language() -> None:
    assert compare(ENGLISH, ENGLISH.replace("4,000", "4\u00a0000")) == []


def test_changed_link_number_and_missing_block_are_reported() -> None:
    broken = ENGLISH.replace("x.md#what-happened", "y.md").replace("$5", "$6").replace("- Two items.\n", "")
    assert compare(ENGLISH, broken) == [
        "the English has 5 blocks, the translation 4",
        "line 13 (English line 13): links differ: ('../cases/x.md#what-happened',) != ('../cases/y.md',)",
        "line 13 (English line 13): numbers differ: ('4000', '5') != ('4000', '6')",
    ]


def test_front_matter_keys_other_than_title_and_summary_are_copied() -> None:
    broken = ENGLISH.replace("id: sample", "id: other")
    assert compare(ENGLISH, broken) == ["front matter: 'id' must be copied unchanged from the English"]


def test_broken_front_matter_is_a_problem_not_a_traceback() -> None:
    broken = ENGLISH.replace("summary: One line.", "summary: One: line: [")
    problems = compare(ENGLISH, broken, path="draft.md")
    assert len(problems) == 1
    assert problems[0].startswith("front matter is not valid YAML")
    assert problems[0].endswith("(line 5)")


def test_search_keywords_are_translated_like_the_title() -> None:
    # Keywords are a translatable segment (search); a draft translates them, and must keep them.
    english = ENGLISH.replace("summary: One line.\n", "summary: One line.\nkeywords: first day, new job\n")
    translated = english.replace("keywords: first day, new job", "keywords: יום ראשון, עבודה חדשה")
    assert compare(english, translated) == []
    dropped = english.replace("keywords: first day, new job\n", "")
    assert compare(english, dropped) == ["front matter: 'keywords' is missing or empty"]


def test_a_spelled_out_small_number_is_accepted_only_with_the_language_rule() -> None:
    from handbook.translate.glossary import NumberRule

    english = ENGLISH.replace("- Two items.", "- Ship it in 2 days.")
    draft = english.replace("- Ship it in 2 days.", "- שלחו תוך יומיים.")
    rule = NumberRule(words=(("2", ("יומיים",)),))
    assert compare(english, draft, lang="he", numbers=rule) == []
    assert compare(english, draft) == ["line 16 (English line 16): numbers differ: ('2',) != ()"]
    assert compare(english, draft.replace("יומיים", "שבועיים"), lang="he", numbers=rule) != []
