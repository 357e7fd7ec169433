"""rnnstudio-cli: the engine from a terminal.

    rnnstudio-cli train CORPUS --out MODEL [options]
    rnnstudio-cli sample MODEL [--prime TEXT] [--length N] ...
    rnnstudio-cli export MODEL --format onnx|torchscript --out PATH
    rnnstudio-cli info MODEL [--json]
    rnnstudio-cli search CORPUS [--budget 30m] [--trial 30s] [--storage URL] [--study NAME]
    rnnstudio-cli inspect MODEL --text FILE (--surprise | --neurons L:U | --probe NAME | --memorisation CORPUS)

Errors print one line to stderr and exit with status 2 (bad input) or 1
(anything else); no tracebacks.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import sys


# Exit statuses (the README has the same table).
EXIT_OK = 0            # done
EXIT_ERROR = 1         # an unexpected error (a bug, or the system failing), or a save that had to go elsewhere
EXIT_BAD_INPUT = 2     # bad input: a missing or unreadable file, a bad option, an output that would destroy a file
EXIT_DIVERGED = 3      # training diverged (the best weights so far were saved)
EXIT_INTERRUPTED = 130 # Ctrl-C: the model was saved, then the run ended


class _Fail(Exception):
    pass


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be above 0, got {value}")
    return value


def _non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {value}")
    return value


def _number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"expected a finite number, got {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    from .core.config import CELLS, DEFAULT_PRESET, DEVICES, OPTIMIZERS, PRECISIONS, PRESETS, SCHEDULES, TOKENIZERS
    from .core import __version__

    ap = argparse.ArgumentParser(prog="rnnstudio-cli", description="Train recurrent networks on text and sample from them.")
    ap.add_argument("--version", action="version", version=f"RNN Studio {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND", required=True)

    t = sub.add_parser("train", help="train a model on a text file or folder",
                       description="Train a model on a text file or a folder of text files. Ctrl-C stops "
                                   "training, saves the model and exits.")
    t.add_argument("corpus", metavar="CORPUS", help="text file or folder")
    t.add_argument("--out", required=True, metavar="MODEL", help="where to save the model (.rnnstudio)")
    t.add_argument("--preset", choices=sorted(PRESETS),
                   help=f"model size and training defaults (default: {DEFAULT_PRESET}, fitted to the text: "
                        "vocabulary threshold, output layer, embedding)")
    t.add_argument("--cell", choices=CELLS)
    t.add_argument("--layers", type=_positive_int)
    t.add_argument("--hidden", type=_positive_int, help="hidden size per layer")
    t.add_argument("--emb", type=_positive_int, help="embedding size")
    t.add_argument("--dropout", type=_number)
    t.add_argument("--output", choices=("auto", "full", "adaptive"), default="auto",
                   help="output layer: a full softmax, or an adaptive one (faster for thousands of symbols; "
                        "auto picks it from 1,000 symbols on)")
    t.add_argument("--seq-len", type=_positive_int, help="window length for back-propagation through time")
    t.add_argument("--batch-size", type=_positive_int)
    t.add_argument("--lr", type=_number, help="peak learning rate")
    t.add_argument("--optimizer", choices=OPTIMIZERS)
    t.add_argument("--schedule", choices=SCHEDULES)
    t.add_argument("--clip", type=_number, help="gradient clipping norm, 0 = off")
    t.add_argument("--steps", type=_non_negative_int, help="training steps (0 = no step limit)")
    t.add_argument("--seconds", type=_number, help="training time limit in seconds (0 = none)")
    t.add_argument("--eval-interval", type=_non_negative_int, help="steps between validation passes")
    t.add_argument("--seed", type=int)
    t.add_argument("--device", choices=DEVICES)
    t.add_argument("--precision", choices=PRECISIONS)
    t.add_argument("--threads", type=_non_negative_int, help="CPU threads (0 = default)")
    t.add_argument("--tokenizer", choices=TOKENIZERS, default="char")
    t.add_argument("--min-count", type=_non_negative_int, default=None,
                   help="symbols seen fewer times become one 'unknown' symbol (default: 0 = chosen from the text "
                        "without a preset, else 1)")
    t.add_argument("--encoding", help="text encoding (default: detect)")
    t.add_argument("--val-fraction", type=_number, help="last part of the text kept for validation (default 0.1)")
    t.add_argument("--resume", metavar="MODEL", help="continue training this saved model (then --steps and "
                   "--seconds count from where it stopped)")
    t.add_argument("--restart-schedule", action="store_true",
                   help="when continuing: warm up again to the full learning rate (default: go on from the "
                        "rate the model ended at)")
    t.add_argument("--quiet", action="store_true", help="no progress bar")
    t.add_argument("--force", action="store_true",
                   help="replace --out even if it is not an RNN Studio model, or is the model being continued")
    t.add_argument("--library", metavar="DB", help="record the run in this run library (default: the app's, in "
                                                   "the user's data folder)")
    t.add_argument("--no-library", action="store_true", help="do not record the run")

    s = sub.add_parser("sample", help="generate text from a model (streams to stdout)")
    s.add_argument("model", metavar="MODEL")
    s.add_argument("--prime", default="", help="text to start from")
    s.add_argument("--length", type=_non_negative_int, default=500)
    s.add_argument("--temperature", type=_number, default=0.8, help="0 = always the likeliest symbol")
    s.add_argument("--top-k", type=_non_negative_int, default=0)
    s.add_argument("--top-p", type=_number, default=1.0)
    s.add_argument("--repetition-penalty", type=_number, default=1.0)
    s.add_argument("--stop", action="append", default=[], metavar="TEXT", help="stop at this text (repeatable)")
    s.add_argument("--num-samples", type=_positive_int, default=1)
    s.add_argument("--skip-unknown", action="store_true", help="drop prime symbols the model never saw")
    s.add_argument("--seed", type=int)

    e = sub.add_parser("export", help="export a model to ONNX or TorchScript")
    e.add_argument("model", metavar="MODEL")
    e.add_argument("--format", required=True, choices=("onnx", "torchscript"))
    e.add_argument("--out", required=True, metavar="PATH")
    e.add_argument("--force", action="store_true", help="replace PATH (and PATH.vocab.json) if they exist")

    i = sub.add_parser("info", help="describe a saved model")
    i.add_argument("model", metavar="MODEL")
    i.add_argument("--json", action="store_true", help="print the model's header as JSON")

    from .cli_inspect import add_parser as add_inspect
    from .cli_search import add_parser as add_search
    add_inspect(sub)
    add_search(sub)
    return ap


# ---- commands ----------------------------------------------------------------------------

def cmd_train(args) -> int:
    from .cli_train import cmd_train as run
    return run(args)


def cmd_sample(args) -> int:
    from .core.bundle import load_bundle
    from .core.config import SampleConfig
    from .core.sample import Sampler

    bundle = load_bundle(args.model)
    cfg = SampleConfig(prime=args.prime, length=args.length, temperature=args.temperature, top_k=args.top_k,
                       top_p=args.top_p, repetition_penalty=args.repetition_penalty, stop=tuple(args.stop),
                       num_samples=args.num_samples, seed=args.seed, alternatives=0,
                       unknown="skip" if args.skip_unknown else "error")
    sampler = Sampler.from_bundle(bundle)
    out = sys.stdout
    if cfg.num_samples == 1:
        import time
        out.write(cfg.prime)
        out.flush()
        last = time.monotonic()
        for tok in sampler.stream(cfg, probabilities=False):
            out.write(tok.text)
            now = time.monotonic()
            if now - last > 0.05:   # streamed as it comes, but one write to the terminal per 50 ms
                out.flush()
                last = now
        out.write("\n")
    else:
        for n, text in enumerate(sampler.generate(cfg), 1):
            out.write(f"--- sample {n} ---\n{cfg.prime}{text}\n")
    return 0


def cmd_export(args) -> int:
    from .core.bundle import load_bundle
    from .core.export import export

    from .core.bundle import is_model_file
    from .core.files import check_output

    bundle = load_bundle(args.model)
    check_output(args.out, models_in=[args.model], force=args.force)
    check_output(str(args.out) + ".vocab.json", models_in=[args.model], force=args.force)
    if is_model_file(args.out):  # never, not even with --force: that would be an RNN Studio model lost
        raise _Fail(f"{args.out}: this is an RNN Studio model; export to another name")
    path, vocab = export(bundle, args.format, args.out)
    print(f"wrote {path} and {vocab}")
    return 0


def cmd_info(args) -> int:
    from .core.bundle import load_bundle
    from .core.model import count_parameters

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


def cmd_inspect(args) -> int:
    from .cli_inspect import cmd_inspect as run
    return run(args)


def cmd_search(args) -> int:
    from .cli_search import cmd_search as run
    return run(args)


COMMANDS = {"train": cmd_train, "sample": cmd_sample, "export": cmd_export, "info": cmd_info, "inspect": cmd_inspect,
            "search": cmd_search}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from .core.errors import StudioError

    try:
        return COMMANDS[args.command](args)
    except (StudioError, _Fail, ValueError) as exc:
        print(f"rnnstudio-cli: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("rnnstudio-cli: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    except OSError as exc:
        print(f"rnnstudio-cli: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:   # a bug: one line, and the traceback only when asked for
        if os.environ.get("RNNSTUDIO_TRACEBACK"):
            raise
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        print(f"rnnstudio-cli: internal error: {type(exc).__name__}: {first} "
              "(please report it; RNNSTUDIO_TRACEBACK=1 shows where)", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
