"""Render resources/icons/rnnstudio.svg into every icon the app and its installers use.

    python tools/make_icons.py

Writes PNGs in the hicolor sizes (16 … 512), rnnstudio.ico (Windows, several sizes in
one file) and rnnstudio.icns (macOS). Qt renders the SVG; Pillow writes .ico/.icns.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(size: int) -> "QImage":  # noqa: F821
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(ICONS / "rnnstudio.svg")).render(painter)
    painter.end()
    return image


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication
    from PIL import Image

    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - Qt needs it to paint
    for size in SIZES:
        render(size).save(str(ICONS / f"rnnstudio_{size}.png"))
    big = Image.open(ICONS / "rnnstudio_512.png")
    big.save(ICONS / "rnnstudio.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
    big.save(ICONS / "rnnstudio.icns")
    print("wrote", ", ".join(sorted(p.name for p in ICONS.iterdir() if p.suffix != ".svg")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
