"""Where a search's study lives: the Optuna storage named by what the user gave.

- a URL (``postgresql://``, ``mysql://``, ``sqlite:///``): Optuna's RDBStorage. This is how
  processes on several machines share one study (Optuna: MySQL or PostgreSQL for several
  machines, never SQLite for parallel work). ``postgresql://`` goes through psycopg 3
  (SQLAlchemy's ``postgresql+psycopg://``, the ``postgres`` extra) unless psycopg2 is there. On
  a server, every running trial beats (Optuna's heartbeat); a trial whose process died, on any
  machine, is failed by the next process that looks once its last beat is older than the grace
  period (``fail_stale_trials``).
- a path (no ``://``): a journal file (Optuna's JournalFileBackend), for processes on one
  machine; not on NFS. A file has no heartbeat; ``run_trials`` fails the running trials of
  processes of this machine that are gone instead.

``open_storage`` connects at once, so a wrong URL, a server that is down or a missing driver
is one line (``StorageError``) before any training.
"""
from __future__ import annotations

import contextlib
import importlib
import os
import random
import re
import time
import warnings
from pathlib import Path

from ..errors import StudioError

HEARTBEAT_SECONDS = 30   # a running trial's beat on a database server; stale after GRACE beats missed
GRACE = 4
JOURNAL_NAME = "search.journal"   # the default storage, beside the run library (see default_storage)
# (module, SQLAlchemy's driver name) of each server dialect, SQLAlchemy's default first; the packages
_DRIVERS = {"postgresql": (("psycopg2", "psycopg2"), ("psycopg", "psycopg")),
            "mysql": (("MySQLdb", "mysqldb"), ("pymysql", "pymysql"), ("mysql.connector", "mysqlconnector"))}
_PACKAGES = {"psycopg2": "psycopg2-binary", "psycopg": "psycopg[binary]", "MySQLdb": "mysqlclient",
             "pymysql": "PyMySQL", "mysql.connector": "mysql-connector-python"}
_RECOMMENDED = {"postgresql": "psycopg", "mysql": "pymysql"}   # no wheel to compile (psycopg: the "postgres" extra)


class StorageError(StudioError):
    template = "cannot use the search storage {where}: {detail}"


def default_storage(library_path: str | os.PathLike) -> str:
    """The default storage of a search recorded in this run library: a journal file beside it.
    Measured (bench/bench_search_storage.py, README): 4 processes on one study, no errors either
    way, but over the SQLite file each waited 5 to 8 times longer inside the storage (one writer
    at a time, with a 5 s limit before "database is locked") and finished fewer trials."""
    return str(Path(library_path).resolve().with_name(JOURNAL_NAME))


def sqlite_url(path: str | os.PathLike) -> str:
    return "sqlite:///" + str(Path(path).resolve())


def describe(spec: str) -> str:
    """The storage as it may be printed: a URL without its password."""
    return re.sub(r"(://[^:/@]*:)[^@/]*@", r"\1***@", spec)


def is_url(spec: str) -> bool:
    return "://" in spec


def driver_url(url: str) -> str:
    """The URL SQLAlchemy is given: without a driver named (``postgresql://``, ``mysql://``), the
    first of the dialect's drivers that imports (SQLAlchemy's default first: psycopg2, then
    psycopg 3). A driver that cannot be imported is a StorageError here, before anything connects."""
    scheme, _, rest = url.partition("://")
    dialect, _, driver = scheme.partition("+")
    dialect = dialect.lower()
    if dialect == "postgres":   # Heroku's and libpq's spelling; SQLAlchemy knows only postgresql
        dialect = "postgresql"
    known = _DRIVERS.get(dialect)
    if known is None:   # sqlite, or a dialect SQLAlchemy will judge
        return url
    choices = [(m, d) for m, d in known if d == driver] if driver else known
    if not choices:   # a driver we do not list (asyncpg, pg8000, ...): SQLAlchemy says if it is missing
        return url
    found = next((d for m, d in choices if _importable(m)), None)
    if found is None:
        package = _PACKAGES[choices[0][0] if driver else _RECOMMENDED[dialect]]
        raise StorageError(where=describe(url), detail=f'the database driver is not installed; pip install "{package}"')
    return f"{dialect}+{found}://{rest}"


def _importable(module: str) -> bool:
    try:
        importlib.import_module(module)
    except ImportError:
        return False
    return True


def open_storage(spec: str, *, heartbeat: float = HEARTBEAT_SECONDS):
    """The Optuna storage for a URL or a journal file's path, connected (see the module's text)."""
    import optuna
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    if not is_url(spec):
        return _journal(spec)
    url = driver_url(spec)
    kw = {}
    if not url.startswith("sqlite"):
        beat = max(1, round(heartbeat))
        kw = dict(heartbeat_interval=beat, grace_period=GRACE * beat)
    for attempt in range(8):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
                return optuna.storages.RDBStorage(url, **kw)
        except ImportError as exc:    # a driver module of a dialect driver_url does not know
            raise StorageError(where=describe(spec), detail=f"the database driver is not installed ({exc})") from None
        except Exception as exc:   # noqa: BLE001 - SQLAlchemy's and the driver's errors, told in one line
            if type(exc).__module__.split(".")[0] != "sqlalchemy":
                raise
            # Two processes starting on a new database at once both try to create Optuna's
            # tables and its version row; the loser gets an integrity error (or SQLite's
            # "locked") and, a moment later, finds them made.
            name = type(exc).__name__
            if attempt < 7 and (name in ("IntegrityError", "ProgrammingError")
                                or (url.startswith("sqlite") and name == "OperationalError")):
                time.sleep(0.2 + random.random() * 0.5)
                continue
            raise StorageError(where=describe(spec), detail=_reason(exc)) from None


def _reason(exc) -> str:
    """The first line of what went wrong: the driver's own message when there is one."""
    orig = getattr(exc, "orig", None) or exc
    lines = [ln.strip() for ln in str(orig).splitlines() if ln.strip() and not ln.startswith("(Background")]
    text = lines[0] if lines else type(exc).__name__
    if "Could not parse" in text or "Can't load plugin" in text:
        text = "not a database URL Optuna can use (" + text.rstrip(".") + ")"
    return text[:300]


def _journal(path: str):
    import optuna
    p = Path(path).expanduser().resolve()
    if p.is_dir():
        raise StorageError(where=str(p), detail="this is a folder; give a file (a journal) or a database URL")
    try:
        p.parent.mkdir(parents=True, exist_ok=True)
        with open(p, "rb") if p.is_file() else contextlib.nullcontext(None) as f:
            head = f.read(64) if f else b""
    except OSError as exc:
        raise StorageError(where=str(p), detail=exc.strerror or str(exc)) from None
    # a journal is appended to: never to a file that is something else (the run library itself)
    if head.startswith(b"SQLite format 3"):
        raise StorageError(where=str(p), detail=f"this is an SQLite database; for a study in it give sqlite:///{p}")
    if head.strip() and not head.lstrip().startswith(b"{"):
        raise StorageError(where=str(p), detail="this file is not an Optuna journal; give a new file's name")
    try:
        from optuna.storages.journal import JournalFileBackend, JournalFileOpenLock, JournalFileSymlinkLock
    except ImportError:    # Optuna 3
        from optuna.storages import JournalFileOpenLock, JournalFileSymlinkLock
        from optuna.storages import JournalFileStorage as JournalFileBackend
    # Symbolic links need a privilege on Windows; there the lock is a file opened exclusively.
    lock = (JournalFileOpenLock if os.name == "nt" else JournalFileSymlinkLock)(str(p))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
            return optuna.storages.JournalStorage(JournalFileBackend(str(p), lock_obj=lock))
    except OSError as exc:
        raise StorageError(where=str(p), detail=exc.strerror or str(exc)) from None
