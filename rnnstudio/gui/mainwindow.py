"""The main window: four steps as tabs, menus, drag and drop, files, closing."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, Signal, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMenu, QTabWidget

from .. import appdirs
from ..core import __version__
from ..core.errors import StudioError
from . import dialogs, i18n
from .corpus_page import CorpusPage
from .messages import describe
from .model_page import ModelPage
from .sample_page import SamplePage
from .session import Session
from .train_page import TrainPage
from .workers import Task, Worker

MODEL_SUFFIX = ".rnnstudio"


class MainWindow(QMainWindow):
    language_changed = Signal(str)
    export_finished = Signal()

    def __init__(self, settings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.session = Session(self)
        self.setAcceptDrops(True)
        self.setObjectName("mainWindow")

        self.corpus_page = CorpusPage(settings)
        self.model_page = ModelPage(settings)
        self.train_page = TrainPage(settings)
        self.sample_page = SamplePage(settings)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for page in (self.corpus_page, self.model_page, self.train_page, self.sample_page):
            self.tabs.addTab(page, "")
        self.setCentralWidget(self.tabs)
        self.status_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)

        self.corpus_page.loaded.connect(self._on_corpus_loaded)
        self.corpus_page.failed.connect(self._on_corpus_failed)
        self.corpus_page.open_file_requested.connect(self.open_text_file)
        self.corpus_page.open_folder_requested.connect(self.open_folder)
        self.model_page.validity_changed.connect(self._update_start)
        self.train_page.start_button.clicked.connect(self.start_training)
        self.train_page.model_ready.connect(self._on_model_ready)
        self.train_page.training_finished.connect(self._on_training_finished)
        self.train_page.diverged.connect(self._on_diverged)
        self.train_page.failed.connect(self._on_training_failed)
        self.sample_page.generation_failed.connect(self._on_sample_failed)
        self.session.dirty_changed.connect(self._update_title)
        self.session.model_changed.connect(self._on_model_changed)

        self._build_menus()
        self.retranslate()
        self.model_page.restore_state(settings)
        self._restore_geometry()
        self._update_start()
        self.autosave_path = appdirs.autosave_path()
        self.export_task: Task | None = None

    # ---- menus --------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.act_open_text = self._action(self.open_text_file, QKeySequence.StandardKey.Open)
        self.act_open_folder = self._action(self.open_folder)
        self.act_open_model = self._action(self.open_model_dialog, "Ctrl+Shift+O")
        self.recent_corpora = QMenu(self)
        self.recent_models = QMenu(self)
        self.act_new_model = self._action(self.new_model, QKeySequence.StandardKey.New)
        self.act_save = self._action(self.save_model, QKeySequence.StandardKey.Save)
        self.act_save_as = self._action(self.save_model_as, QKeySequence.StandardKey.SaveAs)
        self.act_export = self._action(self.export_model, "Ctrl+E")
        self.act_quit = self._action(self.close, QKeySequence.StandardKey.Quit)
        for item in (self.act_open_text, self.act_open_folder, self.act_open_model, None, self.recent_corpora,
                     self.recent_models, None, self.act_new_model, self.act_save, self.act_save_as, self.act_export,
                     None, self.act_quit):
            if item is None:
                self.file_menu.addSeparator()
            elif isinstance(item, QMenu):
                self.file_menu.addMenu(item)
            else:
                self.file_menu.addAction(item)
        self.recent_corpora.aboutToShow.connect(self._fill_recent)
        self.recent_models.aboutToShow.connect(self._fill_recent)

        self.language_menu = bar.addMenu("")
        group = QActionGroup(self)
        self.language_actions = {}
        for code in ("system", *i18n.LANGUAGES):
            act = QAction(self, checkable=True)
            act.setData(code)
            act.triggered.connect(self._on_language)
            group.addAction(act)
            self.language_menu.addAction(act)
            self.language_actions[code] = act
        current = self.settings.get("language", "system")
        self.language_actions.get(current, self.language_actions["system"]).setChecked(True)

        self.help_menu = bar.addMenu("")
        self.act_about = self._action(self.about)
        self.help_menu.addAction(self.act_about)

    def _action(self, slot, shortcut=None) -> QAction:
        act = QAction(self)
        act.triggered.connect(slot)
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        return act

    def retranslate(self) -> None:
        for i, text in enumerate((self.tr("1 · Text"), self.tr("2 · Model"), self.tr("3 · Train"),
                                  self.tr("4 · Generate"))):
            self.tabs.setTabText(i, text)
        self.file_menu.setTitle(self.tr("&File"))
        self.act_open_text.setText(self.tr("Open &text file…"))
        self.act_open_folder.setText(self.tr("Open &folder of texts…"))
        self.act_open_model.setText(self.tr("Open &model…"))
        self.recent_corpora.setTitle(self.tr("Recent texts"))
        self.recent_models.setTitle(self.tr("Recent models"))
        self.act_new_model.setText(self.tr("&New model"))
        self.act_save.setText(self.tr("&Save model"))
        self.act_save_as.setText(self.tr("Save model &as…"))
        self.act_export.setText(self.tr("&Export model…"))
        self.act_quit.setText(self.tr("&Quit"))
        self.language_menu.setTitle(self.tr("&Language"))
        self.language_actions["system"].setText(self.tr("System language"))
        for code, name in i18n.LANGUAGES.items():
            self.language_actions[code].setText(name)
        self.help_menu.setTitle(self.tr("&Help"))
        self.act_about.setText(self.tr("&About RNN Studio"))
        self._update_title()
        self._update_start()
        self._update_status()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @Slot()
    def _on_language(self) -> None:
        code = self.sender().data()
        self.set_language(code)

    def set_language(self, code: str) -> None:
        self.settings.set("language", code)
        if code in self.language_actions:
            self.language_actions[code].setChecked(True)
        i18n.install(code)
        # Qt posts LanguageChange to every widget; deliver them now so the switch is immediate.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        self.language_changed.emit(code)

    # ---- title and status -------------------------------------------------------------------
    @Slot()
    def _update_title(self, *_) -> None:
        parts = ["RNN Studio"]
        if self.session.corpus is not None:
            parts.append(self.session.corpus.name)
        if self.session.bundle is not None:
            name = Path(self.session.model_path).name if self.session.model_path else self.tr("unsaved model")
            parts.append(name + (" *" if self.session.dirty else ""))
        self.setWindowTitle(" — ".join(parts))

    def _update_status(self) -> None:
        c, b = self.session.corpus, self.session.bundle
        bits = []
        if c is not None:
            bits.append(self.tr("Text: {name}, {n} symbols").format(name=c.name, n=f"{len(c):,}"))
        if b is not None:
            step = (b.resume or {}).get("step", 0)
            bits.append(self.tr("Model: {cell} {layers}×{hidden}, {steps} steps trained").format(
                cell=b.model_config.cell, layers=b.model_config.layers, hidden=b.model_config.hidden_size,
                steps=step))
        self.status_label.setText("   ·   ".join(bits) if bits else self.tr("Open a text to begin."))

    @Slot()
    def _update_start(self, *_) -> None:
        problem = self.model_page.problem_text()
        if self.session.corpus is None:
            problem = self.tr("Choose a text to learn from first (step 1).")
        elif not problem:
            try:
                self.session.corpus.check_trainable(self.model_page.train_config().seq_len,
                                                    self.corpus_page.val_fraction())
            except (StudioError, ValueError) as exc:
                problem = describe(exc)
        self.train_page.set_start_allowed(not problem, problem)
        continuing = self.session.bundle is not None
        self.train_page.start_button.setText(self.tr("Continue training") if continuing else self.tr("Start training"))

    # ---- drag and drop ------------------------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths)

    def open_paths(self, paths: list[str]) -> None:
        """What File → Open and drag and drop share: models open as models, the rest as text."""
        models = [p for p in paths if p.lower().endswith(MODEL_SUFFIX)]
        texts = [p for p in paths if not p.lower().endswith(MODEL_SUFFIX)]
        if models:
            self.open_model(models[0])
        if texts:
            self.load_corpus(texts)

    # ---- corpus --------------------------------------------------------------------------------
    @Slot()
    def open_text_file(self) -> None:
        path = dialogs.open_file(self, self.tr("Open text"), self.tr("Text files (*.txt *.md *.csv *.tsv *.json "
                                 "*.xml *.html *.py *.c *.srt);;All files (*)"), self._last_dir())
        if path:
            self.open_paths([path])

    @Slot()
    def open_folder(self) -> None:
        path = dialogs.open_folder(self, self.tr("Open a folder of texts"), self._last_dir())
        if path:
            self.load_corpus([path])

    def load_corpus(self, paths: list[str]) -> None:
        self.tabs.setCurrentWidget(self.corpus_page)
        self.corpus_page.load(paths)

    @Slot(object)
    def _on_corpus_loaded(self, corpus) -> None:
        paths = self.corpus_page.paths or []
        self.session.set_corpus(corpus, paths, self.corpus_page.options())
        if len(paths) == 1:
            self.settings.add_recent("corpora", paths[0])
            self.settings.set("last_corpus", paths[0])
        self.settings.set("last_dir", str(Path(paths[0]).parent) if paths else "")
        self.model_page.set_vocab_size(corpus.tokenizer.vocab_size)
        self._update_title()
        self._update_start()
        self._update_status()

    @Slot(object)
    def _on_corpus_failed(self, exc) -> None:
        dialogs.error(self, self.tr("Could not use this text"), describe(exc))

    def _last_dir(self) -> str:
        return self.settings.get("last_dir", "")

    # ---- models ---------------------------------------------------------------------------------
    @Slot()
    def open_model_dialog(self) -> None:
        path = dialogs.open_file(self, self.tr("Open model"), self.tr("RNN Studio models (*.rnnstudio);;All files (*)"),
                                 self._last_dir())
        if path:
            self.open_model(path)

    def open_model(self, path: str, *, dirty: bool = False) -> bool:
        if self.train_page.running():
            dialogs.error(self, self.tr("Training is running"), self.tr("Stop training before opening a model."))
            return False
        if not self._may_discard():
            return False
        from ..core.bundle import load_bundle

        try:
            bundle = load_bundle(path)
        except Exception as exc:  # noqa: BLE001 - any unreadable file gets the same kind message
            dialogs.error(self, self.tr("Could not open the model"), describe(exc))
            return False
        self.session.set_model(bundle, None if dirty else path, dirty=dirty)
        if not dirty:
            self.settings.add_recent("models", path)
        self.train_page.load_history(bundle.history)
        self.tabs.setCurrentWidget(self.sample_page)
        return True

    @Slot()
    def new_model(self) -> None:
        if self.train_page.running() or not self._may_discard():
            return
        self.session.set_model(None, None, dirty=False)
        self.train_page.clear_plots()

    @Slot(object, bool)
    def _on_model_ready(self, bundle, final: bool) -> None:
        self.session.set_model(bundle, dirty=True)

    @Slot()
    def _on_model_changed(self) -> None:
        b = self.session.bundle
        self.sample_page.set_bundle(b)
        self.model_page.set_model_locked(b.model_config if b is not None else None)
        self._update_title()
        self._update_start()
        self._update_status()

    @Slot()
    def save_model(self) -> bool:
        if self.session.bundle is None:
            dialogs.info(self, self.tr("Nothing to save"), self.tr("Train a model first."))
            return False
        if self.session.model_path and not self.train_page.running():
            return self._write_model(self.session.model_path)
        return self.save_model_as()

    @Slot()
    def save_model_as(self) -> bool:
        if self.session.bundle is None:
            dialogs.info(self, self.tr("Nothing to save"), self.tr("Train a model first."))
            return False
        start = self.session.model_path or os.path.join(self._last_dir(), "model.rnnstudio")
        path = dialogs.save_file(self, self.tr("Save model"), self.tr("RNN Studio models (*.rnnstudio)"), start)
        if not path:
            return False
        if not path.lower().endswith(MODEL_SUFFIX):
            path += MODEL_SUFFIX
        return self._write_model(path)

    def _write_model(self, path: str) -> bool:
        from ..core.bundle import save_bundle

        try:
            save_bundle(self.session.bundle, path)
        except OSError as exc:
            dialogs.error(self, self.tr("Could not save the model"), describe(exc))
            return False
        self.session.model_path = path
        self.session.set_dirty(False)
        self.settings.add_recent("models", path)
        self._drop_autosave()
        self._update_title()
        self.statusBar().showMessage(self.tr("Saved {path}").format(path=path), 5000)
        return True

    @Slot()
    def export_model(self) -> None:
        if self.session.bundle is None:
            dialogs.info(self, self.tr("Nothing to export"), self.tr("Train or open a model first."))
            return
        path = dialogs.save_file(self, self.tr("Export model"),
                                 self.tr("ONNX (*.onnx);;TorchScript (*.pt)"), self._last_dir())
        if not path:
            return
        fmt = "torchscript" if path.lower().endswith((".pt", ".pth", ".torchscript")) else "onnx"
        if fmt == "onnx" and not path.lower().endswith(".onnx"):
            path += ".onnx"
        bundle = self.session.bundle

        def job():
            from ..core.export import export
            yield export(bundle, fmt, path)

        # Off the GUI thread: besides keeping the window responsive, torch maths run once on
        # the main thread leaves its thread pool there and slows later training threads ~40%.
        worker = Worker(job)
        worker.emitted.connect(self._on_exported)
        worker.failed.connect(self._on_export_failed)
        self.export_task = Task(worker, self)
        self.export_task.done.connect(self._on_export_done)
        self.export_task.done.connect(self.export_finished)
        self.act_export.setEnabled(False)
        self.statusBar().showMessage(self.tr("Exporting…"))
        self.export_task.start()

    @Slot(list)
    def _on_exported(self, items: list) -> None:
        model_path, vocab_path = items[-1]
        self.statusBar().showMessage(self.tr("Exported {model} and {vocab}").format(
            model=model_path.name, vocab=vocab_path.name), 8000)

    @Slot(object)
    def _on_export_failed(self, exc) -> None:
        self.statusBar().clearMessage()
        dialogs.error(self, self.tr("Could not export"), describe(exc))

    @Slot()
    def _on_export_done(self) -> None:
        self.act_export.setEnabled(True)
        self.export_task = None

    def _fill_recent(self) -> None:
        menu = self.sender()
        kind = "corpora" if menu is self.recent_corpora else "models"
        menu.clear()
        for path in self.settings.recent(kind):
            act = menu.addAction(path)
            act.setData(path)
            act.triggered.connect(self._open_recent)
        if menu.isEmpty():
            menu.addAction(self.tr("(none yet)")).setEnabled(False)

    @Slot()
    def _open_recent(self) -> None:
        path = self.sender().data()
        if not os.path.exists(path):
            dialogs.error(self, self.tr("Not found"), self.tr("“{path}” no longer exists.").format(path=path))
            return
        self.open_paths([path])

    # ---- training -----------------------------------------------------------------------------
    @Slot()
    def start_training(self) -> None:
        if self.session.corpus is None or self.train_page.running():
            return
        try:
            tc = self.model_page.train_config().replace(val_fraction=self.corpus_page.val_fraction())
        except ValueError as exc:
            dialogs.error(self, self.tr("Check the settings"), str(exc))
            return
        resume = self.session.bundle
        if resume is not None:
            r = resume.resume or {}
            # limits count from where the model is: "500 steps" means 500 more
            tc = tc.replace(max_steps=tc.max_steps + r.get("step", 0) if tc.max_steps else 0,
                            max_seconds=tc.max_seconds + r.get("elapsed", 0.0) if tc.max_seconds else 0.0)
            mc = resume.model_config
        else:
            mc = self.model_page.model_config()
        self.tabs.setCurrentWidget(self.train_page)
        self.train_page.start(self.session.corpus, mc, tc, resume=resume, checkpoint_path=str(self.autosave_path),
                              reload_paths=self.session.corpus_path, reload_options=self.session.corpus_options)

    @Slot(str)
    def _on_training_finished(self, reason: str) -> None:
        self._update_start()
        self._update_status()

    @Slot(str, str)
    def _on_diverged(self, reason: str, suggestion: str) -> None:
        dialogs.error(self, self.tr("Training went wrong"),
                      self.tr("The training diverged: {reason}.\n\nWhat to try: {suggestion}.\n\nThe best weights "
                              "so far were kept.").format(reason=reason, suggestion=suggestion))

    @Slot(object)
    def _on_training_failed(self, exc) -> None:
        dialogs.error(self, self.tr("Training stopped"), describe(exc))

    @Slot(object)
    def _on_sample_failed(self, exc) -> None:
        pass  # the sample page shows the reason beside its controls

    # ---- autosave ---------------------------------------------------------------------------------
    def offer_autosave(self) -> None:
        """At start-up: a checkpoint left by a crash or power cut can be restored."""
        if not self.autosave_path.exists():
            return
        if dialogs.ask(self, self.tr("Restore unsaved model?"),
                       self.tr("RNN Studio found a model that was being trained when the app last closed "
                               "without saving. Restore it?")):
            if self.open_model(str(self.autosave_path), dirty=True):
                return
        self._drop_autosave()

    def start_up(self) -> None:
        """First thing after the window shows: offer a crashed run's checkpoint, then open
        the last text, or on a first launch the Tiny Shakespeare sample, so that Start
        works without any choice being made."""
        self.offer_autosave()
        if self.session.corpus is not None or self.corpus_page.busy():
            return
        from ..paths import resource

        last = self.settings.get("last_corpus", "")
        self.load_corpus([last if last and os.path.exists(last) else str(resource("corpora", "tinyshakespeare.txt"))])

    def _drop_autosave(self) -> None:
        try:
            self.autosave_path.unlink()
        except OSError:
            pass

    # ---- closing ------------------------------------------------------------------------------------
    def _may_discard(self) -> bool:
        if not self.session.dirty:
            return True
        answer = dialogs.ask_save_discard_cancel(
            self, self.tr("Unsaved model"), self.tr("The trained model has not been saved. Save it first?"))
        if answer == "save":
            return self.save_model()
        if answer == "discard":
            self.session.set_dirty(False)
            self._drop_autosave()
            return True
        return False

    def closeEvent(self, event) -> None:
        if self.train_page.running():
            if not dialogs.ask(self, self.tr("Training is running"),
                               self.tr("Stop training and quit? You can save the model before the app closes.")):
                event.ignore()
                return
            self.train_page.shutdown()
            # the last snapshot arrives through queued signals: let them land before asking to save
            QCoreApplication.processEvents()
        if not self._may_discard():
            event.ignore()
            return
        self.sample_page.shutdown()
        self.corpus_page.shutdown()
        if self.export_task is not None:
            self.export_task.wait()
        self.model_page.save_state(self.settings)
        self.settings.set("geometry", self.saveGeometry().toBase64().data().decode("ascii"))
        self.settings.sync()
        event.accept()

    def _restore_geometry(self) -> None:
        geometry = self.settings.get("geometry", "")
        if not (geometry and self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))):
            self.resize(1200, 800)

    @Slot()
    def about(self) -> None:
        import platform

        import torch
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion

        from ..core.device import resolve_device

        dialogs.info(self, self.tr("About RNN Studio"), self.tr(
            "RNN Studio {app}\nTrain a recurrent neural network on your own text and watch it learn to write.\n\n"
            "torch {torch}, Qt {qt} (PySide6 {pyside}), Python {python}\nTraining device: {device}").format(
                app=__version__, torch=torch.__version__, qt=qVersion(), pyside=pyside_version,
                python=platform.python_version(), device=resolve_device("auto")))
