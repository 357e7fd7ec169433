"""Architecture search with Optuna: which cell, how many layers, how wide, what learning rate…
for *this* text and this much time.

Each trial trains a model for the same wall-clock time from the fitted defaults with the chosen
settings changed, and reports its validation loss at fixed moments of its training (every
sixth of its time); a trial whose curve is worse than the median of earlier trials at the same
moment is stopped there (Optuna's median pruner). Every trial is a run in the run library,
with its model saved, so the best one can be opened and trained on.

The study lives in an Optuna storage: by default the run library's own SQLite file, so a
search can be stopped and resumed (same study name). Several processes — on several machines
with a PostgreSQL or MySQL URL — can work on one study at once: that is how a search grows
past one computer.
"""
from __future__ import annotations

import math
import os
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
    return "sqlite:///" + str(Path(library_path).resolve())


def open_study(study_name: str, storage: str, seed: int | None = None):
    import optuna
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    sampler = optuna.samplers.TPESampler(seed=seed, n_startup_trials=4)
    pruner = optuna.pruners.MedianPruner(n_startup_trials=3, n_warmup_steps=1)
    import random
    import time
    for attempt in range(8):
        try:
            return optuna.create_study(study_name=study_name, storage=storage, sampler=sampler, pruner=pruner,
                                       direction="minimize", load_if_exists=True)
        except Exception as exc:   # noqa: BLE001 - only the race below is retried
            # Two processes starting on a new database at once both try to create Optuna's
            # tables and its version row; the loser gets an integrity or "locked" error and,
            # a moment later, finds them made.
            if attempt == 7 or type(exc).__module__.split(".")[0] != "sqlalchemy":
                raise
            time.sleep(0.2 + random.random() * 0.5)


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
    if mc.layers == 1:
        mc = mc.replace(dropout=0.0)   # torch applies dropout between layers only
    return mc, tc


def run_trials(corpus, settings: SearchSettings, study, *, library=None, control=None,
               study_name: str = "") -> Iterator[TrialResult]:
    """Run trials until the search's time is spent (or ``control`` stops it); yields each
    finished trial. A trial started before the time runs out is finished."""
    import time

    import optuna
    from ..config import EXTENSION
    from ..events import Evaluated
    from ..model.bundle import save_bundle
    from ..training.session import TrainingSession
    from .runs import recording

    deadline = time.monotonic() + settings.budget_seconds
    while time.monotonic() < deadline and not (control is not None and control.stopped):
        trial = study.ask()
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
            value = trainer.best_val
            if settings.folder and value is not None:
                path = Path(settings.folder).resolve() / f"{study_name or 'study'}-trial-{trial.number}{EXTENSION}"
                save_bundle(trainer.bundle(), path)
                result.model_path = str(path)
                trial.set_user_attr("model_path", str(path))
                session.saved(str(path))
        except Exception as exc:   # noqa: BLE001 - settings that cannot train, or a failure while training:
            # this trial fails alone (the session marked its run failed); the search goes on
            study.tell(trial, state=optuna.trial.TrialState.FAIL)
            result.state = f"failed: {exc}"
            result.run_id = session.run_id
            yield _with_best(result, study)
            continue
        if session.run_id is not None:
            result.run_id = session.run_id
            trial.set_user_attr("run_id", session.run_id)
        if value is None or not math.isfinite(value):
            study.tell(trial, state=optuna.trial.TrialState.FAIL)
        elif pruned:
            study.tell(trial, state=optuna.trial.TrialState.PRUNED)
            result.state, result.value = "pruned", value
        else:
            study.tell(trial, value)
            result.state, result.value = "complete", value
        yield _with_best(result, study)


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
