"""rnnstudio-cli search as processes: a search finds and keeps its best model, goes on where it
stopped, and two processes on one storage share the study."""
from __future__ import annotations

import os
import re
import subprocess
import sys

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
    import optuna
    study = optuna.load_study(study_name="shared", storage=f"sqlite:///{tmp_path / 'runs.db'}")
    assert {t.number for t in study.trials} == numbers[0] | numbers[1]
    pids = {r.pid for r in RunLibrary(tmp_path / "runs.db").runs(study="shared")}
    assert len(pids) == 2
