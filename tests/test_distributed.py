"""Training under torchrun: 2 local CPU processes (gloo) train the same model as one process
on the same global batch, within floating-point tolerance, and what they save resumes on one."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import pytest
import torch

from rnnstudio.core.model.bundle import ResumeTensors, load_bundle

from .test_cli import ROOT, cli

TRAIN = ["--eval-interval", "10", "--seq-len", "16", "--batch-size", "8", "--seed", "1", "--threads", "1",
         "--no-library", "--quiet"]
# fp32: the equality below is to rounding; bf16 has its own test, whatever "auto" picks here
COMMON = ["--preset", "tiny", "--hidden", "32", "--emb", "16", "--dropout", "0", "--precision", "fp32", *TRAIN]


def torchrun(*args, cwd):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    res = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node", "2",
                          "-m", "rnnstudio.cli", *map(str, args)], capture_output=True, text=True, env=env,
                         timeout=300, cwd=cwd)
    assert res.returncode == 0, res.stdout + res.stderr
    return res


def assert_same(a, b, tol=1e-5):
    assert set(a.weights) == set(b.weights)
    for k in a.weights:
        torch.testing.assert_close(a.weights[k], b.weights[k], atol=tol, rtol=tol)
    assert [s for s, _ in a.history["val"]] == [s for s, _ in b.history["val"]]
    assert [v for _, v in a.history["val"]] == pytest.approx([v for _, v in b.history["val"]], abs=1e-4)


@pytest.mark.skipif(not torch.distributed.is_available(), reason="this torch has no distributed package")
def test_two_processes_train_what_one_does_and_it_resumes(tmp_path, small_text):
    text = tmp_path / "c.txt"
    text.write_text(small_text, encoding="utf-8")
    res = torchrun("train", text, "--out", tmp_path / "ddp.rnnstudio", "--steps", "20", *COMMON, cwd=tmp_path)
    assert "distributed: 2 processes, 4 streams each" in res.stdout
    assert res.stdout.count("step 20: val loss") == 1          # only rank 0 speaks
    cli("train", text, "--out", tmp_path / "one.rnnstudio", "--steps", "20", *COMMON)
    ddp, one = load_bundle(tmp_path / "ddp.rnnstudio"), load_bundle(tmp_path / "one.rnnstudio")
    assert_same(ddp, one)
    # the file holds the whole batch's carried state, so one process continues it exactly
    hidden = ResumeTensors.from_tensors(ddp.resume_tensors).hidden
    assert [tuple(h.shape) for h in hidden] == [(1, 8, 32), (1, 8, 32)]
    for name in ("ddp", "one"):
        cli("train", text, "--out", tmp_path / f"{name}-more.rnnstudio", "--resume", tmp_path / f"{name}.rnnstudio",
            "--steps", "10", *TRAIN)
    assert_same(load_bundle(tmp_path / "ddp-more.rnnstudio"), load_bundle(tmp_path / "one-more.rnnstudio"))
    # and a one-process model continues on two
    torchrun("train", text, "--out", tmp_path / "one-ddp.rnnstudio", "--resume", tmp_path / "one.rnnstudio",
             "--steps", "10", *TRAIN, cwd=tmp_path)
    assert_same(load_bundle(tmp_path / "one-ddp.rnnstudio"), load_bundle(tmp_path / "one-more.rnnstudio"))


def _differences(a, b) -> tuple[float, float]:
    diff = torch.cat([(a.weights[k] - b.weights[k]).abs().flatten() for k in a.weights if k != "rank"])
    return float(diff.mean()), float(diff.max())


@pytest.mark.skipif(not torch.distributed.is_available(), reason="this torch has no distributed package")
def test_two_processes_in_bf16_stay_as_close_to_one_as_bf16_is_to_fp32(tmp_path, small_text):
    """Under bf16 each process's gradients come out of bf16 products rounded to 8 significant bits
    before the ranks average them, so two processes cannot equal one to fp32's rounding; and Adam
    turns every gradient, however small, into a step of about the learning rate, so a rounding
    difference on a near-zero gradient moves that weight by up to a step. The yardstick is bf16's
    own effect, measured here on the same run: two processes in bf16 must be no further from one
    process in bf16 than that is from one process in fp32 (mean over all weights, and twice that
    for the largest single weight), and their validation losses agree to 1e-3 nats."""
    text = tmp_path / "c.txt"
    text.write_text(small_text, encoding="utf-8")
    common = [c for c in COMMON if c != "fp32" and c != "--precision"]
    torchrun("train", text, "--out", tmp_path / "ddp.rnnstudio", "--steps", "20", "--precision", "bf16", *common,
             cwd=tmp_path)
    for name, precision in (("one", "bf16"), ("fp32", "fp32")):
        cli("train", text, "--out", tmp_path / f"{name}.rnnstudio", "--steps", "20", "--precision", precision,
            *common)
    ddp, one, fp32 = (load_bundle(tmp_path / f"{n}.rnnstudio") for n in ("ddp", "one", "fp32"))
    assert ddp.train_config.precision == one.train_config.precision == "bf16"
    split_mean, split_max = _differences(ddp, one)
    bf16_mean, bf16_max = _differences(one, fp32)
    assert bf16_mean > 0                       # bf16 really ran
    assert split_mean <= bf16_mean, (split_mean, bf16_mean)
    assert split_max <= 2 * bf16_max, (split_max, bf16_max)
    assert [s for s, _ in ddp.history["val"]] == [s for s, _ in one.history["val"]]
    assert [v for _, v in ddp.history["val"]] == pytest.approx([v for _, v in one.history["val"]], abs=1e-3)


def test_a_batch_that_cannot_be_shared_is_refused(tmp_path, small_text):
    text = tmp_path / "c.txt"
    text.write_text(small_text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    res = subprocess.run([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node", "2",
                          "-m", "rnnstudio.cli", "train", str(text), "--out", str(tmp_path / "m.rnnstudio"),
                          "--steps", "2", "--preset", "tiny", "--batch-size", "7", "--threads", "1", "--no-library"],
                         capture_output=True, text=True, env=env, timeout=300)
    assert res.returncode != 0 and "multiple of 2" in res.stdout + res.stderr
    assert "Traceback" not in res.stdout


def _free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.skipif(not torch.distributed.is_available(), reason="this torch has no distributed package")
def test_two_nodes_over_a_c10d_rendezvous_train_what_one_process_does(tmp_path, small_text):
    """Two torchrun agents, one process each, meet over a c10d rendezvous on 127.0.0.1 as two
    machines would over the network (each with its own folder); the model equals one process's
    on the same global batch."""
    text = tmp_path / "c.txt"
    text.write_text(small_text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    rdzv = ["--nnodes", "2", "--nproc-per-node", "1", "--rdzv-backend", "c10d", "--rdzv-endpoint",
            f"127.0.0.1:{_free_port()}", "--rdzv-id", "two-nodes", "--local-addr", "127.0.0.1"]
    nodes = []
    for i in range(2):
        (tmp_path / f"node{i}").mkdir()
        nodes.append(subprocess.Popen(
            [sys.executable, "-m", "torch.distributed.run", *rdzv, "-m", "rnnstudio.cli", "train", str(text),
             "--out", str(tmp_path / "nodes.rnnstudio"), "--steps", "20", *COMMON],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path / f"node{i}"))
    outs = [n.communicate(timeout=300) for n in nodes]
    assert [n.returncode for n in nodes] == [0, 0], outs
    speakers = [out for out, _ in outs if "distributed: 2 processes, 4 streams each" in out]
    assert len(speakers) == 1 and speakers[0].count("step 20: val loss") == 1   # rank 0, on one node
    cli("train", text, "--out", tmp_path / "one.rnnstudio", "--steps", "20", *COMMON)
    assert_same(load_bundle(tmp_path / "nodes.rnnstudio"), load_bundle(tmp_path / "one.rnnstudio"))


def _workers(agent: int) -> dict[int, int]:
    """The rank of each worker process the torchrun agent started: {rank: pid}."""
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            if ppid != agent:
                continue
            with open(f"/proc/{entry}/environ", "rb") as f:
                env = dict(v.split(b"=", 1) for v in f.read().split(b"\0") if b"=" in v)
        except (OSError, ValueError, IndexError):
            continue   # gone meanwhile
        if b"RANK" in env:
            found[int(env[b"RANK"])] = int(entry)
    return found


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="finds the worker processes through /proc")
@pytest.mark.skipif(not torch.distributed.is_available(), reason="this torch has no distributed package")
def test_an_elastic_restart_after_sigkill_goes_on_from_the_last_checkpoint(tmp_path, small_text):
    """torchrun --max-restarts 1: one rank's worker is killed with SIGKILL after a checkpoint;
    the agent restarts the group and, with --resume-if-exists, the run goes on from its own
    checkpoint (MODEL.partial) and ends at the steps asked: every step counted once, and what
    was lost is at most the one checkpoint interval after the last checkpoint."""
    import signal

    from rnnstudio.core.model.bundle import summary

    text = tmp_path / "c.txt"
    text.write_text(small_text, encoding="utf-8")
    out, steps, interval = tmp_path / "m.rnnstudio", 200, 10
    partial = tmp_path / "m.rnnstudio.partial"
    # each restarted group gets its own store (torch's shared one hands it the dead group's addresses)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1", "PYTHONUNBUFFERED": "1",
           "TORCH_DISABLE_SHARE_RDZV_TCP_STORE": "1"}
    args = COMMON
    agent = subprocess.Popen([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node", "2",
                              "--max-restarts", "1", "-m", "rnnstudio.cli", "train", str(text), "--out", str(out),
                              "--steps", str(steps), "--resume-if-exists", *args, "--eval-interval", str(interval)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path)
    try:
        deadline = time.monotonic() + 240
        seen = 0
        while seen < 2 * interval:   # a few checkpoints in: the run is well under way
            assert agent.poll() is None and time.monotonic() < deadline, agent.communicate()
            info = summary(partial) if partial.exists() else None
            seen = info["steps"] if info else 0
            time.sleep(0.02)
        victim = _workers(agent.pid)[1]
        os.kill(victim, signal.SIGKILL)
        stdout, stderr = agent.communicate(timeout=240)
    finally:
        if agent.poll() is None:
            agent.kill()
            agent.wait()
    assert agent.returncode == 0, stdout + stderr
    assert "restarts would fail" not in stderr
    first, _, second = stdout.partition("continued from its checkpoint")
    assert second, stdout + stderr                                   # the group restarted and picked it up
    resumed = int(re.match(r" \S+ at step (\d+)", second).group(1))
    evaluated = [int(s) for s in re.findall(r"step (\d+): val loss", first)]
    assert resumed >= seen and resumed % interval == 0
    assert evaluated[-1] - resumed <= interval                        # lost: at most one interval
    model = load_bundle(out)
    assert model.progress.step == steps and not partial.exists()
    assert [s for s, _ in model.history["train"]] == list(range(1, steps + 1))   # every step once
    assert [s for s, _ in model.history["val"]] == list(range(interval, steps + 1, interval))


def test_restarts_that_would_fail_are_named(monkeypatch):
    from rnnstudio.core.training.distributed import restart_problem
    monkeypatch.setenv("TORCHELASTIC_MAX_RESTARTS", "1")
    monkeypatch.setenv("TORCHELASTIC_USE_AGENT_STORE", "True")   # torchrun's default: the shared store
    assert "TORCH_DISABLE_SHARE_RDZV_TCP_STORE=1" in restart_problem()
    monkeypatch.setenv("TORCHELASTIC_USE_AGENT_STORE", "False")  # with it set
    assert restart_problem() is None
    monkeypatch.setenv("TORCHELASTIC_MAX_RESTARTS", "0")
    monkeypatch.setenv("TORCHELASTIC_USE_AGENT_STORE", "True")
    assert restart_problem() is None


def _newest_bytes_rank(rank, store, results):
    import torch.distributed as dist

    from rnnstudio.core.training.distributed import Distributed, newest_bytes
    torch.set_num_threads(1)
    dist.init_process_group("gloo", init_method=f"file://{store}", rank=rank, world_size=2)
    try:
        d = Distributed(rank, 2, rank)
        # only rank 1's machine has a checkpoint (a restart gave rank 0 to a machine without it)
        got = newest_bytes(d, b"step 20" if rank == 1 else None, 20 if rank == 1 else -1)
        both = newest_bytes(d, f"step {10 * (rank + 1)}".encode(), 10 * (rank + 1))   # the newer wins
        none = newest_bytes(d, None, -1)
        results.put((rank, got, both, none))
    finally:
        dist.destroy_process_group()


@pytest.mark.skipif(not torch.distributed.is_available(), reason="this torch has no distributed package")
def test_the_newest_checkpoint_any_rank_has_reaches_all(tmp_path):
    import multiprocessing as mp
    ctx = mp.get_context("spawn")
    results = ctx.Queue()
    procs = [ctx.Process(target=_newest_bytes_rank, args=(r, tmp_path / "store", results)) for r in range(2)]
    for p in procs:
        p.start()
    got = sorted(results.get(timeout=120) for _ in procs)
    for p in procs:
        p.join(timeout=60)
    assert got == [(0, b"step 20", b"step 20", None), (1, b"step 20", b"step 20", None)]
