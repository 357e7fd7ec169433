"""Export a trained model for use outside the app: a web page (web_export.py), ONNX, or a
torch.export program (``.pt2``); ONNX and pt2 with the vocabulary as JSON beside them.

ONNX and pt2 take ``idx`` (batch, time) int64 and the hidden state, and return the
logits (batch, time, vocab) and the new hidden state, so a caller can stream
one symbol at a time. LSTM models take and return ``h`` and ``c``; GRU and
vanilla RNN models only ``h``. Each hidden tensor is (layers, batch, hidden).
In ONNX batch and time are free; the pt2 program's batch is free and its time is one
symbol (torch.export fixes the length of an RNN's input to the example's, as its shape
functions unroll the recurrence), so a prime is fed a symbol at a time.

TorchScript is gone: PyTorch deprecates it, and pt2 replaces it.
"""
from __future__ import annotations

import inspect
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

FORMATS = ("html", "onnx", "pt2")
TORCHSCRIPT_GONE = ("TorchScript export is gone (PyTorch deprecates TorchScript): use --format pt2 (torch.export, "
                    "loaded with torch.export.load) or --format onnx instead")


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


def _wrapped(bundle: ModelBundle, batch: int = 1, time: int = 4):
    model = bundle.build_model("cpu")
    cfg = model.config
    h = torch.zeros(cfg.layers, batch, cfg.hidden_size)
    idx = torch.zeros(batch, time, dtype=torch.long)
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


def _onnx(bundle: ModelBundle) -> bytes:
    module, args, inputs, outputs = _wrapped(bundle)
    buffer = io.BytesIO()
    dims = {"idx": {0: "batch", 1: "time"}, "logits": {0: "batch", 1: "time"}}
    for name in inputs[1:] + outputs[1:]:
        dims[name] = {1: "batch"}
    torch.onnx.export(module, args, buffer, input_names=inputs, output_names=outputs,
                      dynamic_axes=dims, opset_version=17, dynamo=False)
    return buffer.getvalue()


def _pt2(bundle: ModelBundle) -> bytes:
    """An ExportedProgram: ``torch.export.load(path).module()(idx, h[, c])``, batch free, time 1."""
    from torch.export import Dim

    # an example batch of 2: torch.export would take a batch of 1 for a constant
    module, args, _, _ = _wrapped(bundle, batch=2, time=1)
    batch = Dim("batch", min=1)
    shapes = ({0: batch},) + tuple({1: batch} for _ in args[1:])
    # non-strict: traced by running the module; strict tracing (Dynamo, the default of older
    # torch releases) does not trace nn.LSTM/GRU/RNN
    options = {"strict": False} if "strict" in inspect.signature(torch.export.export).parameters else {}
    try:
        program = torch.export.export(module, args, dynamic_shapes=shapes, **options)
    except Exception as exc:   # an older torch.export that cannot trace this network: one clear line
        raise ValueError(f"torch {torch.__version__} cannot export this model with torch.export "
                         f"({type(exc).__name__}); use --format onnx, or a newer torch") from exc
    buffer = io.BytesIO()
    torch.export.save(program, buffer)
    return buffer.getvalue()


def export(bundle: ModelBundle, fmt: str, path: str | os.PathLike, *, name: str = "",
           language: str = "en") -> tuple[Path, Path | None]:
    """Write the model to ``path``, and for ONNX and pt2 the vocabulary to ``<path>.vocab.json``
    (a web page holds its own). Returns both paths (the second None for a page). Each file is
    written whole or not at all. ``name`` and ``language`` are the page's title and words."""
    if fmt == "torchscript":
        raise ValueError(TORCHSCRIPT_GONE)
    if fmt not in FORMATS:
        raise ValueError(f"export format must be one of {', '.join(FORMATS)}")
    target = Path(path)
    if fmt == "html":
        from .web_export import write_page
        return write_page(bundle, target, name=name, language=language), None
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")  # exporters warn about RNN batch sizes and deprecations
        data = _onnx(bundle) if fmt == "onnx" else _pt2(bundle)
    atomic_write(target, data)   # exported in memory, then written whole or not at all
    vocab = target.with_name(target.name + ".vocab.json")
    atomic_write(vocab, vocabulary_json(bundle).encode("utf-8"))
    return target, vocab
