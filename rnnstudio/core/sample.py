"""Streaming text generation.

The prime runs once through the fused network; after that each new symbol
costs one recurrent step on the carried hidden state (never a re-run over a
window). The step is written out with plain matrix products rather than a
call to nn.LSTM per symbol: for batch 1 the fused kernel's per-call cost
dominates (about 1 ms a call here against ~0.1 ms for the products).
"""
from __future__ import annotations

import copy
import math
from collections.abc import Iterator
from dataclasses import dataclass

import torch

from .config import SampleConfig
from .errors import UnknownSymbols
from .model import CharRNN
from .tokenizer import Tokenizer

_TOP_P_FIRST = 64       # top-p looks at the 64 likeliest symbols first, and sorts them all only if needed
_TABLE_LIMIT = 1 << 22  # precompute embedding @ W_ih for layer 0 when it is at most this many floats


@dataclass(frozen=True)
class Token:
    sample: int                                  # which of the batch's samples
    text: str
    prob: float                                  # the model's probability of it (temperature 1)
    alternatives: tuple[tuple[str, float], ...]  # the most likely symbols at this position


class _Stepper:
    """One recurrent step for every cell type, from a CharRNN's weights (fp32, CPU)."""

    def __init__(self, model: CharRNN):
        c = model.config
        self.cell, self.layers = c.cell, c.layers
        sd = {k: v.detach().float().cpu() for k, v in model.state_dict().items()}
        self.w_ih = [sd[f"rnn.weight_ih_l{k}"].t().contiguous() for k in range(c.layers)]
        self.w_hh = [sd[f"rnn.weight_hh_l{k}"].t().contiguous() for k in range(c.layers)]
        self.b_ih = [sd[f"rnn.bias_ih_l{k}"] for k in range(c.layers)]
        self.b_hh = [sd[f"rnn.bias_hh_l{k}"] for k in range(c.layers)]
        self.emb = sd["emb.weight"]
        # a private fp32 CPU copy: training may go on changing (or moving) the model's own
        self.adaptive_head = copy.deepcopy(model.head).to("cpu", torch.float32).eval() if model.adaptive else None
        self.rank = model.rank.cpu() if model.adaptive else None
        if self.adaptive_head is None:
            self.head_w = sd["head.weight"].t().contiguous()
            self.head_b = sd["head.bias"]
        self.hidden_size = c.hidden_size
        if self.cell == "lstm":
            # gates in the order i, f, o, g (torch keeps i, f, g, o): one sigmoid and one tanh a step
            order = torch.cat([torch.arange(0, 2 * c.hidden_size), torch.arange(3 * c.hidden_size, 4 * c.hidden_size),
                               torch.arange(2 * c.hidden_size, 3 * c.hidden_size)])
            self.w_ih = [w[:, order].contiguous() for w in self.w_ih]
            self.w_hh = [w[:, order].contiguous() for w in self.w_hh]
            self.b_ih, self.b_hh = [b[order] for b in self.b_ih], [b[order] for b in self.b_hh]
        # GRU keeps b_hh apart (r gates its n part); the other cells add both biases once
        self.b_in = self.b_ih if self.cell == "gru" else [a + b for a, b in zip(self.b_ih, self.b_hh)]
        self.table = None
        if c.vocab_size * self.w_ih[0].shape[1] <= _TABLE_LIMIT:
            self.table = self.emb @ self.w_ih[0] + self.b_in[0]

    def _input(self, k: int, x: torch.Tensor, ids: torch.Tensor | None) -> torch.Tensor:
        if k == 0 and self.table is not None:
            return self.table[ids]
        inp = self.emb[ids] if k == 0 else x
        return torch.addmm(self.b_in[k], inp, self.w_ih[k])

    def step(self, ids: torch.Tensor, state: list) -> torch.Tensor:
        """ids: (B,) -> logits (B, V); ``state`` (a list per layer) is updated in place."""
        x = None
        for k in range(self.layers):
            gi = self._input(k, x, ids)
            if self.cell == "lstm":
                h, c = state[k]
                n = self.hidden_size
                gates = torch.addmm(gi, h, self.w_hh[k])        # (B, 4H): i, f, o, g
                sig = torch.sigmoid(gates[:, :3 * n])
                c = torch.addcmul(sig[:, n:2 * n] * c, sig[:, :n], torch.tanh(gates[:, 3 * n:]))
                h = sig[:, 2 * n:] * torch.tanh(c)
                state[k] = (h, c)
            elif self.cell == "gru":
                h = state[k]
                gh = torch.addmm(self.b_hh[k], h, self.w_hh[k])
                i_r, i_z, i_n = gi.chunk(3, 1)
                h_r, h_z, h_n = gh.chunk(3, 1)
                r = torch.sigmoid(i_r + h_r)
                z = torch.sigmoid(i_z + h_z)
                n = torch.tanh(i_n + r * h_n)
                h = n + z * (h - n)  # = (1 - z) * n + z * h
                state[k] = h
            else:
                pre = torch.addmm(gi, state[k], self.w_hh[k])
                h = torch.tanh(pre) if self.cell == "rnn_tanh" else torch.relu(pre)
                state[k] = h
            x = h
        if self.adaptive_head is not None:
            return self.adaptive_head.log_prob(x).index_select(1, self.rank)
        return torch.addmm(self.head_b, x, self.head_w)


def _split_hidden(hidden, cell: str) -> list:
    if cell == "lstm":
        h, c = hidden
        return [(h[k], c[k]) for k in range(h.shape[0])]
    return [hidden[k] for k in range(hidden.shape[0])]


class _StopFilter:
    """Holds back text that may be the start of a stop string, so a stop string
    is never shown: text is released once it can no longer begin one."""

    def __init__(self, stops: tuple[str, ...]):
        self.stops = stops
        self.pending: list[tuple[str, float, tuple]] = []
        self.done = False

    def push(self, piece: tuple[str, float, tuple]) -> list:
        if not self.stops:
            return [piece]
        self.pending.append(piece)
        text = "".join(p[0] for p in self.pending)
        cut = min((i for i in (text.find(s) for s in self.stops) if i >= 0), default=-1)
        if cut >= 0:
            self.done = True
            return self._release(cut)
        hold = 0
        for s in self.stops:
            for n in range(min(len(s) - 1, len(text)), 0, -1):
                if text.endswith(s[:n]):
                    hold = max(hold, n)
                    break
        return self._release(len(text) - hold)

    def _release(self, chars: int) -> list:
        out, used = [], 0
        while self.pending and used + len(self.pending[0][0]) <= chars:
            piece = self.pending.pop(0)
            used += len(piece[0])
            out.append(piece)
        if self.done:
            self.pending.clear()
        return out

    def flush(self) -> list:
        out, self.pending = self.pending, []
        return out


class Sampler:
    def __init__(self, model: CharRNN, tokenizer: Tokenizer):
        self.model = model
        self.tokenizer = tokenizer
        self.stepper = _Stepper(model)
        # The prime runs through the fused network on the CPU: batch-1 sampling is
        # faster there than on a GPU, and the sampler must not disturb training.
        if next(model.parameters()).device.type == "cpu":
            self._cpu_model = model
        else:
            self._cpu_model = CharRNN(model.config)
            self._cpu_model.load_state_dict({k: v.cpu() for k, v in model.state_dict().items()})

    @classmethod
    def from_bundle(cls, bundle) -> "Sampler":
        return cls(bundle.build_model("cpu"), bundle.tokenizer)

    def encode_prime(self, text: str, unknown: str = "error") -> tuple[list[int], list[str]]:
        """Ids of the prime and the symbols skipped. Raises UnknownSymbols for
        ``unknown="error"`` when the model lacks a symbol and has no unknown id."""
        missing = self.tokenizer.unknown_symbols(text)
        if missing and unknown == "error":
            raise UnknownSymbols(symbols=" ".join(repr(s) for s in missing[:20]))
        ids = self.tokenizer.encode(text, unknown="skip")
        return [int(i) for i in ids], missing

    def _start_id(self) -> int:
        # An empty prime starts as if after a paragraph break, else after the commonest symbol.
        for start in ("\n", " "):
            if start in self.tokenizer._index:
                return self.tokenizer._index[start]
        counts = self.tokenizer.counts
        return max(range(len(counts)), key=counts.__getitem__) if counts else 0

    def _prime_state(self, ids: list[int], batch: int):
        cpu = self._cpu_model
        was_training = cpu.training
        cpu.eval()
        idx = torch.tensor([ids], dtype=torch.long)
        logits, hidden = cpu(idx)
        cpu.train(was_training)
        logits = logits[:, -1].float().expand(batch, -1).contiguous()
        if isinstance(hidden, tuple):
            hidden = tuple(h.float().expand(-1, batch, -1).contiguous() for h in hidden)
        else:
            hidden = hidden.float().expand(-1, batch, -1).contiguous()
        return logits, _split_hidden(hidden, cpu.config.cell)

    @torch.inference_mode()
    def stream(self, config: SampleConfig, stop=None, probabilities: bool = True) -> Iterator[Token]:
        """Yield symbols as they are generated (for several samples, interleaved
        step by step). Ends after ``config.length`` symbols per sample, at a stop
        string, or when ``stop`` (a core.control.Control, or a threading.Event) is set.
        ``probabilities=False`` (a terminal that prints only the text) skips the
        bookkeeping nobody would see: tokens then carry a probability of NaN."""
        cfg = config
        ids, _ = self.encode_prime(cfg.prime, cfg.unknown)
        if not ids:
            ids = [self._start_id()]
        batch, vocab = cfg.num_samples, self.tokenizer.vocab_size
        gen = torch.Generator().manual_seed(cfg.seed if cfg.seed is not None else
                                            int(torch.randint(0, 2**62, (1,)).item()))
        logits, state = self._prime_state(ids, batch)
        window = cfg.repetition_window if cfg.repetition_penalty > 1 else 0
        recent = torch.tensor(ids[-window:], dtype=torch.long).expand(batch, -1).clone() if window else None
        filters = [_StopFilter(cfg.stop) for _ in range(batch)]
        alive = [True] * batch
        symbols = self.tokenizer.symbols
        symbol = self.tokenizer.symbol
        unk = self.tokenizer.unk_id
        never = None
        if unk is not None:  # "some rare symbol" is no text: never write it
            never = torch.zeros(vocab)
            never[unk] = float("-inf")
        rows = torch.arange(batch)
        no_probs = [math.nan] * batch
        for _ in range(cfg.length):
            if stop is not None and stop.is_set():
                return
            probs = torch.softmax(logits, -1) if probabilities else None
            if never is not None:
                logits = logits + never
            choice = self._choose(logits, recent, cfg, gen)
            chosen_p = probs[rows, choice].tolist() if probabilities else no_probs
            alts = None
            if cfg.alternatives and probabilities:
                top_p, top_i = probs.topk(min(cfg.alternatives, vocab), -1)
                alts = (top_p.tolist(), top_i.tolist())
            for b, i in enumerate(choice.tolist()):
                if not alive[b]:
                    continue
                text = symbols[i] if i < len(symbols) else symbol(i)
                alternatives = tuple((symbol(j), p) for p, j in zip(alts[0][b], alts[1][b])) if alts else ()
                for piece in filters[b].push((text, chosen_p[b], alternatives)):
                    yield Token(b, *piece)
                if filters[b].done:
                    alive[b] = False
            if not any(alive):
                return
            if recent is not None:
                recent = torch.cat([recent[:, 1:] if recent.shape[1] >= window else recent,
                                    choice[:, None]], 1)
            logits = self.stepper.step(choice, state)
        for b in range(batch):
            if alive[b]:
                for piece in filters[b].flush():
                    yield Token(b, *piece)

    @staticmethod
    def _choose(logits: torch.Tensor, recent: torch.Tensor | None, cfg: SampleConfig,
                gen: torch.Generator) -> torch.Tensor:
        if recent is not None and recent.numel():
            # CTRL's penalty: shrink the logits of recently used symbols.
            seen = torch.zeros_like(logits, dtype=torch.bool).scatter_(1, recent, True)
            penalised = torch.where(logits > 0, logits / cfg.repetition_penalty, logits * cfg.repetition_penalty)
            logits = torch.where(seen, penalised, logits)
        if cfg.temperature == 0:
            return logits.argmax(-1)
        logits = logits / cfg.temperature
        if cfg.top_k and cfg.top_k < logits.shape[-1]:
            kth = logits.topk(cfg.top_k, -1).values[:, -1:]
            logits = logits.masked_fill(logits < kth, float("-inf"))
        probs = torch.softmax(logits, -1)
        if cfg.top_p < 1:
            # the likeliest few usually hold top_p already: sort those, not the whole vocabulary
            k = min(probs.shape[-1], _TOP_P_FIRST)
            sorted_p, order = probs.topk(k, -1) if k < probs.shape[-1] else probs.sort(-1, descending=True)
            if k < probs.shape[-1] and bool((sorted_p.sum(-1) < cfg.top_p).any()):
                sorted_p, order = probs.sort(-1, descending=True)
            drop = sorted_p.cumsum(-1) - sorted_p >= cfg.top_p  # keep the smallest set reaching top_p
            sorted_p = sorted_p.masked_fill(drop, 0)
            pick = torch.multinomial(sorted_p, 1, generator=gen)
            return order.gather(1, pick).squeeze(1)
        return torch.multinomial(probs, 1, generator=gen).squeeze(1)

    def generate(self, config: SampleConfig) -> list[str]:
        """All samples as whole strings."""
        out = [[] for _ in range(config.num_samples)]
        for tok in self.stream(config):
            out[tok.sample].append(tok.text)
        return ["".join(parts) for parts in out]
