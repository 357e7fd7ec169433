"""Settings chosen from the text itself: what a user gets without touching a field.

A 65-symbol English play and a 5,000-symbol Chinese poetry collection want
different networks: with thousands of symbols the output layer, not the
recurrence, is the cost of a step, and rare symbols are rows the network can
barely learn. ``suggest`` looks at the vocabulary (after rare symbols were
merged, see ``tokenizer.coverage_min_count``) and the length of the text and
returns the default preset adjusted, with the reasons, each as a code plus
values (so the app can say it in the user's language) and an English sentence.

The numbers were measured with ``bench/bench_defaults.py`` on four corpora
(English plays, Tang poems, Python source, English prose); the README has the table.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..config import DEFAULT_PRESET, ModelConfig, TrainConfig, preset

ADAPTIVE_MIN_VOCAB = 1000     # from this many symbols on, the adaptive softmax is cheaper than a plain one
HEAD_COVERAGE = 0.75          # the adaptive head's first class: the symbols that make up 75 % of the text
MIDDLE_COVERAGE = 0.95        # its second class: up to 95 %; the rest is the rare class
LARGE_VOCAB_EMB = 128         # thousands of symbols (Chinese characters) carry more meaning each
LARGE_VOCAB_BATCH = 16        # ... and learn from more, smaller updates (batch 16)
# ... through one wide GRU layer at 3e-3: a 40-minute search on Tang poems put all six of its best
# trials there (one layer of 256-512, at window 32). The installed CLI, Tang poems, after 120 s / 300 s:
# GRU 1x512 at window 32 4.94 / 4.81, at window 64 5.02 / 4.80, GRU 1x384 4.88 / 4.87, the 2x256 LSTM
# at window 64 and 1e-2 (the defaults before) 5.16 / 4.88. Window 64, not the search's 32: the
# search's 120 s favour the shorter window, but after the default 300 s the longer one is level or
# ahead and keeps the poems' form (92.5 % of clauses of 5 or 7 characters in 20 samples, against
# 85.0 % at 32; the corpus 88 %); a long-lined text such as a novel needs it more. README
# "Defaults fitted to the text". 512: the best after the default 300 s
LARGE_VOCAB_CELL, LARGE_VOCAB_LAYERS, LARGE_VOCAB_HIDDEN = "gru", 1, 512
LARGE_VOCAB_WINDOW = 64
LARGE_VOCAB_LR = 3e-3
# A text of a few dozen symbols (English, source code) learns more in the default five minutes
# from one LSTM layer of 256 than from two: it takes twice the steps. A 40-minute search on Tiny
# Shakespeare put its best trials all at one layer (1.467-1.484 after 120 s; two layers 1.564).
# The installed CLI, alone, after 120 s: Tiny Shakespeare 1.517 against 1.566, Python source
# 1.556 against 1.576, English prose 1.171 against 1.247; after 300 s on Tiny Shakespeare 1.465
# against 1.479 (README "Defaults fitted to the text")
SMALL_VOCAB_LAYERS = 1


@dataclass(frozen=True)
class Reason:
    code: str       # stable name, for the translation
    params: dict    # the values the sentence names
    text: str       # the English sentence


@dataclass(frozen=True)
class Suggestion:
    model: ModelConfig
    train: TrainConfig
    reasons: tuple[Reason, ...]


def adaptive_cutoffs(counts, vocab_size: int, force: bool = False) -> tuple[int, ...]:
    """Class edges (in frequency ranks) for the adaptive softmax, or () for a plain one
    (below ``ADAPTIVE_MIN_VOCAB`` symbols unless ``force``)."""
    if (vocab_size < ADAPTIVE_MIN_VOCAB and not force) or vocab_size < 8:
        return ()
    c = np.sort(np.asarray(list(counts)[:vocab_size], dtype=np.float64))[::-1]
    if c.sum() <= 0:
        return ()
    cum = np.cumsum(c) / c.sum()
    first = int(np.searchsorted(cum, HEAD_COVERAGE)) + 1
    second = int(np.searchsorted(cum, MIDDLE_COVERAGE)) + 1
    first = max(1, min(max(first, 64), vocab_size // 4))
    second = min(max(second, 2 * first), vocab_size - vocab_size // 8)
    return (first, second) if second > first else (first,)


def suggest(corpus, base: str = DEFAULT_PRESET) -> Suggestion:
    """The ``base`` preset fitted to ``corpus`` (a ``Corpus``)."""
    p = preset(base)
    tok = corpus.tokenizer
    vocab = tok.vocab_size
    model, train = p.model.replace(vocab_size=vocab), p.train
    reasons: list[Reason] = []

    if tok.has_unk:
        reasons.append(Reason("rare", {"kept": len(tok.symbols), "coverage": round(100 * tok.coverage(), 2),
                                       "rare": corpus.distinct - len(tok.symbols)},
                              f"{len(tok.symbols):,} symbols cover {100 * tok.coverage():.2f} % of the text; the "
                              f"{corpus.distinct - len(tok.symbols):,} rarer ones share one unknown symbol"))
    cutoffs = adaptive_cutoffs(tok.counts, vocab)
    if cutoffs:
        model = model.replace(cutoffs=cutoffs, emb_size=max(model.emb_size, LARGE_VOCAB_EMB), cell=LARGE_VOCAB_CELL,
                              layers=LARGE_VOCAB_LAYERS, hidden_size=LARGE_VOCAB_HIDDEN)
        train = train.replace(batch_size=min(train.batch_size, LARGE_VOCAB_BATCH), seq_len=LARGE_VOCAB_WINDOW,
                              lr=LARGE_VOCAB_LR)
        reasons.append(Reason("adaptive", {"vocab": vocab, "head": cutoffs[0]},
                              f"{vocab:,} symbols: an adaptive output layer (the {cutoffs[0]:,} most frequent "
                              f"first) makes each step about twice as fast, with exact probabilities"))
        reasons.append(Reason("embedding", {"emb": model.emb_size},
                              f"embedding {model.emb_size}: many symbols, each carrying more meaning"))
        reasons.append(Reason("updates", {"batch": train.batch_size, "lr": train.lr},
                              f"batch {train.batch_size} at learning rate {train.lr:g}: many small steps, at the "
                              f"rate a search on Chinese poems found best"))
        reasons.append(Reason("recurrence", {"hidden": model.hidden_size, "window": train.seq_len},
                              f"one GRU layer of {model.hidden_size} over windows of {train.seq_len} symbols: "
                              f"with thousands of symbols it learns faster than two LSTM layers"))
    elif model.cell == "lstm" and model.layers > SMALL_VOCAB_LAYERS:   # the Small preset's two (what the text says)
        model = model.replace(layers=SMALL_VOCAB_LAYERS)
        reasons.append(Reason("depth", {"hidden": model.hidden_size},
                              f"one LSTM layer of {model.hidden_size}: twice the steps of two layers in the "
                              f"same time, and more learned in the first minutes"))
    return Suggestion(model, train, tuple(reasons))
