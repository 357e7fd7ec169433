"""Which device and precision to train on."""
from __future__ import annotations

import contextlib

import torch

from .errors import DeviceError


def _fail(reason: str, detail: str):
    raise DeviceError(reason=reason, detail=detail)


def resolve_device(name: str = "auto") -> torch.device:
    """``auto`` picks CUDA, then Apple MPS, then the CPU; an explicit name that is
    not available raises ValueError with a plain reason."""
    if name == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda")
        if getattr(torch.backends, "mps", None) and torch.backends.mps.is_available():
            return torch.device("mps")
        return torch.device("cpu")
    if name == "cuda" and not torch.cuda.is_available():
        _fail("cuda_missing", "CUDA was asked for, but no CUDA GPU is available")
    if name == "mps" and not (getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()):
        _fail("mps_missing", "Apple MPS was asked for, but it is not available on this machine")
    if name not in ("cpu", "cuda", "mps"):
        _fail("unknown", f"unknown device {name!r}")
    return torch.device(name)


def cpu_has_bf16() -> bool:
    """True on CPUs with native bfloat16 maths (AVX-512-BF16 or AMX)."""
    cpu = getattr(torch, "cpu", None)
    for probe in ("_is_amx_tile_supported", "_is_avx512_bf16_supported"):
        fn = getattr(cpu, probe, None)
        if fn is not None and fn():
            return True
    return False


def resolve_precision(precision: str, device: torch.device) -> str:
    """``auto`` means bfloat16 where the benchmark showed it faster at equal loss
    (CPUs with AMX/AVX-512-BF16, CUDA GPUs with bf16), else fp32."""
    if precision != "auto":
        if precision == "bf16" and device.type == "mps":
            _fail("bf16_mps", "bfloat16 training is not supported on Apple MPS; use fp32")
        if precision == "bf16" and device.type == "cpu" and not cpu_has_bf16():
            # oneDNN has no bfloat16 LSTM for such CPUs: it fails inside the first step otherwise.
            _fail("bf16_cpu", "bfloat16 training needs a CPU with AVX-512-BF16 or AMX, which this one lacks; "
                              "use fp32 (or auto)")
        return precision
    if device.type == "cpu" and cpu_has_bf16():
        return "bf16"
    if device.type == "cuda" and torch.cuda.is_bf16_supported():
        return "bf16"
    return "fp32"


def autocast(device: torch.device, precision: str):
    if precision == "bf16":
        return torch.autocast(device.type, dtype=torch.bfloat16)
    return contextlib.nullcontext()
