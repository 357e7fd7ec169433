"""How fast this computer trains a given network on a given text: measured, not computed.

A FLOP count misses what dominates a recurrent step on a real machine (kernel
start-up costs, memory traffic, the output layer of a large vocabulary), so the
estimate runs a few real training steps of the real model on the real text.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

from ..config import ModelConfig, TrainConfig


@dataclass(frozen=True)
class SpeedEstimate:
    symbols_per_sec: float
    step_seconds: float
    epoch_seconds: float   # one pass over the training part of the text
    steps: int             # steps timed


def measure_speed(corpus, model: ModelConfig, train: TrainConfig, seconds: float = 1.5,
                  should_stop=lambda: False) -> SpeedEstimate | None:
    """Time real training steps (after one untimed warm-up step) for about ``seconds``.
    None when ``should_stop`` said so before anything was measured."""
    from .train import Trainer

    tc = train.replace(max_steps=10**9, max_seconds=0, eval_interval=0, first_eval_seconds=0, eval_seconds=0,
                       sample_length=0, eval_symbols=1, schedule="constant")
    trainer = Trainer(corpus, model, tc)
    per_step = trainer.train_streams.batch * trainer.train_streams.seq_len
    start, steps = None, 0
    for ev in trainer.run():
        if type(ev).__name__ != "Step":
            continue
        if start is None:  # the first step pays one-off costs (allocations, kernel selection)
            start = time.perf_counter()
            continue
        if should_stop():
            return None   # the settings changed meanwhile: this measurement is no use
        steps += 1
        if (time.perf_counter() - start >= seconds and steps >= 2) or steps >= 200:
            break
    if not steps:
        return None
    step_s = (time.perf_counter() - start) / steps
    sps = per_step / step_s
    train_symbols = len(trainer.train_streams.x.reshape(-1))
    return SpeedEstimate(sps, step_s, train_symbols / sps, steps)
