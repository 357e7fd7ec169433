"""The main window, built in an existing QApplication: by the app, its self-test and the tests."""
from __future__ import annotations


def app_icon():
    from PySide6.QtGui import QIcon

    from .bundled import resource
    icon = QIcon()
    for size in (16, 32, 48, 64, 128, 256, 512):
        png = resource("icons", f"rnnstudio_{size}.png")
        if png.exists():
            icon.addFile(str(png))
    if icon.isNull():
        icon = QIcon(str(resource("icons", "rnnstudio.svg")))
    return icon


def create_window(settings=None, language: str | None = None):
    """Build the main window in an existing QApplication (also used by tests)."""
    from . import i18n
    from .mainwindow import MainWindow
    from .settings import Settings

    settings = settings or Settings()
    i18n.install(language or settings.get("language", "system"))
    window = MainWindow(settings)
    window.setWindowIcon(app_icon())
    return window
