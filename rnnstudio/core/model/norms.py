"""Gradient norms per part of the network: kept by the trainer at each evaluation, shown by the
Inspect tab's gradient view. In the model layer so that training and inspection, which must not
import each other, can both use it."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .network import CharRNN


def group_norms(model: CharRNN) -> dict[str, float]:
    """The norm of the current gradients per part of the network: "embedding", "layer K input"
    (W_ih, b_ih), "layer K recurrent" (W_hh, b_hh) for K = 1…, and "output" (the head)."""
    sums: dict[str, float] = {}
    for name, p in model.named_parameters():
        if p.grad is None:
            continue
        if name.startswith("emb."):
            key = "embedding"
        elif name.startswith("rnn."):
            kind, layer = name.split(".")[1].split("_l")
            key = f"layer {int(layer) + 1} " + ("input" if "_ih" in kind else "recurrent")
        else:
            key = "output"
        sums[key] = sums.get(key, 0.0) + float(p.grad.detach().float().pow(2).sum())
    return {k: v ** 0.5 for k, v in sums.items()}
