"""Defaults on several corpora: what a user gets from `rnnstudio-cli train TEXT --seconds S`.

    python bench/bench_defaults.py [--seconds 300] [--corpora tang_poems,tinyshakespeare,...]
                                   [--baselines plain,today] [--plain-batch 64]

For each corpus (bench/corpora.py) and in the same run, alone on the machine:

1. defaults: the installed `rnnstudio-cli` as a process, no options but the time
   budget and the seed (so the settings are the ones fitted to the text). The
   seconds until its first evaluation line appear are timed from the process start.
2. today (optional): the same CLI with the settings before this was measured: the
   Small preset as it was (batch 32 x 128, lr 6e-3, embedding 64, every symbol kept, a
   plain softmax).
3. plain: a plain PyTorch loop written here (embedding -> 2x256 nn.LSTM -> linear,
   Adam 3e-3, clipping, bf16 autocast where the CPU has it), the same budget.

Every model is scored on the whole last 10 % of the text (the same characters for
all), in nats per character. A model whose vocabulary merged rare characters into
an unknown symbol pays, for each unknown character, log(number of rare characters)
on top: the price of naming which rare character it was, so the figures compare.
Also: the speed the Model page would estimate (core/training/speed.py) against the speed
the run then had, and for Tang poems the share of 5- and 7-character clauses in
samples (the corpus itself: 88 %).
"""
from __future__ import annotations

import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import corpora  # noqa: E402
from bench_engine import PlainLSTM  # noqa: E402  (the same plain model as the engine benchmark)
from rnnstudio.core.training.autoconfig import suggest  # noqa: E402
from rnnstudio.core.model.bundle import load_bundle  # noqa: E402
from rnnstudio.core.config import SampleConfig  # noqa: E402
from rnnstudio.core.data.corpus import Corpus, Streams  # noqa: E402
from rnnstudio.core.training.device import cpu_has_bf16  # noqa: E402
from rnnstudio.core.model.sample import Sampler  # noqa: E402
from rnnstudio.core.training.speed import measure_speed  # noqa: E402

CLAUSE_SPLIT = re.compile("[，。！？；：、]")
POEM_LINE = re.compile("[，。！？；]")


def five_or_seven(text: str, drop_last_line: bool = True) -> tuple[float, int]:
    """Share of the clauses of poem lines (lines with clause punctuation) that are 5 or
    7 characters long, and how many clauses were counted. A sample's last line may be
    cut off by the length limit, so it is left out."""
    lines = text.split("\n")
    if drop_last_line and len(lines) > 1:
        lines = lines[:-1]
    clauses = [c for line in lines if POEM_LINE.search(line) for c in CLAUSE_SPLIT.split(line) if c.strip()]
    if not clauses:
        return 0.0, 0
    return sum(len(c.strip()) in (5, 7) for c in clauses) / len(clauses), len(clauses)


def full_vocab_loss(bundle_or_model, tokenizer, text: str, distinct: int) -> dict:
    """Mean nats per character over the last 10 % of ``text``, as described above."""
    corpus = Corpus.from_text(text, "val", vocabulary=tokenizer)
    _, val = corpus.split(0.1)
    model = bundle_or_model.build_model("cpu") if hasattr(bundle_or_model, "build_model") else bundle_or_model
    model.eval()
    streams = Streams(val, 32, 256, tail=True)
    total, count, hidden = 0.0, 0, None
    with torch.inference_mode():
        for w in range(len(streams)):
            x, y = streams.window(w)
            loss, hidden = model.loss(x, y, hidden, reduction="sum") if hasattr(model, "loss") else \
                _plain_loss(model, x, y, hidden)
            total += float(loss)
            count += y.numel()
    nll = total / count
    unk = tokenizer.unk_id
    rare = distinct - len(tokenizer.symbols)
    n_unk = int((streams.y[:, : len(streams) * streams.seq_len] == unk).sum()) if unk is not None else 0
    extra = n_unk * math.log(rare) / count if rare > 1 else 0.0
    return {"val_loss": round(nll + extra, 4), "val_loss_model_vocab": round(nll, 4), "val_symbols": count}


def _plain_loss(model, x, y, hidden):
    logits, hidden = model(x, hidden)
    return F.cross_entropy(logits.float().reshape(-1, logits.shape[-1]), y.reshape(-1), reduction="sum"), hidden


def cli_command() -> list[str]:
    exe = shutil.which("rnnstudio-cli") or shutil.which("rnnstudio-cli", path=str(Path(sys.executable).parent))
    return [exe] if exe else [sys.executable, "-m", "rnnstudio.cli"]


def run_cli(path: Path, out: Path, seconds: float, extra: list[str]) -> dict:
    cmd = cli_command() + ["train", str(path), "--out", str(out), "--seconds", str(seconds), "--seed", "1",
                           "--quiet", *extra]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    first_eval, lines, sps = None, [], None
    for line in proc.stdout:
        lines.append(line.rstrip())
        if first_eval is None and "val loss" in line:
            first_eval = time.perf_counter() - t0
        m = re.search(r"\(([\d,]+) symbols/s\)", line)
        if m:
            sps = float(m.group(1).replace(",", ""))
    proc.wait()
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n" + "\n".join(lines[-20:]))
    return {"first_eval_s": round(first_eval, 1) if first_eval else None, "wall_s": round(wall, 1),
            "train_sym_s": sps, "settings": [ln.strip() for ln in lines if ln.startswith(("model ", "  fitted"))]}


def plain_loop(text: str, seconds: float, batch: int, seq_len: int = 128, lr: float = 3e-3) -> dict:
    """The loop anyone would write, full vocabulary, for ``seconds`` of wall time."""
    torch.manual_seed(1)
    corpus = Corpus.from_text(text, "plain")
    vocab = corpus.tokenizer.vocab_size
    model = PlainLSTM(vocab, 64, 256, 2)
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    train, _ = corpus.split(0.1)
    streams = Streams(train, batch, seq_len)
    bf16 = cpu_has_bf16()
    h, step, t0 = None, 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        x, y = streams.window(step % len(streams))
        if step % len(streams) == 0:
            h = None
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16):
            logits, h = model(x, h)
        loss = F.cross_entropy(logits.float().reshape(-1, vocab), y.reshape(-1))
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        h = tuple(t.detach() for t in h)
        step += 1
    elapsed = time.perf_counter() - t0
    scored = full_vocab_loss(model, corpus.tokenizer, text, corpus.tokenizer.vocab_size)
    return {**scored, "steps": step, "train_sym_s": round(step * streams.batch * seq_len / elapsed),
            "settings": f"2x256 LSTM, emb 64, batch {batch} x {seq_len}, Adam {lr:g}, "
                        f"{'bf16' if bf16 else 'fp32'}"}


def score_model(path: Path, text: str, distinct: int, poems: bool) -> dict:
    bundle = load_bundle(path)
    out = full_vocab_loss(bundle, bundle.tokenizer, text, distinct)
    out["steps"] = bundle.progress.step
    if poems:
        sampler = Sampler.from_bundle(bundle)
        samples = [sampler.generate(SampleConfig(length=400, temperature=0.8, seed=s))[0] for s in range(1, 6)]
        share, n = five_or_seven("\n".join(s for s in samples))
        out["five_or_seven_clauses"] = round(share, 3)
        out["clauses_counted"] = n
        out["sample"] = samples[0][:120]
    return out


def estimate_speed(text: str, name: str) -> dict:
    """What the Model page shows for the fitted defaults (a timed run of about a second)."""
    corpus = Corpus.from_text(text, name).with_auto_min_count()
    fitted = suggest(corpus)
    est = measure_speed(corpus, fitted.model, fitted.train, seconds=1.5)
    return {"estimated_sym_s": round(est.symbols_per_sec)}


def bench_corpus(name: str, seconds: float, baselines: list[str], plain_batch: int, tmp: Path) -> dict:
    text = corpora.text(name)
    path = tmp / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    distinct = len(set(text))
    poems = name == "tang_poems"
    out = {"characters": len(text), "distinct": distinct}
    if poems:
        out["corpus_five_or_seven"] = round(five_or_seven(text, drop_last_line=False)[0], 3)
    out.update(estimate_speed(text, name))
    run = run_cli(path, tmp / f"{name}.rnnstudio", seconds, [])
    out["defaults"] = {**run, **score_model(tmp / f"{name}.rnnstudio", text, distinct, poems)}
    if out["defaults"]["train_sym_s"]:
        out["estimate_vs_measured"] = round(out["estimated_sym_s"] / out["defaults"]["train_sym_s"], 3)
    if "today" in baselines:
        run = run_cli(path, tmp / f"{name}-today.rnnstudio", seconds,
                      ["--preset", "small", "--output", "full", "--min-count", "1", "--seq-len", "128",
                       "--batch-size", "32", "--lr", "0.006", "--emb", "64"])
        out["today"] = {**run, **score_model(tmp / f"{name}-today.rnnstudio", text, distinct, poems)}
    if "plain" in baselines:
        out["plain"] = plain_loop(text, seconds, plain_batch)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=300)
    ap.add_argument("--corpora", default=",".join(corpora.NAMES))
    ap.add_argument("--baselines", default="plain", help="comma-separated: plain, today (or empty)")
    ap.add_argument("--plain-batch", type=int, default=64)
    args = ap.parse_args()
    baselines = [b for b in args.baselines.split(",") if b]
    figures = {"machine": f"{os.cpu_count()} cores, torch {torch.__version__}, bf16 {cpu_has_bf16()}",
               "date": time.strftime("%Y-%m-%d"), "seconds": args.seconds}
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.corpora.split(","):
            figures[name] = bench_corpus(name, args.seconds, baselines, args.plain_batch, Path(tmp))
            print(json.dumps({name: figures[name]}, ensure_ascii=False), file=sys.stderr, flush=True)
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
