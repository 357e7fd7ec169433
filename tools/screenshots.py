"""Walk through the real app on an X display and save screenshots of every step.

    xvfb-run -a -s "-screen 0 1400x900x24" python tools/screenshots.py [--out docs/screenshots] [--size 1360x860]

Check small and large screens too, e.g. ``-screen 0 1280x800x24 ... --size 1280x800`` and
``-screen 0 1920x1080x24 ... --size 1920x1080``.

Needs Debian's xvfb, libxcb-icccm4, libxcb-keysyms1 and a CJK font (fonts-wqy-microhei)
for the Chinese pass. Settings and autosaves go to a temporary folder.
"""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


SIZE = [1360, 860]   # the window's size (--size)


def wait_for(signal, timeout_ms: int = 300000) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    signal.connect(loop.quit)
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()


def settle(ms: int = 400) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def shoot(widget, path: Path) -> None:
    settle()
    screen = widget.screen()
    pixmap = screen.grabWindow(widget.winId()) if os.environ.get("DISPLAY") else widget.grab()
    if pixmap.isNull():
        pixmap = widget.grab()
    pixmap.save(str(path))
    print("saved", path)


def wait_until(condition, timeout_ms: int = 60000) -> None:
    import time
    deadline = time.monotonic() + timeout_ms / 1000
    while not condition() and time.monotonic() < deadline:
        settle(100)


def walk(language: str, corpus: str, prime: str, out: Path, steps: int) -> None:
    from rnnstudio.gui.window import create_window
    from rnnstudio.gui.settings import Settings
    from rnnstudio.gui.bundled import resource

    with tempfile.TemporaryDirectory() as tmp:
        # a fresh data folder for each language: the Runs tab shows this walk's runs only
        for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
            os.environ[var] = str(Path(tmp) / var.lower())
        window = create_window(Settings(Path(tmp) / "settings.ini"), language=language)
        window.resize(*SIZE)
        window.show()
        tag = "en" if language == "en" else "zh"
        shoot(window, out / f"{tag}-0-start.png")

        window.load_corpus([str(resource("corpora", corpus))])
        wait_for(window.corpus_page.loaded)
        shoot(window, out / f"{tag}-1-text.png")

        page = window.model_page
        page.preset.setCurrentIndex(page.preset.findData("auto"))   # the defaults, fitted to the text
        page.max_minutes.setValue(0)
        page.max_steps.setValue(steps)
        page.eval_interval.setValue(max(1, steps // 6))
        window.tabs.setCurrentWidget(page)
        wait_until(lambda: page.measured is not None)   # the speed, measured on this computer
        shoot(window, out / f"{tag}-2-model.png")

        window.start_training()
        wait_for(window.train_page.training_finished, 900000)
        shoot(window, out / f"{tag}-3-train.png")

        sample = window.sample_page
        window.tabs.setCurrentWidget(sample)
        sample.prime.setPlainText(prime)
        sample.length.setValue(400)
        sample.fixed_seed.setChecked(True)
        sample.seed.setValue(3)
        sample.top_p.setValue(0.95)
        sample.generate()
        wait_for(sample.generation_finished)
        shoot(window, out / f"{tag}-4-generate.png")

        sample.length.setValue(200)
        sample.compare()
        wait_for(sample.generation_finished)
        shoot(sample.compare_dialog, out / f"{tag}-5-compare.png")
        sample.compare_dialog.close()
        inspect_views(window, tag, out)
        experiments(window, tag, out)
        window.session.set_dirty(False)
        window.close()


def inspect_views(window, tag: str, out: Path) -> None:
    """Step 5: each Inspect view, over validation text and over the generated sample."""
    page = window.inspect_page
    window.tabs.setCurrentWidget(page)
    wait_until(lambda: window.text_index.index is not None)
    page.source.setCurrentIndex(page.source.findData("validation"))
    page.run()
    wait_for(page.inspected)
    neurons = page.neurons
    neurons.probe.setCurrentIndex(neurons.probe.findData("line"))
    neurons.find_probe.click()
    if neurons.results.count():
        neurons._on_result(neurons.results.item(0))
    page.views.setCurrentWidget(neurons)
    shoot(window, out / f"{tag}-6-neurons.png")
    page.views.setCurrentWidget(page.gates)
    shoot(window, out / f"{tag}-7-gates.png")
    page.views.setCurrentWidget(page.surprise)
    shoot(window, out / f"{tag}-8-surprise.png")
    page.views.setCurrentWidget(page.gradients)
    shoot(window, out / f"{tag}-9-gradients.png")
    page.source.setCurrentIndex(page.source.findData("sample"))
    page.run()
    wait_for(page.inspected)
    page.views.setCurrentWidget(page.copying)
    shoot(window, out / f"{tag}-10-copying.png")


def experiments(window, tag: str, out: Path) -> None:
    """Steps 6 and 7: a short search, then every run of this walk overlaid."""
    page = window.search_page
    window.tabs.setCurrentWidget(page)
    for key, box in page.vary.items():
        box.setChecked(key in ("cell", "hidden_size", "lr"))
    page.trial.setValue(8)
    page.budget.setValue(0.6)
    page.toggle()
    wait_for(page.search_finished, 600000)
    shoot(window, out / f"{tag}-11-search.png")
    runs = window.runs_page
    window.tabs.setCurrentWidget(runs)
    settle()
    runs.table.selectAll()
    runs.overlay.axis.setCurrentIndex(runs.overlay.axis.findData("seconds"))
    shoot(window, out / f"{tag}-12-runs.png")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    ap.add_argument("--steps", type=int, default=500, help="training steps (three times as many in Chinese)")
    ap.add_argument("--languages", default="en,zh")
    ap.add_argument("--size", default="1360x860", help="the window's size, WIDTHxHEIGHT")
    args = ap.parse_args()
    import faulthandler
    faulthandler.enable(all_threads=True)   # a native crash (seen once, not reproduced) prints its stacks
    SIZE[:] = [int(n) for n in args.size.lower().split("x")]
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("RNNSTUDIO_APP_NAME", "RNNStudioScreenshots")

    from PySide6.QtWidgets import QApplication

    from rnnstudio.gui.window import app_icon

    app = QApplication(sys.argv[:1])
    from rnnstudio.gui.gc_guard import collect_in_gui_thread
    collect_in_gui_thread(app)   # as the app: the cycle collector never runs in a worker thread
    app.setApplicationName("RNN Studio")
    app.setWindowIcon(app_icon())
    if "en" in args.languages:
        walk("en", "tinyshakespeare.txt", "ROMEO:\n", out, args.steps)
    if "zh" in args.languages:
        # 5,371 distinct characters: the fitted defaults make steps of 1,024 symbols, so more of them
        walk("zh_CN", "tang_poems.txt", "春", out, args.steps * 3)
    sys.stdout.flush()
    os._exit(0)  # as the app does: no teardown of Qt and torch objects in arbitrary order


if __name__ == "__main__":
    sys.exit(main())
