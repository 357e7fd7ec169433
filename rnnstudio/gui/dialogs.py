"""Every modal dialog the app shows goes through here, so tests can answer them."""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def error(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def info(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def ask(parent: QWidget, title: str, text: str) -> bool:
    return QMessageBox.question(parent, title, text) == QMessageBox.StandardButton.Yes


def ask_save_discard_cancel(parent: QWidget, title: str, text: str) -> str:
    """"save", "discard" or "cancel"."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                           | QMessageBox.StandardButton.Cancel)
    answer = box.exec()
    return {QMessageBox.StandardButton.Save: "save", QMessageBox.StandardButton.Discard: "discard"}.get(
        QMessageBox.StandardButton(answer), "cancel")


def _file_dialog(parent: QWidget, title: str, filters: str, start: str, save: bool) -> str | None:
    """Qt's own dialog where the platform has none (Linux without a desktop portal), at a size
    where its columns are not cut off in Chinese; the platform's dialog elsewhere."""
    dialog = QFileDialog(parent, title, start, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave if save else QFileDialog.AcceptMode.AcceptOpen)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile if save else QFileDialog.FileMode.ExistingFile)
    if save:
        dialog.setOption(QFileDialog.Option.DontConfirmOverwrite, False)
    dialog.resize(max(dialog.width(), 900), max(dialog.height(), 560))
    chosen = dialog.selectedFiles() if dialog.exec() == QFileDialog.DialogCode.Accepted else []
    dialog.deleteLater()
    return chosen[0] if chosen else None


def open_file(parent: QWidget, title: str, filters: str, start: str = "") -> str | None:
    return _file_dialog(parent, title, filters, start, save=False)


def open_folder(parent: QWidget, title: str, start: str = "") -> str | None:
    return QFileDialog.getExistingDirectory(parent, title, start) or None


def save_file(parent: QWidget, title: str, filters: str, start: str = "") -> str | None:
    return _file_dialog(parent, title, filters, start, save=True)


def choose(parent: QWidget, title: str, text: str, options: list[tuple[str, str]]) -> str | None:
    """One of ``options`` ((key, button text) pairs, the first the default), or None if cancelled."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    buttons = {}
    for key, label in options:
        buttons[box.addButton(label, QMessageBox.ButtonRole.AcceptRole)] = key
    box.setDefaultButton(next(iter(buttons)))
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    return buttons.get(box.clickedButton())
