"""rnnstudio-cli inspect: what a model does over a text, for scripts.

    rnnstudio-cli inspect MODEL --text FILE (--surprise | --neurons LAYER:UNIT | --probe NAME
                                            | --memorisation CORPUS) [--html OUT]

Prints a summary; with --html also writes a self-contained page of the coloured text.
"""
from __future__ import annotations

import argparse
import sys


def add_parser(sub) -> None:
    from ..core.inspect.units import PROBES
    p = sub.add_parser("inspect", help="see inside a model: surprise, units, probes, memorisation",
                       description="Run a model over a text and show how surprised it is by each symbol, what "
                                   "one unit does, which units track a probe, or how much of the text it could "
                                   "have copied from its training text.")
    p.add_argument("model", metavar="MODEL")
    p.add_argument("--text", required=True, metavar="FILE", help="the text to run the model over")
    p.add_argument("--encoding", help="the text's encoding (default: detect)")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--surprise", action="store_true", help="the model's probability for each symbol")
    what.add_argument("--neurons", metavar="LAYER:UNIT", type=_layer_unit,
                      help="one unit's hidden state (layers and units count from 0)")
    what.add_argument("--probe", choices=PROBES, help="rank the units that track quotes, brackets, the position "
                                                      "in the line, words or line starts")
    what.add_argument("--memorisation", metavar="CORPUS",
                      help="the share of the text's 8/16/32-grams found verbatim in this training text")
    p.add_argument("--signal", default="h", help="with --neurons: h, c (LSTM) or a gate's name (default h)")
    p.add_argument("--html", metavar="OUT", help="also write the coloured text as an HTML page")
    p.add_argument("--force", action="store_true", help="replace OUT if it exists")


def _layer_unit(text: str) -> tuple[int, int]:
    try:
        layer, unit = (int(x) for x in text.split(":"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected LAYER:UNIT such as 0:17, got {text!r}") from None
    if layer < 0 or unit < 0:
        raise argparse.ArgumentTypeError("layers and units count from 0")
    return layer, unit


def run(args) -> int:
    from pathlib import Path

    from ..core.inspect import report
    from ..core.model.bundle import load_bundle
    from ..core.files import atomic_write, check_output
    from ..core.data.textfile import read_text

    out = None
    if args.html:   # refused before any work, like every output of the CLI
        out = check_output(args.html, inputs=[args.text] + ([args.memorisation] if args.memorisation else []),
                           models_in=[args.model], force=args.force, is_ours=report.is_report)
    bundle = load_bundle(args.model)
    text = read_text(args.text, args.encoding).text
    model, tok = bundle.build_model(), bundle.tokenizer
    title = f"{Path(args.model).name} — {Path(args.text).name}"

    if args.surprise:
        from ..core.inspect.surprise import surprise
        s = surprise(model, tok, text)
        summary = f"{s.nats:.4f} nats/symbol ({s.bits:.3f} bits) over {len(s.symbols) - 1:,} predicted symbols"
        print(summary)
        worst = sorted(range(1, len(s.symbols)), key=lambda i: s.prob[i])[:10]
        for i in worst:
            print(f"  {i:>7}  {s.symbols[i]!r:8} p = {s.prob[i]:.4%}   expected "
                  + ", ".join(f"{a!r} {p:.1%}" for a, p in s.alternatives[i][:3]))
        body = report.surprise_html(s)
    elif args.neurons:
        from ..core.inspect.activations import trace
        layer, unit = args.neurons
        t = trace(model, tok, text)
        if layer >= len(t.layers):
            raise ValueError(f"the model has {len(t.layers)} layer(s), counted from 0")
        signals = t.layers[layer].signals()
        if args.signal not in signals:
            raise ValueError(f"this model's signals are {', '.join(signals)}")
        values = signals[args.signal]
        if unit >= values.shape[1]:
            raise ValueError(f"layer {layer} has {values.shape[1]} units, counted from 0")
        v = values[:, unit]
        summary = (f"layer {layer}, unit {unit}, {args.signal}: mean {v.mean():+.3f}, min {v.min():+.3f}, "
                   f"max {v.max():+.3f} over {len(v):,} symbols")
        print(summary)
        body = report.activation_html(t.symbols, v)
    elif args.probe:
        from ..core.inspect.activations import trace
        from ..core.inspect.units import probe, rank_units
        t = trace(model, tok, text)
        target = probe(t.symbols, args.probe)
        signals = tuple(n for n in t.layers[0].signals())
        best = rank_units(t, target, signals=signals, top=10)
        summary = f"units that track {args.probe!r} (score 0 = chance, 1 = perfect):"
        print(summary)
        for u in best:
            print(f"  layer {u.layer} {u.signal:>6} unit {u.unit:>4}  score {u.score:.3f}  "
                  f"({'higher' if u.direction > 0 else 'lower'} on it)")
        top = best[0]
        body = report.activation_html(t.symbols, t.signal(top.layer, top.signal)[:, top.unit])
        summary += f" best: layer {top.layer} {top.signal} unit {top.unit}, score {top.score:.3f}"
    else:
        from ..core.inspect.activations import encode
        from ..core.data.corpus import load_corpus
        from ..core.inspect.memorise import TextIndex, memorisation, training_text
        corpus = load_corpus(args.memorisation, encoding=args.encoding, vocabulary=tok)
        vf = bundle.train_config.val_fraction if bundle.train_config else 0.1
        index = TextIndex(training_text(corpus, vf))
        symbols, _ = encode(tok, text)
        m = memorisation(index, symbols)
        shares = ", ".join(f"{n}-grams {v:.1%}" for n, v in m.shares.items())
        longest = m.longest
        summary = (f"found verbatim in the training text: {shares}; longest copied span {longest.length} symbols"
                   + (f" (at symbol {longest.start}, from character {longest.corpus_offset:,} of the training "
                      f"text)" if longest.length else ""))
        print(summary)
        body = report.memorisation_html(symbols, m)
    if out is not None:
        atomic_write(out, report.page(title, summary, body).encode("utf-8"))
        print(f"wrote {out}", file=sys.stderr)
    return 0
