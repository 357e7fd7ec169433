"""The architecture holds: the import contracts in pyproject.toml (import-linter) — the layers of
core, core free of the app, the command line and Qt, views never importing pages, no circles
anywhere in rnnstudio — and importing the engine and the command line loads no Qt."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "pyqtgraph", "shiboken6", "qtpy")


def _lint_imports() -> str:
    exe = shutil.which("lint-imports") or str(Path(sys.executable).parent / "lint-imports")
    return exe


def test_the_import_contracts_hold():
    res = subprocess.run([_lint_imports(), "--no-cache"], capture_output=True, text=True, cwd=ROOT,
                         env={"PYTHONPATH": str(ROOT), "PATH": str(Path(sys.executable).parent)})
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-2000:]
    assert "BROKEN" not in res.stdout and res.stdout.count("KEPT") == 5, res.stdout[-2000:]


def test_a_broken_contract_is_caught(tmp_path):
    """The checker itself can fail: a copy of the package where a view imports a page and the
    engine imports the app breaks those two contracts and no other."""
    copy = tmp_path / "rnnstudio"
    shutil.copytree(ROOT / "rnnstudio", copy, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    with open(copy / "gui" / "views" / "curves.py", "a", encoding="utf-8") as f:
        f.write("\nfrom ..pages import train_page  # noqa\n")
    with open(copy / "core" / "data" / "corpus.py", "a", encoding="utf-8") as f:
        f.write("\nfrom ..training import train  # noqa\n")
    res = subprocess.run([_lint_imports(), "--no-cache"], capture_output=True, text=True, cwd=tmp_path,
                         env={"PYTHONPATH": str(tmp_path), "PATH": str(Path(sys.executable).parent)})
    assert res.returncode != 0
    assert res.stdout.count("BROKEN") == 3, res.stdout[-3000:]   # the layers, views, and the circle it makes
    assert "rnnstudio.gui.views.curves -> rnnstudio.gui.pages.train_page" in res.stdout


def test_importing_the_engine_and_cli_loads_no_qt():
    code = ("import sys, rnnstudio.core.training.train, rnnstudio.core.model.export, rnnstudio.cli;"
            f"bad = [m for m in {FORBIDDEN!r} if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stdout + res.stderr


def test_the_command_lines_parser_loads_no_torch():
    """`rnnstudio-cli --help` and a bad option answer at once: building the parser with every
    command's options imports no torch (about 1.5 s)."""
    code = ("import sys\nfrom rnnstudio.cli.main import build_parser\nbuild_parser()\n"
            "print('torch' in sys.modules)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0 and res.stdout.strip() == "False", res.stdout + res.stderr
