"""Python's cycle collector runs in the GUI thread only.

Seen in the suite (PySide6 6.12): the collector runs in whichever thread happens to allocate,
and it ran inside a training worker, freeing an old window's Qt objects there. Their
destructors took a Qt lock and then waited for the GIL, while the GUI thread held the GIL and
waited for that lock: the app stopped for good. So automatic collection is off, and a timer in
the GUI thread collects the generations the collector itself would have collected, by its own
thresholds. Reference counting still frees everything that is not in a cycle at once; an app
at rest allocates nothing, so the timer finds nothing to do.
"""
from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 2000


def collect_in_gui_thread(parent: QObject, interval_ms: int = INTERVAL_MS) -> QTimer:
    """Turn automatic collection off and collect from ``parent``'s (the GUI) thread instead."""
    gc.disable()
    timer = QTimer(parent)
    timer.setInterval(interval_ms)
    timer.timeout.connect(collect_due)
    timer.start()
    return timer


def collect_due() -> int | None:
    """The generation the collector would have collected by now (None: none is due)."""
    counts, limits = gc.get_count(), gc.get_threshold()
    if counts[0] < limits[0]:
        return None
    generation = 2 if counts[2] >= limits[2] else 1 if counts[1] >= limits[1] else 0
    gc.collect(generation)
    return generation
