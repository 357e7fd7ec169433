"""What every command shares: exit statuses, the error for bad input, argument types."""
from __future__ import annotations

import argparse
import math


# Exit statuses (the README has the same table).
EXIT_OK = 0            # done
EXIT_ERROR = 1         # an unexpected error (a bug, or the system failing), or a save that had to go elsewhere
EXIT_BAD_INPUT = 2     # bad input: a missing or unreadable file, a bad option, an output that would destroy a file
EXIT_DIVERGED = 3      # training diverged (the best weights so far were saved)
EXIT_INTERRUPTED = 130 # Ctrl-C: the model was saved, then the run ended


class CliError(Exception):
    """Bad input found by the command line itself: one line, exit status 2."""


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be above 0, got {value}")
    return value


def non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {value}")
    return value


def number(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"expected a finite number, got {text!r}")
    return value
