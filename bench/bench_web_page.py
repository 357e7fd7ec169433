"""The exported web page: its size against the model file, and its speed in headless Chromium.

    python bench/bench_web_page.py [--seconds 60] [--length 3000] [--reps 3]
                                   [--corpora tinyshakespeare,tang_poems] [--out bench/results/web_page.json]
                                   [--keep FOLDER]

For each corpus: ``rnnstudio-cli train TEXT --seconds S --seed 1`` (the defaults fitted to the
text: a 2x256 LSTM on English, an adaptive softmax over ~4,500 characters on Chinese), then
``rnnstudio-cli export MODEL --format html`` as a process, and

- sizes: the page, the model file (which also holds what resuming needs: optimiser moments),
  and the weights alone in float32;
- speed: the page run in headless Chromium (Debian's ``chromium``) from file://, ``--length``
  symbols at temperature 0.8, top-p 0.9, seed 1, the page's own symbols/s (median of
  ``--reps``), beside the engine's sampler in-process with the same settings;
- greedy: the page's first 200 symbols at temperature 0 against ``rnnstudio-cli sample``;
- float16: what weights rounded to float16 would change — the loss on the last 10 % of the
  text (up to 20,000 symbols) and whether 500 greedy symbols stay the same. The page keeps
  float32 (its greedy text must equal the engine's); this says what halving it would cost.

Run it alone on the machine: the speeds are wall-clock.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import rnnstudio  # noqa: E402,F401  (before numpy: the app's BLAS settings)
import torch  # noqa: E402

import corpora  # noqa: E402
from rnnstudio.core.config import SampleConfig  # noqa: E402
from rnnstudio.core.model.bundle import load_bundle  # noqa: E402
from rnnstudio.core.model.sample import Sampler  # noqa: E402
from tools.headless_chromium import Chromium, page_url  # noqa: E402

PRIMES = {"tinyshakespeare": "ROMEO:", "tang_poems": "床前明月光"}


def cli(*args) -> str:
    res = subprocess.run([sys.executable, "-m", "rnnstudio.cli", *map(str, args)], capture_output=True, text=True,
                         cwd=ROOT)
    if res.returncode:
        raise SystemExit(f"rnnstudio-cli {' '.join(map(str, args))} failed:\n{res.stderr}")
    return res.stdout


def engine_rate(bundle, prime: str, length: int) -> float:
    sampler = Sampler.from_bundle(bundle)
    cfg = SampleConfig(prime=prime, length=length, temperature=0.8, top_p=0.9, seed=1, alternatives=0,
                       unknown="skip")
    start = time.perf_counter()
    count = sum(1 for _ in sampler.stream(cfg, probabilities=False))
    return count / (time.perf_counter() - start)


@torch.no_grad()
def float16_effect(bundle, text: str, prime: str) -> dict:
    """Loss on the last 10 % of the text with float32 weights and with weights rounded to float16."""
    tail = text[int(len(text) * 0.9):]
    ids = torch.from_numpy(bundle.tokenizer.encode(tail, unknown="skip").astype("int64"))[:20001]
    rounded = dataclasses.replace(bundle, weights={k: (v.half().float() if v.is_floating_point() else v)
                                                   for k, v in bundle.weights.items()})
    losses = {}
    for name, b in (("float32", bundle), ("float16", rounded)):
        model = b.build_model()
        losses[name] = float(model.loss(ids[None, :-1], ids[None, 1:])[0])
    cfg = SampleConfig(prime=prime, length=500, temperature=0, alternatives=0, unknown="skip")
    greedy = [Sampler.from_bundle(b).generate(cfg)[0] for b in (bundle, rounded)]
    same = next((i for i, (a, b) in enumerate(zip(*greedy)) if a != b), len(greedy[0]))
    return {"loss_float32": round(losses["float32"], 5), "loss_float16": round(losses["float16"], 5),
            "loss_change_percent": round(100 * (losses["float16"] - losses["float32"]) / losses["float32"], 4),
            "greedy_symbols_equal_before_first_difference": same, "symbols_scored": int(ids.numel() - 1)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=int, default=60, help="training time of each model")
    ap.add_argument("--length", type=int, default=3000, help="symbols the page generates per run")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--corpora", default="tinyshakespeare,tang_poems")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "web_page.json"))
    ap.add_argument("--keep", metavar="FOLDER", help="keep the models and pages there (else a temporary folder)")
    args = ap.parse_args()
    results = {"machine": f"{platform.processor() or platform.machine()}, {platform.platform()}",
               "chromium": subprocess.run(["chromium", "--version"], capture_output=True, text=True).stdout.strip(),
               "torch": torch.__version__, "seconds": args.seconds, "length": args.length, "corpora": {}}
    with tempfile.TemporaryDirectory() as scratch, Chromium(timeout=600) as browser:
        tmp = args.keep or scratch
        Path(tmp).mkdir(parents=True, exist_ok=True)
        for name in args.corpora.split(","):
            text_path = corpora.SHIPPED[name]
            model = Path(tmp) / f"{name}.rnnstudio"
            cli("train", text_path, "--out", model, "--seconds", args.seconds, "--seed", "1", "--quiet", "--force")
            page = Path(tmp) / f"{name}.html"
            start = time.perf_counter()
            cli("export", model, "--format", "html", "--out", page, "--force")
            export_seconds = time.perf_counter() - start
            bundle = load_bundle(model)
            weights = sum(v.numel() * 4 for k, v in bundle.weights.items() if v.is_floating_point())
            prime = PRIMES.get(name, "")
            query = dict(prime=prime, length=args.length, temperature=0.8, top_p=0.9, seed=1)
            rates = [browser.run_page(page_url(page, **query))["rate"] for _ in range(args.reps)]
            engine = [engine_rate(bundle, prime, args.length) for _ in range(args.reps)]
            greedy_page = browser.run_page(page_url(page, prime=prime, length=200, temperature=0))["text"]
            greedy_cli = cli("sample", model, "--prime", prime, "--length", "200", "--temperature", "0")[:-1]
            cfg = bundle.model_config
            row = {
                "model": f"{cfg.cell} {cfg.layers}x{cfg.hidden_size}, embedding {cfg.emb_size}, "
                         f"{bundle.tokenizer.vocab_size} symbols, {'adaptive' if cfg.cutoffs else 'full'} softmax",
                "page_bytes": page.stat().st_size, "model_file_bytes": model.stat().st_size,
                "weights_float32_bytes": weights,
                "page_over_model_file": round(page.stat().st_size / model.stat().st_size, 3),
                "page_over_weights": round(page.stat().st_size / weights, 3),
                "export_seconds_as_a_process": round(export_seconds, 2),
                "page_symbols_per_second": round(statistics.median(rates), 1),
                "page_runs": [round(r, 1) for r in rates],
                "engine_symbols_per_second": round(statistics.median(engine), 1),
                "greedy_200_equal_to_cli": greedy_page == greedy_cli,
                "float16": float16_effect(bundle, text_path.read_text(encoding="utf-8"), prime),
            }
            results["corpora"][name] = row
            print(name, json.dumps(row, ensure_ascii=False, indent=1), flush=True)
    Path(args.out).write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
