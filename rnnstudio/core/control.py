"""Stop and pause flags shared by a running job (training, sampling) and whoever controls it.

Thread-safe: the app's GUI thread sets them while a worker thread runs the job,
which reads them between steps. It stands wherever a ``threading.Event`` meaning
"stop" is expected (``is_set``), so the trainer and the sampler take the same object.
"""
from __future__ import annotations

import threading


class Control:
    def __init__(self):
        self._stop = threading.Event()
        self._quick = threading.Event()     # stop without the final report (save now)
        self._running = threading.Event()
        self._running.set()

    def stop(self, report: bool = True) -> None:
        if not report:
            self._quick.set()
        self._stop.set()
        self._running.set()   # wake a paused job so it can finish

    def pause(self) -> None:
        if not self._stop.is_set():
            self._running.clear()

    def resume(self) -> None:
        self._running.set()

    def wait_while_paused(self) -> None:
        self._running.wait()

    @property
    def stopped(self) -> bool:
        return self._stop.is_set()

    @property
    def quick(self) -> bool:
        return self._quick.is_set()

    @property
    def paused(self) -> bool:
        return not self._running.is_set()

    def is_set(self) -> bool:
        """As ``threading.Event.is_set`` for a stop event."""
        return self._stop.is_set()
