"""Faults, for real: processes killed with SIGKILL mid-save, a full disk (a file-size limit),
and checkpoints that cannot be written. Nothing saved is ever lost or left half-written."""
from __future__ import annotations

import os
import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rnnstudio.core.model.bundle import load_bundle, save_bundle
from rnnstudio.core.config import ModelConfig
from rnnstudio.core.data.corpus import Corpus
from rnnstudio.core.training.train import Trainer

from .core.helpers import TINY_TRAIN, of_type, run_all

ROOT = Path(__file__).resolve().parents[1]
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals and resource limits")


def _model(text: str, seed: int, steps: int = 3):
    corpus = Corpus.from_text(text, "t")
    trainer = Trainer(corpus, ModelConfig(emb_size=8, hidden_size=32, layers=1),
                      TINY_TRAIN.replace(max_steps=steps, seed=seed, sample_length=0, eval_interval=0))
    run_all(trainer)
    return trainer.bundle()


@POSIX
def test_kill_during_save_leaves_the_old_or_the_new_file(tmp_path, small_text):
    """A writer saves two models in turn over one file; SIGKILL at 50 random moments; the file
    is always one of the two, whole and loadable, never a mix and never missing."""
    a, b = tmp_path / "a.rnnstudio", tmp_path / "b.rnnstudio"
    save_bundle(_model(small_text, 1), a)
    save_bundle(_model(small_text, 2), b)
    versions = {a.read_bytes(), b.read_bytes()}
    target = tmp_path / "model.rnnstudio"
    target.write_bytes(a.read_bytes())
    writer = ("import sys\nfrom rnnstudio.core.files import atomic_write\n"
              "data = [open(p, 'rb').read() for p in sys.argv[2:]]\nprint('ready', flush=True)\ni = 0\n"
              "while True:\n    atomic_write(sys.argv[1], data[i % 2]); i += 1\n")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    rng = random.Random(7)
    for attempt in range(50):
        proc = subprocess.Popen([sys.executable, "-c", writer, str(target), str(a), str(b)], env=env,
                                stdout=subprocess.PIPE, text=True)
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, 0.05))  # not a wait for something: the random moment of the kill
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=10)
        assert target.read_bytes() in versions, f"attempt {attempt}: a mixed or partial file"
        load_bundle(target)
    # A kill between creating and renaming may leave the writer's hidden temp file beside the
    # target: only that, named for the target, and nothing else ever appears in the folder.
    others = {p.name for p in tmp_path.iterdir()} - {"a.rnnstudio", "b.rnnstudio", "model.rnnstudio"}
    strays = [n for n in others if not (n.startswith(".model.rnnstudio.") and n.endswith(".tmp"))]
    assert not strays, strays


def _limit_file_size(limit: int):
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)   # a write past the limit fails with EFBIG instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return apply


@POSIX
def test_full_disk_keeps_the_previous_file_and_training_goes_on(tmp_path, small_text):
    (tmp_path / "text.txt").write_text(small_text, encoding="utf-8")
    previous = tmp_path / "m.rnnstudio"
    save_bundle(_model(small_text, 1), previous)
    before = previous.read_bytes()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
    res = subprocess.run([sys.executable, "-m", "rnnstudio.cli", "train", str(tmp_path / "text.txt"), "--out",
                          str(previous), "--preset", "tiny", "--hidden", "32", "--steps", "30", "--eval-interval",
                          "10", "--seq-len", "16", "--batch-size", "4", "--quiet"],
                         env=env, cwd=tmp_path, capture_output=True, text=True, timeout=240,
                         preexec_fn=_limit_file_size(4096))
    assert "Traceback" not in res.stderr, res.stderr
    # every checkpoint failed, and training went on to the end
    assert res.stdout.count("could not write the checkpoint") == 3, res.stdout
    assert "step 30: val loss" in res.stdout
    # the final save failed too, and so did every rescue: one clear message, status 1
    assert res.returncode == 1 and "could not save" in res.stderr
    assert previous.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".m.rnnstudio")]


@POSIX
def test_export_on_a_full_disk_fails_cleanly(tmp_path, small_text):
    model = tmp_path / "m.rnnstudio"
    save_bundle(_model(small_text, 1), model)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    res = subprocess.run([sys.executable, "-m", "rnnstudio.cli", "export", str(model), "--format", "onnx",
                          "--out", str(tmp_path / "m.onnx")], env=env, capture_output=True, text=True,
                         timeout=240, preexec_fn=_limit_file_size(4096))
    assert res.returncode in (1, 2) and "Traceback" not in res.stderr and "error" in res.stderr
    assert not (tmp_path / "m.onnx").exists()


def test_a_checkpoint_that_cannot_be_written_does_not_end_training(tmp_path, small_text):
    corpus = Corpus.from_text(small_text, "t")
    blocked = tmp_path / "gone" / "auto.rnnstudio"
    (tmp_path / "gone").write_text("a file where the folder should be", encoding="utf-8")
    trainer = Trainer(corpus, ModelConfig(emb_size=8, hidden_size=32, layers=1),
                      TINY_TRAIN.replace(max_steps=20, eval_interval=10), checkpoint_path=str(blocked))
    events = run_all(trainer)
    assert len(of_type(events, "CheckpointFailed")) == 2
    assert of_type(events, "Finished")[0].reason == "steps" and trainer.step == 20
