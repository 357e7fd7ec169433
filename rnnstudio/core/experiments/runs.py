"""The run library: every training run, in the app and from the CLI, recorded in one SQLite
file (the user's data folder by default), so runs can be listed, compared and reopened.

One row per run with its settings and results, and its curve points (validation loss, and the
mean training loss since the previous point) against step, symbols seen and wall-clock seconds
— the three axes runs are overlaid on. A run still marked "running" whose process is gone was
interrupted (a crash, a kill); the list says so, with its last autosave.

The schema is versioned (``PRAGMA user_version``) and migrated forward on open. A file that is
not a readable database is moved aside (``runs.db.damaged-<time>``) and a fresh one started;
``RunLibrary.recovered`` then names the moved file so the app can say so. Optuna's tables
may live in the same file (studies of earlier versions, or ``--storage sqlite:///`` it); the
default search storage is now a journal beside it (storage.py).
"""
from __future__ import annotations

import contextlib
import json
import os
import socket
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1
FILENAME = "runs.db"
STATUSES = ("running", "finished", "stopped", "diverged", "failed", "interrupted")

_SCHEMA_1 = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started REAL NOT NULL,
    updated REAL NOT NULL,
    finished REAL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT 'app',
    host TEXT NOT NULL DEFAULT '',
    pid INTEGER NOT NULL DEFAULT 0,
    corpus_name TEXT NOT NULL DEFAULT '',
    corpus_hash TEXT NOT NULL DEFAULT '',
    corpus_symbols INTEGER NOT NULL DEFAULT 0,
    model_json TEXT NOT NULL,
    train_json TEXT NOT NULL,
    parameters INTEGER NOT NULL DEFAULT 0,
    best_val REAL,
    last_val REAL,
    steps INTEGER NOT NULL DEFAULT 0,
    symbols INTEGER NOT NULL DEFAULT 0,
    seconds REAL NOT NULL DEFAULT 0,
    symbols_per_s REAL NOT NULL DEFAULT 0,
    model_path TEXT NOT NULL DEFAULT '',
    autosave_path TEXT NOT NULL DEFAULT '',
    study TEXT NOT NULL DEFAULT '',
    trial INTEGER,
    name TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS points (
    run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    step INTEGER NOT NULL,
    symbols INTEGER NOT NULL,
    seconds REAL NOT NULL,
    train_loss REAL,
    val_loss REAL
);
CREATE INDEX IF NOT EXISTS points_run ON points(run_id, step);
"""

# Each entry brings a database from version i to i + 1; a newer app appends, never edits.
MIGRATIONS: list[str] = [_SCHEMA_1]


@dataclass
class Run:
    id: int
    started: float
    updated: float
    finished: float | None
    status: str
    reason: str
    source: str
    host: str
    pid: int
    corpus_name: str
    corpus_hash: str
    corpus_symbols: int
    model: dict[str, Any]
    train: dict[str, Any]
    parameters: int
    best_val: float | None
    last_val: float | None
    steps: int
    symbols: int
    seconds: float
    symbols_per_s: float
    model_path: str
    autosave_path: str
    study: str
    trial: int | None
    name: str
    note: str
    points: list[tuple] = field(default_factory=list, repr=False)   # (step, symbols, seconds, train, val)

    @property
    def label(self) -> str:
        """A short name: the user's, or the model's shape."""
        if self.name:
            return self.name
        m = self.model
        return f"#{self.id} {m.get('cell', '?')} {m.get('layers', '?')}×{m.get('hidden_size', '?')}"


class RunLibrary:
    def __init__(self, path: str | os.PathLike):
        self.path = Path(path)
        self.recovered: Path | None = None     # where a damaged database was moved
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = self._open()
        except sqlite3.DatabaseError:
            self.db = None
            self.recovered = self._move_aside()
            self.db = self._open()

    # ---- opening ---------------------------------------------------------------------------
    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, check_same_thread=False, isolation_level=None)
        db.row_factory = sqlite3.Row
        try:
            db.execute("PRAGMA foreign_keys = ON")
            db.execute("PRAGMA journal_mode = WAL")      # readers (the app) never block the writer (a run)
            db.execute("PRAGMA busy_timeout = 30000")
            version = db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                db.close()
                raise RuntimeError(f"{self.path} was written by a newer RNN Studio (run library version "
                                   f"{version}); please update the app")
            if version < SCHEMA_VERSION:
                self._migrate(db)
            db.execute("SELECT count(*) FROM runs").fetchone()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    @staticmethod
    def _migrate(db: sqlite3.Connection) -> None:
        """Bring the schema up to date in one write transaction. The version is read again
        inside it: another process (a second search, the app) may have migrated meanwhile."""
        db.execute("BEGIN IMMEDIATE")
        try:
            version = db.execute("PRAGMA user_version").fetchone()[0]
            for v in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[v].split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute(f"PRAGMA user_version = {v + 1}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def _move_aside(self) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            p = Path(str(self.path) + suffix)
            if p.exists():
                os.replace(p, Path(str(target) + suffix))
        return target

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    # ---- recording a run ---------------------------------------------------------------------
    def start_run(self, *, model: dict, train: dict, corpus_name: str = "", corpus_hash: str = "",
                  corpus_symbols: int = 0, parameters: int = 0, source: str = "app", autosave_path: str = "",
                  model_path: str = "", study: str = "", trial: int | None = None, name: str = "") -> int:
        now = time.time()
        cur = self.db.execute(
            "INSERT INTO runs (started, updated, status, source, host, pid, corpus_name, corpus_hash, corpus_symbols,"
            " model_json, train_json, parameters, autosave_path, model_path, study, trial, name)"
            " VALUES (?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (now, now, source, socket.gethostname(), os.getpid(), corpus_name, corpus_hash, corpus_symbols,
             json.dumps(model), json.dumps(train), parameters, autosave_path, model_path, study, trial, name))
        return int(cur.lastrowid)

    def add_point(self, run_id: int, *, step: int, symbols: int, seconds: float, train_loss: float | None,
                  val_loss: float | None, symbols_per_s: float = 0.0) -> None:
        """A point of the curves (at an evaluation); also keeps the run's totals current, so a
        run killed now shows how far it got."""
        with self.db:
            self.db.execute("BEGIN")
            self.db.execute("INSERT INTO points VALUES (?, ?, ?, ?, ?, ?)",
                            (run_id, step, symbols, seconds, train_loss, val_loss))
            self.db.execute(
                "UPDATE runs SET updated = ?, steps = ?, symbols = ?, seconds = ?, symbols_per_s = ?,"
                " last_val = coalesce(?, last_val),"
                " best_val = CASE WHEN ? IS NOT NULL AND (best_val IS NULL OR ? < best_val) THEN ? ELSE best_val END"
                " WHERE id = ?",
                (time.time(), step, symbols, seconds, symbols_per_s, val_loss, val_loss, val_loss, val_loss, run_id))

    def finish_run(self, run_id: int, status: str, reason: str = "", *, model_path: str | None = None,
                   steps: int | None = None, symbols: int | None = None, seconds: float | None = None) -> None:
        """The run ended; with the final counts (the table's time then equals what the log said,
        not the last evaluation's)."""
        if status not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}")
        self.db.execute("UPDATE runs SET status = ?, reason = ?, finished = ?, updated = ?,"
                        " model_path = coalesce(?, model_path), steps = coalesce(?, steps),"
                        " symbols = coalesce(?, symbols), seconds = coalesce(?, seconds) WHERE id = ?",
                        (status, reason, time.time(), time.time(), model_path, steps, symbols, seconds, run_id))

    def set_model_path(self, run_id: int, path: str) -> None:
        self.db.execute("UPDATE runs SET model_path = ? WHERE id = ?", (str(path), run_id))

    def rename(self, run_id: int, name: str | None = None, note: str | None = None) -> None:
        if name is not None:
            self.db.execute("UPDATE runs SET name = ? WHERE id = ?", (name, run_id))
        if note is not None:
            self.db.execute("UPDATE runs SET note = ? WHERE id = ?", (note, run_id))

    def files_of(self, run_ids, *, keep=()) -> list[Path]:
        """The files that deleting these runs with their files would delete: their model files
        and autosaves, but never one that a run not being deleted still names (a later run that
        saved over the same path, a shared autosave), nor one in ``keep`` (the app's open model
        and its current autosave), nor one of a run still training; only absolute paths (a
        relative one would be read against whoever deletes), and only files that exist."""
        ids = [run_ids] if isinstance(run_ids, int) else list(run_ids)
        runs = [r for r in (self.get(i, points=False) for i in ids) if r is not None]
        kept = {_same(p) for p in keep if p}
        marks = ",".join("?" * len(ids)) or "NULL"
        others = self.db.execute(f"SELECT model_path, autosave_path FROM runs WHERE id NOT IN ({marks})",
                                 ids).fetchall()
        for row in others:
            kept.update(_same(p) for p in row if p)
        for r in runs:
            if r.status == "running":   # its process is alive (a dead one reads as interrupted)
                kept.update(_same(p) for p in (r.model_path, r.autosave_path) if p)
        out: list[Path] = []
        for r in runs:
            for p in (r.model_path, r.autosave_path):
                if p and os.path.isabs(p) and Path(p).is_file() and _same(p) not in kept:
                    kept.add(_same(p))   # listed once, even when both runs name it
                    out.append(Path(p))
        return out

    def delete(self, run_ids, *, files: bool = False, keep=(), remove=None) -> list[Path]:
        """Forget runs (one id or several); with ``files`` also delete the files ``files_of``
        names for them together, through ``remove(path)`` (the app moves them to the system's
        trash; default: unlink). Returns the files removed."""
        ids = [run_ids] if isinstance(run_ids, int) else list(run_ids)
        removed = []
        for p in self.files_of(ids, keep=keep) if files else []:
            with contextlib.suppress(FileNotFoundError):
                if remove is None:
                    p.unlink()
                elif not remove(p):
                    continue
                removed.append(p)
        for i in ids:
            self.db.execute("DELETE FROM runs WHERE id = ?", (i,))
        return removed

    # ---- reading -------------------------------------------------------------------------------
    def runs(self, *, study: str | None = None) -> list[Run]:
        sql = "SELECT * FROM runs" + (" WHERE study = ?" if study is not None else "") + " ORDER BY id"
        rows = self.db.execute(sql, (study,) if study is not None else ()).fetchall()
        return [self._run(r) for r in rows]

    def get(self, run_id: int, *, points: bool = True) -> Run | None:
        row = self.db.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        if row is None:
            return None
        run = self._run(row)
        if points:
            run.points = self.points(run_id)
        return run

    def points(self, run_id: int) -> list[tuple]:
        return [tuple(r) for r in self.db.execute(
            "SELECT step, symbols, seconds, train_loss, val_loss FROM points WHERE run_id = ? ORDER BY step",
            (run_id,))]

    def _run(self, row: sqlite3.Row) -> Run:
        d = dict(row)
        try:
            model, train = json.loads(d.pop("model_json")), json.loads(d.pop("train_json"))
        except ValueError:
            model, train = {}, {}
        run = Run(model=model, train=train, **d)
        if run.status == "running" and not process_alive(run.host, run.pid):
            run.status = "interrupted"
        return run


def _same(path) -> str:
    """One spelling per file, so that two runs naming it differently still share it."""
    return os.path.normcase(os.path.realpath(str(path)))


def process_alive(host: str, pid: int) -> bool:
    """Is the process that runs this still there? (On another machine: assume so.)"""
    if host != socket.gethostname():
        return True
    if pid == os.getpid():
        return True
    if os.name == "nt":   # there os.kill(pid, 0) does not ask: it ends the process
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _windows_process_alive(pid: int) -> bool:
    import ctypes
    kernel32 = ctypes.windll.kernel32
    handle = kernel32.OpenProcess(0x1000, False, pid)   # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.GetLastError() == 5   # access denied: it exists
    try:
        code = ctypes.c_ulong()
        return not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)) or code.value == 259   # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def default_path() -> Path:
    """The app's data folder (platformdirs; ``RNNSTUDIO_APP_NAME`` renames it, as for the app)."""
    from platformdirs import user_data_dir
    return Path(user_data_dir(os.environ.get("RNNSTUDIO_APP_NAME", "RNNStudio"), appauthor=False)) / FILENAME


class RunRecorder:
    """Feeds a run's events into the library: call ``record(event)`` for each event the
    trainer yields. A failing library (a locked or full disk) never stops training: the
    recorder goes quiet and says why once (``problem``)."""

    def __init__(self, library: RunLibrary, trainer, *, source: str = "app", model_path: str = "",
                 study: str = "", trial: int | None = None, name: str = ""):
        self.library, self.trainer = library, trainer
        self.kw = dict(source=source, model_path=model_path, study=study, trial=trial, name=name)
        self.run_id: int | None = None
        self.problem: str | None = None
        self.owns_library = False   # closed with the run (recording() opened it for this run)
        self._losses: list[float] = []

    def record(self, event) -> None:
        if self.problem is not None:
            return
        from .. import events as ev
        try:
            if isinstance(event, ev.Started):
                t, c = self.trainer, self.trainer.corpus
                self.run_id = self.library.start_run(
                    model=t.model_config.to_dict(), train=t.config.to_dict(), corpus_name=c.name, corpus_hash=c.hash,
                    corpus_symbols=len(c), parameters=event.parameters, autosave_path=t.checkpoint_path or "",
                    **self.kw)
            elif self.run_id is None:
                return
            elif isinstance(event, ev.Step):
                self._losses.append(event.loss)
            elif isinstance(event, ev.Evaluated):
                p = event.progress
                train = sum(self._losses) / len(self._losses) if self._losses else None
                self._losses = []
                self.library.add_point(self.run_id, step=p.step, symbols=p.symbols_seen, seconds=p.elapsed,
                                       train_loss=train, val_loss=event.val_loss, symbols_per_s=p.symbols_per_sec)
            elif isinstance(event, ev.Finished):
                status = {"diverged": "diverged", "stopped": "stopped"}.get(event.reason, "finished")
                p = event.progress
                self.library.finish_run(self.run_id, status, event.reason, steps=p.step, symbols=p.symbols_seen,
                                        seconds=p.elapsed)
        except sqlite3.Error as exc:
            self.problem = str(exc)

    def saved(self, path: str) -> None:
        """The model was saved (the CLI's --out, the app's Save): the run points to it."""
        if self.run_id is not None and self.problem is None:
            try:
                self.library.set_model_path(self.run_id, str(path))
            except sqlite3.Error as exc:
                self.problem = str(exc)

    def failed(self, reason: str) -> None:
        if self.run_id is not None and self.problem is None:
            try:
                self.library.finish_run(self.run_id, "failed", reason)
            except sqlite3.Error as exc:
                self.problem = str(exc)

    def close(self) -> None:
        if self.owns_library:
            self.library.close()


def recording(library, *, warn=lambda message: None, **kw):
    """The ``record`` factory of a TrainingSession: each run's RunRecorder on ``library`` (an open
    RunLibrary, kept open; or a path, opened here and closed with the run; or None: no record).
    A library that cannot be opened is a warning (``warn``), never the end of the run."""
    if library is None:
        return None

    def make(trainer) -> RunRecorder | None:
        # opened only once the trainer exists: settings that cannot train leave the library untouched
        lib, owns = library, not isinstance(library, RunLibrary)
        if owns:
            try:
                lib = RunLibrary(library)
            except Exception as exc:   # noqa: BLE001 - the library is a convenience; the run matters
                warn(f"the run library {library} cannot be used ({exc}); this run is not recorded")
                return None
            if lib.recovered:
                warn(f"the run library was damaged; it was moved to {lib.recovered} and a new one started")
        recorder = RunRecorder(lib, trainer, **kw)
        recorder.owns_library = owns
        return recorder
    return make
