"""Build the double-click bundle for this OS with one command.

    python packaging/build.py [--self-test] [--tar]

Makes the icons if they are missing, runs PyInstaller on packaging/rnnstudio.spec
into packaging/dist/, prints the bundle's size, and optionally runs the frozen
app's --self-test (headless) and packs a .tar.gz (Linux) of the folder.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DIST = HERE / "dist"


def folder_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def executable() -> Path:
    if sys.platform == "win32":
        return DIST / "RNNStudio" / "RNNStudio.exe"
    if sys.platform == "darwin":
        return DIST / "RNN Studio.app" / "Contents" / "MacOS" / "RNNStudio"
    return DIST / "RNNStudio" / "rnnstudio"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--self-test", action="store_true", help="run the frozen app's self-test after building")
    ap.add_argument("--tar", action="store_true", help="pack the Linux folder as a .tar.gz")
    args = ap.parse_args()

    if not (ROOT / "resources" / "icons" / "rnnstudio.ico").exists():
        subprocess.run([sys.executable, str(ROOT / "tools" / "make_icons.py")], check=True)
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--distpath", str(DIST),
                    "--workpath", str(HERE / "build"), str(HERE / "rnnstudio.spec")], check=True, cwd=ROOT)
    bundle = DIST / ("RNN Studio.app" if sys.platform == "darwin" else "RNNStudio")
    print(f"bundle: {bundle} ({folder_size(bundle) / 2**20:,.0f} MiB)")

    if args.tar and sys.platform.startswith("linux"):
        from rnnstudio.core import __version__  # noqa: E402 - after the build, from the source tree
        archive = DIST / f"RNNStudio-{__version__}-linux-x86_64.tar.gz"
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(bundle, arcname="RNNStudio")
            for extra in ("linux/install.sh", "linux/rnnstudio.desktop", "linux/rnnstudio-mime.xml"):
                tar.add(HERE / extra, arcname=f"RNNStudio/{Path(extra).name}")
        print(f"archive: {archive} ({archive.stat().st_size / 2**20:,.0f} MiB)")

    if args.self_test:
        # The frozen app checks itself, and model files cross over both ways between it
        # and the app run from this source tree (as a pip install runs it).
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        with tempfile.TemporaryDirectory() as tmp:
            from_source, from_bundle = Path(tmp) / "source.rnnstudio", Path(tmp) / "bundle.rnnstudio"
            steps = [
                [sys.executable, "-m", "rnnstudio", "--self-test", "--save-model", str(from_source)],
                [str(executable()), "--self-test", "--check-model", str(from_source), "--save-model", str(from_bundle)],
                [sys.executable, "-m", "rnnstudio", "--self-test", "--check-model", str(from_bundle)],
            ]
            for command in steps:
                print("+", " ".join(command), flush=True)
                result = subprocess.run(command, env=env, timeout=900, cwd=ROOT)
                if result.returncode != 0:
                    print("self-test failed", file=sys.stderr)
                    return result.returncode
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    sys.exit(main())
