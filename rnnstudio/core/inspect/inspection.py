"""One Inspect run: everything the app's Inspect views show for one model and one text,
computed together off the GUI thread (the views only draw it)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .activations import Trace, trace
from .memorise import Memorisation, TextIndex, memorisation
from .surprise import Surprise, surprise

EXCERPT = 2000           # symbols of validation text shown by default
GRADIENT_WINDOWS = 8     # validation windows the gradient through time is averaged over
GRADIENT_LENGTH = 100    # steps back it is followed


@dataclass
class Inspection:
    trace: Trace
    surprise: Surprise | None          # None for a text of one symbol
    memorisation: Memorisation | None  # None without an index of the training text
    gradient: np.ndarray | None        # ‖∂loss_T/∂h_{T−k}‖, k = 0 …; None without validation text


def validation_excerpt(corpus, val_fraction: float, length: int = EXCERPT) -> str:
    _, val = corpus.split(val_fraction)
    return corpus.tokenizer.decode(val[:length].numpy())


def gradient_windows(corpus, val_fraction: float, length: int = GRADIENT_LENGTH,
                     windows: int = GRADIENT_WINDOWS) -> np.ndarray | None:
    """(windows, length+1) ids from the validation text, evenly spread over it."""
    _, val = corpus.split(val_fraction)
    val = val.numpy().astype(np.int64)
    if len(val) < length + 1:
        return None
    starts = np.linspace(0, len(val) - length - 1, windows).astype(int)
    return np.stack([val[s:s + length + 1] for s in starts])


def inspect_text(bundle, text: str, *, index: TextIndex | None = None, windows: np.ndarray | None = None,
                 check=lambda: None) -> Inspection:
    """``check`` is called between the parts (the app's Cancel raises from it)."""
    from .gradflow import gradient_through_time

    model, tok = bundle.build_model(), bundle.tokenizer
    t = trace(model, tok, text)
    check()
    s = surprise(model, tok, text, features=t.layers[-1].h) if len(t.ids) > 1 else None
    check()
    m = memorisation(index, t.symbols) if index is not None else None
    check()
    g = gradient_through_time(model, windows) if windows is not None else None
    return Inspection(t, s, m, g)
