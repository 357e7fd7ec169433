"""Will these settings fit in memory? Checked before the model is built, so that a typo
(``--layers 1000``) gets a sentence instead of the machine running out of memory.

The estimate counts what a training step holds: the weights, their gradients, Adam's two
moments, the kept best copy and a snapshot (6 copies), plus the activations kept for
back-propagation through the window (per symbol: each layer's gates and states, and the
output layer's scores and their gradients).
"""
from __future__ import annotations

import os

from ..config import ModelConfig, TrainConfig
from ..errors import TooLarge

FLOAT = 4          # bytes
WEIGHT_COPIES = 6  # weights, gradients, two optimiser moments, best weights, a snapshot
HEADROOM = 0.8     # never plan on more than this share of what is free


def estimate_bytes(model: ModelConfig, train: TrainConfig, vocab_size: int) -> int:
    params = model.parameter_count(vocab_size)
    gates = {"lstm": 4, "gru": 3}.get(model.cell, 1)
    per_symbol = model.emb_size + model.layers * model.hidden_size * (gates + 3)
    head = min(vocab_size, model.cutoffs[0] + len(model.cutoffs)) if model.cutoffs else vocab_size
    per_symbol += 3 * head
    symbols = train.batch_size * train.seq_len
    return FLOAT * (WEIGHT_COPIES * params + symbols * per_symbol)


def available_bytes(device: str = "cpu") -> int | None:
    """Memory free for a new job on ``device`` (None when it cannot be told)."""
    if device.startswith("cuda"):
        import torch
        free, _ = torch.cuda.mem_get_info()
        return int(free)
    try:
        with open("/proc/meminfo", encoding="ascii") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def check_fits(model: ModelConfig, train: TrainConfig, vocab_size: int, device: str = "cpu") -> None:
    need = estimate_bytes(model, train, vocab_size)
    free = available_bytes(device)
    if free is not None and need > HEADROOM * free:
        raise TooLarge(need=_size(need), free=_size(free), params=f"{model.parameter_count(vocab_size):,}")


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB", "TB", "PB"):
        if n < 1000 or unit == "PB":
            return f"{n:,.0f} {unit}" if unit == "bytes" else f"{n:,.1f} {unit}"
        n /= 1000
    return str(n)
