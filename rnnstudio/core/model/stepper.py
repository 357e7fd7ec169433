"""One recurrent step at a time, for generation, in numpy on fused fp32 weights.

Generating symbol by symbol is a chain of small matrix-vector products; through torch
each small operation costs several microseconds of dispatch, more than its arithmetic,
and torch's batch-1 product ran at half the speed of numpy's BLAS here (2×256 LSTM:
61 µs against 28 µs for a 1024×512 product). So, per layer, one product over
[input, h, 1] against the weights [W_ih | W_hh | b] (the bias rides on the constant 1),
written straight into preallocated buffers; layer 0 looks its input product up in a
table (embedding @ W_ih + b, one row per symbol). The LSTM's and GRU's sigmoid rows
are stored halved, so one tanh over all gates serves both: sigmoid(x) = (tanh(x/2) + 1) / 2.

What is left is the memory traffic of the weights themselves: the products of a 2×256
LSTM read 3 MB a step, which bounds the rate on a given CPU (bench/bench_speed.py
measures that bound beside the sampler). Where numba is installed, the whole step runs as
one compiled call over the same buffers (kernels.py); the numpy step below is the reference
it is tested against and the path without numba.
"""
from __future__ import annotations

import copy
from concurrent import futures

import numpy as np

from . import kernels, quantize

TABLE_LIMIT = 1 << 22   # layer 0's input products are tabulated up to this many floats
GEMV_ROWS = 4           # up to this many sequences, a matrix-vector product each (see _product)


def _np(t) -> np.ndarray:
    return t.detach().to("cpu").float().numpy().astype(np.float32, copy=True)


def _log_softmax(x: np.ndarray) -> np.ndarray:
    x = x - x.max(axis=-1, keepdims=True)
    return x - np.log(np.exp(x).sum(axis=-1, keepdims=True))


class _AdaptiveHead:
    """nn.AdaptiveLogSoftmaxWithLoss.log_prob, in numpy: exact log-probabilities by id."""

    def __init__(self, head, rank):
        self.shortlist = head.shortlist_size
        self.cutoffs = list(head.cutoffs)
        self.head_w = _np(head.head.weight)
        self.head_b = _np(head.head.bias) if head.head.bias is not None else None
        self.tails = [(_np(t[0].weight), _np(t[1].weight)) for t in head.tail]
        self.rank = rank.detach().cpu().numpy().astype(np.int64)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        h = x @ self.head_w.T
        if self.head_b is not None:
            h += self.head_b
        head = _log_softmax(h)
        out = np.empty((x.shape[0], self.cutoffs[-1]), dtype=np.float32)
        out[:, :self.shortlist] = head[:, :self.shortlist]
        for i, (w1, w2) in enumerate(self.tails):
            start, stop = self.cutoffs[i], self.cutoffs[i + 1]
            out[:, start:stop] = _log_softmax((x @ w1.T) @ w2.T) + head[:, self.shortlist + i, None]
        return out[:, self.rank]


class Stepper:
    """Carries the hidden state of ``batch`` sequences and advances them one symbol a step."""

    def __init__(self, model, batch: int = 1, compiled: bool = False, int8: bool | None = None):
        c = model.config
        self.cell, self.layers, self.batch = c.cell, c.layers, batch
        n = self.hidden_size = c.hidden_size
        sd = {k: _np(v) for k, v in model.state_dict().items()}
        gates = {"lstm": 4, "gru": 3}.get(c.cell, 1)
        order = np.arange(gates * n)
        halve = np.ones(gates * n, dtype=np.float32)
        if c.cell == "lstm":
            # torch keeps i, f, g, o; here i, f, o, g, with the three sigmoid rows halved
            order = np.concatenate([np.arange(0, 2 * n), np.arange(3 * n, 4 * n), np.arange(2 * n, 3 * n)])
            halve[:3 * n] = 0.5
        elif c.cell == "gru":
            halve[:2 * n] = 0.5   # r, z; the candidate n keeps its scale
        self.w, self.w_in = [], []   # per layer: [W_ih | W_hh | b] (LSTM, RNN) or W_hh with b_hh (GRU)
        emb = sd["emb.weight"]
        for k in range(c.layers):
            w_ih = sd[f"rnn.weight_ih_l{k}"][order] * halve[:, None]
            w_hh = sd[f"rnn.weight_hh_l{k}"][order] * halve[:, None]
            b_ih = sd[f"rnn.bias_ih_l{k}"][order] * halve
            b_hh = sd[f"rnn.bias_hh_l{k}"][order] * halve
            if c.cell == "gru":   # r gates W_hn·h + b_hn, so the hidden product stays apart
                self.w_in.append(np.hstack([w_ih, b_ih[:, None]]))
                self.w.append(np.ascontiguousarray(np.hstack([w_hh, b_hh[:, None]])))
            else:
                self.w_in.append(np.hstack([w_ih, (b_ih + b_hh)[:, None]]))
                self.w.append(np.ascontiguousarray(np.hstack([w_ih, w_hh, (b_ih + b_hh)[:, None]])))
        # layer 0's input product, one row per symbol (or the embedding, when too large)
        self.table = None
        if emb.shape[0] * gates * n <= TABLE_LIMIT:
            w = self.w_in[0]
            self.table = np.ascontiguousarray(emb @ w[:, :-1].T + w[:, -1])
        self.emb = emb
        self.w_in = [np.ascontiguousarray(w) for w in self.w_in]
        if c.cell != "gru":
            # layer 0 adds its input product from the table (or the embedding's own product):
            # its z is [h | 1] against [W_hh | b], the bias kept here only when no table holds it
            self.w[0] = np.ascontiguousarray(self.w[0][:, emb.shape[1]:])
            if self.table is not None:
                self.w[0][:, -1] = 0.0
        self.adaptive = _AdaptiveHead(model.head, model.rank) if model.adaptive else None
        if self.adaptive is not None:   # for compiled.adaptive_head: the head's bias rides on [h | 1]
            ah = self.adaptive
            bias = ah.head_b if ah.head_b is not None else np.zeros(ah.head_w.shape[0], dtype=np.float32)
            self._adaptive_weights = (np.ascontiguousarray(np.hstack([ah.head_w, bias[:, None]])),
                                      tuple(np.ascontiguousarray(w1) for w1, _ in ah.tails),
                                      tuple(np.ascontiguousarray(w2) for _, w2 in ah.tails))
        else:
            self.head = np.ascontiguousarray(np.hstack([sd["head.weight"], sd["head.bias"][:, None]]))
        # the float32 weights, kept whatever the precision of a stepper made from this one; the
        # int8 ones, made at the first use and shared by every stepper made from this one
        self._float = (self.w, self.w_in, self.head if self.adaptive is None else None)
        self._shared: dict = {}
        self._precision(kernels.int8() if int8 is None else int8)   # None: as kernels.int8 says now
        self.compiled = kernels.get() if compiled else None
        self.parallel = False   # several cores: a product's rows shared among numba's threads, or with
                                # two samples a thread or more, the samples split among threads (_split)
        self.threads = 1        # ... among how many (read once, not at every step)
        self.parts: tuple = ()  # or a stepper a thread, each over some of the rows (see _split)
        self.rows = (0, batch)  # the rows of the stepper it is part of
        # the compiled layers take every array every time: empty ones stand for "none"
        self._no_table = np.zeros((0, gates * n), dtype=np.float32)
        self._buffers()

    def with_batch(self, batch: int, compiled: bool | None = None, parallel: bool = False,
                   int8: bool | None = None) -> "Stepper":
        """The same weights (shared, not copied) for ``batch`` sequences, with their own state
        (so two generations from one sampler never share a hidden state); ``compiled`` chooses
        the step and ``int8`` the products' weights (None: as this one), ``parallel`` shares its
        products among the cores."""
        other = copy.copy(self)
        other.batch = batch
        if int8 is not None:
            other._precision(int8)
        if compiled is not None:
            other.compiled = kernels.get() if compiled else None
        other.parallel = parallel and other.compiled is not None
        other.threads = kernels.threads() if other.parallel else 1
        other.rows = (0, batch)
        other._buffers()
        other.parts = other._split() if other.threads > 1 else ()
        return other

    def _precision(self, int8: bool) -> None:
        """int8 weights (quantize.py) or float32 for the products of the layers and of a plain
        head: the compiled step takes the int8 rows (self.int8_rows: each layer's, each GRU input
        product's, the head's; None for a product that stays float32), the numpy step the float32
        weights they stand for, against inputs rounded as the compiled step rounds them."""
        self.int8 = int8
        if not int8:
            self.w, self.w_in, head = self._float
            self.int8_rows = None
        else:
            if "int8" not in self._shared:
                w, w_in, head = self._float
                gru = self.cell == "gru"
                layers = [quantize.rows(m) for m in w]
                inputs = [None] + [quantize.rows(m) for m in w_in[1:]] if gru else [None] * len(w)
                top = quantize.rows(head) if head is not None else None
                self._shared["int8"] = (
                    [quantize.dequantized(r, m.shape[1] - 1) for r, m in zip(layers, w)],
                    [m if r is None else quantize.dequantized(r, m.shape[1] - 1) for r, m in zip(inputs, w_in)],
                    None if top is None else quantize.dequantized(top, head.shape[1] - 1),
                    [*layers, *inputs, top])
            self.w, self.w_in, head, self.int8_rows = self._shared["int8"]
        if head is not None:
            self.head = head

    def _split(self) -> tuple:
        """Where every thread would get two sequences or more: a stepper a thread, each over its
        own rows of this one's buffers (views: the state stays this stepper's), edges on even
        rows so each pair of sequences is the pair a serial step makes (the same sums, the same
        text). Such a thread runs whole steps of its own and waits for no other; sharing each
        product's rows instead waits for the slowest thread twice a layer, and a pair costs
        about what one sequence does (the weights are read once for both)."""
        if self.batch < 2 * self.threads:
            return ()
        edges = [self.batch * i // self.threads // 2 * 2 for i in range(self.threads)] + [self.batch]
        return tuple(self._part(lo, hi) for lo, hi in zip(edges, edges[1:]))

    def _part(self, lo: int, hi: int) -> "Stepper":
        part = copy.copy(self)
        part.batch, part.parallel, part.threads, part.parts, part.rows = hi - lo, False, 1, (), (lo, hi)
        part.z = [z[lo:hi] for z in self.z]
        part.top, part.a, part.logits = self.top[lo:hi], self.a[lo:hi], self.logits[lo:hi]
        part.t1, part.t2 = self.t1[lo:hi], self.t2[lo:hi]
        part.zq, part.zscale = self.zq[lo:hi], self.zscale[lo:hi]
        if self.cell == "gru":
            part.x = [None] + [x[lo:hi] for x in self.x[1:]]
            part.gi = self.gi[lo:hi]
        if self.c is not None:
            part.c = [c[lo:hi] for c in self.c]
        part._args()
        return part

    def _buffers(self) -> None:
        b, n, L = self.batch, self.hidden_size, self.layers
        gates = self.w[0].shape[0]
        ins = [self.emb.shape[1]] + [n] * (L - 1)
        # z[k] = [input | h_k | 1]; layer 0's input part is empty (its input product comes from the table)
        self.z = []
        for k in range(L):
            width = (0 if k == 0 else ins[k]) + n + 1
            if self.cell == "gru":
                width = n + 1
            z = np.zeros((b, width), dtype=np.float32)
            z[:, -1] = 1.0
            self.z.append(z)
        if self.cell == "gru":   # its input products: [input | 1] for layers above 0
            self.x = [None] + [np.concatenate([np.zeros((b, n), np.float32), np.ones((b, 1), np.float32)], 1)
                               for _ in range(1, L)]
            self.gi = np.empty((b, gates), dtype=np.float32)
        self.top = np.zeros((b, n + 1), dtype=np.float32)   # [h of the last layer | 1] for the head
        self.top[:, -1] = 1.0
        self.a = np.empty((b, gates), dtype=np.float32)
        self.c = [np.zeros((b, n), dtype=np.float32) for _ in range(L)] if self.cell == "lstm" else None
        self.t1 = np.empty((b, n), dtype=np.float32)
        self.t2 = np.empty((b, n), dtype=np.float32)
        vocab = self.head.shape[0] if self.adaptive is None else self.adaptive.rank.shape[0]
        self.logits = np.empty((b, vocab), dtype=np.float32)
        # the int16 inputs of the int8 products, one product at a time (compiled.quantize)
        widest = 0 if self.int8_rows is None else max(r.q.shape[1] for r in self.int8_rows if r is not None)
        self.zq = np.zeros((b, widest), dtype=np.int16)
        self.zscale = np.zeros(b, dtype=np.float32)
        self._args()

    def _args(self) -> None:
        """The compiled calls' arguments over this stepper's buffers."""
        b, n, L = self.batch, self.hidden_size, self.layers
        # what the compiled step takes, built once: one array a layer in each tuple (any array of
        # the same kind where a cell has no such part), the head empty when numpy computes it
        none = np.zeros((0, 0), dtype=np.float32)
        code = {"lstm": kernels.LSTM, "gru": kernels.GRU}.get(self.cell, kernels.RNN)
        self._compiled_args = (
            code, self.cell == "rnn_relu", tuple(self.w), tuple(self.w_in), tuple(self.z),
            (self.top,) + tuple(self.x[1:]) if self.cell == "gru" else (self.top,) * L,
            tuple(self.c) if self.c is not None else (none,) * L,
            self.a, self.gi if self.cell == "gru" else none, self.top,
            self.head if self.adaptive is None else np.zeros((0, n + 1), dtype=np.float32),
            self.logits if self.adaptive is None else np.zeros((b, 0), dtype=np.float32),
            self.table if self.table is not None else self._no_table, self.emb, self._quant())
        # compiled.adaptive_head's: the head, its classes' two products each, their buffers (the
        # classes' last columns hold the head's scores), the class edges, each id's rank, the
        # logits; for a plain head, an empty head (nothing to do) and the step's own logits
        if self.adaptive is not None:
            head, w1s, w2s = self._adaptive_weights
            cutoffs = np.array(self.adaptive.cutoffs, dtype=np.int64)
            self._adaptive_args = (
                head, w1s, w2s, tuple(np.empty((b, w.shape[0]), dtype=np.float32) for w in w1s),
                tuple(np.empty((b, w.shape[0]), dtype=np.float32) for w in w2s),
                np.empty((b, cutoffs[-1] + head.shape[0]), dtype=np.float32), cutoffs, self.adaptive.rank,
                self.logits)
        else:
            self._adaptive_args = (np.zeros((0, n + 1), dtype=np.float32), (none,), (none,), (none,), (none,),
                                   none, np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int64), self.logits)

    def _quant(self) -> tuple:
        """compiled.step's ``quant``: each layer's int8 rows, each GRU input product's, the head's
        (empty arrays where a product stays float32), the int16 inputs' buffers."""
        off = (np.zeros((0, quantize.LANES), dtype=np.int8), np.zeros(0, dtype=np.float32),
               np.zeros(0, dtype=np.float32))
        L = self.layers
        if self.int8_rows is None:
            return (off,) * L, (off,) * L, off, self.zq, self.zscale
        plain = [off if r is None else tuple(r) for r in self.int8_rows]
        return tuple(plain[:L]), tuple(plain[L:2 * L]), plain[-1], self.zq, self.zscale

    def h(self, k: int) -> np.ndarray:
        """Layer k's hidden state (a view)."""
        n = self.hidden_size
        return self.z[k][:, -n - 1:-1]

    def set_state(self, hidden) -> None:
        """From torch's (L, B, H) hidden state (a pair of them for an LSTM)."""
        h, c = hidden if self.cell == "lstm" else (hidden, None)
        h = h.detach().cpu().float().numpy()
        for k in range(self.layers):
            self.h(k)[:] = h[k]
            if k + 1 < self.layers:
                self._feed(k + 1)[:] = h[k]
            if c is not None:
                self.c[k][:] = c[k].detach().cpu().float().numpy()
        self.top[:, :-1] = h[-1]

    def _feed(self, k: int) -> np.ndarray:
        """Where layer k reads its input (the hidden state of layer k - 1)."""
        if self.cell == "gru":
            return self.x[k][:, :-1]
        return self.z[k][:, :self.hidden_size]

    def _product(self, w: np.ndarray, z: np.ndarray, out: np.ndarray) -> None:
        if self.int8:   # the inputs as the int8 products take them (the weights stand for int8 ones)
            z = quantize.rounded(z)
        rows = z.shape[0]
        if rows <= GEMV_ROWS:
            # one matrix-vector product a row: BLAS's fastest path. For a few rows OpenBLAS's
            # matrix product was slower than that here (4 rows × 513 against 1024×513: 145 µs,
            # against 4 × 20 µs); it pays from about 8 rows (bench/bench_speed.py, issue notes)
            for r in range(rows):
                np.dot(w, z[r], out=out[r])
        else:
            np.dot(z, w.T, out=out)

    def step(self, ids: np.ndarray) -> np.ndarray:
        """Advance every sequence by the symbols ``ids`` (B,); returns logits (B, V), for an
        adaptive head exact log-probabilities. The array is reused by the next step."""
        if self.compiled is not None:
            return self._step_compiled(np.asarray(ids, dtype=np.int64))
        n = self.hidden_size
        a, t1, t2 = self.a, self.t1, self.t2
        for k in range(self.layers):
            z, w = self.z[k], self.w[k]
            h = z[:, -n - 1:-1]
            if self.cell == "gru":
                gi = self.gi
                if k == 0:
                    if self.table is not None:
                        np.take(self.table, ids, axis=0, out=gi)
                    else:
                        np.dot(np.hstack([self.emb[ids], np.ones((len(ids), 1), np.float32)]), self.w_in[0].T, out=gi)
                else:
                    self._product(self.w_in[k], self.x[k], gi)
                self._product(w, z, a)                     # W_hh·h + b_hh: r, z halved; n as it is
                rz = a[:, :2 * n]
                rz += gi[:, :2 * n]
                np.tanh(rz, out=rz)
                rz *= 0.5
                rz += 0.5                                  # r, z
                cand = a[:, 2 * n:]
                cand *= a[:, :n]                           # r * (W_hn·h + b_hn)
                cand += gi[:, 2 * n:]
                np.tanh(cand, out=cand)                    # n
                np.subtract(h, cand, out=t1)
                t1 *= a[:, n:2 * n]                        # z * (h - n)
                np.add(cand, t1, out=h)                    # h = n + z (h - n) = (1 - z) n + z h
            else:
                self._product(w, z, a)
                if k == 0:
                    if self.table is not None:
                        a += self.table[ids]
                    else:
                        a += self.emb[ids] @ self.w_in[0][:, :-1].T
                if self.cell == "lstm":
                    np.tanh(a, out=a)
                    s = a[:, :3 * n]
                    s *= 0.5
                    s += 0.5                               # i, f, o; g stays tanh
                    c = self.c[k]
                    c *= a[:, n:2 * n]
                    np.multiply(a[:, :n], a[:, 3 * n:], out=t1)
                    c += t1
                    np.tanh(c, out=t2)
                    np.multiply(a[:, 2 * n:3 * n], t2, out=h)
                elif self.cell == "rnn_tanh":
                    np.tanh(a, out=h)
                else:
                    np.maximum(a, 0.0, out=h)
            nxt = self._feed(k + 1) if k + 1 < self.layers else self.top[:, :-1]
            nxt[:] = h
        if self.adaptive is not None:
            return self.adaptive(self.top[:, :-1])
        self._product(self.head, self.top, self.logits)
        return self.logits

    def _step_compiled(self, ids: np.ndarray) -> np.ndarray:
        if self.parallel:
            self.compiled.step_parallel(self.threads, *self._compiled_args, ids)
        else:
            self.compiled.step(*self._compiled_args, ids)
        if self.adaptive is not None:
            self.compiled.adaptive_head(self.top, *self._adaptive_args)
        return self.logits

    def run(self, pick: tuple, ids: np.ndarray) -> None:
        """``len(ids)`` steps in one compiled call (compiled.generate), each choosing its symbols
        from ``self.logits`` with the chooser's arguments ``pick`` before stepping on them; only
        with the compiled step."""
        if self.parts:
            self._run_parts(pick, ids)
        elif self.parallel:
            self.compiled.generate_parallel(self.threads, *self._compiled_args, self._adaptive_args, *pick, ids)
        else:
            self.compiled.generate(*self._compiled_args, self._adaptive_args, *pick, ids)

    def _run_parts(self, pick: tuple, ids: np.ndarray) -> None:
        """run() with each part's rows in a thread of its own (the kernels release the GIL): the
        chooser's per-row arguments and the draws split by rows, each part's results copied back."""
        work, scales, top_k, top_p, unk, greedy, draws, n_top, probs, chosen, top_ids, top_probs = pick

        outputs = (ids, chosen, top_ids, top_probs)   # a row per step: a part's columns are not contiguous

        def one(part):
            lo, hi = part.rows
            own = [np.empty((a.shape[0], hi - lo) + a.shape[2:], dtype=a.dtype) for a in outputs]
            part.compiled.generate(*part._compiled_args, part._adaptive_args, work[lo:hi], scales[lo:hi], top_k,
                                   top_p, unk, greedy, np.ascontiguousarray(draws[:, lo:hi]), n_top,
                                   probs[lo:hi], *own[1:], own[0])
            for a, mine in zip(outputs, own):
                a[:, lo:hi] = mine

        others = [kernels.pool().submit(one, part) for part in self.parts[1:]]
        try:
            one(self.parts[0])
        finally:   # every part done before anything reads (or falls back to numpy over) the buffers
            futures.wait(others)
        for done in others:   # then a thread's failure, if any, is this call's
            done.result()
