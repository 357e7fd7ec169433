"""The generation step's kernels, compiled by numba (imported only through kernels.get()).

See kernels.py for why; the numpy step in stepper.py is the reference these are tested
against (tests/core/test_sample.py).
"""
from __future__ import annotations

import numba
import numpy as np

from . import madd
from .kernels import GRU, LSTM   # step()'s cell codes (any other: a vanilla RNN)


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
# error_model="numpy": a division by zero gives inf or nan, as in numpy, unchecked. numba's default
# checks every division and raises, and that check kept the gates' loops (ftanh divides) from
# running on vectors: a 2x256 LSTM's gates took 13 us a step against 6 without it
_fast = numba.njit(cache=_CACHE, nogil=True, fastmath=True, error_model="numpy")
_exact = numba.njit(cache=_CACHE, nogil=True, error_model="numpy")   # the chooser: no reordered float sums (fastmath)
_inline = numba.njit(inline="always", fastmath=True, error_model="numpy")
# Only step_parallel is parallel, and only generate_parallel (the command line's) calls it: loading
# a kernel that contains a parallel loop starts numba's threads, which the app (training beside it) must not
_parallel = numba.njit(cache=_CACHE, nogil=True, fastmath=True, parallel=True, error_model="numpy")


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
def rows_product(w, z, out, lo, hi):
    """out[b, i] = w[i] . z[b] for the rows lo..hi: four rows at a time, so each value of z is
    loaded once for four rows; two sequences at a time where there are two, so each weight is
    loaded once for both. A batch's other sequences then find those rows in the cache."""
    pairs = z.shape[0] // 2 * 2
    if pairs:
        pair_product(w, z, out, lo, hi, pairs)
    # one sequence, or the last of an odd batch, in a loop nest of its own (which compiles as
    # fast as it did alone), and the last rows short of four for every sequence
    one_product(w, z, out, lo, hi, pairs)


@_inline
def pair_product(w, z, out, lo, hi, pairs):
    """rows_product's blocks of four rows for the sequences 0..pairs, two at a time: six loads
    for eight multiply-adds."""
    k = w.shape[1]
    i = lo
    while i + 4 <= hi:
        w0, w1, w2, w3 = w[i], w[i + 1], w[i + 2], w[i + 3]
        for b in range(0, pairs, 2):
            za, zc = z[b], z[b + 1]
            a0 = np.float32(0.0)
            a1 = np.float32(0.0)
            a2 = np.float32(0.0)
            a3 = np.float32(0.0)
            c0 = np.float32(0.0)
            c1 = np.float32(0.0)
            c2 = np.float32(0.0)
            c3 = np.float32(0.0)
            for j in range(k):
                va = za[j]
                vc = zc[j]
                a0 += w0[j] * va
                a1 += w1[j] * va
                a2 += w2[j] * va
                a3 += w3[j] * va
                c0 += w0[j] * vc
                c1 += w1[j] * vc
                c2 += w2[j] * vc
                c3 += w3[j] * vc
            out[b, i] = a0
            out[b, i + 1] = a1
            out[b, i + 2] = a2
            out[b, i + 3] = a3
            out[b + 1, i] = c0
            out[b + 1, i + 1] = c1
            out[b + 1, i + 2] = c2
            out[b + 1, i + 3] = c3
        i += 4


@_inline
def one_product(w, z, out, lo, hi, first):
    """rows_product's blocks of four rows for the sequences from ``first`` on, one at a time, then
    the rows short of four for every sequence."""
    k = w.shape[1]
    i = lo
    while i + 4 <= hi:
        w0, w1, w2, w3 = w[i], w[i + 1], w[i + 2], w[i + 3]
        for b in range(first, z.shape[0]):
            zb = z[b]
            a0 = np.float32(0.0)
            a1 = np.float32(0.0)
            a2 = np.float32(0.0)
            a3 = np.float32(0.0)
            for j in range(k):
                v = zb[j]
                a0 += w0[j] * v
                a1 += w1[j] * v
                a2 += w2[j] * v
                a3 += w3[j] * v
            out[b, i] = a0
            out[b, i + 1] = a1
            out[b, i + 2] = a2
            out[b, i + 3] = a3
        i += 4
    while i < hi:
        wi = w[i]
        for b in range(z.shape[0]):
            zb = z[b]
            acc = np.float32(0.0)
            for j in range(k):
                acc += wi[j] * zb[j]
            out[b, i] = acc
        i += 1


# int8 weights' blocks of products (madd.py): four rows with a pair of sequences, with one, a row with one;
# AVX2's instruction only where numba compiles for a CPU with it (else LLVM could not select it)
# madd.py's hash: numba's cache knows this file only, so a change there must change this
MADD_SHA256 = "2b677dac937cee1249f879cd2dc4b59ca4fe2e15c1a90fef1754a52a2dc23293"
_X86 = madd.target_avx2()
_block_4x2 = madd.block(4, 2, _X86)
_block_4x1 = madd.block(4, 1, _X86)
_block_1x1 = madd.block(1, 1, _X86)


@_inline
def quantize(z, zq, zscale, width):
    """Each row of z but its last column (the constant 1: the bias is added apart) rounded to
    int16 in ``zq``, in steps of ``zscale`` (its largest magnitude over quantize.levels), the
    columns up to ``width`` past it zero: as quantize.rounded does it."""
    k = z.shape[1] - 1
    n = np.float32(min(32767, 2147483647 // (width * 127)))
    for b in range(z.shape[0]):
        top = np.float32(1e-30)   # quantize.TINY: a row of zeros stays zeros, with no division by zero
        for j in range(k):
            top = max(top, abs(z[b, j]))
        f = n / top
        zscale[b] = top / n
        for j in range(k):
            zq[b, j] = np.int16(np.rint(z[b, j] * f))
        for j in range(k, width):
            zq[b, j] = 0


@_inline
def qrows_product(q, zq, zscale, out, lo, hi):
    """rows_product for int8 rows q = (int8 weights, a scale a row, the bias) against the inputs
    as quantize left them: exact int32 sums (madd.py's blocks), then scaled and the bias added."""
    w, scale, bias = q
    seqs = out.shape[0]
    pairs = seqs // 2 * 2
    i = lo
    while i + 4 <= hi:
        for b in range(0, pairs, 2):
            r = _block_4x2(w, i, zq, b)
            sa, sc = zscale[b], zscale[b + 1]
            for t in range(4):
                out[b, i + t] = np.float32(r[2 * t]) * (scale[i + t] * sa) + bias[i + t]
                out[b + 1, i + t] = np.float32(r[2 * t + 1]) * (scale[i + t] * sc) + bias[i + t]
        for b in range(pairs, seqs):
            r = _block_4x1(w, i, zq, b)
            for t in range(4):
                out[b, i + t] = np.float32(r[t]) * (scale[i + t] * zscale[b]) + bias[i + t]
        i += 4
    while i < hi:
        for b in range(seqs):
            out[b, i] = np.float32(_block_1x1(w, i, zq, b)[0]) * (scale[i] * zscale[b]) + bias[i]
        i += 1


@_inline
def product_rows(w, q, z, zq, zscale, out, lo, hi):
    """out's rows lo..hi: from the int8 rows q where there are any (z quantized already), else
    from the float32 [W | b] w."""
    if q[0].shape[0] > 0:
        qrows_product(q, zq, zscale, out, lo, hi)
    else:
        rows_product(w, z, out, lo, hi)


@_inline
def product(w, q, z, zq, zscale, out, lo, hi):
    """product_rows, quantizing z first where the weights are int8."""
    if q[0].shape[0] > 0:
        quantize(z, zq, zscale, q[0].shape[1])
    product_rows(w, q, z, zq, zscale, out, lo, hi)


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


@_inline
def gates(cell, relu, z, a, gi, c, nxt, table, emb, w_in, ids, first):
    """A layer after its products (a = w @ z, and for a GRU above layer 0 gi = W_ih [x, 1]):
    layer 0's input product added, the gates (the sigmoid rows arrive halved), the state
    updated in place, and h written into z's own slot and into ``nxt`` (what reads it next)."""
    n = nxt.shape[1]
    off = z.shape[1] - n - 1   # z = [input | h | 1], or [h | 1]
    for b in range(z.shape[0]):
        ab = a[b]
        if cell == GRU:   # r, z halved; n = tanh(gi_n + r (W_hn h + b_hn)); h = n + z (h - n)
            if first:
                gi[b, :] = 0.0
                add_input(gi[b], table, emb, w_in, ids[b], True)
            for u in range(n):
                r = ftanh(ab[u] + gi[b, u]) * np.float32(0.5) + np.float32(0.5)
                zg = ftanh(ab[n + u] + gi[b, n + u]) * np.float32(0.5) + np.float32(0.5)
                cand = ftanh(gi[b, 2 * n + u] + r * ab[2 * n + u])
                h = cand + zg * (z[b, off + u] - cand)
                z[b, off + u] = h
                nxt[b, u] = h
            continue
        if first:
            add_input(ab, table, emb, w_in, ids[b], False)
        if cell == LSTM:   # i, f, o (halved), g
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
        else:
            for u in range(n):
                h = max(ab[u], np.float32(0.0)) if relu else ftanh(ab[u])
                z[b, off + u] = h
                nxt[b, u] = h


@_inline
def feed(cell, k, zs, xs, top):
    """Where layer k's h goes next: the next layer's input, or the head's."""
    n = top.shape[1] - 1
    if k + 1 == len(zs):
        return top[:, :n]
    if cell == GRU:
        return xs[k + 1][:, :n]
    return zs[k + 1][:, :n]


@_fast
def step(cell, relu, ws, w_ins, zs, xs, cs, a, gi, top, head, logits, table, emb, quant, ids):
    """One generation step of every sequence in one call: each layer's products and gates, then
    the head's logits (none where ``head`` is empty: an adaptive head, see adaptive_head). The
    tuples hold one array per layer; xs (the GRU's inputs above layer 0) and cs (the LSTM's
    cells) hold any arrays for the other cells, as gi does. ``quant``: the int8 rows of ws,
    of w_ins and of the head (empty ones: float32 products), and the inputs' int16 buffers."""
    qws, qins, qhead, zq, zscale = quant
    for k in range(len(ws)):
        if cell == GRU and k > 0:
            product(w_ins[k], qins[k], xs[k], zq, zscale, gi, 0, gi.shape[1])
        product(ws[k], qws[k], zs[k], zq, zscale, a, 0, a.shape[1])
        gates(cell, relu, zs[k], a, gi, cs[k], feed(cell, k, zs, xs, top), table, emb, w_ins[k], ids, k == 0)
    product(head, qhead, top, zq, zscale, logits, 0, head.shape[0])


@_inline
def share(rows, parts, p):
    """Part p of ``rows`` rows shared among ``parts`` threads, its edges on multiples of four."""
    return rows * p // parts // 4 * 4, (rows if p + 1 == parts else rows * (p + 1) // parts // 4 * 4)


@_parallel
def step_parallel(parts, cell, relu, ws, w_ins, zs, xs, cs, a, gi, top, head, logits, table, emb, quant, ids):
    """step() with the products' rows shared out among ``parts`` of numba's threads: for a process
    that has the cores to itself (the command line's sample), never beside training."""
    qws, qins, qhead, zq, zscale = quant
    for k in range(len(ws)):
        # the threads take arrays, not tuples of them (numba's parallel loops): the int8 rows unpacked
        if cell == GRU and k > 0:
            qw, qs, qb = qins[k]
            if qw.shape[0] > 0:   # once, before the threads read it
                quantize(xs[k], zq, zscale, qw.shape[1])
            for p in numba.prange(parts):
                lo, hi = share(gi.shape[1], parts, p)
                product_rows(w_ins[k], (qw, qs, qb), xs[k], zq, zscale, gi, lo, hi)
        qw, qs, qb = qws[k]
        if qw.shape[0] > 0:
            quantize(zs[k], zq, zscale, qw.shape[1])
        for p in numba.prange(parts):
            lo, hi = share(a.shape[1], parts, p)
            product_rows(ws[k], (qw, qs, qb), zs[k], zq, zscale, a, lo, hi)
        gates(cell, relu, zs[k], a, gi, cs[k], feed(cell, k, zs, xs, top), table, emb, w_ins[k], ids, k == 0)
    product(head, qhead, top, zq, zscale, logits, 0, head.shape[0])   # a few rows: not worth waking the threads


@_inline
def log_softmax(x):
    """x minus the log of the sum of its exponentials, in place."""
    m = x.max()
    total = np.float32(0.0)
    for i in range(x.shape[0]):
        total += np.exp(x[i] - m)
    lse = m + np.log(total)
    for i in range(x.shape[0]):
        x[i] -= lse


@_fast
def adaptive_head(top, head, w1s, w2s, hids, tails, classes, cutoffs, rank, logits):
    """An adaptive head's exact log-probabilities by id (nn.AdaptiveLogSoftmaxWithLoss.log_prob,
    then by the model's rank of each symbol): the head's [W | b] over [h | 1] gives the shortlist
    and one score a rarer class; class i's symbols are its own log-softmax (two products, w2s[i]
    after w1s[i]) plus the head's log-probability of the class. Nothing where ``head`` is empty
    (a plain output layer, which step computes)."""
    if head.shape[0] == 0:
        return
    short = cutoffs[0]
    scores = classes[:, cutoffs[-1]:]   # the head's scores, kept past the classes' end
    rows_product(head, top, scores, 0, head.shape[0])
    for i in range(len(w1s)):
        rows_product(w1s[i], top, hids[i], 0, w1s[i].shape[0])
        rows_product(w2s[i], hids[i], tails[i], 0, w2s[i].shape[0])
    for b in range(top.shape[0]):
        log_softmax(scores[b])
        out = classes[b]
        for j in range(short):
            out[j] = scores[b, j]
        for i in range(len(w1s)):
            tail = tails[i][b]
            log_softmax(tail)
            start = cutoffs[i]
            for j in range(tail.shape[0]):
                out[start + j] = tail[j] + scores[b, short + i]
        for v in range(logits.shape[1]):
            logits[b, v] = out[rank[v]]


@_exact
def argmax(logits, unk, out):
    for b in range(logits.shape[0]):
        best, arg = -np.inf, 0
        for i in range(logits.shape[1]):
            if i != unk and logits[b, i] > best:
                best, arg = logits[b, i], i
        out[b] = arg


@_inline
def nucleus(p, top_p, u, order, mass, taken):
    """Top-p over a small alphabet (256 symbols or fewer): the likeliest symbols in order (ties by
    index) until their mass reaches top_p of the whole (summed in index order), then the draw ``u``
    against their cumulative mass; as sample._Chooser._row does it with a stable sort. The
    likeliest are found a pass each, as the nucleus of a trained model is a few symbols; past 16
    the whole row is sorted instead (a pass each would cost more). Overwrites ``p``."""
    v = p.shape[0]
    total = np.float32(0.0)
    for i in range(v):
        total += p[i]
    target = top_p * total
    keep, cum = 0, np.float32(0.0)
    while keep < 16 and keep < v:
        best, arg = np.float32(-1.0), 0
        for i in range(v):
            if p[i] > best:
                best, arg = p[i], i
        cum += best
        order[keep], mass[keep], taken[keep] = arg, cum, best
        p[arg] = np.float32(-1.0)   # taken (p >= 0): restored below if it comes to sorting
        keep += 1
        if cum >= target:
            break
    if cum < target and keep < v:
        for t in range(keep):
            p[order[t]] = taken[t]
        order[:] = np.argsort(-p, kind="mergesort")   # stable: ties by index, as the passes take them
        cum, keep = np.float32(0.0), v
        for t in range(v):
            cum += p[order[t]]
            mass[t] = cum
            if cum >= target:
                keep = t + 1
                break
    # top-p at the whole mass (1.0 in float32) can run on into symbols that add nothing (top-k's cut,
    # the unknown symbol), and a draw that rounds to 1.0 would pick the last of them: never those
    while keep > 1 and mass[keep - 1] == mass[keep - 2]:
        keep -= 1
    pick = u * mass[keep - 1]
    for t in range(keep - 1):
        if mass[t] > pick:
            return order[t]
    return order[keep - 1]


@_exact
def choose(logits, work, scales, top_k, top_p, unk, uniforms, out):
    """For each row: its temperature (``scales[b]`` = 1/T; 0: the likeliest symbol), the unknown
    symbol left out, top-k, top-p, one uniform draw against the cumulative probabilities. The
    same choice, step for step, as sample._Chooser on the same logits and draws
    (tests/core/test_sample.py)."""
    v = logits.shape[1]
    order = np.empty(v, np.int64)   # nucleus()'s, made once a call (a step, in generate)
    mass = np.empty(v, np.float32)
    taken = np.empty(16, np.float32)
    for b in range(logits.shape[0]):
        x = work[b]
        scale = scales[b]
        s = scale if scale != 0 else np.float32(1.0)   # a greedy row: the logits as they are
        for i in range(v):
            x[i] = logits[b, i] * s
        if unk >= 0:
            x[unk] = -np.inf
        if scale == 0:
            out[b] = np.argmax(x)
            continue
        if top_k > 0 and top_k < v:
            kth = np.partition(x.copy(), v - top_k)[v - top_k]
            for i in range(v):
                if x[i] < kth:
                    x[i] = -np.inf
        m = x.max()
        for i in range(v):
            x[i] = np.exp(x[i] - m)
        u = uniforms[b]
        if top_p < 1.0 and v <= 256:
            out[b] = nucleus(x, np.float32(top_p), np.float32(u), order, mass, taken)
        elif top_p < 1.0:   # the likeliest 64 usually hold top_p already: sort those, then all if not
            part = np.argpartition(x, v - 64)[v - 64:]
            order_ = part[np.argsort(x[part])[::-1]]
            mass_ = np.cumsum(x[order_])
            total = x.sum()
            if mass_[-1] < np.float32(top_p) * total:
                order_ = np.argsort(x)[::-1]
                mass_ = np.cumsum(x[order_])
            keep = min(np.searchsorted(mass_, np.float32(top_p) * total) + 1, mass_.shape[0])
            while keep > 1 and mass_[keep - 1] == mass_[keep - 2]:   # as in nucleus: never a symbol adding nothing
                keep -= 1
            j = np.searchsorted(mass_, np.float32(u) * mass_[keep - 1], side="right")
            out[b] = order_[min(j, keep - 1)]
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


@_inline
def pick(logits, work, scales, top_k, top_p, unk, greedy, uniforms, out, n_top, probs, chosen, top_ids, top_probs):
    """One step's choice, as sample._Chooser makes it (and first, where n_top >= 0, what the app
    shows on hover: each row's probabilities, the chosen symbol's and the n_top likeliest)."""
    if n_top >= 0:
        probabilities(logits, n_top, probs, top_ids, top_probs)
    if greedy:
        argmax(logits, unk, out)
    else:
        choose(logits, work, scales, top_k, top_p, unk, uniforms, out)
    if n_top >= 0:
        for b in range(out.shape[0]):
            chosen[b] = probs[b, out[b]]


@_exact
def generate(cell, relu, ws, w_ins, zs, xs, cs, a, gi, top, head, logits, table, emb, quant, adaptive,
             work, scales, top_k, top_p, unk, greedy, uniforms, n_top, probs, chosen, top_ids, top_probs, ids):
    """``len(ids)`` symbols of every sequence in one call: choose (pick) from ``logits``, then step
    on the choice, which writes the next logits (``adaptive``: adaptive_head's arguments, whose
    last is the logits chosen from, the step's own for a plain head). Row t of ``uniforms``,
    ``ids``, ``chosen``, ``top_ids`` and ``top_probs`` is step t's. The generation's loop in
    Python cost a step's time again (a call to step, one to choose, the draws, checking the
    arguments of each)."""
    for t in range(ids.shape[0]):
        pick(adaptive[-1], work, scales, top_k, top_p, unk, greedy, uniforms[t], ids[t], n_top, probs, chosen[t],
             top_ids[t], top_probs[t])
        step(cell, relu, ws, w_ins, zs, xs, cs, a, gi, top, head, logits, table, emb, quant, ids[t])
        adaptive_head(top, *adaptive)


@_exact
def generate_parallel(parts, cell, relu, ws, w_ins, zs, xs, cs, a, gi, top, head, logits, table, emb, quant, adaptive,
                      work, scales, top_k, top_p, unk, greedy, uniforms, n_top, probs, chosen, top_ids, top_probs,
                      ids):
    """generate() stepping with step_parallel: the command line's, never the app's."""
    for t in range(ids.shape[0]):
        pick(adaptive[-1], work, scales, top_k, top_p, unk, greedy, uniforms[t], ids[t], n_top, probs, chosen[t],
             top_ids[t], top_probs[t])
        step_parallel(parts, cell, relu, ws, w_ins, zs, xs, cs, a, gi, top, head, logits, table, emb, quant, ids[t])
        adaptive_head(top, *adaptive)
