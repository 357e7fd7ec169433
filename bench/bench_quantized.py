"""What int8 weights cost in loss: a model's validation loss through the generation step, int8 against float32.

    python bench/bench_quantized.py MODEL=CORPUS [MODEL=CORPUS ...] [--symbols 20000] [--out FILE]

CORPUS is a name from bench/corpora.py (tinyshakespeare, tang_poems, python_code, english_prose) or
a text file. Each model reads the last 10 % of its corpus (the trainer's validation split) one
symbol at a time through the stepper, as generation does (teacher forcing from a zero state), once
with float32 products and once with int8 (quantize.py), and the mean loss in nats per symbol of
each is printed with their relative change. The issue asks for under 0.5 %. The stepper's numpy
path runs: it computes the same products as the compiled int8 kernels (tests/core/test_int8.py)
and needs no numba.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import rnnstudio  # noqa: E402,F401
import numpy as np  # noqa: E402

import corpora  # noqa: E402
from bench_speed import cpu_flags  # noqa: E402
from rnnstudio.core.model.bundle import load_bundle  # noqa: E402
from rnnstudio.core.model.sample import Sampler  # noqa: E402
from rnnstudio.core.model.stepper import Stepper  # noqa: E402


def loss(model, ids: np.ndarray, int8: bool) -> float:
    """Mean negative log-probability of ids[1:], each after the ones before it (one step each)."""
    os.environ["RNNSTUDIO_INT8"] = "1" if int8 else "0"
    stepper = Stepper(model, batch=1, compiled=False)
    assert stepper.int8 == int8
    total = 0.0
    for t in range(len(ids) - 1):
        out = stepper.step(ids[t:t + 1])[0].astype(np.float64)
        m = out.max()
        total += m + np.log(np.exp(out - m).sum()) - out[ids[t + 1]]   # for log-probabilities (adaptive) too
    return total / (len(ids) - 1)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("pairs", nargs="+", help="MODEL=CORPUS")
    ap.add_argument("--symbols", type=int, default=20000)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    rows = []
    for pair in args.pairs:
        model_path, corpus = pair.split("=", 1)
        text = Path(corpus).read_text(encoding="utf-8") if Path(corpus).is_file() else corpora.text(corpus)
        bundle = load_bundle(model_path)
        sampler = Sampler.from_bundle(bundle)
        tail = text[len(text) - len(text) // 10:]
        ids = np.asarray(sampler.tokenizer.encode(tail, unknown="skip"), dtype=np.int64)[:args.symbols]
        t0 = time.perf_counter()
        f32, i8 = loss(sampler._cpu_model, ids, False), loss(sampler._cpu_model, ids, True)
        c = bundle.model_config
        row = {"model": Path(model_path).name, "corpus": Path(corpus).name, "symbols": int(len(ids)),
               "network": f"{c.cell} {c.layers}x{c.hidden_size}, {c.vocab_size} symbols",
               "float32": round(f32, 5), "int8": round(i8, 5), "change_percent": round(100 * (i8 - f32) / f32, 3)}
        rows.append(row)
        print(f"{row['corpus']:>20} {row['network']:>30}: float32 {f32:.4f}, int8 {i8:.4f} nats/symbol, "
              f"{row['change_percent']:+.3f} % ({time.perf_counter() - t0:.0f} s)", flush=True)
    result = {"cpu": cpu_flags(), "date": time.strftime("%Y-%m-%d"), "models": rows}
    if args.out:
        args.out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
