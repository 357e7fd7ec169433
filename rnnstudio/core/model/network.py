"""CharRNN: embedding -> fused RNN / LSTM / GRU -> linear head.

The recurrence is h_t = f(W_hh·h_{t-1} + W_xh·x_t + b_h), y_t = g(W_hy·h_t + b_y)
(vanilla RNN, f = tanh or ReLU) or its LSTM / GRU gated variants; torch's fused
kernels run it over the whole window, never a Python loop over time.
"""
from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn

from ..config import ADAPTIVE_DIV, ModelConfig

Hidden = torch.Tensor | tuple[torch.Tensor, torch.Tensor]


class CharRNN(nn.Module):
    def __init__(self, config: ModelConfig):
        super().__init__()
        if config.vocab_size < 2:
            raise ValueError("the model needs a vocabulary of at least 2 symbols")
        self.config = config
        c = config
        self.emb = nn.Embedding(c.vocab_size, c.emb_size)
        inter_layer_dropout = c.dropout if c.layers > 1 else 0.0  # torch warns on dropout with 1 layer
        if c.cell == "lstm":
            self.rnn = nn.LSTM(c.emb_size, c.hidden_size, c.layers, batch_first=True, dropout=inter_layer_dropout)
        elif c.cell == "gru":
            self.rnn = nn.GRU(c.emb_size, c.hidden_size, c.layers, batch_first=True, dropout=inter_layer_dropout)
        else:
            self.rnn = nn.RNN(c.emb_size, c.hidden_size, c.layers, batch_first=True, dropout=inter_layer_dropout,
                              nonlinearity="tanh" if c.cell == "rnn_tanh" else "relu")
        self.drop = nn.Dropout(c.dropout) if c.dropout > 0 else nn.Identity()
        self.adaptive = bool(c.cutoffs)
        if self.adaptive:
            # For thousands of symbols the output layer costs more than the recurrence;
            # the adaptive softmax (Grave et al. 2017) computes the rare classes only when
            # the target is in them during training, and still gives exact log-probabilities.
            self.head = nn.AdaptiveLogSoftmaxWithLoss(c.hidden_size, c.vocab_size, list(c.cutoffs),
                                                      div_value=float(ADAPTIVE_DIV))
            # Its classes are ranges of ids, which must go from frequent to rare; the vocabulary
            # is sorted by code point, so the model keeps each symbol's frequency rank (saved
            # with the weights) and works in ranks inside the head.
            self.register_buffer("rank", torch.arange(c.vocab_size))
        else:
            self.head = nn.Linear(c.hidden_size, c.vocab_size)

    def forward(self, idx: torch.Tensor, hidden: Hidden | None = None) -> tuple[torch.Tensor, Hidden]:
        """Logits (B, T, V) — for an adaptive head, exact log-probabilities, which every
        consumer of logits (softmax, cross-entropy, sampling) treats the same way."""
        out, hidden = self.features(idx, hidden)
        return self.logits(out), hidden

    def features(self, idx: torch.Tensor, hidden: Hidden | None = None) -> tuple[torch.Tensor, Hidden]:
        x = self.emb(idx)                    # (B, T, E)
        out, hidden = self.rnn(x, hidden)    # (B, T, H); hidden: (L, B, H) or a pair of them
        return self.drop(out), hidden

    def set_dropout(self, p: float) -> None:
        """Dropout from now on (between layers and before the head), up to the configured rate."""
        p = min(p, self.config.dropout)
        if self.config.layers > 1:
            self.rnn.dropout = p
        if isinstance(self.drop, nn.Dropout):
            self.drop.p = p

    def set_frequencies(self, counts) -> None:
        """Order the adaptive head's classes by these per-id symbol counts (most frequent first)."""
        if self.adaptive:
            order = sorted(range(self.config.vocab_size), key=lambda i: (-(counts[i] if i < len(counts) else 0), i))
            rank = torch.empty(self.config.vocab_size, dtype=torch.long)
            rank[torch.tensor(order)] = torch.arange(self.config.vocab_size)
            self.rank.copy_(rank)

    def logits(self, out: torch.Tensor) -> torch.Tensor:
        if self.adaptive:
            with _fp32(out):
                logp = self.head.log_prob(out.reshape(-1, out.shape[-1]).float())   # (N, V) by rank
            return logp.index_select(1, self.rank).view(*out.shape[:-1], -1)        # by id
        return self.head(out)

    def loss(self, idx: torch.Tensor, targets: torch.Tensor, hidden: Hidden | None = None,
             reduction: str = "mean") -> tuple[torch.Tensor, Hidden]:
        """Cross-entropy in nats per symbol of predicting ``targets`` (B, T)."""
        out, hidden = self.features(idx, hidden)
        flat = targets.reshape(-1)
        if self.adaptive:  # exact too: the log-probability of each target, its class computed only when needed
            with _fp32(out):
                logp = self.head(out.reshape(-1, out.shape[-1]).float(), self.rank[flat]).output
            return (-logp.sum() if reduction == "sum" else -logp.mean()), hidden
        logits = self.head(out)
        return F.cross_entropy(logits.float().reshape(-1, logits.shape[-1]), flat, reduction=reduction), hidden

    def init_hidden(self, batch: int, device=None) -> Hidden:
        c = self.config
        h = torch.zeros(c.layers, batch, c.hidden_size, device=device)
        return (h, h.clone()) if c.cell == "lstm" else h


def _fp32(tensor: torch.Tensor):
    """The adaptive head runs in fp32 even under bf16 autocast: its classes' log-probabilities
    are written into one output with index_copy_, which autocast's mixed dtypes break (Float
    against BFloat16), and in bf16 they would lose the precision the loss is summed in.
    bench/bench_head_precision.py measures what it costs."""
    return torch.autocast(tensor.device.type, enabled=False)


def parameter_shapes(config: ModelConfig) -> dict[str, tuple[int, ...]]:
    """The state dict's names and shapes for these settings, worked out without building the
    network: loading checks a file against it, and the Model page counts with it. (Building it on
    the meta device ran the embedding's initialiser through torch's Python references, which
    import torch._dynamo: 1.5 s of every `rnnstudio-cli sample`.) A test compares it with
    CharRNN's own state dict for every cell and head."""
    c = config
    vocab = max(c.vocab_size, 2)
    gates = {"lstm": 4, "gru": 3}.get(c.cell, 1) * c.hidden_size
    shapes: dict[str, tuple[int, ...]] = {"emb.weight": (vocab, c.emb_size)}
    for k in range(c.layers):
        shapes[f"rnn.weight_ih_l{k}"] = (gates, c.emb_size if k == 0 else c.hidden_size)
        shapes[f"rnn.weight_hh_l{k}"] = (gates, c.hidden_size)
        shapes[f"rnn.bias_ih_l{k}"] = (gates,)
        shapes[f"rnn.bias_hh_l{k}"] = (gates,)
    if c.cutoffs:   # nn.AdaptiveLogSoftmaxWithLoss: a head over the frequent symbols and one entry per
        cuts = list(c.cutoffs) + [vocab]   # rarer class, then per class a projection and its output
        shapes["head.head.weight"] = (cuts[0] + len(c.cutoffs), c.hidden_size)
        for i in range(len(c.cutoffs)):
            size = int(c.hidden_size // (ADAPTIVE_DIV ** (i + 1)))
            shapes[f"head.tail.{i}.0.weight"] = (size, c.hidden_size)
            shapes[f"head.tail.{i}.1.weight"] = (cuts[i + 1] - cuts[i], size)
        shapes["rank"] = (vocab,)
    else:
        shapes["head.weight"] = (vocab, c.hidden_size)
        shapes["head.bias"] = (vocab,)
    return shapes


BUFFERS = ("rank",)   # in the state dict, not learned


def count_parameters(config: ModelConfig) -> int:
    """Parameters of a model with this config, without allocating its weights."""
    return sum(math.prod(shape) for name, shape in parameter_shapes(config).items() if name not in BUFFERS)


def detach_hidden(hidden: Hidden | None) -> Hidden | None:
    """Cut the graph between windows (truncated BPTT): gradients stop at the window's start,
    while the state itself carries on, so memory and time per step stay constant."""
    if hidden is None:
        return None
    if isinstance(hidden, tuple):
        return tuple(h.detach() for h in hidden)
    return hidden.detach()
