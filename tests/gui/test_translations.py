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


def test_the_engines_value_errors_reach_chinese_users_in_chinese(qtbot, window):
    """Each engine message that the app's input can cause has its translation, and each still
    matches what the engine raises (a reworded message would fall back silently otherwise); any
    other ValueError is a bug to the user: one sentence with the log's path, never English text."""
    import re

    from rnnstudio.gui import i18n
    from rnnstudio.gui.folders import log_file
    from rnnstudio.gui.messages import _value_text, describe

    engine = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "rnnstudio" / "core").rglob("*.py"))
    raised = set(re.findall(r'raise ValueError\(f?"([^"]+)"', engine)) | set(re.findall(r'_check\([^"]*"([^"]+)"\)', engine))
    raised |= set(re.findall(r'\n\s+"([^"]+)"\)\n', engine))   # _check's message on its own line
    i18n.install("zh_CN")
    try:
        for message in ("the marked symbols must be some of the text, not none or all of it", "the text is empty",
                        "the text has no symbols the model knows", "need at least 2 symbols",
                        "the text needs at least two symbols the model knows",
                        "the corpus must be encoded with the model's vocabulary to continue training it",
                        "the model needs a vocabulary of at least 2 symbols",
                        "set a step limit, a time limit, or both",
                        "the time for a trial and for the search must be above 0"):
            assert message in raised, f"the engine no longer says {message!r}"
            text = describe(ValueError(message))
            assert text == _value_text(message) and not re.search("[A-Za-z]{3}", text), text
        assert not re.search("[A-Za-z]{3}", describe(ValueError("cannot vary colour; choose from lr")))
        text = describe(ValueError("an internal slip"))
        assert "internal slip" not in text and str(log_file()) in text
        assert not re.search("[A-Za-z]{3}", describe(OSError(28, "No space left on device", "/x/y")).replace("/x/y", ""))
    finally:
        i18n.install("en")


@pytest.mark.parametrize("language, look_in, types, name", [("zh_CN", "查找范围(&L)：", "文件类型(&T)：", "名称"),
                                                         ("en", "&Look in:", "Files of &type:", "Name")])
def test_qts_own_file_dialog_speaks_the_apps_language(qtbot, make_window, monkeypatch, language, look_in, types, name):
    """File → Open model opens Qt's own dialog here (no desktop portal): its labels and columns
    come from Qt's translations, and it is wide enough that the columns are not cut off."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QHeaderView, QLabel

    from rnnstudio.gui import dialogs

    from .conftest import REAL_DIALOGS

    monkeypatch.setattr(dialogs, "open_file", REAL_DIALOGS["open_file"])
    window = make_window(language=language)
    seen = {}

    def look():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(20, look)
            return
        seen["labels"] = {label.text() for label in dialog.findChildren(QLabel)}
        header = dialog.findChildren(QHeaderView)[0]
        model = header.model()
        seen["columns"] = [model.headerData(i, header.orientation()) for i in range(header.count())]
        seen["width"] = dialog.width()
        dialog.reject()

    QTimer.singleShot(0, look)
    window.act_open_model.trigger()
    assert look_in in seen["labels"] and types in seen["labels"], seen["labels"]
    assert name in seen["columns"] and seen["width"] >= 900
