"""RNN Studio: train a recurrent neural network on your own text and watch it learn."""
from .core import __version__

__all__ = ["__version__"]
