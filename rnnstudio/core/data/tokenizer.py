"""Vocabulary: symbols <-> integer ids, at character or word level.

The vocabulary is sorted (by code point for characters, by string for words),
so the same corpus gives the same ids on every run and machine. Symbols seen
fewer than ``min_count`` times share one unknown id, which is always the last.
Characters are whole code points, so emoji outside the BMP are one symbol.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from ..config import TOKENIZERS
from ..errors import UnknownSymbols

UNK_TEXT = "\ufffd"  # what an unknown id decodes to
_WORD_RE = re.compile(r"\w+|\s+|[^\w\s]")  # every character falls in one token: decoding is lossless


_CHUNK = 1 << 22  # characters per slice: keeps peak memory near the size of the result


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le", errors="surrogatepass"), dtype=np.uint32)


def _char_counts(text: str) -> np.ndarray:
    total = np.zeros(0, dtype=np.int64)
    for start in range(0, len(text), _CHUNK):
        part = np.bincount(_code_points(text[start:start + _CHUNK]))
        if len(part) > len(total):
            part[: len(total)] += total
            total = part
        else:
            total[: len(part)] += part
    return total


# Large vocabularies (Chinese, word level) keep the symbols that make up this share of the
# text; the rarer ones share the unknown symbol. A symbol seen once or twice gives the
# network almost nothing to learn from, yet costs a row of the output layer; a small
# vocabulary (English letters) is kept whole, since it costs nothing.
AUTO_COVERAGE = 0.995
AUTO_MIN_DISTINCT = 1000  # below this many distinct symbols, keep them all


def coverage_min_count(counts, coverage: float = AUTO_COVERAGE, min_distinct: int = AUTO_MIN_DISTINCT) -> int:
    """The largest rare-symbol threshold whose kept symbols still cover ``coverage`` of
    the text (1 = keep everything). ``counts`` are the symbols' frequencies."""
    c = np.sort(np.asarray([n for n in counts if n > 0], dtype=np.int64))[::-1]
    if len(c) < max(2, min_distinct):
        return 1
    cum = np.cumsum(c) / c.sum()
    k = int(np.searchsorted(cum, coverage - 1e-12))  # symbols needed to reach the coverage
    return max(1, int(c[min(k, len(c) - 1)]))


def smallest_dtype(vocab_size: int):
    if vocab_size <= 256:
        return np.uint8
    if vocab_size <= 32768:
        return np.int16
    return np.int32


@dataclass
class Tokenizer:
    kind: str                      # "char" or "word"
    symbols: list[str]             # id -> symbol (the unknown id is not in this list)
    has_unk: bool = False
    min_count: int = 1
    counts: list[int] = field(default_factory=list, repr=False)  # per id, unknown last

    def __post_init__(self):
        if self.kind not in TOKENIZERS:
            raise ValueError(f"tokenizer must be 'char' or 'word' (got {self.kind!r})")
        self._index = {s: i for i, s in enumerate(self.symbols)}
        self._lut = None

    # ---- construction -------------------------------------------------
    @classmethod
    def build(cls, text: str, kind: str = "char", min_count: int = 1) -> "Tokenizer":
        if not isinstance(min_count, int) or min_count < 1:
            raise ValueError("the rare-symbol threshold must be 1 or more")
        if kind == "char":
            counts = _char_counts(text)
            seen = np.nonzero(counts)[0]
            kept = seen[counts[seen] >= min_count]
            symbols = [chr(c) for c in kept.tolist()]
            kept_counts = counts[kept].tolist()
            rare = int(counts.sum() - counts[kept].sum())
        elif kind == "word":
            counter = Counter(_WORD_RE.findall(text))
            symbols = sorted(s for s, n in counter.items() if n >= min_count)
            kept_counts = [counter[s] for s in symbols]
            rare = sum(counter.values()) - sum(kept_counts)
        else:
            raise ValueError(f"tokenizer must be 'char' or 'word' (got {kind!r})")
        tok = cls(kind, symbols, has_unk=rare > 0, min_count=min_count,
                  counts=kept_counts + ([rare] if rare else []))
        return tok

    def restricted(self, min_count: int) -> tuple["Tokenizer", np.ndarray]:
        """This vocabulary with symbols seen fewer than ``min_count`` times merged into the
        unknown symbol, and the table that maps old ids to new ones. Only raises the
        threshold: symbols already merged cannot be told apart again."""
        if min_count < self.min_count:
            raise ValueError("a lower rare-symbol threshold needs the text read again")
        n = len(self.symbols)
        keep = [i for i in range(n) if self.counts[i] >= min_count] if len(self.counts) >= n else list(range(n))
        kept = set(keep)   # once: rebuilt per symbol it cost 1.4 s for a 20,000-word vocabulary
        rare = sum(self.counts[i] for i in range(n) if i not in kept) if len(self.counts) >= n else 0
        rare += self.counts[n] if self.has_unk and len(self.counts) > n else 0
        has_unk = self.has_unk or len(keep) < n
        new = Tokenizer(self.kind, [self.symbols[i] for i in keep], has_unk=has_unk, min_count=min_count,
                        counts=[self.counts[i] for i in keep] + ([rare] if has_unk else []))
        table = np.full(self.vocab_size, new.unk_id if has_unk else 0, dtype=np.int64)
        table[keep] = np.arange(len(keep))
        return new, table

    def coverage(self) -> float:
        """Share of the text covered by real symbols (not the unknown one)."""
        total = sum(self.counts)
        if not total:
            return 1.0
        return 1.0 - (self.counts[-1] / total if self.has_unk else 0.0)

    # ---- the vocabulary's one file format ---------------------------------------------------
    # The model file's "tokenizer" entry and the .vocab.json written beside an export are this
    # dict (the export adds "unknown_id" and notes for scripts); from_dict is the only reader of
    # either, and checks everything a damaged or hand-edited file can get wrong.
    def to_dict(self) -> dict:
        return {"kind": self.kind, "symbols": self.symbols, "has_unk": self.has_unk,
                "min_count": self.min_count, "counts": self.counts}

    @classmethod
    def from_dict(cls, d) -> "Tokenizer":
        """Raises ValueError (in words) for anything that is not a usable vocabulary."""
        if not isinstance(d, dict):
            raise ValueError("the vocabulary is not a table of settings")
        kind = d.get("kind", d.get("tokenizer"))   # "tokenizer": how exports before 0.2 named it
        if kind not in ("char", "word"):
            raise ValueError("the vocabulary names no tokenizer (char or word)")
        symbols = d.get("symbols")
        if not isinstance(symbols, list) or not symbols or not all(isinstance(s, str) and s for s in symbols):
            raise ValueError("the vocabulary holds something other than a list of symbols")
        if len(set(symbols)) != len(symbols):
            raise ValueError("the vocabulary lists a symbol twice")
        if kind == "char" and any(len(s) != 1 for s in symbols):
            raise ValueError("a character vocabulary holds longer symbols")
        has_unk = d.get("has_unk", d.get("unknown_id") is not None)
        if not isinstance(has_unk, bool):
            raise ValueError("the vocabulary's unknown-symbol flag is not true or false")
        unk = d.get("unknown_id")
        if unk is not None and (isinstance(unk, bool) or unk != len(symbols) or not has_unk):
            raise ValueError("its unknown symbol is not after the last symbol")
        min_count = d.get("min_count", 1)
        if isinstance(min_count, bool) or not isinstance(min_count, int) or min_count < 0:
            raise ValueError("the vocabulary's rare-symbol threshold is not a whole number")
        counts = d.get("counts", [])
        if (not isinstance(counts, list) or len(counts) > len(symbols) + 1
                or not all(isinstance(c, int) and not isinstance(c, bool) and c >= 0 for c in counts)):
            raise ValueError("the vocabulary's symbol counts are damaged")
        return cls(kind, list(symbols), has_unk, min_count, list(counts))

    # ---- properties -----------------------------------------------------
    @property
    def vocab_size(self) -> int:
        return len(self.symbols) + (1 if self.has_unk else 0)

    @property
    def unk_id(self) -> int | None:
        return len(self.symbols) if self.has_unk else None

    def id_of(self, symbol: str) -> int | None:
        """The id of one symbol, or None when the vocabulary lacks it (the unknown id is not
        given for it: the caller decides)."""
        return self._index.get(symbol)

    def symbol(self, i: int) -> str:
        return self.symbols[i] if i < len(self.symbols) else UNK_TEXT

    def split(self, text: str) -> list[str]:
        return list(text) if self.kind == "char" else _WORD_RE.findall(text)

    # ---- encode / decode --------------------------------------------------
    def _char_lut(self) -> np.ndarray:
        if self._lut is None:
            top = max((ord(s) for s in self.symbols), default=0)
            lut = np.full(top + 1, -1 if self.unk_id is None else self.unk_id, dtype=np.int32)
            lut[[ord(s) for s in self.symbols]] = np.arange(len(self.symbols), dtype=np.int32)
            self._lut = lut
        return self._lut

    def encode(self, text: str, unknown: str = "error") -> np.ndarray:
        """Ids in the smallest integer dtype that fits.

        Symbols outside the vocabulary map to the unknown id when there is one;
        otherwise ``unknown="error"`` raises UnknownSymbols naming them and
        ``unknown="skip"`` drops them.
        """
        dtype = smallest_dtype(self.vocab_size)
        if self.kind == "char":
            lut = self._char_lut()
            parts = []
            for start in range(0, len(text), _CHUNK):
                cps = _code_points(text[start:start + _CHUNK])
                inside = cps < len(lut)
                if inside.all():
                    ids = lut[cps]
                else:
                    ids = np.full(cps.shape, -1 if self.unk_id is None else self.unk_id, dtype=np.int32)
                    ids[inside] = lut[cps[inside]]
                bad = ids < 0
                if bad.any():
                    if unknown == "error":
                        names = sorted({chr(c) for c in cps[bad].tolist()})
                        raise UnknownSymbols(symbols=" ".join(repr(n) for n in names[:20]))
                    ids = ids[~bad]
                parts.append(ids.astype(dtype))
            return np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)
        fallback = self.unk_id
        tokens = _WORD_RE.findall(text)
        ids = np.fromiter((self._index.get(t, -1 if fallback is None else fallback) for t in tokens),
                          dtype=np.int64, count=len(tokens))
        bad = ids < 0
        if bad.any():
            if unknown == "error":
                names = sorted({t for t, b in zip(tokens, bad) if b})
                raise UnknownSymbols(symbols=" ".join(repr(n) for n in names[:20]))
            ids = ids[~bad]
        return ids.astype(dtype)

    def unknown_symbols(self, text: str) -> list[str]:
        """Symbols of ``text`` the vocabulary lacks (empty when there is an unknown id)."""
        if self.has_unk:
            return []
        return sorted({s for s in self.split(text) if s not in self._index})

    def decode(self, ids) -> str:
        syms, n = self.symbols, len(self.symbols)
        ids = np.asarray(ids)
        if self.kind == "char" and len(ids) > 1000:
            # whole arrays, not a Python loop over 100 MB: code points, then one decode
            points = np.array([ord(s) for s in syms] + [ord(UNK_TEXT)], dtype=np.uint32)
            return points[np.minimum(ids.astype(np.int64), n)].tobytes().decode("utf-32-le", errors="surrogatepass")
        return "".join(syms[i] if i < n else UNK_TEXT for i in ids.tolist())

    def most_common(self, n: int = 20) -> list[tuple[str, int]]:
        order = sorted(range(len(self.counts)), key=lambda i: (-self.counts[i], i))[:n]
        return [(self.symbol(i), self.counts[i]) for i in order]
