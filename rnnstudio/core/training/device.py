"""Which device and precision to train on, and the one context every step runs in.

Precision has one code path per device: ``precision_scope`` is the only place that turns
"bf16" into torch settings. Whether the CPU has native bfloat16 decides only what ``auto``
picks; an explicit "bf16" runs anywhere. On a CPU without it, oneDNN has no bfloat16 LSTM,
so the scope switches oneDNN off and torch's own kernels run the step (correct, slower):
the suite exercises the bf16 path that way on any machine.
"""
from __future__ import annotations

import contextlib
import os
import threading

import torch

from ..errors import DeviceError

# A test or a bench may ask what "auto" would do on another machine: "bf16" or "fp32".
AUTO_OVERRIDE = "RNNSTUDIO_AUTO_PRECISION"


def _fail(reason: str, detail: str):
    raise DeviceError(reason=reason, detail=detail)


def resolve_device(name: str = "auto") -> torch.device:
    """``auto`` picks CUDA, then Apple MPS, then the CPU; an explicit name that is
    not available raises DeviceError with a plain reason."""
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if _mps_available():
            return torch.device("mps")
        return torch.device("cpu")
    if name == "cuda" and not torch.cuda.is_available():
        _fail("cuda_missing", "CUDA was asked for, but no CUDA GPU is available")
    if name == "mps" and not _mps_available():
        _fail("mps_missing", "Apple MPS was asked for, but it is not available on this machine")
    if name not in ("cpu", "cuda", "mps"):
        _fail("unknown", f"unknown device {name!r}")
    return torch.device(name)


def _mps_available() -> bool:
    return bool(getattr(torch.backends, "mps", None) and torch.backends.mps.is_available())


def cpu_has_bf16() -> bool:
    """True on CPUs with native bfloat16 maths (AVX-512-BF16 or AMX)."""
    cpu = getattr(torch, "cpu", None)
    for probe in ("_is_amx_tile_supported", "_is_avx512_bf16_supported"):
        fn = getattr(cpu, probe, None)
        if fn is not None and fn():
            return True
    return False


def default_precision(device_type: str, *, cpu_bf16: bool, cuda_bf16: bool) -> str:
    """The rule for ``auto``, on its own so a test can hold it for every kind of machine:
    bfloat16 where the benchmarks showed it faster at equal loss (CPUs with AMX or
    AVX-512-BF16, CUDA GPUs with bf16), fp32 everywhere else (older CPUs, Apple MPS)."""
    if device_type == "cpu" and cpu_bf16:
        return "bf16"
    if device_type == "cuda" and cuda_bf16:
        return "bf16"
    return "fp32"


def resolve_precision(precision: str, device: torch.device) -> str:
    if precision == "bf16" and device.type == "mps":
        _fail("bf16_mps", "bfloat16 training is not supported on Apple MPS; use fp32")
    if precision != "auto":
        return precision
    override = os.environ.get(AUTO_OVERRIDE, "").strip().lower()
    if override in ("bf16", "fp32") and not (override == "bf16" and device.type == "mps"):
        return override
    return default_precision(device.type, cpu_bf16=device.type == "cpu" and cpu_has_bf16(),
                             cuda_bf16=device.type == "cuda" and torch.cuda.is_bf16_supported())


def emulated_bf16(device: torch.device, precision: str) -> bool:
    """bf16 on a CPU without native bfloat16: torch's own kernels, not oneDNN's."""
    return precision == "bf16" and device.type == "cpu" and not cpu_has_bf16()


class _OneDNNOff:
    """oneDNN switched off while any emulated-bf16 step runs, in any thread. torch's switch is
    one process-wide flag, and its own context manager restores the value it found, so two
    threads nesting it (the app's speed meter beside a training run) could leave it on in the
    middle of the other's step; a count under a lock cannot."""

    def __init__(self):
        self._lock = threading.Lock()
        self._users = 0
        self._before = True

    @contextlib.contextmanager
    def held(self):
        with self._lock:
            if self._users == 0:
                self._before = torch.backends.mkldnn.enabled
                torch._C._set_mkldnn_enabled(False)
            self._users += 1
        try:
            yield
        finally:
            with self._lock:
                self._users -= 1
                if self._users == 0:
                    torch._C._set_mkldnn_enabled(self._before)


_onednn_off = _OneDNNOff()


@contextlib.contextmanager
def precision_scope(device: torch.device, precision: str):
    """The context of every forward and backward pass of training and evaluation."""
    if precision != "bf16":
        yield
        return
    with contextlib.ExitStack() as stack:
        if emulated_bf16(device, precision):
            stack.enter_context(_onednn_off.held())
        stack.enter_context(torch.autocast(device.type, dtype=torch.bfloat16))
        yield


def backward_scope(device: torch.device, precision: str):
    """The backward pass runs outside autocast, but must not meet oneDNN's kernels either
    where the forward avoided them."""
    return _onednn_off.held() if emulated_bf16(device, precision) else contextlib.nullcontext()
