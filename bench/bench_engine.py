"""Engine benchmark: prints one JSON line of figures, each measured in this run.

    python bench/bench_engine.py [--quick] [--only throughput,quality,sampling,corpus] [--device cuda]

``--device`` runs the throughput and quality parts there (sampling runs on the CPU in numpy).

1. throughput: training symbols/s of the engine against a plain PyTorch loop
   written here (embedding -> nn.LSTM -> linear, Adam, clipping) on the same
   model, batch and window, in fp32 and with bfloat16 autocast.
2. quality: validation loss (nats/char, whole last-10% split) on Tiny Shakespeare
   after 90 s and 300 s of training with the default preset.
3. sampling: streaming symbols/s at temperature 0.8 with top-p, and the latency
   to the first symbol.
4. corpus: seconds and peak memory to load and encode a generated 100 MB corpus.
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

import torch
import torch.nn.functional as F
from torch import nn

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rnnstudio.core.config import DEFAULT_PRESET, ModelConfig, SampleConfig, TrainConfig, preset  # noqa: E402
from rnnstudio.core.data.corpus import Corpus, Streams  # noqa: E402
from rnnstudio.core.model.sample import Sampler  # noqa: E402
from rnnstudio.core.training.train import Trainer  # noqa: E402

SHAKESPEARE = ROOT / "resources" / "corpora" / "tinyshakespeare.txt"


def shakespeare() -> Corpus:
    return Corpus.from_text(SHAKESPEARE.read_text(encoding="utf-8"), "tinyshakespeare.txt")


class PlainLSTM(nn.Module):
    def __init__(self, vocab, emb, hidden, layers):
        super().__init__()
        self.emb = nn.Embedding(vocab, emb)
        self.rnn = nn.LSTM(emb, hidden, layers, batch_first=True)
        self.head = nn.Linear(hidden, vocab)

    def forward(self, x, h=None):
        out, h = self.rnn(self.emb(x), h)
        return self.head(out), h


def plain_loop(corpus: Corpus, mc: ModelConfig, tc: TrainConfig, steps: int, bf16: bool) -> float:
    """The baseline anyone would write: symbols/s over ``steps`` after 5 warm-up steps."""
    torch.manual_seed(0)
    device = torch.device("cpu" if tc.device == "auto" else tc.device)
    model = PlainLSTM(mc.vocab_size, mc.emb_size, mc.hidden_size, mc.layers).to(device)
    opt = torch.optim.Adam(model.parameters(), lr=tc.lr)
    train, _ = corpus.split(0.1)
    streams = Streams(train, tc.batch_size, tc.seq_len)
    h = None
    t0 = None
    for i in range(steps + 5):
        if i == 5:
            t0 = time.perf_counter()
        x, y = streams.window(i % len(streams))
        x, y = x.to(device), y.to(device)
        with torch.autocast(device.type, dtype=torch.bfloat16, enabled=bf16):
            logits, h = model(x, h)
        loss = F.cross_entropy(logits.float().reshape(-1, mc.vocab_size), y.reshape(-1))
        opt.zero_grad()
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), tc.clip)
        opt.step()
        h = tuple(t.detach() for t in h)
        loss.item()   # waits for the device, as the engine's does
    return steps * tc.batch_size * tc.seq_len / (time.perf_counter() - t0)


def engine_loop(corpus: Corpus, mc: ModelConfig, tc: TrainConfig, steps: int, precision: str) -> float:
    tc = tc.replace(max_steps=steps + 5, max_seconds=0, eval_interval=0, sample_length=0, precision=precision,
                    schedule="constant")
    trainer = Trainer(corpus, mc, tc)
    trainer.evaluate = lambda: 0.0  # the final evaluation is not part of a training step
    t0 = None
    for ev in trainer.run():
        if type(ev).__name__ == "Step" and ev.progress.step == 5:
            t0 = time.perf_counter()
    return steps * trainer.train_streams.batch * tc.seq_len / (time.perf_counter() - t0)


def bench_throughput(corpus: Corpus, steps: int, rounds: int = 3, device: str = "cpu") -> dict:
    """The default preset's network without dropout (the plain loop has none), at the
    preset's batch and at batch 64. Variants alternate over several rounds and each
    keeps its best round, so a busy moment on the machine does not decide a ratio."""
    p = preset(DEFAULT_PRESET)
    mc = p.model.replace(vocab_size=corpus.tokenizer.vocab_size, dropout=0.0)
    out = {"model": f"{mc.cell} {mc.layers}x{mc.hidden_size} emb {mc.emb_size}, window {p.train.seq_len}, "
                    f"best of {rounds} rounds of {steps} steps"}
    for batch in sorted({p.train.batch_size, 64}):
        tc = p.train.replace(batch_size=batch, device=device)
        best = {"plain_fp32": 0.0, "engine_fp32": 0.0, "plain_bf16": 0.0, "engine_default": 0.0}
        for _ in range(rounds):
            best["plain_fp32"] = max(best["plain_fp32"], plain_loop(corpus, mc, tc, steps, bf16=False))
            best["engine_fp32"] = max(best["engine_fp32"], engine_loop(corpus, mc, tc, steps, "fp32"))
            best["plain_bf16"] = max(best["plain_bf16"], plain_loop(corpus, mc, tc, steps, bf16=True))
            best["engine_default"] = max(best["engine_default"], engine_loop(corpus, mc, tc, steps, "auto"))
        out[f"batch_{batch}"] = {
            **{f"{k}_sym_s": round(v) for k, v in best.items()},
            "ratio_fp32": round(best["engine_fp32"] / best["plain_fp32"], 3),
            "ratio_default_vs_plain_fp32": round(best["engine_default"] / best["plain_fp32"], 3),
            "ratio_plain_bf16_vs_plain_fp32": round(best["plain_bf16"] / best["plain_fp32"], 3),
            "ratio_default_vs_plain_bf16": round(best["engine_default"] / best["plain_bf16"], 3),
        }
    return out


def bench_quality(corpus: Corpus, budgets: list[float], device: str = "cpu") -> dict:
    p = preset(DEFAULT_PRESET)
    out = {"preset": DEFAULT_PRESET}
    for seconds in budgets:
        tc = p.train.replace(device=device, max_steps=0, max_seconds=seconds, sample_length=0,
                             eval_interval=0)  # evaluate once, at the end: all the time goes to training
        trainer = Trainer(corpus, p.model, tc)
        for ev in trainer.run():
            pass
        trainer.model.load_state_dict(trainer.best_weights)
        val = trainer.evaluate()
        out[f"val_loss_{int(seconds)}s"] = round(val, 4)
        out[f"steps_{int(seconds)}s"] = trainer.step
    return out


def bench_sampling(corpus: Corpus) -> dict:
    p = preset(DEFAULT_PRESET)
    from rnnstudio.core.model.network import CharRNN
    torch.manual_seed(0)
    model = CharRNN(p.model.replace(vocab_size=corpus.tokenizer.vocab_size))
    sampler = Sampler(model, corpus.tokenizer)
    cfg = SampleConfig(prime="ROMEO:\n", length=5000, temperature=0.8, top_p=0.9, seed=1)
    sampler.generate(cfg.replace(length=200))  # warm-up
    t0 = time.perf_counter()
    first = None
    n = 0
    for _ in sampler.stream(cfg):
        if first is None:
            first = time.perf_counter() - t0
        n += 1
    total = time.perf_counter() - t0
    cfg_plain = cfg.replace(alternatives=0)
    t1 = time.perf_counter()
    m = sum(1 for _ in sampler.stream(cfg_plain))
    plain = m / (time.perf_counter() - t1)
    return {"sample_sym_s": round(n / total), "sample_sym_s_without_alternatives": round(plain),
            "first_symbol_ms": round(first * 1000, 2)}


def bench_corpus(mb: int) -> dict:
    """Run in a child process so its peak memory is the corpus' alone."""
    code = f"""
import resource, sys, time
sys.path.insert(0, {str(ROOT)!r})
from rnnstudio.core.data.corpus import load_corpus
t = time.perf_counter(); c = load_corpus(sys.argv[1]); dt = time.perf_counter() - t
print(dt, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, len(c), c.ids.dtype)
"""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "big.txt"
        base = SHAKESPEARE.read_text(encoding="utf-8") + "\n潮起潮落，春江花月夜。\n"
        chunk = base.encode("utf-8")
        with open(path, "wb") as f:
            written = 0
            while written < mb * 1_000_000:
                f.write(chunk)
                written += len(chunk)
        base_rss = subprocess.run([sys.executable, "-c", "import resource, torch, numpy;"
                                   "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"],
                                  capture_output=True, text=True, check=True).stdout
        res = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
        dt, rss, n, dtype = res.stdout.split()
    return {"corpus_mb": round(written / 1e6), "corpus_load_s": round(float(dt), 2),
            "corpus_peak_mb": round(int(rss) / 1024), "python_torch_baseline_mb": round(int(base_rss) / 1024),
            "corpus_symbols": int(n), "corpus_dtype": dtype}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="short runs (for checking the script, not for figures)")
    ap.add_argument("--only", default="throughput,quality,sampling,corpus")
    ap.add_argument("--device", default="cpu", help="cpu or cuda, for throughput and quality")
    args = ap.parse_args()
    parts = args.only.split(",")
    corpus = shakespeare()
    figures = {"machine": f"{platform.machine()} {os.cpu_count()} cores, torch {torch.__version__}, "
                          f"{torch.get_num_threads()} threads", "date": time.strftime("%Y-%m-%d"),
               "device": args.device if args.device != "cuda" else torch.cuda.get_device_name()}
    if "throughput" in parts:
        figures["throughput"] = bench_throughput(corpus, 10 if args.quick else 40, 1 if args.quick else 3,
                                                 args.device)
    if "sampling" in parts:
        figures["sampling"] = bench_sampling(corpus)
    if "corpus" in parts:
        figures["corpus"] = bench_corpus(5 if args.quick else 100)
    if "quality" in parts:
        figures["quality"] = bench_quality(corpus, [10] if args.quick else [90, 300], args.device)
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
