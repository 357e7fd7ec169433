"""Streaming text generation.

The prime runs once through the fused network; after that each new symbol
costs one recurrent step on the carried hidden state (never a re-run over a
window), in numpy on fused weights (core/model/stepper.py: torch's per-call cost is
larger than the arithmetic of one step). Choosing the symbol works on the
step's own array: temperature, top-k by partition, top-p over the few likeliest
(sorted only when they do not reach p), and one uniform draw; the probabilities
at temperature 1 are computed only when asked for (the app shows them; a
terminal does not). With the compiled step (kernels.py), choosing and stepping run
together in calls of up to 256 steps and some 20 ms (compiled.generate), the draws taken
before each call, so a symbol costs no Python at all but handing out its text.
"""
from __future__ import annotations

import math
import time
from collections.abc import Iterator
from typing import NamedTuple

import numpy as np
import torch

from ..config import SampleConfig
from ..errors import UnknownSymbols
from .network import CharRNN
from . import kernels
from .stepper import Stepper
from ..data.tokenizer import Tokenizer

_TOP_P_FIRST = 64       # top-p looks at the 64 likeliest symbols first, and sorts them all only if needed
# From this many symbols in one generation the compiled step (kernels.py) is used: loading
# numba and its cached code costs about half a second once per process, which the ~60 µs it
# saves a symbol repays after some 8,000 (bench/bench_speed.py); once loaded it serves every
# generation of the process. Its first use on a machine also compiles it (seconds, once).
COMPILED_FROM = 8000


class Token(NamedTuple):   # a named tuple: made for every symbol, at a third of a frozen dataclass's cost
    sample: int                                  # which of the batch's samples
    text: str
    prob: float                                  # the model's probability of it (temperature 1)
    alternatives: tuple[tuple[str, float], ...]  # the most likely symbols at this position


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
        # The prime runs through the fused network on the CPU: batch-1 sampling is
        # faster there than on a GPU, and the sampler must not disturb training.
        if next(model.parameters()).device.type == "cpu":
            self._cpu_model = model
        else:
            self._cpu_model = CharRNN(model.config)
            self._cpu_model.load_state_dict({k: v.cpu() for k, v in model.state_dict().items()})
        # the weights as they are now, fused (training may go on changing the model's own)
        self._stepper = Stepper(self._cpu_model, 1, int8=False)   # int8 only when a generation asks (stepper())
        self._name_array = None

    @classmethod
    def from_bundle(cls, bundle) -> "Sampler":
        return cls(bundle.build_model("cpu"), bundle.tokenizer)

    def stepper(self, batch: int = 1, compiled: bool = False, parallel: bool = False,
                int8: bool | None = None) -> Stepper:
        """A stepper of its own over the sampler's weights; ``int8``: the products' weights (None:
        as kernels.int8 says now)."""
        return self._stepper.with_batch(batch, compiled, parallel, kernels.int8() if int8 is None else int8)

    def _names(self) -> np.ndarray:
        """id -> the symbol's text, as an array of str (a whole call's alternatives at one look-up)."""
        if self._name_array is None:
            tok = self.tokenizer
            names = np.empty(tok.vocab_size, dtype=object)
            names[:len(tok.symbols)] = tok.symbols
            names[len(tok.symbols):] = [tok.symbol(i) for i in range(len(tok.symbols), tok.vocab_size)]
            self._name_array = names
        return self._name_array

    def encode_prime(self, text: str, unknown: str = "error") -> tuple[list[int], list[str]]:
        """Ids of the prime and the symbols skipped. Raises UnknownSymbols for
        ``unknown="error"`` when the model lacks a symbol and has no unknown id."""
        missing = self.tokenizer.unknown_symbols(text)
        if missing and unknown == "error":
            raise UnknownSymbols(symbols=" ".join(repr(s) for s in missing[:20]))
        ids = self.tokenizer.encode(text, unknown="skip")
        return [int(i) for i in ids], missing

    @torch.inference_mode()
    def _prime(self, ids: list[int], batch: int, compiled: bool, parallel: bool,
               int8: bool | None = None) -> tuple[np.ndarray, Stepper]:
        """Logits (B, V) after the prime, and a stepper carrying the state it left."""
        cpu = self._cpu_model
        was_training = cpu.training
        cpu.eval()
        logits, hidden = cpu(torch.tensor([ids], dtype=torch.long))
        cpu.train(was_training)
        if isinstance(hidden, tuple):
            hidden = tuple(h.float().expand(-1, batch, -1) for h in hidden)
        else:
            hidden = hidden.float().expand(-1, batch, -1)
        stepper = self.stepper(batch, compiled, parallel, int8)
        stepper.set_state(hidden)
        return np.repeat(logits[:, -1].float().numpy(), batch, axis=0), stepper

    def stream(self, config: SampleConfig, stop=None, probabilities: bool = True,
               parallel: bool = False) -> Iterator[Token]:
        """Yield symbols as they are generated (for several samples, interleaved
        step by step). Ends after ``config.length`` symbols per sample, at a stop
        string, or when ``stop`` (a core.control.Control, or a threading.Event) is set.
        ``probabilities=False`` (a terminal that prints only the text) skips the
        bookkeeping nobody would see: tokens then carry a probability of NaN. ``parallel`` uses the
        cores kernels.use_cores gave (a product's rows shared among them, or several samples split
        among them: Stepper._split): only for a process with the machine to itself, as the
        command line's sample."""
        cfg = config
        ids, _ = self.encode_prime(cfg.prime, cfg.unknown)
        if not ids:
            ids = [start_id(self.tokenizer)]
        batch, vocab = cfg.batch, self.tokenizer.vocab_size
        rng = np.random.default_rng(cfg.seed)
        compiled = kernels.loaded() or (cfg.length * batch >= COMPILED_FROM and kernels.wanted())
        # temperature 0 keeps float32 products: the exports (web page, ONNX) promise the command
        # line's greedy text, and the arg-max of a greedy chain parts at the first near tie
        greedy = not any(cfg.row_temperatures())
        logits, stepper = self._prime(ids, batch, compiled, parallel, False if greedy else None)
        n_alt = min(cfg.alternatives, vocab) if probabilities else 0
        if stepper.compiled is not None and not _compiled_works(stepper, cfg, vocab, n_alt, probabilities):
            stepper.compiled, stepper.parallel = None, False   # its state is the same buffers: numpy goes on
        choose = _Chooser(cfg, vocab, self.tokenizer.unk_id, ids, batch, rng, stepper.compiled)
        shown = _Shown(stepper.compiled, batch, vocab, n_alt, self._names()) if probabilities else None
        if _chunked(stepper, choose):
            steps = _chunks(stepper, choose, shown, logits, cfg.length, stop)
        else:
            steps = _one_by_one(stepper, choose, shown, logits, cfg.length, stop)
        symbols = self.tokenizer.symbols
        symbol = self.tokenizer.symbol
        if batch == 1 and not cfg.stop and not probabilities:   # one sample, text only: the shortest path
            for choice, _, _ in steps:
                i = choice[0]
                yield Token(0, symbols[i] if i < len(symbols) else symbol(i), math.nan, ())
            return
        if not cfg.stop:   # no stop string, so nothing is held back: each symbol as it comes
            for choice, chosen_p, alts in steps:
                for b, i in enumerate(choice):
                    yield Token(b, symbols[i] if i < len(symbols) else symbol(i),
                                math.nan if chosen_p is None else chosen_p[b], alts[b] if alts else ())
            return
        filters = [_StopFilter(cfg.stop) for _ in range(batch)]
        alive = [True] * batch
        taken = 0
        for choice, chosen_p, alts in steps:
            taken += 1
            for b, i in enumerate(choice):
                if not alive[b]:
                    continue
                text = symbols[i] if i < len(symbols) else symbol(i)
                alternatives = alts[b] if alts else ()
                for piece in filters[b].push((text, math.nan if chosen_p is None else chosen_p[b], alternatives)):
                    yield Token(b, *piece)
                if filters[b].done:
                    alive[b] = False
            if not any(alive):
                return
        if taken < cfg.length:   # stopped (the event) before the end: what is held back is not shown
            return
        for b in range(batch):
            if alive[b]:
                for piece in filters[b].flush():
                    yield Token(b, *piece)

    def generate(self, config: SampleConfig, parallel: bool = False) -> list[str]:
        """All samples as whole strings."""
        out = [[] for _ in range(config.batch)]
        for tok in self.stream(config, probabilities=False, parallel=parallel):
            out[tok.sample].append(tok.text)
        return ["".join(parts) for parts in out]


def start_id(tokenizer: Tokenizer) -> int:
    """The symbol an empty prime starts after: as if after a paragraph break, else after the
    commonest symbol (the web page starts from the same one)."""
    for start in ("\n", " "):
        if tokenizer.id_of(start) is not None:
            return tokenizer.id_of(start)
    counts = tokenizer.counts
    return max(range(len(counts)), key=counts.__getitem__) if counts else 0


# Steps a compiled call takes at once (compiled.generate): the first call a few, so the first
# symbols show at once; then twice as many a call, up to CHUNK_MOST (some 15 ms of a 2x256 LSTM)
# and no more than the last call's pace fits in CHUNK_SECONDS: a call's symbols reach the window
# together, after it, so a big model's text would otherwise come in lumps seconds apart
CHUNK_FIRST, CHUNK_MOST, CHUNK_SECONDS = 8, 256, 0.02


def _chunked(stepper: Stepper, choose: "_Chooser") -> bool:
    """Whether the generation runs in compiled calls of many steps (compiled.generate): with the
    compiled step and no repetition penalty (which remembers symbols in Python)."""
    return stepper.compiled is not None and choose.recent is None


def _one_by_one(stepper: Stepper, choose: "_Chooser", shown, logits, length: int, stop):
    """Each step's (symbols, their probabilities or None, the likeliest or None: a row's
    ((symbol, probability), ...)), a call each."""
    rows = np.arange(stepper.batch)
    for _ in range(length):
        if stop is not None and stop.is_set():
            return
        probs = shown(logits) if shown is not None else None
        choice = choose(logits)
        yield (choice.tolist(), probs[rows, choice].tolist() if shown is not None else None,
               shown.top(probs, shown.n_top) if shown is not None and shown.n_top else None)
        logits = stepper.step(choice)


def _chunks(stepper: Stepper, choose: "_Chooser", shown, logits, length: int, stop):
    """What _one_by_one yields, from compiled calls of many steps each: the same draws in the same
    order, so the same symbols (tests/core/test_sample.py)."""
    batch = stepper.batch
    n_top = -1 if shown is None else shown.n_top
    width = max(n_top, 1)
    probs = shown.probs if shown is not None else np.empty((batch, 1), dtype=np.float32)
    np.copyto(stepper.logits, logits)   # the prime's logits, where the step writes its own
    done, size = 0, CHUNK_FIRST
    while done < length:
        if stop is not None and stop.is_set():
            return
        n = min(size, length - done)
        ids = np.empty((n, batch), dtype=np.int64)
        chosen = np.empty((n, batch), dtype=np.float32)
        top_ids = np.zeros((n, batch, width), dtype=np.int64)
        top_probs = np.zeros((n, batch, width), dtype=np.float32)
        began = time.perf_counter()
        stepper.run(choose.pick(n) + (n_top, probs, chosen, top_ids, top_probs), ids)
        pace = (time.perf_counter() - began) / n
        chosen_rows = chosen.tolist() if shown is not None else [None] * n
        if n_top > 0:   # the symbols' texts looked up for the whole call at once: a Python loop a
            names, values = shown.names[top_ids].tolist(), top_probs.tolist()   # symbol cost the app 10 us
        for t, choice in enumerate(ids.tolist()):
            if stop is not None and stop.is_set():
                return
            yield choice, chosen_rows[t], [tuple(zip(*row)) for row in zip(names[t], values[t])] if n_top > 0 else None
        done += n
        size = max(1, min(2 * size, CHUNK_MOST, int(CHUNK_SECONDS / max(pace, 1e-9))))


def _compiled_works(stepper: Stepper, cfg: SampleConfig, vocab: int, n_alt: int, probabilities: bool) -> bool:
    """Runs each kernel this generation will call once, on scratch buffers, so that compiling
    them (or loading them from numba's cache) happens here, where a failure can still fall back
    to numpy without having touched the generation's state."""
    try:
        probe = stepper.with_batch(stepper.batch, None, stepper.parallel)   # same weights, own buffers
        choose = _Chooser(cfg, vocab, 0, [], stepper.batch, np.random.default_rng(0), stepper.compiled)
        # a generation split into parts (Stepper._split) steps only through compiled.generate: its
        # probe steps without step_parallel too, which is then neither compiled nor loaded
        single = probe.with_batch(probe.batch, None, False) if probe.parts and _chunked(probe, choose) else probe
        logits = np.ascontiguousarray(single.step(np.zeros(stepper.batch, dtype=np.int64)))
        _Chooser(cfg, vocab, None, [], stepper.batch, np.random.default_rng(0), stepper.compiled)(logits)
        _Chooser(cfg, vocab, 0, [], stepper.batch, np.random.default_rng(0), stepper.compiled)(logits)
        _Shown(stepper.compiled, stepper.batch, vocab, n_alt, np.empty(vocab, dtype=object))(logits)
        if _chunked(probe, choose):   # compiled.generate too, as this generation will call it
            shown = _Shown(stepper.compiled, stepper.batch, vocab, n_alt, np.empty(vocab, dtype=object)) \
                if probabilities else None
            for _ in _chunks(probe, choose, shown, logits, 1, None):
                pass
        return True
    except Exception:
        kernels.disable("the compiled generation step")
        return False


class _Shown:
    """The probabilities at temperature 1 and the likeliest symbols of each step, which the app
    shows on hover: compiled in one call where the step is, else in numpy."""

    def __init__(self, compiled, batch: int, vocab: int, n_top: int, names: np.ndarray):
        self.compiled, self.n_top = compiled, n_top
        self.names = names   # id -> the symbol's text (an array of str objects)
        self.probs = np.empty((batch, vocab), dtype=np.float32)
        self.ids = np.zeros((batch, max(n_top, 1)), dtype=np.int64)
        self.values = np.zeros((batch, max(n_top, 1)), dtype=np.float32)

    def __call__(self, logits: np.ndarray) -> np.ndarray:
        if self.compiled is None:
            return _softmax(logits)
        self.compiled.probabilities(logits, self.n_top, self.probs, self.ids, self.values)
        return self.probs

    def top(self, probs: np.ndarray, n: int) -> list[tuple[tuple[str, float], ...]]:
        """Each row's n likeliest, likeliest first: ((symbol, probability), ...)."""
        if self.compiled is None:
            return [tuple((self.names[i], p) for i, p in row) for row in _top(probs, n)]
        return [tuple(zip(self.names[i].tolist(), p)) for i, p in zip(self.ids, self.values.tolist())]


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    e /= e.sum(axis=-1, keepdims=True)
    return e


def _top(probs: np.ndarray, n: int) -> list[list[tuple[int, float]]]:
    """The n likeliest (id, probability) of each row, likeliest first."""
    out = []
    for row in probs:
        idx = np.argpartition(-row, n - 1)[:n] if n < row.shape[0] else np.arange(row.shape[0])
        idx = idx[np.argsort(-row[idx], kind="stable")]
        out.append(list(zip(idx.tolist(), row[idx].tolist())))
    return out


class _Chooser:
    """Picks the next symbol of each row from the logits: repetition penalty, temperature (one a
    row: "compare temperatures" runs them as one batch), top-k, top-p, then one uniform draw
    against the cumulative probabilities. A step draws one number a row (none when every row
    is greedy), in both paths, so they pick the same symbols; rows that differ only in their
    temperature share one draw a step, so each row writes what one sample at its temperature
    with the same seed would."""

    def __init__(self, cfg: SampleConfig, vocab: int, unk: int | None, prime: list[int], batch: int, rng,
                 compiled=None):
        self.cfg, self.rng = cfg, rng
        self.compiled = compiled   # kernels' compiled module: the same choice in one call per step
        self.unk = None if cfg.write_unknown else unk   # "some rare symbol" is no text: not written unless asked
        self.window = cfg.repetition_window if cfg.repetition_penalty > 1 else 0
        self.recent = [list(prime[-self.window:]) for _ in range(batch)] if self.window else None
        self.buffer = np.empty((batch, vocab), dtype=np.float32)
        self.ids = np.empty(batch, dtype=np.int64)
        temps = cfg.row_temperatures()
        temps = (temps * batch)[:batch]   # one temperature may serve several rows
        # 1/T a row; 0 marks a greedy row (temperature 0)
        self.scales = np.array([1 / t if t else 0.0 for t in temps], dtype=np.float32)
        self.greedy = not self.scales.any()
        self.shared = bool(cfg.temperatures)

    def _draws(self, rows: int) -> np.ndarray:
        return np.full(rows, self.rng.random()) if self.shared else self.rng.random(rows)

    def pick(self, steps: int) -> tuple:
        """compiled.generate's arguments for choosing over ``steps`` steps, with their draws taken
        now, the same numbers in the same order as ``steps`` calls of this chooser take them."""
        rows = self.buffer.shape[0]
        if self.greedy:
            draws = np.zeros((steps, rows))
        elif self.shared:
            draws = np.repeat(self.rng.random(steps)[:, None], rows, axis=1)
        else:
            draws = self.rng.random((steps, rows))
        return (self.buffer, self.scales, self.cfg.top_k, float(self.cfg.top_p),
                -1 if self.unk is None else self.unk, self.greedy, draws)

    def __call__(self, logits: np.ndarray) -> np.ndarray:
        x = self.buffer
        if self.compiled is not None:
            return self._compiled(logits)
        np.copyto(x, logits)
        if self.unk is not None:
            x[:, self.unk] = -np.inf
        if self.recent is not None:
            self._penalise(x)
        choice = self.ids
        if self.greedy:
            np.argmax(x, axis=-1, out=choice)
        else:
            draws = self._draws(x.shape[0])
            for b in range(x.shape[0]):
                choice[b] = self._row(x[b], self.scales[b], draws[b]) if self.scales[b] else np.argmax(x[b])
        self._remember(choice)
        return choice

    def _compiled(self, logits: np.ndarray) -> np.ndarray:
        cfg, k, x, choice = self.cfg, self.compiled, self.buffer, self.ids
        unk = -1 if self.unk is None else self.unk
        if self.recent is not None:
            np.copyto(x, logits)
            self._penalise(x)
            logits = x
        if self.greedy:
            k.argmax(logits, unk, choice)
        else:
            k.choose(logits, x, self.scales, cfg.top_k, float(cfg.top_p), unk, self._draws(x.shape[0]), choice)
        self._remember(choice)
        return choice

    def _penalise(self, x: np.ndarray) -> None:
        for b, seen in enumerate(self.recent):
            # CTRL's penalty: shrink the logits of recently used symbols
            idx = np.unique(np.asarray(seen, dtype=np.int64))
            v = x[b, idx]
            x[b, idx] = np.where(v > 0, v / self.cfg.repetition_penalty, v * self.cfg.repetition_penalty)

    def _remember(self, choice: np.ndarray) -> None:
        if self.recent is not None:
            for b, i in enumerate(choice.tolist()):
                seen = self.recent[b]
                seen.append(i)
                if len(seen) > self.window:
                    del seen[0]

    def _row(self, x: np.ndarray, scale, draw) -> int:
        cfg = self.cfg
        draw = np.float32(draw)   # float32 arithmetic with the masses, as in the compiled chooser
        v = x.shape[0]
        x *= scale
        if cfg.top_k and cfg.top_k < v:
            kth = np.partition(x, v - cfg.top_k)[v - cfg.top_k]
            x[x < kth] = -np.inf
        x -= x.max()
        p = np.exp(x, out=x)
        if cfg.top_p < 1:
            if v <= 4 * _TOP_P_FIRST:   # a small alphabet: likeliest first, ties by index, as compiled.nucleus
                total = np.cumsum(p)[-1]   # summed in index order, one float32 at a time, as there
                order = np.argsort(-p, kind="stable")
                mass = np.cumsum(p[order])
            else:   # the likeliest few usually hold top_p already: sort those, not the whole vocabulary
                total = p.sum()
                order = np.argpartition(p, v - _TOP_P_FIRST)[v - _TOP_P_FIRST:]
                order = order[np.argsort(p[order])[::-1]]
                mass = np.cumsum(p[order])
                if mass[-1] < np.float32(cfg.top_p) * total:
                    order = np.argsort(p)[::-1]
                    mass = np.cumsum(p[order])
            keep = min(int(np.searchsorted(mass, np.float32(cfg.top_p) * total)) + 1, v)   # the smallest set reaching p
            keep = min(keep, mass.shape[0])
            while keep > 1 and mass[keep - 1] == mass[keep - 2]:   # never a symbol that adds nothing (a
                keep -= 1                                          # draw of 1.0 at top-p 1.0 would pick it)
            j = int(np.searchsorted(mass, draw * mass[keep - 1], side="right"))
            return int(order[min(j, keep - 1)])
        mass = np.cumsum(p)
        j = int(np.searchsorted(mass, draw * mass[-1], side="right"))
        if j >= v:
            # a draw a hair below 1 rounds up to the whole mass: then the last symbol with any
            # probability, not the last id (that is the unknown symbol, "�", which appeared so)
            j = int(np.flatnonzero(p)[-1])
        return j
