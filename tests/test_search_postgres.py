"""A search shared through a real PostgreSQL server (tests/postgres.py starts one): two
`rnnstudio-cli search` processes share one study, a process killed with SIGKILL mid-trial leaves
no trial running for ever (Optuna's heartbeat), and a wrong URL, a server that is down and a
missing driver each give one line before any work.

Each process has its own run library, as it would on its own machine."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

import pytest

from rnnstudio.core.experiments.runs import RunLibrary

from . import postgres
from .test_cli import ROOT, cli


@pytest.fixture(scope="module")
def server():
    try:
        s = postgres.start()
    except RuntimeError as exc:   # CI installs the server: missing, it is a failure, not a skip
        pytest.fail(str(exc))
    yield s
    s.stop()


@pytest.fixture
def database(server, request):
    return server.create_database(re.sub(r"\W", "_", request.node.name)[:60])


@pytest.fixture
def text(tmp_path, small_text):
    p = tmp_path / "c.txt"
    p.write_text(small_text, encoding="utf-8")
    return p


def search(text, url, library, *extra):
    cmd = [sys.executable, "-m", "rnnstudio.cli", "search", str(text), "--storage", url, "--study", "shared",
           "--vary", "hidden_size,lr", "--library", str(library), "--threads", "1", *map(str, extra)]
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1", "OMP_NUM_THREADS": "1"}
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def finish(proc, timeout=240):
    out, err = proc.communicate(timeout=timeout)
    return proc.returncode, out, err


def study_of(url):
    import optuna

    from rnnstudio.core.experiments.storage import open_storage
    return optuna.load_study(study_name="shared", storage=open_storage(url))


def wait_for(condition, what, timeout=120):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            value = condition()
        except KeyError:   # the study is not made yet
            value = None
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def numbers(out):
    return [int(n) for n in re.findall(r"^trial (\d+): (?:complete|pruned)", out, re.M)]


def test_two_processes_share_one_study_on_postgresql(tmp_path, text, database):
    procs = [search(text, database, tmp_path / f"runs-{i}.db", "--trial", "1s", "--budget", "5s") for i in range(2)]
    results = [finish(p) for p in procs]
    assert [rc for rc, _, _ in results] == [0, 0], results
    mine = [numbers(out) for _, out, _ in results]
    assert mine[0] and mine[1], results                      # both ran trials
    assert not set(mine[0]) & set(mine[1])                   # and none ran twice
    study = study_of(database)
    done = {t.number for t in study.trials if t.state.is_finished()}
    assert set(mine[0]) | set(mine[1]) <= done
    assert len({t.user_attrs["pid"] for t in study.trials}) == 2
    # each process recorded its own trials in its own run library (as on two machines)
    for i in range(2):
        runs = RunLibrary(tmp_path / f"runs-{i}.db").runs(study="shared")
        assert sorted(r.trial for r in runs) == sorted(mine[i])


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="Windows has no SIGKILL")
def test_a_killed_process_leaves_no_trial_running_and_the_others_go_on(tmp_path, text, database):
    """A is killed with SIGKILL while its (long) trial trains. B, searching meanwhile with a
    heartbeat of 1 s (stale after 4 missed), fails A's trial once its beats stop, and goes on; a
    restarted A carries on with the study."""
    a = search(text, database, tmp_path / "a.db", "--trial", "60s", "--budget", "60s", "--heartbeat", "1")
    b = search(text, database, tmp_path / "b.db", "--trial", "1s", "--budget", "15s", "--heartbeat", "1")

    def training():   # A's trial is running and its training has begun (its run is recorded)
        trial = next((t for t in study_of(database).trials if t.user_attrs.get("pid") == a.pid
                      and t.state.name == "RUNNING"), None)
        return trial if trial and (tmp_path / "a.db").exists() and RunLibrary(tmp_path / "a.db").runs() else None

    try:
        victim = wait_for(training, "A's trial to train")
        a.send_signal(signal.SIGKILL)
        a.wait(timeout=30)
        rc, out, err = finish(b)
        assert rc == 0, (out, err)
        state = {t.number: t.state.name for t in study_of(database).trials}
        assert state[victim.number] == "FAIL", (state, out)   # B failed it while searching
        after_kill = [n for n in numbers(out) if n > victim.number]
        assert after_kill, out                                 # and went on
    finally:
        for p in (a, b):
            if p.poll() is None:
                p.kill()
                p.wait()
    # A's run in its library reads as interrupted (its process is gone), not running
    assert [r.status for r in RunLibrary(tmp_path / "a.db").runs(study="shared")] == ["interrupted"]
    rc, out, err = finish(search(text, database, tmp_path / "a.db", "--trial", "1s", "--budget", "2s",
                                 "--heartbeat", "1"))
    assert rc == 0 and numbers(out), (out, err)
    study = study_of(database)
    assert not [t.number for t in study.trials if t.state.name == "RUNNING"]
    assert study.trials[victim.number].state.name == "FAIL"


def test_storage_problems_are_one_line_before_any_work(tmp_path, text, server):
    def refused(url, extra_env=None, expect=""):
        res = cli("search", text, "--storage", url, "--library", tmp_path / "runs.db", "--trial", "1s",
                  "--budget", "1s", check=False, extra_env=extra_env)
        lines = res.stderr.strip().splitlines()
        assert res.returncode == 2 and len(lines) == 1, res.stderr
        assert lines[0].startswith("rnnstudio-cli: error: cannot use the search storage "), lines
        assert expect in lines[0], lines
        assert res.stdout == "" and "secret" not in res.stderr   # no study opened, no password shown
        return lines[0]

    # a wrong URL: a database that does not exist, a scheme nobody knows
    refused(server.url("nosuchdb").replace(f"{postgres.USER}@", f"{postgres.USER}:secret@"),
            expect='database "nosuchdb" does not exist')
    refused(f"postgresq://{postgres.USER}@127.0.0.1:{server.port}/x", expect="not a database URL")
    # a server that is down (nothing listens on that port)
    refused(f"postgresql://{postgres.USER}:secret@127.0.0.1:{postgres.free_port()}/x", expect="refused")
    # the driver missing: modules on the path that cannot be imported, as when it is not installed
    shim = tmp_path / "shim"
    shim.mkdir()
    for name in ("psycopg", "psycopg2"):
        (shim / f"{name}.py").write_text(f"raise ImportError('No module named {name}')\n")
    refused(server.url("postgres"), extra_env={"PYTHONPATH": f"{shim}{os.pathsep}{ROOT}"},
            expect='pip install "psycopg[binary]"')
