"""The system's trash: where the app puts files it removes, so the user can take them back."""
from __future__ import annotations

import os

from PySide6.QtCore import QFile


def to_trash(path: str | os.PathLike) -> bool:
    """Move ``path`` into the system's trash; False where there is none (or it failed)."""
    moved = QFile.moveToTrash(str(path))   # bool, or (bool, path in the trash) in some bindings
    return bool(moved[0] if isinstance(moved, tuple) else moved)
