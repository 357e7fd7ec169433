"""rnnstudio-cli info: what a saved model is and how far it was trained."""
from __future__ import annotations

import json


def add_parser(sub) -> None:
    i = sub.add_parser("info", help="describe a saved model")
    i.add_argument("model", metavar="MODEL")
    i.add_argument("--json", action="store_true", help="print the model's header as JSON")


def run(args) -> int:
    from ..core.model.bundle import load_bundle
    from ..core.model.network import count_parameters

    b = load_bundle(args.model)
    header = b.header()
    if args.json:
        header["parameters"] = count_parameters(b.model_config)
        header["tokenizer"] = {k: v for k, v in header["tokenizer"].items() if k != "counts"}
        print(json.dumps(header, ensure_ascii=False, indent=1))
        return 0
    mc, r, hist = b.model_config, b.progress, b.history
    vals = [v for _, v in hist.get("val", [])]
    lines = [
        f"model: {mc.cell}, {mc.layers} layer(s) of {mc.hidden_size}, embedding {mc.emb_size}, dropout {mc.dropout}",
        f"parameters: {count_parameters(mc):,}",
        f"vocabulary: {b.tokenizer.vocab_size} {b.tokenizer.kind} symbols"
        + (" (with an unknown symbol)" if b.tokenizer.has_unk else ""),
        f"corpus: {b.corpus.get('name', '?')} ({b.corpus.get('symbols', 0):,} symbols)",
        f"trained: {r.step} steps, {r.symbols_seen:,} symbols, {r.elapsed:.0f} s",
        f"best validation loss: {min(vals):.4f} nats/symbol" if vals else "best validation loss: not measured",
        f"saved by RNN Studio {b.app_version or '?'}",
    ]
    print("\n".join(lines))
    return 0
