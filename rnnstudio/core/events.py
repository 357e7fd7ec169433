"""What the training loop reports. Frozen, plain data: safe to pass between threads."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Progress:
    step: int
    symbols_seen: int
    elapsed: float          # seconds of training, pauses excluded
    symbols_per_sec: float
    eta: float | None       # seconds left, None when there is no limit to measure against
    fraction: float         # 0..1 of the step or time budget, whichever is further along
    lr: float


@dataclass(frozen=True)
class Started:
    progress: Progress
    device: str
    precision: str
    parameters: int
    batch_size: int         # may be less than asked for on a small corpus
    resumed: bool


@dataclass(frozen=True)
class Step:
    progress: Progress
    loss: float             # training loss of this window, nats per symbol
    grad_norm: float        # before clipping


@dataclass(frozen=True)
class Evaluated:
    progress: Progress
    val_loss: float         # nats per symbol on the validation split
    val_bits: float         # bits per symbol
    perplexity: float
    best: bool              # lowest so far
    lr_reduced: bool        # the plateau schedule just lowered the learning rate


@dataclass(frozen=True)
class Sampled:
    progress: Progress
    text: str


@dataclass(frozen=True)
class Checkpointed:
    progress: Progress
    path: str


@dataclass(frozen=True)
class CheckpointFailed:
    progress: Progress
    path: str
    error: str              # why (a full disk, a folder gone); training goes on


@dataclass(frozen=True)
class Paused:
    progress: Progress


@dataclass(frozen=True)
class Resumed:
    progress: Progress


@dataclass(frozen=True)
class Diverged:
    progress: Progress
    reason: str             # what happened (English)
    suggestion: str         # what to change (English)
    code: str = ""          # what happened: "loss_nan", "grad_nan" or "loss_exploded" (for a translation)
    params: tuple = ()      # its values: (first loss, last loss) for "loss_exploded"
    tips: tuple = ()        # what to change: ("lower_lr", lr), ("clip",), ("gated_cell",)


@dataclass(frozen=True)
class Finished:
    progress: Progress
    reason: str             # "steps", "time", "stopped", "early_stop" or "diverged"
    best_val_loss: float | None


Event = (Started | Step | Evaluated | Sampled | Checkpointed | CheckpointFailed | Paused | Resumed | Diverged
         | Finished)
