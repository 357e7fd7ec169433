"""The worker lifecycle: signal order, control, and that finished tasks are freed."""
from __future__ import annotations

import gc
import weakref

import pytest
from rnnstudio.core.control import Control
from rnnstudio.core.data.corpus import Corpus
from rnnstudio.gui.workers import Task, Worker

from ..core.helpers import TINY_MODEL, TINY_TRAIN


def _start(qtbot, task, signals):
    """Start ``task`` and wait for ``signals`` in strict order, then for the thread's end."""
    with qtbot.waitSignal(task.done, timeout=30000):
        with qtbot.waitSignals(signals, order="strict", timeout=30000):
            task.start()


def test_success_emits_then_finishes(qtbot):
    got = []

    def job():
        yield 42   # one item: each non-frequent item is its own emission, and "strict" means exactly these

    worker = Worker(job)
    worker.emitted.connect(got.extend)
    _start(qtbot, Task(worker), [worker.emitted, worker.finished])
    assert got == [42]


def test_failure_emits_then_fails_then_finishes(qtbot):
    def job():
        yield "partial"
        raise ValueError("bad input")

    worker = Worker(job)
    failures = []
    worker.failed.connect(failures.append)
    _start(qtbot, Task(worker), [worker.emitted, worker.failed, worker.finished])
    assert [str(f) for f in failures] == ["bad input"]


@pytest.fixture(scope="module")
def corpus(small_text):
    return Corpus.from_text(small_text, "small")


def _training(corpus, control, seen):
    """A training task whose events (and a final "finished") are recorded in ``seen``."""
    def job():
        from rnnstudio.core.training.train import Trainer
        trainer = Trainer(corpus, TINY_MODEL, TINY_TRAIN.replace(max_steps=10**6, eval_interval=0),
                          control=control)
        yield from trainer.run()

    worker = Worker(job)
    worker.emitted.connect(lambda items: seen.extend(type(e).__name__ for e in items))
    worker.finished.connect(lambda: seen.append("finished"))
    return Task(worker)


def test_stop_before_the_first_step(qtbot, corpus):
    control = Control()
    control.stop()
    seen = []
    task = _training(corpus, control, seen)
    with qtbot.waitSignal(task.done, timeout=30000):
        task.start()
    assert seen == ["Started", "Finished", "finished"]


def test_stop_while_paused(qtbot, corpus):
    control = Control()
    seen = []
    task = _training(corpus, control, seen)
    with qtbot.waitSignal(task.done, timeout=60000):
        task.start()
        qtbot.waitUntil(lambda: seen.count("Step") >= 3, timeout=30000)
        control.pause()
        qtbot.waitUntil(lambda: "Paused" in seen, timeout=30000)
        steps = seen.count("Step")
        control.stop()
    assert seen.count("Step") == steps   # nothing ran between the pause and the stop
    assert seen[-2:] == ["Finished", "finished"]


def test_finished_tasks_are_freed(qtbot):
    """The task, its thread and worker are deleted once done, and so is what the job captured."""
    import shiboken6

    class Payload:
        pass

    payload = Payload()
    alive = weakref.ref(payload)

    def job(captured=payload):
        yield type(captured).__name__

    worker = Worker(job)
    del payload
    task = Task(worker)
    thread = task.thread
    _start(qtbot, task, [worker.emitted, worker.finished])
    wrappers = [thread, worker, task]
    qtbot.waitUntil(lambda: not any(shiboken6.isValid(w) for w in wrappers), timeout=5000)
    wrappers.clear()
    del worker, task, thread, job
    gc.collect()
    assert alive() is None


def test_cycles_are_collected_in_the_gui_thread_only(qtbot):
    """gui/gc_guard.py: automatic collection is off (it once ran in a training worker and
    deadlocked with the GUI thread); the GUI thread's timer collects cycles instead, and only
    when the collector's own thresholds say one is due."""
    import gc
    import threading
    import weakref

    from rnnstudio.gui.gc_guard import collect_due

    assert not gc.isenabled()   # the suite runs as the app does (tests/gui/conftest.py)

    class Node:
        pass

    a, b = Node(), Node()
    a.other, b.other = b, a
    gone = weakref.ref(a)
    del a, b
    threads = []
    worker = threading.Thread(target=lambda: threads.append([object() for _ in range(5000)]))
    worker.start()
    worker.join()
    assert gone() is not None   # a worker's allocations collected nothing
    gc.collect()
    assert collect_due() is None   # nothing allocated since: nothing to do at rest
    c, d = Node(), Node()
    c.other, d.other = d, c
    gone = weakref.ref(c)
    del c, d
    junk = [[] for _ in range(gc.get_threshold()[0] + 1)]
    qtbot.waitUntil(lambda: gone() is None, timeout=10000)   # the GUI thread's timer collected it
    del junk
