"""The adaptive output layer under bf16: in fp32 (what the engine does) or in bf16 with explicit casts.

Under bf16 autocast torch's nn.AdaptiveLogSoftmaxWithLoss fails (index_copy_: Float against
BFloat16). Two ways out: run the head in fp32 with autocast off (core/model/network.py), or keep its
products in bf16 and cast each class's log-probabilities to fp32 by hand (written out below,
the same algorithm as torch's). This times a training step's head (forward and backward) both
ways on the fitted Tang-poems head (2x256 LSTM features, batch 32 x 64), and the step's whole
cost beside it, and prints the CPU's flags: on a CPU without native bf16 the bf16 products run
on torch's own kernels, so run it again on a bf16 machine before choosing otherwise.

    python bench/bench_head_precision.py      (alone: two processes on 2 cores slow each other)
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rnnstudio.core.training.autoconfig import adaptive_cutoffs  # noqa: E402
from rnnstudio.core.config import ADAPTIVE_DIV  # noqa: E402
from rnnstudio.core.data.corpus import Corpus  # noqa: E402
from rnnstudio.core.training.device import backward_scope, cpu_has_bf16, precision_scope  # noqa: E402


def bf16_casts(head: torch.nn.AdaptiveLogSoftmaxWithLoss, x: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """torch's adaptive loss with the products in bf16 and every log-softmax in fp32."""
    out = x.new_zeros(x.shape[0], dtype=torch.float32)
    head_logp = F.log_softmax(head.head(x).float(), dim=1)
    gather = target.clone()
    cuts = [0] + head.cutoffs
    for i in range(len(cuts) - 1):
        low, high = cuts[i], cuts[i + 1]
        mask = (target >= low) & (target < high)
        rows = mask.nonzero().squeeze(1)
        if rows.numel() == 0:
            continue
        if i == 0:
            gather.index_copy_(0, rows, target[mask])
            continue
        rel = target[mask] - low
        cluster = F.log_softmax(head.tail[i - 1](x.index_select(0, rows)).float(), dim=1)
        gather.index_fill_(0, rows, head.shortlist_size + i - 1)
        out.index_copy_(0, rows, cluster.gather(1, rel.unsqueeze(1)).squeeze(1))
    out = out + head_logp.gather(1, gather.unsqueeze(1)).squeeze(1)
    return -out.mean()


def fp32_head(head, x, target):
    with torch.autocast("cpu", enabled=False):
        return -head(x.float(), target).output.mean()


def time_it(fn, head, x, target, reps: int) -> float:
    """Forward under the bf16 scope, backward outside it, as the trainer does (a backward run
    inside autocast casts its products to bf16 too: ten times slower here)."""
    cpu = torch.device("cpu")

    def step():
        head.zero_grad(set_to_none=True)
        with precision_scope(cpu, "bf16"):
            loss = fn(head, x, target)
        with backward_scope(cpu, "bf16"):
            loss.backward()

    step()   # warm-up
    t0 = time.perf_counter()
    for _ in range(reps):
        step()
    return (time.perf_counter() - t0) / reps


def main() -> None:
    torch.set_num_threads(2)
    text = (ROOT / "resources/corpora/tang_poems.txt").read_text(encoding="utf-8")
    corpus = Corpus.from_text(text, "tang_poems.txt")
    vocab = corpus.tokenizer.vocab_size
    cutoffs = list(adaptive_cutoffs(sorted(corpus.tokenizer.counts, reverse=True), vocab))
    torch.manual_seed(0)
    head = torch.nn.AdaptiveLogSoftmaxWithLoss(256, vocab, cutoffs, div_value=float(ADAPTIVE_DIV))
    rows = 32 * 64
    x = torch.randn(rows, 256, requires_grad=True)
    # targets drawn by the text's own frequencies, as a real batch's are
    ids = corpus.ids[:rows].long()
    rank = torch.empty(vocab, dtype=torch.long)
    order = sorted(range(vocab), key=lambda i: -corpus.tokenizer.counts[i])
    rank[torch.tensor(order)] = torch.arange(vocab)
    target = rank[ids]
    cpu = torch.device("cpu")
    results = {"cpu_bf16": cpu_has_bf16(), "vocab": vocab, "cutoffs": cutoffs, "rows": rows,
               "torch": torch.__version__}
    with torch.no_grad(), precision_scope(cpu, "bf16"):
        a = float(fp32_head(head, x, target))
        b = float(bf16_casts(head, x, target))
    results["loss_fp32_head"], results["loss_bf16_casts"] = round(a, 5), round(b, 5)
    for name, fn in (("fp32_head_ms", fp32_head), ("bf16_casts_ms", bf16_casts)):
        results[name] = round(1000 * time_it(fn, head, x, target, 20), 2)
    lstm = torch.nn.LSTM(256, 256, 2, batch_first=True)
    feats = torch.randn(32, 64, 256)
    for precision in ("bf16", "fp32"):
        t0 = time.perf_counter()
        for _ in range(3):
            with precision_scope(cpu, precision):
                out = lstm(feats)[0].float().sum()
            with backward_scope(cpu, precision):
                out.backward()
        results[f"{precision}_lstm_2x256_fwd_bwd_ms"] = round(1000 * (time.perf_counter() - t0) / 3, 1)
    flags = Path("/proc/cpuinfo").read_text().split("flags", 2)[1].split("\n")[0] if Path("/proc/cpuinfo").exists() else ""
    results["cpu_flags"] = [f for f in ("avx2", "avx512f", "avx512_bf16", "amx_bf16") if f in flags.split()]
    print(json.dumps(results))
    out = ROOT / "bench" / "results" / "head_precision.json"
    runs = json.loads(out.read_text()) if out.exists() else []
    out.write_text(json.dumps(runs + [results], indent=1) + "\n")


if __name__ == "__main__":
    main()
