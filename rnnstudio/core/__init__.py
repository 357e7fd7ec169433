"""The RNN Studio engine: pure Python and torch, no Qt (a test keeps it so)."""
__version__ = "0.1.0"
