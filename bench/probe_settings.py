"""Probe training settings on one corpus: the engine alone, a fixed budget per setting.

    python bench/probe_settings.py CORPUS BUDGET SETTING [SETTING ...]

BUDGET is seconds (``120``) or symbols seen (``sym:1600000``, immune to other work on the
machine). Each SETTING is JSON: ``{"name": ..., "min_count": N, "model": {...ModelConfig},
"train": {...TrainConfig}}``. Prints one JSON line per setting: steps, symbols/s and the
validation loss over the whole last 10 %, also with unknown characters paying log(number of
rare characters) (``val_full_vocab``), so settings with different thresholds compare.

The README's "Defaults fitted to the text" table came from runs such as:

    python bench/probe_settings.py resources/corpora/tang_poems.txt sym:1600000 \\
      '{"name": "b16-T64", "min_count": 2, "model": {"emb_size": 128, "dropout": 0.2, "layers": 2,
        "cutoffs": [518, 1868]}, "train": {"batch_size": 16, "seq_len": 64, "lr": 0.01}}'
    python bench/probe_settings.py resources/corpora/tinyshakespeare.txt sym:1800000 \\
      '{"name": "T64", "model": {"dropout": 0.2, "layers": 2}, "train": {"seq_len": 64}}'
"""
from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from rnnstudio.core.config import ModelConfig, TrainConfig  # noqa: E402
from rnnstudio.core.data.corpus import Corpus, Streams  # noqa: E402
from rnnstudio.core.training.train import Trainer  # noqa: E402

BASE_TRAIN = dict(seq_len=128, batch_size=32, lr=6e-3, min_lr_ratio=0.02, eval_interval=0, first_eval_seconds=0,
                  eval_seconds=0, sample_length=0, seed=1, precision="fp32")


def probe(base: Corpus, budget: str, setting: dict) -> dict:
    setting = dict(setting)
    min_count = setting.pop("min_count", 1)
    corpus = base.with_min_count(min_count) if min_count > 1 else base
    model = ModelConfig(**{k: tuple(v) if k == "cutoffs" else v for k, v in setting.get("model", {}).items()})
    train = {**BASE_TRAIN, **setting.get("train", {})}
    if budget.startswith("sym:"):
        train.update(max_seconds=0, max_steps=int(budget[4:]) // (train["batch_size"] * train["seq_len"]))
    else:
        train.update(max_steps=0, max_seconds=float(budget))
    trainer = Trainer(corpus, model, TrainConfig(**train))
    trainer.evaluate = lambda streams=None: 0.0   # no evaluation inside the budget
    for _ in trainer.run():
        pass
    del trainer.evaluate
    _, val = corpus.split(0.1)
    nll = trainer.evaluate(Streams(val, 32, 128, tail=True))
    unk, rare = corpus.tokenizer.unk_id, corpus.distinct - len(corpus.tokenizer.symbols)
    n_unk = int((val[1:] == unk).sum()) if unk is not None else 0
    full = nll + (n_unk * math.log(rare) / (len(val) - 1) if rare > 1 else 0.0)
    return {"name": setting.get("name"), "vocab": corpus.tokenizer.vocab_size, "steps": trainer.step,
            "symbols_per_s": round(trainer.symbols_seen / trainer.elapsed), "val": round(nll, 4),
            "val_full_vocab": round(full, 4)}


def main() -> None:
    if len(sys.argv) < 4:
        raise SystemExit(__doc__)
    torch.set_num_threads(int(os.environ.get("PROBE_THREADS", torch.get_num_threads())))
    path = Path(sys.argv[1])
    base = Corpus.from_text(path.read_text(encoding="utf-8"), path.name)
    for arg in sys.argv[3:]:
        print(json.dumps(probe(base, sys.argv[2], json.loads(arg))), flush=True)


if __name__ == "__main__":
    main()
