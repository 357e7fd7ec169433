"""numpy's BLAS runs on one thread in RNN Studio, so that text generated while training does
not fight torch's threads for the cores; a user's own setting is kept."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import ctypes, glob, json, os, rnnstudio, numpy
print(os.environ["OPENBLAS_NUM_THREADS"])
libs = glob.glob(os.path.join(os.path.dirname(numpy.__file__), "..", "numpy.libs", "*openblas*"))
counts = []
for path in libs:   # the pool OpenBLAS really made (pip's numpy bundles it under a prefix)
    lib = ctypes.CDLL(path)
    for name in ("scipy_openblas_get_num_threads64_", "scipy_openblas_get_num_threads", "openblas_get_num_threads"):
        if hasattr(lib, name):
            counts.append(getattr(lib, name)())
            break
print(json.dumps(counts))
"""


def _probe(**env):
    base = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    res = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120,
                         env={**base, "PYTHONPATH": str(ROOT), **env}, cwd=ROOT)
    assert res.returncode == 0, res.stderr[-1000:]
    setting, counts = res.stdout.split("\n")[:2]
    return setting, json.loads(counts)


def test_importing_rnnstudio_puts_openblas_on_one_thread():
    setting, counts = _probe()
    assert setting == "1"
    assert all(c == 1 for c in counts)   # empty where numpy uses another BLAS: the setting is then moot


def test_a_users_own_setting_is_kept():
    setting, counts = _probe(OPENBLAS_NUM_THREADS="2")
    assert setting == "2" and all(c == 2 for c in counts)
