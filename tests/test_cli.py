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


def cli(*args, check=True, extra_env=None, **kw):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1", **(extra_env or {})}
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
    # symbols the model never saw are left out of the start text by default (--keep-unknown refuses them)
    res = cli("sample", model, "--prime", "ROMEO 世界", "--length", "10", "--seed", "1")
    assert res.stdout.startswith("ROMEO 世界") and len(res.stdout) == len("ROMEO 世界") + 10 + 1


def test_a_long_sample_runs_compiled_and_a_short_one_does_not_load_numba(model):
    """Loading numba costs more than a short sample saves: the default length stays in numpy.
    A long one runs the compiled step (kernels.py) and writes what the numpy step writes."""
    args = ["-X", "importtime", "-m", "rnnstudio.cli", "sample", str(model), "--seed", "3", "--top-p", "0.9"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run(length, **extra):
        return subprocess.run([sys.executable, *args, "--length", str(length)], capture_output=True, text=True,
                              env={**env, **extra}, timeout=240, check=True)

    short = run(500)
    assert "numba" not in short.stderr and len(short.stdout) == 501
    # the same text, to float32 rounding: the compiled step rounds differently (its own tanh, its
    # own order of sums), so a draw at a hair from a boundary may go the other way on some CPU,
    # after which the texts part; the first few hundred symbols, as the steps, agree
    long = run(9000)
    assert "| numba" in long.stderr and len(long.stdout) == 9001
    assert long.stdout[:300] == run(9000, RNNSTUDIO_COMPILED_STEP="0").stdout[:300]
    # four at once: one batch, its products shared among the cores
    args += ["--num-samples", "4"]
    four = run(3000)
    assert "| numba" in four.stderr and four.stdout.count("--- sample") == 4
    plain = run(3000, RNNSTUDIO_COMPILED_STEP="0").stdout
    assert [s[:200] for s in four.stdout.split("--- sample")] == [s[:200] for s in plain.split("--- sample")]


def test_a_long_sample_takes_int8_products_by_default_where_the_cpu_runs_them_faster(model):
    """Without RNNSTUDIO_INT8 (which the suite sets to 0) the command line's compiled step takes
    int8 weights on a CPU with AVX2 (kernels.int8), and writes what the numpy step writes over
    the same int8 weights; elsewhere float32, as the numpy step's float32."""
    from rnnstudio.core.model import kernels

    env = {k: v for k, v in os.environ.items() if k != "RNNSTUDIO_INT8"}
    env["PYTHONPATH"] = str(ROOT)
    args = [sys.executable, "-m", "rnnstudio.cli", "sample", str(model), "--seed", "4", "--top-p", "0.9",
            "--length", "9000"]

    def run(**extra):
        return subprocess.run(args, capture_output=True, text=True, env={**env, **extra}, timeout=240,
                              check=True).stdout

    int8 = kernels.host_avx2()
    plain = run(RNNSTUDIO_COMPILED_STEP="0", RNNSTUDIO_INT8="1" if int8 else "0")
    assert run()[:300] == plain[:300]
    if int8:   # and not the float32 text
        assert run(RNNSTUDIO_INT8="0")[:9000] != plain[:9000]


def test_resume_continues_counting(model, tmp_path, small_text):
    (tmp_path / "c.txt").write_text(small_text, encoding="utf-8")
    out = tmp_path / "more.rnnstudio"
    res = cli("train", tmp_path / "c.txt", "--out", out, "--resume", model, "--steps", "20", "--quiet")
    assert "resumed" in res.stdout
    assert json.loads(cli("info", out, "--json").stdout)["resume"]["step"] == 80


def test_resume_accepts_the_shape_flags_it_already_has_and_names_a_differing_one(model, tmp_path, small_text):
    """Re-running a script with --resume added: the same shape flags are fine; a different
    value is refused (status 2) naming the flag, the model's value and the given one."""
    (tmp_path / "c.txt").write_text(small_text, encoding="utf-8")
    same = ["--preset", "tiny", "--cell", "lstm", "--layers", "1", "--hidden", "48", "--output", "full"]
    res = cli("train", tmp_path / "c.txt", "--out", tmp_path / "again.rnnstudio", "--resume", model, "--steps", "5",
              "--quiet", *same)
    assert "resumed" in res.stdout
    assert json.loads(cli("info", tmp_path / "again.rnnstudio", "--json").stdout)["resume"]["step"] == 65
    for flag, value, message in (("--hidden", "64", "--hidden 64 differs from the model being continued (48)"),
                                 ("--cell", "gru", "--cell gru differs from the model being continued (lstm)"),
                                 ("--output", "adaptive", "--output adaptive differs from the model being "
                                                          "continued (full)")):
        res = cli("train", tmp_path / "c.txt", "--out", tmp_path / "x.rnnstudio", "--resume", model, "--steps", "5",
                  flag, value, check=False)
        assert res.returncode == 2 and message in res.stderr, res.stderr
        assert not (tmp_path / "x.rnnstudio").exists()


def test_export_every_format(model, tmp_path):
    for fmt, name in (("onnx", "m.onnx"), ("pt2", "m.pt2")):
        res = cli("export", model, "--format", fmt, "--out", tmp_path / name)
        assert (tmp_path / name).stat().st_size > 1000
        assert (tmp_path / f"{name}.vocab.json").exists() and "wrote" in res.stdout
    res = cli("export", model, "--format", "html", "--out", tmp_path / "m.html", "--language", "zh_CN")
    assert res.stdout.strip() == f"wrote {tmp_path / 'm.html'}"   # the page holds its own vocabulary
    assert '<html lang="zh-CN">' in (tmp_path / "m.html").read_text(encoding="utf-8")
    assert not (tmp_path / "m.html.vocab.json").exists()
    # an existing page is replaced only with --force
    res = cli("export", model, "--format", "html", "--out", tmp_path / "m.html", check=False)
    assert res.returncode == 2 and "--force" in res.stderr
    cli("export", model, "--format", "html", "--out", tmp_path / "m.html", "--force")
    res = cli("export", model, "--format", "torchscript", "--out", tmp_path / "m.pt", check=False)
    assert res.returncode == 2 and "pt2" in res.stderr and len(res.stderr.strip().splitlines()) == 1


def readme_block(name: str) -> str:
    """The fenced block between ``<!-- name -->`` markers in README.md, as .ci/run reads them."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    part = readme.split(f"<!-- {name} -->", 1)[1].split(f"<!-- /{name} -->", 1)[0]
    return part.split("```", 2)[1].split("\n", 1)[1]


def test_the_readme_onnx_script_runs_an_export_as_the_cli_samples(model, tmp_path):
    script = readme_block("onnx-script")
    assert len(script.strip().splitlines()) <= 15
    (tmp_path / "run.py").write_text(script, encoding="utf-8")
    cli("export", model, "--format", "onnx", "--out", tmp_path / "m.onnx")
    res = subprocess.run([sys.executable, tmp_path / "run.py", tmp_path / "m.onnx", "ROMEO:", "100"],
                         capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert res.stdout == cli("sample", model, "--prime", "ROMEO:", "--length", "100", "--temperature", "0").stdout


@pytest.mark.parametrize("args,message", [
    (["sample", "missing.rnnstudio"], "no such file"),
    (["train", "missing.txt", "--out", "x.rnnstudio"], "no such file or folder"),
    (["info", "__FILE__"], "not an RNN Studio model"),
    (["train", "__FILE__", "--out", "x.rnnstudio", "--steps", "5"], "too short"),
    (["train", "__PNG__", "--out", "x.rnnstudio"], "not a text file"),
    (["train", "__FILE__", "--out", "x.rnnstudio", "--dropout", "2"], "dropout"),
    (["sample", "__MODEL__", "--prime", "世界", "--keep-unknown"], "never saw"),
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
    for command in ("train", "sample", "export", "info", "inspect", "search", "runs"):
        assert "usage: rnnstudio-cli " + command in cli(command, "--help").stdout


def endless_training(tmp_path, text, out, eval_interval, **popen):
    """`rnnstudio-cli train` with no end in sight, as a process to interrupt or kill."""
    (tmp_path / "c.txt").write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([sys.executable, "-m", "rnnstudio.cli", "train", str(tmp_path / "c.txt"), "--out",
                             str(out), "--preset", "tiny", "--steps", "1000000", "--seq-len", "16",
                             "--batch-size", "4", "--eval-interval", str(eval_interval), "--quiet"],
                            stdout=subprocess.PIPE, text=True, env=env, **popen)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_ctrl_c_saves_the_model(tmp_path, small_text):
    out = tmp_path / "interrupted.rnnstudio"
    proc = endless_training(tmp_path, small_text, out, 10, stderr=subprocess.PIPE)
    # wait until training is under way: its first evaluation
    line = proc.stdout.readline()
    while line and "val loss" not in line:
        line = proc.stdout.readline()
    proc.send_signal(signal.SIGINT)
    t0 = time.monotonic()
    stdout, stderr = proc.communicate(timeout=60)
    assert time.monotonic() - t0 < 10  # saved at once: no final evaluation, an evaluation under way cut short
    assert proc.returncode == 130, stderr  # interrupted, after saving
    assert "finished (stopped)" in stdout
    assert out.exists()
    assert json.loads(cli("info", out, "--json").stdout)["resume"]["step"] > 0


@pytest.mark.parametrize("auto", ["bf16", "fp32"])
def test_fitted_defaults_on_a_chinese_text_at_either_automatic_precision(tmp_path, tang_text, auto):
    """What "auto" picks on a CPU with native bf16 and on one without, whatever this CPU is:
    the defaults on Chinese text train, sample, inspect and export (the adaptive head under
    bf16 autocast once failed on bf16 machines only)."""
    env = {"RNNSTUDIO_AUTO_PRECISION": auto}
    (tmp_path / "poems.txt").write_text(tang_text, encoding="utf-8")
    out = tmp_path / "p.rnnstudio"
    res = cli("train", tmp_path / "poems.txt", "--out", out, "--steps", "3", "--hidden", "32", "--emb", "16",
              "--layers", "1", "--seq-len", "16", "--batch-size", "4", "--eval-interval", "3", extra_env=env)
    assert "fitted to the text" in res.stdout and "adaptive output" in res.stdout
    assert f"({auto})" in res.stdout and "val loss" in res.stdout
    header = json.loads(cli("info", out, "--json").stdout)
    assert header["model"]["cutoffs"] and header["tokenizer"]["has_unk"]
    sample = cli("sample", out, "--length", "30", "--seed", "1").stdout
    assert len(sample) == 31
    (tmp_path / "probe.txt").write_text(tang_text[:300], encoding="utf-8")
    page = tmp_path / "s.html"
    cli("inspect", out, "--text", tmp_path / "probe.txt", "--surprise", "--html", page, extra_env=env)
    assert page.stat().st_size > 1000
    cli("export", out, "--format", "onnx", "--out", tmp_path / "p.onnx", extra_env=env)
    assert (tmp_path / "p.onnx").stat().st_size > 1000


def test_an_unexpected_error_is_one_line_not_a_traceback(tmp_path, small_text):
    """A bug inside training (here: a step that raises) reaches the terminal as one line."""
    (tmp_path / "t.txt").write_text(small_text, encoding="utf-8")
    boom = tmp_path / "sitecustomize.py"
    boom.write_text("import rnnstudio.core.model.network as m\n"
                    "def broken(*a, **k):\n    raise RuntimeError('index_copy_(): a bug\\nsecond line')\n"
                    "m.CharRNN.loss = broken\n", encoding="utf-8")
    res = cli("train", tmp_path / "t.txt", "--out", tmp_path / "m.rnnstudio", "--steps", "2", "--preset", "tiny",
              "--quiet", check=False, extra_env={"PYTHONPATH": f"{tmp_path}{os.pathsep}{ROOT}"})
    assert res.returncode == 1
    assert "Traceback" not in res.stderr
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert lines == ["rnnstudio-cli: internal error: RuntimeError: index_copy_(): a bug "
                     "(please report it; RNNSTUDIO_TRACEBACK=1 shows where)"], res.stderr


def test_output_that_would_destroy_a_file_is_refused_before_training(tmp_path, small_text, model):
    text = tmp_path / "mytext.txt"
    text.write_text(small_text, encoding="utf-8")
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me", encoding="utf-8")
    before = model.read_bytes()
    cases = [
        (["train", text, "--out", text, "--steps", "2"], "text being read"),
        (["train", text, "--out", notes, "--steps", "2"], "not an RNN Studio model"),
        (["train", text, "--out", tmp_path, "--steps", "2"], "folder"),
        (["train", text, "--out", tmp_path / "nowhere" / "m.rnnstudio", "--steps", "2"], "does not exist"),
        (["train", text, "--out", model, "--resume", model, "--steps", "2"], "model being read"),
        (["export", model, "--format", "onnx", "--out", model], "model being read"),
        (["export", model, "--format", "onnx", "--out", model, "--force"], "RNN Studio model"),
        (["export", model, "--format", "onnx", "--out", notes], "not an RNN Studio model"),
    ]
    for args, message in cases:
        res = cli(*args, check=False)
        assert res.returncode == 2, (args, res.stderr)
        assert message in res.stderr and "Traceback" not in res.stderr, (args, res.stderr)
        assert ".tmp" not in res.stderr
    assert text.read_text(encoding="utf-8") == small_text
    assert notes.read_text(encoding="utf-8") == "keep me"
    assert model.read_bytes() == before
    # asked for, an existing file of another kind is replaced
    cli("train", text, "--out", notes, "--steps", "2", "--preset", "tiny", "--force", "--quiet")
    assert json.loads(cli("info", notes, "--json").stdout)["resume"]["step"] == 2


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder nobody may write in: a read-only mount as root (root ignores permissions), else chmod."""
    locked = tmp_path / "locked"
    locked.mkdir()
    if os.geteuid() != 0:
        locked.chmod(0o555)
        yield locked
        locked.chmod(0o755)
        return
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(locked)],
                      capture_output=True).returncode != 0:
        pytest.skip("root without the right to mount a read-only folder")
    try:
        yield locked
    finally:
        subprocess.run(["umount", str(locked)], capture_output=True)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX folders")
def test_read_only_output_folder_is_refused_before_training(tmp_path, small_text, read_only_folder):
    text = tmp_path / "t.txt"
    text.write_text(small_text, encoding="utf-8")
    res = cli("train", text, "--out", read_only_folder / "m.rnnstudio", "--steps", "2", check=False)
    assert res.returncode == 2 and "cannot write" in res.stderr and "Traceback" not in res.stderr


def test_continuing_by_seconds_a_model_trained_by_steps_trains_more(model, tmp_path, small_text):
    (tmp_path / "c.txt").write_text(small_text, encoding="utf-8")
    out = tmp_path / "more.rnnstudio"
    cli("train", tmp_path / "c.txt", "--out", out, "--resume", model, "--seconds", "2", "--quiet")
    assert json.loads(cli("info", out, "--json").stdout)["resume"]["step"] > 60


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_a_killed_run_leaves_a_checkpoint_to_resume(tmp_path, small_text):
    out = tmp_path / "m.rnnstudio"
    partial = tmp_path / "m.rnnstudio.partial"
    proc = endless_training(tmp_path, small_text, out, 20, stderr=subprocess.STDOUT)
    evaluations = 0
    for line in proc.stdout:
        evaluations += "val loss" in line
        if evaluations == 2:
            break
    proc.kill()  # kill -9: no chance to save
    proc.wait(timeout=30)
    assert not out.exists() and partial.exists()
    step = json.loads(cli("info", partial, "--json").stdout)["resume"]["step"]
    assert step in (20, 40)  # the last checkpoint: at most one interval of 20 steps lost
    # the run library (the app's Runs page) shows the killed run as interrupted, with its checkpoint
    from rnnstudio.core.experiments.runs import RunLibrary, default_path
    killed = RunLibrary(default_path()).runs()[-1]
    assert killed.status == "interrupted" and killed.autosave_path == str(partial) and killed.steps in (20, 40)
    res = cli("train", tmp_path / "c.txt", "--out", out, "--resume", partial, "--steps", "5", "--force", "--quiet")
    assert json.loads(cli("info", out, "--json").stdout)["resume"]["step"] == step + 5
    again = RunLibrary(default_path()).runs()[-1]
    assert f"recorded as run #{again.id}" in res.stdout
    assert again.status == "finished" and again.model_path == str(out.resolve())


def test_continuing_on_another_text_says_what_was_left_out(model, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("Это другой текст, ROMEO. " * 400, encoding="utf-8")
    out = tmp_path / "o.rnnstudio"
    res = cli("train", other, "--out", out, "--resume", model, "--steps", "10", "--eval-interval", "5", "--quiet")
    assert "left out" in res.stdout and "Э" in res.stdout
    final = float(res.stdout.split("final validation loss: ")[1].split()[0])
    assert json.loads(cli("info", out, "--json").stdout)["history"]["val"][-1][1] == pytest.approx(final, abs=1e-4)


def test_resume_if_exists_continues_its_own_checkpoint(tmp_path, small_text):
    """--resume-if-exists: no checkpoint, a fresh run; MODEL.partial there, the run goes on from it
    to the whole run's --steps (the same command serves the start and a restart); a checkpoint of
    another text, or --resume beside it, is refused with one line."""
    import shutil

    from rnnstudio.core.model.bundle import load_bundle
    text, other = tmp_path / "c.txt", tmp_path / "other.txt"
    text.write_text(small_text, encoding="utf-8")
    other.write_text(small_text[::-1], encoding="utf-8")
    common = ["--preset", "tiny", "--hidden", "32", "--emb", "16", "--seq-len", "16", "--batch-size", "8",
              "--eval-interval", "10", "--seed", "1", "--threads", "1", "--no-library", "--quiet", "--resume-if-exists"]
    first = cli("train", text, "--out", tmp_path / "a.rnnstudio", "--steps", "10", *common)
    assert "continued from" not in first.stdout
    shutil.copyfile(tmp_path / "a.rnnstudio", tmp_path / "b.rnnstudio.partial")
    res = cli("train", text, "--out", tmp_path / "b.rnnstudio", "--steps", "30", *common)
    assert f"continued from its checkpoint {tmp_path / 'b.rnnstudio.partial'} at step 10" in res.stdout
    model = load_bundle(tmp_path / "b.rnnstudio")
    assert model.progress.step == 30 and [s for s, _ in model.history["train"]] == list(range(1, 31))
    assert not (tmp_path / "b.rnnstudio.partial").exists()
    shutil.copyfile(tmp_path / "a.rnnstudio", tmp_path / "c.rnnstudio.partial")
    for args in (["train", other, "--out", tmp_path / "c.rnnstudio", "--steps", "30", *common],
                 ["train", text, "--out", tmp_path / "c.rnnstudio", "--resume", tmp_path / "a.rnnstudio", *common]):
        res = cli(*args, check=False)
        assert res.returncode == 2 and len(res.stderr.strip().splitlines()) == 1, res.stderr
    assert "was trained on another text" in cli(*(["train", other, "--out", tmp_path / "c.rnnstudio", *common]),
                                                 check=False).stderr
