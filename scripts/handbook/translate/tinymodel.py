"""Tiny Argos Translate packages: the real Argos code path, offline, in tests.

Real translation models cannot be downloaded on the build machines, so tests and benchmarks build
these packages at run time (see ARCHITECTURE.md, "Machine translation"): a SentencePiece model
trained on a few hundred lines of the five scripts, a one-layer CTranslate2 Transformer, a one-node
ONNX sentence splitter for MiniSBD, and the `metadata.json` Argos reads. Two models share the
tokenizer:

- the *copy* model: the decoder copies the source token by token, so output equals input and tests
  can assert exact text end to end (where identity is what is wanted);
- the *marker* model: the decoder first writes MARKER, then copies the source, so every sentence
  comes back as "⁂ " + the sentence. Output that lacks the marker was never through the model,
  which is what a test needs to catch an engine that skips the model and returns its input.

Used by tests and `bench/` only; it needs numpy, sentencepiece, ctranslate2 and onnx.
"""

from __future__ import annotations

import json
import random
import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

# Characters of the five scripts the handbook uses (en, he, ar, th, ru) plus digits and punctuation.
_LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
_HEBREW = "אבגדהוזחטיךכלםמןנסעףפץצקרשת"
_ARABIC = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي"
_THAI = "กขฃคฅฆงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรฤลฦวศษสหฬอฮะัาำิีึืฺุู฿เแโใไๅๆ็่้๊๋์ํ๎๏๐๑๒๓๔๕๖๗๘๙"
_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
_COMMON = "0123456789.,;:!?()[]{}«»\"'-–—/&%#@*+=<>؟،؛"
SCRIPTS = {"en": _LATIN, "he": _HEBREW, "ar": _ARABIC, "th": _THAI, "ru": _CYRILLIC}
LANGUAGE_NAMES = {"en": "English", "he": "Hebrew", "ar": "Arabic", "th": "Thai", "ru": "Russian"}

# Sentence-final characters of the tiny splitter: everything else continues the sentence.
SENTENCE_END = ".!?؟"

TOKEN_CODE_DIM = 128  # token identity: a balanced ±1 code per vocabulary entry
POSITION_CODE_DIM = 64  # position: a balanced ±1 code per position
MAX_POSITIONS = 1024  # CTranslate2's default max_input_length
QUERY_GAIN = 20.0  # makes cross-attention pick exactly the source position equal to the step
# A code's dot product with itself beats its dot product with any other code by at least this.
MIN_TOKEN_MARGIN = 40
MIN_POSITION_MARGIN = 16  # x QUERY_GAIN: the wrong source position gets a weight below e^-40
# The marker model's first output token: one SentencePiece piece (a user-defined symbol).
MARKER = "⁂"
# The start token's embedding is MARKER's code times this; it outvotes whatever the first
# decoder step reads from the source: 8·128 - 128 > 8·(128 - MIN_TOKEN_MARGIN) + 128.
MARKER_GAIN = 8.0
MODELS = ("copy", "marker")


@dataclass(frozen=True)
class TinyModelParts:
    """A built SentencePiece model + CTranslate2 model directory, reusable for several packages."""

    sentencepiece_model: Path
    model_dir: Path
    minisbd_model: Path
    marker_model_dir: Path | None = None


def training_lines(count_per_script: int = 80, seed: int = 7) -> list[str]:
    """A few hundred deterministic lines of pseudo-words in each script, with punctuation."""
    rng = random.Random(seed)
    lines = []
    for alphabet in SCRIPTS.values():
        for _ in range(count_per_script):
            words = [
                "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8)))
                for _ in range(rng.randint(4, 12))
            ]
            line = " ".join(words)
            lines.append(line + rng.choice(".!?,;:") + " " + rng.choice(_COMMON) + str(rng.randint(0, 999)))
    return lines


def train_sentencepiece(dest_dir: Path, vocab_size: int = 800) -> Path:
    """Train a byte-fallback SentencePiece model that round-trips any text exactly (no normalisation)."""
    import sentencepiece as spm

    dest_dir.mkdir(parents=True, exist_ok=True)
    corpus = dest_dir / "corpus.txt"
    corpus.write_text("\n".join(training_lines()) + "\n", encoding="utf-8")
    prefix = dest_dir / "sentencepiece"
    spm.SentencePieceTrainer.train(
        input=str(corpus),
        model_prefix=str(prefix),
        vocab_size=vocab_size,
        model_type="bpe",
        character_coverage=1.0,
        byte_fallback=True,
        normalization_rule_name="identity",
        remove_extra_whitespaces=False,
        hard_vocab_limit=False,
        num_threads=1,
        minloglevel=2,
        user_defined_symbols=[MARKER],
    )
    corpus.unlink()
    return prefix.with_suffix(".model")


def _balanced_codes(count: int, dim: int, rng, min_margin: int) -> object:
    """`count` vectors of ±1 with exactly dim/2 of each sign, pairwise far apart (checked)."""
    import numpy as np

    base = np.array([1.0] * (dim // 2) + [-1.0] * (dim // 2), dtype=np.float32)
    codes = np.stack([rng.permutation(base) for _ in range(count)])
    gram = codes @ codes.T
    np.fill_diagonal(gram, -dim)
    worst = float(gram.max())
    if dim - worst < min_margin:
        raise ValueError(f"codes too close: margin {dim - worst} < {min_margin}; change the seed")
    return codes


def build_copy_model(sentencepiece_model: Path, model_dir: Path, seed: int = 11) -> Path:
    """Write a CTranslate2 Transformer (1 layer, 1 head) into `model_dir` that copies its input."""
    return _build_model(sentencepiece_model, model_dir, seed, marker=False)


def build_marker_model(sentencepiece_model: Path, model_dir: Path, seed: int = 11) -> Path:
    """Write a CTranslate2 Transformer into `model_dir` whose output is MARKER, then its input.

    As the copy model, with two changes: source position j carries position code j + 1, so the
    decoder step i reads source token i - 1 (step 0 reads no position exactly); and the start
    token's embedding is MARKER's token code (times MARKER_GAIN), so step 0 writes MARKER.
    """
    return _build_model(sentencepiece_model, model_dir, seed, marker=True)


def _build_model(sentencepiece_model: Path, model_dir: Path, seed: int, *, marker: bool) -> Path:
    """The copy model, or with `marker` the marker model (see build_marker_model).

    Residual stream = [token code (128) | position code (64)]; every vector is balanced ±1, so
    each layer norm is a plain rescaling. Encoder output keeps token and position codes;
    decoder cross-attention: query = decoder position, key = encoder position, value = token
    code; the projection scores every vocabulary entry by its code, so the argmax is the source
    token at the current step. `add_source_eos` makes the copy end with `</s>`.
    """
    import ctranslate2
    import numpy as np
    import sentencepiece as spm

    processor = spm.SentencePieceProcessor(model_file=str(sentencepiece_model))
    vocabulary = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    rng = np.random.default_rng(seed)
    vocab_size = len(vocabulary)
    t, p = TOKEN_CODE_DIM, POSITION_CODE_DIM
    d = t + p
    tok_slice, pos_slice = slice(0, t), slice(t, d)
    token_codes = _balanced_codes(vocab_size, t, rng, MIN_TOKEN_MARGIN)
    position_codes = _balanced_codes(MAX_POSITIONS + 1, p, rng, MIN_POSITION_MARGIN)

    def zeros(*shape: int):
        return np.zeros(shape, dtype=np.float32)

    def layer_norm(ln) -> None:
        ln.gamma = np.ones(d, dtype=np.float32)
        ln.beta = zeros(d)

    def silent_self_attention(attention) -> None:
        # Writes nothing back into the residual stream: output projection is zero.
        layer_norm(attention.layer_norm)
        attention.linear[0].weight = zeros(3 * d, d)
        attention.linear[0].bias = zeros(3 * d)
        attention.linear[1].weight = zeros(d, d)
        attention.linear[1].bias = zeros(d)

    def silent_ffn(ffn) -> None:
        layer_norm(ffn.layer_norm)
        ffn.linear_0.weight = zeros(4, d)
        ffn.linear_0.bias = zeros(4)
        ffn.linear_1.weight = zeros(d, 4)
        ffn.linear_1.bias = zeros(d)

    spec = ctranslate2.specs.TransformerSpec.from_config(1, 1)
    encoder, decoder = spec.encoder, spec.decoder

    source_embeddings = zeros(vocab_size, d)
    source_embeddings[:, tok_slice] = token_codes
    encoder.embeddings[0].weight = source_embeddings
    encoder.scale_embeddings = False
    encodings = zeros(MAX_POSITIONS, d)
    encodings[:, pos_slice] = position_codes[:MAX_POSITIONS]
    source_encodings = encodings.copy()
    if marker:  # source position j looks like decoder position j + 1
        source_encodings[:, pos_slice] = position_codes[1:]
    encoder.position_encodings.encodings = source_encodings
    layer_norm(encoder.layer_norm)
    silent_self_attention(encoder.layer[0].self_attention)
    silent_ffn(encoder.layer[0].ffn)

    # Decoder input carries only its position; the token block is filled by the copy.
    target_embeddings = zeros(vocab_size, d)
    if marker:  # the start token carries MARKER, so the first step writes it
        target_embeddings[vocabulary.index("<s>"), tok_slice] = (
            token_codes[vocabulary.index(MARKER)] * MARKER_GAIN
        )
    decoder.embeddings.weight = target_embeddings
    decoder.scale_embeddings = False
    decoder.position_encodings.encodings = encodings.copy()
    layer_norm(decoder.layer_norm)
    layer = decoder.layer[0]
    silent_self_attention(layer.self_attention)
    silent_ffn(layer.ffn)
    cross = layer.attention
    layer_norm(cross.layer_norm)
    query = zeros(d, d)
    query[pos_slice, pos_slice] = np.eye(p, dtype=np.float32) * QUERY_GAIN
    cross.linear[0].weight = query
    cross.linear[0].bias = zeros(d)
    keys_values = zeros(2 * d, d)
    keys_values[pos_slice, pos_slice] = np.eye(p, dtype=np.float32)  # key = encoder position
    keys_values[d : d + t, tok_slice] = np.eye(t, dtype=np.float32)  # value = token code
    cross.linear[1].weight = keys_values
    cross.linear[1].bias = zeros(2 * d)
    output = zeros(d, d)
    output[tok_slice, tok_slice] = np.eye(t, dtype=np.float32)
    cross.linear[2].weight = output
    cross.linear[2].bias = zeros(d)

    projection = zeros(vocab_size, d)
    projection[:, tok_slice] = token_codes
    decoder.projection.weight = projection
    decoder.projection.bias = zeros(vocab_size)

    spec.register_source_vocabulary(vocabulary)
    spec.register_target_vocabulary(vocabulary)
    spec.config.add_source_eos = True
    spec.validate()
    model_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(model_dir))
    return model_dir


def build_sentence_splitter(dest: Path) -> Path:
    """A MiniSBD ONNX model: one `Gather` giving class 2 (sentence end) on `. ! ? ؟`, else 0."""
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    units = ["<PAD>", "<UNK>", *SENTENCE_END]
    table = np.zeros((len(units), 5), dtype=np.float32)
    table[:, 0] = 1.0
    for index in range(2, len(units)):
        table[index] = [0.0, 0.0, 1.0, 0.0, 0.0]
    graph = helper.make_graph(
        [helper.make_node("Gather", ["classes", "units"], ["logits"], axis=0)],
        "tiny_sentence_splitter",
        inputs=[
            helper.make_tensor_value_info("units", TensorProto.INT64, ["batch", "chars"]),
            helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", "chars", 1]),
        ],
        outputs=[helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", "chars", 5])],
        initializer=[numpy_helper.from_array(table, "classes")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    vocab = {"lang": "xx", "idx": 0, "cutoff": 0, "lower": False, "_id2unit": units}
    vocab["_unit2id"] = {unit: index for index, unit in enumerate(units)}
    config = {"feat_funcs": ["space_before"], "max_seqlen": 1000, "batch_size": 32, "use_dictionary": False}
    for key, value in {"lang_code": "xx", "config": config, "vocab": vocab, "lexicon": None}.items():
        entry = model.metadata_props.add()
        entry.key = key
        entry.value = value if isinstance(value, str) else json.dumps(value)
    onnx.checker.check_model(model)
    dest.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(model, str(dest))
    return dest


def build_parts(work_dir: Path) -> TinyModelParts:
    """Train the tokenizer and build the copy and marker models and the splitter once, under `work_dir`."""
    sp_model = train_sentencepiece(work_dir / "sentencepiece")
    model_dir = build_copy_model(sp_model, work_dir / "model")
    marker_dir = build_marker_model(sp_model, work_dir / "marker-model")
    splitter = build_sentence_splitter(work_dir / "minisbd" / "tiny.onnx")
    return TinyModelParts(sp_model, model_dir, splitter, marker_dir)


def build_package(
    parts: TinyModelParts,
    source: str,
    target: str,
    dest_dir: Path,
    *,
    with_splitter: bool = True,
    version: str = "0.0.1",
    model: str = "copy",
) -> Path:
    """Zip a `translate-<source>_<target>-tiny.argosmodel` under one top-level folder; return its path.

    `model` is "copy" (output equals input) or "marker" (every sentence comes back as MARKER + " "
    + the sentence).
    """
    if model not in MODELS:
        raise ValueError(f"model must be one of {MODELS}, not {model!r}")
    model_dir = parts.model_dir if model == "copy" else parts.marker_model_dir
    if model_dir is None:
        raise ValueError("these parts were built without the marker model; use build_parts")
    name = f"translate-{source}_{target}-tiny"
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / name
        shutil.copytree(model_dir, root / "model")
        shutil.copy2(parts.sentencepiece_model, root / "sentencepiece.model")
        if with_splitter:
            (root / "minisbd").mkdir()
            shutil.copy2(parts.minisbd_model, root / "minisbd" / f"{source}.onnx")
        metadata = {
            "package_version": version,
            "argos_version": "1.9",
            "from_code": source,
            "from_name": LANGUAGE_NAMES.get(source, source),
            "to_code": target,
            "to_name": LANGUAGE_NAMES.get(target, target),
            "type": "translate",
            "links": [],
        }
        (root / "metadata.json").write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")
        (root / "README.md").write_text(
            f"Tiny {model} model {source} -> {target} for tests: "
            + ("output equals input.\n" if model == "copy" else f"output is {MARKER} then the input.\n"),
            encoding="utf-8",
        )
        dest_dir.mkdir(parents=True, exist_ok=True)
        archive = dest_dir / f"{name}.argosmodel"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zipf:
            for path in sorted(root.rglob("*")):
                zipf.write(path, path.relative_to(Path(scratch)).as_posix())
    return archive
