"""The main window's model-file actions: open, new, save, save as, export, and the autosave
offered after a crash. The files are read and written in workers (model_files.ModelFiles).

A mixin of MainWindow; its strings are translated in MainWindow's context, written out so
lupdate finds them.
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Slot

from ..core.config import EXTENSION
from . import autosave, dialogs, i18n
from .messages import describe

translate = QCoreApplication.translate


def _export_format(path: str) -> str | None:
    """The export format a file name asks for, by its ending (None for none of them)."""
    ending = os.path.splitext(path)[1].lower()
    return {".html": "html", ".htm": "html", ".onnx": "onnx", ".pt2": "pt2"}.get(ending)


class ModelActionsMixin:
    # ---- models ---------------------------------------------------------------------------------
    @Slot()
    def open_model_dialog(self) -> None:
        path = dialogs.open_file(self, translate("MainWindow", "Open model"),
                                 translate("MainWindow", "RNN Studio models (*{ext});;All files (*)").format(
                                     ext=EXTENSION), self._last_dir())
        if path:
            self.open_model(path)

    def open_model(self, path: str, *, dirty: bool = False) -> bool:
        """Open a model file (read in a worker; ``model_opened`` follows, or an error dialog)."""
        if self.train_page.running():
            dialogs.error(self, translate("MainWindow", "Training is running"), translate("MainWindow", "Stop training before opening a model."))
            return False
        if not self._may_discard():
            return False
        # an app's autosave (a run's last checkpoint, from the Runs page) opens as unsaved work:
        # Save then asks where, and never writes into the autosave folder
        return self.files.open(path, dirty=dirty or autosave.is_autosave(path))

    @Slot(object, str, bool)
    def _on_model_opened(self, bundle, path: str, dirty: bool) -> None:
        self.run_id = None   # a model from a file: saving it again does not change a run's record
        self.session.set_model(bundle, None if dirty else path, dirty=dirty)
        if not dirty:
            self.settings.add_recent("models", path)
        self.train_page.show_opened(bundle.history, bundle.resume.step if bundle.resume else 0)
        if self.session.corpus is None:   # the baseline of the text it learnt, from the counts it keeps
            from ..core.data.corpus import counts_entropy
            self.train_page.set_baseline(counts_entropy(bundle.tokenizer.counts))
        self.tabs.setCurrentWidget(self.sample_page)
        self.model_opened.emit()

    @Slot()
    def new_model(self) -> None:
        if self.train_page.running() or not self._may_discard():
            return
        self.session.set_model(None, None, dirty=False)
        self.run_id = None
        self.train_page.clear_plots()

    @Slot()
    def save_model(self, wait: bool = False) -> bool:
        if self.session.bundle is None:
            dialogs.info(self, translate("MainWindow", "Nothing to save"), translate("MainWindow", "Train a model first."))
            return False
        if self.session.model_path and not self.train_page.running():
            return self.write_model(self.session.model_path, wait)
        return self.save_model_as(wait)

    @Slot()
    def save_model_as(self, wait: bool = False) -> bool:
        if self.session.bundle is None:
            dialogs.info(self, translate("MainWindow", "Nothing to save"), translate("MainWindow", "Train a model first."))
            return False
        start = self.session.model_path or os.path.join(self._last_dir(), f"model{EXTENSION}")
        path = dialogs.save_file(self, translate("MainWindow", "Save model"),
                                 translate("MainWindow", "RNN Studio models (*{ext})").format(ext=EXTENSION), start)
        if not path:
            return False
        if not path.lower().endswith(EXTENSION):
            path += EXTENSION
        return self.write_model(path, wait)

    def write_model(self, path: str, wait: bool = False) -> bool:
        """Save in a worker; with ``wait`` (closing, replacing the model) until it is done."""
        return self.files.save(self.session.bundle, path, wait=wait)

    @Slot(object, str)
    def _on_model_saved(self, bundle, path: str) -> None:
        self.session.model_path = path
        if self.run_id is not None and self.runs_page.open_library():   # the run now points at its file
            self.runs_page.library.set_model_path(self.run_id, path)
        if bundle is self.session.bundle:   # training may have brought a newer snapshot meanwhile
            self.session.set_dirty(False)
            self._drop_autosave()
        self.settings.add_recent("models", path)
        self._update_title()
        self.statusBar().showMessage(translate("MainWindow", "Saved {path}").format(path=path), 5000)

    @Slot()
    def export_model(self) -> None:
        if self.session.bundle is None:
            dialogs.info(self, translate("MainWindow", "Nothing to export"), translate("MainWindow", "Train or open a model first."))
            return
        path = dialogs.save_file(self, translate("MainWindow", "Export model"),
                                 translate("MainWindow", "Web page (*.html);;ONNX (*.onnx);;torch.export (*.pt2)"),
                                 self._last_dir())
        if not path:
            return
        fmt = _export_format(path)
        if fmt is None:   # no known ending: a web page, the format that needs nothing installed
            fmt, path = "html", path + ".html"
        model_path = self.session.model_path
        name = os.path.splitext(os.path.basename(model_path))[0] if model_path else ""
        self.act_export.setEnabled(False)
        self.statusBar().showMessage(translate("MainWindow", "Exporting…"))
        self.files.export(self.session.bundle, fmt, path, name=name,
                          language=i18n.resolve(self.settings.get("language", "system")))

    @Slot(object, object)
    def _on_exported(self, model_path, vocab_path) -> None:
        if vocab_path is None:
            message = translate("MainWindow", "Exported {page}: open it in a web browser").format(page=model_path.name)
        else:
            message = translate("MainWindow", "Exported {model} and {vocab}").format(model=model_path.name,
                                                                                    vocab=vocab_path.name)
        self.statusBar().showMessage(message, 8000)

    @Slot(str, object)
    def _on_file_failed(self, what: str, exc) -> None:
        self.statusBar().clearMessage()
        titles = {"open": translate("MainWindow", "Could not open the model"), "save": translate("MainWindow", "Could not save the model"),
                  "export": translate("MainWindow", "Could not export")}
        if what == "open" and self._restoring_autosave:
            # an unreadable autosave is offered once, not at every start: to the trash, not deleted
            self._restoring_autosave = False
            unreadable = self.autosave.path
            autosave.discard(unreadable, self.autosave.abandon())
        dialogs.error(self, titles[what], describe(exc))

    @Slot(str)
    def _on_file_done(self, what: str) -> None:
        if what == "export":
            self.act_export.setEnabled(True)
            self.export_finished.emit()
        if what == "open":
            self._restoring_autosave = False

    # ---- autosave ---------------------------------------------------------------------------------
    @property
    def autosave_path(self) -> Path:
        """This app's own autosave file (gui/autosave.py)."""
        return self.autosave.path

    def offer_autosave(self) -> None:
        """At start-up: a checkpoint left by a crashed or killed app can be restored. Each is
        offered, newest first, until one is restored; a declined one goes to the trash."""
        import time

        from ..core.model.bundle import summary
        for path, lock in self.autosave.orphans():
            if self._restoring_autosave:   # one was restored: the others wait for the next start
                lock.unlock()
                continue
            about = summary(path) or {"text": "?", "steps": 0, "time": path.stat().st_mtime}
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(about["time"]))
            if dialogs.ask(self, translate("MainWindow", "Restore unsaved model?"),
                           translate("MainWindow", "RNN Studio found a model that was being trained on “{text}” when "
                                     "the app last closed without saving: {steps} steps, saved {when}. Restore it? "
                                     "(No moves it to the trash.)"
                                     ).format(text=about["text"], steps=f"{about['steps']:,}", when=when)):
                if self.open_model(str(path), dirty=True):
                    self.autosave.adopt(path, lock)   # this app's checkpoint from now on
                    self._restoring_autosave = True
                else:
                    lock.unlock()   # not opened: still there, offered at the next start
                continue
            autosave.discard(path, lock)

    def start_up(self) -> None:
        """First thing after the window shows: offer a crashed run's checkpoint, then open
        the last text, or on a first launch the Tiny Shakespeare sample, so that Start
        works without any choice being made."""
        self.offer_autosave()
        if self.session.corpus is not None or self.corpus_page.busy():
            return
        from .bundled import resource

        last = self.settings.get("last_corpus", "")
        self.load_corpus([last if last and os.path.exists(last) else str(resource("corpora", "tinyshakespeare.txt"))])

    def _drop_autosave(self) -> None:
        self.autosave.drop()

