"""Export a trained model for use outside the app: ONNX or TorchScript, plus the
vocabulary as JSON beside it.

Both take ``idx`` (batch, time) int64 and the hidden state, and return the
logits (batch, time, vocab) and the new hidden state, so a caller can stream
one symbol at a time. LSTM models take and return ``h`` and ``c``; GRU and
vanilla RNN models only ``h``. Each hidden tensor is (layers, batch, hidden).
"""
from __future__ import annotations

import io
import json
import os
import warnings
from pathlib import Path

import torch
from torch import nn

from .bundle import ModelBundle
from ..errors import ModelFileError
from ..files import atomic_write
from .network import CharRNN
from ..data.tokenizer import Tokenizer

FORMATS = ("onnx", "torchscript")


class _LSTMExport(nn.Module):
    def __init__(self, model: CharRNN):
        super().__init__()
        self.model = model

    def forward(self, idx: torch.Tensor, h: torch.Tensor, c: torch.Tensor):
        logits, (h, c) = self.model(idx, (h, c))
        return logits, h, c


class _SingleStateExport(nn.Module):
    def __init__(self, model: CharRNN):
        super().__init__()
        self.model = model

    def forward(self, idx: torch.Tensor, h: torch.Tensor):
        logits, h = self.model(idx, h)
        return logits, h


def _wrapped(bundle: ModelBundle):
    model = bundle.build_model("cpu")
    cfg = model.config
    h = torch.zeros(cfg.layers, 1, cfg.hidden_size)
    idx = torch.zeros(1, 4, dtype=torch.long)
    if cfg.cell == "lstm":
        return _LSTMExport(model).eval(), (idx, h, h.clone()), ["idx", "h", "c"], ["logits", "h_out", "c_out"]
    return _SingleStateExport(model).eval(), (idx, h), ["idx", "h"], ["logits", "h_out"]


def vocabulary_json(bundle: ModelBundle) -> str:
    """The vocabulary beside an export: the model file's own form (Tokenizer.to_dict), with the
    unknown symbol's id and notes for a script that runs the exported model."""
    tok = bundle.tokenizer
    return json.dumps({**tok.to_dict(), "unknown_id": tok.unk_id, "model": bundle.model_config.to_dict(),
                       "inputs": "idx int64 (batch, time); hidden state(s) float32 (layers, batch, hidden)",
                       "outputs": "logits float32 (batch, time, vocab); new hidden state(s)"},
                      ensure_ascii=False, indent=1)


def read_vocabulary(path: str | os.PathLike) -> Tokenizer:
    """Read the ``.vocab.json`` written beside an export, for a script that runs the exported
    model: ``tok.encode(text)`` gives its ``idx``, ``tok.symbol(i)`` the symbol of output ``i``.
    Every way the file can be wrong raises ModelFileError."""
    p = Path(path)
    if p.is_dir():
        raise ModelFileError(path=str(p), detail="this is a folder, not a vocabulary file")
    try:
        d = json.loads(p.read_bytes().decode("utf-8"))
    except FileNotFoundError:
        raise ModelFileError(path=str(p), detail="no such file") from None
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ModelFileError(path=str(p), detail="this is not a vocabulary file (not JSON text)") from None
    try:
        return Tokenizer.from_dict(d)
    except ValueError as exc:
        raise ModelFileError(path=str(p), detail=f"the vocabulary file is damaged ({exc})") from None


def export(bundle: ModelBundle, fmt: str, path: str | os.PathLike) -> tuple[Path, Path]:
    """Write the model to ``path`` and the vocabulary to ``<path>.vocab.json``.
    Returns both paths. Each file is written whole or not at all."""
    if fmt not in FORMATS:
        raise ValueError(f"export format must be one of {', '.join(FORMATS)}")
    target = Path(path)
    module, args, inputs, outputs = _wrapped(bundle)
    buffer = io.BytesIO()   # exported in memory, then written whole (files.atomic_write) or not at all
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # exporters warn about RNN batch sizes and deprecations
        if fmt == "torchscript":
            torch.jit.save(torch.jit.trace(module, args, check_trace=False), buffer)
        else:
            dims = {"idx": {0: "batch", 1: "time"}, "logits": {0: "batch", 1: "time"}}
            for name in inputs[1:] + outputs[1:]:
                dims[name] = {1: "batch"}
            torch.onnx.export(module, args, buffer, input_names=inputs, output_names=outputs,
                              dynamic_axes=dims, opset_version=17, dynamo=False)
    atomic_write(target, buffer.getvalue())
    vocab = target.with_name(target.name + ".vocab.json")
    atomic_write(vocab, vocabulary_json(bundle).encode("utf-8"))
    return target, vocab
