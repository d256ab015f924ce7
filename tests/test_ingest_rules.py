"""The line rules of `handbook ingest`, one reason at a time, in every language; plus properties."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis_budget import examples

from handbook.ingest import rules
from handbook.ingest.output import render_clean
from handbook.ingest.pipeline import ingest_bytes

FIXTURES = Path(__file__).parent / "data" / "ingest" / "fixtures"

JUNK = [
    # template placeholders
    ("$config[code] not found", rules.TEMPLATE),
    ("{{ author_name }}", rules.TEMPLATE),
    ("%%SITE_NAME%%", rules.TEMPLATE),
    # navigation words
    ("CLOSE", rules.NAVIGATION),
    ("Posted", rules.NAVIGATION),
    ("סגור", rules.NAVIGATION),
    ("إغلاق", rules.NAVIGATION),
    ("ปิด", rules.NAVIGATION),
    ("Закрыть", rules.NAVIGATION),
    ("12 комментариев", rules.NAVIGATION),
    ("Read more »", rules.NAVIGATION),
    # share / print / font size
    ("Share: Facebook Twitter", rules.WIDGET),
    ("ВКонтакте Telegram WhatsApp", rules.WIDGET),
    ("A+ A A-", rules.WIDGET),
    ("גודל גופן", rules.WIDGET),
    ("حجم الخط", rules.WIDGET),
    # reading time, dates
    ("5 min read", rules.STAMP),
    ("Время чтения: 4 минуты", rules.STAMP),
    ("זמן קריאה: 3 דקות", rules.STAMP),
    ("وقت القراءة: 4 دقائق", rules.STAMP),
    ("อ่าน 3 นาที", rules.STAMP),
    ("Updated 12 March 2024", rules.STAMP),
    ("Обновлено 12.03.2024", rules.STAMP),
    # cookie notices, footers, newsletters
    ("We use cookies to improve your experience on this website.", rules.COOKIE),
    ("เว็บไซต์นี้ใช้คุกกี้เพื่อมอบประสบการณ์ที่ดีที่สุดแก่คุณ", rules.COOKIE),
    ("© 2024 Service Notes. All rights reserved.", rules.FOOTER),
    ("כל הזכויות שמורות © 2024", rules.FOOTER),
    ("Подпишитесь на рассылку", rules.NEWSLETTER),
    # spam, ads, unrelated videos
    ("Credit : ยูฟ่าสล็อต888", rules.SPAM),
    ("Реклама: лучшие кредиты онлайн", rules.SPAM),
    ("فيديو: Bill Schnoebelen - Interview With an Ex Vampire (2 of 9) 2024", rules.VIDEO),
    ("Video: Top 10 funniest cat moments", rules.VIDEO),
    # related links, tables of contents, archives, bylines, breadcrumbs, dangling words
    ("ที่เกี่ยวข้อง: การดูแลลูกค้าเป็นกลยุทธ์ทางการตลาดที่ดีที่สุดของคุณ", rules.RELATED),
    ("Читайте также:", rules.RELATED),
    ("اقرأ أيضا:", rules.RELATED),
    ("תוכן עניינים:", rules.TOC),
    ("Table of contents", rules.TOC),
    ("สารบัญ", rules.TOC),
    ("Архив тегов: лояльность", rules.ARCHIVE),
    ("Tag Archives: loyalty", rules.ARCHIVE),
    ("Anonim", rules.BYLINE),
    ("By Jane Smith", rules.BYLINE),
    ("Home > Blog > Service tips", rules.BREADCRUMB),
    ("Пример", rules.DANGLING),
    ("Example", rules.DANGLING),
    ("ตัวอย่าง", rules.DANGLING),
]

CONTENT = [
    "By the end of the shift, every complaint should have an owner and a date.",
    "Share what you learn with the team: one good answer saves ten bad calls.",
    "We use the customer's own words when we write back.",
    "The cookies we hand out at the door are baked every morning.",
    "Updated prices must be on the shelf before the store opens, not after.",
    "Закрыть вопрос можно только тогда, когда клиент согласен, что проблема решена.",
    "הלקוחות שלך הם כנראה אותו הדבר.",
    "هذا هو خدمة العملاء في أفضل حالاتها.",
    "Home delivery is free for orders over fifty dollars.",
    "Example: a customer returns a kettle that leaks after a week.",
]


@pytest.mark.parametrize(("line", "reason"), JUNK, ids=[line for line, _ in JUNK])
def test_junk_line_is_removed_with_its_reason(line: str, reason: str) -> None:
    assert rules.classify_line(line) == reason


@pytest.mark.parametrize("line", CONTENT)
def test_content_line_is_kept(line: str) -> None:
    assert rules.classify_line(line) is None


def _pool() -> dict[str, list[str]]:
    pool: dict[str, list[str]] = {}
    for path in sorted(FIXTURES.glob("*.expect.yml")):
        expect = yaml.safe_load(path.read_text(encoding="utf-8"))
        pool.setdefault(expect["lang"], []).extend(
            b for b in expect["blocks"] if not b.startswith(("#", "- "))
        )
    return pool


POOL = _pool()
JUNK_LINES = [
    line for line, _ in JUNK if rules.classify_line(line) not in (rules.RELATED, rules.TOC, rules.ARCHIVE)
]


@settings(max_examples=examples(60), deadline=None)
@given(
    lang=st.sampled_from(sorted(POOL)),
    picks=st.lists(st.integers(min_value=0, max_value=10_000), min_size=1, max_size=6),
    junk=st.lists(st.sampled_from(JUNK_LINES), max_size=6),
    seed=st.randoms(use_true_random=False),
)
def test_every_content_paragraph_survives_any_mix_of_junk(lang, picks, junk, seed) -> None:
    paragraphs = list(dict.fromkeys(POOL[lang][i % len(POOL[lang])] for i in picks))
    pieces = [f"{p}\n" for p in paragraphs] + [f"{j}\n" for j in junk]
    seed.shuffle(pieces)
    text = "\n".join(pieces)
    source = ingest_bytes(text.encode("utf-8"), name="mix.txt")
    body = [b.text for b in source.blocks if b.kind == "paragraph"]
    assert source.lang == lang
    for paragraph in paragraphs:
        assert paragraph in body or paragraph == source.title
    # Deterministic: the same bytes give the same file.
    assert render_clean(ingest_bytes(text.encode("utf-8"), name="mix.txt")) == render_clean(source)


# --- the limits of each rule, at the limit and one past it ------------------------------------
# Each rule about short lines has a length or word-count limit; a line just inside it goes, a line
# just past it stays (it is content, or another rule's). These pin the limits themselves.


def _padded(head: str, length: int, filler: str = "x") -> str:
    """`head` followed by one long word of `filler`, `length` characters in all."""
    return head + filler * (length - len(head))


def _words(head: str, count: int, word: str = "word") -> str:
    """`head` followed by copies of `word` up to `count` words in all."""
    return " ".join([head] + [word] * (count - len(head.split())))


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        # a placeholder with at most three letters of other text is a template line
        ("{{ x }} abc", rules.TEMPLATE),
        ("{{ x }} abcd", None),
        ("{{ x }} abcde", None),
        ("{{ x }} 1234 ab_c", rules.TEMPLATE),  # digits and underscores are not letters
        # bylines: six words at most, and no sentence end
        (_words("By Jane", 6, "Lee"), rules.BYLINE),
        (_words("By Jane", 7, "Lee"), None),
        ("By Jane Smith.", None),
        # a role after a separator: twelve words in all at most
        (_words("By Jane Smith ·", 12, "editor"), rules.BYLINE),
        (_words("By Jane Smith ·", 13, "editor"), None),
        # a full stop after an initial ends a byline, after a word it ends a sentence
        ("Answered by Gil M.", rules.BYLINE),
        ("Posted by Dana ...", rules.BYLINE),
        ("Written by me.", None),
        # font-size words: eight words at most
        (_words("Font size:", 8, "small"), rules.WIDGET),
        (_words("Font size:", 9, "small"), None),
        # social names: at least two, and at least half of the words
        ("Facebook page", None),
        ("Facebook Twitter news today", rules.WIDGET),
        ("Facebook Twitter news today here", None),
        (_padded("Facebook Twitter ", 120), rules.WIDGET),
        (_padded("Facebook Twitter ", 121), None),
        # a share header: eight words at most
        ("Share this page", rules.WIDGET),
        (_words("Share this with", 8, "friends"), rules.WIDGET),
        (_words("Share this with", 9, "friends"), None),
        # date stamps: 80 characters at most; a stamp word alone or with one more, or with a digit
        (_padded("5 min read ", 80), rules.STAMP),
        (_padded("5 min read ", 81), None),
        ("Updated", rules.STAMP),
        ("Last updated", rules.STAMP),
        ("Last updated today", None),
        ("Last updated today 2024", rules.STAMP),
        # spam words: 120 characters at most; a spam prefix whatever follows
        ("Best online casino bonus today", rules.SPAM),
        (_padded("Best online casino ", 120), rules.SPAM),
        (_padded("Best online casino ", 121), None),
        ("Sponsored: a word from our partners", rules.SPAM),
        # cookie notices: 400 characters at most
        (_padded("We use cookies on this website ", 400), rules.COOKIE),
        (_padded("We use cookies on this website ", 401), None),
        # footers: 200 characters at most
        (_padded("© 2024 ", 200), rules.FOOTER),
        (_padded("© 2024 ", 201), None),
        # newsletters: 200 characters and 25 words at most
        (_words("Join our newsletter", 25), rules.NEWSLETTER),
        (_words("Join our newsletter", 26), None),
        (_padded("Join our newsletter ", 201), None),
        # a line of more than 400 characters is content, whatever it starts with
        (_padded("Video: ", 400), rules.VIDEO),
        (_padded("Video: ", 401), None),
        (_padded("Video: ", 600), None),
        # a related-links header: 16 words, or more when the line does not end a sentence
        ("Related posts: Ten ways to listen.", rules.RELATED),
        (_words("Related posts:", 16) + ".", rules.RELATED),
        (_words("Related posts:", 17) + ".", None),
        (_words("Related posts:", 17), rules.RELATED),
        (_words("Related posts:", 17) + "!", None),
        # breadcrumbs: three parts at least, 150 characters, six words a part
        ("Home > Blog", None),
        ("Home > Blog > Tips > Today", rules.BREADCRUMB),
        (_padded("Home > Blog > ", 150), rules.BREADCRUMB),
        (_padded("Home > Blog > ", 151), None),
        ("Home > Blog > Service tips for the busy week", rules.BREADCRUMB),
        ("Home > Blog > Service tips for the busy week ahead", None),
    ],
)
def test_each_rule_stops_at_its_limit(line: str, reason: str | None) -> None:
    assert rules.classify_line(line) == reason


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("Done.", True),
        ('He said "done."', True),
        ("Done.  ", True),
        ("a.b", False),
        (".ab", False),
        ("", False),
    ],
)
def test_ends_sentence_looks_at_the_last_character_only(text: str, ends: bool) -> None:
    assert rules.ends_sentence(text) is ends


@pytest.mark.parametrize(
    ("text", "result"),
    [
        ("  plain text  ", ("plain text", False)),
        ("costs $5 or 10% [more] {less}", ("costs $5 or 10% [more] {less}", False)),
        ("Hello {{ name }}  and  ${greeting} world", ("Hello and world", True)),
    ],
)
def test_strip_placeholders_says_whether_it_found_one(text: str, result: tuple[str, bool]) -> None:
    assert rules.strip_placeholders(text) == result


def test_the_longest_header_word_wins_so_the_rest_is_the_list() -> None:
    # "related posts" before "related": the rest of the line is the list, not "posts: ...".
    assert rules.related_rest("Related posts: Ten ways to listen") == "Ten ways to listen"
    assert rules.related_rest("Related posts:") == ""
    assert rules.related_rest("Ten ways to listen") == ""
    assert rules.archive_tag("Tag archives: loyalty ") == "loyalty"
    assert rules.archive_tag("Loyalty programmes") is None
