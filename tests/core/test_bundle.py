"""The model file: round trip, atomic writes, clear errors, export."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path

import numpy as np
import pytest
import torch

from rnnstudio.core.model.bundle import FORMAT_VERSION, load_bundle, save_bundle
from rnnstudio.core.config import SampleConfig
from rnnstudio.core.data.corpus import Corpus
from rnnstudio.core.errors import ModelFileError
from rnnstudio.core.model.export import export
from rnnstudio.core.model.sample import Sampler
from rnnstudio.core.training.train import Trainer

from .helpers import TINY_MODEL, TINY_TRAIN, run_all


@pytest.fixture(scope="module", params=["lstm", "gru"])
def trainer(request):
    text = (request.config.rootpath / "resources/corpora/tang_poems.txt").read_text(encoding="utf-8")[:20000]
    corpus = Corpus.from_text(text, "tang.txt", min_count=2)
    t = Trainer(corpus, TINY_MODEL.replace(cell=request.param, layers=2),
                TINY_TRAIN.replace(max_steps=30, eval_interval=15, sample_length=0))
    run_all(t)
    return t


def test_save_load_gives_identical_logits(trainer, tmp_path):
    path = save_bundle(trainer.bundle(), tmp_path / "m.rnnstudio")
    loaded = load_bundle(path)
    original = trainer.bundle().build_model()
    again = loaded.build_model()
    idx = torch.randint(0, loaded.tokenizer.vocab_size, (2, 25))
    with torch.no_grad():
        assert torch.equal(original(idx)[0], again(idx)[0])
    assert loaded.tokenizer.symbols == trainer.corpus.tokenizer.symbols
    assert loaded.tokenizer.has_unk
    assert loaded.history["val"] == trainer.history["val"]
    assert loaded.corpus["hash"] == trainer.corpus.hash
    assert loaded.train_config == trainer.config
    cfg = SampleConfig(prime="春", length=30, seed=3)
    assert Sampler.from_bundle(loaded).generate(cfg) == Sampler(original, trainer.corpus.tokenizer).generate(cfg)
    # the unknown symbol stands for rare characters: the sampler never writes it
    text = Sampler.from_bundle(loaded).generate(cfg.replace(length=500, temperature=1.5))[0]
    assert "\ufffd" not in text and len(text) == 500


def test_the_file_is_safetensors_with_a_json_header(trainer, tmp_path):
    from safetensors import safe_open

    path = save_bundle(trainer.bundle(), tmp_path / "m.rnnstudio")
    with safe_open(str(path), "pt") as f:
        header = json.loads(f.metadata()["rnnstudio"])
        keys = set(f.keys())
    assert header["format_version"] == FORMAT_VERSION
    assert header["model"]["cell"] == trainer.model_config.cell
    assert "model.emb.weight" in keys and any(k.startswith("resume.optim.") for k in keys)


def test_a_failed_save_leaves_the_old_file(trainer, tmp_path, monkeypatch):
    path = save_bundle(trainer.bundle(), tmp_path / "m.rnnstudio")
    before = path.read_bytes()

    def crash(*a, **k):
        raise OSError("disk full")
    monkeypatch.setattr(os, "fsync", crash)
    with pytest.raises(OSError):
        save_bundle(trainer.bundle(), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["m.rnnstudio"]  # no temp file left behind


def test_bad_files_give_clear_errors(trainer, tmp_path):
    good = save_bundle(trainer.bundle(), tmp_path / "good.rnnstudio").read_bytes()
    cases = {
        "truncated.rnnstudio": good[: len(good) // 2],
        "tiny.rnnstudio": good[:5],
        "text.rnnstudio": b"just some text, not a model at all",
        "corrupt.rnnstudio": good[:8] + b"{" + bytes(200) + good[209:],
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(ModelFileError):
            load_bundle(tmp_path / name)
    with pytest.raises(ModelFileError, match="no such file"):
        load_bundle(tmp_path / "missing.rnnstudio")
    from safetensors.torch import save
    (tmp_path / "other.safetensors").write_bytes(save({"w": torch.zeros(3)}))
    with pytest.raises(ModelFileError, match="not an RNN Studio model"):
        load_bundle(tmp_path / "other.safetensors")


def test_a_newer_format_is_refused_with_a_reason(trainer, tmp_path):
    b = trainer.bundle()
    header = b.header
    b.header = lambda: {**header(), "format_version": FORMAT_VERSION + 1}
    save_bundle(b, tmp_path / "new.rnnstudio")
    with pytest.raises(ModelFileError, match="newer RNN Studio"):
        load_bundle(tmp_path / "new.rnnstudio")


def _next_symbol_probs(bundle, prime_ids):
    model = bundle.build_model()
    with torch.no_grad():
        logits, _ = model(torch.tensor([prime_ids]))
    return torch.softmax(logits[0, -1], -1).numpy()


def test_onnx_export_gives_the_same_distribution(trainer, tmp_path):
    import onnxruntime as ort

    bundle = trainer.bundle()
    path, vocab = export(bundle, "onnx", tmp_path / "m.onnx")
    assert json.loads(vocab.read_text(encoding="utf-8"))["symbols"] == bundle.tokenizer.symbols
    cfg = bundle.model_config
    ids = trainer.corpus.ids[:40].long().tolist()
    session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
    feeds = {"idx": np.array([ids], dtype=np.int64), "h": np.zeros((cfg.layers, 1, cfg.hidden_size), np.float32)}
    if cfg.cell == "lstm":
        feeds["c"] = feeds["h"].copy()
    logits = session.run(None, feeds)[0]
    probs = np.exp(logits[0, -1] - logits[0, -1].max())
    probs /= probs.sum()
    np.testing.assert_allclose(probs, _next_symbol_probs(bundle, ids), atol=1e-5)
    # and with a batch of 2, a different length (the axes are dynamic)
    feeds["idx"] = np.array([ids[:7], ids[7:14]], dtype=np.int64)
    for k in ("h", "c"):
        if k in feeds:
            feeds[k] = np.zeros((cfg.layers, 2, cfg.hidden_size), np.float32)
    assert session.run(None, feeds)[0].shape == (2, 7, cfg.vocab_size)


def test_the_vocabulary_file_encodes_as_the_model_does(trainer, tmp_path):
    """A script outside the app encodes its text with the vocabulary file written beside an export."""
    from rnnstudio.core.model.export import read_vocabulary

    _, vocab_path = export(trainer.bundle(), "onnx", tmp_path / "m.onnx")
    ids = trainer.corpus.ids[:40].long().tolist()
    text = trainer.corpus.tokenizer.decode(ids)
    assert read_vocabulary(vocab_path).encode(text).tolist() == ids


@pytest.mark.parametrize("head", ["full", "adaptive"])
@pytest.mark.parametrize("cell", ["rnn_tanh", "rnn_relu", "lstm", "gru"])
def test_pt2_export_reloads_with_plain_torch_export_and_gives_the_engine_numbers(tmp_path, cell, head):
    """torch.export's program (.pt2) takes and returns what the ONNX export does; its batch is free
    and its time is one symbol, so a prime goes in a symbol at a time, carrying the state."""
    from rnnstudio.core.config import ModelConfig
    from rnnstudio.core.data.tokenizer import Tokenizer
    from rnnstudio.core.model.bundle import ModelBundle
    from rnnstudio.core.model.network import CharRNN

    torch.manual_seed(0)
    tok = Tokenizer.build("the quick brown fox jumps over the lazy dog, THE QUICK BROWN FOX!")
    config = ModelConfig(cell=cell, vocab_size=tok.vocab_size, emb_size=8, hidden_size=16, layers=2,
                         cutoffs=(6, 14) if head == "adaptive" else ())
    model = CharRNN(config).eval()
    path, vocab = export(ModelBundle(config, tok, model.state_dict()), "pt2", tmp_path / "m.pt2")
    assert vocab.name == "m.pt2.vocab.json"
    program = torch.export.load(str(path)).module()
    ids = torch.tensor([tok.encode("the lazy fox").tolist(), tok.encode("THE QUICK BO").tolist()])
    batch, steps = ids.shape
    state = [torch.randn(2, batch, 16) for _ in range(2 if cell == "lstm" else 1)]
    carried = list(state)
    for t in range(steps):
        logits, *carried = program(ids[:, t:t + 1], *carried)
    with torch.no_grad():
        want, hidden = model(ids, tuple(state) if cell == "lstm" else state[0])
    hidden = hidden if cell == "lstm" else (hidden,)
    torch.testing.assert_close(logits[:, 0], want[:, -1], atol=1e-5, rtol=1e-5)
    for got, expected in zip(carried, hidden):
        torch.testing.assert_close(got, expected, atol=1e-5, rtol=1e-5)
    single = program(ids[:1, :1], *[s[:, :1] for s in state])   # a batch of one works too
    torch.testing.assert_close(single[0][0, 0], model(ids[:1, :1], tuple(s[:, :1] for s in state)
                                                      if cell == "lstm" else state[0][:, :1])[0][0, 0])


def test_nothing_in_the_app_uses_torchscript():
    import rnnstudio

    root = Path(rnnstudio.__file__).parent
    users = [str(p.relative_to(root)) for p in root.rglob("*.py") if re.search(r"\bjit\b", p.read_text("utf-8"))]
    assert users == []


def test_training_state_round_trips_and_refuses_damage(trainer):
    from rnnstudio.core.model.bundle import ResumeState
    state = trainer.bundle().resume
    assert state.step == trainer.step and state.budget == (trainer.config.max_steps, trainer.config.max_seconds)
    assert ResumeState.from_dict(json.loads(json.dumps(state.to_dict()))) == state
    for damage in ({"step": -1}, {"step": "12"}, {"elapsed": True}, {"budget": [1]}, {"lr": [1]},
                   {"param_groups": [3]}, {"optimizer": 7}, {"epoch": float("inf")}, {"step": float("nan")},
                   {"step": 2.5}, {"elapsed": float("-inf")}, {"budget": [float("inf"), 0.0]},
                   {"budget": [10, float("nan")]}):
        with pytest.raises(ValueError):
            ResumeState.from_dict({**state.to_dict(), **damage})
    # A run whose validation diverged saved NaN as its best loss: it still opens, with no best yet.
    diverged = json.loads(json.dumps({**state.to_dict(), "best_val": float("nan")}))
    assert ResumeState.from_dict(diverged).best_val is None
