"""rnnstudio-cli search as processes: a search finds and keeps its best model, goes on where it
stopped, and two processes on one storage share the study."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time

from rnnstudio.core.experiments.runs import RunLibrary

from .test_cli import ROOT, cli


def test_search_keeps_the_best_and_continues(tmp_path, small_text):
    (tmp_path / "c.txt").write_text(small_text, encoding="utf-8")
    args = ["search", tmp_path / "c.txt", "--trial", "1s", "--vary", "hidden_size,lr", "--library",
            tmp_path / "runs.db", "--threads", "1", "--seed", "2"]
    res = cli(*args, "--budget", "6s", "--out", tmp_path / "best.rnnstudio")
    trials = re.findall(r"trial (\d+): (complete|pruned)", res.stdout)
    assert len(trials) >= 2 and "best: trial" in res.stdout and (tmp_path / "best.rnnstudio").exists()
    info = cli("info", tmp_path / "best.rnnstudio").stdout
    best_hidden = re.search(r"hidden_size=(\d+)", res.stdout.split("best: trial")[1]).group(1)
    assert f"of {best_hidden}," in info
    again = cli(*args, "--budget", "1s")
    assert f"{len(trials)} earlier trial(s)" in again.stdout and f"trial {len(trials)}:" in again.stdout
    runs = RunLibrary(tmp_path / "runs.db").runs(study="search-c.txt")
    assert len(runs) == len(trials) + 1 and all(r.source == "search" for r in runs)


def test_two_processes_share_one_study(tmp_path, small_text):
    (tmp_path / "c.txt").write_text(small_text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "rnnstudio.cli", "search", str(tmp_path / "c.txt"), "--trial", "1s", "--budget",
           "4s", "--vary", "hidden_size", "--library", str(tmp_path / "runs.db"), "--threads", "1",
           "--study", "shared"]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for _ in range(2)]
    outs = [p.communicate(timeout=180) for p in procs]
    assert all(p.returncode == 0 for p in procs), outs
    numbers = [set(map(int, re.findall(r"trial (\d+):", out))) for out, _ in outs]
    assert numbers[0] and numbers[1] and not numbers[0] & numbers[1]   # each trial run by one process only
    study = _study(tmp_path / "runs.db", "shared")
    assert {t.number for t in study.trials} == numbers[0] | numbers[1]
    pids = {r.pid for r in RunLibrary(tmp_path / "runs.db").runs(study="shared")}
    assert len(pids) == 2


def _study(library, name):
    """The study in the default storage of this run library."""
    import optuna

    from rnnstudio.core.experiments.storage import default_storage, open_storage
    return optuna.load_study(study_name=name, storage=open_storage(default_storage(library)))


def test_a_killed_search_leaves_no_trial_running(tmp_path, small_text):
    """In the default storage (a file: no heartbeat) a trial whose process is gone is failed by
    the next search that opens the study, at once, and that search goes on."""
    (tmp_path / "c.txt").write_text(small_text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    cmd = [sys.executable, "-m", "rnnstudio.cli", "search", str(tmp_path / "c.txt"), "--vary", "hidden_size",
           "--library", str(tmp_path / "runs.db"), "--threads", "1", "--study", "killed"]
    victim = subprocess.Popen([*cmd, "--trial", "60s", "--budget", "60s"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.monotonic() + 120
        while True:
            assert victim.poll() is None and time.monotonic() < deadline, victim.communicate()
            try:
                running = [t for t in _study(tmp_path / "runs.db", "killed").trials
                           if t.state.name == "RUNNING" and t.user_attrs.get("pid") == victim.pid]
            except KeyError:   # no study yet
                running = []
            if running and RunLibrary(tmp_path / "runs.db").runs(study="killed"):   # training has begun
                break
            time.sleep(0.2)
        victim.send_signal(signal.SIGKILL)
        victim.wait(timeout=30)
    finally:
        if victim.poll() is None:
            victim.kill()
            victim.wait()
    res = cli(*cmd[3:], "--trial", "1s", "--budget", "2s")
    assert f"failed trial(s) {running[0].number}: left running by a process that is gone" in res.stdout
    assert re.search(rf"trial {running[0].number + 1}: (complete|pruned)", res.stdout), res.stdout
    states = {t.number: t.state.name for t in _study(tmp_path / "runs.db", "killed").trials}
    assert states[running[0].number] == "FAIL" and "RUNNING" not in states.values()
    assert RunLibrary(tmp_path / "runs.db").runs(study="killed")[0].status == "interrupted"
