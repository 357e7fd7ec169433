"""rnnstudio.core stays free of Qt, so the CLI and tests run without a display."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN = ("PySide6", "PyQt5", "PyQt6", "pyqtgraph", "shiboken6", "qtpy")


def test_core_sources_import_no_qt():
    offenders = []
    for path in (ROOT / "rnnstudio" / "core").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert not offenders


def test_importing_the_engine_and_cli_loads_no_qt():
    code = ("import sys, rnnstudio.core.train, rnnstudio.core.export, rnnstudio.cli;"
            f"bad = [m for m in {FORBIDDEN!r} if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stdout + res.stderr


def _imports(path: Path) -> list[str]:
    """Modules a source file imports, made absolute (relative imports resolved)."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - (node.level - 1)] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            out.append(module)
            out += [f"{module}.{a.name}" for a in node.names]
    return out


def test_layers_point_one_way():
    """core -> nothing of ours above it; cli -> core only; gui -> core and itself."""
    rules = {"rnnstudio/core": ("rnnstudio.gui", "rnnstudio.cli"), "rnnstudio/cli.py": ("rnnstudio.gui",)}
    offenders = []
    for where, forbidden in rules.items():
        target = ROOT / where
        for path in ([target] if target.is_file() else target.rglob("*.py")):
            offenders += [f"{path.name} imports {m}" for m in _imports(path) if m.startswith(forbidden)]
    assert not offenders


def test_gui_modules_have_no_import_cycles():
    gui = ROOT / "rnnstudio" / "gui"
    graph = {p.stem: {m.split(".")[2] for m in _imports(p) if m.startswith("rnnstudio.gui.")} - {p.stem}
             for p in gui.glob("*.py")}
    graph = {k: {m for m in v if m in graph} for k, v in graph.items()}

    def reaches(start, goal, seen=()):
        return any(n == goal or (n not in seen and reaches(n, goal, (*seen, n))) for n in graph[start])

    cycles = [m for m in graph if reaches(m, m)]
    assert not cycles, cycles
