"""A throwaway PostgreSQL server for the tests: a cluster made in a temporary folder (initdb),
started on 127.0.0.1 and a free port (pg_ctl), stopped and removed afterwards.

Debian's ``postgresql`` package (the README's apt line; .ci/run installs it) puts the server's
programs in /usr/lib/postgresql/<version>/bin, off PATH. Run as root, the server runs as the
``postgres`` user (PostgreSQL refuses root), in a folder given to that user. Without the
programs the tests that need a server fail, saying what to install: CI always has them.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

USER = "rnnstudio"   # the cluster's superuser (trust authentication, 127.0.0.1 only)


def server_programs() -> Path | None:
    """The folder holding initdb and pg_ctl: the newest of Debian's, else $PGBIN (GitHub's
    Windows runners), else the ones on PATH (Homebrew)."""
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                     key=lambda f: [int(p) for p in Path(f).parent.name.split(".") if p.isdigit()], reverse=True)
    on_path = shutil.which("initdb")
    candidates = [*map(Path, folders), *([Path(os.environ["PGBIN"])] if os.environ.get("PGBIN") else []),
                  *([Path(on_path).resolve().parent] if on_path else [])]
    for folder in candidates:
        if shutil.which("initdb", path=str(folder)) and shutil.which("pg_ctl", path=str(folder)):
            return folder
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    folder: Path
    port: int
    programs: Path
    run_as: dict

    def url(self, database: str = "postgres", *, driver: str = "") -> str:
        return f"postgresql{'+' + driver if driver else ''}://{USER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        subprocess.run([self.programs / "pg_ctl", "-D", self.folder / "data", "-m", "immediate", "-w", "stop"],
                       capture_output=True, timeout=60, **self.run_as)
        shutil.rmtree(self.folder, ignore_errors=True)


def start() -> Server:
    programs = server_programs()
    if programs is None:
        raise RuntimeError("the PostgreSQL server programs (initdb, pg_ctl) are not installed: "
                           "sudo apt-get install postgresql (the README's apt line; .ci/run installs it)")
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    # as root, in /tmp: the postgres user must reach the folder (root's own TMPDIR may be closed to it)
    folder = Path(tempfile.mkdtemp(prefix="rnnstudio-pg-", dir="/tmp" if as_root else None))
    run_as = {}
    if as_root:   # the server refuses to run as root
        run_as = {"user": "postgres", "group": "postgres"}
        shutil.chown(folder, "postgres", "postgres")
    env = {**os.environ, "LC_ALL": "C", "LANG": "C"}
    res = subprocess.run([programs / "initdb", "-D", folder / "data", "-U", USER, "--auth", "trust", "-E", "UTF8",
                          "--no-locale", "--no-sync"], capture_output=True, text=True, timeout=120, env=env,
                         cwd=folder, **run_as)
    if res.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"initdb failed: {res.stdout}{res.stderr}")
    for attempt in range(3):   # a free port may be taken before the server binds it
        port = free_port()
        sockets = f" -k {folder}" if os.name != "nt" else ""   # not the system's socket folder; Windows: TCP only
        options = f"-h 127.0.0.1 -p {port}{sockets} -c fsync=off -c max_connections=50"
        res = subprocess.run([programs / "pg_ctl", "-D", folder / "data", "-l", folder / "server.log", "-w",
                              "-t", "60", "-o", options, "start"], capture_output=True, text=True, timeout=90,
                             env=env, cwd=folder, **run_as)
        if res.returncode == 0:
            return Server(folder, port, programs, run_as)
    log = (folder / "server.log").read_text(errors="replace") if (folder / "server.log").exists() else ""
    shutil.rmtree(folder, ignore_errors=True)
    raise RuntimeError(f"the PostgreSQL server did not start: {res.stdout}{res.stderr}{log[-2000:]}")
