"""The command line, end to end, in a subprocess as a user runs it."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def cli(*args, check=True, **kw):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    res = subprocess.run([sys.executable, "-m", "rnnstudio.cli", *map(str, args)], capture_output=True,
                         text=True, env=env, timeout=240, **kw)
    if check and res.returncode != 0:
        raise AssertionError(f"exit {res.returncode}\n{res.stdout}\n{res.stderr}")
    return res


@pytest.fixture(scope="module")
def model(tmp_path_factory, small_text):
    d = tmp_path_factory.mktemp("cli")
    (d / "corpus.txt").write_text(small_text, encoding="utf-8")
    out = d / "m.rnnstudio"
    res = cli("train", d / "corpus.txt", "--out", out, "--preset", "tiny", "--hidden", "48", "--steps", "60",
              "--eval-interval", "30", "--seq-len", "32", "--batch-size", "16", "--seed", "3", "--quiet")
    assert "step 30: val loss" in res.stdout and "step 60: val loss" in res.stdout
    assert "final validation loss:" in res.stdout
    return out


def test_train_writes_a_model_and_info_describes_it(model):
    res = cli("info", model)
    assert "lstm, 1 layer(s) of 48" in res.stdout and "60 steps" in res.stdout
    header = json.loads(cli("info", model, "--json").stdout)
    assert header["model"]["hidden_size"] == 48 and header["resume"]["step"] == 60


def test_sample_streams_text_reproducibly(model):
    a = cli("sample", model, "--prime", "ROMEO:", "--length", "100", "--seed", "5", "--top-p", "0.9").stdout
    b = cli("sample", model, "--prime", "ROMEO:", "--length", "100", "--seed", "5", "--top-p", "0.9").stdout
    assert a == b and a.startswith("ROMEO:") and len(a) == len("ROMEO:") + 100 + 1
    many = cli("sample", model, "--length", "20", "--num-samples", "2", "--seed", "1").stdout
    assert "--- sample 2 ---" in many


def test_resume_continues_counting(model, tmp_path, small_text):
    (tmp_path / "c.txt").write_text(small_text, encoding="utf-8")
    out = tmp_path / "more.rnnstudio"
    res = cli("train", tmp_path / "c.txt", "--out", out, "--resume", model, "--steps", "20", "--quiet")
    assert "resumed" in res.stdout
    assert json.loads(cli("info", out, "--json").stdout)["resume"]["step"] == 80


def test_export_both_formats(model, tmp_path):
    for fmt, name in (("onnx", "m.onnx"), ("torchscript", "m.pt")):
        res = cli("export", model, "--format", fmt, "--out", tmp_path / name)
        assert (tmp_path / name).stat().st_size > 1000
        assert (tmp_path / f"{name}.vocab.json").exists() and "wrote" in res.stdout


@pytest.mark.parametrize("args,message", [
    (["sample", "missing.rnnstudio"], "no such file"),
    (["train", "missing.txt", "--out", "x.rnnstudio"], "no such file or folder"),
    (["info", "__FILE__"], "not an RNN Studio model"),
    (["train", "__FILE__", "--out", "x.rnnstudio", "--steps", "5"], "too short"),
    (["train", "__PNG__", "--out", "x.rnnstudio"], "not a text file"),
    (["train", "__FILE__", "--out", "x.rnnstudio", "--dropout", "2"], "dropout"),
    (["sample", "__MODEL__", "--prime", "世界"], "never saw"),
    (["sample", "__MODEL__", "--top-p", "1.5"], "top_p"),
])
def test_errors_are_one_line_without_traceback(args, message, tmp_path, model):
    short = tmp_path / "short.txt"
    short.write_text("abcabcabc", encoding="utf-8")
    png = tmp_path / "pic.txt"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(500))
    args = [{"__FILE__": short, "__PNG__": png, "__MODEL__": model}.get(a, a) for a in args]
    res = cli(*args, check=False, cwd=tmp_path)
    assert res.returncode == 2
    assert message in res.stderr
    assert "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_bad_option_value_is_rejected(tmp_path):
    res = cli("train", "x.txt", "--out", "y", "--steps", "many", check=False)
    assert res.returncode == 2 and "expected a whole number" in res.stderr


def test_help_for_each_command():
    for command in ("train", "sample", "export", "info"):
        assert "usage: rnnstudio-cli " + command in cli(command, "--help").stdout


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_saves_the_model(tmp_path, small_text):
    (tmp_path / "c.txt").write_text(small_text, encoding="utf-8")
    out = tmp_path / "interrupted.rnnstudio"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "rnnstudio.cli", "train", str(tmp_path / "c.txt"), "--out",
                             str(out), "--preset", "tiny", "--steps", "1000000", "--seq-len", "16",
                             "--batch-size", "4", "--eval-interval", "0"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    # wait until training is under way
    line = proc.stdout.readline()
    while line and not line.startswith("model "):
        line = proc.stdout.readline()
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 0, stderr
    assert "finished (stopped)" in stdout
    assert out.exists()
    assert json.loads(cli("info", out, "--json").stdout)["resume"]["step"] > 0
