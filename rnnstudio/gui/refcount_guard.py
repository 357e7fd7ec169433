"""Work around PySide6 releasing references to None, True and False it never took.

Seen with PySide6 6.12 on Python 3.11: every ``Signal.emit()`` drops one reference to
True, and every call of a C++ method returning void (``setText``, ``setValue`` …)
drops one to None. Python 3.12 made these objects immortal, so there it is harmless;
on 3.10/3.11 the count reaches zero after some thousands of calls and the process
aborts ("Fatal Python error: bool_dealloc / none_dealloc") — in the middle of a
training run. tests/gui/test_refcount_guard.py shows it.

These singletons are never freed anyway, so raising their reference counts far
beyond anything a process can use up (2**40: decades at a million calls a second)
makes them as good as immortal, which is what newer Pythons do.
"""
from __future__ import annotations

import ctypes
import sys

MARGIN = 1 << 40


def make_singletons_immortal() -> bool:
    """Raise the counts once per process; returns True where that was needed."""
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return False
    for obj in (None, True, False):
        if sys.getrefcount(obj) < MARGIN // 2:
            # ob_refcnt is the first field of every object in a CPython 3.10/3.11 release build
            ctypes.c_ssize_t.from_address(id(obj)).value += MARGIN
    return True
