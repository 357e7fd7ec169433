"""rnnstudio-cli runs, as processes on a run library the command line itself recorded."""
from __future__ import annotations

import csv
import json

import pytest

from .test_cli import cli

TRAIN = ["--preset", "tiny", "--hidden", "32", "--steps", "6", "--eval-interval", "3", "--seq-len", "16",
         "--batch-size", "8", "--quiet"]


@pytest.fixture
def library(tmp_path, small_text):
    """Three CLI runs: #2 saves over #1's model file (so that file is #2's too), #3 has its own."""
    (tmp_path / "c.txt").write_text(small_text, encoding="utf-8")
    db = tmp_path / "runs.db"
    for out in ("shared.rnnstudio", "shared.rnnstudio", "own.rnnstudio"):
        cli("train", tmp_path / "c.txt", "--out", tmp_path / out, "--library", db, *TRAIN)
    return db


def test_runs_lists_shows_and_exports_what_the_cli_recorded(library, tmp_path):
    runs = json.loads(cli("runs", "--library", library, "list", "--json").stdout)
    assert [r["id"] for r in runs] == [1, 2, 3]
    assert {r["source"] for r in runs} == {"cli"} and {r["status"] for r in runs} == {"finished"}
    assert runs[0]["model_path"] == runs[1]["model_path"] == str((tmp_path / "shared.rnnstudio").resolve())
    assert all(r["steps"] == 6 and r["best_val"] > 0 for r in runs)
    table = cli("runs", "--library", library).stdout.splitlines()
    assert table[0].split()[:3] == ["ID", "RUN", "STATUS"] and len(table) == 4 and "c.txt" in table[1]
    shown = cli("runs", "--library", library, "show", "3").stdout
    assert "run #3" in shown and "6 steps" in shown and "own.rnnstudio" in shown
    detail = json.loads(cli("runs", "--library", library, "show", "3", "--json").stdout)
    assert [p[0] for p in detail["points"] if p[4] is not None] == [3, 6]
    out = tmp_path / "runs.csv"
    cli("runs", "--library", library, "export", "--csv", out)
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {r["run"] for r in rows} == {"1", "2", "3"} and any(r["val_loss"] for r in rows)
    res = cli("runs", "--library", library, "export", "--csv", out, check=False)   # never replaced unasked
    assert res.returncode == 2 and "runs.csv" in res.stderr


def test_delete_with_files_keeps_a_file_another_run_still_names(library, tmp_path):
    shared, own = tmp_path / "shared.rnnstudio", tmp_path / "own.rnnstudio"
    dry = cli("runs", "--library", library, "delete", "1", "--files", "--dry-run").stdout
    assert dry.splitlines() == ["would delete run(s) #1 and 0 file(s):"]
    assert len(json.loads(cli("runs", "--library", library, "list", "--json").stdout)) == 3
    cli("runs", "--library", library, "delete", "1", "--files")
    assert shared.exists()                       # run #2 wrote over it and still names it
    dry = cli("runs", "--library", library, "delete", "3", "--files", "--dry-run").stdout
    assert dry.splitlines() == ["would delete run(s) #3 and 1 file(s):", f"  {own.resolve()}"]
    assert own.exists()
    cli("runs", "--library", library, "delete", "3", "--files")
    assert not own.exists() and shared.exists()
    assert [r["id"] for r in json.loads(cli("runs", "--library", library, "list", "--json").stdout)] == [2]
    cli("runs", "--library", library, "delete", "2", "--files")   # now nobody else names it
    assert not shared.exists()


def test_runs_deleted_together_take_the_files_only_they_name(library, tmp_path):
    """#1 and #2 share a model file: deleted together, nothing else names it, so it goes; the
    listing says so before anything is deleted, as the deletion then does."""
    shared = tmp_path / "shared.rnnstudio"
    dry = cli("runs", "--library", library, "delete", "1", "2", "--files", "--dry-run").stdout
    assert dry.splitlines() == ["would delete run(s) #1, #2 and 1 file(s):", f"  {shared.resolve()}"]
    assert shared.exists()
    cli("runs", "--library", library, "delete", "1", "2", "--files")
    assert not shared.exists() and (tmp_path / "own.rnnstudio").exists()


def test_an_unknown_run_is_one_line_and_deletes_nothing(library):
    res = cli("runs", "--library", library, "delete", "2", "99", check=False)
    assert res.returncode == 2 and res.stderr.strip().endswith("there is no run #99 in " + str(library))
    assert len(json.loads(cli("runs", "--library", library, "list", "--json").stdout)) == 3
