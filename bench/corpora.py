"""The corpora the benchmarks tune and check the defaults on.

Two ship with the app (resources/corpora: Tiny Shakespeare, Tang poems); two more
are made here from what every Python installation carries, so any machine can
rebuild them byte for byte without a download:

- ``python_code``: source code, the standard library's ``json``, ``email``,
  ``asyncio``, ``importlib`` and ``unittest`` packages (about 1 MB, sorted files);
- ``english_prose``: the language reference's topic texts that ``pydoc`` shows
  (``pydoc_data.topics``, about 0.7 MB of English technical prose).
"""
from __future__ import annotations

import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = {"tinyshakespeare": ROOT / "resources" / "corpora" / "tinyshakespeare.txt",
           "tang_poems": ROOT / "resources" / "corpora" / "tang_poems.txt"}
CODE_PACKAGES = ("json", "email", "asyncio", "importlib", "unittest")


def python_code(limit: int = 1_000_000) -> str:
    lib = Path(sysconfig.get_paths()["stdlib"])
    parts, size = [], 0
    for package in CODE_PACKAGES:
        for path in sorted((lib / package).rglob("*.py")):
            if "test" in path.relative_to(lib).parts[1:-1]:
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            parts.append(text)
            size += len(text)
            if size >= limit:
                return "\n\n".join(parts)[:limit]
    return "\n\n".join(parts)


def english_prose() -> str:
    from pydoc_data.topics import topics
    return "\n\n".join(topics[k].strip() for k in sorted(topics))


def text(name: str) -> str:
    if name in SHIPPED:
        return SHIPPED[name].read_text(encoding="utf-8")
    return {"python_code": python_code, "english_prose": english_prose}[name]()


NAMES = ("tinyshakespeare", "tang_poems", "python_code", "english_prose")
