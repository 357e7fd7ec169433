"""Is the network writing, or copying? The share of a sample's n-grams that occur verbatim in
the training text, and its longest copied span with where it comes from.

The index is a suffix array (libdivsufsort, through pydivsufsort) over the training text's
UTF-8 bytes: built once in a worker (about 4–5 bytes of memory per byte of text), it answers
"does this span occur, and where" in microseconds. UTF-8 is self-synchronising, so a match
of a sample's bytes that starts on a character starts on the same character in the corpus:
matches over bytes are exact matches over characters.

For each position i of a sample, ``match[i]`` is the longest span starting there that occurs
in the text (the matching statistics); an n-gram at i is copied when it fits in that span.
Since match[i+1] ≥ match[i] − 1, the whole sample costs about 2·length searches.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

NGRAMS = (8, 16, 32)
_LIMIT = 1 << 16   # longest span looked for (symbols): a copy this long is a copy


@dataclass(frozen=True)
class Copied:
    start: int            # the span in the sample, in symbols
    length: int
    corpus_offset: int    # where it occurs in the training text, in characters
    byte_offset: int = -1  # … and in its UTF-8 bytes (for TextIndex.around)


@dataclass(frozen=True)
class Memorisation:
    shares: dict[int, float]    # n -> share of the sample's n-grams found verbatim in the text
    longest: Copied | None      # the longest copied span (None for an empty sample)
    match: np.ndarray           # (symbols,) the longest copied span starting at each symbol
    copied: np.ndarray          # (symbols,) True where the symbol is inside a copied n-gram (smallest n)


class TextIndex:
    """A suffix array over a text, for finding where spans of other texts occur in it."""

    def __init__(self, text: str):
        from pydivsufsort import divsufsort
        self.data = np.frombuffer(text.encode("utf-8", errors="surrogatepass"), dtype=np.uint8).copy()
        if len(self.data) == 0:
            raise ValueError("the text is empty")
        self.sa = divsufsort(self.data)

    @property
    def nbytes(self) -> int:
        return self.data.nbytes + self.sa.nbytes

    def find(self, pattern: bytes) -> int | None:
        """The byte offset of one occurrence of ``pattern``, or None."""
        from pydivsufsort import sa_search
        count, left = sa_search(self.data, self.sa, np.frombuffer(pattern, dtype=np.uint8).copy())
        return int(self.sa[left]) if count else None

    def around(self, byte_offset: int, length: int, margin: int = 60) -> str:
        """The text from ``margin`` bytes before a span of ``length`` bytes to ``margin`` after."""
        start = max(0, byte_offset - margin)
        return bytes(self.data[start:byte_offset + length + margin]).decode("utf-8", errors="ignore")

    def char_offset(self, byte_offset: int) -> int:
        """Characters before a byte offset (bytes that do not continue a character)."""
        return int(np.count_nonzero((self.data[:byte_offset] & 0xC0) != 0x80))


def matching_lengths(index: TextIndex, symbols: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Per symbol: the longest run of symbols starting there found verbatim in the text, and
    the byte offset in the text of one occurrence of that run (-1 for none)."""
    raw = [s.encode("utf-8", errors="surrogatepass") for s in symbols]
    ends = np.cumsum([0] + [len(b) for b in raw])
    data = b"".join(raw)
    n = len(symbols)
    match, where = np.zeros(n, dtype=np.int64), np.full(n, -1, dtype=np.int64)
    length, last = 0, None
    for i in range(n):
        length = max(0, length - 1)
        if length:   # the run from i shortened by one symbol still occurs: confirm where
            last = index.find(data[ends[i]:ends[i + length]])
        while i + length < n and length < _LIMIT:
            found = index.find(data[ends[i]:ends[i + length + 1]])
            if found is None:
                break
            length, last = length + 1, found
        match[i] = length
        where[i] = last if length else -1
    return match, where


def memorisation(index: TextIndex, symbols: list[str], ngrams: tuple[int, ...] = NGRAMS) -> Memorisation:
    match, where = matching_lengths(index, symbols)
    n = len(symbols)
    shares = {}
    for k in ngrams:
        starts = n - k + 1
        shares[k] = float((match[:starts] >= k).mean()) if starts > 0 else 0.0
    copied = np.zeros(n, dtype=bool)
    smallest = min(ngrams)
    for i in np.nonzero(match >= smallest)[0]:
        copied[i:i + match[i]] = True
    longest = None
    if n:
        i = int(match.argmax())
        at = int(where[i])
        longest = Copied(i, int(match[i]), index.char_offset(at) if at >= 0 else -1, at)
    return Memorisation(shares, longest, match, copied)


def training_text(corpus, val_fraction: float) -> str:
    """The part of a corpus the model trained on, as text (the validation part left out: a
    sample that repeats it was not copied from what the network saw)."""
    train, _ = corpus.split(val_fraction)
    return corpus.tokenizer.decode(train.numpy())
