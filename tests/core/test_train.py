"""Training for real on a small corpus: the loss falls, resuming is exact, flags work."""
from __future__ import annotations

import dataclasses
import math
import threading

import pytest
import torch

from rnnstudio.core.model.bundle import load_bundle, save_bundle
from rnnstudio.core.config import TrainConfig
from rnnstudio.core.data.corpus import Corpus, unigram_entropy
from rnnstudio.core.errors import DeviceError
from rnnstudio.core.events import Step
from rnnstudio.core.training.train import Trainer

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
                             schedule=schedule, plateau_patience=1, lr=3e-3 if optimizer != "sgd" else 0.3,
                             dropout_after=0)   # dropout from the first step: its random masks resume too
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
    # progress counts this run's share: continuing 20 of 40 steps starts at 0 %, not 50 %
    assert of_type(events, "Started")[0].progress.fraction == 0.0
    assert of_type(events, "Step")[9].progress.fraction == pytest.approx(0.5)
    second_losses = [e.loss for e in of_type(events, "Step")]
    assert len(first_losses) == len(second_losses) == 20
    assert first_losses + second_losses == whole_losses
    for k, v in whole.model.state_dict().items():
        assert torch.equal(v, second.model.state_dict()[k]), k
    assert second.history["train"] == whole.history["train"]
    # Stop at step 20 ran one more evaluation (a report: it changes neither schedule nor weights)
    assert [s for s, _ in first.history["val"]] == [15, 20]
    assert [e for e in second.history["val"] if e[0] != 20] == whole.history["val"]


def test_the_trainers_state_round_trips_and_is_a_copy(corpus):
    """Trainer.state() handed to a fresh trainer's load_state() continues exactly as the first
    trainer does; and the state stays as it was while the first trains on."""
    cfg = TINY_TRAIN.replace(max_steps=30, eval_interval=10, optimizer="adam", sample_length=0)
    first = Trainer(corpus, TINY_MODEL, cfg)
    _stop_at(first, 12)
    state = first.state()
    step, weights = state.step, {k: v.clone() for k, v in state.current_weights.items()}
    second = Trainer(corpus, TINY_MODEL, cfg)
    second.load_state(state)
    whole = [e.loss for e in of_type(run_all(Trainer(corpus, TINY_MODEL, cfg)), "Step")]
    b = [e.loss for e in of_type(run_all(second), "Step")]
    assert b == whole[12:] and len(b) == 18
    first.evaluate()   # the first trainer's model moves on (weights are not touched by evaluating,
    first.model.emb.weight.data.add_(1.0)   # so change them by hand): the state keeps its copy
    assert state.step == step == 12 and len(state.history["train"]) == 12
    assert all(torch.equal(v, weights[k]) for k, v in state.current_weights.items())


def test_dropout_starts_after_the_first_pass_over_the_text(corpus):
    model = TINY_MODEL.replace(layers=2, dropout=0.3)
    trainer = Trainer(corpus, model, TINY_TRAIN.replace(max_steps=120, eval_interval=0, sample_length=0))
    per_pass = len(trainer.train_streams)
    seen = []
    for ev in trainer.run():
        if isinstance(ev, Step):
            seen.append((trainer.epoch, trainer.model.rnn.dropout, trainer.model.drop.p))
    assert 0 < per_pass < 100
    assert {(d, p) for e, d, p in seen if e == 0} == {(0.0, 0.0)}
    assert {(d, p) for e, d, p in seen if e >= 1} == {(0.3, 0.3)}


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
    assert load_bundle(path).resume.step == 40


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


def test_bf16_on_apple_mps_is_refused_in_words(corpus, monkeypatch):
    monkeypatch.setattr(torch.backends.mps, "is_available", lambda: True)
    with pytest.raises(DeviceError, match="not supported on Apple MPS") as info:
        Trainer(corpus, TINY_MODEL, TINY_TRAIN.replace(precision="bf16", device="mps"))
    assert info.value.params["reason"] == "bf16_mps"


def test_evaluations_also_come_on_the_clock(corpus, tmp_path):
    """No step-based evaluation at all: the first comes after first_eval_seconds, then every
    eval_seconds, each with a checkpoint and a sample."""
    cfg = TINY_TRAIN.replace(max_steps=0, max_seconds=2.5, eval_interval=0, first_eval_seconds=0.4,
                             eval_seconds=0.8)
    trainer = Trainer(corpus, TINY_MODEL, cfg, checkpoint_path=str(tmp_path / "auto.rnnstudio"))
    events = run_all(trainer)
    evals = of_type(events, "Evaluated")
    assert len(evals) >= 3  # 0.4 s, then every 0.8 s, and at the end
    assert 0.4 <= evals[0].progress.elapsed < 1.2
    gaps = [b.progress.elapsed - a.progress.elapsed for a, b in zip(evals, evals[1:-1])]
    assert all(g >= 0.8 for g in gaps)
    assert len(of_type(events, "Checkpointed")) == len(evals)
    assert len(of_type(events, "Sampled")) == len(evals)
    assert load_bundle(tmp_path / "auto.rnnstudio").resume.step == trainer.step


def test_stop_runs_a_final_evaluation_sample_and_checkpoint(corpus, tmp_path):
    cfg = TINY_TRAIN.replace(max_steps=1000, eval_interval=0)
    trainer = Trainer(corpus, TINY_MODEL, cfg, checkpoint_path=str(tmp_path / "auto.rnnstudio"))
    events = []
    for ev in trainer.run():
        events.append(ev)
        if isinstance(ev, Step) and ev.progress.step == 7:
            trainer.stop()
    names = [type(e).__name__ for e in events]
    assert names[-4:] == ["Evaluated", "Checkpointed", "Sampled", "Finished"]
    assert events[-1].reason == "stopped" and events[-4].progress.step == 7
    assert load_bundle(tmp_path / "auto.rnnstudio").resume.step == 7


def test_validation_uses_a_bounded_fixed_subset(corpus):
    cfg = TINY_TRAIN.replace(eval_symbols=500, val_fraction=0.5)
    trainer = Trainer(corpus, TINY_MODEL, cfg)
    covered = trainer.val_streams.x.numel()
    assert covered <= 500 < len(corpus.split(0.5)[1])
    assert trainer.evaluate() == trainer.evaluate()  # the same windows every time


def _lrs(events):
    return [e.progress.lr for e in of_type(events, "Step")]


def test_warmup_never_dominates_a_short_run(corpus):
    # 50 warm-up steps asked for, 20 steps in all: warm-up is cut to 5 % of the run
    trainer = Trainer(corpus, TINY_MODEL, TINY_TRAIN.replace(max_steps=20, warmup_steps=50, eval_interval=0))
    run_all(trainer)
    lrs = [lr for _, lr in trainer.history["lr"]]
    peak = TINY_TRAIN.lr
    assert max(lrs) == pytest.approx(peak)
    assert lrs.index(max(lrs)) <= 1
    assert lrs[-1] < 0.2 * peak
    # a time budget: warm-up ends by 5 % of the time, whatever the step count
    timed = Trainer(corpus, TINY_MODEL, TINY_TRAIN.replace(max_steps=0, max_seconds=1.5, warmup_steps=10**6,
                                                           eval_interval=0))
    run_all(timed)
    assert max(lr for _, lr in timed.history["lr"]) > 0.8 * peak


def test_continuing_does_not_warm_up_again_nor_raise_the_rate(corpus, tmp_path):
    from rnnstudio.core.training.resume import continued_config
    cfg = TINY_TRAIN.replace(max_steps=30, warmup_steps=5, eval_interval=0, sample_length=0)
    first = Trainer(corpus, TINY_MODEL, cfg)
    run_all(first)
    save_bundle(first.bundle(), tmp_path / "m.rnnstudio")
    bundle = load_bundle(tmp_path / "m.rnnstudio")
    last = first.history["lr"][-1][1]
    more = continued_config(bundle, more_steps=30)
    assert more.max_steps == 60
    second = Trainer(corpus, TINY_MODEL, more, resume_from=bundle)
    run_all(second)
    lrs = [lr for s, lr in second.history["lr"] if s > 30]
    assert len(lrs) == 30
    assert lrs[0] <= last * 1.0001
    assert all(b <= a * 1.0001 for a, b in zip(lrs, lrs[1:]))  # no warm-up: never rises
    # asked for, the schedule starts over from the full rate (its warm-up: 5 % of 30 steps = 1)
    again = Trainer(corpus, TINY_MODEL, more, resume_from=load_bundle(tmp_path / "m.rnnstudio"),
                    restart_schedule=True)
    run_all(again)
    lrs = [lr for s, lr in again.history["lr"] if s > 30]
    assert lrs[0] == pytest.approx(TINY_TRAIN.lr) and lrs[0] > 2 * last


def test_more_seconds_on_a_model_trained_by_steps_trains_on(corpus, tmp_path):
    """The old limit, already reached, must not end the continued run at once."""
    from rnnstudio.core.training.resume import continued_config
    first = Trainer(corpus, TINY_MODEL, TINY_TRAIN.replace(max_steps=10, eval_interval=0))
    run_all(first)
    save_bundle(first.bundle(), tmp_path / "m.rnnstudio")
    bundle = load_bundle(tmp_path / "m.rnnstudio")
    tc = continued_config(bundle, more_seconds=0.5)
    assert tc.max_steps == 0 and tc.max_seconds == pytest.approx(bundle.resume.elapsed + 0.5)
    second = Trainer(corpus, TINY_MODEL, tc, resume_from=bundle)
    run_all(second)
    assert second.step > 10
    # and the other way round: more steps on a model trained by time
    timed = dataclasses.replace(bundle, train_config=bundle.train_config.replace(max_steps=0, max_seconds=1.0))
    tc = continued_config(timed, more_steps=5)
    assert tc.max_steps == 15 and tc.max_seconds == 0


def test_settings_that_cannot_fit_in_memory_are_refused_up_front(corpus):
    from rnnstudio.core.errors import TooLarge
    from rnnstudio.core.training.memory import available_bytes, estimate_bytes
    assert available_bytes() > 0
    huge = TINY_MODEL.replace(layers=1000, hidden_size=4096)
    assert estimate_bytes(huge, TINY_TRAIN, 65) > 100e9
    with pytest.raises(TooLarge, match=r"need about [\d.,]+ (GB|TB) of memory .* but only"):
        Trainer(corpus, huge, TINY_TRAIN)
    with pytest.raises(TooLarge):
        Trainer(corpus, TINY_MODEL.replace(hidden_size=100_000), TINY_TRAIN)
    # an ordinary model is estimated near what it really takes, not refused
    assert estimate_bytes(TINY_MODEL, TINY_TRAIN, 65) < 50e6


def test_a_snapshot_is_one_moment_even_if_saved_later(corpus, tmp_path):
    """A snapshot taken at step 10 and saved after ten more steps still resumes exactly from 10:
    its optimiser state is a copy, not the live tensors."""
    cfg = TINY_TRAIN.replace(max_steps=20, eval_interval=0, sample_length=0, schedule="constant")
    live = Trainer(corpus, TINY_MODEL, cfg)
    snapshot = None
    for ev in live.run():
        if isinstance(ev, Step) and ev.progress.step == 10:
            snapshot = live.bundle()
    save_bundle(snapshot, tmp_path / "late.rnnstudio")   # saved when the live run is at step 20
    reference = Trainer(corpus, TINY_MODEL, cfg.replace(max_steps=10))
    run_all(reference)
    save_bundle(reference.bundle(), tmp_path / "at10.rnnstudio")
    a = Trainer(corpus, TINY_MODEL, cfg, resume_from=load_bundle(tmp_path / "late.rnnstudio"))
    b = Trainer(corpus, TINY_MODEL, cfg, resume_from=load_bundle(tmp_path / "at10.rnnstudio"))
    assert [e.loss for e in of_type(run_all(a), "Step")] == [e.loss for e in of_type(run_all(b), "Step")]


def test_one_snapshot_per_evaluation_and_it_stays_put(corpus, tmp_path):
    """The app's copy at an evaluation and the checkpoint written there are one snapshot, made
    once; training on afterwards changes neither its weights nor its history."""
    from rnnstudio.core.events import Checkpointed, Evaluated
    trainer = Trainer(corpus, TINY_MODEL, TINY_TRAIN.replace(max_steps=40, sample_length=0),
                      checkpoint_path=str(tmp_path / "auto.rnnstudio"))
    run = trainer.run()
    for event in run:
        if isinstance(event, Evaluated):
            snap = trainer.bundle()
            break
    assert isinstance(next(run), Checkpointed) and trainer.bundle() is snap
    steps, weights = len(snap.history["train"]), {k: v.clone() for k, v in snap.weights.items()}
    for _ in run:
        pass
    assert trainer.step == 40 and trainer.bundle() is not snap
    assert len(snap.history["train"]) == steps == 20
    assert all(torch.equal(weights[k], snap.weights[k]) for k in weights)
