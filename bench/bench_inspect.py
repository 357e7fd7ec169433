"""Inspect figures: prints one JSON line (run alone: nothing else on the machine).

    python bench/bench_inspect.py [--quick]

1. worker: one Inspect run in the worker (trace with gates, surprise, gradient through time)
   for a 2×512 LSTM over 10,000 characters, beside the plain forward pass of the same model
   (the least any view could cost).
2. gui_thread: what the GUI thread does with the result, each a pause the user would feel:
   colouring 10,000 symbols, switching the unit (recolour), the heat map, the surprise view.
   Goal for "responsive": each under ~100 ms except the first layout of the text.
3. index_100mb: the memorisation index over a 100 MB training text (build time, its memory,
   the process's peak memory) and the time to measure a 400-symbol sample against it.
4. cli: `rnnstudio-cli inspect MODEL --text 10k.txt --surprise` as a process, wall time.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHAKESPEARE = ROOT / "resources" / "corpora" / "tinyshakespeare.txt"


def timed(fn, repeat: int = 3) -> tuple[float, object]:
    best, out = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        out = fn()
        best = min(best, time.perf_counter() - t)
    return best, out


def big_text(megabytes: int) -> str:
    """Tiny Shakespeare's lines, shuffled into new orders: repeats at the scale of lines (as a
    real corpus has), never one long repeat (which would flatter or punish the index)."""
    lines = SHAKESPEARE.read_text(encoding="utf-8").splitlines(keepends=True)
    rnd = random.Random(0)
    parts, size = [], 0
    while size < megabytes * 1_000_000:
        rnd.shuffle(lines)
        chunk = "".join(lines)
        parts.append(chunk)
        size += len(chunk)
    return "".join(parts)[: megabytes * 1_000_000]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="10 MB instead of 100 MB")
    args = ap.parse_args()
    import torch
    torch.set_num_threads(2)
    from rnnstudio.core.model.bundle import ModelBundle, save_bundle
    from rnnstudio.core.config import ModelConfig
    from rnnstudio.core.data.corpus import Corpus
    from rnnstudio.core.inspect.inspection import gradient_windows, inspect_text
    from rnnstudio.core.inspect.memorise import TextIndex, memorisation
    from rnnstudio.core.model.network import CharRNN

    out: dict = {}
    text = SHAKESPEARE.read_text(encoding="utf-8")
    corpus = Corpus.from_text(text, "tinyshakespeare.txt")
    config = ModelConfig(cell="lstm", vocab_size=corpus.tokenizer.vocab_size, emb_size=64, hidden_size=512, layers=2)
    torch.manual_seed(0)
    model = CharRNN(config)
    bundle = ModelBundle(config, corpus.tokenizer, {k: v.detach().clone() for k, v in model.state_dict().items()})
    sample = text[100_000:110_000]
    windows = gradient_windows(corpus, 0.1)

    # 1. the worker's part
    ids = torch.as_tensor(corpus.tokenizer.encode(sample), dtype=torch.long)[None]
    with torch.no_grad():
        plain, _ = timed(lambda: model(ids))
    worker, result = timed(lambda: inspect_text(bundle, sample, windows=windows))
    out["worker"] = {"model": "LSTM 2x512", "symbols": len(sample), "inspect_s": round(worker, 3),
                     "plain_forward_s": round(plain, 3), "ratio": round(worker / plain, 1)}

    # 2. the GUI thread's part
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication
    app = QApplication.instance() or QApplication([])
    from rnnstudio.gui.views.neuron_view import NeuronView
    from rnnstudio.gui.views.surprise_view import SurpriseView
    view, surprise_view = NeuronView(), SurpriseView()
    view.resize(1200, 700)
    view.show()
    surprise_view.show()
    first, _ = timed(lambda: (view.show_trace(result.trace), app.processEvents()), repeat=1)
    unit = [0]

    def next_unit():
        unit[0] += 1
        view.unit.setValue(unit[0])
        app.processEvents()
    recolour, _ = timed(next_unit)

    def next_layer():
        view.layer.setValue(1 - view.layer.value())
        app.processEvents()
    layer, _ = timed(next_layer)
    surprise_s, _ = timed(lambda: (surprise_view.show_surprise(result.surprise), app.processEvents()), repeat=1)
    out["gui_thread"] = {"show_text_s": round(first, 3), "change_unit_s": round(recolour, 3),
                         "change_layer_with_heat_map_s": round(layer, 3), "surprise_view_s": round(surprise_s, 3)}

    # 3. the index over a big training text
    mb = 10 if args.quick else 100
    big = big_text(mb)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    build, index = timed(lambda: TextIndex(big), repeat=1)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    probe = list(big[5_000_000:5_000_400])
    fresh = list("".join(random.Random(1).choice("abcdefghij klmnop") for _ in range(400)))
    copy_s, m_copy = timed(lambda: memorisation(index, probe))
    new_s, m_new = timed(lambda: memorisation(index, fresh))
    out["index"] = {"text_mb": mb, "build_s": round(build, 1), "index_mb": round(index.nbytes / 1e6),
                    "peak_rss_mb_before": round(before), "peak_rss_mb_after": round(peak),
                    "measure_400_copied_s": round(copy_s, 3), "copied_share_32": m_copy.shares[32],
                    "measure_400_random_s": round(new_s, 3), "random_share_8": m_new.shares[8]}

    # 4. the CLI as a user runs it
    with tempfile.TemporaryDirectory() as tmp:
        save_bundle(bundle, Path(tmp) / "m.rnnstudio")
        (Path(tmp) / "t.txt").write_text(sample, encoding="utf-8")
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "rnnstudio.cli", "inspect", str(Path(tmp) / "m.rnnstudio"), "--text",
                        str(Path(tmp) / "t.txt"), "--surprise", "--html", str(Path(tmp) / "s.html")],
                       check=True, capture_output=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
        out["cli_inspect_surprise_10k_s"] = round(time.perf_counter() - t, 2)
    print(json.dumps(out))
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())
