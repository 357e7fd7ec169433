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
import contextlib
import json
import math
import signal
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

def _train_configs(args, bundle, corpus):
    """The model and training settings: a saved model's (continuing), or a preset, or
    (no preset given) the default preset fitted to the text; then the options given."""
    from .core.autoconfig import adaptive_cutoffs, suggest
    from .core.config import preset
    from .core.resume import continued_config

    model_changes = {"cell": args.cell, "layers": args.layers, "hidden_size": args.hidden,
                     "emb_size": args.emb, "dropout": args.dropout}
    if bundle and (any(v is not None for v in model_changes.values()) or args.output != "auto"):
        raise _Fail("the model's shape is fixed when continuing training; "
                    "drop --cell/--layers/--hidden/--emb/--dropout/--output")
    train_changes = {"seq_len": args.seq_len, "batch_size": args.batch_size, "lr": args.lr,
                     "optimizer": args.optimizer, "schedule": args.schedule, "clip": args.clip,
                     "eval_interval": args.eval_interval, "seed": args.seed, "device": args.device,
                     "precision": args.precision, "threads": args.threads, "val_fraction": args.val_fraction}
    changes = {k: v for k, v in train_changes.items() if v is not None}
    if bundle:
        tc = continued_config(bundle, more_steps=args.steps, more_seconds=args.seconds, changes=changes)
        return bundle.model_config, tc, ()
    if args.preset:
        mc, tc, reasons = preset(args.preset).model, preset(args.preset).train, ()
    else:
        fitted = suggest(corpus)
        mc, tc, reasons = fitted.model, fitted.train, fitted.reasons
    mc = mc.replace(**{k: v for k, v in model_changes.items() if v is not None})
    vocab = corpus.tokenizer.vocab_size
    if args.output == "full":
        mc = mc.replace(cutoffs=())
    elif args.output == "adaptive" or args.preset:
        mc = mc.replace(cutoffs=adaptive_cutoffs(corpus.tokenizer.counts, vocab, force=args.output == "adaptive"))
    if args.steps is not None:
        changes["max_steps"] = args.steps
        changes.setdefault("max_seconds", args.seconds or 0.0)
    if args.seconds is not None:
        changes["max_seconds"] = args.seconds
        changes.setdefault("max_steps", args.steps or 0)
    return mc, tc.replace(**changes), reasons


def cmd_train(args) -> int:
    from .core.bundle import load_bundle
    from .core.corpus import load_corpus
    from .core.events import CheckpointFailed, Diverged, Evaluated, Finished, Started, Step
    from .core.train import Trainer

    from .core.bundle import is_model_file
    from .core.files import check_output

    # Before any work: an output that would destroy the text or another file, or that cannot
    # be written, is refused now rather than after an hour of training.
    out = check_output(args.out, inputs=_input_files(args.corpus), models_in=[args.resume] if args.resume else [],
                       force=args.force, is_ours=is_model_file)
    partial = out.with_name(out.name + ".partial")
    bundle = load_bundle(args.resume) if args.resume else None
    min_count = args.min_count if args.min_count is not None else (1 if args.preset else 0)
    corpus = load_corpus(args.corpus, encoding=args.encoding, tokenizer=bundle.tokenizer.kind if bundle else args.tokenizer,
                         min_count=min_count, vocabulary=bundle.tokenizer if bundle else None)
    mc, tc, reasons = _train_configs(args, bundle, corpus)
    from .core.distributed import from_environment, shutdown
    dist = from_environment()   # under torchrun: one of several processes training one model
    helper = dist is not None and not dist.main
    if helper:   # only rank 0 speaks, records and saves
        import os
        sys.stdout = open(os.devnull, "w")
        args.quiet = True
    trainer = Trainer(corpus, mc, tc, resume_from=bundle, restart_schedule=args.restart_schedule,
                      checkpoint_path=None if helper else str(partial), distributed=dist)

    recorder = None if helper else _recorder(args, trainer)
    interrupted = []

    def on_sigint(signum, frame):
        if interrupted:
            raise KeyboardInterrupt  # second Ctrl-C: give up at once
        interrupted.append(True)
        trainer.stop(report=False)  # finish the current step (or cut an evaluation short), then save below
        print("\nstopping: saving the model …", file=sys.stderr)

    previous = signal.signal(signal.SIGINT, on_sigint)
    bar = None
    try:
        for ev in trainer.run():
            if recorder is not None:
                recorder.record(ev)
            if isinstance(ev, Started):
                st = corpus.stats()
                print(f"corpus {st.name}: {st.symbols:,} symbols, vocabulary {st.vocab_size}, encoding {st.encoding}")
                if corpus.dropped:
                    share = corpus.dropped / max(1, corpus.characters)
                    print(f"warning: {corpus.dropped:,} symbols of the text ({share:.1%}) are not in the model's "
                          f"vocabulary and were left out, e.g. {' '.join(corpus.foreign[:8])}")
                if corpus.replaced:
                    print(f"note: {corpus.replaced:,} undecodable byte(s) read as \ufffd, the first at "
                          f"{corpus.first_bad}")
                for reason in reasons:
                    print(f"  fitted to the text: {reason.text}")
                mc = trainer.model_config
                print(f"model {mc.cell} {mc.layers}x{mc.hidden_size}, embedding {mc.emb_size}"
                      + (f", adaptive output {list(mc.cutoffs)}" if mc.cutoffs else "")
                      + f": {ev.parameters:,} parameters on {ev.device} ({ev.precision}), batch {ev.batch_size} x "
                      f"{tc.seq_len}, lr {tc.lr:g}" + (", resumed" if ev.resumed else ""))
                if dist is not None:
                    print(f"distributed: {dist.world} processes, {ev.batch_size // dist.world} streams each")
                print(f"checkpoints at each evaluation: {partial} (continue it with --resume if the run is killed)")
                if not args.quiet:
                    bar = _progress_bar(tc, ev.progress)
            elif isinstance(ev, Step) and bar is not None:
                _advance(bar, tc, ev)
            elif isinstance(ev, Evaluated):
                line = (f"step {ev.progress.step}: val loss {ev.val_loss:.4f} nats "
                        f"({ev.val_bits:.3f} bits/symbol, perplexity {ev.perplexity:.2f})" + (" *" if ev.best else ""))
                (bar.write if bar else print)(line)
            elif isinstance(ev, CheckpointFailed):
                (bar.write if bar else print)(f"warning: could not write the checkpoint {ev.path}: {ev.error}; "
                                              "training goes on")
            elif isinstance(ev, Diverged):
                (bar.write if bar else print)(f"training diverged: {ev.reason}. Suggestion: {ev.suggestion}.")
            elif isinstance(ev, Finished):
                finished = ev
    finally:
        signal.signal(signal.SIGINT, previous)
        if bar is not None:
            bar.close()
    snapshot = trainer.bundle()   # every rank takes part: it gathers the whole batch's hidden state
    if dist is not None:
        shutdown(dist)
    if helper:
        return EXIT_OK
    saved = _save_final(snapshot, out)
    if recorder is not None:
        recorder.saved(str(saved.resolve()) if saved else "")
        if recorder.run_id is not None:
            print(f"recorded as run #{recorder.run_id} in {recorder.library.path}")
    if saved != out:
        return 1
    with contextlib.suppress(OSError):
        partial.unlink()
    p = finished.progress
    sps = p.symbols_seen / p.elapsed if p.elapsed > 0 else 0.0
    print(f"finished ({finished.reason}) after {p.step} steps, {p.elapsed:.1f} s ({sps:,.0f} symbols/s); "
          f"saved {args.out}")
    start = bundle.progress.step if bundle else 0
    mine = [v for s, v in trainer.history["val"] if s > start]   # this run's evaluations, not an earlier run's
    if mine:
        print(f"final validation loss: {mine[-1]:.4f} nats/symbol ({mine[-1] / math.log(2):.4f} bits)"
              + (f"; best this run: {min(mine):.4f}" if min(mine) < mine[-1] else ""))
    if interrupted:
        return EXIT_INTERRUPTED
    return EXIT_DIVERGED if finished.reason == "diverged" else EXIT_OK


def _recorder(args, trainer):
    """The run library's recorder for this run, or None (--no-library, or a library that cannot
    be opened: a warning, never the end of the run)."""
    from .core.runs import RunLibrary, RunRecorder, default_path
    if args.no_library:
        return None
    path = args.library or default_path()
    try:
        library = RunLibrary(path)
    except Exception as exc:   # noqa: BLE001 - the library is a convenience; the run matters
        print(f"warning: the run library {path} cannot be used ({exc}); this run is not recorded", file=sys.stderr)
        return None
    if library.recovered:
        print(f"warning: the run library was damaged; it was moved to {library.recovered} and a new one started",
              file=sys.stderr)
    return RunRecorder(library, trainer, source="cli")


def _input_files(corpus: str) -> list:
    from pathlib import Path
    p = Path(corpus)
    return sorted(p.rglob("*")) if p.is_dir() else [p]


def _save_final(bundle, out):
    """Save the trained model; if that fails (a full disk, a folder gone), keep it elsewhere
    rather than lose the run, and say where."""
    from pathlib import Path

    from platformdirs import user_data_dir

    from .core.bundle import save_bundle
    try:
        return save_bundle(bundle, out)
    except OSError as exc:
        print(f"rnnstudio-cli: error: could not save {out}: {exc.strerror or exc}", file=sys.stderr)
    import time
    for folder in (Path(user_data_dir("RNNStudio", appauthor=False)) / "rescued", Path.cwd()):
        rescue = folder / f"{out.stem}-{time.strftime('%Y%m%d-%H%M%S')}.rnnstudio"
        try:
            save_bundle(bundle, rescue)
        except OSError:
            continue
        print(f"rnnstudio-cli: the model was saved to {rescue} instead", file=sys.stderr)
        return rescue
    print("rnnstudio-cli: error: the model could not be saved anywhere", file=sys.stderr)
    return None


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


if __name__ == "__main__":
    sys.exit(main())
