"""Runs side by side: their curves on one axis (steps, symbols seen, or seconds — the fair
axis for a fast small model against a slow big one), a legend from the settings that differ,
the table of those differences, and the data as CSV."""
from __future__ import annotations

import csv
import io

from .runs import Run

AXES = ("step", "symbols", "seconds")
_COLUMN = {"step": 0, "symbols": 1, "seconds": 2}
# settings worth naming in a legend, in this order; the rest are listed in the table only
_LEGEND_KEYS = ("cell", "layers", "hidden_size", "emb_size", "dropout", "lr", "seq_len", "batch_size", "optimizer")


def series(run: Run, axis: str = "step", which: str = "val") -> tuple[list[float], list[float]]:
    """The run's validation ("val") or training ("train") curve against ``axis``."""
    if axis not in AXES:
        raise ValueError(f"axis must be one of {', '.join(AXES)}")
    col = 4 if which == "val" else 3
    pts = [(p[_COLUMN[axis]], p[col]) for p in run.points if p[col] is not None]
    return [float(x) for x, _ in pts], [float(y) for _, y in pts]


def settings(run: Run) -> dict:
    """Every setting of a run by a plain name (model and training together, and the text)."""
    out = {"text": run.corpus_name}
    out.update(run.model)
    out.update({k: v for k, v in run.train.items() if k not in out})
    return out


def differences(runs: list[Run]) -> list[tuple[str, list]]:
    """The settings whose values are not the same in all ``runs``: (name, value per run)."""
    all_settings = [settings(r) for r in runs]
    keys = []
    for s in all_settings:
        keys.extend(k for k in s if k not in keys)
    diff = []
    for k in keys:
        values = [s.get(k) for s in all_settings]
        if any(v != values[0] for v in values[1:]):
            diff.append((k, values))
    return diff


def shown(value) -> str:
    """A setting's value as a person reads it (0.0043, not 0.004396081617073508)."""
    if isinstance(value, float):
        return f"{value:.3g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(shown(v) for v in value)
    return "" if value is None else str(value)


def legend(run: Run, differing: list[str]) -> str:
    """The run's name and the values of the differing settings that say most (those its name
    does not already say)."""
    s = settings(run)
    named = ("cell", "layers", "hidden_size") if not run.name else ()
    keys = [k for k in _LEGEND_KEYS if k in differing and k not in named][:3] or \
        [k for k in differing if k != "text" and k not in named][:2]
    return " · ".join([run.label] + [f"{k} {shown(s.get(k))}" for k in keys])


def to_csv(runs: list[Run]) -> str:
    """One row per point of every run, with the run's id and name."""
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(["run", "name", "step", "symbols", "seconds", "train_loss", "val_loss"])
    for r in runs:
        for step, symbols, seconds, train, val in r.points:
            w.writerow([r.id, r.label, step, symbols, f"{seconds:.3f}",
                        "" if train is None else f"{train:.6f}", "" if val is None else f"{val:.6f}"])
    return out.getvalue()
