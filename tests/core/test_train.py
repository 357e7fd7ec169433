"""Training for real on a small corpus: the loss falls, resuming is exact, flags work."""
from __future__ import annotations

import math
import threading

import pytest
import torch

from rnnstudio.core.bundle import load_bundle, save_bundle
from rnnstudio.core.config import TrainConfig
from rnnstudio.core.corpus import Corpus, unigram_entropy
from rnnstudio.core.events import Step
from rnnstudio.core.train import Trainer

from .helpers import TINY_MODEL, TINY_TRAIN, of_type, run_all


@pytest.fixture(scope="module")
def corpus(request):
    text = (request.config.rootpath / "resources/corpora/tinyshakespeare.txt").read_text(encoding="utf-8")
    return Corpus.from_text(text[:30000], "small.txt")


def test_loss_falls_well_below_unigram_entropy(corpus):
    trainer = Trainer(corpus, TINY_MODEL, TINY_TRAIN.replace(max_steps=150, eval_interval=50))
    events = run_all(trainer)
    evals = of_type(events, "Evaluated")
    _, val = corpus.split(0.1)
    unigram = unigram_entropy(val)
    assert len(evals) == 3
    assert evals[-1].val_loss < unigram - 0.5, (evals[-1].val_loss, unigram)
    assert evals[-1].val_bits == pytest.approx(evals[-1].val_loss / math.log(2))
    assert evals[-1].perplexity == pytest.approx(math.exp(evals[-1].val_loss))
    steps = of_type(events, "Step")
    assert len(steps) == 150
    assert sum(s.loss for s in steps[-10:]) < sum(s.loss for s in steps[:10])
    samples = of_type(events, "Sampled")
    assert len(samples) == 3 and all(len(s.text) == 40 for s in samples)
    finished = events[-1]
    assert type(finished).__name__ == "Finished" and finished.reason == "steps"
    p = steps[-1].progress
    assert p.step == 150 and p.symbols_seen == 150 * 16 * 32 and p.symbols_per_sec > 0
    assert p.fraction == 1.0 and p.eta == 0


@pytest.mark.parametrize("cell", ["rnn_tanh", "rnn_relu", "gru"])
def test_every_cell_learns(corpus, cell):
    trainer = Trainer(corpus, TINY_MODEL.replace(cell=cell), TINY_TRAIN.replace(lr=3e-3, max_steps=80))
    events = run_all(trainer)
    steps = of_type(events, "Step")
    assert sum(s.loss for s in steps[-10:]) / 10 < sum(s.loss for s in steps[:5]) / 5 - 0.5


def test_same_seed_same_losses(corpus):
    cfg = TINY_TRAIN.replace(max_steps=30, eval_interval=0, sample_length=0)
    a = [e.loss for e in of_type(run_all(Trainer(corpus, TINY_MODEL, cfg)), "Step")]
    b = [e.loss for e in of_type(run_all(Trainer(corpus, TINY_MODEL, cfg)), "Step")]
    c = [e.loss for e in of_type(run_all(Trainer(corpus, TINY_MODEL, cfg.replace(seed=7))), "Step")]
    assert a == b
    assert a != c


def _stop_at(trainer, step):
    losses = []
    for ev in trainer.run():
        if isinstance(ev, Step):
            losses.append(ev.loss)
            if ev.progress.step == step:
                trainer.stop()
    return losses


@pytest.mark.parametrize("optimizer,precision,dropout,schedule", [
    ("adam", "fp32", 0.2, "cosine"), ("rmsprop", "bf16", 0.0, "cosine"),
    ("sgd", "fp32", 0.0, "plateau"), ("adamw", "fp32", 0.1, "constant")])
def test_resume_equals_uninterrupted_training(corpus, tmp_path, optimizer, precision, dropout, schedule):
    """Train 40 steps in one go, or 20, save, load and 20 more: the same losses and weights."""
    model = TINY_MODEL.replace(layers=2, dropout=dropout)
    cfg = TINY_TRAIN.replace(max_steps=40, eval_interval=15, optimizer=optimizer, precision=precision,
                             schedule=schedule, plateau_patience=1, lr=3e-3 if optimizer != "sgd" else 0.3)
    whole = Trainer(corpus, model, cfg)
    whole_losses = [e.loss for e in of_type(run_all(whole), "Step")]

    first = Trainer(corpus, model, cfg)
    first_losses = _stop_at(first, 20)  # as a user pressing Stop, or Ctrl-C in the CLI
    save_bundle(first.bundle(), tmp_path / "half.rnnstudio")
    torch.manual_seed(999)  # whatever happens in between must not matter
    bundle = load_bundle(tmp_path / "half.rnnstudio")
    second = Trainer(corpus, model, cfg, resume_from=bundle)
    events = run_all(second)
    assert of_type(events, "Started")[0].resumed
    second_losses = [e.loss for e in of_type(events, "Step")]
    assert len(first_losses) == len(second_losses) == 20
    assert first_losses + second_losses == whole_losses
    for k, v in whole.model.state_dict().items():
        assert torch.equal(v, second.model.state_dict()[k]), k
    assert second.history["train"] == whole.history["train"]
    assert second.history["val"] == whole.history["val"]


def test_resume_with_a_larger_step_limit(corpus, tmp_path):
    """A constant schedule does not depend on the limit: 20 + 20 steps equal 40."""
    cfg = TINY_TRAIN.replace(max_steps=40, schedule="constant", eval_interval=0, sample_length=0)
    whole = [e.loss for e in of_type(run_all(Trainer(corpus, TINY_MODEL, cfg)), "Step")]
    first = Trainer(corpus, TINY_MODEL, cfg.replace(max_steps=20))
    a = [e.loss for e in of_type(run_all(first), "Step")]
    save_bundle(first.bundle(), tmp_path / "a.rnnstudio")
    second = Trainer(corpus, TINY_MODEL, cfg, resume_from=load_bundle(tmp_path / "a.rnnstudio"))
    assert a + [e.loss for e in of_type(run_all(second), "Step")] == whole


def test_keep_best_weights_go_into_the_bundle(corpus):
    trainer = Trainer(corpus, TINY_MODEL, TINY_TRAIN.replace(max_steps=40, eval_interval=20))
    run_all(trainer)
    b = trainer.bundle()
    assert round(trainer.best_val, 5) == min(v for _, v in b.history["val"])
    for k, v in trainer.best_weights.items():
        assert torch.equal(b.weights[k], v)


def test_divergence_is_reported_and_best_weights_kept(corpus):
    cfg = TINY_TRAIN.replace(lr=10.0, clip=0, optimizer="sgd", schedule="constant", max_steps=200, eval_interval=1)
    trainer = Trainer(corpus, TINY_MODEL.replace(cell="rnn_relu", hidden_size=64), cfg)
    events = run_all(trainer)
    diverged = of_type(events, "Diverged")
    assert len(diverged) == 1
    assert "learning rate" in diverged[0].suggestion and "clipping" in diverged[0].suggestion
    assert events[-1].reason == "diverged"
    for k, v in trainer.model.state_dict().items():
        assert torch.isfinite(v).all()
        assert torch.equal(v, trainer.best_weights[k])


def test_stop_and_pause_flags_from_another_thread(corpus):
    cfg = TINY_TRAIN.replace(max_steps=100000, eval_interval=0, sample_length=0)
    trainer = Trainer(corpus, TINY_MODEL, cfg)
    seen = []
    for ev in trainer.run():
        seen.append(type(ev).__name__)
        if isinstance(ev, Step) and ev.progress.step == 5:
            trainer.pause()
            threading.Timer(0.05, trainer.resume).start()
        if isinstance(ev, Step) and ev.progress.step == 10:
            threading.Timer(0.05, trainer.stop).start()
    assert "Paused" in seen and "Resumed" in seen
    assert seen.index("Paused") == seen.index("Resumed") - 1
    assert seen[-1] == "Finished" and trainer.step < 1000
    # stopping a paused trainer ends it too
    trainer2 = Trainer(corpus, TINY_MODEL, cfg)
    it = trainer2.run()
    next(it)
    trainer2.pause()
    assert type(next(it)).__name__ == "Paused"
    trainer2.stop()
    assert [type(e).__name__ for e in it] == ["Finished"]


def test_time_limit_and_cosine_schedule(corpus):
    cfg = TINY_TRAIN.replace(max_steps=0, max_seconds=1.5, eval_interval=0, sample_length=0)
    events = run_all(Trainer(corpus, TINY_MODEL, cfg))
    assert events[-1].reason == "time"
    lrs = [e.progress.lr for e in of_type(events, "Step")]
    assert max(lrs) == pytest.approx(cfg.lr, rel=0.05)
    assert lrs[-1] < 0.3 * cfg.lr  # decayed towards the end of the time budget


def test_early_stopping_and_plateau(corpus):
    # a learning rate this small cannot improve the loss by a measurable amount
    cfg = TINY_TRAIN.replace(max_steps=400, eval_interval=5, patience=3, schedule="plateau", plateau_patience=1,
                             lr=1e-7, optimizer="sgd", sample_length=0)
    events = run_all(Trainer(corpus, TINY_MODEL, cfg))
    assert events[-1].reason == "early_stop"
    evals = of_type(events, "Evaluated")
    assert len(evals) == 4 and events[-1].progress.step == 20
    assert [e.lr_reduced for e in evals] == [False, True, True, True]
    assert evals[-1].progress.lr == pytest.approx(1e-7 / 8)


def test_checkpoints_are_written_at_evaluations(corpus, tmp_path):
    path = tmp_path / "auto.rnnstudio"
    trainer = Trainer(corpus, TINY_MODEL, TINY_TRAIN.replace(max_steps=40, eval_interval=20), checkpoint_path=path)
    events = run_all(trainer)
    assert len(of_type(events, "Checkpointed")) == 2
    assert load_bundle(path).resume["step"] == 40


def test_small_corpus_reduces_the_batch():
    text = "the quick brown fox jumps over the lazy dog. " * 10
    trainer = Trainer(Corpus.from_text(text), TINY_MODEL, TINY_TRAIN.replace(max_steps=3, batch_size=64))
    started = run_all(trainer)[0]
    assert 1 <= started.batch_size < 64


def test_config_validation():
    with pytest.raises(ValueError, match="step limit, a time limit"):
        TrainConfig(max_steps=0, max_seconds=0)
    with pytest.raises(ValueError, match="lr"):
        TrainConfig(lr=-1)
