"""rnnstudio-cli train: one training run from a terminal, with its checks before any work,
its checkpoints, Ctrl-C handling, run-library record and (under torchrun) its share of a
distributed run."""
from __future__ import annotations

import contextlib
import math
import signal
import sys

from .common import EXIT_DIVERGED, EXIT_INTERRUPTED, EXIT_OK, CliError, non_negative_int, number, positive_int


def add_parser(sub) -> None:
    from ..core.config import CELLS, DEFAULT_PRESET, DEVICES, OPTIMIZERS, PRECISIONS, PRESETS, SCHEDULES, TOKENIZERS
    t = sub.add_parser("train", help="train a model on a text file or folder",
                       description="Train a model on a text file or a folder of text files. Ctrl-C stops "
                                   "training, saves the model and exits.")
    t.add_argument("corpus", metavar="CORPUS", help="text file or folder")
    t.add_argument("--out", required=True, metavar="MODEL", help="where to save the model (.rnnstudio)")
    t.add_argument("--preset", choices=sorted(PRESETS),
                   help=f"model size and training defaults (default: {DEFAULT_PRESET}, fitted to the text: "
                        "vocabulary threshold, output layer, embedding)")
    t.add_argument("--cell", choices=CELLS)
    t.add_argument("--layers", type=positive_int)
    t.add_argument("--hidden", type=positive_int, help="hidden size per layer")
    t.add_argument("--emb", type=positive_int, help="embedding size")
    t.add_argument("--dropout", type=number)
    t.add_argument("--output", choices=("auto", "full", "adaptive"), default="auto",
                   help="output layer: a full softmax, or an adaptive one (faster for thousands of symbols; "
                        "auto picks it from 1,000 symbols on)")
    t.add_argument("--seq-len", type=positive_int, help="window length for back-propagation through time")
    t.add_argument("--batch-size", type=positive_int)
    t.add_argument("--lr", type=number, help="peak learning rate")
    t.add_argument("--optimizer", choices=OPTIMIZERS)
    t.add_argument("--schedule", choices=SCHEDULES)
    t.add_argument("--clip", type=number, help="gradient clipping norm, 0 = off")
    t.add_argument("--steps", type=non_negative_int, help="training steps (0 = no step limit)")
    t.add_argument("--seconds", type=number, help="training time limit in seconds (0 = none)")
    t.add_argument("--eval-interval", type=non_negative_int, help="steps between validation passes")
    t.add_argument("--seed", type=int)
    t.add_argument("--device", choices=DEVICES)
    t.add_argument("--precision", choices=PRECISIONS)
    t.add_argument("--threads", type=non_negative_int, help="CPU threads (0 = default)")
    t.add_argument("--tokenizer", choices=TOKENIZERS, default="char")
    t.add_argument("--min-count", type=non_negative_int, default=None,
                   help="symbols seen fewer times become one 'unknown' symbol (default: 0 = chosen from the text "
                        "without a preset, else 1)")
    t.add_argument("--encoding", help="text encoding (default: detect)")
    t.add_argument("--val-fraction", type=number, help="last part of the text kept for validation (default 0.1)")
    t.add_argument("--resume", metavar="MODEL", help="continue training this saved model (then --steps and "
                   "--seconds count from where it stopped)")
    t.add_argument("--resume-if-exists", action="store_true",
                   help="continue from MODEL.partial, the checkpoint of --out, if it is there (a restarted job: "
                        "torchrun --max-restarts, a requeued batch job); --steps and --seconds are then the whole "
                        "run's, as when it started")
    t.add_argument("--restart-schedule", action="store_true",
                   help="when continuing: warm up again to the full learning rate (default: go on from the "
                        "rate the model ended at)")
    t.add_argument("--quiet", action="store_true", help="no progress bar")
    t.add_argument("--force", action="store_true",
                   help="replace --out even if it is not an RNN Studio model, or is the model being continued")
    t.add_argument("--library", metavar="DB", help="record the run in this run library (default: the app's, in "
                                                   "the user's data folder)")
    t.add_argument("--no-library", action="store_true", help="do not record the run")


def _train_configs(args, bundle, corpus):
    """The model and training settings: a saved model's (continuing), or a preset, or
    (no preset given) the default preset fitted to the text; then the options given."""
    from ..core.training.autoconfig import adaptive_cutoffs, suggest
    from ..core.config import preset
    from ..core.training.resume import continued_config

    model_changes = {"cell": args.cell, "layers": args.layers, "hidden_size": args.hidden,
                     "emb_size": args.emb, "dropout": args.dropout}
    if bundle:
        _check_same_shape(bundle.model_config, model_changes, args.output)
    train_changes = {"seq_len": args.seq_len, "batch_size": args.batch_size, "lr": args.lr,
                     "optimizer": args.optimizer, "schedule": args.schedule, "clip": args.clip,
                     "eval_interval": args.eval_interval, "seed": args.seed, "device": args.device,
                     "precision": args.precision, "threads": args.threads, "val_fraction": args.val_fraction}
    changes = {k: v for k, v in train_changes.items() if v is not None}
    if bundle and args.resume_if_exists:   # its own checkpoint: the limits are the whole run's, as at its start
        limits = {"max_steps": args.steps, "max_seconds": args.seconds}
        tc = continued_config(bundle, changes={**changes, **{k: v for k, v in limits.items() if v is not None}})
        return bundle.model_config, tc, ()
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


FLAGS = {"cell": "--cell", "layers": "--layers", "hidden_size": "--hidden", "emb_size": "--emb",
         "dropout": "--dropout"}


def _check_same_shape(model, given: dict, output: str) -> None:
    """Continuing keeps the model's shape: a flag that repeats it is fine (a script re-run with
    --resume added), one that differs is refused, naming both values."""
    for key, value in given.items():
        if value is not None and value != getattr(model, key):
            raise CliError(f"{FLAGS[key]} {value} differs from the model being continued ({getattr(model, key)}); "
                           f"the model's shape is fixed when continuing training")
    has = "adaptive" if model.cutoffs else "full"
    if output != "auto" and output != has:
        raise CliError(f"--output {output} differs from the model being continued ({has}); "
                       "the model's shape is fixed when continuing training")


def run(args) -> int:
    from ..core.model.bundle import load_bundle
    from ..core.data.corpus import load_corpus
    from ..core.events import CheckpointFailed, Diverged, Evaluated, Finished, Started, Step

    from ..core.model.bundle import is_model_file
    from ..core.files import check_output

    # Before any work: an output that would destroy the text or another file, or that cannot
    # be written, is refused now rather than after an hour of training.
    if args.resume and args.resume_if_exists:
        raise CliError("--resume and --resume-if-exists cannot be given together")
    out = check_output(args.out, inputs=_input_files(args.corpus), models_in=[args.resume] if args.resume else [],
                       force=args.force, is_ours=is_model_file)
    partial = out.with_name(out.name + ".partial")
    from ..core.training.distributed import from_environment, restart_problem, shutdown
    dist = from_environment()   # under torchrun: one of several processes training one model
    helper = dist is not None and not dist.main
    bundle = load_bundle(args.resume) if args.resume else _own_checkpoint(partial, dist) if args.resume_if_exists else None
    min_count = args.min_count if args.min_count is not None else (1 if args.preset else 0)
    corpus = load_corpus(args.corpus, encoding=args.encoding, tokenizer=bundle.tokenizer.kind if bundle else args.tokenizer,
                         min_count=min_count, vocabulary=bundle.tokenizer if bundle else None)
    if bundle and args.resume_if_exists:
        _check_same_text(bundle, corpus, partial)
    mc, tc, reasons = _train_configs(args, bundle, corpus)
    if helper:   # only rank 0 speaks, records and saves
        import os
        sys.stdout = open(os.devnull, "w")
        args.quiet = True
    from ..core.experiments.runs import default_path, recording
    from ..core.training.session import TrainingSession

    record = None if helper or args.no_library else recording(
        args.library or default_path(), source="cli", warn=lambda m: print(f"warning: {m}", file=sys.stderr))
    session = TrainingSession(corpus, mc, tc, resume=bundle, restart_schedule=args.restart_schedule,
                              checkpoint_path=None if helper else str(partial.resolve()), distributed=dist, record=record)
    trainer = session.prepare()
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
        for ev in session.run():
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
                    problem = restart_problem()
                    if problem:
                        print(f"warning: {problem}", file=sys.stderr)
                if args.resume_if_exists and bundle is not None:
                    print(f"continued from its checkpoint {partial} at step {bundle.progress.step}")
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
        shutdown(dist, trainer)
    if helper:
        return EXIT_OK
    saved = _save_final(snapshot, out)
    session.saved(str(saved.resolve()) if saved else "")
    session.close()
    if session.run_id is not None:
        print(f"recorded as run #{session.run_id} in {session.recorder.library.path}")
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


def _own_checkpoint(partial, dist):
    """The run's own checkpoint (MODEL.partial) when there is one, else None. Under torchrun rank 0
    writes it, and after a restart rank 0 may be on another machine: the newest copy any rank
    has is handed to all."""
    from ..core.model.bundle import bundle_from_bytes, summary
    from ..core.training.distributed import newest_bytes
    found = summary(partial) if partial.is_file() else None
    data = partial.read_bytes() if found else None
    if dist is not None:
        data = newest_bytes(dist, data, found["steps"] if found else -1)
    return bundle_from_bytes(data, str(partial)) if data is not None else None


def _check_same_text(bundle, corpus, partial) -> None:
    """A checkpoint left by a run on another text is not this run's: refuse rather than continue it."""
    name, symbols = bundle.corpus.get("name"), bundle.corpus.get("symbols")
    if (name, symbols) != (corpus.name, len(corpus)):
        raise CliError(f"{partial} was trained on another text ({name}, {symbols} symbols; this one: {corpus.name}, "
                       f"{len(corpus)}); remove it or choose another --out")


def _input_files(corpus: str) -> list:
    from pathlib import Path
    p = Path(corpus)
    return sorted(p.rglob("*")) if p.is_dir() else [p]


def _save_final(bundle, out):
    """Save the trained model; if that fails (a full disk, a folder gone), keep it elsewhere
    rather than lose the run, and say where."""
    from pathlib import Path

    from platformdirs import user_data_dir

    from ..core.config import EXTENSION
    from ..core.model.bundle import save_bundle
    try:
        return save_bundle(bundle, out)
    except OSError as exc:
        print(f"rnnstudio-cli: error: could not save {out}: {exc.strerror or exc}", file=sys.stderr)
    import time
    for folder in (Path(user_data_dir("RNNStudio", appauthor=False)) / "rescued", Path.cwd()):
        rescue = folder / f"{out.stem}-{time.strftime('%Y%m%d-%H%M%S')}{EXTENSION}"
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
