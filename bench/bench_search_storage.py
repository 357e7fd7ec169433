"""Four search processes on one study, over the SQLite file against a journal file: prints one
JSON line and writes bench/results/search_storage.json (run alone: nothing else on the machine).

    python bench/bench_search_storage.py [--seconds 40] [--processes 4] [--trial 0.5] [--rounds 2]

Each process runs the real search loop (``run_trials``: ask, train a tiny model for --trial
seconds reporting six times, record the run in the run library, save its model, tell) for the
same wall time, with one thread, against the same study. The storage is the only difference;
the run library is an SQLite file in both cases (it is the app's). Counted per storage:
trials completed or pruned in the time, storage errors (an exception out of a storage call,
e.g. "database is locked"; the process then opens the study again and goes on, as a user
would restart it), and waits: the time spent inside storage calls, in all and the longest.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

import optuna

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
SHAKESPEARE = ROOT / "resources" / "corpora" / "tinyshakespeare.txt"


def first_line(exc) -> str:
    lines = str(exc).splitlines()
    return f"{type(exc).__name__}: {lines[0][:120] if lines else ''}"


class Timed:
    """Every call of the storage's methods timed, and its exceptions counted."""

    def __init__(self, inner, stats):
        self._inner, self._stats = inner, stats

    def __getattr__(self, name):
        value = getattr(self._inner, name)
        if not callable(value) or name.startswith("__"):
            return value

        def call(*a, **kw):
            t = time.perf_counter()
            try:
                return value(*a, **kw)
            except optuna.exceptions.DuplicatedStudyError:
                raise   # how create_study(load_if_exists=True) finds a study another process made
            except Exception as exc:
                self._stats["errors"].append(f"{name}: {first_line(exc)}")
                raise
            finally:
                d = time.perf_counter() - t
                self._stats["calls"] += 1
                self._stats["seconds"] += d
                self._stats["longest"] = max(self._stats["longest"], d)
        return call


def worker(spec: str, library: str, seconds: float, trial: float, queue, start_at: float) -> None:
    os.environ["OMP_NUM_THREADS"] = "1"
    import torch
    torch.set_num_threads(1)
    from optuna.storages import BaseStorage, RDBStorage
    from optuna.storages._cached_storage import _CachedStorage
    BaseStorage.register(Timed)   # Optuna checks isinstance(storage, BaseStorage)

    from rnnstudio.core.data.corpus import Corpus
    from rnnstudio.core.experiments.runs import RunLibrary
    from rnnstudio.core.experiments.search import SearchSettings, open_study, run_trials
    from rnnstudio.core.experiments.storage import open_storage

    corpus = Corpus.from_text(SHAKESPEARE.read_text(encoding="utf-8")[:60000], "small.txt")
    stats = {"calls": 0, "seconds": 0.0, "longest": 0.0, "errors": [], "trials": 0, "failed": 0, "restarts": 0}
    lib = RunLibrary(library)
    time.sleep(max(0.0, start_at - time.time()))   # all processes start together
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            inner = open_storage(spec)
            if isinstance(inner, RDBStorage):   # as optuna.create_study would wrap it
                inner = _CachedStorage(inner)
            storage = Timed(inner, stats)
            study = open_study("bench", storage, seed=None)
            left = deadline - time.monotonic()
            settings = SearchSettings(vary=("hidden_size", "lr"), trial_seconds=trial, budget_seconds=max(left, 0.01),
                                      threads=1, folder=str(Path(library).parent / "models"))
            for r in run_trials(corpus, settings, study, library=lib, study_name="bench"):
                if r.state.startswith("failed"):
                    stats["failed"] += 1
                elif time.monotonic() <= deadline + trial:   # finished in the time
                    stats["trials"] += 1
        except Exception as exc:   # noqa: BLE001 - counted; the process goes on as a restarted one would
            if not stats["errors"] or type(exc).__name__ not in stats["errors"][-1]:
                stats["errors"].append(f"outside a storage call: {first_line(exc)}")
            stats["restarts"] += 1
            if os.environ.get("BENCH_TRACE"):
                traceback.print_exc()
    queue.put(stats)


def measure(kind: str, processes: int, seconds: float, trial: float) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        library = str(Path(tmp) / "runs.db")
        spec = "sqlite:///" + library if kind == "sqlite" else str(Path(tmp) / "search.journal")
        ctx = mp.get_context("spawn")
        queue = ctx.Queue()
        start_at = time.time() + 15   # time for every process to import torch and Optuna
        procs = [ctx.Process(target=worker, args=(spec, library, seconds, trial, queue, start_at))
                 for _ in range(processes)]
        for p in procs:
            p.start()
        results = [queue.get(timeout=seconds * 4 + 120) for _ in procs]
        for p in procs:
            p.join()
        from rnnstudio.core.experiments.storage import open_storage
        study = optuna.load_study(study_name="bench", storage=open_storage(spec))
        states = {}
        for t in study.trials:
            states[t.state.name] = states.get(t.state.name, 0) + 1
    errors = [e for r in results for e in r["errors"]]
    return {
        "storage": kind,
        "trials_done": sum(r["trials"] for r in results),
        "trials_failed": sum(r["failed"] for r in results),
        "study_states": states,
        "storage_errors": len(errors),
        "error_kinds": sorted({e.split(": ", 1)[-1][:100] for e in errors})[:5],
        "restarts": sum(r["restarts"] for r in results),
        "storage_calls": sum(r["calls"] for r in results),
        "storage_seconds": round(sum(r["seconds"] for r in results), 2),
        "longest_call_s": round(max(r["longest"] for r in results), 3),
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=40.0)
    ap.add_argument("--processes", type=int, default=4)
    ap.add_argument("--trial", type=float, default=0.5)
    ap.add_argument("--rounds", type=int, default=2, help="each storage this many times, alternating")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "search_storage.json"))
    args = ap.parse_args()
    out = {"processes": args.processes, "seconds": args.seconds, "trial_seconds": args.trial,
           "cpus": os.cpu_count(), "load_before": os.getloadavg()[0],
           "results": [measure(k, args.processes, args.seconds, args.trial)
                       for r in range(args.rounds) for k in (("sqlite", "journal") if r % 2 == 0 else ("journal", "sqlite"))]}
    line = json.dumps(out)
    print(line)
    Path(args.out).write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
