"""Finding the units that track something (LSTMVis's select view, Strobelt et al. 2018).

The user marks some symbols of a text (a selection, or a ready-made probe such as "inside
quotes"); every unit is scored by how well its activation alone separates the marked symbols
from the rest. The score is the area under the ROC curve folded around chance:
|AUC − 0.5| × 2, so 0 is chance and 1 a perfect separator, whichever way the unit points.
A probe that is a quantity (position in the line) uses |Pearson correlation| instead.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:   # the CLI reads PROBES to build its parser: no torch for that
    from .activations import Trace

PROBES = ("quotes", "brackets", "line", "word", "newline")
_QUOTES = {'"': '"', "“": "”", "「": "」", "『": "』", "«": "»"}
_BRACKETS = {"(": ")", "[": "]", "{": "}", "（": "）", "【": "】", "《": "》"}


@dataclass(frozen=True)
class UnitScore:
    layer: int
    signal: str          # "h", "c" or a gate's name
    unit: int
    score: float         # 0 = chance, 1 = separates perfectly
    direction: int       # +1: higher on the marked symbols, -1: lower


def separation(values: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per column of ``values`` (T, H): the folded AUC score and its direction for ``mask`` (T,)."""
    mask = np.asarray(mask, dtype=bool)
    pos, neg = int(mask.sum()), int((~mask).sum())
    if pos == 0 or neg == 0:
        raise ValueError("the marked symbols must be some of the text, not none or all of it")
    ranks = average_ranks(values)
    auc = (ranks[mask].sum(0) - pos * (pos + 1) / 2) / (pos * neg)
    return np.abs(auc - 0.5) * 2, np.where(auc >= 0.5, 1, -1)


def average_ranks(values: np.ndarray) -> np.ndarray:
    """Ranks (1 …) down each column, tied values sharing their average rank (a ReLU unit's
    many exact zeros tie)."""
    order = values.argsort(0, kind="stable")
    s = np.take_along_axis(values, order, 0)
    t = len(s)
    idx = np.broadcast_to(np.arange(t)[:, None], s.shape)
    starts = np.ones(s.shape, dtype=bool)
    starts[1:] = s[1:] != s[:-1]
    ends = np.ones(s.shape, dtype=bool)
    ends[:-1] = starts[1:]
    first = np.maximum.accumulate(np.where(starts, idx, 0), axis=0)
    last = np.minimum.accumulate(np.where(ends, idx, t - 1)[::-1], axis=0)[::-1]
    ranks = np.empty(s.shape)
    np.put_along_axis(ranks, order, (first + last) / 2 + 1, 0)
    return ranks


def correlation(values: np.ndarray, quantity: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    q = (quantity - quantity.mean()) / (quantity.std() or 1.0)
    v = values - values.mean(0)
    sd = values.std(0)
    r = (v * q[:, None]).mean(0) / np.where(sd > 0, sd, np.inf)
    return np.abs(r), np.where(r >= 0, 1, -1)


def rank_units(trace: Trace, target: np.ndarray, *, signals: tuple[str, ...] = ("h", "c"),
               top: int = 10) -> list[UnitScore]:
    """The ``top`` units of every layer and signal that best track ``target``: a boolean mask
    (which symbols are marked) or a quantity per symbol."""
    target = np.asarray(target)
    score = correlation if target.dtype != bool else separation
    found = []
    for k, layer in enumerate(trace.layers):
        for name, values in layer.signals().items():
            if name not in signals:
                continue
            s, d = score(values.astype(np.float64), target.astype(np.float64) if target.dtype != bool else target)
            for u in np.argsort(-s)[:top]:
                found.append(UnitScore(k, name, int(u), float(s[u]), int(d[u])))
    found.sort(key=lambda u: -u.score)
    return found[:top]


def mask_from_span(n: int, spans: list[tuple[int, int]]) -> np.ndarray:
    """A mask over ``n`` symbols from (start, end) symbol ranges (the user's selection)."""
    mask = np.zeros(n, dtype=bool)
    for start, end in spans:
        mask[max(0, start):max(0, min(n, end))] = True
    return mask


def probe(symbols: list[str], name: str) -> np.ndarray:
    """The target of a ready-made probe over the text's symbols: a mask, or (for "line") the
    position in the line."""
    if name == "quotes":
        return _inside(symbols, _QUOTES)
    if name == "brackets":
        return _inside(symbols, _BRACKETS)
    if name == "line":
        pos, out = 0, np.zeros(len(symbols))
        for i, s in enumerate(symbols):
            out[i] = pos
            pos = 0 if "\n" in s else pos + len(s)
        return out
    if name == "word":
        return np.array([s.isalnum() for s in symbols], dtype=bool)
    if name == "newline":   # the symbol right after a line break
        return np.array([i > 0 and "\n" in symbols[i - 1] for i in range(len(symbols))], dtype=bool)
    raise ValueError(f"probe must be one of {', '.join(PROBES)}")


def _inside(symbols: list[str], pairs: dict[str, str]) -> np.ndarray:
    """Symbols between an opening mark and its closing one (the marks themselves excluded);
    a mark that opens and closes alike (") toggles."""
    out = np.zeros(len(symbols), dtype=bool)
    stack: list[str] = []
    for i, s in enumerate(symbols):
        if stack and s == pairs[stack[-1]]:
            stack.pop()
            continue
        if s in pairs:
            stack.append(s)
            continue
        out[i] = bool(stack)
    return out
