"""The app's settings: one QSettings ini file in the platform's config folder.

Reads are typed and fall back to the default on anything odd, so a corrupt or
hand-edited file never stops the app. ``VERSION`` is stored in the file; a file
from an older version is migrated, one from a newer or unknown one is reset.
"""
from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import QSettings

from . import folders

VERSION = 1
MAX_RECENT = 8


class Settings:
    def __init__(self, path=None):
        path = path or folders.config_dir() / "settings.ini"
        self.path = path
        self.qs = QSettings(str(path), QSettings.Format.IniFormat)
        self._migrate()

    def _migrate(self) -> None:
        try:
            stored = int(self.qs.value("settings_version", 0))
        except (TypeError, ValueError):
            stored = -1
        if stored == VERSION:
            return
        if stored != 0 or self.qs.allKeys():
            # No older layouts exist yet; anything unrecognised starts afresh.
            self.qs.clear()
        self.qs.setValue("settings_version", VERSION)

    # ---- typed access ------------------------------------------------------------
    def get(self, key: str, default: Any) -> Any:
        value = self.qs.value(key, None)
        if value is None:
            return default
        try:
            if isinstance(default, bool):
                return value if isinstance(value, bool) else str(value).lower() in ("true", "1", "yes")
            if isinstance(default, int):
                return int(value)
            if isinstance(default, float):
                return float(value)
            if isinstance(default, str):
                return str(value)
            if isinstance(default, (dict, list)):
                loaded = json.loads(value)
                return loaded if isinstance(loaded, type(default)) else default
            return value
        except (TypeError, ValueError):
            return default

    def set(self, key: str, value: Any) -> None:
        if isinstance(value, (dict, list)):
            value = json.dumps(value, ensure_ascii=False)
        self.qs.setValue(key, value)

    def sync(self) -> None:
        self.qs.sync()

    # ---- recent files ------------------------------------------------------------
    def recent(self, kind: str) -> list[str]:
        return [p for p in self.get(f"recent/{kind}", []) if isinstance(p, str)]

    def add_recent(self, kind: str, path: str) -> None:
        items = [path] + [p for p in self.recent(kind) if p != path]
        self.set(f"recent/{kind}", items[:MAX_RECENT])
