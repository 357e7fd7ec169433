"""Settings fitted to the text: rare-symbol threshold, adaptive output layer, suggestions."""
from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F

from rnnstudio.core.training.autoconfig import ADAPTIVE_MIN_VOCAB, adaptive_cutoffs, suggest
from rnnstudio.core.model.bundle import load_bundle, save_bundle
from rnnstudio.core.config import DEFAULT_PRESET, ModelConfig, SampleConfig, preset
from rnnstudio.core.data.corpus import Corpus
from rnnstudio.core.model.network import CharRNN, count_parameters
from rnnstudio.core.model.sample import Sampler
from rnnstudio.core.data.tokenizer import coverage_min_count
from rnnstudio.core.training.train import Trainer

from .helpers import TINY_TRAIN, of_type, run_all


@pytest.fixture(scope="module")
def tang(tang_text):
    return Corpus.from_text(tang_text, "tang_poems.txt")


def test_large_vocabulary_keeps_the_symbols_covering_most_of_the_text(tang):
    k = coverage_min_count(tang.tokenizer.counts)
    assert k >= 2  # characters seen once are merged
    fitted = tang.with_auto_min_count()
    tok = fitted.tokenizer
    assert tok.has_unk and tok.min_count == k
    assert tok.coverage() >= 0.995
    assert tok.vocab_size < tang.tokenizer.vocab_size - 500
    assert fitted.distinct == tang.tokenizer.vocab_size == 5371
    # the merged symbols all decode to the unknown symbol, the rest exactly
    unk = tok.unk_id
    ids = fitted.ids.long()
    assert int((ids == unk).sum()) == tok.counts[-1] > 0


def test_small_alphabet_is_kept_whole(shakespeare_text):
    c = Corpus.from_text(shakespeare_text, "s")
    assert coverage_min_count(c.tokenizer.counts) == 1
    assert c.with_auto_min_count() is c


def test_raising_the_threshold_equals_reading_again(tang_text):
    direct = Corpus.from_text(tang_text, "t", min_count=3)
    remapped = Corpus.from_text(tang_text, "t").with_min_count(3)
    assert direct.tokenizer.symbols == remapped.tokenizer.symbols
    assert direct.tokenizer.counts == remapped.tokenizer.counts
    assert torch.equal(direct.ids.long(), remapped.ids.long())
    with pytest.raises(ValueError):
        direct.with_min_count(2)   # merged symbols cannot be told apart again


def test_suggestion_fits_the_vocabulary(tang, shakespeare_text):
    chinese = suggest(tang.with_auto_min_count())
    assert chinese.model.cutoffs and chinese.model.emb_size >= 128
    assert {r.code for r in chinese.reasons} >= {"rare", "adaptive", "recurrence"}
    # one wide GRU layer at 3e-3, what a search found best for Tang poems, over windows of 64 (README)
    assert (chinese.model.cell, chinese.model.layers, chinese.train.seq_len) == ("gru", 1, 64)
    assert chinese.train.lr < preset(DEFAULT_PRESET).train.lr
    english = suggest(Corpus.from_text(shakespeare_text, "s"))
    # one LSTM layer: what a search found best for Tiny Shakespeare in the default minutes (README)
    assert english.model == preset(DEFAULT_PRESET).model.replace(vocab_size=65, layers=1)
    assert [r.code for r in english.reasons] == ["depth"] and "one LSTM layer of 256" in english.reasons[0].text
    assert adaptive_cutoffs(list(range(100)), 100) == ()       # small vocabularies keep a plain softmax
    assert adaptive_cutoffs([1] * ADAPTIVE_MIN_VOCAB, ADAPTIVE_MIN_VOCAB)


def _adaptive_model(vocab=300, counts=None):
    torch.manual_seed(0)
    config = ModelConfig(vocab_size=vocab, emb_size=16, hidden_size=32, layers=1, cutoffs=(40, 120))
    model = CharRNN(config)
    model.set_frequencies(counts or [vocab - i for i in range(vocab)][::-1])  # rare ids first: ranks reversed
    return model


def test_adaptive_head_gives_exact_log_probabilities():
    model = _adaptive_model().eval()
    x = torch.randint(0, 300, (3, 11))
    y = torch.randint(0, 300, (3, 11))
    logits, _ = model(x)
    assert torch.allclose(logits.exp().sum(-1), torch.ones(3, 11), atol=1e-5)
    loss, _ = model.loss(x, y)
    total, _ = model.loss(x, y, reduction="sum")
    reference = F.cross_entropy(logits.reshape(-1, 300), y.reshape(-1))
    assert math.isclose(loss.item(), reference.item(), rel_tol=1e-5)
    assert math.isclose(total.item(), reference.item() * y.numel(), rel_tol=1e-5)
    assert count_parameters(model.config) == model.config.parameter_count()


def test_adaptive_model_trains_saves_and_samples(tang_text, tmp_path):
    corpus = Corpus.from_text(tang_text[:60000], "tang").with_auto_min_count()
    counts = corpus.tokenizer.counts
    cut = adaptive_cutoffs(counts, corpus.tokenizer.vocab_size, force=True)
    model = ModelConfig(emb_size=32, hidden_size=64, layers=1, cutoffs=cut)
    trainer = Trainer(corpus, model, TINY_TRAIN.replace(max_steps=80, eval_interval=40, lr=1e-2))
    events = run_all(trainer)
    vals = [e.val_loss for e in of_type(events, "Evaluated")]
    assert vals[-1] < math.log(corpus.tokenizer.vocab_size) - 1.0  # well below a uniform guess
    # the frequent symbols are in the head class: rank 0 is the commonest symbol
    assert int(trainer.model.rank[max(range(len(counts)), key=counts.__getitem__)]) == 0
    save_bundle(trainer.bundle(), tmp_path / "m.rnnstudio")
    loaded = load_bundle(tmp_path / "m.rnnstudio").build_model()
    trainer.model.eval()
    x = corpus.ids[:50].long()[None]
    assert torch.allclose(trainer.model(x)[0], loaded(x)[0], atol=1e-5)
    cfg = SampleConfig(prime="春", length=60, seed=3, temperature=0.8)
    a = Sampler(trainer.model, corpus.tokenizer).generate(cfg)
    b = Sampler.from_bundle(load_bundle(tmp_path / "m.rnnstudio")).generate(cfg)
    assert a == b and len(a[0]) == 60
