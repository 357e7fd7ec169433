"""App benchmark: prints one JSON line, every figure measured in this run.

    QT_QPA_PLATFORM=offscreen python bench/bench_app.py [--seconds 30]

1. window_ms: time from the start of a fresh process to the main window shown
   (torch is imported in the background, not before the window).
2. The same training (default preset, Tiny Shakespeare, a fixed time) run twice:
   by the engine alone, as the CLI runs it, and inside the app with live plots.
   app_vs_engine is the ratio of symbols/s (target >= 0.95).
3. max_gap_ms: the longest the app's event loop went without running a 5 ms
   timer while it trained (target <= 100 ms), with the 99th percentile.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("RNNSTUDIO_APP_NAME", "RNNStudioBench")

STARTUP = """
import sys, time
t0 = time.perf_counter()
sys.path.insert(0, {root!r})
from PySide6.QtWidgets import QApplication
app = QApplication([])
from rnnstudio.gui.window import create_window
w = create_window()
w.show()
app.processEvents()
print((time.perf_counter() - t0) * 1000, 'torch' in sys.modules)
"""


def window_ms() -> tuple[float, bool]:
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", STARTUP.format(root=str(ROOT))], capture_output=True, text=True,
                         check=True).stdout.split()
    total = (time.perf_counter() - t0) * 1000  # includes the interpreter's own start
    return total, out[1] == "True"


def engine_rate(corpus, model, train) -> float:
    from rnnstudio.core.training.train import Trainer

    trainer = Trainer(corpus, model, train)
    last = None
    for ev in trainer.run():
        if type(ev).__name__ == "Step":
            last = ev
    return last.progress.symbols_seen / last.progress.elapsed, last.progress.step


def app_rate(model, train, seconds: float, hide: bool = False):
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from rnnstudio.gui.app import _warm_up_torch
    from rnnstudio.gui.window import create_window
    from rnnstudio.gui.bundled import resource

    app = QApplication.instance() or QApplication([])  # noqa: F841 - must stay alive
    _warm_up_torch()  # the app does this in a background thread while the window opens
    window = create_window()
    window.show()
    loop = QEventLoop()
    window.corpus_page.loaded.connect(loop.quit)
    window.load_corpus([str(resource("corpora", "tinyshakespeare.txt"))])
    loop.exec()

    gaps: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]


    def tick():
        now = clock.nsecsElapsed()
        gap = (now - last[0]) / 1e6
        gaps.append(gap)
        if gap > 60 and os.environ.get("RNNSTUDIO_BENCH_DEBUG"):
            p = window.train_page.last_progress
            print(f"gap {gap:.0f} ms at {now / 1e9:.2f} s, step {p.step if p else None}", file=sys.stderr)
        last[0] = now

    timer = QTimer()
    timer.setInterval(5)
    timer.timeout.connect(tick)
    page = window.train_page
    window.model_page.preset.setCurrentIndex(window.model_page.preset.findData("small"))
    window.model_page.max_steps.setValue(0)
    window.model_page.max_minutes.setValue(seconds / 60)
    window.model_page.eval_interval.setValue(train.eval_interval)
    done = QEventLoop()
    page.training_finished.connect(done.quit)
    timer.start()
    window.start_training()
    if hide:
        window.tabs.setCurrentWidget(window.corpus_page)
    done.exec()
    timer.stop()
    p = page.last_progress
    window.session.set_dirty(False)
    window.close()
    gaps = sorted(gaps)
    return p.symbols_seen / p.elapsed, p.step, gaps[-1], gaps[int(len(gaps) * 0.99)]


def one(kind: str, seconds: float) -> dict:
    """One measurement, in a process of its own (the parent runs each kind alternately)."""
    from rnnstudio.core.config import DEFAULT_PRESET, preset
    from rnnstudio.core.data.corpus import load_corpus
    from rnnstudio.gui.bundled import resource

    p = preset(DEFAULT_PRESET)
    # Training speed alone: the one evaluation at the end is outside the timed steps.
    train = p.train.replace(max_steps=0, max_seconds=seconds, eval_interval=0)
    if kind == "engine":
        rate, steps = engine_rate(load_corpus(resource("corpora", "tinyshakespeare.txt")), p.model, train)
        return {"rate": rate, "steps": steps}
    rate, steps, max_gap, p99 = app_rate(p.model, train, seconds)
    return {"rate": rate, "steps": steps, "max_gap": max_gap, "p99": p99}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--one", choices=("engine", "app"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(one(args.one, args.seconds)))
        sys.stdout.flush()
        os._exit(0)  # skip interpreter teardown: PySide and torch objects in odd orders can crash it

    ms, torch_loaded = window_ms()
    runs = {"engine": [], "app": []}
    for _ in range(args.rounds):  # alternate, so a busy moment on the machine hits both alike
        for kind in ("engine", "app"):
            out = subprocess.run([sys.executable, __file__, "--one", kind, "--seconds", str(args.seconds)],
                                 capture_output=True, text=True, check=True).stdout
            runs[kind].append(json.loads(out.strip().splitlines()[-1]))
    engine = max(r["rate"] for r in runs["engine"])
    app = max(r["rate"] for r in runs["app"])
    print(json.dumps({
        "window_ms_from_process_start": round(ms), "torch_imported_before_window": torch_loaded,
        "train_seconds": args.seconds, "rounds": args.rounds,
        "engine_sym_s": round(engine), "app_sym_s": round(app), "app_vs_engine": round(app / engine, 3),
        "max_event_loop_gap_ms": round(max(r["max_gap"] for r in runs["app"]), 1),
        "p99_event_loop_gap_ms": round(max(r["p99"] for r in runs["app"]), 1),
    }))


if __name__ == "__main__":
    main()
