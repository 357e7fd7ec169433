"""Every precision path on every machine.

bf16 runs here whatever the CPU: on one without native bfloat16 the engine's precision scope
switches oneDNN off and torch's own kernels run it (core/training/device.py), so this suite takes the
same bf16 code on an AVX2-only CPU as on one with AVX-512-BF16 or AMX. Every cell and both
output layers are trained, evaluated, sampled, inspected, exported and resumed in bf16; which
precision "auto" picks is a rule of its own, tested for every kind of machine.
"""
from __future__ import annotations

import math
import threading

import numpy as np
import pytest
import torch

from rnnstudio.core.training import device as device_mod
from rnnstudio.core.model.bundle import load_bundle, save_bundle
from rnnstudio.core.config import CELLS, ModelConfig, SampleConfig
from rnnstudio.core.data.corpus import Corpus
from rnnstudio.core.training.device import default_precision, precision_scope, resolve_precision
from rnnstudio.core.model.export import export
from rnnstudio.core.inspect.inspection import gradient_windows, inspect_text
from rnnstudio.core.model.sample import Sampler
from rnnstudio.core.training.train import Trainer

from .helpers import TINY_TRAIN, of_type, run_all

HEADS = {"full": (), "adaptive": (8, 40)}


@pytest.fixture(scope="module")
def mixed_corpus(request):
    """Chinese poems with some English: a vocabulary large enough for an adaptive head."""
    root = request.config.rootpath / "resources/corpora"
    tang = (root / "tang_poems.txt").read_text(encoding="utf-8")[:12000]
    english = (root / "tinyshakespeare.txt").read_text(encoding="utf-8")[:6000]
    return Corpus.from_text(tang + english, "mixed.txt")


def _model(cell: str, head: str) -> ModelConfig:
    return ModelConfig(cell=cell, emb_size=16, hidden_size=24, layers=2, cutoffs=HEADS[head])


BF16 = TINY_TRAIN.replace(precision="bf16", max_steps=24, eval_interval=12, sample_length=20, lr=1e-2,
                          seq_len=16, batch_size=8)


@pytest.mark.parametrize("head", sorted(HEADS))
@pytest.mark.parametrize("cell", CELLS)
def test_bf16_trains_evaluates_samples_inspects_exports_and_resumes(mixed_corpus, tmp_path, cell, head):
    ort = pytest.importorskip("onnxruntime")
    model_cfg = _model(cell, head)
    path = tmp_path / "m.rnnstudio"
    trainer = Trainer(mixed_corpus, model_cfg, BF16, checkpoint_path=str(path))
    events = run_all(trainer)
    assert of_type(events, "Started")[0].precision == "bf16"
    assert events[-1].reason == "steps", events[-1]
    losses = [e.loss for e in of_type(events, "Step")]
    assert len(losses) == 24 and all(math.isfinite(v) for v in losses)
    assert sum(losses[-4:]) / 4 < sum(losses[:4]) / 4 - 0.3, losses   # it learns
    assert len(of_type(events, "Sampled")) == 2 and of_type(events, "Checkpointed")

    # evaluation in bf16 agrees with fp32 on the same weights to bf16's precision
    bf16_val = trainer.evaluate()
    trainer.precision = "fp32"
    fp32_val = trainer.evaluate()
    trainer.precision = "bf16"
    assert math.isfinite(bf16_val) and bf16_val == pytest.approx(fp32_val, rel=2e-2)

    # what training saved opens, samples and is inspected like any model
    bundle = load_bundle(path)
    model = bundle.build_model()
    text = Sampler(model, bundle.tokenizer).generate(SampleConfig(prime="床前", length=30, seed=3,
                                                                  unknown="skip"))[0]
    assert len(text) >= 30
    excerpt = mixed_corpus.tokenizer.decode(mixed_corpus.ids[-200:].tolist())
    found = inspect_text(bundle, excerpt, windows=gradient_windows(mixed_corpus, BF16.val_fraction, length=20,
                                                                   windows=2))
    assert found.surprise is not None and math.isfinite(found.surprise.nats)
    assert all(np.isfinite(layer.h).all() for layer in found.trace.layers)

    # the export gives the engine's numbers
    onnx_path, _ = export(bundle, "onnx", tmp_path / "m.onnx")
    ids = mixed_corpus.ids[:12].long()
    feeds = {"idx": ids[None].numpy(), "h": np.zeros((2, 1, 24), np.float32)}
    if cell == "lstm":
        feeds["c"] = feeds["h"].copy()
    got = ort.InferenceSession(str(onnx_path), providers=["CPUExecutionProvider"]).run(None, feeds)[0]
    with torch.no_grad():
        want = torch.log_softmax(model(ids[None])[0].float(), -1).numpy()
    got = torch.log_softmax(torch.from_numpy(got), -1).numpy()
    np.testing.assert_allclose(got, want, atol=1e-4)

    # and training continues from the file in bf16, on from step 24
    more = Trainer(mixed_corpus, model_cfg, BF16.replace(max_steps=30), resume_from=bundle)
    events = run_all(more)
    steps = of_type(events, "Step")
    assert [s.progress.step for s in steps] == list(range(25, 31))
    assert all(math.isfinite(s.loss) for s in steps)


def test_the_bf16_scope_really_computes_in_bf16_and_leaves_the_process_as_it_was():
    layer = torch.nn.Linear(64, 64)
    x = torch.randn(8, 64)
    before = torch.backends.mkldnn.enabled
    with precision_scope(torch.device("cpu"), "bf16"):
        assert layer(x).dtype == torch.bfloat16
        if not device_mod.cpu_has_bf16():
            assert not torch.backends.mkldnn.enabled   # torch's own kernels: oneDNN has no bf16 LSTM here
    assert torch.backends.mkldnn.enabled == before
    with precision_scope(torch.device("cpu"), "fp32"):
        assert layer(x).dtype == torch.float32


def test_two_threads_in_the_scope_keep_onednn_off_until_both_leave(monkeypatch):
    """The app's speed meter and a training run can overlap: the first to leave must not turn
    oneDNN back on under the other's step."""
    monkeypatch.setattr(device_mod, "cpu_has_bf16", lambda: False)
    cpu = torch.device("cpu")
    inside, leave, seen = threading.Barrier(3), threading.Event(), []

    def first():
        with precision_scope(cpu, "bf16"):
            inside.wait()
        seen.append(torch.backends.mkldnn.enabled)   # left first: the other is still inside

    def second():
        with precision_scope(cpu, "bf16"):
            inside.wait()
            leave.wait()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    inside.wait()
    threads[0].join()
    assert seen == [False]
    leave.set()
    threads[1].join()
    assert torch.backends.mkldnn.enabled
    assert not torch.is_autocast_enabled("cpu")


@pytest.mark.parametrize("device_type,cpu_bf16,cuda_bf16,expected", [
    ("cpu", True, False, "bf16"),      # AVX-512-BF16 or AMX
    ("cpu", False, False, "fp32"),     # AVX2 only, older CPUs, Apple silicon's CPU
    ("cuda", False, True, "bf16"),     # Ampere and newer
    ("cuda", False, False, "fp32"),    # older GPUs
    ("mps", False, False, "fp32"),     # Apple MPS has no bf16 training
])
def test_the_machine_decides_only_the_default_precision(device_type, cpu_bf16, cuda_bf16, expected):
    assert default_precision(device_type, cpu_bf16=cpu_bf16, cuda_bf16=cuda_bf16) == expected


def test_auto_follows_the_cpu_and_explicit_choices_run_anywhere(monkeypatch):
    cpu = torch.device("cpu")
    monkeypatch.delenv(device_mod.AUTO_OVERRIDE, raising=False)
    monkeypatch.setattr(device_mod, "cpu_has_bf16", lambda: True)
    assert resolve_precision("auto", cpu) == "bf16"
    monkeypatch.setattr(device_mod, "cpu_has_bf16", lambda: False)
    assert resolve_precision("auto", cpu) == "fp32"
    assert resolve_precision("bf16", cpu) == "bf16"       # runs, on torch's own kernels
    assert resolve_precision("fp32", cpu) == "fp32"
    monkeypatch.setenv(device_mod.AUTO_OVERRIDE, "bf16")   # what a bf16 machine would pick
    assert resolve_precision("auto", cpu) == "bf16"
    assert resolve_precision("fp32", cpu) == "fp32"
