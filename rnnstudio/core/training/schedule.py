"""Learning-rate schedules: constant, cosine with warm-up, reduce-on-plateau.

The cosine schedule decays over the budget: the step limit, the time limit, or
whichever comes first, so a 90-second run ends with a low learning rate just as
a 5,000-step run does. (A time-based decay is not bit-reproducible, since it
depends on the machine's speed; a step-based one is.)

The warm-up never takes more than 5 % of the budget, so a short run is not all
warm-up. Continuing a trained model starts a new *segment*: the schedule then runs
from where the model is to the new budget, without a second warm-up and from at
most the rate the previous run ended at (a jump back to the peak rate would undo
part of what the previous run's decay achieved), unless the user asks to restart.
"""
from __future__ import annotations

import math

from ..config import TrainConfig

WARMUP_SHARE = 0.05  # at most this share of the step or time budget is warm-up


class LearningRate:
    def __init__(self, config: TrainConfig):
        self.config = config
        self.scale = 1.0       # plateau: product of the reductions so far
        self.best = None       # plateau: best validation loss seen
        self.bad = 0           # plateau: evaluations since it improved
        self.start_step = 0    # where this segment of the schedule began
        self.start_time = 0.0  # seconds of training when it began
        self.peak = config.lr  # the segment's highest rate
        self.warmup = True     # a continued segment does not warm up again

    def continue_from(self, step: int, elapsed: float, last_lr: float | None, restart: bool = False) -> None:
        """Start a new segment at ``step`` (continuing a saved model with a new budget)."""
        self.start_step, self.start_time = step, elapsed
        if restart or last_lr is None:
            self.peak, self.warmup, self.scale = self.config.lr, True, 1.0
        else:
            self.peak, self.warmup = min(self.config.lr, last_lr / self.scale), False

    def warmup_steps(self) -> int:
        c = self.config
        if not (self.warmup and c.warmup_steps):
            return 0
        if c.max_steps:
            return max(1, min(c.warmup_steps, int((c.max_steps - self.start_step) * WARMUP_SHARE)))
        return c.warmup_steps

    def value(self, step: int, elapsed: float = 0.0) -> float:
        c = self.config
        if c.schedule == "constant":
            return self.peak
        if c.schedule == "plateau":
            return self.peak * self.scale
        s = step - self.start_step
        time_span = c.max_seconds - self.start_time if c.max_seconds else 0.0
        time_fraction = (elapsed - self.start_time) / time_span if time_span > 0 else 0.0
        warm = self.warmup_steps()
        if s < warm and time_fraction < WARMUP_SHARE:
            return self.peak * (s + 1) / warm
        fractions = [time_fraction]
        if c.max_steps:
            span = max(1, c.max_steps - self.start_step - warm)
            fractions.append((s - warm) / span)
        t = min(1.0, max(0.0, max(fractions)))
        low = min(self.peak, c.lr * c.min_lr_ratio)
        return low + (self.peak - low) * 0.5 * (1 + math.cos(math.pi * t))

    def observe(self, val_loss: float) -> bool:
        """Feed a validation loss; True when the plateau schedule just lowered the rate."""
        if self.config.schedule != "plateau":
            return False
        if self.best is None or val_loss < self.best - 1e-4:  # same threshold as early stopping
            self.best, self.bad = val_loss, 0
            return False
        self.bad += 1
        if self.bad >= self.config.plateau_patience:
            self.scale *= self.config.plateau_factor
            self.bad = 0
            return True
        return False

    def state(self) -> dict:
        return {"scale": self.scale, "best": self.best, "bad": self.bad, "start_step": self.start_step,
                "start_time": self.start_time, "peak": self.peak, "warmup": self.warmup}

    def load(self, state: dict) -> None:
        self.scale = state.get("scale", 1.0)
        self.best = state.get("best")
        self.bad = state.get("bad", 0)
        self.start_step = state.get("start_step", 0)
        self.start_time = state.get("start_time", 0.0)
        self.peak = state.get("peak", self.config.lr)
        self.warmup = state.get("warmup", True)
