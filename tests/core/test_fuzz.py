"""Fuzzing the readers that take untrusted input: only the project's own clean errors come
out — never a traceback of another kind, a hang, or a file written."""
from __future__ import annotations

import json
import os
import struct

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rnnstudio.core.model.bundle import load_bundle, save_bundle
from rnnstudio.core.config import ModelConfig
from rnnstudio.core.data.corpus import Corpus
from rnnstudio.core.errors import StudioError
from rnnstudio.core.data.textfile import decode_text
from rnnstudio.core.training.train import Trainer

from .helpers import TINY_TRAIN, run_all

FUZZ = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def model_bytes(tmp_path_factory):
    corpus = Corpus.from_text("the cat sat on the mat. " * 40, "tiny")
    trainer = Trainer(corpus, ModelConfig(emb_size=4, hidden_size=8, layers=1),
                      TINY_TRAIN.replace(max_steps=2, seq_len=8, batch_size=2, sample_length=0))
    run_all(trainer)
    path = tmp_path_factory.mktemp("fuzz") / "m.rnnstudio"
    save_bundle(trainer.bundle(), path)
    return path.read_bytes()


def _load(tmp_path, data: bytes):
    folder = tmp_path / "case"
    folder.mkdir(exist_ok=True)
    path = folder / "m.rnnstudio"
    path.write_bytes(data)
    try:
        bundle = load_bundle(path)
    except StudioError:
        bundle = None
    assert sorted(os.listdir(folder)) == ["m.rnnstudio"]  # reading never writes
    return bundle


def test_truncated_at_every_byte(tmp_path, model_bytes):
    step = max(1, len(model_bytes) // 400)
    for cut in range(0, len(model_bytes), step):
        assert _load(tmp_path, model_bytes[:cut]) is None
    assert _load(tmp_path, model_bytes) is not None


@FUZZ
@given(data=st.data())
def test_flipped_bytes(tmp_path, model_bytes, data):
    raw = bytearray(model_bytes)
    for _ in range(data.draw(st.integers(1, 8))):
        i = data.draw(st.integers(0, len(raw) - 1))
        raw[i] = data.draw(st.integers(0, 255))
    bundle = _load(tmp_path, bytes(raw))
    if bundle is not None:  # a flip that left a valid file must give a usable model
        bundle.build_model()


def _header(model_bytes) -> tuple[dict, bytes]:
    n = int.from_bytes(model_bytes[:8], "little")
    return json.loads(model_bytes[8:8 + n]), model_bytes[8 + n:]


def _with_header(header: dict, body: bytes) -> bytes:
    raw = json.dumps(header).encode("utf-8")
    return struct.pack("<Q", len(raw)) + raw + body


json_values = st.recursive(st.none() | st.booleans() | st.integers(-2**63, 2**63) | st.floats() | st.text(max_size=8),
                           lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=6), inner,
                                                                                       max_size=4),
                           max_leaves=12)


@FUZZ
@given(data=st.data())
def test_mutated_metadata(tmp_path, model_bytes, data):
    """Any key of the app's JSON header replaced by any JSON value."""
    outer, body = _header(model_bytes)
    inner = json.loads(outer["__metadata__"]["rnnstudio"])
    section = data.draw(st.sampled_from(["model", "tokenizer", "train", "resume", "history", "corpus", None]))
    value = data.draw(json_values)
    if section is None or not isinstance(inner.get(section), dict):
        inner[section or "format_version"] = value
    else:
        key = data.draw(st.sampled_from(sorted(inner[section]) or ["x"]))
        inner[section][key] = value
    outer["__metadata__"]["rnnstudio"] = json.dumps(inner)
    bundle = _load(tmp_path, _with_header(outer, body))
    if bundle is not None:
        bundle.build_model()


@FUZZ
@given(data=st.data())
def test_mutated_tensor_table(tmp_path, model_bytes, data):
    """Wrong shapes, dtypes, offsets and huge sizes in the safetensors table."""
    outer, body = _header(model_bytes)
    names = sorted(k for k in outer if k != "__metadata__")
    name = data.draw(st.sampled_from(names))
    entry = dict(outer[name])
    what = data.draw(st.sampled_from(["shape", "dtype", "offsets"]))
    if what == "shape":
        entry["shape"] = data.draw(st.lists(st.integers(0, 2**40), max_size=4))
    elif what == "dtype":
        entry["dtype"] = data.draw(st.sampled_from(["F16", "BF16", "I64", "U8", "BOOL", "F64", "X9"]))
    else:
        entry["data_offsets"] = data.draw(st.lists(st.integers(0, 2**62), min_size=2, max_size=2))
    outer[name] = entry
    _load(tmp_path, _with_header(outer, body))


@FUZZ
@given(data=st.binary(max_size=4000))
def test_random_bytes_as_text(data):
    try:
        text, encoding, bad = decode_text(data, "fuzz.txt")
    except StudioError:
        return
    assert isinstance(text, str) and isinstance(encoding, str)


@FUZZ
@given(parts=st.lists(st.tuples(st.text(max_size=200), st.sampled_from(
    ["utf-8", "utf-16", "gb18030", "big5", "shift_jis", "cp1252", "latin-1"])), min_size=1, max_size=4))
def test_random_mixes_of_encodings(parts):
    data = b"".join(t.encode(enc, errors="ignore") for t, enc in parts)
    try:
        decode_text(data, "mix.txt")
    except StudioError:
        pass


def test_weights_with_invalid_numbers_or_shapes_are_refused(tmp_path, model_bytes):
    import torch
    from safetensors.torch import load, save

    outer, _ = _header(model_bytes)
    tensors = load(model_bytes)
    bad = dict(tensors)
    bad["model.head.weight"] = torch.full_like(tensors["model.head.weight"], float("nan"))
    path = tmp_path / "nan.rnnstudio"
    path.write_bytes(save(bad, metadata=outer["__metadata__"]))
    with pytest.raises(StudioError, match="invalid numbers"):
        load_bundle(path)
    bad = dict(tensors)
    bad["model.head.weight"] = torch.zeros(3, 3)
    path.write_bytes(save(bad, metadata=outer["__metadata__"]))
    with pytest.raises(StudioError, match=r"head.weight: expected \d+x\d+, found 3x3"):
        load_bundle(path)
    with pytest.raises(StudioError, match="folder"):
        load_bundle(tmp_path)


# ---- the vocabulary JSON written beside an export ---------------------------------------------

@pytest.fixture(scope="module")
def vocab_text(tmp_path_factory):
    from rnnstudio.core.model.export import vocabulary_json
    from rnnstudio.core.data.tokenizer import Tokenizer
    from rnnstudio.core.model.bundle import ModelBundle
    tok = Tokenizer.build("床前明月光，疑是地上霜。" * 3 + "\"quote\" ", "char", min_count=2)
    config = ModelConfig(vocab_size=tok.vocab_size, emb_size=4, hidden_size=8, layers=1)
    return vocabulary_json(ModelBundle(config, tok, {}))


def _read_vocab(tmp_path, data: bytes):
    from rnnstudio.core.model.export import read_vocabulary
    folder = tmp_path / "vocab"
    folder.mkdir(exist_ok=True)
    path = folder / "m.onnx.vocab.json"
    path.write_bytes(data)
    try:
        tok = read_vocabulary(path)
    except StudioError:
        tok = None
    assert sorted(os.listdir(folder)) == ["m.onnx.vocab.json"]
    return tok


def test_vocabulary_file_reads_back(tmp_path, vocab_text):
    tok = _read_vocab(tmp_path, vocab_text.encode("utf-8"))
    assert tok is not None and tok.has_unk and "月" in tok.symbols
    assert tok.decode(tok.encode("明月")) == "明月"


@FUZZ
@given(cut=st.integers(0, 10_000))
def test_vocabulary_file_truncated(tmp_path, vocab_text, cut):
    raw = vocab_text.encode("utf-8")
    assert _read_vocab(tmp_path, raw[:cut % len(raw)]) is None   # never the whole file: always refused


@FUZZ
@given(data=st.data())
def test_vocabulary_file_mutated(tmp_path, vocab_text, data):
    d = json.loads(vocab_text)
    key = data.draw(st.sampled_from(sorted(d) + ["symbols.item"]))
    value = data.draw(json_values)
    if key == "symbols.item":
        d["symbols"][data.draw(st.integers(0, len(d["symbols"]) - 1))] = value
    else:
        d[key] = value
    tok = _read_vocab(tmp_path, json.dumps(d).encode("utf-8"))
    if tok is not None:  # what is accepted must work
        assert all(isinstance(s, str) and s for s in tok.symbols)
        tok.decode(tok.encode("".join(tok.symbols[:3])))


@FUZZ
@given(data=st.binary(max_size=600))
def test_vocabulary_file_random_bytes(tmp_path, data):
    _read_vocab(tmp_path, data)


@settings(max_examples=40, deadline=5000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_mutated_training_state_resumes_or_refuses(tmp_path, model_bytes, data):
    """A damaged training state in the header is refused on load, or it continues training."""
    outer, body = _header(model_bytes)
    inner = json.loads(outer["__metadata__"]["rnnstudio"])
    key = data.draw(st.sampled_from(sorted(inner["resume"])))
    inner["resume"][key] = data.draw(json_values)
    outer["__metadata__"]["rnnstudio"] = json.dumps(inner)
    bundle = _load(tmp_path, _with_header(outer, body))
    if bundle is None:
        return
    corpus = Corpus.from_text("the cat sat on the mat. " * 40, "tiny")
    trainer = Trainer(corpus, bundle.model_config,
                      TINY_TRAIN.replace(max_steps=bundle.progress.step + 1, seq_len=8, batch_size=2,
                                         sample_length=0), resume_from=bundle)
    run_all(trainer)
    assert trainer.step == bundle.progress.step + 1


@FUZZ
@given(data=st.data())
def test_mutated_vocabulary_in_the_model_file(tmp_path, model_bytes, data):
    """The vocabulary's one reader (Tokenizer.from_dict) behind the model file: any of its keys,
    or one of its symbols or counts, replaced by any JSON value; a file that still loads has a
    vocabulary that encodes and decodes, matching the model."""
    outer, body = _header(model_bytes)
    inner = json.loads(outer["__metadata__"]["rnnstudio"])
    vocab = inner["tokenizer"]
    key = data.draw(st.sampled_from(sorted(vocab) + ["symbols.item", "counts.item", "extra"]))
    value = data.draw(json_values)
    if key.endswith(".item"):
        items = vocab[key.split(".")[0]]
        items[data.draw(st.integers(0, len(items) - 1))] = value
    else:
        vocab[key] = value
    outer["__metadata__"]["rnnstudio"] = json.dumps(inner)
    bundle = _load(tmp_path, _with_header(outer, body))
    if bundle is not None:
        tok = bundle.tokenizer
        assert tok.vocab_size == bundle.model_config.vocab_size
        assert tok.decode(tok.encode("the cat")) == "the cat"
