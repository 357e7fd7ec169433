"""What every unit of a network does over a text: hidden state, cell state and gates, per
symbol (after Karpathy, Johnson & Fei-Fei 2015, "Visualizing and Understanding Recurrent
Networks").

torch's fused LSTM/GRU gives only each layer's output h_t, so the text runs through the
fused network one layer at a time, and the gates are then recomputed for all steps at once
from (x_t, h_{t-1}) and the layer's weights: one matrix product per layer, not a Python loop
over time. Only the LSTM cell state needs a scan (c_t = f·c_{t-1} + i·g), done on whole
vectors.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import torch

from ..model.network import CharRNN
from ..data.tokenizer import Tokenizer

GATES = {"lstm": ("input", "forget", "cell", "output"), "gru": ("reset", "update", "new")}
LOW, HIGH = 0.1, 0.9    # a gate value below LOW is left-saturated (closed), above HIGH right-saturated


@dataclass
class Layer:
    h: np.ndarray                                     # (T, H) the layer's output at each symbol
    c: np.ndarray | None = None                       # (T, H) LSTM cell state
    gates: dict[str, np.ndarray] = field(default_factory=dict)   # name -> (T, H), values in [0, 1] or [-1, 1]

    def signals(self) -> dict[str, np.ndarray]:
        """Every per-unit signal of this layer by name: "h", "c", and the gates."""
        out = {"h": self.h}
        if self.c is not None:
            out["c"] = self.c
        out.update(self.gates)
        return out


@dataclass
class Trace:
    symbols: list[str]        # the text as the model's symbols, one per step
    ids: np.ndarray           # (T,)
    layers: list[Layer]
    cell: str

    def signal(self, layer: int, name: str = "h") -> np.ndarray:
        return self.layers[layer].signals()[name]


def encode(tokenizer: Tokenizer, text: str) -> tuple[list[str], np.ndarray]:
    """The text as its symbols (as written, for display) and the model's ids for them. A
    symbol the model does not know takes its unknown id, or is left out when it has none."""
    unk = tokenizer.unk_id
    ids = [(s, tokenizer.id_of(s)) for s in tokenizer.split(text)]
    kept = [(s, unk if i is None else i) for s, i in ids if i is not None or unk is not None]
    return [s for s, _ in kept], np.fromiter((i for _, i in kept), dtype=np.int64, count=len(kept))


@torch.no_grad()
def trace(model: CharRNN, tokenizer: Tokenizer, text: str) -> Trace:
    """Run ``text`` through ``model`` from a zero state and record every unit at every symbol."""
    symbols, ids = encode(tokenizer, text)
    if len(ids) == 0:
        raise ValueError("the text has no symbols the model knows")
    model = model.eval()
    device = next(model.parameters()).device
    cfg = model.config
    x = model.emb(torch.as_tensor(ids, device=device)[None]).float()   # (1, T, E)
    layers = []
    for k in range(cfg.layers):
        w_ih = getattr(model.rnn, f"weight_ih_l{k}").float()
        w_hh = getattr(model.rnn, f"weight_hh_l{k}").float()
        b_ih = getattr(model.rnn, f"bias_ih_l{k}").float()
        b_hh = getattr(model.rnn, f"bias_hh_l{k}").float()
        out = _run_layer(model, k, x)                                     # (1, T, H)
        h_prev = torch.cat([torch.zeros_like(out[:, :1]), out[:, :-1]], 1)
        layer = Layer(out[0].cpu().numpy())
        if cfg.cell == "lstm":
            pre = x @ w_ih.T + b_ih + h_prev @ w_hh.T + b_hh               # (1, T, 4H): i, f, g, o
            i, f, g, o = pre[0].chunk(4, -1)
            i, f, g, o = torch.sigmoid(i), torch.sigmoid(f), torch.tanh(g), torch.sigmoid(o)
            c = torch.empty_like(i)
            state = torch.zeros_like(i[0])
            for t in range(len(ids)):   # the only scan: whole vectors a step
                state = f[t] * state + i[t] * g[t]
                c[t] = state
            layer.c = c.cpu().numpy()
            layer.gates = {"input": i.cpu().numpy(), "forget": f.cpu().numpy(), "cell": g.cpu().numpy(),
                           "output": o.cpu().numpy()}
        elif cfg.cell == "gru":
            gi = (x @ w_ih.T + b_ih)[0]
            gh = (h_prev @ w_hh.T + b_hh)[0]
            i_r, i_z, i_n = gi.chunk(3, -1)
            h_r, h_z, h_n = gh.chunk(3, -1)
            r, z = torch.sigmoid(i_r + h_r), torch.sigmoid(i_z + h_z)
            n = torch.tanh(i_n + r * h_n)
            layer.gates = {"reset": r.cpu().numpy(), "update": z.cpu().numpy(), "new": n.cpu().numpy()}
        layers.append(layer)
        x = out
    return Trace(symbols, ids, layers, cfg.cell)


def _run_layer(model: CharRNN, k: int, x: torch.Tensor) -> torch.Tensor:
    """Layer k of the fused network alone (its weights, the same kernel)."""
    rnn = model.rnn
    kind = type(rnn)
    kwargs = {"nonlinearity": rnn.nonlinearity} if isinstance(rnn, torch.nn.RNN) else {}
    single = kind(x.shape[-1], rnn.hidden_size, 1, batch_first=True, **kwargs).to(x.device)
    for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
        getattr(single, f"{name}_l0").data = getattr(rnn, f"{name}_l{k}").data.float()
    return single(x)[0]


def saturation(trace: Trace, layer: int) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """For each sigmoid gate of an LSTM/GRU layer: per unit, the share of steps the gate is
    left-saturated (< 0.1) and right-saturated (> 0.9) — the paper's scatter plot."""
    out = {}
    for name, values in trace.layers[layer].gates.items():
        if name in ("cell", "new"):   # tanh candidates, not gates
            continue
        out[name] = ((values < LOW).mean(0), (values > HIGH).mean(0))
    return out
