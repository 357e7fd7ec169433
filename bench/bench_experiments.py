"""Experiments figures: prints one JSON line (run alone: nothing else on the machine).

    python bench/bench_experiments.py [--quick]

1. search: `rnnstudio-cli search tinyshakespeare.txt` (the installed CLI, as a process) with
   8+ trials of 30 s each, against `rnnstudio-cli train` with the default (fitted) settings for
   the same 30 s; both validation losses measured the same way (the engine's fixed evaluation
   subset). The search must find a configuration at least as good.
2. ddp: `rnnstudio-cli train` on 1 process against 2 processes under torchrun (gloo), same
   global batch, symbols per second from the CLI's own summary line. On 2 cores expect little
   gain: the point of the test suite's check is correctness.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHAKESPEARE = ROOT / "resources" / "corpora" / "tinyshakespeare.txt"
CLI = [sys.executable, "-m", "rnnstudio.cli"]


def run(cmd, **kw) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    res = subprocess.run(cmd, capture_output=True, text=True, env=env, **kw)
    if res.returncode != 0:
        raise SystemExit(f"failed: {' '.join(map(str, cmd))}\n{res.stdout}\n{res.stderr}")
    return res.stdout


def final_loss(stdout: str) -> float:
    """The run's best validation loss (the search reports each trial's best too)."""
    final = float(re.search(r"final validation loss: ([\d.]+)", stdout).group(1))
    best = re.search(r"best this run: ([\d.]+)", stdout)
    return min(final, float(best.group(1))) if best else final


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="4 trials of 10 s")
    ap.add_argument("--trial", type=float, default=30.0)
    ap.add_argument("--trials", type=int, default=8)
    args = ap.parse_args()
    trial, trials = (10.0, 4) if args.quick else (args.trial, args.trials)
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        # the default settings, same time as one trial
        default = run(CLI + ["train", str(SHAKESPEARE), "--out", str(t / "default.rnnstudio"), "--seconds",
                             str(trial), "--quiet", "--no-library", "--seed", "1"])
        # the search: its budget lets `trials` trials start (each trial also saves and evaluates)
        t0 = time.perf_counter()
        search = run(CLI + ["search", str(SHAKESPEARE), "--trial", f"{trial}s", "--budget",
                            f"{trial * trials - trial / 2}s", "--library", str(t / "runs.db"), "--seed", "1",
                            "--vary", "cell,layers,hidden_size,lr,seq_len", "--out", str(t / "best.rnnstudio")])
        wall = time.perf_counter() - t0
        done = re.findall(r"trial (\d+): (complete|pruned|failed)", search)
        best = float(re.search(r"best: trial \d+, ([\d.]+) nats", search).group(1))
        out["search"] = {"trial_seconds": trial, "trials": len(done),
                         "complete": sum(s == "complete" for _, s in done),
                         "pruned": sum(s == "pruned" for _, s in done), "wall_s": round(wall, 1),
                         "best_val": best, "default_val": final_loss(default),
                         "best_settings": re.search(r"best: trial \d+, [\d.]+ nats/symbol, (.*)", search).group(1),
                         "search_at_least_as_good": best <= final_loss(default)}

        # distributed: same global batch (32 streams x 64), 1 process vs 2
        common = ["--steps", "60", "--eval-interval", "0", "--batch-size", "32", "--seq-len", "64", "--quiet",
                  "--no-library", "--preset", "small", "--dropout", "0"]
        one = run(CLI + ["train", str(SHAKESPEARE), "--out", str(t / "one.rnnstudio"), "--threads", "2", *common])
        two = run([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc-per-node", "2", "-m",
                   "rnnstudio.cli", "train", str(SHAKESPEARE), "--out", str(t / "two.rnnstudio"), "--threads", "1",
                   *common])
        sps = [float(re.search(r"\(([\d,]+) symbols/s\)", s).group(1).replace(",", "")) for s in (one, two)]
        out["ddp"] = {"one_process_sps": sps[0], "two_processes_sps": sps[1], "ratio": round(sps[1] / sps[0], 2)}
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
