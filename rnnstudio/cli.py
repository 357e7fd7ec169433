"""rnnstudio-cli: the engine from a terminal.

    rnnstudio-cli train CORPUS --out MODEL [options]
    rnnstudio-cli sample MODEL [--prime TEXT] [--length N] ...
    rnnstudio-cli export MODEL --format onnx|torchscript --out PATH
    rnnstudio-cli info MODEL [--json]

Errors print one line to stderr and exit with status 2 (bad input) or 1
(anything else); no tracebacks.
"""
from __future__ import annotations

import argparse
import json
import math
import signal
import sys


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
    from .core.config import CELLS, DEVICES, OPTIMIZERS, PRECISIONS, PRESETS, SCHEDULES, DEFAULT_PRESET
    from .core import __version__

    ap = argparse.ArgumentParser(prog="rnnstudio-cli", description="Train recurrent networks on text and sample from them.")
    ap.add_argument("--version", action="version", version=f"RNN Studio {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND", required=True)

    t = sub.add_parser("train", help="train a model on a text file or folder",
                       description="Train a model on a text file or a folder of text files. Ctrl-C stops "
                                   "training, saves the model and exits.")
    t.add_argument("corpus", metavar="CORPUS", help="text file or folder")
    t.add_argument("--out", required=True, metavar="MODEL", help="where to save the model (.rnnstudio)")
    t.add_argument("--preset", choices=sorted(PRESETS), default=DEFAULT_PRESET,
                   help=f"model size and training defaults (default: {DEFAULT_PRESET})")
    t.add_argument("--cell", choices=CELLS)
    t.add_argument("--layers", type=_positive_int)
    t.add_argument("--hidden", type=_positive_int, help="hidden size per layer")
    t.add_argument("--emb", type=_positive_int, help="embedding size")
    t.add_argument("--dropout", type=_number)
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
    t.add_argument("--tokenizer", choices=("char", "word"), default="char")
    t.add_argument("--min-count", type=_positive_int, default=1,
                   help="symbols seen fewer times become one 'unknown' symbol")
    t.add_argument("--encoding", help="text encoding (default: detect)")
    t.add_argument("--val-fraction", type=_number, help="last part of the text kept for validation (default 0.1)")
    t.add_argument("--resume", metavar="MODEL", help="continue training this saved model (then --steps and "
                   "--seconds count from where it stopped)")
    t.add_argument("--quiet", action="store_true", help="no progress bar")

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

    i = sub.add_parser("info", help="describe a saved model")
    i.add_argument("model", metavar="MODEL")
    i.add_argument("--json", action="store_true", help="print the model's header as JSON")
    return ap


# ---- commands ----------------------------------------------------------------------------

def _train_configs(args, bundle):
    from .core.config import preset

    p = preset(args.preset)
    mc = bundle.model_config if bundle else p.model
    tc = bundle.train_config if (bundle and bundle.train_config) else p.train
    model_changes = {"cell": args.cell, "layers": args.layers, "hidden_size": args.hidden,
                     "emb_size": args.emb, "dropout": args.dropout}
    if bundle and any(v is not None for v in model_changes.values()):
        raise _Fail("the model's shape is fixed when continuing training; drop --cell/--layers/--hidden/--emb/--dropout")
    mc = mc.replace(**{k: v for k, v in model_changes.items() if v is not None})
    train_changes = {"seq_len": args.seq_len, "batch_size": args.batch_size, "lr": args.lr,
                     "optimizer": args.optimizer, "schedule": args.schedule, "clip": args.clip,
                     "max_steps": args.steps, "max_seconds": args.seconds, "eval_interval": args.eval_interval,
                     "seed": args.seed, "device": args.device, "precision": args.precision,
                     "threads": args.threads, "val_fraction": args.val_fraction}
    changes = {k: v for k, v in train_changes.items() if v is not None}
    resume = (bundle.resume or {}) if bundle else {}
    if bundle and changes.get("max_steps"):
        # "--steps N" when resuming means N more steps, "--seconds S" S more seconds.
        changes["max_steps"] = resume.get("step", 0) + changes["max_steps"]
    if bundle and changes.get("max_seconds"):
        changes["max_seconds"] = resume.get("elapsed", 0.0) + changes["max_seconds"]
    if args.steps is not None and args.seconds is None and not bundle:
        changes.setdefault("max_seconds", 0.0)
    if args.seconds is not None and args.steps is None and not bundle:
        changes.setdefault("max_steps", 0)
    return mc, tc.replace(**changes)


def cmd_train(args) -> int:
    from .core.bundle import load_bundle, save_bundle
    from .core.corpus import load_corpus
    from .core.events import Diverged, Evaluated, Finished, Started, Step
    from .core.train import Trainer

    bundle = load_bundle(args.resume) if args.resume else None
    mc, tc = _train_configs(args, bundle)
    corpus = load_corpus(args.corpus, encoding=args.encoding, tokenizer=bundle.tokenizer.kind if bundle else args.tokenizer,
                         min_count=args.min_count, vocabulary=bundle.tokenizer if bundle else None)
    trainer = Trainer(corpus, mc, tc, resume_from=bundle)

    interrupted = []

    def on_sigint(signum, frame):
        if interrupted:
            raise KeyboardInterrupt  # second Ctrl-C: give up at once
        interrupted.append(True)
        trainer.stop()  # finish the current step, then save below
        print("\nstopping: saving the model …", file=sys.stderr)

    previous = signal.signal(signal.SIGINT, on_sigint)
    bar = None
    try:
        for ev in trainer.run():
            if isinstance(ev, Started):
                st = corpus.stats()
                print(f"corpus {st.name}: {st.symbols:,} symbols, vocabulary {st.vocab_size}, encoding {st.encoding}")
                print(f"model {mc.cell} {mc.layers}x{mc.hidden_size}: {ev.parameters:,} parameters on {ev.device} "
                      f"({ev.precision}), batch {ev.batch_size} x {tc.seq_len}" + (", resumed" if ev.resumed else ""))
                if not args.quiet:
                    bar = _progress_bar(tc, ev.progress)
            elif isinstance(ev, Step) and bar is not None:
                _advance(bar, tc, ev)
            elif isinstance(ev, Evaluated):
                line = (f"step {ev.progress.step}: val loss {ev.val_loss:.4f} nats "
                        f"({ev.val_bits:.3f} bits/symbol, perplexity {ev.perplexity:.2f})" + (" *" if ev.best else ""))
                (bar.write if bar else print)(line)
            elif isinstance(ev, Diverged):
                (bar.write if bar else print)(f"training diverged: {ev.reason}. Suggestion: {ev.suggestion}.")
            elif isinstance(ev, Finished):
                finished = ev
    finally:
        signal.signal(signal.SIGINT, previous)
        if bar is not None:
            bar.close()
    save_bundle(trainer.bundle(), args.out)
    best = finished.best_val_loss
    print(f"finished ({finished.reason}) after {finished.progress.step} steps, "
          f"{finished.progress.elapsed:.1f} s; saved {args.out}")
    if best is not None:
        print(f"final validation loss: {best:.4f} nats/symbol ({best / math.log(2):.4f} bits)")
    return 0 if finished.reason != "diverged" else 3


def _progress_bar(tc, progress):
    from tqdm import tqdm

    if tc.max_steps:
        return tqdm(total=tc.max_steps, initial=progress.step, unit="step", dynamic_ncols=True, file=sys.stderr)
    return tqdm(total=round(tc.max_seconds), initial=round(progress.elapsed), unit="s", dynamic_ncols=True,
                file=sys.stderr, bar_format="{l_bar}{bar}| {n:.0f}/{total_fmt} s [{remaining}{postfix}]")


def _advance(bar, tc, ev) -> None:
    p = ev.progress
    bar.n = p.step if tc.max_steps else min(round(p.elapsed), bar.total)
    bar.set_postfix_str(f"loss {ev.loss:.3f}, {p.symbols_per_sec:,.0f} sym/s", refresh=False)
    bar.update(0)


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
        out.write(cfg.prime)
        for tok in sampler.stream(cfg):
            out.write(tok.text)
            out.flush()
        out.write("\n")
    else:
        for n, text in enumerate(sampler.generate(cfg), 1):
            out.write(f"--- sample {n} ---\n{cfg.prime}{text}\n")
    return 0


def cmd_export(args) -> int:
    from .core.bundle import load_bundle
    from .core.export import export

    path, vocab = export(load_bundle(args.model), args.format, args.out)
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
    mc, r, hist = b.model_config, b.resume or {}, b.history
    vals = [v for _, v in hist.get("val", [])]
    lines = [
        f"model: {mc.cell}, {mc.layers} layer(s) of {mc.hidden_size}, embedding {mc.emb_size}, dropout {mc.dropout}",
        f"parameters: {count_parameters(mc):,}",
        f"vocabulary: {b.tokenizer.vocab_size} {b.tokenizer.kind} symbols"
        + (" (with an unknown symbol)" if b.tokenizer.has_unk else ""),
        f"corpus: {b.corpus.get('name', '?')} ({b.corpus.get('symbols', 0):,} symbols)",
        f"trained: {r.get('step', 0)} steps, {r.get('symbols_seen', 0):,} symbols, {r.get('elapsed', 0):.0f} s",
        f"best validation loss: {min(vals):.4f} nats/symbol" if vals else "best validation loss: not measured",
        f"saved by RNN Studio {b.app_version or '?'}",
    ]
    print("\n".join(lines))
    return 0


COMMANDS = {"train": cmd_train, "sample": cmd_sample, "export": cmd_export, "info": cmd_info}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from .core.errors import StudioError

    try:
        return COMMANDS[args.command](args)
    except (StudioError, _Fail, ValueError) as exc:
        print(f"rnnstudio-cli: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("rnnstudio-cli: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as exc:
        print(f"rnnstudio-cli: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
