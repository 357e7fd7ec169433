"""The training session every caller uses: it records the run, offers snapshots, re-encodes a
text for a continued model, and turns a failure into a recorded outcome before re-raising."""
from __future__ import annotations

import pytest

from rnnstudio.core.config import ModelConfig
from rnnstudio.core.data.corpus import Corpus
from rnnstudio.core.errors import CorpusTooShort
from rnnstudio.core.events import Finished, Started
from rnnstudio.core.experiments.runs import RunLibrary, recording
from rnnstudio.core.model.network import CharRNN
from rnnstudio.core.training.session import Recorded, Snapshot, TrainingSession

from .helpers import TINY_TRAIN

MODEL = ModelConfig(emb_size=8, hidden_size=24, layers=1)


@pytest.fixture
def texts(request):
    text = (request.config.rootpath / "resources/corpora/tinyshakespeare.txt").read_text(encoding="utf-8")
    return text[:20000], text[20000:26000] + " 0123456789"   # the second has symbols the first lacks


def test_a_session_records_snapshots_and_points_the_run_at_its_file(tmp_path, texts):
    db = tmp_path / "runs.db"
    session = TrainingSession(Corpus.from_text(texts[0], "a.txt"), MODEL,
                              TINY_TRAIN.replace(max_steps=20, eval_interval=10, sample_length=0),
                              record=recording(db, source="cli"))
    events = list(session.run(snapshots=True))
    kinds = [type(e).__name__ for e in events]
    assert kinds.index("Recorded") == kinds.index("Started") + 1
    snaps = [e for e in events if isinstance(e, Snapshot)]
    assert [s.final for s in snaps] == [False, False, True] and snaps[-1].bundle.progress.step == 20
    assert isinstance(session.finished, Finished) and session.finished.reason == "steps"
    session.saved(str(tmp_path / "m.rnnstudio"))
    session.close()
    run = RunLibrary(db).get(next(e.run_id for e in events if isinstance(e, Recorded)))
    assert run.status == "finished" and run.model_path == str(tmp_path / "m.rnnstudio")
    assert [p[0] for p in run.points] == [10, 20]


def test_a_continued_model_re_encodes_the_text_with_its_vocabulary(texts):
    first = TrainingSession(Corpus.from_text(texts[0], "a.txt"), MODEL, TINY_TRAIN.replace(max_steps=5))
    list(first.run())
    bundle = first.trainer.bundle()
    other = Corpus.from_text(texts[1], "b.txt")
    assert other.tokenizer.symbols != bundle.tokenizer.symbols
    asked = []

    def reencode(vocabulary):
        asked.append(vocabulary)
        return Corpus.from_text(texts[1], "b.txt", vocabulary=vocabulary)

    session = TrainingSession(other, MODEL, TINY_TRAIN.replace(max_steps=10), resume=bundle, reencode=reencode)
    events = list(session.run())
    assert asked == [bundle.tokenizer] and session.corpus.tokenizer.symbols == bundle.tokenizer.symbols
    assert next(e for e in events if isinstance(e, Started)).resumed and session.finished.progress.step == 10


def test_a_failure_is_recorded_then_raised(tmp_path, texts, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(CharRNN, "loss", broken)
    db = tmp_path / "runs.db"
    session = TrainingSession(Corpus.from_text(texts[0], "a.txt"), MODEL, TINY_TRAIN.replace(max_steps=5),
                              record=recording(db, source="app"))
    with pytest.raises(RuntimeError, match="boom"):
        list(session.run())
    (run,) = RunLibrary(db).runs()
    assert run.status == "failed" and run.reason == "RuntimeError" and run.source == "app"


def test_a_library_that_cannot_be_opened_is_a_warning_not_the_end(tmp_path, texts):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    said = []
    session = TrainingSession(Corpus.from_text(texts[0], "a.txt"), MODEL, TINY_TRAIN.replace(max_steps=3),
                              record=recording(blocker / "runs.db", warn=said.append))
    assert session.finished is None and [type(e).__name__ for e in session.run()][-1] == "Finished"
    assert len(said) == 1 and "cannot be used" in said[0] and session.run_id is None


def test_settings_that_cannot_train_leave_the_library_untouched(tmp_path, texts):
    db = tmp_path / "runs.db"
    session = TrainingSession(Corpus.from_text(texts[0][:20], "a.txt"), MODEL, TINY_TRAIN,
                              record=recording(db, source="cli"))
    with pytest.raises(CorpusTooShort):
        session.prepare()
    assert not db.exists()
