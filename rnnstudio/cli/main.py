"""rnnstudio-cli: the engine from a terminal.

    rnnstudio-cli train CORPUS --out MODEL [options]
    rnnstudio-cli sample MODEL [--prime TEXT] [--length N] ...
    rnnstudio-cli export MODEL --format html|onnx|pt2 --out PATH
    rnnstudio-cli info MODEL [--json]
    rnnstudio-cli search CORPUS [--budget 30m] [--trial 30s] [--storage URL] [--study NAME]
    rnnstudio-cli inspect MODEL --text FILE (--surprise | --neurons L:U | --probe NAME | --memorisation CORPUS)
    rnnstudio-cli runs [list [--json] | show ID | delete ID [--files] [--dry-run] | export --csv OUT]

Errors print one line to stderr and exit with status 2 (bad input) or 1
(anything else); no tracebacks.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from .common import EXIT_BAD_INPUT, EXIT_ERROR, EXIT_INTERRUPTED, CliError


# One module per command, each with add_parser(sub) and run(args); none imports torch at the top,
# so --help and a bad option answer at once.
COMMANDS = ("train", "sample", "export", "info", "inspect", "search", "runs")


def build_parser() -> argparse.ArgumentParser:
    from ..core import __version__

    ap = argparse.ArgumentParser(prog="rnnstudio-cli", description="Train recurrent networks on text and sample from them.")
    ap.add_argument("--version", action="version", version=f"RNN Studio {__version__}")
    sub = ap.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        importlib.import_module(f".{name}", __package__).add_parser(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from ..core.errors import StudioError

    try:
        return importlib.import_module(f".{args.command}", __package__).run(args)
    except (StudioError, CliError, ValueError) as exc:
        print(f"rnnstudio-cli: error: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("rnnstudio-cli: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return 0
    except OSError as exc:
        print(f"rnnstudio-cli: error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return EXIT_ERROR
    except Exception as exc:   # a bug: one line, and the traceback only when asked for
        if os.environ.get("RNNSTUDIO_TRACEBACK"):
            raise
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        print(f"rnnstudio-cli: internal error: {type(exc).__name__}: {first} "
              "(please report it; RNNSTUDIO_TRACEBACK=1 shows where)", file=sys.stderr)
        return EXIT_ERROR
