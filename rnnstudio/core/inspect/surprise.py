"""How surprised the model is by each symbol of a text: its probability for the symbol that
came, the likelier ones it expected instead, and the text's loss in nats and bits per symbol.

The first symbol has nothing before it to be predicted from, so the loss is over symbols
2…T, each given all those before it from a zero state: exactly the model's own loss
(``CharRNN.loss``) on the text, so two sentences can be compared by it.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import torch

from .activations import encode
from ..model.network import CharRNN
from ..data.tokenizer import Tokenizer

_CHUNK = 4096   # symbols a forward pass: bounds the (T, vocab) probabilities held at once


@dataclass
class Surprise:
    symbols: list[str]
    prob: np.ndarray            # (T,) probability of each symbol given those before; nan for the first
    alternatives: list[tuple[tuple[str, float], ...]]   # per symbol, the likeliest ones (nothing for the first)

    @property
    def loss(self) -> np.ndarray:
        """Per-symbol loss in nats (nan for the first symbol)."""
        with np.errstate(divide="ignore"):
            return -np.log(self.prob)

    @property
    def nats(self) -> float:
        """Mean loss per predicted symbol, in nats."""
        return float(np.nanmean(self.loss)) if len(self.prob) > 1 else float("nan")

    @property
    def bits(self) -> float:
        return self.nats / math.log(2)


@torch.no_grad()
def surprise(model: CharRNN, tokenizer: Tokenizer, text: str, alternatives: int = 5,
             features: np.ndarray | None = None) -> Surprise:
    """``features``: the last layer's output over the same text when already computed (the
    neuron view's trace), so the network is not run over it a second time."""
    symbols, ids = encode(tokenizer, text)
    if len(ids) < 2:
        raise ValueError("the text needs at least two symbols the model knows")
    model = model.eval()
    device = next(model.parameters()).device
    idx = torch.as_tensor(ids, device=device)[None]
    prob = np.full(len(ids), np.nan)
    alts: list[tuple[tuple[str, float], ...]] = [()]
    hidden = None
    for start in range(0, len(ids) - 1, _CHUNK):
        x = idx[:, start:min(start + _CHUNK, len(ids) - 1)]
        if features is not None:
            logits = model.logits(torch.as_tensor(features[start:start + x.shape[1]], device=device)[None])
        else:
            logits, hidden = model(x, hidden)
        p = torch.softmax(logits[0].float(), -1)                           # (t, V)
        targets = idx[0, start + 1:start + 1 + x.shape[1]]
        prob[start + 1:start + 1 + x.shape[1]] = p.gather(1, targets[:, None])[:, 0].double().cpu().numpy()
        if alternatives:
            top_p, top_i = p.topk(min(alternatives, p.shape[1]), -1)
            for row_p, row_i in zip(top_p.tolist(), top_i.tolist()):
                alts.append(tuple((tokenizer.symbol(i), q) for i, q in zip(row_i, row_p)))
        else:
            alts.extend(() for _ in range(x.shape[1]))
    return Surprise(symbols, prob, alts)
