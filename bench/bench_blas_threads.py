"""Generating text while training, with numpy's OpenBLAS on one thread or on its default.

RNN Studio sets OPENBLAS_NUM_THREADS=1 at import (rnnstudio/__init__.py). This measures
why: a 2x256 LSTM trains in one thread (plain torch, batch 32, window 128) while another
samples from a 2x256 LSTM with the app's sampler, as the Generate page does during a run;
and the sampler alone. Each setting runs in its own process (the variable is read when
numpy first loads). Run alone: ``python bench/bench_blas_threads.py [--reps 3]``; the
JSON keeps every run.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

CHILD = r"""
import json, sys, threading, time
import torch
from rnnstudio.core.config import ModelConfig, SampleConfig
from rnnstudio.core.model.network import CharRNN
from rnnstudio.core.model.sample import Sampler
from rnnstudio.core.data.tokenizer import Tokenizer

text = open(sys.argv[1], encoding="utf-8").read()[:200_000]
tok = Tokenizer.build(text)
torch.manual_seed(0)
sampler = Sampler(CharRNN(ModelConfig(vocab_size=tok.vocab_size)).eval(), tok)
cfg = SampleConfig(prime="ROMEO:", length=2000, temperature=0.8, top_p=0.9, seed=1, alternatives=0)

def sample_rate(seconds):
    t0, n = time.perf_counter(), 0
    while time.perf_counter() - t0 < seconds:
        n += sum(1 for _ in sampler.stream(cfg, probabilities=False))
    return n / (time.perf_counter() - t0)

lstm, head = torch.nn.LSTM(64, 256, 2, batch_first=True), torch.nn.Linear(256, tok.vocab_size)
opt = torch.optim.Adam([*lstm.parameters(), *head.parameters()])
x, y = torch.randn(32, 128, 64), torch.randint(0, tok.vocab_size, (32, 128))
def step():
    out, _ = lstm(x)
    loss = torch.nn.functional.cross_entropy(head(out).flatten(0, 1), y.flatten())
    opt.zero_grad(); loss.backward(); opt.step()

step()
t0 = time.perf_counter()
for _ in range(20):
    step()
train_alone = 20 / (time.perf_counter() - t0)
sample_alone = sample_rate(8)
stop, steps = False, [0]
def train():
    while not stop:
        step(); steps[0] += 1
th = threading.Thread(target=train); th.start()
t0 = time.perf_counter()
together = sample_rate(15)
elapsed = time.perf_counter() - t0
stop = True; th.join()
print(json.dumps({"train_alone_steps_s": round(train_alone, 2), "sample_alone_sym_s": round(sample_alone),
                  "together_train_steps_s": round(steps[0] / elapsed, 2), "together_sample_sym_s": round(together)}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reps", type=int, default=3, help="runs of each setting, alternating (default 3)")
    args = ap.parse_args()
    corpus = ROOT / "resources" / "corpora" / "tinyshakespeare.txt"
    results: dict[str, list[dict]] = {"openblas_threads_1": [], "openblas_threads_default": []}
    for rep in range(args.reps):   # alternating, so a slow moment of the machine touches both
        for threads in ("1", "default"):
            env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
            env["PYTHONPATH"] = str(ROOT)
            # "default": what numpy does on its own (rnnstudio's setdefault must not apply)
            env["OPENBLAS_NUM_THREADS"] = "1" if threads == "1" else str(os.cpu_count())
            out = subprocess.run([sys.executable, "-c", CHILD, str(corpus)], env=env, capture_output=True,
                                 text=True, check=True).stdout
            run = json.loads(out.strip().splitlines()[-1])
            results[f"openblas_threads_{threads}"].append(run)
            print(rep + 1, threads, run, flush=True)
    for name, runs in results.items():
        print(name, {k: (min(r[k] for r in runs), max(r[k] for r in runs)) for k in runs[0]})
    out_path = ROOT / "bench" / "results" / "blas_threads.json"
    out_path.write_text(json.dumps({"cpu_count": os.cpu_count(), **results}, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {out_path}")


if __name__ == "__main__":
    main()
