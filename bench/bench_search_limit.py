"""How far the defaults are from the best settings a search finds: the limit point of
bench_defaults.py.

    python bench/bench_search_limit.py [--corpora tang_poems,tinyshakespeare] [--budget 40m]
                                       [--trial 120s] [--vary cell,layers,hidden_size,emb_size,dropout,lr,seq_len]

For each corpus, alone on the machine: a study is made with the defaults fitted to the text
(core/training/autoconfig.py) queued as its first trial, then the installed
`rnnstudio-cli search TEXT --budget B --trial T` runs as a process on that study. Every trial,
the defaults' included, is trained for the same time and scored the same way (its validation
loss at the end, in nats per symbol), so the gap between the defaults' trial and the best
trial is the distance to the limit this search finds in this time. Output:
bench/results/search_limit.json (each corpus written as it finishes).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import corpora  # noqa: E402
from bench_defaults import cli_command  # noqa: E402
from bench_speed import cpu_flags  # noqa: E402

from rnnstudio.cli.search import duration  # noqa: E402
from rnnstudio.core.data.corpus import load_corpus  # noqa: E402
from rnnstudio.core.experiments.search import MODEL_KEYS, SPACE, open_study  # noqa: E402
from rnnstudio.core.training.autoconfig import suggest  # noqa: E402


def default_params(path: Path, vary: list[str]) -> dict:
    """The fitted defaults, as the search's parameters (the corpus read as the search reads it)."""
    fitted = suggest(load_corpus(str(path), min_count=0))
    out = {}
    for name in vary:
        value = getattr(fitted.model if name in MODEL_KEYS else fitted.train, name)
        kind, *spec = SPACE[name]
        if kind == "choice" and value not in spec[0]:
            raise SystemExit(f"the default {name}={value} is outside the search space {spec[0]}")
        if kind != "choice" and not spec[0] <= value <= spec[1]:
            raise SystemExit(f"the default {name}={value} is outside the search space {spec[:2]}")
        out[name] = value
    return out


def bench_corpus(name: str, budget: float, trial: float, vary: list[str], tmp: Path) -> dict:
    path = tmp / f"{name}.txt"
    path.write_text(corpora.text(name), encoding="utf-8")
    journal, study_name = tmp / f"{name}.journal", f"limit-{name}"
    defaults = default_params(path, vary)
    study = open_study(study_name, str(journal), seed=1)
    study.enqueue_trial(defaults)   # trial 0: the defaults, trained and scored as every other trial
    cmd = cli_command() + ["search", str(path), "--budget", f"{budget:g}", "--trial", f"{trial:g}",
                           "--vary", ",".join(vary), "--storage", str(journal), "--study", study_name,
                           "--library", str(tmp / f"{name}-runs.db"), "--models", str(tmp / f"{name}-models"),
                           "--seed", "1"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    lines = []
    for line in proc.stdout:
        lines.append(line.rstrip())
        print(f"  {name}: {line.rstrip()}", file=sys.stderr, flush=True)
    proc.wait()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n" + "\n".join(lines[-20:]))
    study = open_study(study_name, str(journal), seed=1)
    done = [t for t in study.trials if t.value is not None and t.state.name == "COMPLETE"]
    first = study.trials[0]
    best = min(done, key=lambda t: t.value)
    out = {"wall_s": round(time.perf_counter() - t0), "trials": len(study.trials),
           "complete": len(done), "pruned": sum(t.state.name == "PRUNED" for t in study.trials),
           "defaults": {"params": defaults, "state": first.state.name.lower(),
                        "val_loss": round(first.value, 4) if first.value is not None else None},
           "best": {"trial": best.number, "params": best.params, "val_loss": round(best.value, 4)},
           "trial_values": [round(t.value, 4) if t.value is not None else None for t in study.trials]}
    if first.value is not None:
        out["defaults_vs_best"] = round(first.value / best.value - 1, 4)   # 0.03 = the defaults 3 % above
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpora", default="tang_poems,tinyshakespeare")
    ap.add_argument("--budget", type=duration, default=2400.0)
    ap.add_argument("--trial", type=duration, default=120.0)
    ap.add_argument("--vary", default=",".join(SPACE))
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "search_limit.json"))
    args = ap.parse_args()
    vary = [v for v in args.vary.split(",") if v]
    figures = {"cpu": cpu_flags(), "python": platform.python_version(), "date": time.strftime("%Y-%m-%d"),
               "budget_s": args.budget, "trial_s": args.trial, "vary": vary}
    out = Path(args.out)
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.corpora.split(","):
            figures[name] = bench_corpus(name, args.budget, args.trial, vary, Path(tmp))
            out.write_text(json.dumps(figures, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            print(json.dumps({name: figures[name]}, ensure_ascii=False), file=sys.stderr, flush=True)
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
