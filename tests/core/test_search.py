"""Architecture search on a real Optuna study in the run library's SQLite file: trials train
for real, are recorded as runs with their models, and the study resumes by name."""
from __future__ import annotations

import pytest

from rnnstudio.core.data.corpus import Corpus
from rnnstudio.core.experiments.runs import RunLibrary
from rnnstudio.core.experiments.search import (SearchSettings, importances, open_study, run_trials, storage_url,
                                               trial_configs)


@pytest.fixture(scope="module")
def corpus(request):
    import torch._dynamo  # noqa: F401 - the first optimizer a process makes imports it (3 s here), not a trial's time
    text = (request.config.rootpath / "resources/corpora/tinyshakespeare.txt").read_text(encoding="utf-8")
    return Corpus.from_text(text[:40000], "small.txt")


def test_trials_run_are_recorded_and_the_study_resumes(tmp_path, corpus):
    db = tmp_path / "runs.db"
    library = RunLibrary(db)
    settings = SearchSettings(vary=("hidden_size", "lr"), trial_seconds=1.0, budget_seconds=8.0, seed=3,
                              threads=1, folder=str(tmp_path / "models"))
    study = open_study("first", storage_url(db), seed=3)
    results = list(run_trials(corpus, settings, study, library=library, study_name="first"))
    assert len(results) >= 2
    done = [r for r in results if r.state in ("complete", "pruned")]
    assert done and all(r.value is not None and 0 < r.value < 5 for r in done)
    assert all(set(r.params) == {"hidden_size", "lr"} for r in results)
    assert results[-1].best_value == min(r.value for r in results if r.state == "complete")
    # each trial is a run of the library, with its model saved
    runs = library.runs(study="first")
    assert [r.trial for r in runs] == [r.number for r in results]
    assert all(r.source == "search" and r.model_path for r in runs)
    assert all((tmp_path / "models").joinpath(f"first-trial-{r.number}.rnnstudio").exists() for r in done)
    assert {r.model["hidden_size"] for r in runs} == {r.params["hidden_size"] for r in results}
    # the study lives in the same file: opened again by name, it goes on numbering
    again = open_study("first", storage_url(db), seed=4)
    assert len(again.trials) == len(results)
    more = list(run_trials(corpus, SearchSettings(vary=("hidden_size", "lr"), trial_seconds=1.0, budget_seconds=0.5,
                                                  threads=1), again, study_name="first"))
    assert more[0].number == len(results)


def test_settings_are_checked_and_trials_keep_the_fitted_defaults(corpus):
    with pytest.raises(ValueError, match="cannot vary"):
        SearchSettings(vary=("colour",))
    with pytest.raises(ValueError):
        SearchSettings(trial_seconds=0)
    mc, tc = trial_configs(corpus, {"cell": "gru", "layers": 1, "dropout": 0.3, "lr": 0.002}, SearchSettings())
    # one layer keeps its dropout: the network drops before its output layer too
    assert mc.cell == "gru" and mc.dropout == 0.3 and tc.lr == 0.002
    import torch
    from rnnstudio.core.model.network import CharRNN
    net = CharRNN(mc.replace(vocab_size=20, emb_size=8, hidden_size=16, cutoffs=())).train()
    x = torch.randint(0, 20, (2, 5))
    assert not torch.equal(net(x)[0], net(x)[0])   # and one layer does drop: the setting is real
    assert tc.max_seconds == 30.0 and tc.max_steps == 0 and tc.eval_seconds == pytest.approx(5.0)


def test_importances_need_complete_trials():
    import optuna
    study = optuna.create_study(sampler=optuna.samplers.RandomSampler(seed=0))
    assert importances(study) == {}
    # the loss depends on lr alone: the good trials share an lr, their dropout is anything
    study.optimize(lambda t: (t.suggest_float("lr", 0, 1) - 0.3) ** 2 + 1e-4 * t.suggest_float("dropout", 0, 1),
                   n_trials=30)
    imp = importances(study)
    assert imp["lr"] > 0.8 > imp["dropout"]


def test_a_trial_that_fails_while_training_fails_alone(tmp_path, corpus, monkeypatch):
    """The second trial's training raises after a few steps (a bug, a device lost): that trial is
    failed in the study and its run marked failed in the library; the trials before and after it
    complete, and the search itself goes on to its end."""
    from rnnstudio.core.training.train import Trainer

    real_run, started = Trainer.run, []

    def run(self):
        started.append(self)
        for n, event in enumerate(real_run(self)):
            if len(started) == 2 and n == 3:
                raise RuntimeError("the device went away")
            yield event

    monkeypatch.setattr(Trainer, "run", run)
    db = tmp_path / "runs.db"
    library = RunLibrary(db)
    settings = SearchSettings(vary=("lr",), trial_seconds=0.6, budget_seconds=3.0, seed=1, threads=1)
    study = open_study("faults", storage_url(db), seed=1)
    results = list(run_trials(corpus, settings, study, library=library, study_name="faults"))
    assert len(results) >= 3, results
    assert results[1].state == "failed: the device went away"
    assert all(r.state in ("complete", "pruned") for i, r in enumerate(results) if i != 1), results
    import optuna
    states = [t.state for t in study.trials]
    assert states[1] == optuna.trial.TrialState.FAIL
    assert optuna.trial.TrialState.COMPLETE in states[2:]
    runs = library.runs(study="faults")
    assert runs[1].status == "failed" and runs[1].reason == "RuntimeError"
    # the others ran to their time, or were stopped by the pruner (a run "stopped")
    assert [r.status for i, r in enumerate(runs) if i != 1] == [
        "stopped" if res.state == "pruned" else "finished" for i, res in enumerate(results) if i != 1]


@pytest.mark.parametrize("evaluations", [1, 6])
def test_a_trial_is_pruned_only_if_the_pruner_cuts_it_short(tmp_path, corpus, monkeypatch, evaluations):
    """A pruner that always says stop: with several reports a trial is stopped at its first one
    (pruned, its run "stopped"); with one report, at the trial's end, there is nothing left to cut,
    so the trial ran its whole time and is complete (its run "finished"), not thrown away as pruned.
    The CI once met the second case by chance: the median pruner spoke at a last report."""
    import optuna
    from rnnstudio.core.experiments import search

    class Always(optuna.pruners.BasePruner):
        def prune(self, study, trial):
            return True

    monkeypatch.setattr(search, "EVALUATIONS", evaluations)
    db = tmp_path / "runs.db"
    library = RunLibrary(db)
    study = open_study("prune", storage_url(db), seed=1)
    study.pruner = Always()
    settings = SearchSettings(vary=("lr",), trial_seconds=1.2, budget_seconds=1.0, seed=1, threads=1)
    results = list(run_trials(corpus, settings, study, library=library, study_name="prune"))
    runs = library.runs(study="prune")
    assert len(results) == len(runs) >= 1
    if evaluations == 1:
        assert [(r.state, run.status) for r, run in zip(results, runs)] == [("complete", "finished")] * len(runs)
        assert {t.state for t in study.trials} == {optuna.trial.TrialState.COMPLETE}
        assert study.best_value == min(r.value for r in results)
    else:   # stopped at the first report
        assert [(r.state, run.status) for r, run in zip(results, runs)] == [("pruned", "stopped")] * len(runs)
        assert {t.state for t in study.trials} == {optuna.trial.TrialState.PRUNED}
    assert all(r.value is not None for r in results)


def test_a_study_in_the_library_file_is_adopted_by_the_default_storage(tmp_path, corpus):
    """Earlier versions kept studies in the run library's SQLite file: the default storage (a
    journal beside it) copies such a study once, so the same name still continues it."""
    from rnnstudio.core.experiments.search import adopt_from_library
    from rnnstudio.core.experiments.storage import default_storage, open_storage
    db = tmp_path / "runs.db"
    RunLibrary(db)
    old = open_study("old", storage_url(db), seed=1)
    for x in (0.1, 0.2):
        t = old.ask()
        old.tell(t, t.suggest_float("lr", 0, 1) + x)
    storage = open_storage(default_storage(db))
    assert adopt_from_library("old", db, storage)
    assert not adopt_from_library("old", db, storage)          # once
    assert not adopt_from_library("new", db, storage)          # nothing to adopt
    again = open_study("old", storage)
    assert [t.value for t in again.trials] == [t.value for t in old.trials]


def test_a_journal_is_never_written_into_another_file(tmp_path):
    """--storage FILE appends to FILE: the run library or any other file is refused, untouched."""
    from rnnstudio.core.experiments.storage import StorageError, open_storage
    db = tmp_path / "runs.db"
    RunLibrary(db).close()
    text = tmp_path / "notes.txt"
    text.write_text("my notes\n")
    before = db.read_bytes(), text.read_bytes()
    with pytest.raises(StorageError, match="SQLite database; for a study in it give sqlite:///"):
        open_storage(str(db))
    with pytest.raises(StorageError, match="not an Optuna journal"):
        open_storage(str(text))
    assert (db.read_bytes(), text.read_bytes()) == before
    journal = tmp_path / "s.journal"
    open_study("x", str(journal))
    open_study("x", str(journal))   # a journal opens again


def test_a_database_url_gets_a_driver_that_is_there(monkeypatch):
    """postgresql:// and mysql:// go through the first driver that imports; none there is one
    line naming what to install; sqlite and drivers this does not list are SQLAlchemy's to judge."""
    from rnnstudio.core.experiments import storage
    present = {"psycopg"}
    monkeypatch.setattr(storage, "_importable", lambda module: module in present)
    assert storage.driver_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert storage.driver_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    present.add("psycopg2")
    assert storage.driver_url("postgresql://u@h/db") == "postgresql+psycopg2://u@h/db"   # SQLAlchemy's default
    assert storage.driver_url("postgresql+pg8000://u@h/db") == "postgresql+pg8000://u@h/db"
    assert storage.driver_url("sqlite:////tmp/x.db") == "sqlite:////tmp/x.db"
    with pytest.raises(storage.StorageError, match='mysql://u:\\*\\*\\*@h/db: .*pip install "PyMySQL"'):
        storage.driver_url("mysql://u:secret@h/db")
    present.add("pymysql")
    assert storage.driver_url("mysql://u@h/db") == "mysql+pymysql://u@h/db"
    with pytest.raises(storage.StorageError, match='pip install "mysqlclient"'):
        storage.driver_url("mysql+mysqldb://u@h/db")
