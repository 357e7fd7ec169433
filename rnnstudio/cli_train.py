"""rnnstudio-cli train: one training run from a terminal, with its checks before any work,
its checkpoints, Ctrl-C handling, run-library record and (under torchrun) its share of a
distributed run."""
from __future__ import annotations

import contextlib
import math
import signal
import sys

from .cli import EXIT_DIVERGED, EXIT_INTERRUPTED, EXIT_OK, _Fail


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
        shutdown(dist, trainer)
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
