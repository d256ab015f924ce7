"""The Argos engine through the real argostranslate code path, with tiny copy models and no network.

The tiny models copy their input, so every expectation is the exact source text: anything the
engine (or Argos) loses, reorders or alters along the way shows up as a difference. Copying is
also what an engine that skips the model would produce, so the tests at the end swap in the
marker model (each sentence comes back as "⁂ " + the sentence) to prove the model ran.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_budget import examples

from handbook.core.errors import HandbookError
from handbook.translate.argos import DEFAULT_PROTECT_PATTERN, ArgosEngine, Masked, protect

pytestmark = pytest.mark.usefixtures("tiny_argos", "no_network")


@pytest.fixture(scope="module")
def engine() -> ArgosEngine:
    return ArgosEngine(protected_terms=["Starbucks", "Del Taco", "Benson Ave."])


def test_copy_model_round_trips_every_script(engine: ArgosEngine) -> None:
    texts = [
        "Greet every customer by name.",
        "שלום, ברוכים הבאים לסניף!",
        "هل يمكنني مساعدتك؟ شكرا لك.",
        "สวัสดีครับ ยินดีต้อนรับ",
        "Спасибо, что подождали.",
    ]
    for target in ("he", "ar", "th", "ru"):
        assert engine.translate(texts, "en", target) == texts


def test_one_model_call_per_language_for_many_segments(engine: ArgosEngine) -> None:
    texts = [f"Segment number {n}. It has two sentences." for n in range(40)]
    before = engine.calls
    assert engine.translate(texts, "en", "ru") == texts
    assert engine.calls - before == 1


def test_whitespace_and_lines_are_restored(engine: ArgosEngine) -> None:
    texts = [
        "  Leading and trailing  ",
        "Line one.\n  Line two.\n\nLine four.",
        "\n",
        "",
        "Two  spaces inside.",
    ]
    assert engine.translate(texts, "en", "he") == texts


def test_underscores_survive(engine: ArgosEngine) -> None:
    # Argos turns every "_" in its output into a space; the engine masks them.
    texts = ["Open the loyalty_card_id field.", "Say _thank you_ every time.", "A __ blank."]
    assert engine.translate(texts, "en", "ar") == texts


def test_placeholders_and_names_are_protected(engine: ArgosEngine) -> None:
    text = "At Starbucks or Del Taco on Benson Ave., open {{code1}} and https://example.org/help_page first."
    masked = protect(text, engine.protect_pattern, engine.protected_terms)
    for span in ("Starbucks", "Del Taco", "Benson Ave.", "{{code1}}", "https://example.org/help_page"):
        assert span not in masked.text
        assert span in masked.spans
    assert engine.translate([text], "en", "th") == [text]


def test_broken_masks_fall_back_to_translating_the_runs() -> None:
    masked = protect("Visit Starbucks today.", None, ["Starbucks"])
    assert masked.text == "Visit QZXAAA today."
    assert masked.restore("Besuchen Sie heute QZXAAA.") == "Besuchen Sie heute Starbucks."
    assert masked.restore("Besuchen Sie heute.") is None
    assert masked.restore("QZXAAA QZXAAA") is None
    assert masked.runs() == ["Visit ", " today."]


def test_adjacent_placeholders_stay_apart(engine: ArgosEngine) -> None:
    text = "Run {1}{2} or {3}_{4} at Starbucks{5}."
    masked = protect(text, engine.protect_pattern, engine.protected_terms)
    assert masked.text == "Run QZXAAAQZXAAB or QZXAACQZXAADQZXAAE at QZXAAFQZXAAG."
    assert masked.restore(masked.text) == text
    assert engine.translate([text], "en", "ru") == [text]


def test_long_segment_is_split_before_the_256_token_cut(engine: ArgosEngine) -> None:
    sentence = "Every customer who calls deserves a patient and complete answer from us today"
    long_text = " ".join(f"{sentence} number {n}." for n in range(40))
    no_punctuation = " ".join(["word"] * 700)
    one_run = "x" * 900
    texts = [long_text, no_punctuation, one_run]
    assert engine.translate(texts, "en", "ru") == texts


def test_the_model_alone_cuts_long_sentences(tiny_argos) -> None:
    # The behaviour the splitting guards against: without it, output stops at 256 tokens.
    import ctranslate2
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_file=str(tiny_argos.parts.sentencepiece_model))
    translator = ctranslate2.Translator(str(tiny_argos.parts.model_dir), intra_threads=1)
    tokens = processor.encode(" ".join(["word"] * 700), out_type=str)
    result = translator.translate_batch([tokens], beam_size=1)[0].hypotheses[0]
    assert len(tokens) > 256
    assert len(result) == 256


def test_thai_source_is_split_with_pythainlp(engine: ArgosEngine) -> None:
    thai = "ร้านกาแฟเปิดทุกวัน ลูกค้าทุกคนได้รับการต้อนรับอย่างอบอุ่น พนักงานยิ้มเสมอ " * 30
    texts = [thai.strip(), "สวัสดีครับ"]
    assert engine.translate(texts, "th", "en") == texts


def test_pivots_through_english(engine: ArgosEngine) -> None:
    texts = ["שלום! איך אפשר לעזור?", "Starbucks פתוח."]
    before = engine.calls
    assert engine.translate(texts, "he", "ar") == texts
    assert engine.calls - before == 2  # he → en, then en → ar


def test_missing_pair_names_it_and_how_to_install(engine: ArgosEngine, tiny_argos) -> None:
    with pytest.raises(HandbookError) as caught:
        engine.translate(["Hello."], "en", "fr")
    assert caught.value.format_message() == (
        f"no Argos Translate model for en → fr installed in {tiny_argos.packages_dir}\n"
        "  fix: on a machine with internet access download translate-en_fr-*.argosmodel from "
        "https://www.argosopentech.com/argospm/index/, copy it here and run "
        "`handbook models install FILE.argosmodel` (or sync with --engine none)"
    )


def test_missing_pivot_leg_is_named(engine: ArgosEngine, tiny_argos) -> None:
    with pytest.raises(HandbookError) as caught:
        engine.translate(["Привет."], "ru", "he")
    assert caught.value.detail == (
        f"no Argos Translate model for ru → he installed in {tiny_argos.packages_dir}, "
        "neither direct nor through English (missing: ru → en)"
    )
    assert "translate-ru_en-*.argosmodel" in caught.value.fix


def test_same_language_and_empty_input_cost_nothing(engine: ArgosEngine) -> None:
    before = engine.calls
    assert engine.translate(["Hello."], "en", "en") == ["Hello."]
    assert engine.translate([], "en", "he") == []
    assert engine.calls == before


def test_fallback_translates_around_protected_spans(engine: ArgosEngine, monkeypatch) -> None:
    # When a model loses a mask, the text between protected spans is translated on its own.
    from handbook.translate import argos as engines_argos

    monkeypatch.setattr(engines_argos.Masked, "restore", lambda self, translated: None)
    texts = ["Ask for Starbucks rewards_id at the till.  Then thank them.", "No names here."]
    assert engine.translate(texts, "en", "he") == texts


def test_sentences_come_from_the_package_splitter(engine: ArgosEngine) -> None:
    before = engine.sentences
    text = "One. Two! Three? Four؟ Five"
    assert engine.translate([text], "en", "ar") == [text]
    assert engine.sentences - before == 5


def test_thai_sentences_come_from_pythainlp(engine: ArgosEngine) -> None:
    from pythainlp.tokenize import sent_tokenize

    text = "ร้านกาแฟเปิดทุกวัน ลูกค้าทุกคนได้รับการต้อนรับอย่างอบอุ่น พนักงานยิ้มเสมอ"
    expected = len(sent_tokenize(text, engine="crfcut"))
    before = engine.sentences
    assert engine.translate([text], "th", "en") == [text]
    assert expected > 1
    assert engine.sentences - before == expected


@pytest.fixture()
def installed_without_splitter(tiny_argos, tmp_path) -> Iterator[Path]:
    """ru → en, installed without minisbd/*.onnx for the duration of one test."""
    import argostranslate.package
    from argostranslate.translate import get_installed_languages

    archive = tiny_argos.build("ru", "en", tmp_path, with_splitter=False)
    argostranslate.package.install_from_path(archive)
    installed = tiny_argos.packages_dir / "translate-ru_en-tiny"
    yield installed
    shutil.rmtree(installed)
    get_installed_languages.cache_clear()


def test_a_model_without_splitter_is_an_error_not_a_download(
    engine: ArgosEngine, installed_without_splitter: Path
) -> None:
    from minisbd import models as minisbd_models

    cached = Path(minisbd_models.cache_dir) / "ru.onnx"
    with pytest.raises(HandbookError) as caught:
        engine.translate(["Привет."], "ru", "en")
    assert caught.value.path == str(installed_without_splitter)
    assert caught.value.detail == (
        f"the ru → en model has no sentence splitter (minisbd/*.onnx), and {cached} does not exist; "
        "Argos would try to download it"
    )
    assert caught.value.fix == (
        "on a machine with internet access download ru.onnx from "
        f"https://github.com/LibreTranslate/MiniSBD/releases/download/v0.0.1/ru.onnx and copy it to {cached}"
    )


def test_a_splitter_in_the_minisbd_cache_is_used(
    engine: ArgosEngine, installed_without_splitter: Path, tiny_argos
) -> None:
    from minisbd import models as minisbd_models

    cached = Path(minisbd_models.cache_dir) / "ru.onnx"
    cached.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(tiny_argos.parts.minisbd_model, cached)
    try:
        before = engine.sentences
        assert engine.translate(["Привет. Как дела?"], "ru", "en") == ["Привет. Как дела?"]
        assert engine.sentences - before == 2
    finally:
        cached.unlink()


def test_a_stray_folder_in_the_packages_dir_is_named(engine: ArgosEngine, tiny_argos) -> None:
    stray = tiny_argos.packages_dir / "half-copied-model"
    stray.mkdir()
    try:
        with pytest.raises(HandbookError) as caught:
            engine.translate(["Hello."], "en", "he")
    finally:
        stray.rmdir()
    assert caught.value.path == str(stray)
    assert caught.value.detail == (
        "not an Argos Translate package: there is no metadata.json in this folder, "
        "and Argos cannot translate anything while it is there"
    )
    assert engine.translate(["Hello."], "en", "he") == ["Hello."]


def test_segment_placeholders_are_protected(engine: ArgosEngine) -> None:
    from handbook.translate.segments import extract

    source = extract("See [the sources](sources.md), run `handbook sync` and visit <https://example.org>.\n")[
        0
    ].source
    masked = protect(source, engine.protect_pattern, ())
    assert "{" not in masked.text
    assert "](" not in masked.text
    assert engine.translate([source], "en", "he") == [source]


_ALPHABET = "abcXYZ שלום مرحبا สวัสดี Привет 0123 .,!?؟:;_-{}[]()`*\n\t  "


@settings(
    max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(texts=st.lists(st.text(alphabet=_ALPHABET, max_size=80), min_size=1, max_size=6))
def test_any_text_comes_back_exactly_through_the_copy_model(engine: ArgosEngine, texts: list[str]) -> None:
    assert engine.translate(texts, "en", "th") == texts


@given(text=st.text(alphabet=_ALPHABET + "Starbucks", max_size=120))
def test_protect_then_restore_is_the_identity(text: str) -> None:
    masked = protect(text, re.compile(DEFAULT_PROTECT_PATTERN), ["Starbucks"])
    assert masked.restore(masked.text) == text
    assert "_" not in masked.text


@pytest.mark.parametrize(
    ("remove", "detail"),
    [
        ("model/model.bin", "the ru → en model cannot be loaded: "),
        ("sentencepiece.model", "the ru → en model has no sentencepiece.model or bpe.model"),
    ],
)
def test_a_damaged_model_is_named(
    engine: ArgosEngine, tiny_argos, tmp_path: Path, remove: str, detail: str
) -> None:
    import argostranslate.package
    from argostranslate.translate import get_installed_languages

    archive = tiny_argos.build("ru", "en", tmp_path)
    argostranslate.package.install_from_path(archive)
    installed = tiny_argos.packages_dir / "translate-ru_en-tiny"
    (installed / remove).unlink()
    try:
        with pytest.raises(HandbookError) as caught:
            engine.translate(["Привет."], "ru", "en")
    finally:
        shutil.rmtree(installed)
        get_installed_languages.cache_clear()
    assert caught.value.path == str(installed)
    assert caught.value.detail.startswith(detail)
    assert caught.value.fix == "reinstall it with `handbook models install FILE.argosmodel`"


def test_a_reinstalled_model_replaces_the_one_argos_cached(
    engine: ArgosEngine, tiny_argos, tmp_path: Path
) -> None:
    # Argos keeps one translation object per pair for the whole process; a reinstall must win.
    import argostranslate.package
    from argostranslate.translate import get_installed_languages

    installed = tiny_argos.packages_dir / "translate-ru_en-tiny"
    try:
        argostranslate.package.install_from_path(
            tiny_argos.build("ru", "en", tmp_path / "a", with_splitter=False)
        )
        with pytest.raises(HandbookError):
            engine.translate(["Привет."], "ru", "en")
        shutil.rmtree(installed)
        argostranslate.package.install_from_path(tiny_argos.build("ru", "en", tmp_path / "b"))
        assert engine.translate(["Привет. Пока."], "ru", "en") == ["Привет. Пока."]
    finally:
        shutil.rmtree(installed, ignore_errors=True)
        get_installed_languages.cache_clear()


# --- the model really runs: the marker model's "⁂ " shows in front of every sentence ------------


def test_every_sentence_goes_through_the_model(engine: ArgosEngine, marker_model) -> None:
    marker_model("en", "he")
    before = engine.calls
    texts = ["Greet every customer. Then ask how you can help!", "One line.\n  Two lines."]
    assert engine.translate(texts, "en", "he") == [
        "⁂ Greet every customer. ⁂ Then ask how you can help!",
        "⁂ One line.\n  ⁂ Two lines.",
    ]
    assert engine.calls - before == 1


def test_protected_spans_stay_out_of_the_model(engine: ArgosEngine, marker_model) -> None:
    marker_model("en", "ru")
    assert engine.translate(["Ask {1} at Starbucks about `code`."], "en", "ru") == [
        "⁂ Ask {1} at Starbucks about `code`."
    ]


def test_both_legs_of_a_pivot_run(engine: ArgosEngine, marker_model) -> None:
    marker_model("he", "en")
    marker_model("en", "ar")
    assert engine.translate(["שלום לכולם."], "he", "ar") == ["⁂ ⁂ שלום לכולם."]


def test_the_fallback_around_protected_spans_runs_the_model(
    engine: ArgosEngine, marker_model, monkeypatch
) -> None:
    marker_model("en", "th")
    monkeypatch.setattr("handbook.translate.argos.Masked.restore", lambda self, text: None)
    assert engine.translate(["Ask {1} today."], "en", "th") == ["⁂ Ask {1} ⁂ today."]


# --- masks: names never taken from the text, and a line of thousands of spans left alone --------


def test_a_mask_name_already_in_the_text_is_skipped(engine: ArgosEngine) -> None:
    text = "Code QZXAAA and QZXAAC stay; {1} and {2} are placeholders."
    masked = protect(text, re.compile(DEFAULT_PROTECT_PATTERN), ())
    assert masked.masks == ("QZXAAB", "QZXAAD")
    assert masked.text == "Code QZXAAA and QZXAAC stay; QZXAAB and QZXAAD are placeholders."
    # The codes in the text look like masks, so restoring falls back to translating the runs
    # between the spans, which must be split at the real masks only.
    assert masked.runs() == ["Code QZXAAA and QZXAAC stay; ", " and ", " are placeholders."]
    assert engine.translate([text], "en", "ru") == [text]


def test_mask_names_count_in_base_26_letters() -> None:
    text = " ".join(f"{{{n}}}" for n in range(26 * 26 + 2))
    masked = protect(text, re.compile(DEFAULT_PROTECT_PATTERN), ())
    assert masked.masks[:2] == ("QZXAAA", "QZXAAB")
    assert masked.masks[25:27] == ("QZXAAZ", "QZXABA")
    assert masked.masks[26 * 26 - 1 :] == ("QZXAZZ", "QZXBAA", "QZXBAB")
    assert len(set(masked.masks)) == len(masked.masks)
    assert masked.restore(masked.text) == text


def test_a_line_of_more_spans_than_half_the_mask_names_is_left_alone(monkeypatch) -> None:
    # With the real 26**3 names a line needs 8,789 spans, and masking it takes seconds.
    monkeypatch.setattr("handbook.translate.argos._MAX_MASKS", 27)
    pattern = re.compile(DEFAULT_PROTECT_PATTERN)
    half = 27 // 2
    assert len(protect("{1} " * half, pattern, ()).masks) == half
    assert protect("{1} " * (half + 1), pattern, ()) == Masked("{1} " * (half + 1), (), ())


def test_the_runs_between_spans_are_the_fallbacks_pieces() -> None:
    masked = protect("Ask {1} at Starbucks, then {2}", re.compile(DEFAULT_PROTECT_PATTERN), ["Starbucks"])
    assert masked.runs() == ["Ask ", " at ", ", then ", ""]
    assert protect("No spans here.", None, ()).runs() == ["No spans here."]


def test_the_time_inside_the_model_is_counted(engine: ArgosEngine) -> None:
    import time

    before, cpu = engine.model_seconds, time.process_time()
    engine.translate(["Count the time the model takes. " * 20], "en", "he")
    assert 0 < engine.model_seconds - before <= time.process_time() - cpu


def test_a_pattern_that_can_match_nothing_claims_no_empty_span() -> None:
    # A project's protect pattern may match the empty string ("\d*"); no mask stands for nothing.
    assert protect("Call 911 today.", re.compile(r"\d*"), ()) == Masked(
        "Call QZXAAA today.", ("QZXAAA",), ("911",)
    )
    assert protect("No digits.", re.compile(r"\d*"), ()) == Masked("No digits.", (), ())
    long = "No digits here at all. " * 20  # empty matches at positions above 256 too
    assert protect(long, re.compile(r"\d*"), ()) == Masked(long, (), ())


def test_the_fallback_keeps_hundreds_of_spans_in_order(engine: ArgosEngine, monkeypatch) -> None:
    monkeypatch.setattr("handbook.translate.argos.Masked.restore", lambda self, text: None)
    text = "Codes: " + " ".join(f"{{{n}}}" for n in range(300)) + " and the end."
    assert engine.translate([text], "en", "he") == [text]


def test_a_masked_text_is_a_value() -> None:
    masked = protect("Visit Starbucks today.", None, ["Starbucks"])
    assert hash(masked) == hash(protect("Visit Starbucks today.", None, ["Starbucks"]))
    with pytest.raises(AttributeError):
        masked.text = "Visit QZXAAB today."


def test_the_longest_protected_name_wins() -> None:
    masked = protect("Del Taco opens at Del Mar.", None, ["Del", "Del Taco"])
    assert masked.spans == ("Del Taco", "Del")
    assert masked.text == "QZXAAA opens at QZXAAB Mar."


def test_sentences_are_found_in_order_with_the_whitespace_between_them() -> None:
    from handbook.translate.argos import _split_with_gaps

    assert _split_with_gaps("One.  Two.\tThree.", ["One.", " Two.", "Three."]) == (
        ["One.", "Two.", "Three."],
        ["", "  ", "\t"],
    )
    # An empty piece is skipped, not the end.
    assert _split_with_gaps("One. Two.", ["One.", " ", "Two."]) == (["One.", "Two."], ["", " "])
    # A splitter that drops or changes text: the line is kept whole instead.
    assert _split_with_gaps("One. Two. Three.", ["One.", "Three."]) is None
    assert _split_with_gaps("One. Two.", ["One.", "Two!"]) is None
    assert _split_with_gaps("One. Two.", ["One."]) is None
    assert _split_with_gaps("One.", ["One.", "Two and more."]) is None
    assert _split_with_gaps("One.", []) is None


def test_a_language_code_read_from_a_file_is_compared_by_value(engine: ArgosEngine) -> None:
    target = "".join(["e", "n"])  # not the interned literal "en"
    before = engine.calls
    assert engine.translate(["Hello."], "en", target) == ["Hello."]
    assert engine.calls == before


def test_a_beam_size_of_zero_in_argos_settings_still_translates(
    engine: ArgosEngine, marker_model, monkeypatch
) -> None:
    """ARGOS_BEAM_SIZE=0 (or negative) is a setting Argos itself survives (it decodes with at least
    one beam); the engine, which calls CTranslate2 as Argos does, must too."""
    from argostranslate import settings

    marker_model("en", "he")
    monkeypatch.setattr(settings, "beam_size", 0)
    assert engine.translate(["Hello there."], "en", "he") == ["⁂ Hello there."]
