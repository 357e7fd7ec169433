"""A trainer's state as a model file's bundle, and back: the weights (best and current), the
optimiser's moments, the schedule, the data position, the carried hidden state (gathered from
every rank under torchrun) and the random state. Copies, never the live tensors."""
from __future__ import annotations

from dataclasses import replace

import torch

from . import __version__, distributed
from .bundle import ModelBundle, ResumeState, ResumeTensors


def take(trainer) -> ModelBundle:
    """The trainer's state now, as a bundle (Trainer.bundle() keeps one per moment)."""
    current = trainer._copy_weights()
    use_best = trainer.config.keep_best and trainer.best_val is not None
    weights = trainer.best_weights if use_best else current
    opt_state = trainer.optimizer.state_dict()
    hidden = trainer.hidden
    carried = () if hidden is None else hidden if isinstance(hidden, tuple) else (hidden,)
    if trainer.dist is not None:
        # a rank may have no state (a new pass just began): all agree, or none gathers
        _, missing = distributed.agree(trainer.dist, None, not carried)
        carried = () if missing or not carried else distributed.gather_rows(trainer.dist, carried)
    # Copies, never the live tensors: the moments change with every later step, and a
    # snapshot saved a moment later must still be the weights' own moment.
    state = ResumeTensors(
        current_weights=current if weights is not current else None,
        optimizer={pid: {k: v.detach().to("cpu", copy=True) for k, v in entries.items()
                         if isinstance(v, torch.Tensor)} for pid, entries in opt_state["state"].items()},
        hidden=tuple(h.detach().to("cpu", torch.float32, copy=True) for h in carried),
        rng={"cpu": torch.get_rng_state().clone(),
             **({"cuda": torch.cuda.get_rng_state(trainer.device)} if trainer.device.type == "cuda" else {})})
    groups = [{k: (list(v) if isinstance(v, tuple) else v) for k, v in g.items()}
              for g in opt_state["param_groups"]]
    resume = ResumeState(
        trainer.step, trainer.epoch, trainer.window, trainer.symbols_seen, trainer.elapsed, trainer.best_val,
        trainer.evals_since_best, trainer.lr.state(), trainer.config.optimizer, groups,
        trainer.history["lr"][-1][1] if trainer.history["lr"] else None,
        (trainer.config.max_steps, trainer.config.max_seconds))
    return ModelBundle(
        trainer.model_config, trainer.corpus.tokenizer, weights, trainer.config,
        {k: list(v) for k, v in trainer.history.items()},   # a copy: the live lists grow on
        {"name": trainer.corpus.name, "hash": trainer.corpus.hash, "symbols": len(trainer.corpus),
         "encoding": trainer.corpus.encoding},
        resume, state.to_tensors(), __version__)


def restore(trainer, b: ModelBundle) -> None:
    """Put a saved state back into a freshly made trainer (its corpus and settings given)."""
    r, t = b.resume, ResumeTensors.from_tensors(b.resume_tensors)
    current = t.current_weights or b.weights
    trainer.model.load_state_dict(current)
    trainer.best_weights = {k: v.clone() for k, v in b.weights.items()}
    trainer.history = {k: list(v) for k, v in (b.history or {}).items()} or trainer.history
    for key in ("train", "val", "lr", "grad_norm"):
        trainer.history.setdefault(key, [])
    if r is None:
        return  # an exported or older file: fresh optimiser, same weights
    if b.corpus.get("hash") and b.corpus.get("hash") != trainer.corpus.hash:
        # another text: the best loss so far was measured on other validation text, so this
        # run's best starts afresh (from the weights as they are)
        r = replace(r, best_val=None, evals_since_best=0)
        trainer.best_weights = trainer._copy_weights()
    trainer.step, trainer.epoch, trainer.window = r.step, r.epoch, r.window
    trainer.symbols_seen, trainer.elapsed = r.symbols_seen, r.elapsed
    trainer.best_val, trainer.evals_since_best = r.best_val, r.evals_since_best
    trainer.lr.load(r.lr)
    if r.budget != (trainer.config.max_steps, trainer.config.max_seconds):
        # a new budget (continue training): the schedule runs on from here, no second warm-up
        trainer.lr.continue_from(trainer.step, trainer.elapsed, r.last_lr, restart=trainer.restart_schedule)
    if r.optimizer == trainer.config.optimizer:
        state = {pid: {name: value.to(trainer.device) if name != "step" else value for name, value in entries.items()}
                 for pid, entries in t.optimizer.items()}
        groups = trainer.optimizer.state_dict()["param_groups"]
        saved = r.param_groups
        for g, s in zip(groups, saved):
            # only the settings this optimiser has, and of the same kind (a damaged file
            # must not hand it a text where a number belongs)
            g.update({k: (tuple(v) if k == "betas" else v) for k, v in s.items()
                      if k != "params" and k in g and _same_kind(v, g[k])})
        trainer.optimizer.load_state_dict({"state": state, "param_groups": groups})
    hidden = list(t.hidden)
    if hidden and hidden[0].shape[1] == trainer.train_streams.batch:
        hidden = [h[:, trainer.rows].to(trainer.device) for h in hidden]   # this rank's rows (all of them alone)
        trainer.hidden = tuple(hidden) if trainer.model_config.cell == "lstm" else hidden[0]
    else:
        trainer.window = len(trainer.train_streams)  # the batch changed: start the next pass afresh
    if "cpu" in t.rng:
        torch.set_rng_state(t.rng["cpu"])
    if "cuda" in t.rng and trainer.device.type == "cuda":
        torch.cuda.set_rng_state(t.rng["cuda"], trainer.device)


def _same_kind(saved, current) -> bool:
    if isinstance(current, (tuple, list)):
        return isinstance(saved, (tuple, list)) and len(saved) == len(current)
    if isinstance(current, bool) or current is None:
        return isinstance(saved, type(current))
    if isinstance(current, (int, float)):
        return isinstance(saved, (int, float)) and not isinstance(saved, bool)
    return isinstance(saved, type(current))
