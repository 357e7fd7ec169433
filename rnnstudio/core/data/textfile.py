"""Read a text file or a folder of them in whatever encoding it uses.

Order of evidence: an explicit encoding from the user, then a byte-order mark,
then the signature of a known binary format, then strict UTF-8, then BOM-less
UTF-16 (every other byte zero), and finally charset-normalizer's best guess.
Newlines are normalised to ``\\n``.
"""
from __future__ import annotations

import codecs
import os
from dataclasses import dataclass
from pathlib import Path

import threading

from ..errors import (BinaryFile, CorpusNotFound, EmptyCorpus, NoTextFiles, UndecodableByte, UndecodableFile,
                      UnknownEncoding)

# (mark, codec that strips it, name shown to the user)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),  # before UTF-16 LE: same first two bytes
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig", "utf-8 (with BOM)"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)

_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a zip archive or office document"),
    (b"PK\x05\x06", "a zip archive"),
    (b"%PDF", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a Windows program"),
    (b"RIFF", "a sound or video file"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg file"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"SQLite format 3\x00", "a SQLite database"),
    (b"\x93NUMPY", "a NumPy array"),
)

# charset-normalizer names GBK text "gb2312" or "gbk"; GB18030 decodes all of it.
_WIDER = {"gb2312": "gb18030", "gbk": "gb18030", "ascii": "utf-8"}


@dataclass(frozen=True)
class TextSource:
    text: str
    encoding: str          # what was used to decode, or "mixed (a, b)" for a folder
    files: tuple[str, ...]
    size_bytes: int
    replaced: int = 0      # undecodable bytes read as U+FFFD (a UTF-8 text with a few bad bytes)
    first_bad: str = ""    # where the first was: "file: byte offset"


# A UTF-8 text with a few bad bytes (a file cut in the middle of a character, a stray
# byte from another encoding) is read with those bytes replaced, rather than refused or
# mistaken for another encoding: when valid multi-byte characters outnumber the bad
# ones this much, the text is UTF-8.
_FEW_BAD = 1 / 1000           # at most this share of the bytes
_UTF8_EVIDENCE = 10           # valid non-ASCII characters per bad byte, at least
_bad = threading.local()


def _count_bad(err: UnicodeDecodeError):
    _bad.positions.append(err.start)
    return "\ufffd", err.end


codecs.register_error("rnnstudio.count", _count_bad)


def _mostly_utf8(data: bytes) -> tuple[str, list[int]] | None:
    _bad.positions = []
    text = data.decode("utf-8", errors="rnnstudio.count")
    bad = _bad.positions
    if not bad or len(bad) > max(1, len(data) * _FEW_BAD):
        return None
    wide = sum(1 for ch in text if ord(ch) > 127) - len(bad)
    return (text, bad) if wide >= _UTF8_EVIDENCE * len(bad) else None


def _binary_kind(data: bytes) -> str | None:
    for magic, kind in _SIGNATURES:
        if data.startswith(magic):
            return kind
    return None


def _bomless_utf16(data: bytes) -> str | None:
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) >= 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) >= 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return None


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v\x1b")
    return controls > max(2, len(sample) // 100)


def decode_text(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str, list[int]]:
    """Return (text, encoding used, offsets of bytes replaced by U+FFFD). Raises a CorpusError subclass."""
    if encoding:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise UnknownEncoding(path=path, encoding=encoding) from None
        try:
            return data.decode(encoding), encoding, []
        except UnicodeDecodeError as exc:
            raise UndecodableByte(path=path, encoding=encoding, offset=f"{exc.start:,}",
                                  byte=f"0x{data[exc.start]:02X}") from None
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec), label, []
            except UnicodeDecodeError:
                raise UndecodableFile(path=path, encoding=label) from None
    kind = _binary_kind(data)
    if kind:
        raise BinaryFile(path=path, kind=kind)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if "\x00" in text[:65536] or _looks_binary(text):
            wide = _bomless_utf16(data)
            if wide:
                return data.decode(wide, errors="strict"), wide, []
            raise BinaryFile(path=path, kind="binary data")
        return text, "utf-8", []
    wide = _bomless_utf16(data)
    if wide:
        try:
            return data.decode(wide), wide, []
        except UnicodeDecodeError:
            pass
    nearly = _mostly_utf8(data)
    if nearly is not None:
        text, bad = nearly
        return text, "utf-8", bad
    if b"\x00" in data[:65536]:
        raise BinaryFile(path=path, kind="binary data")
    from charset_normalizer import from_bytes  # imported here: only non-UTF-8 files need it

    matches = list(from_bytes(data))
    if not matches:
        raise BinaryFile(path=path, kind="binary data")
    best = matches[0]
    # On short Western text the Latin code pages tie; Windows-1252 is by far the
    # commonest of them, so it wins a near tie.
    for m in matches[1:]:
        if m.encoding == "cp1252" and m.chaos <= best.chaos + 0.1 and m.coherence >= best.coherence - 0.05:
            best = m
            break
    name = _WIDER.get(best.encoding, best.encoding)
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        raise UndecodableFile(path=path, encoding=name) from None
    if _looks_binary(text):
        raise BinaryFile(path=path, kind="binary data")
    return text, name, []


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _folder_files(folder: Path) -> list[Path]:
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(Path(root) / n for n in names if not n.startswith("."))
    return sorted(files, key=lambda p: p.relative_to(folder).as_posix())


def _join(parts: list[tuple], where: str) -> TextSource:
    """parts: (name, text, encoding, bytes, replaced offsets) for each file that held text."""
    if not parts:
        raise NoTextFiles(path=where)
    distinct = sorted({p[2] for p in parts})
    label = distinct[0] if len(distinct) == 1 else f"mixed ({', '.join(distinct)})"
    first = next((f"{p[0]}: byte {p[4][0]:,}" for p in parts if p[4]), "")
    return TextSource("\n\n".join(p[1] for p in parts), label, tuple(p[0] for p in parts),
                      sum(p[3] for p in parts), sum(len(p[4]) for p in parts), first)


def _read_folder(folder: Path, encoding: str | None) -> list[tuple]:
    parts = []
    for f in _folder_files(folder):
        data = f.read_bytes()
        try:
            text, enc, bad = decode_text(data, str(f), encoding)
        except (BinaryFile, UndecodableFile, UndecodableByte):
            continue  # in a folder, skip what is not text (images, archives, ...)
        text = normalise_newlines(text).strip("\n")
        if text:
            parts.append((f.relative_to(folder).as_posix(), text, enc, len(data), bad))
    return parts


def _read_file(p: Path, encoding: str | None) -> tuple[str, str, int, list[int]]:
    data = p.read_bytes()
    if not data.strip():
        raise EmptyCorpus(path=str(p))
    text, enc, bad = decode_text(data, str(p), encoding)
    text = normalise_newlines(text)
    if not text.strip():
        raise EmptyCorpus(path=str(p))
    return text, enc, len(data), bad


def read_text(path: str | os.PathLike | list, encoding: str | None = None) -> TextSource:
    """Read one file, a folder (every text file below it, sorted, joined by a blank
    line; files that are not text are skipped), or a list of files and folders
    (joined the same way, in the order given). A single file that is not text is an error."""
    if isinstance(path, (list, tuple)):
        if len(path) == 1:
            return read_text(path[0], encoding)
        parts = []
        for item in path:
            p = Path(item)
            if not p.exists():
                raise CorpusNotFound(path=str(p))
            if p.is_dir():
                parts += [(f"{p.name}/{n}", *rest) for n, *rest in _read_folder(p, encoding)]
            else:
                text, enc, size, bad = _read_file(p, encoding)
                parts.append((p.name, text.strip("\n"), enc, size, bad))
        return _join(parts, ", ".join(str(x) for x in path))
    p = Path(path)
    if not p.exists():
        raise CorpusNotFound(path=str(p))
    if p.is_dir():
        return _join(_read_folder(p, encoding), str(p))
    text, enc, size, bad = _read_file(p, encoding)
    return TextSource(text, enc, (p.name,), size, len(bad), f"{p.name}: byte {bad[0]:,}" if bad else "")
