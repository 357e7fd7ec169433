"""The generation step's kernels, compiled by numba (imported only through kernels.get()).

See kernels.py for why; the numpy step in stepper.py is the reference these are tested
against (tests/core/test_sample.py).
"""
from __future__ import annotations

import numba
import numpy as np


def _can_cache() -> bool:
    """numba caches beside the sources (or in NUMBA_CACHE_DIR); a frozen app may have neither."""
    def probe():
        return 0

    try:
        numba.njit(cache=True)(probe)
        return True
    except Exception:
        return False


_CACHE = _can_cache()
_fast = numba.njit(cache=_CACHE, nogil=True, fastmath=True)
_exact = numba.njit(cache=_CACHE, nogil=True)   # the chooser: no reordered float sums (fastmath)
_inline = numba.njit(inline="always", fastmath=True)
# Only product_parallel is parallel, and no other kernel calls it: loading a kernel that
# contains a parallel loop starts numba's threads, which the app (training beside it) must not
_parallel = numba.njit(cache=_CACHE, nogil=True, fastmath=True, parallel=True)


@_inline
def ftanh(x):
    # Eigen's generic_fast_tanh_float: a 13/6 rational approximation, clamped where tanh is ±1
    x = min(max(x, np.float32(-7.90531110763549805)), np.float32(7.90531110763549805))
    x2 = x * x
    p = np.float32(-2.76076847742355e-16)
    p = p * x2 + np.float32(2.00018790482477e-13)
    p = p * x2 + np.float32(-8.60467152213735e-11)
    p = p * x2 + np.float32(5.12229709037114e-08)
    p = p * x2 + np.float32(1.48572235717979e-05)
    p = p * x2 + np.float32(6.37261928875436e-04)
    p = p * x2 + np.float32(4.89352455891786e-03)
    q = np.float32(1.19825839466702e-06)
    q = q * x2 + np.float32(1.18534705686654e-04)
    q = q * x2 + np.float32(2.26843463243900e-03)
    q = q * x2 + np.float32(4.89352518554385e-03)
    return x * p / q


@_inline
def row_product(wi, z, out, i):
    """out[:, i] = z @ wi: one weight row against every sequence, read once for four of them."""
    k = wi.shape[0]
    rows = z.shape[0]
    b = 0
    while b + 4 <= rows:
        z0, z1, z2, z3 = z[b], z[b + 1], z[b + 2], z[b + 3]
        a0 = np.float32(0.0)
        a1 = np.float32(0.0)
        a2 = np.float32(0.0)
        a3 = np.float32(0.0)
        for j in range(k):
            v = wi[j]
            a0 += v * z0[j]
            a1 += v * z1[j]
            a2 += v * z2[j]
            a3 += v * z3[j]
        out[b, i] = a0
        out[b + 1, i] = a1
        out[b + 2, i] = a2
        out[b + 3, i] = a3
        b += 4
    while b < rows:
        zb = z[b]
        acc = np.float32(0.0)
        for j in range(k):
            acc += wi[j] * zb[j]
        out[b, i] = acc
        b += 1


@_fast
def product(w, z, out):
    """out[b] = w @ z[b]; from four rows on, each weight row is read once for four of them."""
    for i in range(w.shape[0]):
        row_product(w[i], z, out, i)


@_parallel
def product_parallel(w, z, out):
    """product() with the weight rows shared out among numba's threads: for a process that
    has the cores to itself (the command line's sample), never beside training."""
    for i in numba.prange(w.shape[0]):
        row_product(w[i], z, out, i)


@_inline
def add_input(out, table, emb, w_in, sym, bias):
    """Adds layer 0's input product for one symbol to ``out`` (a row of gates): from the
    table, else computed (with the bias where the layer's own product does not carry it:
    the GRU's)."""
    if table.shape[0] > 0:
        row = table[sym]
        for i in range(out.shape[0]):
            out[i] += row[i]
        return
    e = emb[sym]
    width = e.shape[0]
    for i in range(out.shape[0]):
        wi = w_in[i]
        acc = wi[width] if bias else np.float32(0.0)
        for j in range(width):
            acc += wi[j] * e[j]
        out[i] += acc


@_fast
def lstm_gates(z, a, c, n, nxt, table, emb, w_in, ids, first):
    """An LSTM layer after its product a = w @ z: layer 0's input product added, gates i, f, o
    (halved) and g, c and h updated in place; h into z's own slot and into ``nxt`` (the next
    layer's input)."""
    off = z.shape[1] - n - 1
    for b in range(z.shape[0]):
        ab = a[b]
        if first:
            add_input(ab, table, emb, w_in, ids[b], False)
        for i in range(4 * n):
            ab[i] = ftanh(ab[i])
        for u in range(n):
            ig = ab[u] * np.float32(0.5) + np.float32(0.5)
            fg = ab[n + u] * np.float32(0.5) + np.float32(0.5)
            og = ab[2 * n + u] * np.float32(0.5) + np.float32(0.5)
            cu = fg * c[b, u] + ig * ab[3 * n + u]
            c[b, u] = cu
            h = og * ftanh(cu)
            z[b, off + u] = h
            nxt[b, u] = h


@_fast
def lstm(w, z, a, c, n, nxt, table, emb, w_in, ids, first):
    """One LSTM layer in one call (its product on this thread)."""
    product(w, z, a)
    lstm_gates(z, a, c, n, nxt, table, emb, w_in, ids, first)


@_fast
def rnn_gates(z, a, relu, n, nxt, table, emb, w_in, ids, first):
    """A vanilla layer after its product: h = tanh(w @ z + input) or its ReLU."""
    off = z.shape[1] - n - 1
    for b in range(z.shape[0]):
        if first:
            add_input(a[b], table, emb, w_in, ids[b], False)
        for u in range(n):
            v = a[b, u]
            h = max(v, np.float32(0.0)) if relu else ftanh(v)
            z[b, off + u] = h
            nxt[b, u] = h


@_fast
def rnn(w, z, a, relu, n, nxt, table, emb, w_in, ids, first):
    product(w, z, a)
    rnn_gates(z, a, relu, n, nxt, table, emb, w_in, ids, first)


@_fast
def gru_gates(z, a, gi, n, nxt, table, emb, w_in, ids, first):
    """A GRU layer after its products a = W_hh [h, 1] and (above layer 0) gi = W_ih [x, 1];
    layer 0 looks gi up. r, z halved; n = tanh(gi_n + r (W_hn h + b_hn)); h = n + z (h - n)."""
    for b in range(z.shape[0]):
        if first:
            gi[b, :] = 0.0
            add_input(gi[b], table, emb, w_in, ids[b], True)
        for u in range(n):
            r = ftanh(a[b, u] + gi[b, u]) * np.float32(0.5) + np.float32(0.5)
            zg = ftanh(a[b, n + u] + gi[b, n + u]) * np.float32(0.5) + np.float32(0.5)
            cand = ftanh(gi[b, 2 * n + u] + r * a[b, 2 * n + u])
            h = cand + zg * (z[b, u] - cand)
            z[b, u] = h
            nxt[b, u] = h


@_fast
def gru(w, z, a, gi, x, n, nxt, table, emb, w_in, ids, first):
    if not first:
        product(w_in, x, gi)
    product(w, z, a)
    gru_gates(z, a, gi, n, nxt, table, emb, w_in, ids, first)


@_exact
def argmax(logits, unk, out):
    for b in range(logits.shape[0]):
        best, arg = -np.inf, 0
        for i in range(logits.shape[1]):
            if i != unk and logits[b, i] > best:
                best, arg = logits[b, i], i
        out[b] = arg


@_exact
def choose(logits, work, scale, top_k, top_p, unk, uniforms, out):
    """For each row: temperature (``scale`` = 1/T), the unknown symbol left out, top-k, top-p,
    one uniform draw against the cumulative probabilities. The same choice, step for step,
    as sample._Chooser._row on the same logits and draws (tests/core/test_sample.py)."""
    v = logits.shape[1]
    for b in range(logits.shape[0]):
        x = work[b]
        for i in range(v):
            x[i] = logits[b, i] * scale
        if unk >= 0:
            x[unk] = -np.inf
        if top_k > 0 and top_k < v:
            kth = np.partition(x.copy(), v - top_k)[v - top_k]
            for i in range(v):
                if x[i] < kth:
                    x[i] = -np.inf
        m = x.max()
        for i in range(v):
            x[i] = np.exp(x[i] - m)
        u = uniforms[b]
        if top_p < 1.0:
            if v <= 256:
                order = np.argsort(x)[::-1]
            else:   # the likeliest 64 usually hold top_p already: sort those, then all if not
                part = np.argpartition(x, v - 64)[v - 64:]
                order = part[np.argsort(x[part])[::-1]]
            mass = np.cumsum(x[order])
            total = mass[-1] if v <= 256 else x.sum()
            if mass[-1] < np.float32(top_p) * total:
                order = np.argsort(x)[::-1]
                mass = np.cumsum(x[order])
            keep = min(np.searchsorted(mass, np.float32(top_p) * total) + 1, mass.shape[0])
            j = np.searchsorted(mass, np.float32(u) * mass[keep - 1], side="right")
            out[b] = order[min(j, keep - 1)]
        else:
            mass = np.cumsum(x)
            j = np.searchsorted(mass, np.float32(u) * mass[-1], side="right")
            if j >= v:   # a draw a hair below 1: the last symbol with any probability
                j = v - 1
                while j > 0 and x[j] == 0.0:
                    j -= 1
            out[b] = j


@_exact
def probabilities(logits, n_top, probs, top_ids, top_probs):
    """The probabilities at temperature 1 of each row, and its ``n_top`` likeliest symbols
    (likeliest first): what the app shows on hover."""
    rows, v = logits.shape
    for b in range(rows):
        x = logits[b]
        p = probs[b]
        m = x.max()
        total = np.float32(0.0)
        for i in range(v):
            e = np.exp(x[i] - m)
            p[i] = e
            total += e
        for i in range(v):
            p[i] /= total
        for t in range(n_top):   # n_top is small (5): a pass over the row each
            best, arg = np.float32(-1.0), 0
            for i in range(v):
                if p[i] > best:
                    taken = False
                    for s in range(t):
                        if top_ids[b, s] == i:
                            taken = True
                            break
                    if not taken:
                        best, arg = p[i], i
            top_ids[b, t] = arg
            top_probs[b, t] = best
