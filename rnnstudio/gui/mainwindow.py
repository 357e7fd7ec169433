"""The main window: the steps, the runs and the search as tabs; menus, drag and drop, files, closing."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, Signal, Slot
from PySide6.QtWidgets import QLabel, QMainWindow, QTabWidget

from ..core.config import EXTENSION
from ..core.errors import StudioError
from . import autosave, dialogs, folders
from .pages.corpus_page import CorpusPage
from .pages.inspect_page import InspectPage
from .menus import MenusMixin
from .messages import describe
from .model_actions import ModelActionsMixin
from .model_files import ModelFiles
from .pages.model_page import ModelPage
from .pages.runs_page import RunsPage
from .pages.search_page import SearchPage
from .pages.sample_page import SamplePage
from .session import Session
from .text_index import SharedTextIndex
from .pages.train_page import TrainPage


class MainWindow(MenusMixin, ModelActionsMixin, QMainWindow):
    export_finished = Signal()
    model_opened = Signal()

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
        self.text_index = SharedTextIndex(self)
        self.inspect_page = InspectPage(self.text_index)
        self.runs_page = RunsPage(folders.runs_path())
        self.search_page = SearchPage(folders.runs_path(), folders.data_dir() / "search")
        self.run_id: int | None = None   # the run library's id of the latest training run
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        for page in (self.corpus_page, self.model_page, self.train_page, self.sample_page, self.inspect_page,
                     self.runs_page, self.search_page):
            self.tabs.addTab(page, "")
        self.setCentralWidget(self.tabs)
        self.status_label = QLabel()
        self.statusBar().addWidget(self.status_label, 1)

        self.corpus_page.loaded.connect(self._on_corpus_loaded)
        self.corpus_page.failed.connect(self._on_corpus_failed)
        self.corpus_page.open_file_requested.connect(self.open_text_file)
        self.corpus_page.open_folder_requested.connect(self.open_folder)
        self.model_page.validity_changed.connect(self._update_start)
        self.corpus_page.val_split.valueChanged.connect(self._update_start)
        self.corpus_page.val_split.valueChanged.connect(self._on_val_split)
        self.train_page.sampled.connect(self._on_sampled)
        self.train_page.run_recorded.connect(self._on_run_recorded)
        self.runs_page.open_model_requested.connect(self.open_model)
        self.runs_page.keep_files = lambda: (self.session.model_path, str(self.autosave_path), *autosave.in_use())
        self.search_page.open_model_requested.connect(self.open_model)
        self.sample_page.generation_finished.connect(self._on_generated)
        self.train_page.start_button.clicked.connect(self.start_training)
        self.train_page.model_ready.connect(self._on_model_ready)
        self.train_page.training_finished.connect(self._on_training_finished)
        self.train_page.diverged.connect(self._on_diverged)
        self.train_page.failed.connect(self._on_training_failed)
        self.session.dirty_changed.connect(self._update_title)
        self.session.model_changed.connect(self._on_model_changed)

        self._build_menus()
        self.retranslate()
        self.model_page.restore_state(settings)
        self._restore_geometry()
        self._update_start()
        self.autosave = autosave.AutosaveSlot()
        self._restoring_autosave = False
        self.files = ModelFiles(self)
        self.files.opened.connect(self._on_model_opened)
        self.files.saved.connect(self._on_model_saved)
        self.files.exported.connect(self._on_exported)
        self.files.failed.connect(self._on_file_failed)
        self.files.finished.connect(self._on_file_done)

    def retranslate(self) -> None:
        for i, text in enumerate((self.tr("1 · Text"), self.tr("2 · Model"), self.tr("3 · Train"),
                                  self.tr("4 · Generate"), self.tr("5 · Inspect"), self.tr("6 · Runs"),
                                  self.tr("7 · Search"))):
            self.tabs.setTabText(i, text)
        self._retranslate_menus()
        self._update_title()
        self._update_start()
        self._update_status()

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---- title and status -------------------------------------------------------------------
    @Slot()
    def _update_title(self, *_) -> None:
        # Qt adds the application's display name ("RNN Studio") itself: naming it here too showed
        # "RNN Studio — text — RNN Studio"
        parts = []
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
            step = b.progress.step
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
        self.train_page.set_continuing(self.session.bundle is not None)

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
        models = [p for p in paths if p.lower().endswith(EXTENSION)]
        texts = [p for p in paths if not p.lower().endswith(EXTENSION)]
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
        self.model_page.set_corpus(corpus)
        self.search_page.set_corpus(corpus)
        self.train_page.set_baseline(corpus.unigram_entropy())
        self._on_val_split()
        self._update_title()
        self._update_start()
        self._update_status()
        if self.session.bundle is not None and not self.train_page.running():
            self._ask_new_or_continue(corpus)

    def _ask_new_or_continue(self, corpus) -> None:
        """A text loaded while a model is open: train that model on it, or start a new one?"""
        from ..core.training.resume import vocabulary_fit

        if corpus.hash == self.session.bundle.corpus.get("hash"):
            return   # the model's own text again: nothing to decide
        fit = vocabulary_fit(self.session.bundle.tokenizer, corpus)
        text = self.tr("A model is open. Continue training it on this text, or start a new model that learns "
                       "this text's own symbols?")
        if fit.missing:
            what = (self.tr("they will be read as its “unknown” symbol") if fit.has_unknown
                    else self.tr("they will be left out of the text"))
            text += "\n\n" + self.tr("The model does not know {n} of this text's symbols ({share} of the text, "
                                       "e.g. {examples}); if you continue, {what}.").format(
                n=f"{fit.missing:,}", share=f"{fit.missing_share:.1%}", examples=" ".join(fit.examples[:5]),
                what=what)
        answer = dialogs.choose(self, self.tr("New text, open model"), text,
                                [("continue", self.tr("Continue the model")), ("new", self.tr("New model"))])
        if answer == "new":
            self.new_model()

    @Slot(object)
    def _on_corpus_failed(self, exc) -> None:
        dialogs.error(self, self.tr("Could not use this text"), describe(exc))

    def _last_dir(self) -> str:
        """Where file dialogs open: the folder of the last text, unless that was a bundled sample
        (the install folder, often not writable), then the user's documents."""
        last = self.settings.get("last_dir", "")
        from .bundled import resource_dir
        try:
            inside = bool(last) and Path(last).resolve().is_relative_to(resource_dir().resolve())
        except OSError:
            inside = False
        if not last or inside:
            from PySide6.QtCore import QStandardPaths
            return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        return last

    # ---- the model in the session -------------------------------------------------------------
    @Slot(object, bool)
    def _on_model_ready(self, bundle, final: bool) -> None:
        self.session.set_model(bundle, dirty=True)

    @Slot()
    def _on_model_changed(self) -> None:
        b = self.session.bundle
        self.sample_page.set_bundle(b, training=self.train_page.running())
        self.inspect_page.set_bundle(b)
        self.model_page.set_model_locked(b.model_config if b is not None else None)
        self._update_title()
        self._update_start()
        self._update_status()

    # ---- what the Inspect page and the copying meters look at ----------------------------------
    @Slot()
    def _on_val_split(self, *_) -> None:
        """The training part changed (a text, or its validation split): index it for copying."""
        corpus = self.session.corpus
        if corpus is None:
            return
        vf = self.corpus_page.val_fraction()
        self.inspect_page.set_corpus(corpus, vf)
        self.text_index.request(corpus, vf)

    def _symbols(self, text: str) -> list[str]:
        corpus = self.session.corpus
        return corpus.tokenizer.split(text) if corpus is not None else list(text)

    @Slot(str)
    def _on_sampled(self, text: str) -> None:
        self.inspect_page.set_last_sample(text)
        self.train_page.show_copying(self.text_index.measure(self._symbols(text)))

    @Slot()
    def _on_generated(self) -> None:
        symbols = [t for t, _, _ in self.sample_page.output.info]
        if symbols:
            self.inspect_page.set_last_sample("".join(symbols))
            self.sample_page.show_copying(self.text_index.measure(symbols))

    # ---- training -----------------------------------------------------------------------------
    @Slot()
    def start_training(self) -> None:
        if self.session.corpus is None or self.train_page.running():
            return
        try:
            tc = self.model_page.train_config().replace(val_fraction=self.corpus_page.val_fraction())
        except ValueError as exc:
            dialogs.error(self, self.tr("Check the settings"), describe(exc))
            return
        resume = self.session.bundle
        if resume is not None:
            from ..core.training.resume import continued_config
            # limits count from where the model is: "500 steps" means 500 more
            changes = {k: v for k, v in tc.to_dict().items() if k not in ("max_steps", "max_seconds")}
            tc = continued_config(resume, more_steps=tc.max_steps, more_seconds=tc.max_seconds, changes=changes)
            mc = resume.model_config
        else:
            mc = self.model_page.model_config()
        self.tabs.setCurrentWidget(self.train_page)
        self.model_page.set_measure_allowed(False)  # a measurement would slow training and be wrong
        self.run_id = None
        self.train_page.start(self.session.corpus, mc, tc, resume=resume, checkpoint_path=str(self.autosave_path),
                              reload_paths=self.session.corpus_path, reload_options=self.session.corpus_options,
                              library_path=str(folders.runs_path()))

    @Slot(int)
    def _on_run_recorded(self, run_id: int) -> None:
        self.run_id = run_id

    @Slot(str)
    def _on_training_finished(self, reason: str) -> None:
        if self.runs_page.isVisible():
            self.runs_page.refresh()
        self.model_page.set_measure_allowed(True)
        self.sample_page.set_bundle(self.session.bundle)
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

    # ---- closing ------------------------------------------------------------------------------------
    def _may_discard(self) -> bool:
        if not self.session.dirty:
            return True
        answer = dialogs.ask_save_discard_cancel(
            self, self.tr("Unsaved model"), self.tr("The trained model has not been saved. Save it first?"))
        if answer == "save":
            return self.save_model(wait=True)
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
            self.train_page.shutdown(report=True)   # as Stop: a last evaluation, sample and checkpoint
            # the last snapshot arrives through queued signals: let them land before asking to save
            QCoreApplication.processEvents()
        if not self._may_discard():
            event.ignore()
            return
        self.sample_page.shutdown()
        self.inspect_page.shutdown()
        self.search_page.shutdown()
        self.corpus_page.shutdown()
        self.model_page.shutdown()
        self.files.shutdown()
        self.model_page.save_state(self.settings)
        self.settings.set("geometry", self.saveGeometry().toBase64().data().decode("ascii"))
        self.settings.sync()
        # saved or discarded: nothing for the next start to offer (but a restore still being read
        # is unsaved work: it stays, and is offered again)
        if not self.session.dirty and not self._restoring_autosave:
            self._drop_autosave()
        self.autosave.release()
        event.accept()

    def _restore_geometry(self) -> None:
        geometry = self.settings.get("geometry", "")
        if not (geometry and self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))):
            self.resize(1200, 800)
