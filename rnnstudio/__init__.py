"""RNN Studio: train a recurrent neural network on your own text and watch it learn."""
import os

# numpy's OpenBLAS keeps its own pool of spinning threads. Beside torch's training threads
# on a small machine the two pools fight: generating text while a 2x256 LSTM trained ran
# at about half the speed, and training about a fifth slower, than with OpenBLAS on one
# thread (bench/bench_blas_threads.py, 2 cores). Sampling alone is a little slower.
# Set before numpy is first imported; a user's own setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from .core import __version__  # noqa: E402

__all__ = ["__version__"]
