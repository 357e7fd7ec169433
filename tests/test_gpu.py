"""On an NVIDIA GPU: training and resuming in bf16 and fp32, sampling from a model trained there,
export, and two processes over NCCL. Marked ``gpu``; on a machine without CUDA they skip and
say so (-ra prints the reason). tools/gpu_check.sh runs them with the speed bench when a GPU
is lent."""
from __future__ import annotations

import math
import os
import subprocess
import sys

import pytest
import torch

from rnnstudio.core.model.bundle import load_bundle, save_bundle
from rnnstudio.core.config import CELLS, ModelConfig, SampleConfig
from rnnstudio.core.data.corpus import Corpus
from rnnstudio.core.model.export import export
from rnnstudio.core.model.sample import Sampler
from rnnstudio.core.training.train import Trainer

from .core.helpers import TINY_TRAIN, of_type, run_all
from .test_cli import ROOT

pytestmark = [pytest.mark.gpu,
              pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA GPU on this machine")]


@pytest.fixture(scope="module")
def corpus(request):
    root = request.config.rootpath / "resources/corpora"
    text = (root / "tang_poems.txt").read_text(encoding="utf-8")[:20000]
    return Corpus.from_text(text + (root / "tinyshakespeare.txt").read_text(encoding="utf-8")[:10000], "mixed.txt")


@pytest.mark.parametrize("precision", ["bf16", "fp32"])
@pytest.mark.parametrize("head", [(), (16, 64)])
@pytest.mark.parametrize("cell", CELLS)
def test_cuda_trains_resumes_samples_and_exports(corpus, tmp_path, cell, head, precision):
    model = ModelConfig(cell=cell, emb_size=32, hidden_size=64, layers=2, cutoffs=head)
    cfg = TINY_TRAIN.replace(device="cuda", precision=precision, max_steps=40, eval_interval=20)
    whole = Trainer(corpus, model, cfg)
    whole_losses = [e.loss for e in of_type(run_all(whole), "Step")]
    assert all(math.isfinite(v) for v in whole_losses)
    assert sum(whole_losses[-5:]) < sum(whole_losses[:5])
    first = Trainer(corpus, model, cfg.replace(max_steps=20))
    run_all(first)
    save_bundle(first.bundle(), tmp_path / "half.rnnstudio")
    bundle = load_bundle(tmp_path / "half.rnnstudio")
    second = Trainer(corpus, model, cfg, resume_from=bundle)
    losses = [e.loss for e in of_type(run_all(second), "Step")]
    assert len(losses) == 20 and all(math.isfinite(v) for v in losses)
    if precision == "fp32":   # cuDNN's RNNs are deterministic enough for this at fp32
        assert losses == pytest.approx(whole_losses[20:], rel=1e-3)
    text = Sampler(second.model, corpus.tokenizer).generate(SampleConfig(length=50, seed=1, unknown="skip"))[0]
    assert len(text) >= 50
    path, _ = export(second.bundle(), "onnx", tmp_path / "m.onnx")
    assert path.stat().st_size > 1000


@pytest.mark.skipif(torch.cuda.device_count() < 2 or not torch.distributed.is_nccl_available(),
                    reason="two processes over NCCL need two CUDA GPUs")
def test_two_processes_over_nccl_train_what_one_does(tmp_path, small_text):
    text = tmp_path / "c.txt"
    text.write_text(small_text, encoding="utf-8")
    common = ["--preset", "tiny", "--hidden", "32", "--emb", "16", "--dropout", "0", "--precision", "fp32",
              "--eval-interval", "10", "--seq-len", "16", "--batch-size", "8", "--seed", "1", "--no-library",
              "--quiet", "--device", "cuda", "--steps", "20"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    run = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node", "2",
                          "-m", "rnnstudio.cli", "train", str(text), "--out", str(tmp_path / "ddp.rnnstudio"),
                          *common], capture_output=True, text=True, env=env, timeout=300, cwd=tmp_path)
    assert run.returncode == 0, run.stdout + run.stderr
    one = subprocess.run([sys.executable, "-m", "rnnstudio.cli", "train", str(text), "--out",
                          str(tmp_path / "one.rnnstudio"), *common], capture_output=True, text=True, env=env,
                         timeout=300)
    assert one.returncode == 0, one.stderr
    a, b = load_bundle(tmp_path / "ddp.rnnstudio"), load_bundle(tmp_path / "one.rnnstudio")
    for k in a.weights:
        torch.testing.assert_close(a.weights[k], b.weights[k], atol=1e-4, rtol=1e-4)
