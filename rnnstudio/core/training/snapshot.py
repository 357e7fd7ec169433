"""A trainer's state as a model file's bundle, and back: the weights (best and current), the
optimiser's moments, the schedule, the data position, the carried hidden state (gathered from
every rank under torchrun) and the random state. Copies, never the live tensors.

The trainer hands its state out as a ``TrainerState`` (``Trainer.state()``) and takes one back
(``Trainer.load_state``); this module turns one into the other and never reaches into the
trainer itself."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import torch

from .. import __version__
from ..model.bundle import ModelBundle, ResumeState, ResumeTensors
from . import distributed


@dataclass
class TrainerState:
    """Everything the next step depends on, plus what a model file describes the run with."""
    model_config: Any
    train_config: Any
    corpus: Any
    step: int = 0
    epoch: int = 0
    window: int = 0
    symbols_seen: int = 0
    elapsed: float = 0.0
    best_val: float | None = None
    evals_since_best: int = 0
    history: dict = field(default_factory=dict)
    current_weights: dict | None = None      # copies on the CPU
    best_weights: dict | None = None
    optimizer: dict | None = None            # the optimiser's tensors per parameter: {id: {name: tensor}}
    param_groups: list | None = None         # and its settings per group (lists, not tuples)
    lr: dict | None = None                   # the schedule's state
    last_lr: float | None = None
    hidden: tuple = ()                       # the carried state, this process's rows
    rng: dict = field(default_factory=dict)
    budget_changed: bool = False             # from a file: continue the schedule from last_lr


def take(state: TrainerState, dist=None) -> ModelBundle:
    """The trainer's state now, as a bundle (Trainer.bundle() keeps one per moment)."""
    use_best = state.train_config.keep_best and state.best_val is not None
    weights = state.best_weights if use_best else state.current_weights
    carried = state.hidden
    if dist is not None:
        # a rank may have no state (a new pass just began): all agree, or none gathers
        _, missing = distributed.agree(dist, None, not carried)
        carried = () if missing or not carried else distributed.gather_rows(dist, carried)
    tensors = ResumeTensors(
        current_weights=state.current_weights if weights is not state.current_weights else None,
        optimizer=state.optimizer or {},
        hidden=tuple(h.detach().to("cpu", torch.float32, copy=True) for h in carried),
        rng=state.rng)
    tc = state.train_config
    resume = ResumeState(
        state.step, state.epoch, state.window, state.symbols_seen, state.elapsed, state.best_val,
        state.evals_since_best, state.lr, tc.optimizer, state.param_groups or [], state.last_lr,
        (tc.max_steps, tc.max_seconds))
    corpus = state.corpus
    return ModelBundle(
        state.model_config, corpus.tokenizer, weights, tc,
        state.history,   # Trainer.state() copied it: the live lists grow on
        {"name": corpus.name, "hash": corpus.hash, "symbols": len(corpus), "encoding": corpus.encoding},
        resume, tensors.to_tensors(), __version__)


def from_bundle(b: ModelBundle, corpus, train_config) -> TrainerState:
    """The state to continue ``b`` with, on ``corpus`` with ``train_config`` (what the trainer
    loads: its weights, and for a file with a training state the rest too)."""
    r, t = b.resume, ResumeTensors.from_tensors(b.resume_tensors)
    history = {k: list(v) for k, v in (b.history or {}).items()}
    for key in ("train", "val", "lr", "grad_norm"):
        history.setdefault(key, [])
    state = TrainerState(b.model_config, train_config, corpus, history=history,
                         current_weights=t.current_weights or b.weights,
                         best_weights={k: v.clone() for k, v in b.weights.items()})
    if r is None:
        return state   # an exported or older file: fresh optimiser, same weights
    if b.corpus.get("hash") and b.corpus.get("hash") != corpus.hash:
        # another text: the best loss so far was measured on other validation text, so this
        # run's best starts afresh (from the weights as they are)
        r = replace(r, best_val=None, evals_since_best=0)
        state.best_weights = None
    state.step, state.epoch, state.window = r.step, r.epoch, r.window
    state.symbols_seen, state.elapsed = r.symbols_seen, r.elapsed
    state.best_val, state.evals_since_best = r.best_val, r.evals_since_best
    state.lr, state.last_lr = r.lr, r.last_lr
    state.budget_changed = r.budget != (train_config.max_steps, train_config.max_seconds)
    if r.optimizer == train_config.optimizer:
        state.optimizer, state.param_groups = t.optimizer, r.param_groups
    state.hidden, state.rng = tuple(t.hidden), dict(t.rng)
    return state


def same_kind(saved, current) -> bool:
    """A saved optimiser setting fits the live one (a damaged file must not hand the optimiser a
    text where a number belongs)."""
    if isinstance(current, (tuple, list)):
        return isinstance(saved, (tuple, list)) and len(saved) == len(current)
    if isinstance(current, bool) or current is None:
        return isinstance(saved, type(current))
    if isinstance(current, (int, float)):
        return isinstance(saved, (int, float)) and not isinstance(saved, bool)
    return isinstance(saved, type(current))
