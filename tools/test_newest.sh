#!/usr/bin/env bash
# The whole suite against the newest release of every dependency, torch first: what
# `pip install torch` gives Windows and macOS users today (on Linux the newest wheel on the
# public index is the CUDA build, about 3 GB with its libraries; it runs on a CPU too).
# .ci/run calls this after the README's test command, so both the pinned torch and the
# newest one are tested at every submission. Usage: tools/test_newest.sh [VENV]
set -euo pipefail
cd "$(dirname "$0")/.."
venv=${1:-.venv-newest}
# No pip configuration: a machine's own caps or local wheel folders must not choose older releases.
export PIP_CONFIG_FILE=/dev/null PIP_DISABLE_PIP_VERSION_CHECK=1
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
install() { "$venv/bin/pip" install -q --upgrade --upgrade-strategy eager "$@"; }
# one retry: a dropped connection is not a test result
install torch || install torch
install -e ".[test]" || install -e ".[test]"
"$venv/bin/python" - <<'PY'
import importlib.metadata as md
names = ("torch", "numpy", "optuna", "PySide6-Essentials", "pyqtgraph", "onnx", "onnxruntime", "onnxscript",
         "safetensors", "SQLAlchemy", "psycopg", "numba", "pytest", "hypothesis")
print("newest: " + ", ".join(f"{n} {md.version(n)}" for n in names))
PY
QT_QPA_PLATFORM=offscreen "$venv/bin/python" -m pytest -q -p no:cacheprovider
