"""Shared fixtures. Qt runs offscreen and every test gets its own settings and
data folders, so tests never touch a user's real files."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # pytest-qt has no option for this
# Generation's products in float32 unless a test asks for int8 (tests/core/test_int8.py): the
# tests that hold the compiled step to torch's network to 1e-5 hold the float32 kernels, on every
# CPU; where int8 is the default (kernels.int8) its own tests hold it, and its CLI test runs it so
os.environ["RNNSTUDIO_INT8"] = "0"
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
# Before any test module imports numpy: the package's own settings for it (OpenBLAS on one
# thread) must hold here as they do in the app, or the tests run a BLAS the app never runs.
import rnnstudio  # noqa: E402,F401

SHAKESPEARE = ROOT / "resources" / "corpora" / "tinyshakespeare.txt"
TANG = ROOT / "resources" / "corpora" / "tang_poems.txt"


@pytest.fixture(autouse=True)
def compiled_step_not_loaded(monkeypatch):
    """Each test starts as a new process does: the compiled generation step not loaded, so
    generations under sample.COMPILED_FROM symbols run the numpy step (the frozen app's path),
    however many tests before this one loaded numba. A test that wants it asks for it."""
    from rnnstudio.core.model import kernels
    monkeypatch.setattr(kernels, "_kernels", None)
    monkeypatch.setattr(kernels, "_failed", False)


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"), ("XDG_CACHE_HOME", "cache"),
                     ("XDG_STATE_HOME", "state")):
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("RNNSTUDIO_APP_NAME", "RNNStudioTests")
    yield home


@pytest.fixture(scope="session")
def shakespeare_text() -> str:
    return SHAKESPEARE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def small_text(shakespeare_text) -> str:
    """About 30,000 characters: enough for a tiny model to learn something in seconds."""
    return shakespeare_text[:30000]


@pytest.fixture(scope="session")
def tang_text() -> str:
    return TANG.read_text(encoding="utf-8")
