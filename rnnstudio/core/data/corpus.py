"""A corpus: decoded text, its vocabulary, its ids, statistics and batches.

Ids are a compact tensor (uint8 / int16 / int32, whichever fits) so a 100 MB
text costs about 100 MB once encoded. Only a preview of the text is kept.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch

from ..errors import CorpusTooShort, EmptyCorpus, TooFewSymbols
from .textfile import read_text
from .tokenizer import Tokenizer, coverage_min_count, smallest_dtype

PREVIEW_CHARS = 5000


@dataclass(frozen=True)
class CorpusStats:
    name: str
    encoding: str
    files: int
    size_bytes: int
    characters: int
    symbols: int            # tokens (equal to characters for the char tokenizer)
    vocab_size: int
    unknown: int            # tokens mapped to the unknown id
    most_common: tuple[tuple[str, int], ...]


class Corpus:
    def __init__(self, name: str, ids: torch.Tensor, tokenizer: Tokenizer, *, encoding: str = "utf-8",
                 files: tuple[str, ...] = (), size_bytes: int = 0, characters: int = 0, preview: str = "",
                 distinct: int | None = None):
        self.name = name
        self.distinct = distinct if distinct is not None else tokenizer.vocab_size
        self.replaced = 0      # undecodable bytes read as U+FFFD, and where the first was
        self.first_bad = ""
        self.foreign: list[str] = []   # encoded with a model's vocabulary: the symbols it lacks ...
        self.dropped = 0               # ... and how many of the text's symbols were left out
        self.ids = ids
        self.tokenizer = tokenizer
        self.encoding = encoding
        self.files = files
        self.size_bytes = size_bytes
        self.characters = characters
        self.preview = preview
        self._hash = None
        self._unknown = None
        self._unigram = None

    def with_auto_min_count(self) -> "Corpus":
        """The rare-symbol threshold chosen from the text: see ``coverage_min_count``."""
        return self.with_min_count(max(self.tokenizer.min_count, coverage_min_count(self.tokenizer.counts)))

    @classmethod
    def from_text(cls, text: str, name: str = "text", *, tokenizer: str = "char", min_count: int = 1,
                  encoding: str = "utf-8", files: tuple[str, ...] = (), size_bytes: int | None = None,
                  vocabulary: Tokenizer | None = None) -> "Corpus":
        """Encode ``text``; with ``vocabulary`` given (continuing a model) use it, unknowns allowed."""
        if not text.strip():
            raise EmptyCorpus(path=name)
        tok = vocabulary or Tokenizer.build(text, tokenizer, min_count)
        if tok.vocab_size < 2:
            raise TooFewSymbols(path=name, count=tok.vocab_size)
        ids = tok.encode(text, unknown="skip")
        corpus = cls(name, torch.from_numpy(ids), tok, encoding=encoding, files=files,
                     size_bytes=len(text.encode("utf-8")) if size_bytes is None else size_bytes,
                     characters=len(text), preview=text[:PREVIEW_CHARS])
        if vocabulary is not None:
            # Symbols a model's vocabulary lacks (and no unknown symbol to stand for them) are
            # left out of the text: count them, so the user can be told.
            corpus.foreign = tok.unknown_symbols(text)
            corpus.dropped = (len(text) if tok.kind == "char" else len(tok.split(text))) - len(ids)
        return corpus

    def with_min_count(self, min_count: int) -> "Corpus":
        """The same text with a higher rare-symbol threshold, without reading it again."""
        if min_count == self.tokenizer.min_count:
            return self
        tok, table = self.tokenizer.restricted(min_count)
        ids = table.astype(smallest_dtype(tok.vocab_size))[self.ids.numpy().astype(np.int64)]
        out = Corpus(self.name, torch.from_numpy(ids), tok, encoding=self.encoding, files=self.files,
                     size_bytes=self.size_bytes, characters=self.characters, preview=self.preview,
                     distinct=self.distinct)
        out.replaced, out.first_bad = self.replaced, self.first_bad
        return out

    # ---- facts ------------------------------------------------------------
    def unigram_entropy(self) -> float:
        """Nats per symbol of a model that knows only the symbols' frequencies (cached)."""
        if self._unigram is None:
            self._unigram = unigram_entropy(self.ids)
        return self._unigram

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def hash(self) -> str:
        """SHA-256 of the vocabulary and ids: names the data a model was trained on."""
        if self._hash is None:
            h = hashlib.sha256("\x00".join(self.tokenizer.symbols).encode("utf-8", "surrogatepass"))
            h.update(self.ids.numpy().tobytes())
            self._hash = h.hexdigest()
        return self._hash

    def stats(self, top: int = 20) -> CorpusStats:
        unk = self.tokenizer.unk_id
        if self._unknown is None:  # counted once (the loader does it off the GUI thread)
            self._unknown = int((self.ids == unk).sum()) if unk is not None else 0
        unknown = self._unknown
        return CorpusStats(self.name, self.encoding, max(1, len(self.files)), self.size_bytes,
                           self.characters, len(self.ids), self.tokenizer.vocab_size, unknown,
                           tuple(self.tokenizer.most_common(top)))

    # ---- training data ------------------------------------------------------
    def split(self, val_fraction: float = 0.1) -> tuple[torch.Tensor, torch.Tensor]:
        """First part for training, last ``val_fraction`` for validation (nanoGPT's split)."""
        n_val = int(round(len(self.ids) * val_fraction))
        n_val = min(max(n_val, 2), len(self.ids) - 2) if len(self.ids) >= 4 else 0
        return self.ids[: len(self.ids) - n_val], self.ids[len(self.ids) - n_val:]

    def check_trainable(self, seq_len: int, val_fraction: float = 0.1) -> None:
        """Raise CorpusTooShort unless the training part fills at least one window."""
        train, val = self.split(val_fraction)
        if len(train) < seq_len + 1 or len(val) < 2:
            raise CorpusTooShort(path=self.name, count=len(train), needed=seq_len + 1)


def load_corpus(path: str | os.PathLike | list, *, encoding: str | None = None, tokenizer: str = "char",
                min_count: int = 1, vocabulary: Tokenizer | None = None) -> Corpus:
    """Read a file or folder (see ``read_text``) and encode it. ``min_count=0`` chooses
    the rare-symbol threshold from the text (``coverage_min_count``)."""
    src = read_text(path, encoding)
    if isinstance(path, (list, tuple)) and len(path) > 1:
        name = f"{Path(path[0]).name} (+{len(path) - 1})"
    else:
        first = path[0] if isinstance(path, (list, tuple)) else path
        name = Path(first).name or str(first)
    corpus = Corpus.from_text(src.text, name, tokenizer=tokenizer, min_count=max(1, min_count),
                              encoding=src.encoding, files=src.files, size_bytes=src.size_bytes,
                              vocabulary=vocabulary)
    if min_count == 0 and vocabulary is None:
        corpus = corpus.with_auto_min_count()
    corpus.replaced, corpus.first_bad = src.replaced, src.first_bad
    return corpus


class Streams:
    """Contiguous text streams for truncated back-propagation through time.

    The data is cut into ``batch`` equal streams laid side by side; window ``w``
    is columns ``w*T .. (w+1)*T`` of each, so row b of window w+1 continues row b
    of window w and the hidden state can be carried across (as char-rnn does).
    With ``tail=True`` a shorter last window covers the remainder (for evaluation).
    """

    def __init__(self, ids: torch.Tensor, batch: int, seq_len: int, *, tail: bool = False):
        n = len(ids) - 1
        if n < 1:
            raise ValueError("need at least 2 symbols")
        seq_len = min(seq_len, n)
        batch = max(1, min(batch, n // seq_len))
        per = n // batch
        self.batch, self.seq_len = batch, seq_len
        self.x = ids[: batch * per].view(batch, per)
        self.y = ids[1: batch * per + 1].view(batch, per)
        self.windows = -(-per // seq_len) if tail else per // seq_len

    def __len__(self) -> int:
        return self.windows

    def window(self, w: int) -> tuple[torch.Tensor, torch.Tensor]:
        s = slice(w * self.seq_len, (w + 1) * self.seq_len)
        return self.x[:, s].long(), self.y[:, s].long()


def unigram_entropy(ids: torch.Tensor) -> float:
    """Entropy in nats of the symbol frequencies: the loss of a model that ignores context."""
    return counts_entropy(np.bincount(ids.numpy().astype(np.int64)))


def counts_entropy(counts) -> float | None:
    """The same from the symbols' counts (a model file keeps its text's: Tokenizer.counts)."""
    c = np.asarray(counts, dtype=np.float64)
    c = c[c > 0]
    if not c.size:
        return None
    p = c / c.sum()
    return float(-(p * np.log(p)).sum())
