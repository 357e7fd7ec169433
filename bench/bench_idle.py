"""The app at rest: CPU used by the real app, started as a process with a fresh profile, after it
has settled (it opens the bundled text on a first start and measures the speed once).

    python bench/bench_idle.py [--settle 30] [--seconds 60]

Prints one JSON line: the process's CPU time over the quiet window as a share of one core
(target: at most 1 %), and the same for the minute before it settled, for comparison. It once
sat at 1.3 cores doing nothing (each speed measurement's result started the next). Run alone.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cpu_seconds(pid: int) -> float:
    """User + system time of a process and its threads, from /proc (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--settle", type=float, default=30.0, help="seconds after the window shows before measuring")
    ap.add_argument("--seconds", type=float, default=60.0, help="length of the quiet window")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as home:
        shown = Path(home) / "shown"
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "XDG_CONFIG_HOME": f"{home}/config", "XDG_DATA_HOME": f"{home}/data",
               "XDG_CACHE_HOME": f"{home}/cache", "XDG_STATE_HOME": f"{home}/state",
               "RNNSTUDIO_APP_NAME": "RNNStudioIdleBench", "RNNSTUDIO_SHOWN_FILE": str(shown),
               "PYTHONPATH": str(ROOT)}
        proc = subprocess.Popen([sys.executable, "-m", "rnnstudio"], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        try:
            t0 = time.monotonic()
            while not shown.exists():
                if proc.poll() is not None or time.monotonic() - t0 > 60:
                    raise SystemExit("the app did not show its window")
                time.sleep(0.1)
            c0 = cpu_seconds(proc.pid)
            time.sleep(args.settle)
            c1 = cpu_seconds(proc.pid)
            time.sleep(args.seconds)
            c2 = cpu_seconds(proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
    print(json.dumps({"settling_share_of_a_core": round((c1 - c0) / args.settle, 4),
                      "idle_share_of_a_core": round((c2 - c1) / args.seconds, 4),
                      "settle_s": args.settle, "idle_window_s": args.seconds, "date": time.strftime("%Y-%m-%d")}))


if __name__ == "__main__":
    main()
