"""Coloured text as HTML: one span per symbol, its colour from a value, its details on hover.

The same markup serves the app (a QTextBrowser shows it) and ``rnnstudio-cli inspect --html``
(wrapped in a self-contained page). Labels are passed in, so the app can pass them translated.
"""
from __future__ import annotations

import html
import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:   # the app draws with these before torch is imported: no import at run time
    import numpy as np

    from .memorise import Memorisation
    from .surprise import Surprise

_STYLE = ("body{font-family:'DejaVu Sans Mono','Noto Sans Mono CJK SC','WenQuanYi Micro Hei Mono',monospace;"
          "max-width:60em;margin:2em auto;line-height:1.7}pre{white-space:pre-wrap;font-family:inherit}"
          "span{border-radius:2px}h1{font-size:1.2em}p.note{color:#555}")


def diverging(value: float) -> str:
    """-1 … 1 as blue … white … red (the activation of a unit); never so dark that black text
    on it cannot be read."""
    v = max(-1.0, min(1.0, float(value))) if math.isfinite(value) else 0.0
    fade = round(255 * (1 - 0.75 * abs(v)))
    return f"#ff{fade:02x}{fade:02x}" if v >= 0 else f"#{fade:02x}{fade:02x}ff"


def scale_of(values: np.ndarray) -> float:
    """What to divide a unit's values by for colouring: 1 for values within [-1, 1] (h, gates),
    else their largest size (an LSTM's cell state, a ReLU unit)."""
    import numpy as np   # here, not at the top: the app's window imports this module before it shows

    top = float(np.nanmax(np.abs(values))) if len(values) else 0.0
    return top if top > 1.0 else 1.0


def surprise_colour(prob: float) -> str:
    """A probability as green (expected) … yellow … red (surprising), on a log scale."""
    if not math.isfinite(prob):
        return "#ffffff"
    x = max(0.0, min(1.0, -math.log10(max(prob, 1e-6)) / 3))     # 1 → 0, 0.001 → 1
    r = round(255 * min(1.0, 2 * x) * 0.9 + 25)
    g = round(255 * min(1.0, 2 * (1 - x)) * 0.8 + 40)
    return f"#{r:02x}{g:02x}70"


def _visible(symbol: str) -> str:
    return html.escape(symbol).replace("\n", "↵<br>")


def spans(symbols: list[str], colours: list[str], titles: list[str] | None = None) -> str:
    out = []
    for i, (s, c) in enumerate(zip(symbols, colours)):
        t = f' title="{html.escape(titles[i])}"' if titles and titles[i] else ""
        out.append(f'<span style="background-color:{c}"{t}>{_visible(s)}</span>')
    return "".join(out)


def activation_html(symbols: list[str], values: np.ndarray) -> str:
    """Each symbol on the colour of one unit's activation there (the neuron view)."""
    return spans(symbols, [diverging(v) for v in values], [f"{v:+.3f}" for v in values])


def surprise_html(s: Surprise, loss_label: str = "loss") -> str:
    titles = [""]
    for i in range(1, len(s.symbols)):
        alts = ", ".join(f"{sym!r} {p:.1%}" for sym, p in s.alternatives[i])
        titles.append(f"p = {s.prob[i]:.2%}, {loss_label} {s.loss[i]:.2f} nats — {alts}")
    return spans(s.symbols, [surprise_colour(p) for p in s.prob], titles)


def memorisation_html(symbols: list[str], m: Memorisation, copied_label: str = "copied") -> str:
    colours = ["#ffd54f" if c else "#ffffff" for c in m.copied]
    titles = [f"{copied_label}: {n}" if c else "" for c, n in zip(m.copied, m.match)]
    return spans(symbols, colours, titles)


GENERATOR = '<meta name="generator" content="RNN Studio inspect">'


def is_report(path) -> bool:
    """True for a page this module wrote (which may be replaced without asking)."""
    try:
        with open(path, "rb") as f:
            return GENERATOR.encode() in f.read(200)
    except OSError:
        return False


def page(title: str, summary: str, body: str) -> str:
    """A self-contained HTML page (no scripts, no outside files)."""
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8">{GENERATOR}<title>{html.escape(title)}</title>'
            f"<style>{_STYLE}</style></head><body><h1>{html.escape(title)}</h1>"
            f'<p class="note">{html.escape(summary)}</p><pre>{body}</pre></body></html>\n')
