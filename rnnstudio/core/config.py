"""Validated settings for the model, training and sampling.

Each dataclass checks itself in ``__post_init__`` and raises ``ValueError``
with a sentence a user can act on, so the GUI and CLI can show it as is.
``to_dict``/``from_dict`` give the JSON form stored in model files; unknown
keys from a newer file are ignored rather than crashing.
"""
from __future__ import annotations

import dataclasses
import math
import numbers
from dataclasses import dataclass, field
from typing import Any

CELLS = ("rnn_tanh", "rnn_relu", "lstm", "gru")
OPTIMIZERS = ("adam", "adamw", "sgd", "rmsprop")
SCHEDULES = ("constant", "cosine", "plateau")
PRECISIONS = ("auto", "fp32", "bf16")
DEVICES = ("auto", "cpu", "cuda", "mps")
TOKENIZERS = ("char", "word")
EXTENSION = ".rnnstudio"  # a model file's name ends so
ADAPTIVE_DIV = 4  # adaptive softmax: each rarer class gets a 4x smaller projection


def _check(ok: bool, message: str) -> None:
    if not ok:
        raise ValueError(message)


def _positive_int(name: str, value: Any) -> None:
    _check(isinstance(value, int) and not isinstance(value, bool) and value > 0,
           f"{name} must be a whole number above 0 (got {value!r})")


def _fraction(name: str, value: Any, *, low_open: bool = False, high_open: bool = True) -> None:
    ok = isinstance(value, (int, float)) and math.isfinite(value)
    if ok:
        ok = (value > 0 if low_open else value >= 0) and (value < 1 if high_open else value <= 1)
    low, high = ("(0" if low_open else "[0"), ("1)" if high_open else "1]")
    _check(ok, f"{name} must be in {low}, {high} (got {value!r})")


class _Serial:
    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]):
        names = {f.name for f in dataclasses.fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in names}
        for key in ("stop", "cutoffs", "temperatures"):
            if key in kwargs and isinstance(kwargs[key], list):
                kwargs[key] = tuple(kwargs[key])
        return cls(**kwargs)

    def replace(self, **changes):
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class ModelConfig(_Serial):
    cell: str = "lstm"        # rnn_tanh | rnn_relu | lstm | gru
    vocab_size: int = 0       # set from the corpus' vocabulary; 0 = not known yet
    emb_size: int = 64        # size of each symbol's learned vector
    hidden_size: int = 256    # size of the recurrent state per layer
    layers: int = 2           # stacked recurrent layers
    dropout: float = 0.0      # between layers and before the output head
    cutoffs: tuple[int, ...] = ()  # adaptive softmax: the frequency-sorted classes' edges; () = plain softmax

    def head_parameters(self, vocab_size: int | None = None) -> int:
        v = vocab_size or self.vocab_size or 2
        h, cut = self.hidden_size, [c for c in self.cutoffs if c < v]
        if not cut:
            return h * v + v
        # torch's AdaptiveLogSoftmaxWithLoss: a head over the frequent symbols plus one
        # entry per rarer class, each class a projection to h / 4**i then its symbols.
        edges = [*cut, v]
        total = h * (cut[0] + len(cut))
        for i in range(len(cut)):
            p = max(1, h // ADAPTIVE_DIV ** (i + 1))
            total += h * p + p * (edges[i + 1] - edges[i])
        return total

    def parameter_count(self, vocab_size: int | None = None) -> int:
        """Weights in a model of this shape (plain arithmetic: no torch needed, so
        the app can show it before torch has loaded)."""
        v = vocab_size or self.vocab_size or 2
        gates = {"lstm": 4, "gru": 3}.get(self.cell, 1)
        e, h = self.emb_size, self.hidden_size
        rnn = sum(gates * h * ((e if k == 0 else h) + h) + 2 * gates * h for k in range(self.layers))
        return v * e + rnn + self.head_parameters(v)

    def __post_init__(self):
        _check(self.cell in CELLS, f"cell must be one of {', '.join(CELLS)} (got {self.cell!r})")
        _check(isinstance(self.vocab_size, int) and self.vocab_size >= 0,
               f"vocab_size must be 0 or more (got {self.vocab_size!r})")
        _positive_int("emb_size", self.emb_size)
        _positive_int("hidden_size", self.hidden_size)
        _positive_int("layers", self.layers)
        _fraction("dropout", self.dropout)
        cut = self.cutoffs
        _check(isinstance(cut, tuple) and all(isinstance(c, int) and c > 0 for c in cut)
               and list(cut) == sorted(set(cut)), "cutoffs must be increasing whole numbers above 0")
        _check(not cut or not self.vocab_size or cut[-1] < self.vocab_size,
               f"the last cutoff must be below the vocabulary size {self.vocab_size}")


@dataclass(frozen=True)
class TrainConfig(_Serial):
    seq_len: int = 128            # symbols per window of truncated back-propagation through time
    batch_size: int = 64          # parallel text streams per step
    lr: float = 3e-3              # peak learning rate
    optimizer: str = "adam"       # adam | adamw | sgd | rmsprop
    schedule: str = "cosine"      # constant | cosine (warm-up, then decay to the step/time budget) | plateau
    warmup_steps: int = 50        # linear warm-up for the cosine schedule
    min_lr_ratio: float = 0.05    # cosine ends at lr * this
    plateau_factor: float = 0.5   # plateau: multiply lr by this ...
    plateau_patience: int = 2     # ... after this many evaluations without improvement
    clip: float = 1.0             # max gradient norm; 0 = no clipping
    weight_decay: float = 0.0
    dropout_after: int = 1        # dropout (the model's) starts after this many passes over the text: during
                                  # the first, every window is new, nothing can be memorised yet, and dropout
                                  # only slows learning (Tiny Shakespeare, 90 s: 1.558 without, 1.613 with)
    max_steps: int = 2000         # 0 = no step limit (then max_seconds must be set)
    max_seconds: float = 0.0      # 0 = no time limit
    eval_interval: int = 200      # steps between validation passes; 0 = only at the end
    first_eval_seconds: float = 20.0  # the first evaluation, sample and autosave after this much training; 0 = off
    eval_seconds: float = 60.0    # ... then at least this often (whichever of steps or seconds comes first); 0 = off
    eval_max_batches: int = 0     # windows per validation pass; 0 = all of eval_symbols
    eval_symbols: int = 100_000   # validation uses (at most) the first this many symbols of the split, the same
                                  # every time, so an evaluation takes seconds even on a huge text; 0 = all
    sample_interval: int = 0      # steps between text samples; 0 = at each evaluation
    sample_length: int = 200
    patience: int = 0             # early stop after this many evaluations without improvement; 0 = off
    keep_best: bool = True        # the saved model gets the weights with the best validation loss
    seed: int = 1337
    device: str = "auto"          # auto (CUDA, then MPS, then CPU) | cpu | cuda | mps
    threads: int = 0              # CPU threads; 0 = torch's default
    precision: str = "auto"       # auto (bf16 where the hardware has it) | fp32 | bf16
    val_fraction: float = 0.1     # last part of the corpus kept for validation

    def __post_init__(self):
        _positive_int("seq_len", self.seq_len)
        _positive_int("batch_size", self.batch_size)
        _check(isinstance(self.lr, (int, float)) and math.isfinite(self.lr) and 0 < self.lr <= 10,
               f"lr must be above 0 and at most 10 (got {self.lr!r})")
        _check(self.optimizer in OPTIMIZERS, f"optimizer must be one of {', '.join(OPTIMIZERS)}")
        _check(self.schedule in SCHEDULES, f"schedule must be one of {', '.join(SCHEDULES)}")
        _check(isinstance(self.warmup_steps, int) and self.warmup_steps >= 0, "warmup_steps must be 0 or more")
        _fraction("min_lr_ratio", self.min_lr_ratio, high_open=False)
        _fraction("plateau_factor", self.plateau_factor, low_open=True)
        _positive_int("plateau_patience", self.plateau_patience)
        _check(self.clip >= 0 and math.isfinite(self.clip), "clip must be 0 (off) or above")
        _check(self.weight_decay >= 0, "weight_decay must be 0 or above")
        _check(isinstance(self.dropout_after, int) and self.dropout_after >= 0, "dropout_after must be 0 or more")
        _check(isinstance(self.max_steps, int) and self.max_steps >= 0, "max_steps must be 0 or more")
        _check(self.max_seconds >= 0 and math.isfinite(self.max_seconds), "max_seconds must be 0 or more")
        _check(self.max_steps > 0 or self.max_seconds > 0,
               "set a step limit, a time limit, or both")
        for name in ("first_eval_seconds", "eval_seconds"):
            _check(isinstance(getattr(self, name), (int, float)) and math.isfinite(getattr(self, name))
                   and getattr(self, name) >= 0, f"{name} must be 0 (off) or more")
        for name in ("eval_interval", "eval_max_batches", "eval_symbols", "sample_interval", "patience", "threads"):
            _check(isinstance(getattr(self, name), int) and getattr(self, name) >= 0,
                   f"{name} must be a whole number, 0 or more")
        _check(isinstance(self.sample_length, int) and self.sample_length >= 0,
               "sample_length must be 0 or more")
        _check(isinstance(self.seed, int), "seed must be a whole number")
        _check(self.device in DEVICES, f"device must be one of {', '.join(DEVICES)}")
        _check(self.precision in PRECISIONS, f"precision must be one of {', '.join(PRECISIONS)}")
        _fraction("val_fraction", self.val_fraction, low_open=True)


@dataclass(frozen=True)
class SampleConfig(_Serial):
    prime: str = ""                 # text to start from; empty = start of a paragraph
    length: int = 500               # symbols to generate per sample
    temperature: float = 0.8        # 0 = always the most likely symbol
    top_k: int = 0                  # keep only the k most likely symbols; 0 = off
    top_p: float = 1.0              # keep the smallest set whose probability reaches p; 1 = off
    repetition_penalty: float = 1.0 # > 1 makes recently used symbols less likely
    repetition_window: int = 64     # how many recent symbols the penalty looks at
    seed: int | None = None         # None = a different sample each time
    stop: tuple[str, ...] = ()      # generation of a sample ends when it produces one of these
    num_samples: int = 1            # samples generated side by side as a batch
    unknown: str = "error"          # prime symbols the model never saw: "error" or "skip"
    write_unknown: bool = False     # write the unknown symbol ("some rare symbol", �) when drawn
    alternatives: int = 5           # top alternatives reported per symbol; 0 = none
    temperatures: tuple[float, ...] = ()  # one sample per temperature, side by side (then num_samples is
                                          # their number and temperature is not used)

    @property
    def batch(self) -> int:
        """How many samples are generated side by side."""
        return len(self.temperatures) or self.num_samples

    def row_temperatures(self) -> tuple[float, ...]:
        return self.temperatures or (self.temperature,) * self.num_samples

    def __post_init__(self):
        _check(isinstance(self.length, int) and self.length >= 0, "length must be 0 or more")
        _check(isinstance(self.temperature, (int, float)) and 0 <= self.temperature <= 10,
               f"temperature must be between 0 and 10 (got {self.temperature!r})")
        _check(isinstance(self.top_k, int) and self.top_k >= 0, "top_k must be 0 (off) or more")
        _check(isinstance(self.top_p, (int, float)) and 0 < self.top_p <= 1,
               f"top_p must be above 0 and at most 1 (got {self.top_p!r})")
        _check(isinstance(self.repetition_penalty, (int, float)) and self.repetition_penalty >= 1,
               "repetition_penalty must be 1 (off) or more")
        _check(isinstance(self.repetition_window, int) and self.repetition_window >= 0,
               "repetition_window must be 0 or more")
        _check(self.seed is None or isinstance(self.seed, int), "seed must be a whole number or empty")
        _check(all(isinstance(s, str) and s for s in self.stop), "stop strings must not be empty")
        _positive_int("num_samples", self.num_samples)
        _check(self.unknown in ("error", "skip"), "unknown must be 'error' or 'skip'")
        _check(isinstance(self.alternatives, int) and self.alternatives >= 0, "alternatives must be 0 or more")
        temps = self.temperatures
        _check(isinstance(temps, (tuple, list)), f"temperatures must be a list of numbers (got {temps!r})")
        _check(all(isinstance(t, numbers.Real) and not isinstance(t, bool) and 0 <= t <= 10 for t in temps),
               f"temperatures must be between 0 and 10 (got {temps!r})")
        _check(not temps or self.num_samples in (1, len(temps)),
               f"num_samples ({self.num_samples}) must be the number of temperatures ({len(temps)})")
        object.__setattr__(self, "temperatures", tuple(float(t) for t in temps))   # hashable, plain floats


@dataclass(frozen=True)
class Preset:
    name: str
    description: str
    model: ModelConfig
    train: TrainConfig = field(default_factory=TrainConfig)


# Sizes for CPU training. "Small" is what the default starts from: autoconfig.suggest fits it to
# the text (one layer for a small alphabet, one GRU layer of 512 for thousands of symbols).
# Chosen with the benchmarks on 2 CPU cores: batch 32 beat batch 64 (more updates in the
# same time), dropout 0.2 kept the 300 s run from over-fitting Tiny Shakespeare (1.50
# without it, 1.46 with it) while starting it only after the first pass over the text
# (TrainConfig.dropout_after) gained 0.05 after 90 s, a peak rate of 1e-2 beat 6e-3, 1.5e-2
# and 2e-2 once dropout waits (1.545, 1.551, 1.564 after 1.9 M symbols; batch 64 at 2e-2:
# 1.553), and a window of 64 beat 128: 1.585 against 1.702 nats after the same 1.8 M
# symbols, and 14 % more symbols/s (bench/probe_settings.py, bench/bench_speed.py).
PRESETS: dict[str, Preset] = {
    "tiny": Preset("tiny", "1 layer of 128 — trains in seconds, for a first look",
                   ModelConfig(cell="lstm", emb_size=32, hidden_size=128, layers=1),
                   TrainConfig(seq_len=64, batch_size=32, lr=5e-3, max_steps=500, eval_interval=100)),
    "small": Preset("small", "2 layers of 256 — what the fitted default starts from, good text in minutes",
                    ModelConfig(cell="lstm", emb_size=64, hidden_size=256, layers=2, dropout=0.2),
                    TrainConfig(seq_len=64, batch_size=32, lr=1e-2, min_lr_ratio=0.02, max_steps=0,
                                max_seconds=300, eval_interval=200)),
    "medium": Preset("medium", "2 layers of 512 — better text, wants half an hour or more",
                     ModelConfig(cell="lstm", emb_size=128, hidden_size=512, layers=2, dropout=0.1),
                     TrainConfig(seq_len=128, batch_size=64, lr=2e-3, max_steps=0, max_seconds=1800,
                                 eval_interval=250)),
    "large": Preset("large", "3 layers of 768 — best on a GPU or with hours to spare",
                    ModelConfig(cell="lstm", emb_size=256, hidden_size=768, layers=3, dropout=0.2),
                    TrainConfig(seq_len=256, batch_size=64, lr=1e-3, max_steps=20000, eval_interval=500)),
}
DEFAULT_PRESET = "small"


def preset(name: str) -> Preset:
    key = name.lower()
    if key not in PRESETS:
        raise ValueError(f"unknown preset {name!r}; choose one of {', '.join(PRESETS)}")
    return PRESETS[key]
