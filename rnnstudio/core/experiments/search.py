"""Architecture search with Optuna: which cell, how many layers, how wide, what learning rate…
for *this* text and this much time.

Each trial trains a model for the same wall-clock time from the fitted defaults with the chosen
settings changed, and reports its validation loss at fixed moments of its training (every
sixth of its time); a trial whose curve is worse than the median of earlier trials at the same
moment is stopped there (Optuna's median pruner). Every trial is a run in the run library,
with its model saved, so the best one can be opened and trained on.

The study lives in an Optuna storage (storage.py): by default a journal file beside the run
library, so a search can be stopped and resumed (same study name) and several processes on one
machine can share it; on several machines, a PostgreSQL or MySQL URL. A process that dies
leaves no trial running for ever (``fail_abandoned``). Every trial is recorded in the run
library whichever storage holds the study.
"""
from __future__ import annotations

import contextlib
import math
import os
import socket
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

# What may vary, and over what range. Kinds: "choice" (values), "int" (low, high, step),
# "float" (low, high), "log" (low, high on a log scale).
SPACE: dict[str, tuple] = {
    "cell": ("choice", ("lstm", "gru", "rnn_tanh")),
    "layers": ("int", 1, 3, 1),
    "hidden_size": ("int", 64, 512, 64),
    "emb_size": ("int", 16, 256, 16),
    "dropout": ("float", 0.0, 0.4),
    "lr": ("log", 1e-3, 3e-2),
    "seq_len": ("choice", (32, 64, 128, 256)),
}
MODEL_KEYS = ("cell", "layers", "hidden_size", "emb_size", "dropout")
EVALUATIONS = 6    # reports per trial, at equal fractions of its time (the pruner compares these)


@dataclass
class SearchSettings:
    vary: tuple[str, ...] = ("cell", "layers", "hidden_size", "lr")
    trial_seconds: float = 30.0
    budget_seconds: float = 600.0
    seed: int | None = None
    threads: int = 0
    folder: str = ""          # where each trial's model is saved ("" = no files)

    def __post_init__(self):
        unknown = [k for k in self.vary if k not in SPACE]
        if unknown:
            raise ValueError(f"cannot vary {', '.join(unknown)}; choose from {', '.join(SPACE)}")
        if self.trial_seconds <= 0 or self.budget_seconds <= 0:
            raise ValueError("the time for a trial and for the search must be above 0")


@dataclass
class TrialResult:
    number: int
    state: str                    # "complete", "pruned", "failed"
    value: float | None           # best validation loss (nats/symbol)
    params: dict = field(default_factory=dict)
    run_id: int | None = None
    model_path: str = ""
    best_value: float | None = None   # the study's best so far
    best_number: int | None = None


def storage_url(library_path: str | os.PathLike) -> str:
    """The Optuna storage URL of the run library's SQLite file."""
    from .storage import sqlite_url
    return sqlite_url(library_path)


def open_study(study_name: str, storage, seed: int | None = None, *, heartbeat: float | None = None):
    """The study of that name in ``storage`` (a URL, a journal file's path, or an Optuna storage),
    made if new. A storage that cannot be used raises StorageError (one line)."""
    import optuna

    from .storage import HEARTBEAT_SECONDS, open_storage
    if isinstance(storage, (str, os.PathLike)):
        storage = open_storage(str(storage), heartbeat=heartbeat or HEARTBEAT_SECONDS)
    sampler = optuna.samplers.TPESampler(seed=seed, n_startup_trials=4)
    pruner = optuna.pruners.MedianPruner(n_startup_trials=3, n_warmup_steps=1)
    study = optuna.create_study(study_name=study_name, storage=storage, sampler=sampler, pruner=pruner,
                                direction="minimize", load_if_exists=True)
    return study


def adopt_from_library(study_name: str, library_path: str | os.PathLike, storage) -> bool:
    """A study begun when the default storage was the run library's SQLite file (before the
    journal) is copied from there once, so the same name still continues it. True if copied."""
    import sqlite3

    import optuna
    from .storage import sqlite_url
    path = Path(library_path)
    if not path.is_file() or study_name in optuna.get_all_study_names(storage):
        return False
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)) as db:
            found = db.execute("SELECT 1 FROM studies WHERE study_name = ?", (study_name,)).fetchone()
    except sqlite3.Error:   # no Optuna tables in it
        return False
    if not found:
        return False
    try:
        optuna.copy_study(from_study_name=study_name, from_storage=sqlite_url(path), to_storage=storage)
    except optuna.exceptions.DuplicatedStudyError:   # another process copied it meanwhile
        return False
    return True


def fail_abandoned(study) -> list[int]:
    """Fail the trials left "running" by a process that is gone, so none stays running for ever:
    on a database server, those whose heartbeat is older than the grace period (Optuna's
    ``fail_stale_trials``, any machine); in a file, those of a process of this machine that no
    longer exists (a file has no heartbeat). Returns the numbers failed (those this call saw)."""
    import optuna
    from optuna.trial import TrialState

    from .runs import process_alive
    before = {t.number for t in study.get_trials(deepcopy=False, states=(TrialState.RUNNING,))}
    if _heartbeat_interval(study):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
            optuna.storages.fail_stale_trials(study)
    else:
        for t in study.get_trials(deepcopy=False, states=(TrialState.RUNNING,)):
            host, pid = t.user_attrs.get("host"), t.user_attrs.get("pid")
            if host is not None and pid is not None and not process_alive(host, int(pid)):
                try:
                    study.tell(t.number, state=TrialState.FAIL)
                except (ValueError, RuntimeError):   # another process failed it first
                    pass
    after = {t.number for t in study.get_trials(deepcopy=False, states=(TrialState.RUNNING,))}
    return sorted(before - after)


def _heartbeat_interval(study) -> int | None:
    from optuna.storages._heartbeat import BaseHeartbeat
    storage = study._storage   # Optuna keeps the storage private; its heartbeat API is on it
    return storage.get_heartbeat_interval() if isinstance(storage, BaseHeartbeat) else None


class _Heartbeat:
    """Beats for one running trial on a storage with a heartbeat (Optuna's study.optimize does
    this itself; a search asks and tells, so it beats here), from a thread, until closed."""

    def __init__(self, study, trial):
        import threading
        self.interval = _heartbeat_interval(study)
        self.storage, self.trial_id = study._storage, trial._trial_id
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._beat, name="optuna-heartbeat", daemon=True)
        if self.interval:
            self.thread.start()

    def _beat(self) -> None:
        while True:
            try:
                self.storage.record_heartbeat(self.trial_id)
            except Exception:   # noqa: BLE001 - a lost beat is a missed beat; the next may pass
                pass
            if self.stop.wait(self.interval):
                return

    def close(self) -> None:
        self.stop.set()
        if self.thread.is_alive():
            self.thread.join()


def suggest(trial, vary) -> dict:
    chosen = {}
    for name in vary:
        kind, *spec = SPACE[name]
        if kind == "choice":
            chosen[name] = trial.suggest_categorical(name, list(spec[0]))
        elif kind == "int":
            chosen[name] = trial.suggest_int(name, spec[0], spec[1], step=spec[2])
        elif kind == "float":
            chosen[name] = trial.suggest_float(name, spec[0], spec[1])
        else:
            chosen[name] = trial.suggest_float(name, spec[0], spec[1], log=True)
    return chosen


def trial_configs(corpus, params: dict, settings: SearchSettings):
    """The fitted defaults for this text, with the trial's settings and its time."""
    from ..training.autoconfig import suggest as fitted
    base = fitted(corpus)
    mc = base.model.replace(**{k: v for k, v in params.items() if k in MODEL_KEYS})
    step = settings.trial_seconds / EVALUATIONS
    tc = base.train.replace(**{k: v for k, v in params.items() if k not in MODEL_KEYS},
                            max_steps=0, max_seconds=settings.trial_seconds, eval_interval=0,
                            first_eval_seconds=step, eval_seconds=step, sample_length=0,
                            threads=settings.threads, seed=settings.seed if settings.seed is not None else 1)
    # one layer keeps its dropout too: the network drops before its output layer as well as
    # between layers (network.CharRNN), so it is a real setting there (until 2026-12-01 a
    # one-layer trial ran with none, whatever it said)
    return mc, tc


def run_trials(corpus, settings: SearchSettings, study, *, library=None, control=None,
               study_name: str = "") -> Iterator[TrialResult]:
    """Run trials until the search's time is spent (or ``control`` stops it); yields each
    finished trial. A trial started before the time runs out is finished. Each trial names its
    process (``host``, ``pid``) and, on a database server, beats while it trains, so that a
    process that dies leaves no trial running for ever (``fail_abandoned``)."""
    import time

    deadline = time.monotonic() + settings.budget_seconds
    while time.monotonic() < deadline and not (control is not None and control.stopped):
        fail_abandoned(study)
        with warnings.catch_warnings():   # the beats are ours, below (Optuna expects study.optimize)
            warnings.filterwarnings("ignore", message="Heartbeat of storage")
            trial = study.ask()
        beat = _Heartbeat(study, trial)
        try:
            trial.set_user_attr("host", socket.gethostname())
            trial.set_user_attr("pid", os.getpid())
            result = _run_trial(corpus, settings, study, trial, library, control, study_name)
        finally:
            beat.close()
        yield _with_best(result, study)


def _run_trial(corpus, settings, study, trial, library, control, study_name) -> TrialResult:
    """Train one asked trial and tell the study how it went."""
    import optuna
    from ..config import EXTENSION
    from ..events import Evaluated
    from ..model.bundle import save_bundle
    from ..training.session import TrainingSession
    from .runs import recording

    params = suggest(trial, settings.vary)
    mc, tc = trial_configs(corpus, params, settings)
    result = TrialResult(trial.number, "failed", None, params)
    session = TrainingSession(corpus, mc, tc, record=recording(library, source="search", study=study_name,
                                                               trial=trial.number))
    try:
        trainer = session.prepare()
        pruned, report = False, 0
        for event in session.run():
            if control is not None and control.stopped and not pruned:
                pruned = True    # cut short: its loss is not a full trial's, so it does not count as one
                trainer.stop(report=False)
            if isinstance(event, Evaluated):
                trial.report(event.val_loss, report)
                report += 1
                if trial.should_prune():
                    pruned = True
                    trainer.stop(report=False)
        # The pruner may speak at the trial's last evaluation, when its time is already spent: a
        # trial that ran to its end is complete (its run "finished"), not pruned
        pruned = pruned and session.finished is not None and session.finished.reason == "stopped"
        value = trainer.best_val
        if settings.folder and value is not None:
            path = Path(settings.folder).resolve() / f"{study_name or 'study'}-trial-{trial.number}{EXTENSION}"
            save_bundle(trainer.bundle(), path)
            result.model_path = str(path)
            trial.set_user_attr("model_path", str(path))
            session.saved(str(path))
    except Exception as exc:   # noqa: BLE001 - settings that cannot train, or a failure while training:
        # this trial fails alone (the session marked its run failed); the search goes on
        _tell(study, trial, result, state=optuna.trial.TrialState.FAIL)
        result.state = f"failed: {exc}"
        result.run_id = session.run_id
        return result
    if session.run_id is not None:
        result.run_id = session.run_id
        trial.set_user_attr("run_id", session.run_id)
    if value is None or not math.isfinite(value):
        _tell(study, trial, result, state=optuna.trial.TrialState.FAIL)
    elif pruned and _tell(study, trial, result, state=optuna.trial.TrialState.PRUNED):
        result.state, result.value = "pruned", value
    elif not pruned and _tell(study, trial, result, values=value):
        result.state, result.value = "complete", value
    return result


def _tell(study, trial, result: TrialResult, **kw) -> bool:
    """Tell the study; a trial another process already failed (its beats were late: a stalled
    machine) stays failed, and this result says so."""
    try:
        study.tell(trial, **kw)
    except (ValueError, RuntimeError) as exc:
        result.state = f"failed: the study no longer takes this trial ({exc})"
        return False
    return True


def _with_best(result: TrialResult, study) -> TrialResult:
    try:
        best = study.best_trial
        result.best_value, result.best_number = best.value, best.number
    except ValueError:   # no complete trial yet
        pass
    return result


def importances(study) -> dict[str, float]:
    """How much each setting mattered for reaching the best losses (Optuna's default evaluator,
    PED-ANOVA: how differently a setting is spread in the best trials than in all), once there
    are enough complete trials."""
    import optuna
    complete = [t for t in study.trials if t.state == optuna.trial.TrialState.COMPLETE]
    if len(complete) < 3:
        return {}
    try:
        return optuna.importance.get_param_importances(study)
    except (RuntimeError, ValueError, ZeroDivisionError):
        return {}
