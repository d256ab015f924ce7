"""The Argos Translate engine: whole segments in one batch, with Argos' known behaviours wrapped.

What it wraps (ARCHITECTURE.md, "Machine translation"): settings are read once at import, so the
environment is set first (`handbook.translate.models.import_argos`); `_` in output becomes a space and
surrounding whitespace is stripped, so underscores, placeholders and do-not-translate names are
masked and whitespace is put back; each line is translated on its own; output stops at 256 tokens
per sentence, so segments are split into sentences (the package's MiniSBD splitter, pythainlp for
Thai) and over-long sentences into chunks; MiniSBD downloads a model unless the package carries
one, so that case is an error instead. Pairs without a direct model pivot through English.

Packages, languages, tokenizers, splitters and the CTranslate2 translator all come from Argos;
only the final `translate_batch` call is made here, with Argos' own parameters, so that every
sentence of every segment goes through the model in one batch instead of one call per line.

Why one module of this size: masking, sentence splitting, batching and pivoting through English
are one pipeline around a single `translate` call, tested as a whole; split, each part would be a
few private functions imported by one caller.
"""

from __future__ import annotations

import os
import re
import time
import weakref
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from handbook.core.errors import HandbookError
from handbook.translate.models import (
    configure_environment,
    import_argos,
    installed_models,
    missing_pair_error,
)

PIVOT_LANGUAGE = "en"
# Output is cut at 256 tokens per sentence (CTranslate2's max_decoding_length); a translation can
# be longer than its source, so sources are cut well below that.
MAX_SENTENCE_TOKENS = 150
# Protected besides the glossary names: `handbook.translate.segments` placeholders `{N}` (with the `](` `)`
# around a link destination kept in one piece), `{{...}}`/`⟦...⟧` placeholders, URLs and
# identifiers with underscores. `handbook.translate.segments.PLACEHOLDER_RE` is added when it exists.
DEFAULT_PROTECT_PATTERN = (
    r"\]\((?<!\\)\{\d+\}\)|(?<!\\)\{\d+\}|\{\{[^{}]*\}\}|⟦[^⟦⟧]*⟧|https?://\S+[\w/]|\w+(?:_\w+)+"
)
_MASK_PREFIX = "QZX"  # masks look like product codes, which translation models copy verbatim
_UNDERSCORES = re.compile(r"_+")
# Sentence-final punctuation followed by more text: only such lines need the sentence splitter.
_POSSIBLE_BOUNDARY = re.compile(r"[.!?;:…։؟۔।。！？](?=\s+\S)")
_LEADING_SPACE = re.compile(r"^\s*")
_TRAILING_SPACE = re.compile(r"\s*$")


_MASK_RE = re.compile(rf"{_MASK_PREFIX}[A-Z]{{3}}")  # fixed length: adjacent masks stay apart
_MAX_MASKS = 26**3


def _mask_name(index: int) -> str:
    # Letters only: digits may be localised (Arabic-Indic), `_` becomes a space in Argos output.
    high, rest = divmod(index, 26 * 26)
    middle, low = divmod(rest, 26)
    return _MASK_PREFIX + "".join(chr(ord("A") + n) for n in (high, middle, low))


@dataclass(frozen=True)
class Masked:
    """A text whose protected spans are replaced by masks; `spans[i]` is hidden behind `masks[i]`."""

    text: str
    masks: tuple[str, ...]
    spans: tuple[str, ...]

    def restore(self, translated: str) -> str | None:
        """Put the spans back; None when the translation lost, doubled or altered a mask."""
        if not self.masks:
            return translated
        found = _MASK_RE.findall(translated)
        if sorted(found) != sorted(self.masks):
            return None
        by_mask = dict(zip(self.masks, self.spans, strict=True))
        return _MASK_RE.sub(lambda m: by_mask[m.group(0)], translated)

    def runs(self) -> list[str]:
        """The text between protected spans, in order (len(spans) + 1 items), for the fallback."""
        if not self.masks:
            return [self.text]
        return re.split("|".join(re.escape(mask) for mask in self.masks), self.text)


def protect(text: str, pattern: re.Pattern[str] | None, terms: Sequence[str] = ()) -> Masked:
    """Mask placeholders/URLs/identifiers (`pattern`), glossary `terms` (whole words) and stray `_`."""
    spans: list[tuple[int, int]] = []

    def claim(start: int, end: int) -> None:
        if start < end and all(end <= s or start >= e for s, e in spans):
            spans.append((start, end))

    if pattern is not None:
        for match in pattern.finditer(text):
            claim(*match.span())
    for term in sorted(terms, key=len, reverse=True):
        for match in re.finditer(rf"(?<!\w){re.escape(term)}(?!\w)", text):
            claim(*match.span())
    for match in _UNDERSCORES.finditer(text):
        claim(*match.span())
    if not spans or len(spans) > _MAX_MASKS // 2:  # (thousands of spans: leave the line alone)
        return Masked(text, (), ())
    spans.sort()
    used = set(_MASK_RE.findall(text))
    masks: list[str] = []
    pieces: list[str] = []
    cursor, counter = 0, 0
    for start, end in spans:
        name = _mask_name(counter)
        while name in used:
            counter += 1
            name = _mask_name(counter)
        counter += 1
        masks.append(name)
        pieces += [text[cursor:start], name]
        cursor = end
    pieces.append(text[cursor:])
    return Masked("".join(pieces), tuple(masks), tuple(text[s:e] for s, e in spans))


@dataclass
class _Unit:
    """One line of one segment, masked, split into sentences that are translated in one batch."""

    masked: Masked
    sentences: list[str] = field(default_factory=list)
    gaps: list[str] = field(default_factory=list)  # gaps[i] precedes sentences[i] (gaps[0] == "")
    translated: list[str] = field(default_factory=list)


def _split_with_gaps(text: str, pieces: Iterable[str]) -> tuple[list[str], list[str]] | None:
    """Locate `pieces` in order inside `text`; the whitespace between them becomes gaps."""
    sentences, gaps, cursor = [], [], 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        start = text.find(piece, cursor)
        if start < 0 or text[cursor:start].strip():
            return None
        gaps.append(text[cursor:start])
        sentences.append(piece)
        cursor = start + len(piece)
    if text[cursor:].strip() or not sentences:
        return None
    gaps[0] = ""
    return sentences, gaps


class ArgosEngine:
    """Machine translation with installed Argos Translate models, offline."""

    name = "argos"
    drafts = True

    def __init__(
        self,
        *,
        protected_terms: Iterable[str] | None = None,
        protect_pattern: str | None = DEFAULT_PROTECT_PATTERN,
        max_sentence_tokens: int = MAX_SENTENCE_TOKENS,
    ) -> None:
        """`protected_terms` default to the project glossary's `do_not_translate` names."""
        configure_environment()
        self.protected_terms = tuple(
            _glossary_names() if protected_terms is None else (t for t in protected_terms if t)
        )
        self.protect_pattern = _combined_pattern(protect_pattern)
        self.max_sentence_tokens = max_sentence_tokens
        self.calls = 0  # translate_batch calls made, for tests and benchmarks
        self.sentences = 0  # sentences (or chunks) sent to the model, first leg only
        self.model_seconds = 0.0  # CPU seconds (all threads) spent inside translate_batch

    # --- the engine interface -------------------------------------------------------------

    def translate(self, texts: list[str], source: str, target: str) -> list[str]:
        """Translate every text from `source` to `target`; same length and order as `texts`."""
        texts = list(texts)
        if source == target or not texts:
            return texts
        legs = self._legs(source, target)
        splitter = self._sentence_splitter(legs[0], source)
        units: list[_Unit] = []
        layout: list[tuple[str, list[tuple[str, int | None, str]], str]] = []
        for text in texts:
            lead = _LEADING_SPACE.match(text).group(0)
            body = text[len(lead) :]
            trail = _TRAILING_SPACE.search(body).group(0)
            body = body[: len(body) - len(trail)] if trail else body
            lines = []
            for line in body.split("\n") if body else []:
                line_lead = _LEADING_SPACE.match(line).group(0)
                core = line.strip()
                line_trail = line[len(line_lead) + len(core) :]
                if core:
                    units.append(_Unit(protect(core, self.protect_pattern, self.protected_terms)))
                    lines.append((line_lead, len(units) - 1, line_trail))
                else:
                    lines.append((line, None, ""))
            layout.append((lead, lines, trail))

        self._split_units(units, splitter, legs[0])
        sentences = [s for unit in units for s in unit.sentences]
        self.sentences += len(sentences)
        for leg in legs:
            sentences = self._translate_sentences(leg, sentences)
        cursor = 0
        for unit in units:
            unit.translated = sentences[cursor : cursor + len(unit.sentences)]
            cursor += len(unit.sentences)
        restored = self._restore(units, legs, splitter)

        results = []
        for lead, lines, trail in layout:
            body = "\n".join(
                line_lead + (restored[index] if index is not None else "") + line_trail
                for line_lead, index, line_trail in lines
            )
            results.append(lead + body + trail)
        return results

    # --- pair resolution ------------------------------------------------------------------

    def _legs(self, source: str, target: str) -> list:
        """The PackageTranslations to chain: the direct model, else source → en → target."""
        installed_models()  # a broken package folder is a clear error here, not inside Argos
        translate = import_argos()
        direct = _package_translations(translate)
        if (source, target) in direct:
            route = [(source, target)]
        elif PIVOT_LANGUAGE in (source, target):
            raise missing_pair_error(source, target, [(source, target)])
        else:
            route = [(source, PIVOT_LANGUAGE), (PIVOT_LANGUAGE, target)]
            missing = [pair for pair in route if pair not in direct]
            if missing:
                raise missing_pair_error(source, target, missing)
        legs = [direct[pair] for pair in route]
        for leg in legs:
            if not hasattr(leg.pkg, "tokenizer"):
                raise HandbookError(
                    f"the {leg.pkg.from_code} → {leg.pkg.to_code} model has no sentencepiece.model or bpe.model",
                    path=leg.pkg.package_path,
                    fix="reinstall it with `handbook models install FILE.argosmodel`",
                )
        return legs

    # --- sentences ------------------------------------------------------------------------

    def _sentence_splitter(self, leg, source: str) -> Callable[[list[str]], list[list[str]]]:
        """Split many lines at once: pythainlp for Thai, else the package's own MiniSBD model."""
        if source == "th":
            return _thai_sentences
        _check_splitter_is_local(leg)

        def minisbd(lines: list[str]) -> list[list[str]]:
            # Only lines with a possible boundary inside (most segments are one sentence), all
            # in one call: MiniSBD treats blank-line-separated text as separate paragraphs.
            candidates = [i for i, line in enumerate(lines) if _POSSIBLE_BOUNDARY.search(line)]
            result = [[line] for line in lines]
            if candidates:
                chosen = [lines[i] for i in candidates]
                found = leg.sentencizer.split_sentences("\n\n".join(chosen))
                for i, sentences in zip(candidates, _assign_to_lines(chosen, found), strict=True):
                    result[i] = sentences
            return result

        return minisbd

    def _split_units(self, units: list[_Unit], splitter, leg) -> None:
        lines = [unit.masked.text for unit in units]
        split = splitter(lines) if lines else []
        tokenizer = leg.pkg.tokenizer
        for unit, pieces in zip(units, split, strict=True):
            located = _split_with_gaps(unit.masked.text, pieces)
            sentences, gaps = located if located else ([unit.masked.text], [""])
            for sentence, gap in zip(sentences, gaps, strict=True):
                for number, (chunk_gap, chunk) in enumerate(self._chunks(sentence, tokenizer)):
                    unit.gaps.append(gap if number == 0 else chunk_gap)
                    unit.sentences.append(chunk)

    def _chunks(self, sentence: str, tokenizer) -> list[tuple[str, str]]:
        """(gap, text) pieces of a sentence, each short enough to escape the 256-token cut."""
        if len(tokenizer.encode(sentence)) <= self.max_sentence_tokens:
            return [("", sentence)]
        words = [(m.group(1), m.group(2)) for m in re.finditer(r"(\s*)(\S+)", sentence)]
        if len(words) == 1:
            words = [(w[: len(w) - len(w.lstrip())], w.lstrip()) for w in _thai_words(sentence)]
        chunks: list[tuple[str, str]] = []
        current: list[tuple[str, str]] = []
        size = 0

        def flush() -> None:
            if current:
                chunks.append((current[0][0], "".join(g + w for g, w in current)[len(current[0][0]) :]))
                current.clear()

        for gap, word in words:
            cost = len(tokenizer.encode(word))
            if current and size + cost > self.max_sentence_tokens:
                flush()
                size = 0
            if cost > self.max_sentence_tokens:  # one "word" longer than the limit: halve it
                flush()
                size = 0
                half = max(1, len(word) // 2)
                head = self._chunks(word[:half], tokenizer)
                chunks.append((gap, head[0][1]))
                chunks += head[1:] + self._chunks(word[half:], tokenizer)
                continue
            current.append((gap, word))
            size += cost
        flush()
        return chunks

    # --- the model ------------------------------------------------------------------------

    def _translate_sentences(self, leg, sentences: list[str]) -> list[str]:
        """Argos' apply_packaged_translation for a whole batch: same tokenizer, parameters, decoding."""
        if not sentences:
            return []
        from argostranslate import settings

        translator = _translator(leg)
        pkg = leg.pkg
        tokenized = [pkg.tokenizer.encode(sentence) for sentence in sentences]
        target_prefix = [[pkg.target_prefix]] * len(tokenized) if pkg.target_prefix else None
        self.calls += 1
        started = time.process_time()
        results = translator.translate_batch(
            tokenized,
            target_prefix=target_prefix,
            replace_unknowns=True,
            max_batch_size=settings.batch_size,
            batch_type="tokens",
            beam_size=max(1, settings.beam_size),
            num_hypotheses=1,
            length_penalty=0.2,
        )
        self.model_seconds += time.process_time() - started
        translated = []
        for result in results:
            value = pkg.tokenizer.decode(result.hypotheses[0])
            if pkg.target_prefix and value.startswith(pkg.target_prefix):
                value = value[len(pkg.target_prefix) :]
            translated.append(value[1:] if value.startswith(" ") else value)
        return translated

    def _restore(self, units: list[_Unit], legs, splitter) -> list[str]:
        """Join each unit's sentences and unmask it; a unit whose masks the model broke is retried
        by translating the runs between its protected spans separately."""
        restored: list[str | None] = []
        for unit in units:
            joined = "".join(gap + text for gap, text in zip(unit.gaps, unit.translated, strict=True))
            restored.append(unit.masked.restore(joined))
        broken = [i for i, text in enumerate(restored) if text is None]
        if broken:
            runs = [units[i].masked.runs() for i in broken]
            flat = [run for unit_runs in runs for run in unit_runs]
            translated = iter(self._translate_plain(flat, legs, splitter))
            for i, unit_runs in zip(broken, runs, strict=True):
                pieces = []
                for number in range(len(unit_runs)):
                    pieces.append(next(translated))
                    if number < len(unit_runs) - 1:
                        pieces.append(units[i].masked.spans[number])
                restored[i] = "".join(pieces)
        return [text or "" for text in restored]

    def _translate_plain(self, runs: list[str], legs, splitter) -> list[str]:
        """Translate text without protected spans, keeping each run's outer whitespace."""
        units = [_Unit(Masked(run.strip(), (), ())) for run in runs if run.strip()]
        self._split_units(units, splitter, legs[0])
        sentences = [s for unit in units for s in unit.sentences]
        for leg in legs:
            sentences = self._translate_sentences(leg, sentences)
        out, cursor, index = [], 0, 0
        for run in runs:
            if not run.strip():
                out.append(run)
                continue
            unit = units[index]
            index += 1
            texts = sentences[cursor : cursor + len(unit.sentences)]
            cursor += len(unit.sentences)
            core = run.strip()
            lead = run[: len(run) - len(run.lstrip())]
            trail = run[len(lead) + len(core) :]
            out.append(lead + "".join(g + t for g, t in zip(unit.gaps, texts, strict=True)) + trail)
        return out


# --- Argos objects ----------------------------------------------------------------------------


# When each PackageTranslation was first seen: Argos keeps them per pair for the whole process
# (`translate.installed_translates`), even after the package is reinstalled or removed.
_FINGERPRINTS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _fingerprint(path: Path) -> tuple:
    stamps = []
    for part in ("metadata.json", "model/model.bin", "sentencepiece.model"):
        try:
            stamps.append((path / part).stat().st_mtime_ns)
        except OSError:
            stamps.append(None)
    return (str(path), *stamps)


def _drop_stale_translations(translate) -> None:
    """Forget Argos' cached translation of a package that was reinstalled or removed since."""
    stale = []
    for entry in translate.installed_translates:
        leg = getattr(entry.cached_translation, "underlying", None)
        if not isinstance(leg, translate.PackageTranslation):
            continue
        now = _fingerprint(Path(leg.pkg.package_path))
        if _FINGERPRINTS.setdefault(leg, now) != now:
            stale.append(entry)
    if stale:
        for entry in stale:
            translate.installed_translates.remove(entry)
        translate.get_installed_languages.cache_clear()


def _package_translations(translate) -> dict[tuple[str, str], object]:
    """Every installed package's PackageTranslation by (source, target), from Argos' language graph."""
    _drop_stale_translations(translate)
    try:
        languages = translate.get_installed_languages()
    except (OSError, ValueError) as exc:
        raise HandbookError(
            f"Argos Translate could not load the installed models: {exc}",
            fix="reinstall the broken model with `handbook models install FILE.argosmodel`",
        ) from None
    found = {}
    for language in languages:
        for translation in language.translations_from:
            underlying = getattr(translation, "underlying", translation)
            if isinstance(underlying, translate.PackageTranslation):
                _FINGERPRINTS.setdefault(underlying, _fingerprint(Path(underlying.pkg.package_path)))
                found[(underlying.from_lang.code, underlying.to_lang.code)] = underlying
    return found


def _translator(leg):
    """The leg's CTranslate2 translator, created exactly as Argos creates it (and shared with it)."""
    if leg.translator is None:
        import ctranslate2
        from argostranslate import settings

        params = {
            "model_path": str(leg.pkg.package_path / "model"),
            "device": settings.device,
            "inter_threads": settings.inter_threads,
            "intra_threads": settings.intra_threads,
        }
        if settings.compute_type != "auto":
            params["compute_type"] = settings.compute_type
        try:
            leg.translator = ctranslate2.Translator(**params)
        except (RuntimeError, ValueError, OSError) as exc:
            raise HandbookError(
                f"the {leg.pkg.from_code} → {leg.pkg.to_code} model cannot be loaded: {exc}",
                path=leg.pkg.package_path,
                fix="reinstall it with `handbook models install FILE.argosmodel`",
            ) from None
    return leg.translator


def _check_splitter_is_local(leg) -> None:
    """MiniSBD downloads its model on first use unless the package or the cache already has it."""
    from argostranslate.sbd import MiniSBDSentencizer
    from minisbd import models as minisbd_models

    sentencizer = leg.sentencizer
    if not isinstance(sentencizer, MiniSBDSentencizer):
        return
    packaged = Path(sentencizer.lang)
    if packaged.is_absolute() and packaged.is_file():  # the package carries minisbd/*.onnx
        return
    filename = minisbd_models.MODELS.get(sentencizer.lang, f"{sentencizer.lang}.onnx")
    cached = Path(minisbd_models.cache_dir) / filename
    if cached.is_file():
        return
    code = leg.pkg.from_code
    raise HandbookError(
        f"the {code} → {leg.pkg.to_code} model has no sentence splitter (minisbd/*.onnx), and "
        f"{cached} does not exist; Argos would try to download it",
        path=leg.pkg.package_path,
        fix=f"on a machine with internet access download {filename} from "
        f"{minisbd_models.REPO_URL}{filename} and copy it to {cached}",
    )


def _assign_to_lines(lines: list[str], sentences: list[str]) -> list[list[str]]:
    """Give each sentence MiniSBD found in the joined text back to the line it came from."""
    joined = "\n\n".join(lines)
    starts, position = [], 0
    for line in lines:
        starts.append(position)
        position += len(line) + 2
    per_line: list[list[str]] = [[] for _ in lines]
    cursor, line_index = 0, 0
    for sentence in sentences:
        found = joined.find(sentence, cursor)
        if found < 0:
            return [[line] for line in lines]  # could not place it: keep every line whole
        while line_index + 1 < len(lines) and found >= starts[line_index + 1]:
            line_index += 1
        per_line[line_index].append(sentence)
        cursor = found + len(sentence)
    return [found or [line] for found, line in zip(per_line, lines, strict=True)]


def _thai_sentences(lines: list[str]) -> list[list[str]]:
    """Thai has no sentence punctuation: pythainlp's CRF model (crfcut) finds the breaks."""
    _pythainlp_data()
    from pythainlp.tokenize import sent_tokenize

    return [sent_tokenize(line, engine="crfcut") or [line] for line in lines]


def _thai_words(text: str) -> list[str]:
    """Words of a run without spaces (Thai), with whitespace kept attached, for chunking."""
    _pythainlp_data()
    from pythainlp.tokenize import word_tokenize

    words = word_tokenize(text, engine="newmm", keep_whitespace=True)
    merged: list[str] = []
    for word in words:
        if merged and (not word.strip() or not merged[-1].strip()):
            merged[-1] += word
        else:
            merged.append(word)
    return merged or [text]


def _pythainlp_data() -> None:
    """Keep pythainlp's data folder out of $HOME (it writes one on first use)."""
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    os.environ.setdefault("PYTHAINLP_DATA", str(Path(cache) / "pythainlp-data"))


def _combined_pattern(extra: str | None) -> re.Pattern[str]:
    """`extra` plus the segment placeholder pattern (`{1}`), which is always protected."""
    from handbook.translate.segments import PLACEHOLDER_RE

    parts = [PLACEHOLDER_RE.pattern, *([extra] if extra else [])]
    return re.compile("|".join(f"(?:{part})" for part in parts))


def _glossary_names() -> tuple[str, ...]:
    """The glossary's brand names and the names it keeps in Latin, inside a handbook checkout."""
    from handbook.core.project import Project
    from handbook.translate.glossary import load_glossary

    try:
        project = Project.discover()
    except HandbookError:
        return ()
    path = project.translations_dir / "glossary.yml"
    if not path.is_file():
        return ()
    return tuple(name for name in load_glossary(path).kept_in_latin if name.strip())
