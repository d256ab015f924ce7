"""Nothing a person wrote is lost *or demoted*: property tests that reach the merge's hard cases.

The edits are the ones where a human text meets the memory: an English sentence replaced by one
already reviewed on another page, paragraphs merged and split, blocks moved between pages or
deleted, and translators reviewing entries (or marking their own text "needs work") in between. The property, after every sync: each text a person wrote
is still in a PO file of that language *as a human text* (reviewed, stale, or obsolete and not a
machine draft), never only as the msgstr of a machine draft. (Reliability's adversarial tests of
sync live in tests/test_reliability_*.py; these are about the merge rules.)
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

import polib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_sync import make_project

from handbook.core.project import Project
from handbook.translate.engines import PseudoEngine
from handbook.translate.memory import Catalog, Entry, SegmentState, load_catalog, machine
from handbook.translate.merge import Memory, Unit, merge_page
from handbook.translate.segments import SegmentKind
from handbook.translate.sync import sync

HEADER = "---\nid: {id}\nkind: principle\ntitle: Page {id}\nsummary: A summary.\n---\n\n# Page {id}\n\n"
POOL = [
    "Greet every customer.",
    "Check the order twice.",
    "Keep the counter clean.",
    "Say goodbye by name.",
    "Offer help before they ask.",
]
PAGES = ("a.md", "b.md")


def human_entries(project: Project, lang: str = "he") -> dict[str, set[str]]:
    """msgstr -> the states it has across every PO file of `lang`, for texts a person wrote."""
    found: dict[str, set[str]] = {}
    for path in (project.translations_dir / lang).rglob("*.po"):
        page = path.relative_to(project.translations_dir / lang).with_suffix(".md").as_posix()
        catalog = load_catalog(path, lang=lang, page=page)
        for entry in catalog.entries + catalog.obsolete:
            if entry.human:
                found.setdefault(entry.msgstr, set()).add("obsolete" if entry.obsolete else entry.state.value)
    return found


def every_msgstr(project: Project, lang: str = "he") -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for path in (project.translations_dir / lang).rglob("*.po"):
        page = path.relative_to(project.translations_dir / lang).with_suffix(".md").as_posix()
        catalog = load_catalog(path, lang=lang, page=page)
        for entry in catalog.entries + catalog.obsolete:
            if entry.msgstr:
                found.setdefault(entry.msgstr, set()).add(
                    ("obsolete " if entry.obsolete else "") + entry.state.value
                )
    return found


def write_pages(project: Project, pages: dict[str, list[str]]) -> None:
    for name, blocks in pages.items():
        text = HEADER.format(id=name[0]) + "\n\n".join(blocks) + "\n"
        (project.source_docs_dir / name).write_text(text, encoding="utf-8")


SENTENCE = st.sampled_from(POOL)
OPERATIONS = st.one_of(
    # Replace a block with a sentence that may be reviewed (or drafted) on the other page.
    st.tuples(st.just("replace"), st.sampled_from(PAGES), st.integers(0, 9), SENTENCE),
    st.tuples(st.just("edit"), st.sampled_from(PAGES), st.integers(0, 9), st.sampled_from(["now", "always"])),
    st.tuples(st.just("merge"), st.sampled_from(PAGES), st.integers(0, 9), st.just("")),
    st.tuples(st.just("split"), st.sampled_from(PAGES), st.integers(0, 9), st.just("")),
    st.tuples(st.just("move"), st.sampled_from(PAGES), st.integers(0, 9), st.integers(0, 9)),
    st.tuples(st.just("insert"), st.sampled_from(PAGES), st.integers(0, 9), SENTENCE),
    st.tuples(st.just("review"), st.sampled_from(PAGES), st.integers(0, 9), st.just("")),
    st.tuples(st.just("review"), st.sampled_from(PAGES), st.integers(0, 9), st.just("")),
    st.tuples(st.just("needs work"), st.sampled_from(PAGES), st.integers(0, 9), st.just("")),
    st.tuples(st.just("delete"), st.sampled_from(PAGES), st.integers(0, 9), st.just("")),
)


def apply(operation: tuple, pages: dict[str, list[str]], project: Project, counter: list[int]) -> None:
    name, page, index, arg = operation
    blocks = pages[page]
    position = index % len(blocks)
    if name == "replace":
        blocks[position] = arg
    elif name == "edit":
        blocks[position] = blocks[position].rstrip(".") + f" {arg}."
    elif name == "insert":
        blocks.insert(position, arg)
    elif name == "merge" and len(blocks) > 1:
        following = (position + 1) % len(blocks)
        blocks[position] = blocks[position] + " " + blocks[following]
        blocks.pop(following)
    elif name == "split":
        sentences = blocks[position].split(". ")
        if len(sentences) > 1:
            blocks[position : position + 1] = [sentences[0] + "."] + [". ".join(sentences[1:])]
    elif name == "delete" and len(blocks) > 1:
        blocks.pop(position)
    elif name == "move" and len(blocks) > 1:
        other = pages["b.md" if page == "a.md" else "a.md"]
        other.insert(arg % (len(other) + 1), blocks.pop(position))
    elif name in ("review", "needs work"):
        # A translator writes a text of their own for one active entry and clears fuzzy, or
        # keeps it fuzzy ("needs work": a person's text all the same, with no engine comment).
        path = project.translations_dir / "he" / page.replace(".md", ".po")
        catalog = polib.pofile(str(path))
        active = [entry for entry in catalog if not entry.obsolete]
        entry = active[index % len(active)]
        counter[0] += 1
        entry.msgstr = f"תרגום אנושי {counter[0]}"
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        if name == "needs work":
            entry.flags.append("fuzzy")
        entry.previous_msgid = None
        entry.tcomment = ""
        catalog.save(str(path))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    operations=st.lists(OPERATIONS, min_size=4, max_size=14),
    engines=st.lists(st.booleans(), min_size=14, max_size=14),
)
def test_no_human_text_is_lost_or_demoted(operations, engines) -> None:
    with tempfile.TemporaryDirectory() as folder:
        pages = {"a.md": POOL[:3], "b.md": POOL[2:]}
        pages = {name: list(blocks) for name, blocks in pages.items()}
        project = make_project(Path(folder), {name: "" for name in PAGES})
        write_pages(project, pages)
        sync(project, languages=["he"], engine=PseudoEngine())
        counter = [0]
        for page in PAGES:  # every first segment reviewed: each later edit meets a human text
            for index in range(
                len(polib.pofile(str(project.translations_dir / "he" / page.replace(".md", ".po"))))
            ):
                apply(("review", page, index, ""), pages, project, counter)
        sync(project, languages=["he"])
        for step, operation in enumerate(operations):
            apply(operation, pages, project, counter)
            write_pages(project, pages)
            before = human_entries(project)
            sync(project, languages=["he"], engine=PseudoEngine() if engines[step] else None)
            after = human_entries(project)
            lost = {text: every_msgstr(project).get(text, "gone") for text in before if text not in after}
            assert lost == {}, f"after {operations[: step + 1]}: human texts lost or demoted: {lost}"


# --- the cases one at a time, on merge_page ------------------------------------------------------


def unit(msgid: str) -> Unit:
    return Unit(msgid, SegmentKind.PARAGRAPH, "paragraph")


def test_english_changed_to_a_sentence_reviewed_elsewhere_keeps_the_old_human_text() -> None:
    # Page a's reviewed "Greet every customer." becomes "Check the order twice.", which page b
    # has reviewed: the new English takes b's text, and a's own text stays as an obsolete entry.
    old = Catalog(
        lang="he",
        page="a.md",
        entries=[Entry("Greet every customer.", "ברכו כל לקוח.", note="paragraph")],
    )
    memory = Memory()
    memory.add(Entry("Check the order twice.", "בדקו את ההזמנה פעמיים."))
    catalog, needs = merge_page([unit("Check the order twice.")], old, memory, drafts=True)
    assert needs == []
    assert [(e.msgid, e.msgstr, e.state) for e in catalog.entries] == [
        ("Check the order twice.", "בדקו את ההזמנה פעמיים.", SegmentState.REVIEWED)
    ]
    assert [(e.msgid, e.msgstr, e.human) for e in catalog.obsolete] == [
        ("Greet every customer.", "ברכו כל לקוח.", True)
    ]


def test_a_changed_machine_draft_is_not_kept_as_obsolete() -> None:
    # The other side of the same rule: a machine draft of English that changed is let go.
    old = Catalog(lang="he", page="a.md", entries=[machine("Greet every customer.", "[draft]", "pseudo")])
    memory = Memory()
    memory.add(Entry("Check the order twice.", "בדקו את ההזמנה פעמיים."))
    catalog, _ = merge_page([unit("Check the order twice.")], old, memory, drafts=True)
    assert catalog.obsolete == []


def test_a_changed_human_text_becomes_stale_not_a_draft() -> None:
    old = Catalog(lang="he", page="a.md", entries=[Entry("Greet every customer.", "ברכו כל לקוח.")])
    catalog, needs = merge_page([unit("Greet every customer now.")], old, Memory(), drafts=True)
    assert needs == []
    [entry] = catalog.entries
    assert (entry.msgstr, entry.state, entry.previous, entry.engine) == (
        "ברכו כל לקוח.",
        SegmentState.STALE,
        "Greet every customer.",
        "",
    )
    assert catalog.obsolete == []


def test_changed_blocks_pair_with_an_old_block_of_their_own_kind() -> None:
    # The heading and the paragraph both changed and swapped places: each new text is stale
    # with the translation of the old block of the same kind, not of the one in its place.
    old = Catalog(
        lang="he",
        page="a.md",
        entries=[
            Entry("Old head", "כותרת", note="heading in #x"),
            Entry("Old para.", "פסקה", note="paragraph in #x"),
        ],
    )
    units = [
        Unit("New para.", SegmentKind.PARAGRAPH, "paragraph in #x"),
        Unit("New head", SegmentKind.HEADING, "heading in #x"),
    ]
    catalog, needs = merge_page(units, old, Memory(), drafts=True)
    assert needs == []
    assert [(e.msgid, e.msgstr, e.state, e.previous) for e in catalog.entries] == [
        ("New para.", "פסקה", SegmentState.STALE, "Old para."),
        ("New head", "כותרת", SegmentState.STALE, "Old head"),
    ]
    assert catalog.obsolete == []


def test_the_memory_prefers_a_reviewed_text_and_ignores_stale_ones() -> None:
    memory = Memory()
    memory.add(machine("A", "[draft]", "pseudo"))
    assert (memory.reviewed("A"), memory.hit("A").state) == (False, SegmentState.MACHINE)
    memory.add(Entry("A", "א"))
    memory.add(machine("A", "[other draft]", "pseudo"))
    assert (memory.reviewed("A"), memory.hit("A").msgstr) == (True, "א")
    memory.add(Entry("B", "ב", fuzzy=True, previous="Old B"))  # stale: not a translation of B
    assert (memory.hit("B"), memory.reviewed("B"), memory.reviewed("C")) == (None, False, False)


def test_a_hand_written_page_of_another_shape_is_imported_for_checking() -> None:
    # One block more than the English: headings and front matter are certain, the paragraph is
    # imported stale (to be checked), the extra block is kept as an obsolete entry; links to the
    # same page twice become {1} and {2}.
    from handbook.translate.merge import IMPORT_NOTE, import_page

    english = "---\ntitle: T\n---\n\n# T\n\n## A {#a}\n\nSee [a](x.md) and [b](x.md).\n"
    translated = "---\ntitle: ת\n---\n\n# ת\n\n## א {#a}\n\nראו [א](x.md) ו[ב](x.md).\n\nפסקה נוספת.\n"
    catalog = import_page(english, translated, lang="he", page="p.md")
    note = IMPORT_NOTE.format(lang="he", page="p.md")
    assert [(e.msgid, e.msgstr, e.state, e.previous) for e in catalog.entries] == [
        ("T", "ת", SegmentState.REVIEWED, ""),
        ("A", "א", SegmentState.REVIEWED, ""),
        ("See [a]({1}) and [b]({2}).", "ראו [א]({1}) ו[ב]({2}).", SegmentState.STALE, note),
    ]
    assert [(e.msgid, e.msgstr, e.obsolete, e.human) for e in catalog.obsolete] == [
        ("[unmatched block 1 of the hand-written docs/he/p.md]", "פסקה נוספת.", True, True)
    ]


def test_a_stale_machine_draft_gives_way_to_a_reviewed_text() -> None:
    draft = Entry("New text.", "[draft of old]", fuzzy=True, previous="Old text.", engine="pseudo")
    memory = Memory()
    memory.add(Entry("New text.", "טקסט חדש."))
    for drafts in (True, False):
        catalog, needs = merge_page(
            [unit("New text.")], Catalog("he", "a.md", [draft]), memory, drafts=drafts
        )
        assert needs == []
        assert [(e.msgstr, e.state) for e in catalog.entries] == [("טקסט חדש.", SegmentState.REVIEWED)]


def test_an_obsolete_machine_draft_comes_back_active() -> None:
    gone = machine("Back again.", "[draft]", "pseudo")
    old = Catalog("he", "a.md", entries=[], obsolete=[replace(gone, obsolete=True)])
    catalog, needs = merge_page([unit("Back again.")], old, Memory(), drafts=True)
    assert needs == []
    assert [(e.msgstr, e.state, e.obsolete) for e in catalog.entries] == [
        ("[draft]", SegmentState.MACHINE, False)
    ]
    assert catalog.obsolete == []


def test_the_first_text_in_the_memory_wins_among_equals() -> None:
    memory = Memory()
    memory.add(Entry("A", "א"))
    memory.add(Entry("A", "ב"))
    memory.add(machine("B", "[first]", "pseudo"))
    memory.add(machine("B", "[second]", "pseudo"))
    assert (memory.hit("A").msgstr, memory.hit("B").msgstr) == ("א", "[first]")


def test_a_machine_draft_from_the_memory_stays_a_machine_draft() -> None:
    memory = Memory()
    memory.add(machine("Shared.", "[draft]", "pseudo"))
    catalog, needs = merge_page([unit("Shared.")], Catalog("he", "b.md"), memory, drafts=False)
    [entry] = catalog.entries
    assert (entry.msgstr, entry.engine, entry.state, entry.human) == (
        "[draft]",
        "pseudo",
        SegmentState.MACHINE,
        False,
    )


def test_a_stale_machine_draft_is_redrafted_from_scratch() -> None:
    draft = Entry("New text.", "[draft of old]", fuzzy=True, previous="Old text.", engine="pseudo")
    catalog, needs = merge_page([unit("New text.")], Catalog("he", "a.md", [draft]), Memory(), drafts=True)
    assert needs == ["New text."]
    assert catalog.entries == [Entry("New text.", note="paragraph")]
    assert catalog.obsolete == []


def test_a_replaced_human_text_is_kept_whichever_way_the_texts_sort() -> None:
    for mine, theirs in (("אחד.", "תשע."), ("תשע.", "אחד.")):
        old = Catalog(
            lang="he", page="a.md", entries=[Entry("Greet every customer.", mine, note="paragraph")]
        )
        memory = Memory()
        memory.add(Entry("Check the order twice.", theirs))
        catalog, _ = merge_page([unit("Check the order twice.")], old, memory, drafts=True)
        assert [(e.msgstr, e.state) for e in catalog.entries] == [(theirs, SegmentState.REVIEWED)]
        assert [(e.msgid, e.msgstr, e.human) for e in catalog.obsolete] == [
            ("Greet every customer.", mine, True)
        ]


def test_the_memory_takes_a_catalogs_active_and_obsolete_entries() -> None:
    memory = Memory()
    memory.add_catalog(
        Catalog("he", "a.md", entries=[Entry("A", "א")], obsolete=[Entry("Gone.", "הלך.", obsolete=True)])
    )
    assert (memory.hit("A").msgstr, memory.hit("Gone.").msgstr) == ("א", "הלך.")
    assert memory.hit("A").engine == "" and memory.hit("A").state is SegmentState.REVIEWED


def test_a_memory_hit_does_not_end_the_page() -> None:
    memory = Memory()
    memory.add(machine("Shared.", "[draft]", "pseudo"))
    units = [unit("Shared."), unit("Own text."), unit("Another.")]
    catalog, needs = merge_page(units, Catalog("he", "b.md"), memory, drafts=True)
    assert [e.msgid for e in catalog.entries] == ["Shared.", "Own text.", "Another."]
    assert needs == ["Own text.", "Another."]


def test_paragraphs_merged_into_one_keep_every_human_text() -> None:
    # The merged paragraph is stale with the first one's text; the others are kept as obsolete.
    old = Catalog(
        "he",
        "a.md",
        entries=[
            Entry("Keep.", "שמור.", note="paragraph"),
            Entry("First old.", "ראשון.", note="paragraph"),
            Entry("Second old.", "שני.", note="paragraph"),
            Entry("Third old.", "שלישי.", note="paragraph"),
            Entry("End.", "סוף.", note="paragraph"),
        ],
    )
    catalog, needs = merge_page(
        [unit("Keep."), unit("Merged new."), unit("End.")], old, Memory(), drafts=True
    )
    assert needs == []
    assert [(e.msgid, e.msgstr, e.state, e.previous) for e in catalog.entries] == [
        ("Keep.", "שמור.", SegmentState.REVIEWED, ""),
        ("Merged new.", "ראשון.", SegmentState.STALE, "First old."),
        ("End.", "סוף.", SegmentState.REVIEWED, ""),
    ]
    assert [(e.msgid, e.msgstr, e.obsolete, e.human) for e in catalog.obsolete] == [
        ("Second old.", "שני.", True, True),
        ("Third old.", "שלישי.", True, True),
    ]


def test_imported_headings_are_matched_by_anchor_not_by_place() -> None:
    from handbook.translate.merge import import_page

    english = "# T\n\n## A {#a}\n\nOne.\n\n## B {#b}\n\nTwo.\n"
    translated = "# ת\n\n## ב {#b}\n\nשתיים.\n\n## א {#a}\n\nאחת.\n"
    entries = {
        e.msgid: (e.msgstr, e.state) for e in import_page(english, translated, lang="he", page="p.md").entries
    }
    assert entries["A"] == ("א", SegmentState.REVIEWED)
    assert entries["B"] == ("ב", SegmentState.REVIEWED)
    # Paragraphs are matched by their section: stale, as the page's shape differs.
    assert entries["One."] == ("אחת.", SegmentState.STALE)
    assert entries["Two."] == ("שתיים.", SegmentState.STALE)


def test_obsolete_human_texts_stay_and_come_back_active() -> None:
    old = Catalog(
        "he",
        "a.md",
        entries=[Entry("Stays.", "נשאר.", note="paragraph")],
        obsolete=[Entry("Back.", "חזר.", obsolete=True), Entry("Still gone.", "עדיין לא.", obsolete=True)],
    )
    catalog, needs = merge_page([unit("Stays."), unit("Back.")], old, Memory(), drafts=True)
    assert needs == []
    assert [(e.msgid, e.msgstr, e.state, e.obsolete) for e in catalog.entries] == [
        ("Stays.", "נשאר.", SegmentState.REVIEWED, False),
        ("Back.", "חזר.", SegmentState.REVIEWED, False),
    ]
    assert [(e.msgid, e.msgstr, e.obsolete) for e in catalog.obsolete] == [("Still gone.", "עדיין לא.", True)]


def test_units_are_immutable_values() -> None:
    import dataclasses

    import pytest

    with pytest.raises(dataclasses.FrozenInstanceError):
        unit("A").msgid = "B"  # type: ignore[misc]
    assert {unit("A"): 1}[unit("A")] == 1


def test_page_units_are_distinct_with_their_section_in_the_note() -> None:
    from handbook.translate.merge import page_units
    from handbook.translate.segments import extract

    units = page_units(extract("# T\n\nIntro.\n\n## Why {#why}\n\nBecause.\n\nIntro.\n"))
    assert [(u.msgid, u.kind, u.note) for u in units] == [
        ("T", SegmentKind.HEADING, "heading"),
        ("Intro.", SegmentKind.PARAGRAPH, "paragraph"),
        ("Why", SegmentKind.HEADING, "heading in #why"),
        ("Because.", SegmentKind.PARAGRAPH, "paragraph in #why"),
    ]


def test_a_revived_obsolete_draft_does_not_end_the_page() -> None:
    old = Catalog("he", "a.md", obsolete=[replace(machine("Back.", "[draft]", "pseudo"), obsolete=True)])
    catalog, needs = merge_page([unit("Back."), unit("New.")], old, Memory(), drafts=True)
    assert [(e.msgid, e.state) for e in catalog.entries] == [
        ("Back.", SegmentState.MACHINE),
        ("New.", SegmentState.MISSING),
    ]
    assert needs == ["New."]


def test_changed_blocks_pair_by_kind_in_either_order() -> None:
    old = Catalog(
        "he",
        "a.md",
        entries=[
            Entry("Old para.", "פסקה", note="paragraph in #x"),
            Entry("Old head", "כותרת", note="heading in #x"),
        ],
    )
    units = [
        Unit("New head", SegmentKind.HEADING, "heading in #x"),
        Unit("New para.", SegmentKind.PARAGRAPH, "paragraph in #x"),
    ]
    catalog, _ = merge_page(units, old, Memory(), drafts=True)
    assert [(e.msgid, e.msgstr, e.previous) for e in catalog.entries] == [
        ("New head", "כותרת", "Old head"),
        ("New para.", "פסקה", "Old para."),
    ]


def test_a_pages_own_reviewed_text_beats_another_pages() -> None:
    old = Catalog("he", "a.md", entries=[Entry("Shared.", "שלי.", note="paragraph")])
    memory = Memory()
    memory.add(Entry("Shared.", "של הדף האחר."))
    catalog, _ = merge_page([unit("Shared.")], old, memory, drafts=True)
    assert [(e.msgstr, e.state) for e in catalog.entries] == [("שלי.", SegmentState.REVIEWED)]


def test_a_replaced_text_equal_to_its_successors_is_not_kept_twice() -> None:
    # The new English is reviewed elsewhere with the same words (another string object).
    mine = "בדיוק אותו טקסט."
    old = Catalog("he", "a.md", entries=[Entry("Greet every customer.", mine, note="paragraph")])
    memory = Memory()
    memory.add(Entry("Check the order twice.", (mine + ".")[:-1]))
    catalog, _ = merge_page([unit("Check the order twice.")], old, memory, drafts=True)
    assert [(e.msgstr, e.state) for e in catalog.entries] == [(mine, SegmentState.REVIEWED)]
    assert catalog.obsolete == []


def test_a_hand_written_page_missing_a_block_is_imported_for_checking() -> None:
    from handbook.translate.merge import import_page

    english = "# T\n\nOne.\n\nTwo.\n"
    translated = "# ת\n\nאחת.\n"
    entries = {e.msgid: e.state for e in import_page(english, translated, lang="he", page="p.md").entries}
    assert entries == {"T": SegmentState.REVIEWED, "One.": SegmentState.STALE}


def test_a_revived_entry_keeps_its_translators_comments_and_drops_only_the_reason() -> None:
    # Comments sorting before and after sync's reason: only the reason goes when the English is back.
    from handbook.translate.merge import OBSOLETE_REASON

    comments = ("Asked Dana about the tone.", OBSOLETE_REASON, "see the glossary for the term.")
    old = Catalog("he", "a.md", obsolete=[Entry("Back.", "חזר.", obsolete=True, comments=comments)])
    catalog, _ = merge_page([unit("Back.")], old, Memory(), drafts=True)
    assert [(e.msgstr, e.comments, e.obsolete) for e in catalog.entries] == [
        ("חזר.", ("Asked Dana about the tone.", "see the glossary for the term."), False)
    ]


def test_a_needs_work_text_in_the_memory_is_a_persons_text_not_a_reviewed_one() -> None:
    # A translator's "needs work" text (fuzzy, no engine) is reused as it is on another page:
    # still a person's text, still fuzzy, never promoted to reviewed; a reviewed text beats it.
    memory = Memory()
    memory.add(Entry("Shared.", "טיוטה של אדם.", fuzzy=True))
    assert memory.reviewed("Shared.") is False
    catalog, needs = merge_page([unit("Shared.")], Catalog("he", "b.md"), memory, drafts=True)
    [entry] = catalog.entries
    assert (entry.msgstr, entry.fuzzy, entry.engine, entry.state, entry.human) == (
        "טיוטה של אדם.",
        True,
        "",
        SegmentState.MACHINE,
        True,
    )
    assert needs == []
    memory.add(Entry("Shared.", "סופי."))
    assert (memory.reviewed("Shared."), memory.hit("Shared.").msgstr) == (True, "סופי.")


def test_an_obsolete_draft_equal_to_the_reviewed_text_it_gives_way_to_is_not_kept() -> None:
    # Page b's translator accepted the machine draft word for word; page a's old draft of the
    # same English (read from another file: an equal string, not the same object) comes back
    # as page b's reviewed text, and is not kept a second time as an obsolete entry.
    draft = "[טיוטה]"
    old = Catalog("he", "a.md", obsolete=[replace(machine("Back.", draft, "pseudo"), obsolete=True)])
    memory = Memory()
    memory.add(Entry("Back.", (draft + ".")[:-1]))
    catalog, needs = merge_page([unit("Back.")], old, memory, drafts=True)
    assert needs == []
    assert [(e.msgstr, e.state) for e in catalog.entries] == [(draft, SegmentState.REVIEWED)]
    assert catalog.obsolete == []


def test_of_several_obsolete_texts_the_first_human_one_comes_back() -> None:
    # gettext's msgctxt lets one English text have several obsolete entries: when the English is
    # back, the first text a person wrote comes back active, never a machine draft before it.
    for obsolete, back in (
        (
            [machine("Back.", "[draft]", "pseudo"), Entry("Back.", "אנושי.", context="kept translation")],
            "אנושי.",
        ),
        ([Entry("Back.", "ראשון."), Entry("Back.", "שני.", context="kept translation")], "ראשון."),
    ):
        old = Catalog("he", "a.md", obsolete=[replace(entry, obsolete=True) for entry in obsolete])
        catalog, needs = merge_page([unit("Back.")], old, Memory(), drafts=True)
        assert needs == []
        assert [(e.msgstr, e.state, e.context) for e in catalog.entries] == [
            (back, SegmentState.REVIEWED, "")
        ]
        assert [e.msgstr for e in catalog.obsolete] == [e.msgstr for e in obsolete if e.msgstr != back]


def test_a_hand_written_page_missing_a_block_in_the_middle_imports_the_blocks_after_it() -> None:
    from handbook.translate.merge import import_page

    english = "# T\n\nOne.\n\n## B {#b}\n\nTwo.\n"
    translated = "# ת\n\n## ב {#b}\n\nשתיים.\n"
    catalog = import_page(english, translated, lang="he", page="p.md")
    assert {e.msgid: (e.msgstr, e.state) for e in catalog.entries} == {
        "T": ("ת", SegmentState.REVIEWED),
        "B": ("ב", SegmentState.REVIEWED),
        "Two.": ("שתיים.", SegmentState.STALE),
    }
    assert catalog.obsolete == []


def test_a_persons_needs_work_text_is_never_replaced_by_the_memory() -> None:
    # "Needs work" (fuzzy, no engine) is a person's text: neither another page's machine draft
    # nor another page's reviewed text takes its place, and its comments stay.
    mine = Entry("Shared.", "הטקסט שלי.", fuzzy=True, note="paragraph", comments=("Check the tone.",))
    for other in (machine("Shared.", "[draft]", "pseudo"), Entry("Shared.", "של הדף האחר.")):
        memory = Memory()
        memory.add(other)
        memory.add(mine)
        catalog, needs = merge_page([unit("Shared.")], Catalog("he", "a.md", [mine]), memory, drafts=True)
        assert (catalog.entries, catalog.obsolete, needs) == ([mine], [], [])


def test_an_imported_leftover_block_gets_no_sync_reason_comment() -> None:
    # Its msgid says why it is kept ("[unmatched block ...]"); sync's own reason is for English
    # that left the page, and is written once.
    from handbook.translate.merge import OBSOLETE_REASON

    leftover = Entry("[unmatched block 1 of the hand-written docs/he/a.md]", "פסקה נוספת.", obsolete=True)
    gone = Entry("Gone.", "הלך.", obsolete=True, comments=(OBSOLETE_REASON,))
    old = Catalog("he", "a.md", obsolete=[leftover, gone])
    catalog, _ = merge_page([unit("Stays.")], old, Memory(), drafts=False)
    assert [(e.msgid, e.comments) for e in catalog.obsolete] == [
        (leftover.msgid, ()),
        ("Gone.", (OBSOLETE_REASON,)),
    ]


def test_drafts_lang_and_page_are_passed_by_name() -> None:
    """`drafts` is a flag and `lang`/`page` two strings: keyword-only, so a call says which is which
    and cannot swap them by position."""
    import pytest

    from handbook.translate.merge import import_page

    with pytest.raises(TypeError):
        merge_page([unit("A.")], Catalog(lang="he", page="a.md"), Memory(), True)
    with pytest.raises(TypeError):
        import_page("A.\n", "א.\n", "he", "a.md")
