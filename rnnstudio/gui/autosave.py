"""Each running app's own autosave file, and the ones that crashed apps left behind.

Two apps open at once used to share one autosave path: each overwrote the other's
checkpoint, and deleting one run's files could remove the file the other was writing. Now
every app claims a file of its own in ``<data>/autosaves/``, held by a ``QLockFile`` beside
it. A lock whose process is gone is stale (Qt checks the PID), so at start-up the files
without a live owner are exactly those that a crash, a kill or a power cut left: those are
offered, and the one the user restores is adopted as the app's own.
"""
from __future__ import annotations

import itertools
import logging
import os
import time
from pathlib import Path

from PySide6.QtCore import QLockFile

from ..core.config import EXTENSION
from . import folders
from .trash import to_trash

log = logging.getLogger(__name__)
_serial = itertools.count(1)   # several windows in one process (the tests) each get their own file


def folder() -> Path:
    return folders.data_dir() / "autosaves"


def _lock_of(path: Path) -> QLockFile:
    lock = QLockFile(str(path) + ".lock")
    lock.setStaleLockTime(0)   # stale only when its process is gone, never by age: training can run for days
    return lock


def _candidates() -> list[Path]:
    found = sorted(folder().glob(f"autosave-*{EXTENSION}")) if folder().is_dir() else []
    legacy = folders.data_dir() / f"autosave{EXTENSION}"   # the one shared file of earlier versions
    return found + ([legacy] if legacy.is_file() else [])


class AutosaveSlot:
    """The autosave file this app writes to, locked for as long as the app runs."""

    def __init__(self) -> None:
        try:
            folder().mkdir(parents=True, exist_ok=True)
        except OSError as exc:   # the app still opens; writing the checkpoint will say what is wrong
            log.warning("cannot make the autosave folder %s: %s", folder(), exc)
        for _ in range(100):
            path = folder() / f"autosave-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{next(_serial)}{EXTENSION}"
            lock = _lock_of(path)
            if not path.exists() and lock.tryLock(0):
                break
            if lock.error() != QLockFile.LockError.LockFailedError:
                # not another app's lock but a folder that cannot be written (full, read-only):
                # the app opens all the same, without the lock (never a loop at start-up)
                log.warning("cannot lock the autosave %s (%s)", path, lock.error())
                break
        self.path, self._lock = path, lock

    def orphans(self) -> list[tuple[Path, QLockFile]]:
        """Autosaves that no running app owns, newest first, each locked for this app while it
        decides (so two apps starting at once never both offer the same one)."""
        for stray in (folder().glob(f"autosave-*{EXTENSION}.lock") if folder().is_dir() else []):
            # the lock of an app that died before its first checkpoint: gone once stale
            if not stray.with_suffix("").exists() and stray.with_suffix("") != self.path:
                lock = _lock_of(stray.with_suffix(""))
                if lock.tryLock(0):
                    lock.unlock()
        taken = []
        for path in _candidates():
            if path == self.path:
                continue
            lock = _lock_of(path)
            if lock.tryLock(0):
                taken.append((path, lock))
        taken.sort(key=lambda pair: _mtime(pair[0]), reverse=True)
        return taken

    def adopt(self, path: Path, lock: QLockFile) -> None:
        """Write from now on to a restored autosave: it stays this app's until saved or discarded."""
        self._lock.unlock()
        self.path, self._lock = path, lock

    def abandon(self) -> QLockFile:
        """Give up the current file (a restored autosave that could not be read): its lock is
        returned to the caller, and a fresh file of the app's own takes its place."""
        lock, fresh = self._lock, AutosaveSlot()
        self.path, self._lock = fresh.path, fresh._lock
        return lock

    def drop(self) -> None:
        """The model was saved or discarded: its checkpoint is no longer needed."""
        _remove(self.path)

    def release(self) -> None:
        """The app closes: the lock goes; a checkpoint still there is offered at the next start."""
        self._lock.unlock()   # a no-op where it was never taken


def discard(path: Path, lock: QLockFile) -> None:
    """An orphan the user declined, or that could not be read: into the system's trash, where
    the user can still take it back (deleted only where there is no trash), then unlocked."""
    if not to_trash(path):
        _remove(path)
    lock.unlock()


def is_autosave(path: str | os.PathLike) -> bool:
    """Whether a path is an app's autosave (this version's folder, or the earlier single file)."""
    p = Path(path).resolve()
    return p.parent == folder().resolve() or p == (folders.data_dir() / f"autosave{EXTENSION}").resolve()


def in_use() -> set[str]:
    """The autosaves that a running app (this one or another) owns: never to be deleted."""
    used = set()
    for path in _candidates():
        lock = _lock_of(path)
        if lock.tryLock(0):
            lock.unlock()
        else:
            used.add(str(path))
    return used


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
