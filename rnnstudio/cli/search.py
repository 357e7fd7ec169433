"""rnnstudio-cli search: architecture search from a terminal (core/experiments/search.py).

    rnnstudio-cli search CORPUS [--budget 30m] [--trial 30s] [--vary cell,layers,hidden_size,lr]
                                [--storage URL|FILE] [--study NAME] [--heartbeat S] [--out BEST.rnnstudio]

Several processes (on one machine with the default journal file, on several with a
PostgreSQL/MySQL --storage) given the same storage and study name share the study; a process
that dies leaves no trial running for ever.
"""
from __future__ import annotations

import argparse
import re
import sys


def duration(text: str) -> float:
    """Seconds from "90", "90s", "30m", "1h", "1h30m"."""
    t = text.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", t):
        value = float(t)
    else:
        parts = re.fullmatch(r"(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?", t)
        if not parts or not any(parts.groups()):
            raise argparse.ArgumentTypeError(f"expected a duration such as 90s, 30m or 1h, got {text!r}")
        h, m, s = (float(g) if g else 0.0 for g in parts.groups())
        value = h * 3600 + m * 60 + s
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be above 0, got {text!r}")
    return value


def add_parser(sub) -> None:
    from ..core.experiments.search import SPACE
    from ..core.experiments.storage import GRACE, HEARTBEAT_SECONDS
    p = sub.add_parser("search", help="search for the best model settings for a text (Optuna)",
                       description="Train many models for the same short time each, with settings chosen by "
                                   "Optuna; stop the poor ones early; keep every trial as a run with its model.")
    p.add_argument("corpus", metavar="CORPUS", help="text file or folder")
    p.add_argument("--budget", type=duration, default=600.0, help="time for the whole search (default 10m)")
    p.add_argument("--trial", type=duration, default=30.0, help="training time of each trial (default 30s)")
    p.add_argument("--vary", default="cell,layers,hidden_size,lr",
                   help=f"comma-separated settings to search over, from: {', '.join(SPACE)}")
    p.add_argument("--storage", metavar="URL|FILE",
                   help="where the study lives: a journal file (default: search.journal beside the run library; "
                        "processes on one machine), or a database URL: postgresql://user:password@host/db to share "
                        "across machines (the driver: pip install \"psycopg[binary]\"), sqlite:///FILE")
    p.add_argument("--heartbeat", type=duration, default=None, metavar="S",
                   help="on a database server: seconds between a running trial's beats; a trial whose process "
                        f"died is failed after {GRACE} missed beats (default {HEARTBEAT_SECONDS:g}s)")
    p.add_argument("--study", metavar="NAME", help="study name (default: search-<text name>); the same name "
                                                   "continues a study")
    p.add_argument("--library", metavar="DB", help="the run library to record trials in (default: the app's)")
    p.add_argument("--models", metavar="FOLDER", help="where each trial's model is saved (default: the data "
                                                      "folder's search/)")
    p.add_argument("--out", metavar="MODEL", help="copy the best model here when the search ends")
    p.add_argument("--force", action="store_true", help="replace --out if it exists")
    p.add_argument("--seed", type=int)
    p.add_argument("--threads", type=int, default=0, help="CPU threads per process (0 = default)")
    p.add_argument("--encoding", help="text encoding (default: detect)")


def run(args) -> int:
    from pathlib import Path

    from ..core.model.bundle import is_model_file
    from ..core.data.corpus import load_corpus
    from ..core.files import atomic_write, check_output
    from ..core.experiments.runs import RunLibrary, default_path
    from ..core.experiments.search import (SearchSettings, adopt_from_library, fail_abandoned, importances,
                                           open_study, run_trials)
    from ..core.experiments.storage import HEARTBEAT_SECONDS, default_storage, describe, open_storage

    out = check_output(args.out, inputs=[args.corpus], force=args.force, is_ours=is_model_file) if args.out else None
    library_path = Path(args.library) if args.library else default_path()
    models = Path(args.models) if args.models else library_path.parent / "search"
    settings = SearchSettings(vary=tuple(v.strip() for v in args.vary.split(",") if v.strip()),
                              trial_seconds=args.trial, budget_seconds=args.budget, seed=args.seed,
                              threads=args.threads, folder=str(models))
    if args.threads:
        import torch
        torch.set_num_threads(args.threads)
    # the storage first: a wrong URL, a server that is down or a missing driver is one line, before any work
    where = args.storage or default_storage(library_path)
    storage = open_storage(where, heartbeat=args.heartbeat or HEARTBEAT_SECONDS)
    corpus = load_corpus(args.corpus, encoding=args.encoding, min_count=0)
    library = RunLibrary(library_path)
    name = args.study or f"search-{corpus.name}"
    if args.storage is None and adopt_from_library(name, library_path, storage):
        print(f"study {name!r} copied from the run library's file, where earlier versions kept it")
    study = open_study(name, storage, seed=args.seed)
    print(f"study {name!r} in {describe(where)}: {len(study.trials)} earlier trial(s); varying "
          f"{', '.join(settings.vary)}; {settings.trial_seconds:g} s a trial, {settings.budget_seconds:g} s in all",
          flush=True)
    gone = fail_abandoned(study)
    if gone:
        print(f"failed trial(s) {', '.join(map(str, gone))}: left running by a process that is gone", flush=True)
    last = None
    try:
        for r in run_trials(corpus, settings, study, library=library, study_name=name):
            params = ", ".join(f"{k}={_short(v)}" for k, v in r.params.items())
            value = f"{r.value:.4f} nats" if r.value is not None else "no result"
            best = f"; best so far #{r.best_number}: {r.best_value:.4f}" if r.best_value is not None else ""
            print(f"trial {r.number}: {r.state}, {value} ({params}){best}", flush=True)
            last = r
    except KeyboardInterrupt:
        print("\nstopped; the study keeps every finished trial (run the same command to go on)", file=sys.stderr)
    try:
        best = study.best_trial
    except ValueError:
        print("no trial finished", file=sys.stderr)
        return 1
    print(f"best: trial {best.number}, {best.value:.4f} nats/symbol, "
          + ", ".join(f"{k}={_short(v)}" for k, v in best.params.items()))
    imp = importances(study)
    if imp:
        print("what mattered most: " + ", ".join(f"{k} {v:.0%}" for k, v in imp.items()))
    path = best.user_attrs.get("model_path")
    if path:
        print(f"its model: {path}")
    if out is not None and path and Path(path).is_file():
        atomic_write(out, Path(path).read_bytes())   # whole or not at all, as every model file
        print(f"copied to {out}")
    return 0 if last is not None or study.trials else 1


def _short(v) -> str:
    return f"{v:.3g}" if isinstance(v, float) else str(v)
