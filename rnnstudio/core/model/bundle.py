"""The portable model file (``.rnnstudio``): safetensors weights plus a JSON header.

Layout: tensors ``model.*`` are the weights to sample with (the best ones when
``keep_best`` was on); ``resume.*`` hold what continuing training needs (the
current weights when they differ, optimiser moments, the carried hidden state,
the random generator). The safetensors metadata key ``rnnstudio`` holds the
JSON header: format version, configs, vocabulary, history, corpus and the
plain-value part of the resume state. Nothing is ever unpickled.
"""
from __future__ import annotations

import json
import math
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import torch

from ..config import EXTENSION, ModelConfig, TrainConfig  # noqa: F401  (EXTENSION: the file's name ends so)
from ..errors import ModelFileError
from ..files import atomic_write
from .network import CharRNN, parameter_shapes
from ..data.tokenizer import Tokenizer

FORMAT = "rnnstudio"
FORMAT_VERSION = 1


@dataclass
class ResumeState:
    """The plain values of the training state, as the header stores them. Only this module
    names the keys; from_dict checks every type, so a damaged header is a clean error."""
    step: int = 0
    epoch: int = 0
    window: int = 0
    symbols_seen: int = 0
    elapsed: float = 0.0
    best_val: float | None = None
    evals_since_best: int = 0
    lr: dict[str, Any] = field(default_factory=dict)          # the schedule's own state
    optimizer: str = ""
    param_groups: list[dict[str, Any]] = field(default_factory=list)
    last_lr: float | None = None
    budget: tuple[int, float] | None = None                  # (max_steps, max_seconds) it ran under

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["budget"] = list(self.budget) if self.budget is not None else None
        return d

    @classmethod
    def from_dict(cls, d: Any) -> "ResumeState":
        if not isinstance(d, dict):
            raise ValueError("the training state is not a table of values")

        def number(key, kind, default, optional=False):
            v = d.get(key, default)
            if v is None and optional:
                return None
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                raise ValueError(f"the training state's {key!r} is not a number")
            if not math.isfinite(v):
                # A run whose validation loss diverged saved NaN as its best: read it as
                # "no best yet" so the user's own file still opens; any other count is damage.
                if key == "best_val":
                    return None
                raise ValueError(f"the training state's {key!r} is not a finite number")
            if kind is int and v != int(v):
                raise ValueError(f"the training state's {key!r} is not a whole number")
            if v < 0 and key != "last_lr":
                raise ValueError(f"the training state's {key!r} is negative")
            return kind(v)

        lr, groups, budget = d.get("lr") or {}, d.get("param_groups") or [], d.get("budget")
        if not isinstance(lr, dict) or not isinstance(groups, list) or not all(isinstance(g, dict) for g in groups):
            raise ValueError("the training state's optimiser settings are damaged")
        if budget is not None:
            if (not isinstance(budget, list) or len(budget) != 2
                    or not all(isinstance(x, (int, float)) and not isinstance(x, bool) and math.isfinite(x)
                               for x in budget)):
                raise ValueError("the training state's budget is damaged")
            budget = (int(budget[0]), float(budget[1]))
        optimizer = d.get("optimizer", "")
        if not isinstance(optimizer, str):
            raise ValueError("the training state's optimiser name is not text")
        return cls(number("step", int, 0), number("epoch", int, 0), number("window", int, 0),
                   number("symbols_seen", int, 0), number("elapsed", float, 0.0),
                   number("best_val", float, None, optional=True), number("evals_since_best", int, 0),
                   lr, optimizer, groups, number("last_lr", float, None, optional=True), budget)


@dataclass
class ModelBundle:
    model_config: ModelConfig
    tokenizer: Tokenizer
    weights: dict[str, torch.Tensor]                 # CharRNN state_dict, on the CPU
    train_config: TrainConfig | None = None
    history: dict[str, Any] = field(default_factory=dict)   # {"train": [[step, loss]...], "val": [...]}
    corpus: dict[str, Any] = field(default_factory=dict)    # name, hash, symbols, encoding
    resume: ResumeState | None = None                # plain values of the training state
    resume_tensors: dict[str, torch.Tensor] = field(default_factory=dict)
    app_version: str = ""

    def build_model(self, device: str | torch.device = "cpu") -> CharRNN:
        model = CharRNN(self.model_config)
        model.load_state_dict(self.weights)
        return model.to(device).eval()

    def header(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "app_version": self.app_version,
            "model": self.model_config.to_dict(),
            "tokenizer": self.tokenizer.to_dict(),
            "train": self.train_config.to_dict() if self.train_config else None,
            "history": self.history,
            "corpus": self.corpus,
            "resume": self.resume.to_dict() if self.resume else None,
        }

    @property
    def progress(self) -> ResumeState:
        """Where training stands (all zero for an exported file that cannot be continued)."""
        return self.resume or ResumeState()


@dataclass
class ResumeTensors:
    """What continuing training needs besides plain values, as the trainer hands it over: the
    current weights (when the saved ones are the best, not the last), the optimiser's
    per-parameter tensors, the carried hidden state and the random generators. Only this
    module turns it into named tensors of the file, and back."""
    current_weights: dict[str, torch.Tensor] | None = None
    optimizer: dict[int, dict[str, torch.Tensor]] = field(default_factory=dict)   # param id -> name -> tensor
    hidden: tuple[torch.Tensor, ...] = ()
    rng: dict[str, torch.Tensor] = field(default_factory=dict)                  # "cpu", "cuda"

    def to_tensors(self) -> dict[str, torch.Tensor]:
        out = {f"weights.{k}": v for k, v in (self.current_weights or {}).items()}
        for pid, entries in self.optimizer.items():
            out.update({f"optim.{pid}.{name}": value for name, value in entries.items()})
        out.update({f"hidden.{i}": h for i, h in enumerate(self.hidden)})
        out.update({f"rng.{k}": v for k, v in self.rng.items()})
        return out

    @classmethod
    def from_tensors(cls, t: dict[str, torch.Tensor]) -> "ResumeTensors":
        optimizer: dict[int, dict[str, torch.Tensor]] = {}
        for key, value in t.items():
            if key.startswith("optim."):
                _, pid, name = key.split(".", 2)
                optimizer.setdefault(int(pid), {})[name] = value
        current = {k[len("weights."):]: v for k, v in t.items() if k.startswith("weights.")}
        hidden = tuple(t[f"hidden.{i}"] for i in range(2) if f"hidden.{i}" in t)
        rng = {k[len("rng."):]: v for k, v in t.items() if k.startswith("rng.")}
        return cls(current or None, optimizer, hidden, rng)


def save_bundle(bundle: ModelBundle, path: str | os.PathLike) -> Path:
    from safetensors.torch import save

    tensors = {f"model.{k}": v.detach().cpu().contiguous() for k, v in bundle.weights.items()}
    tensors.update({f"resume.{k}": v.detach().cpu().contiguous() for k, v in bundle.resume_tensors.items()})
    data = save(tensors, metadata={"format": FORMAT, FORMAT: json.dumps(bundle.header(), ensure_ascii=False)})
    target = Path(path)
    atomic_write(target, data)
    return target


def _metadata(path) -> dict | None:
    """The safetensors header's metadata of an RNN Studio model, read without the tensors, or None."""
    try:
        with open(path, "rb") as f:
            head = f.read(8)
            if len(head) < 8:
                return None
            n = int.from_bytes(head, "little")
            if not 0 < n < 1 << 26:
                return None
            meta = json.loads(f.read(n)).get("__metadata__") or {}
        return meta if meta.get("format") == FORMAT else None
    except (OSError, ValueError, UnicodeDecodeError, AttributeError):
        return None


def is_model_file(path: str | os.PathLike) -> bool:
    """True for a file that begins like an RNN Studio model (a safetensors header naming our format)."""
    return _metadata(path) is not None


def summary(path: str | os.PathLike) -> dict | None:
    """What a model file says of itself, from its header alone (no tensors, no torch): the text's
    name, the steps trained and the file's time; None when it is not a readable model."""
    meta = _metadata(path)
    try:
        header = json.loads(meta[FORMAT])
        step = int((header.get("resume") or {}).get("step", 0))
        text = str((header.get("corpus") or {}).get("name", ""))
        return {"text": text, "steps": max(step, 0), "time": Path(path).stat().st_mtime}
    except (TypeError, KeyError, ValueError, AttributeError, OSError):
        return None


def load_bundle(path: str | os.PathLike) -> ModelBundle:
    """Read a model file; every way it can be wrong raises ModelFileError."""
    p = Path(path)
    if p.is_dir():
        raise ModelFileError(path=str(p), detail="this is a folder, not a model file")
    if not p.is_file():
        raise ModelFileError(path=str(p), detail="no such file")
    return bundle_from_bytes(p.read_bytes(), str(p))


def bundle_from_bytes(data: bytes, name: str) -> ModelBundle:
    """A model file's bytes read as load_bundle reads the file (``name`` is what errors call it:
    the file they came from)."""
    from safetensors import SafetensorError
    from safetensors.torch import load

    p = name
    if len(data) < 8:
        raise ModelFileError(path=str(p), detail="the file is empty or truncated")
    try:
        header_len = int.from_bytes(data[:8], "little")
        if header_len <= 0 or header_len > len(data) - 8:
            raise ValueError
        raw = json.loads(data[8:8 + header_len])
        meta = raw.get("__metadata__") or {}
    except (ValueError, UnicodeDecodeError, AttributeError):
        raise ModelFileError(path=str(p), detail="this is not an RNN Studio model file, or it is truncated") from None
    if meta.get("format") != FORMAT or FORMAT not in meta:
        raise ModelFileError(path=str(p), detail="this is not an RNN Studio model file")
    try:
        header = json.loads(meta[FORMAT])
        version = int(header["format_version"])
    except (ValueError, KeyError, TypeError):
        raise ModelFileError(path=str(p), detail="the model file's header is damaged") from None
    if version > FORMAT_VERSION:
        raise ModelFileError(path=str(p), detail=(
            f"this model was saved by a newer RNN Studio (file format {version}; this version reads "
            f"up to {FORMAT_VERSION}); please update the app"))
    try:
        tensors = load(data)
    except (SafetensorError, ValueError, RuntimeError) as exc:
        raise ModelFileError(path=str(p), detail=f"the model file is damaged or truncated ({exc})") from None
    try:
        model_config = ModelConfig.from_dict(header["model"])
        tokenizer = Tokenizer.from_dict(header["tokenizer"])
        train_config = TrainConfig.from_dict(header["train"]) if header.get("train") else None
        resume = ResumeState.from_dict(header["resume"]) if header.get("resume") else None
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelFileError(path=str(p), detail=f"the model file's settings are damaged ({exc})") from None
    weights = {k[6:]: v for k, v in tensors.items() if k.startswith("model.")}
    resume_tensors = {k[7:]: v for k, v in tensors.items() if k.startswith("resume.")}
    bundle = ModelBundle(model_config, tokenizer, weights, train_config, header.get("history") or {},
                         header.get("corpus") or {}, resume, resume_tensors,
                         header.get("app_version", ""))
    if tokenizer.vocab_size != model_config.vocab_size:
        raise ModelFileError(path=str(p), detail="the vocabulary does not match the model")
    problem = _check_weights(model_config, weights)
    if problem:
        raise ModelFileError(path=str(p), detail=problem)
    return bundle


def _check_weights(config: ModelConfig, weights: dict) -> str | None:
    """One line on what is wrong with the weights, or None."""
    if 4 * config.layers + 2 * len(config.cutoffs) > len(weights):   # before listing a million layers' names
        return (f"the weights do not match the model's settings ({config.layers} layers, "
                f"but the file holds only {len(weights)} tensors)")
    expected = parameter_shapes(config)
    missing = sorted(set(expected) - set(weights))
    if missing:
        return f"the weights do not match the model's settings ({missing[0]} is missing)"
    for name, want in expected.items():
        got = weights[name]
        if tuple(got.shape) != want:
            return (f"the weights do not match the model's settings ({name}: expected "
                    f"{'x'.join(map(str, want))}, found {'x'.join(map(str, got.shape))})")
        if got.is_floating_point() and not bool(torch.isfinite(got).all()):
            return "the weights hold invalid numbers (not a number or infinity)"
    return None
