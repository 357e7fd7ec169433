"""Reliability figures: prints one JSON line.

    python bench/bench_reliability.py [--quick]

1. close_while_training_s: the real app (offscreen, its own process) trains; the window is
   closed (answering "stop" and "discard"); seconds until closeEvent returns. Goal ≤ 2 s.
2. memory_per_task_mb: one app process runs 20 rounds of train / sample / export; the
   resident memory after round 5 and after round 20, and the growth per round. Goal: flat
   (≤ 5 MB a round).
3. first_step_100mb_s: `rnnstudio-cli train BIG --steps 1` on a 100 MB text, wall time of
   the process (reading, encoding, one step, the bounded evaluation, saving).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHAKESPEARE = ROOT / "resources" / "corpora" / "tinyshakespeare.txt"

APP = r"""
import json, os, resource, sys, time
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from rnnstudio.gui import dialogs
dialogs.ask = lambda *a: True
dialogs.ask_save_discard_cancel = lambda *a: "discard"
dialogs.save_file = lambda *a, **k: os.path.join(sys.argv[2], "m.onnx")
from rnnstudio.gui.settings import Settings
from rnnstudio.gui.window import create_window

def wait(signal, ms=300000):
    loop = QEventLoop(); signal.connect(loop.quit); QTimer.singleShot(ms, loop.quit); loop.exec()

def rss_mb():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6

w = create_window(Settings(os.path.join(sys.argv[2], "s.ini")), language="en")
w.show()
w.load_corpus([sys.argv[1]]); wait(w.corpus_page.loaded)
p = w.model_page
p.preset.setCurrentIndex(p.preset.findData("tiny")); p.max_minutes.setValue(0); p.eval_seconds.setValue(0)
mode, rounds = sys.argv[3], int(sys.argv[4])
if mode == "close":
    p.max_steps.setValue(10**6); p.eval_interval.setValue(50)
    w.start_training()
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < 8:
        app.processEvents()
    t = time.perf_counter(); w.close(); print(json.dumps({"close_s": time.perf_counter() - t}))
else:
    p.max_steps.setValue(30); p.eval_interval.setValue(15)
    seen = []
    for i in range(rounds):
        w.start_training(); wait(w.train_page.training_finished)
        s = w.sample_page; s.length.setValue(300); s.generate(); wait(s.generation_finished)
        w.export_model(); wait(w.export_finished)
        app.processEvents()
        seen.append(rss_mb())
    print(json.dumps({"rss_mb": seen}))
    w.session.set_dirty(False); w.close()
sys.stdout.flush(); os._exit(0)
"""


def run_app(mode: str, rounds: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
               "RNNSTUDIO_APP_NAME": "RNNStudioBench", "XDG_DATA_HOME": tmp, "XDG_CONFIG_HOME": tmp}
        res = subprocess.run([sys.executable, "-c", APP, str(SHAKESPEARE), tmp, mode, str(rounds)],
                             capture_output=True, text=True, env=env, timeout=3600)
        lines = [ln for ln in res.stdout.splitlines() if ln.startswith("{")]
        if not lines:
            raise SystemExit(res.stdout + res.stderr)
        return json.loads(lines[-1])


def first_step(mb: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.txt"
        chunk = SHAKESPEARE.read_bytes()
        with open(big, "wb") as f:
            for _ in range(mb * 1_000_000 // len(chunk) + 1):
                f.write(chunk)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        t0 = time.perf_counter()
        res = subprocess.run([sys.executable, "-m", "rnnstudio.cli", "train", str(big), "--out",
                              str(Path(tmp) / "m.rnnstudio"), "--steps", "1", "--quiet"],
                             capture_output=True, text=True, env=env, timeout=1800)
        wall = time.perf_counter() - t0
        if res.returncode != 0:
            raise SystemExit(res.stdout + res.stderr)
        return {"text_mb": round(big.stat().st_size / 1e6), "first_step_wall_s": round(wall, 1)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    out = {"date": time.strftime("%Y-%m-%d"), "cores": os.cpu_count()}
    out["close_while_training_s"] = round(run_app("close", 0)["close_s"], 3)
    rss = run_app("tasks", 6 if args.quick else 20)["rss_mb"]
    base = rss[min(4, len(rss) - 1)]
    out["memory"] = {"rss_after_round_5_mb": round(base), "rss_after_last_round_mb": round(rss[-1]),
                     "rounds": len(rss),
                     "growth_per_round_mb": round((rss[-1] - base) / max(1, len(rss) - 5), 2)}
    out.update(first_step(10 if args.quick else 100))
    print(json.dumps(out))


if __name__ == "__main__":
    main()
