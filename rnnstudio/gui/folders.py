"""Where the app keeps its settings, autosaves, caches and logs (through platformdirs).

``RNNSTUDIO_APP_NAME`` renames the folders, so tests never touch a user's files.
"""
from __future__ import annotations

import os
from pathlib import Path

from platformdirs import PlatformDirs



def _dirs() -> PlatformDirs:
    return PlatformDirs(os.environ.get("RNNSTUDIO_APP_NAME", "RNNStudio"), appauthor=False)


def config_dir() -> Path:
    return Path(_dirs().user_config_dir)


def data_dir() -> Path:
    return Path(_dirs().user_data_dir)


def log_dir() -> Path:
    return Path(_dirs().user_log_dir)


def log_file() -> Path:
    return log_dir() / "rnnstudio.log"


def runs_path() -> Path:
    """The run library (core/experiments/runs.py): the same file the command line records into."""
    from ..core.experiments.runs import FILENAME
    return data_dir() / FILENAME
