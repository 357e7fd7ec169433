"""A model as one web page: it generates text in any current browser, from disk (file://),
with no Python, no server and no network.

The page (``web_page.html`` beside this module) holds its own recurrent step in plain
JavaScript; this module fills in the weights and the vocabulary as JSON: each tensor as
base64 of little-endian float32, which the page decodes into Float32Arrays. The step does in
JavaScript what core/model/stepper.py does in numpy — torch's equations for each cell (LSTM
gates i, f, g, o; GRU r, z, n with n = tanh(W_in·x + b_in + r·(W_hn·h + b_hn))), a full
softmax or nn.AdaptiveLogSoftmaxWithLoss.log_prob, then the symbol chosen as the engine
chooses it (temperature 0 = the likeliest, the first of equals; the unknown symbol never
written) — so at temperature 0 it writes what ``rnnstudio-cli sample --temperature 0``
writes. float32, not float16: halving the page would change greedy text against the engine's.
"""
from __future__ import annotations

import base64
import functools
import json
import os
import re
from importlib import resources
from pathlib import Path

import numpy as np

from .. import __version__
from ..config import CELLS
from ..files import atomic_write
from .bundle import ModelBundle
from .sample import start_id

LANGUAGES = ("en", "zh_CN")
TEMPLATE = "web_page.html"
_MODEL_SLOT = "__RNNSTUDIO_MODEL__"
_LANG_SLOT = "__RNNSTUDIO_LANG__"
_TITLE_SLOT = "__RNNSTUDIO_TITLE__"


def _b64(tensor) -> str:
    array = tensor.detach().to("cpu").float().numpy().astype("<f4", copy=False)
    return base64.b64encode(np.ascontiguousarray(array).tobytes()).decode("ascii")


@functools.lru_cache(maxsize=None)
def _python_classes() -> tuple[str, str]:
    """Python's own ``\\w`` and ``\\s`` (those of core/data/tokenizer.py) as the insides of
    JavaScript character classes, for the page's word tokenizer: JavaScript's ``\\p{L}\\p{N}`` and
    ``\\s`` follow the browser's Unicode version, not this Python's, and differ at the edges."""
    def ranges(pattern: str) -> str:
        out = []
        for first, stop in ((0, 0xD800), (0xE000, 0x110000)):   # every code point but the surrogates, in order:
            text = "".join(map(chr, range(first, stop)))         # each run the pattern matches is one range
            for m in re.finditer(pattern, text):
                a, b = first + m.start(), first + m.end() - 1
                out.append(f"\\u{{{a:x}}}" + (f"-\\u{{{b:x}}}" if b > a else ""))
        return "".join(out)

    return ranges(r"\w+"), ranges(r"\s+")


def model_data(bundle: ModelBundle, name: str = "", language: str = "en") -> dict:
    """Everything the page needs, as plain JSON values."""
    cfg, tok, w = bundle.model_config, bundle.tokenizer, bundle.weights
    if cfg.cell not in CELLS:
        raise ValueError(f"a web page cannot run the cell {cfg.cell!r}")
    if language not in LANGUAGES:
        raise ValueError(f"the page's language must be one of {', '.join(LANGUAGES)} (got {language!r})")
    layers = [{k: _b64(w[f"rnn.{k}_l{i}"]) for k in ("weight_ih", "weight_hh", "bias_ih", "bias_hh")}
              for i in range(cfg.layers)]
    if cfg.cutoffs:
        cuts = [c for c in cfg.cutoffs] + [cfg.vocab_size]
        tails = [{"proj": _b64(w[f"head.tail.{i}.0.weight"]), "out": _b64(w[f"head.tail.{i}.1.weight"]),
                  "size": int(w[f"head.tail.{i}.0.weight"].shape[0])} for i in range(len(cfg.cutoffs))]
        head = {"kind": "adaptive", "cutoffs": cuts, "head": _b64(w["head.head.weight"]),
                "head_bias": _b64(w["head.head.bias"]) if "head.head.bias" in w else None,
                "tails": tails, "rank": [int(r) for r in w["rank"].tolist()]}
    else:
        head = {"kind": "full", "weight": _b64(w["head.weight"]), "bias": _b64(w["head.bias"])}
    vals = [v for _, v in bundle.history.get("val", [])]
    return {
        "format": 1,
        "language": language,
        "name": name,
        "app_version": __version__,
        "corpus": {"name": str(bundle.corpus.get("name", "")), "symbols": int(bundle.corpus.get("symbols", 0) or 0)},
        "val_loss": min(vals) if vals else None,
        "config": {"cell": cfg.cell, "layers": cfg.layers, "hidden": cfg.hidden_size, "emb": cfg.emb_size,
                   "vocab": cfg.vocab_size},
        "tokenizer": {"kind": tok.kind, "symbols": tok.symbols, "unk": tok.unk_id, "start": start_id(tok),
                      **(dict(zip(("word", "space"), _python_classes())) if tok.kind == "word" else {})},
        "emb": _b64(w["emb.weight"]),
        "layers": layers,
        "head": head,
    }


def _template() -> str:
    return resources.files(__package__).joinpath(TEMPLATE).read_text(encoding="utf-8")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def build_page(bundle: ModelBundle, name: str = "", language: str = "en") -> str:
    """The page's HTML text, weights and vocabulary inlined."""
    data = model_data(bundle, name, language)
    # Inside <script type="application/json">: "</" would end the element, so it is escaped
    # (JSON reads "<\/" as "</"); the page parses the text with JSON.parse, never as code.
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    page = _template()
    title = f"{name} — RNN Studio" if name else "RNN Studio"
    page = page.replace(_LANG_SLOT, "zh-CN" if language == "zh_CN" else "en")
    page = page.replace(_TITLE_SLOT, _escape(title))
    return page.replace(_MODEL_SLOT, payload)


def write_page(bundle: ModelBundle, path: str | os.PathLike, name: str = "", language: str = "en") -> Path:
    """Write the page whole or not at all."""
    target = Path(path)
    return atomic_write(target, build_page(bundle, name or target.stem, language).encode("utf-8"))
