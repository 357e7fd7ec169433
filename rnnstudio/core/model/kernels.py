"""The generation step compiled (numba), for core/model/stepper.py and the sampler's chooser.

Why compiled: in numpy each of a step's 30-odd small operations (a gate's tanh, a slice, a
copy) costs 1-3 µs of call overhead on the CPUs measured, as much as the matrix-vector
products that read the weights; a 2x256 LSTM sampled at about half of what reading its
weights allows (bench/bench_speed.py). Here a whole step (every layer and the output layer,
an adaptive one included) is one call, and a generation runs many steps a call, choosing each
symbol between them (compiled.generate).

Each layer's product takes four weight rows at a time, so each input value is loaded once for
four rows, and two sequences at a time where a batch has two, so each weight is loaded once for
both; then the layer's gates and state, vectorised over its units. tanh is a rational
approximation (Eigen's, accurate to a few units in the last place of float32) because the library tanh is not
vectorised in compiled loops and costs more than the product. The sigmoid rows arrive
halved (stepper.py), so sigmoid(x) = (tanh(x/2) + 1) / 2 here as there.

numba is optional: without it (or with RNNSTUDIO_COMPILED_STEP=0) the numpy step runs, and
so it does in the frozen app, which leaves numba out (packaging/rnnstudio.spec). A generation
uses the compiled step from sample.COMPILED_FROM symbols on, or once this process has loaded
it; each generation first runs its kernels once on scratch buffers (sample._compiled_works), so
a kernel that cannot compile here is logged and the numpy step takes over with nothing lost.
Compiled code is cached on disk (numba's own cache), so only the first use on a machine pays
the compilation (seconds); loading numba and the cached code costs about half a second a
process. Only the command line, which has the machine to itself, uses several cores (use_cores):
one sample's products shared among numba's threads (compiled.step_parallel, which only
generate_parallel calls, so that the app never starts numba's threads), and several samples
split by rows among Python's threads (stepper.Stepper._split, the kernels releasing the GIL),
each running whole steps for two samples or more.

Where the CPU has AVX2, the products take int8 weights (int8(), quantize.py, madd.py): a quarter
of the bytes, and twice the multiply-adds an instruction; the numpy step then takes the same
rounded numbers, so the text does not depend on which step runs.
"""
from __future__ import annotations

import importlib
import importlib.util
import logging
import os
import threading

LSTM, GRU, RNN = 0, 1, 2   # compiled.step's cell codes (here, so the stepper needs no numba to name them)

_lock = threading.Lock()
_kernels = None
_failed = False
_pool = None


def wanted() -> bool:
    """Whether the compiled step would be used: numba is installed and not switched off."""
    if _failed or os.environ.get("RNNSTUDIO_COMPILED_STEP", "1") == "0":
        return False
    try:
        return importlib.util.find_spec("numba") is not None
    except (ImportError, ValueError):   # a broken or blocked numba
        return False


# numba's own rules (numba/core/config.py, codegen.py): CPU names on which it turns AVX off
_NO_AVX_CPUS = {"corei7-avx", "core-avx-i", "sandybridge", "ivybridge", "nocona"}


def host_avx2() -> bool:
    """Whether the compiled step's code may use AVX2 here: the CPU has it (numpy's own detection:
    no import beyond numpy) and numba's settings leave it on (NUMBA_ENABLE_AVX, NUMBA_CPU_FEATURES,
    NUMBA_CPU_NAME). compiled.py decides from the features numba compiles for, which this
    follows (tests/core/test_int8.py holds the two together)."""
    features = os.environ.get("NUMBA_CPU_FEATURES")
    if features:
        return "+avx2" in features.split(",")
    if os.environ.get("NUMBA_ENABLE_AVX", "").strip() == "0":
        return False
    if os.environ.get("NUMBA_CPU_NAME", "") in _NO_AVX_CPUS:
        return False
    try:
        try:
            from numpy._core._multiarray_umath import __cpu_features__ as cpu   # numpy 2
        except ImportError:
            from numpy.core._multiarray_umath import __cpu_features__ as cpu    # numpy 1
        return bool(cpu.get("AVX2"))
    except Exception:   # a numpy without the table
        return False


def int8() -> bool:
    """Whether generation's products take int8 weights (quantize.py): where the compiled step runs
    them faster than float32 (numba, and a CPU with AVX2), or where RNNSTUDIO_INT8=1 asks for them
    (elsewhere they are exact too, but slower); RNNSTUDIO_INT8=0 keeps float32 everywhere. Both
    the compiled and the numpy step follow it, so a seed gives one text whichever runs."""
    setting = os.environ.get("RNNSTUDIO_INT8", "")
    if setting in ("0", "1"):
        return setting == "1"
    return wanted() and host_avx2()


def disable(what: str) -> None:
    """After the compiled code failed here (a numba and numpy pair it cannot compile for, say):
    logged once with its traceback, and the numpy step serves this process from then on."""
    global _kernels, _failed
    logging.getLogger(__name__).exception("%s failed; generating with numpy from now on", what)
    with _lock:
        _kernels, _failed = None, True


def _cores() -> int:
    try:   # the cores this process may run on (a container's or taskset's limit), not the machine's
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):   # macOS, Windows
        return os.cpu_count() or 1


def use_cores(limit: int = 4) -> bool:
    """Lets the compiled products of this thread's generations use up to ``limit`` cores (for a
    process that has the machine to itself); False where there is one core or no numba."""
    k = get()
    cores = _cores()
    try:   # RNNSTUDIO_SAMPLE_THREADS=1 keeps a generation on one core (a busy or shared machine)
        limit = int(os.environ.get("RNNSTUDIO_SAMPLE_THREADS", limit))
    except ValueError:
        pass
    if k is None or cores < 2 or limit < 2:
        return False
    import numba
    numba.set_num_threads(min(limit, cores, numba.config.NUMBA_NUM_THREADS))
    return True


def pool():
    """Threads for the parts of a generation split by rows (stepper.Stepper._split), made at the
    first use and kept: the command line's, as use_cores."""
    global _pool
    with _lock:
        if _pool is None:
            from concurrent.futures import ThreadPoolExecutor
            _pool = ThreadPoolExecutor(max(1, _cores() - 1), thread_name_prefix="rnnstudio-generate")
        return _pool


def threads() -> int:
    """How many threads use_cores() gave this thread's compiled products."""
    import numba
    return numba.get_num_threads()


def loaded() -> bool:
    """Whether this process has the kernels already (then using them costs nothing more)."""
    return _kernels is not None


def get():
    """The compiled kernels (the module compiled.py), or None where numba is missing, switched
    off, or failed here (then the numpy step runs and the reason is in the log). The first call
    imports numba (a few tenths of a second); each kernel compiles at its first use."""
    global _kernels, _failed
    if not wanted():
        return None
    with _lock:
        if _kernels is None and not _failed:
            try:
                _kernels = importlib.import_module(f"{__package__}.compiled")
            except Exception:   # a broken numba install must never cost the user the sample
                logging.getLogger(__name__).exception("numba could not be loaded; generating with numpy")
                _failed = True
        return _kernels
