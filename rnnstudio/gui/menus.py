"""The main window's menus: File (open, recent, save, export), Language, Help.

A mixin of MainWindow, so the actions stay the window's attributes (``window.act_export``).
Its strings are translated in MainWindow's context, written out so lupdate finds them.
"""
from __future__ import annotations

import os
from functools import partial

from PySide6.QtCore import QCoreApplication, QEvent, Slot
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu

from ..core import __version__
from . import dialogs, i18n
from .bundled import SAMPLE_CORPORA, resource, sample_name

translate = QCoreApplication.translate


class MenusMixin:
    # ---- menus --------------------------------------------------------------------------
    def _build_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu("")
        self.act_open_text = self._action(self.open_text_file, QKeySequence.StandardKey.Open)
        self.act_open_folder = self._action(self.open_folder)
        self.act_open_model = self._action(self.open_model_dialog, "Ctrl+Shift+O")
        self.samples_menu = QMenu(self)
        self.sample_actions = {}
        for name in SAMPLE_CORPORA:
            act = self.samples_menu.addAction("")
            act.triggered.connect(partial(self._open_sample, name))
            self.sample_actions[name] = act
        self.recent_corpora = QMenu(self)
        self.recent_models = QMenu(self)
        self.act_new_model = self._action(self.new_model, QKeySequence.StandardKey.New)
        self.act_save = self._action(self.save_model, QKeySequence.StandardKey.Save)
        self.act_save_as = self._action(self.save_model_as, QKeySequence.StandardKey.SaveAs)
        self.act_export = self._action(self.export_model, "Ctrl+E")
        self.act_quit = self._action(self.close, QKeySequence.StandardKey.Quit)
        for item in (self.act_open_text, self.act_open_folder, self.samples_menu, self.act_open_model, None,
                     self.recent_corpora,
                     self.recent_models, None, self.act_new_model, self.act_save, self.act_save_as, self.act_export,
                     None, self.act_quit):
            if item is None:
                self.file_menu.addSeparator()
            elif isinstance(item, QMenu):
                self.file_menu.addMenu(item)
            else:
                self.file_menu.addAction(item)
        # The signals carry what the slots need: self.sender() came back None in this mixin's
        # slots (PySide6 6.12), and the Language menu failed on every click.
        self.recent_corpora.aboutToShow.connect(partial(self._fill_recent, self.recent_corpora, "corpora"))
        self.recent_models.aboutToShow.connect(partial(self._fill_recent, self.recent_models, "models"))

        self.language_menu = bar.addMenu("")
        group = QActionGroup(self)
        self.language_actions = {}
        for code in ("system", *i18n.LANGUAGES):
            act = QAction(self, checkable=True)
            act.setData(code)
            group.addAction(act)
            self.language_menu.addAction(act)
            self.language_actions[code] = act
        group.triggered.connect(self._on_language)
        current = self.settings.get("language", "system")
        self.language_actions.get(current, self.language_actions["system"]).setChecked(True)

        self.help_menu = bar.addMenu("")
        self.act_about = self._action(self.about)
        self.help_menu.addAction(self.act_about)

    def _action(self, slot, shortcut=None) -> QAction:
        act = QAction(self)
        act.triggered.connect(lambda _checked=False: slot())  # the slot's own arguments keep their defaults
        if shortcut is not None:
            act.setShortcut(QKeySequence(shortcut))
        return act

    def _retranslate_menus(self) -> None:
        self.file_menu.setTitle(translate("MainWindow", "&File"))
        self.act_open_text.setText(translate("MainWindow", "Open &text file…"))
        self.act_open_folder.setText(translate("MainWindow", "Open &folder of texts…"))
        self.act_open_model.setText(translate("MainWindow", "Open &model…"))
        self.samples_menu.setTitle(translate("MainWindow", "Open a sam&ple text"))
        for name, act in self.sample_actions.items():
            act.setText(sample_name(name))
        self.recent_corpora.setTitle(translate("MainWindow", "Recent texts"))
        self.recent_models.setTitle(translate("MainWindow", "Recent models"))
        self.act_new_model.setText(translate("MainWindow", "&New model"))
        self.act_save.setText(translate("MainWindow", "&Save model"))
        self.act_save_as.setText(translate("MainWindow", "Save model &as…"))
        self.act_export.setText(translate("MainWindow", "&Export model…"))
        self.act_quit.setText(translate("MainWindow", "&Quit"))
        self.language_menu.setTitle(translate("MainWindow", "&Language"))
        self.language_actions["system"].setText(translate("MainWindow", "System language"))
        for code, name in i18n.LANGUAGES.items():
            self.language_actions[code].setText(name)
        self.help_menu.setTitle(translate("MainWindow", "&Help"))
        self.act_about.setText(translate("MainWindow", "&About RNN Studio"))

    def _on_language(self, action: QAction) -> None:
        self.set_language(action.data())

    def set_language(self, code: str) -> None:
        self.settings.set("language", code)
        if code in self.language_actions:
            self.language_actions[code].setChecked(True)
        i18n.install(code)
        # Qt posts LanguageChange to every widget; deliver them now so the switch is immediate.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)

    def _open_sample(self, name: str, _checked: bool = False) -> None:
        self.open_paths([str(resource("corpora", name))])

    def _fill_recent(self, menu: QMenu, kind: str) -> None:
        menu.clear()
        for path in self.settings.recent(kind):
            act = menu.addAction(path)
            act.triggered.connect(partial(self._open_recent, path))
        if menu.isEmpty():
            menu.addAction(translate("MainWindow", "(none yet)")).setEnabled(False)

    def _open_recent(self, path: str, _checked: bool = False) -> None:
        if not os.path.exists(path):
            dialogs.error(self, translate("MainWindow", "Not found"), translate("MainWindow", "“{path}” no longer exists.").format(path=path))
            return
        self.open_paths([path])

    @Slot()
    def about(self) -> None:
        import platform

        import torch
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import qVersion

        from ..core.training.device import resolve_device

        dialogs.info(self, translate("MainWindow", "About RNN Studio"), translate("MainWindow", 
            "RNN Studio {app}\nTrain a recurrent neural network on your own text and watch it learn to write.\n\n"
            "torch {torch}, Qt {qt} (PySide6 {pyside}), Python {python}\nTraining device: {device}").format(
                app=__version__, torch=torch.__version__, qt=qVersion(), pyside=pyside_version,
                python=platform.python_version(), device=resolve_device("auto")))
