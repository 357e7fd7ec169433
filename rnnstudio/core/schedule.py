"""Learning-rate schedules: constant, cosine with warm-up, reduce-on-plateau.

The cosine schedule decays over the budget: the step limit, the time limit, or
whichever comes first, so a 90-second run ends with a low learning rate just as
a 5,000-step run does. (A time-based decay is not bit-reproducible, since it
depends on the machine's speed; a step-based one is.)
"""
from __future__ import annotations

import math

from .config import TrainConfig


class LearningRate:
    def __init__(self, config: TrainConfig):
        self.config = config
        self.scale = 1.0       # plateau: product of the reductions so far
        self.best = None       # plateau: best validation loss seen
        self.bad = 0           # plateau: evaluations since it improved

    def value(self, step: int, time_fraction: float = 0.0) -> float:
        c = self.config
        if c.schedule == "constant":
            return c.lr
        if c.schedule == "plateau":
            return c.lr * self.scale
        if c.warmup_steps and step < c.warmup_steps:
            return c.lr * (step + 1) / c.warmup_steps
        fractions = [time_fraction]
        if c.max_steps:
            span = max(1, c.max_steps - c.warmup_steps)
            fractions.append((step - c.warmup_steps) / span)
        t = min(1.0, max(0.0, max(fractions)))
        low = c.lr * c.min_lr_ratio
        return low + (c.lr - low) * 0.5 * (1 + math.cos(math.pi * t))

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
        return {"scale": self.scale, "best": self.best, "bad": self.bad}

    def load(self, state: dict) -> None:
        self.scale = state.get("scale", 1.0)
        self.best = state.get("best")
        self.bad = state.get("bad", 0)
