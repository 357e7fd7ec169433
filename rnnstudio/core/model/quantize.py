"""int8 weights for generation: each row of a product's [W | b] as int8 with a scale of its own.

Generating reads every weight once a step, and on the CPUs measured the float32 products were
bound by AVX2's multiply-adds (a pair of sequences) or by reading 4 bytes a weight (one). An int8
weight is a quarter of the bytes, and AVX2's vpmaddwd multiplies 16 int16 pairs an instruction
against the float multiply-add's 8 (compiled.qrows_product, madd.py). The inputs of a product
(a layer's [x | h], the last layer's h for the head) are rounded to int16 at each step, with a
scale of their own (the largest magnitude of each sequence's row), so the sums are exact in
int32; the bias stays float32, added after.

What it costs in loss is measured by bench/bench_quantized.py on the corpora's models (the README
gives the figures); the stepper's numpy path computes the same products from the same rounded
numbers (dequantized weights against rounded inputs), so a generation's text is the same
whichever path runs it, as it is in float32.
"""
from __future__ import annotations

from typing import NamedTuple

import numpy as np

LANES = 16            # the compiled products take a row 16 weights at a time: widths padded to it
INT32_MOST = 2**31 - 1
TINY = np.float32(1e-30)


class Rows(NamedTuple):
    """One product's weights: ``q`` (rows × padded width, int8), ``scale`` (a row's float), ``bias``."""
    q: np.ndarray
    scale: np.ndarray
    bias: np.ndarray


def padded(width: int) -> int:
    return -(-width // LANES) * LANES


def levels(width: int) -> int:
    """The largest int16 an input is rounded to for a product ``width`` wide: as large as int16
    allows while width × 127 × it stays within int32 (the sums are exact, never wrap)."""
    return min(32767, INT32_MOST // (max(padded(width), LANES) * 127))


def rows(w: np.ndarray) -> Rows:
    """[W | b] (float32) as int8 rows: each row's largest magnitude maps to 127."""
    weights, bias = w[:, :-1], w[:, -1]
    width = weights.shape[1]
    top = np.abs(weights).max(axis=1)
    scale = np.where(top > 0, top / np.float32(127), np.float32(1)).astype(np.float32)
    q = np.zeros((w.shape[0], padded(width)), dtype=np.int8)
    q[:, :width] = np.clip(np.rint(weights / scale[:, None]), -127, 127).astype(np.int8)
    return Rows(q, scale, np.ascontiguousarray(bias, dtype=np.float32))


def dequantized(r: Rows, width: int) -> np.ndarray:
    """[W | b] in float32 as the int8 rows stand for it, ``width`` columns of W."""
    return np.ascontiguousarray(np.hstack([r.q[:, :width].astype(np.float32) * r.scale[:, None],
                                           r.bias[:, None]]))


def rounded(z: np.ndarray) -> np.ndarray:
    """[z | 1] with z as the compiled product sees it: each row rounded to ``levels`` steps of
    its largest magnitude (compiled.quantize, the same float32 operations). A few numpy calls:
    the numpy step makes three of these a step."""
    n = np.float32(levels(z.shape[1] - 1))
    top = np.abs(z[:, :-1]).max(axis=1, keepdims=True)
    np.maximum(top, TINY, out=top)   # a row of zeros stays zeros, with no division by zero
    out = z * (n / top)
    np.rint(out, out=out)
    out *= top / n
    out[:, -1] = z[:, -1]
    return out
