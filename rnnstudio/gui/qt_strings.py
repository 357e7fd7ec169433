"""Strings of Qt's own dialogs that the Chinese translation shipped with PySide6 lacks.

Qt 6's file dialog says "&Look in:" and "Files of &type:"; PySide6's qtbase_zh_CN.qm has
only the older "Look in:" and "Files of type:", so a Chinese user saw those two labels in
English. Listed here, lupdate puts them in our own .ts (context QFileDialog), and our
translator answers where Qt's has nothing.
"""
from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_STRINGS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)
