"""Continuing a saved model: one place for the rules, used by the app and the CLI.

"N more steps" and "S more seconds" count from where the model is; a limit the
user did not give is dropped rather than kept from the earlier run (an old
limit already reached would end the new run at once). With neither given, the
saved budget is kept, so an interrupted run (an autosave) resumes exactly.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..config import TrainConfig


def continued_config(bundle, *, more_steps: int | None = None, more_seconds: float | None = None,
                     changes: dict | None = None) -> TrainConfig:
    saved = bundle.train_config or TrainConfig()
    tc = saved.replace(**(changes or {}))
    if not more_steps and not more_seconds:
        return tc
    r = bundle.progress
    return tc.replace(max_steps=r.step + more_steps if more_steps else 0,
                      max_seconds=r.elapsed + more_seconds if more_seconds else 0.0)


@dataclass(frozen=True)
class VocabularyFit:
    same: bool            # the text's vocabulary is the model's
    missing: int          # distinct symbols of the text the model does not know
    missing_share: float  # the share of the text they make up
    has_unknown: bool     # the model maps them to its unknown symbol (else they are left out)
    examples: tuple[str, ...]


def vocabulary_fit(model_tokenizer, corpus) -> VocabularyFit:
    """How well a text (a Corpus with its own vocabulary) fits a model's vocabulary."""
    known = set(model_tokenizer.symbols)
    ours = corpus.tokenizer
    missing = [(s, ours.counts[i] if i < len(ours.counts) else 0) for i, s in enumerate(ours.symbols)
               if s not in known]
    total = sum(ours.counts) or 1
    share = sum(n for _, n in missing) / total
    missing.sort(key=lambda m: -m[1])
    return VocabularyFit(ours.symbols == model_tokenizer.symbols and ours.has_unk == model_tokenizer.has_unk,
                         len(missing), share, model_tokenizer.has_unk, tuple(s for s, _ in missing[:10]))
