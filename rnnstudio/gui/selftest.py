"""``rnnstudio --self-test``: prove that this installation (or frozen bundle) works.

Headless: loads the bundled sample corpus, opens the main window, trains a few
steps through the app's own worker thread, samples, saves a model to a
temporary folder and loads it back. Prints one line per check and a summary;
exits 0 only if everything passed. With ``--check-model PATH`` it also opens a
model file made elsewhere (by a pip install or another build) and samples from it.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from ..core.config import EXTENSION


def _wait(signal, ms: int) -> bool:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    fired = []
    signal.connect(lambda *a: (fired.append(True), loop.quit()))
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    return bool(fired)


def run(save_to: str | None = None, check_model: str | None = None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("RNNSTUDIO_APP_NAME", "RNNStudioSelfTest")
    t0 = time.perf_counter()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])
    from ..core.model.bundle import load_bundle
    from ..core.config import SampleConfig
    from ..core.model.sample import Sampler
    from .bundled import resource
    from .window import create_window
    from .settings import Settings

    done = []
    from . import folders
    folders.log_dir().mkdir(parents=True, exist_ok=True)
    report = open(folders.log_dir() / "selftest.log", "w", encoding="utf-8")

    def say(line: str) -> None:
        # A windowed build on Windows has no stdout; the log file always gets the lines.
        if sys.stdout is not None:
            print(line, flush=True)
        report.write(line + "\n")
        report.flush()

    def check(name: str, ok: bool, detail: str = "") -> None:
        done.append(ok)
        say(f"self-test: {'ok  ' if ok else 'FAIL'} {name}{': ' + detail if detail else ''}")

    with tempfile.TemporaryDirectory() as tmp:
        window = create_window(Settings(Path(tmp) / "settings.ini"), language="en")
        window.show()
        corpus_path = resource("corpora", "tinyshakespeare.txt")
        check("bundled corpus present", corpus_path.exists(), str(corpus_path))
        window.load_corpus([str(corpus_path)])
        loaded = _wait(window.corpus_page.loaded, 60000) and window.session.corpus is not None
        check("corpus loaded", loaded, f"{len(window.session.corpus):,} symbols" if loaded else "")
        page = window.model_page
        page.preset.setCurrentIndex(page.preset.findData("tiny"))
        page.max_minutes.setValue(0)
        page.max_steps.setValue(30)
        page.eval_interval.setValue(15)
        window.start_training()
        trained = _wait(window.train_page.training_finished, 300000) and window.session.bundle is not None
        losses = window.train_page.curves.losses
        check("trained 30 steps", trained and len(losses) == 30 and losses[-1] < losses[0],
              f"loss {losses[0]:.3f} -> {losses[-1]:.3f}" if losses else "no steps")
        cfg = SampleConfig(prime="ROMEO:", length=100, seed=1)
        text = ""
        if trained:
            text = Sampler.from_bundle(window.session.bundle).generate(cfg)[0]
        check("sampled 100 symbols", len(text) == 100, repr(text[:30]))
        path = Path(save_to) if save_to else Path(tmp) / f"selftest{EXTENSION}"
        saved = trained and window.write_model(str(path), wait=True)
        check("saved model", bool(saved) and path.exists(), str(path))
        if saved:
            again = load_bundle(path)
            check("loaded it back, same text", Sampler.from_bundle(again).generate(cfg)[0] == text)
        if saved:
            from ..core.model.export import export
            for fmt, name in (("html", "m.html"), ("onnx", "m.onnx"), ("pt2", "m.pt2")):
                try:
                    target, _ = export(again, fmt, Path(tmp) / name)
                    check(f"exported {fmt}", target.stat().st_size > 0)
                except Exception as exc:  # noqa: BLE001 - reported as a failed check
                    check(f"exported {fmt}", False, f"{type(exc).__name__}: {exc}")
        if saved:
            try:   # the Inspect views' engine, including the memorisation index's C library
                from ..core.inspect.memorise import TextIndex, memorisation
                from ..core.inspect.surprise import surprise
                excerpt = window.session.corpus.tokenizer.decode(window.session.corpus.ids[:200].numpy())
                nats = surprise(again.build_model(), again.tokenizer, excerpt).nats
                copied = memorisation(TextIndex(excerpt * 2), list(excerpt[:100])).shares[32]
                check("inspected a text", 0 < nats < 10 and copied == 1.0, f"{nats:.2f} nats")
            except Exception as exc:  # noqa: BLE001 - reported as a failed check
                check("inspected a text", False, f"{type(exc).__name__}: {exc}")
        try:   # the run library and a search study in the default storage beside it
            from ..core.experiments.runs import RunLibrary
            from ..core.experiments.search import open_study
            from ..core.experiments.storage import default_storage
            library = RunLibrary(Path(tmp) / "runs.db")
            study = open_study("selftest", default_storage(library.path))
            trial = study.ask()
            study.tell(trial, trial.suggest_float("lr", 1e-3, 1e-2))
            check("run library and search storage", len(library.runs()) >= 0 and len(study.trials) == 1)
        except Exception as exc:  # noqa: BLE001 - reported as a failed check
            check("run library and search storage", False, f"{type(exc).__name__}: {exc}")
        if check_model:
            try:
                other = load_bundle(check_model)
                sample = Sampler.from_bundle(other).generate(cfg.replace(prime="", length=50))[0]
                check("opened a model made elsewhere", len(sample) == 50, check_model)
            except Exception as exc:  # noqa: BLE001 - reported as a failed check
                check("opened a model made elsewhere", False, str(exc))
        window.session.set_dirty(False)
        window.close()
    app.processEvents()
    ok = all(done)
    say(f"self-test: {'passed' if ok else 'FAILED'}: {sum(done)}/{len(done)} checks in "
        f"{time.perf_counter() - t0:.1f} s")
    report.close()
    return 0 if ok else 1
