"""CharRNN: embedding -> fused RNN / LSTM / GRU -> linear head.

The recurrence is h_t = f(W_hh·h_{t-1} + W_xh·x_t + b_h), y_t = g(W_hy·h_t + b_y)
(vanilla RNN, f = tanh or ReLU) or its LSTM / GRU gated variants; torch's fused
kernels run it over the whole window, never a Python loop over time.
"""
from __future__ import annotations

import torch
from torch import nn

from .config import ModelConfig

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
        self.head = nn.Linear(c.hidden_size, c.vocab_size)

    def forward(self, idx: torch.Tensor, hidden: Hidden | None = None) -> tuple[torch.Tensor, Hidden]:
        x = self.emb(idx)                    # (B, T, E)
        out, hidden = self.rnn(x, hidden)    # (B, T, H); hidden: (L, B, H) or a pair of them
        logits = self.head(self.drop(out))   # (B, T, V)
        return logits, hidden

    def init_hidden(self, batch: int, device=None) -> Hidden:
        c = self.config
        h = torch.zeros(c.layers, batch, c.hidden_size, device=device)
        return (h, h.clone()) if c.cell == "lstm" else h


def count_parameters(config: ModelConfig) -> int:
    """Parameters of a model with this config, without allocating its weights."""
    if config.vocab_size < 2:
        config = config.replace(vocab_size=2)
    with torch.device("meta"):
        model = CharRNN(config)
    return sum(p.numel() for p in model.parameters())


def detach_hidden(hidden: Hidden | None) -> Hidden | None:
    """Cut the graph between windows (truncated BPTT): gradients stop at the window's start,
    while the state itself carries on, so memory and time per step stay constant."""
    if hidden is None:
        return None
    if isinstance(hidden, tuple):
        return tuple(h.detach() for h in hidden)
    return hidden.detach()
