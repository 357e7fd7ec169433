"""rnnstudio-cli: the engine from a terminal. ``main`` (main.py) parses and dispatches to one
module per command; common.py holds the exit statuses and argument types they share."""
from .main import main

__all__ = ["main"]
