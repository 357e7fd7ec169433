"""Every user-visible string of the app has a Chinese translation, and the compiled
.qm is up to date with the .ts."""
from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "rnnstudio_zh_CN.ts"
QM = TS.with_suffix(".qm")


def _messages(path: Path) -> dict[tuple[str, str], ET.Element]:
    root = ET.parse(path).getroot()
    return {(ctx.findtext("name"), m.findtext("source")): m.find("translation")
            for ctx in root.iter("context") for m in ctx.iter("message")}


def _lupdate() -> str | None:
    exe = shutil.which("pyside6-lupdate") or str(Path(sys.executable).parent / "pyside6-lupdate")
    return exe if Path(exe).exists() else None


@pytest.mark.skipif(_lupdate() is None, reason="pyside6-lupdate is not installed")
def test_every_string_in_the_code_is_in_the_ts_file_and_translated(tmp_path):
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "rnnstudio" / "gui").rglob("*.py"))
    subprocess.run([_lupdate(), *sources, "-ts", str(fresh)], check=True, capture_output=True)
    ours = _messages(TS)
    missing = [key for key in _messages(fresh) if key not in ours]
    assert not missing, f"strings missing from {TS.name} (run tools/update_translations.sh): {missing[:10]}"
    untranslated = [key for key, t in ours.items()
                    if t.get("type") in ("unfinished",) or not (t.text or "").strip()]
    assert not untranslated, f"untranslated in {TS.name}: {untranslated[:10]}"


def test_placeholders_survive_translation():
    import re
    for (ctx, source), t in _messages(TS).items():
        if t.get("type") in ("vanished", "obsolete"):
            continue
        wanted = sorted(set(re.findall(r"\{(\w+)(?::[^}]*)?\}", source)))
        got = sorted(set(re.findall(r"\{(\w+)(?::[^}]*)?\}", t.text or "")))
        assert wanted == got, (ctx, source, t.text)


def test_compiled_translation_is_there():
    assert QM.exists() and QM.stat().st_size > 1000
