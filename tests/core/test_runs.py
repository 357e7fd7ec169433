"""The run library on a real SQLite file: recording, reading, interrupted runs, deleting,
migrating, and a damaged file moved aside."""
from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from rnnstudio.core.config import ModelConfig
from rnnstudio.core.data.corpus import Corpus
from rnnstudio.core.experiments.runs import SCHEMA_VERSION, RunLibrary, RunRecorder
from rnnstudio.core.training.train import Trainer

from .helpers import TINY_TRAIN


@pytest.fixture
def corpus(request):
    text = (request.config.rootpath / "resources/corpora/tinyshakespeare.txt").read_text(encoding="utf-8")
    return Corpus.from_text(text[:20000], "small.txt")


def train_recorded(library, corpus, steps=40, **kw):
    trainer = Trainer(corpus, ModelConfig(emb_size=8, hidden_size=24, layers=1),
                      TINY_TRAIN.replace(max_steps=steps, eval_interval=20, sample_length=0), **kw)
    recorder = RunRecorder(library, trainer, source="cli")
    for event in trainer.run():
        recorder.record(event)
    return trainer, recorder


def test_a_training_run_is_recorded(tmp_path, corpus):
    lib = RunLibrary(tmp_path / "runs.db")
    trainer, rec = train_recorded(lib, corpus)
    rec.saved(str(tmp_path / "m.rnnstudio"))
    run = lib.get(rec.run_id)
    assert run.status == "finished" and run.reason == "steps" and run.source == "cli"
    # the table's time and steps are the run's own at its end, as the log says them
    assert run.seconds == pytest.approx(trainer.elapsed) and run.steps == trainer.step == 40
    assert run.model["hidden_size"] == 24 and run.train["max_steps"] == 40
    assert run.corpus_name == "small.txt" and run.corpus_hash == corpus.hash and run.corpus_symbols == len(corpus)
    assert run.steps == 40 and run.best_val == pytest.approx(trainer.best_val, rel=1e-6)
    assert [p[0] for p in run.points] == [20, 40] and all(p[3] is not None and p[4] is not None for p in run.points)
    assert run.points[1][1] == 40 * 16 * 32 and run.points[1][2] > 0   # symbols seen, seconds
    assert run.model_path.endswith("m.rnnstudio") and run.label == f"#{run.id} lstm 1×24"
    # a second library on the same file sees the same (another process, the app)
    assert [r.id for r in RunLibrary(tmp_path / "runs.db").runs()] == [rec.run_id]


def test_name_note_and_delete_with_files(tmp_path, corpus):
    lib = RunLibrary(tmp_path / "runs.db")
    _, rec = train_recorded(lib, corpus, steps=20)
    model = tmp_path / "m.rnnstudio"
    model.write_bytes(b"x")
    rec.saved(str(model))
    lib.rename(rec.run_id, name="my first", note="dropout 0")
    assert lib.get(rec.run_id).label == "my first" and lib.get(rec.run_id).note == "dropout 0"
    assert lib.delete(rec.run_id, files=True) == [model]
    assert not model.exists() and lib.runs() == [] and lib.points(rec.run_id) == []


KILLED_RUN = r"""
import sys, time
from rnnstudio.core.experiments.runs import RunLibrary
lib = RunLibrary(sys.argv[1])
run = lib.start_run(model={"cell": "gru"}, train={}, autosave_path="/tmp/auto.rnnstudio")
lib.add_point(run, step=10, symbols=100, seconds=1.0, train_loss=2.0, val_loss=2.5)
print(run, flush=True)
time.sleep(60)
"""


def test_a_killed_run_shows_as_interrupted(tmp_path):
    proc = subprocess.Popen([sys.executable, "-c", KILLED_RUN, str(tmp_path / "runs.db")], stdout=subprocess.PIPE,
                            text=True)
    run_id = int(proc.stdout.readline())
    lib = RunLibrary(tmp_path / "runs.db")
    assert lib.get(run_id).status == "running"      # its process is alive
    proc.kill()
    proc.wait()
    run = lib.get(run_id)
    assert run.status == "interrupted" and run.steps == 10 and run.best_val == 2.5
    assert run.autosave_path == "/tmp/auto.rnnstudio"


def test_a_damaged_database_is_moved_aside(tmp_path):
    path = tmp_path / "runs.db"
    path.write_bytes(b"this is not a database at all" * 100)
    lib = RunLibrary(path)
    assert lib.recovered is not None and lib.recovered.read_bytes().startswith(b"this is not")
    assert lib.runs() == []
    lib.start_run(model={}, train={})
    assert len(RunLibrary(path).runs()) == 1


def test_an_older_schema_is_migrated_and_a_newer_refused(tmp_path):
    path = tmp_path / "runs.db"
    db = sqlite3.connect(path)
    db.execute("PRAGMA user_version = 0")
    db.close()
    lib = RunLibrary(path)
    assert lib.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    lib.close()
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(RuntimeError, match="newer"):
        RunLibrary(path)


def test_a_library_that_fails_never_stops_training(tmp_path, corpus):
    lib = RunLibrary(tmp_path / "runs.db")
    trainer = Trainer(corpus, ModelConfig(emb_size=8, hidden_size=24, layers=1),
                      TINY_TRAIN.replace(max_steps=40, eval_interval=20, sample_length=0))
    rec = RunRecorder(lib, trainer)
    lib.close()   # as if the file had gone away under the run
    lib.db = sqlite3.connect(":memory:")   # a database without the tables: every write fails
    for event in trainer.run():
        rec.record(event)
    assert trainer.step == 40 and rec.problem


def test_overlay_of_two_runs(tmp_path, corpus):
    import csv
    import io

    from rnnstudio.core.experiments.overlay import differences, legend, series, to_csv
    lib = RunLibrary(tmp_path / "runs.db")
    _, a = train_recorded(lib, corpus, steps=40)
    trainer = Trainer(corpus, ModelConfig(cell="gru", emb_size=8, hidden_size=24, layers=1),
                      TINY_TRAIN.replace(max_steps=40, eval_interval=20, sample_length=0, lr=5e-3))
    b = RunRecorder(lib, trainer)
    for event in trainer.run():
        b.record(event)
    runs = [lib.get(a.run_id), lib.get(b.run_id)]
    diff = dict(differences(runs))
    assert diff["cell"] == ["lstm", "gru"] and diff["lr"] == [TINY_TRAIN.lr, 5e-3] and "hidden_size" not in diff
    assert legend(runs[1], list(diff)) == f"#{b.run_id} gru 1×24 · lr 0.005"   # the name already says gru
    lib.rename(b.run_id, name="second")
    assert legend(lib.get(b.run_id), list(diff)) == "second · cell gru · lr 0.005"
    xs, ys = series(runs[0], "symbols")
    assert xs == [20 * 16 * 32, 40 * 16 * 32] and len(ys) == 2
    secs, _ = series(runs[1], "seconds")
    assert 0 < secs[0] < secs[1]
    rows = list(csv.DictReader(io.StringIO(to_csv(runs))))
    assert len(rows) == 4 and rows[2]["name"].startswith(f"#{b.run_id}") and float(rows[3]["val_loss"]) > 0
    with pytest.raises(ValueError):
        series(runs[0], "minutes")
