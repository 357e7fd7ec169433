"""One training run from preparation to outcome, the same for every caller: the app's worker,
``rnnstudio-cli train`` and each trial of a search.

    session = TrainingSession(corpus, model_config, train_config, resume=bundle, reencode=...,
                              checkpoint_path=..., record=recording(library, source="cli"))
    for event in session.run():      # the trainer's events, plus Recorded and Snapshot
        ...
    session.saved(path)              # the run now points at its model file

The session prepares the run (a continued model's vocabulary re-encodes the text when it
differs), makes the trainer, keeps the run-library record (started, progress, finished, failed,
interrupted by a kill: the library sees the process gone), offers a snapshot of the model at each
evaluation, and turns a failure into an outcome: the run is marked failed with the error's name,
the record closed, and the error raised again for the caller to report (the app as a sentence,
the command line as one line, a search as that trial's failure alone).

The run library lives in core/experiments, above training; the session takes a ``record``
factory (experiments' ``recording``) so that training never imports it.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol

from ..events import Evaluated, Finished, Started


class Recorder(Protocol):
    run_id: int | None
    problem: str | None

    def record(self, event) -> None: ...
    def saved(self, path: str) -> None: ...
    def failed(self, reason: str) -> None: ...
    def close(self) -> None: ...


@dataclass(frozen=True)
class Recorded:
    """The run has its row in the run library."""
    run_id: int


@dataclass(frozen=True)
class Snapshot:
    """The model as it is now (``final``: as the run ended), for the app to sample and save."""
    bundle: Any
    final: bool


class TrainingSession:
    def __init__(self, corpus, model_config, train_config, *, resume=None,
                 reencode: Callable[[Any], Any] | None = None, checkpoint_path: str | None = None,
                 control=None, distributed=None, restart_schedule: bool = False,
                 record: Callable[[Any], Recorder | None] | None = None):
        """``reencode(tokenizer)`` reads the text again with a continued model's vocabulary when
        the corpus was encoded with another; ``record(trainer)`` makes the run's recorder."""
        self.corpus, self.model_config, self.train_config = corpus, model_config, train_config
        self.resume, self.reencode = resume, reencode
        self.checkpoint_path, self.control, self.distributed = checkpoint_path, control, distributed
        self.restart_schedule = restart_schedule
        self._record = record
        self.trainer = None
        self.recorder: Recorder | None = None
        self.finished: Finished | None = None

    @property
    def run_id(self) -> int | None:
        return self.recorder.run_id if self.recorder is not None else None

    def prepare(self):
        """The trainer for this run (made once). Bad settings or text raise here, before any work."""
        if self.trainer is not None:
            return self.trainer
        from .train import Trainer

        corpus = self.corpus
        if (self.resume is not None and self.reencode is not None
                and corpus.tokenizer.symbols != self.resume.tokenizer.symbols):
            corpus = self.corpus = self.reencode(self.resume.tokenizer)
        self.trainer = Trainer(corpus, self.model_config, self.train_config, checkpoint_path=self.checkpoint_path,
                               resume_from=self.resume, restart_schedule=self.restart_schedule,
                               control=self.control, distributed=self.distributed)
        self.recorder = self._record(self.trainer) if self._record is not None else None
        return self.trainer

    def run(self, *, snapshots: bool = False) -> Iterator:
        """The trainer's events, each recorded; ``Recorded`` after ``Started`` once the run has its
        row; with ``snapshots`` a ``Snapshot`` after each evaluation and one at the end."""
        trainer = self.prepare()
        try:
            for event in trainer.run():
                if self.recorder is not None:
                    self.recorder.record(event)
                yield event
                if isinstance(event, Started) and self.run_id is not None:
                    yield Recorded(self.run_id)
                elif isinstance(event, Evaluated) and snapshots:
                    yield Snapshot(trainer.bundle(), False)
                elif isinstance(event, Finished):
                    self.finished = event
        except KeyboardInterrupt:
            # a second Ctrl-C gives up at once: the row stays "running" and reads as interrupted
            # once this process is gone, as after a kill
            self.close()
            raise
        except Exception as exc:
            if self.recorder is not None:
                self.recorder.failed(type(exc).__name__)
            self.close()
            raise
        if snapshots:
            yield Snapshot(trainer.bundle(), True)

    def saved(self, path: str) -> None:
        """The model was saved there: the run's record points to it."""
        if self.recorder is not None:
            self.recorder.saved(str(path))

    def close(self) -> None:
        if self.recorder is not None:
            self.recorder.close()
