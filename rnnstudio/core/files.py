"""Writing files so that a crash never leaves half of one."""
from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def atomic_write(path: str | os.PathLike, data: bytes) -> Path:
    """Write beside the target, flush to disk, then rename over it: a crash leaves
    either the old file or the new one, never a mix."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return path


_OUTPUT_DETAILS = {
    "input": "this is the text being read; choose another name for the output",
    "model_in": "this is the model being read; choose another name (or --force to replace it)",
    "not_ours": "the file exists and is not an RNN Studio model; choose another name (or --force to replace it)",
    "folder": "this is a folder; give a file name",
    "no_folder": "the folder does not exist",
    "read_only": "cannot write in this folder (permission denied or read-only)",
}


def check_output(path: str | os.PathLike, *, inputs=(), models_in=(), force: bool = False,
                 is_ours=lambda p: False) -> Path:
    """Refuse an output path before any work is done on it: the input text itself, a model
    being read (unless ``force``), an existing file that ``is_ours`` does not claim
    (unless ``force``), a folder, or a folder that cannot be written."""
    from .errors import OutputError

    out = Path(path)

    def fail(reason: str):
        raise OutputError(path=str(out), detail=_OUTPUT_DETAILS[reason], reason=reason)

    if out.is_dir():
        fail("folder")
    same = lambda other: out.exists() and Path(other).exists() and os.path.samefile(out, other)  # noqa: E731
    for p in inputs:
        if same(p):
            fail("input")
    if not force:
        if any(same(p) for p in models_in):
            fail("model_in")
        if out.exists() and not is_ours(out):
            fail("not_ours")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        fail("no_folder")
    try:  # os.access is not enough: a read-only mount or an ACL says no only when tried
        fd, probe = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".probe", dir=parent)
        os.close(fd)
        os.unlink(probe)
    except OSError:
        fail("read_only")
    return out
