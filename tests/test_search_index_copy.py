"""What Pagefind reads of a page (`index_copy`), Thai inner words and tags with attributes.

Each test pins a case a mutant of handbook.site.search survived in `make mutate` (see
bench/MUTATION.md).
"""

from __future__ import annotations

from handbook.site.search import INDEX_ONLY_END as E
from handbook.site.search import INDEX_ONLY_MARK as M
from handbook.site.search import add_index_only_tokens, expand_run, index_copy, thai_inner_words

PAGE = (
    '<!doctype html><html lang="he"><head><title>הלקוח</title></head><body><nav>הלקוח</nav>'
    '<article class="md-content" data-pagefind-body><p>הלקוח</p></article><footer>x</footer></body></html>'
)


def test_index_copy_keeps_the_head_and_the_article_only() -> None:
    assert index_copy(PAGE, "he") == (
        '<!doctype html><html lang="he"><head><title>הלקוח</title></head><body>'
        f'<article class="md-content" data-pagefind-body><p>הלקוח {M}לקוח{E}</p></body></html>\n'
    )


def test_a_page_without_an_article_is_indexed_whole() -> None:
    assert index_copy("<html><body><p>הלקוח</p></body></html>", "he") == (
        f"<html><body><p>הלקוח {M}לקוח{E}</p></body></html>"
    )
    fragment = "<div data-pagefind-body><p>הלקוח</p></div>"  # no <body>
    assert index_copy(fragment, "he") == f"<div data-pagefind-body><p>הלקוח {M}לקוח{E}</p></div>"


def test_thai_inner_words_of_two_letters_are_kept() -> None:
    assert thai_inner_words("ร้านกาแฟ") == ["กาแฟ", "แฟ"]
    assert thai_inner_words("กาแฟ") == ["แฟ"]  # four letters: the shortest word that has one
    assert thai_inner_words("ชบา") == []  # three letters (ช + บา): too short to have inner words
    assert thai_inner_words("กระดิบๆ") == ["ดิบๆ"]  # no one-letter piece (the repetition mark ๆ)


def test_a_language_code_read_from_a_page_is_thai_too() -> None:
    # A code parsed from <html lang> is an equal string, not the same object as the literal.
    code = "".join(["t", "h"])
    assert expand_run.__wrapped__("ร้านกาแฟ", code) == f"ร้านกาแฟ {M}กาแฟ{E} {M}แฟ{E}"


def test_script_content_is_left_alone_whatever_its_attributes() -> None:
    html = '<p>הלקוח</p><script type="x">הלקוח</script><style media="print">הלקוח</style>'
    assert add_index_only_tokens(html, "he") == (
        f'<p>הלקוח {M}לקוח{E}</p><script type="x">הלקוח</script><style media="print">הלקוח</style>'
    )


def test_an_article_without_its_closing_tag_runs_to_the_end() -> None:
    page = "<!doctype html><html><head></head><body><div data-pagefind-body><p>הלקוח</p></div></body></html>"
    assert index_copy(page, "he") == (
        "<!doctype html><html><head></head><body>"
        f"<div data-pagefind-body><p>הלקוח {M}לקוח{E}</p></div></body></html></body></html>\n"
    )


def test_a_brand_in_latin_letters_on_a_thai_page_gets_its_thai_name_and_tails() -> None:
    from handbook.site.search_words import Synonym

    starbucks = (Synonym(("starbucks",), ("สตาร์บัคส์",)),)
    tails = ["บัคส์", "ตาร์บัคส์", "าร์บัคส์", "ร์บัคส์", "คส์"]  # never one starting with a mark (ั, ์)
    for code in ("th", "".join(["t", "h"])):  # also a code read from a page: equal, not the same object
        assert expand_run.__wrapped__("Starbucks", code, (), starbucks) == "Starbucks" + "".join(
            f" {M}{token}{E}" for token in ["สตาร์บัคส์", *tails]
        )
    # Other languages get the everyday word alone: no tails cut from it.
    refund = (Synonym(("refund",), ("payback",)),)
    assert expand_run.__wrapped__("refund", "en", (), refund) == f"refund {M}payback{E}"


def test_combining_marks_of_every_block_are_folded_away_except_thai() -> None:
    from handbook.site.search_tokens import fold

    assert fold("e\u0301\u1dc6") == "e"  # U+1DC6 lies above the Thai block
    assert fold("ก\u0e49") == "ก\u0e49"  # a Thai tone mark is part of the word


def test_the_summary_reaches_the_index_as_its_own_text() -> None:
    # Escaped only where HTML text needs it (<, &): quotes stay characters, not entity words.
    page = (
        '<!doctype html><html lang="en"><head><meta name="hb-search-summary" content="The &quot;no&quot;'
        ' rule, don&#39;t &lt;wait&gt;"></head><body><article data-pagefind-body><p>x</p></article></body></html>'
    )
    assert f'<p data-pagefind-weight="5">{M}The "no" rule, don\'t &lt;wait&gt;{E}</p><p>x</p>' in index_copy(
        page, "en"
    )


def test_a_latin_word_on_a_hebrew_page_gets_its_synonyms() -> None:
    from handbook.site.search_words import Synonym

    brand = (Synonym(("starbucks",), ("סטארבקס",)),)
    assert add_index_only_tokens("<p>Starbucks</p>", "he", (), brand) == f"<p>Starbucks {M}סטארבקס{E}</p>"


def test_keywords_weigh_between_the_summary_and_the_title() -> None:
    # Pagefind weighs a title (h1) 7; keywords count as an h2 (6), the summary below them (5).
    page = (
        '<!doctype html><html lang="en"><head><meta name="hb-search-summary" content="refunds">'
        '<meta name="hb-search-keywords" content="money back"></head><body><article data-pagefind-body>'
        "<p>x</p></article></body></html>"
    )
    copy = index_copy(page, "en")
    assert f'<p data-pagefind-weight="5">{M}refunds{E}</p>' in copy
    assert f'<p data-pagefind-weight="6">{M}money back{E}</p>' in copy


def test_a_reference_page_is_named_by_its_titles_everyday_words_only() -> None:
    """The sources page (kind "page") lists the everyday words for its title as `hb_names`; not a
    piece of one of them that another group lists (เชื่อ holds ชื่อ, a name: every question about
    regulars' names would name the sources page), and a content page gets no names."""
    from handbook.site.search_words import Synonym

    table = (
        Synonym(("แหล่งที่มา",), ("เชื่อถือ", "เชื่อ")),
        Synonym(("ประจำ",), ("ชื่อ", "จำ")),
    )
    head = '<html lang="th"><head><meta name="hb-search-kind" content="{kind}"></head><body>'
    article = '<article data-pagefind-body><h1 id="_1">แหล่งที่มา</h1><p>ลูกค้าประจำ</p></article></body></html>'
    reference = index_copy(head.format(kind="page") + article, "th", (), table)
    assert 'data-pagefind-meta="hb_names:เชื่อถือ เชื่อ"' in reference
    assert "hb_names" not in index_copy(head.format(kind="principle") + article, "th", (), table)


def test_a_thai_synonym_may_span_up_to_three_of_the_segmenters_words() -> None:
    """newmm cuts ลูกค้าโกรธมากเลย into ลูกค้า|โกรธ|มาก|เลย: a synonym's page word may be two of
    them (at the end of the run too) or three (THAI_JOIN), never four."""
    from handbook.site.search_words import Synonym

    table = (
        Synonym(("มากเลย",), ("สุดๆ",)),
        Synonym(("โกรธมากเลย",), ("เดือด",)),
        Synonym(("ลูกค้าโกรธมากเลย",), ("ห้ามเห็น",)),
    )
    indexed = add_index_only_tokens("<p>ลูกค้าโกรธมากเลย</p>", "th", (), table)
    assert f"มาก {M}สุดๆ{E}" in indexed
    assert f"โกรธ {M}เดือด{E}" in indexed
    assert "ห้ามเห็น" not in indexed
