"""The inspect functions on a tiny model trained here for real: a unit learns quotes, the
surprise of a text is the model's own loss on it, copies are found and random text is not."""
from __future__ import annotations

import random

import numpy as np
import pytest
import torch

from rnnstudio.core.inspect.activations import saturation, trace
from rnnstudio.core.config import ModelConfig
from rnnstudio.core.data.corpus import Corpus
from rnnstudio.core.inspect.gradflow import clipping, gradient_through_time
from rnnstudio.core.inspect.memorise import TextIndex, memorisation
from rnnstudio.core.inspect.surprise import surprise
from rnnstudio.core.training.train import Trainer
from rnnstudio.core.inspect.units import mask_from_span, probe, rank_units, separation

from .helpers import TINY_TRAIN, run_all

QUOTE_SCORE = 0.8      # a unit must separate "inside quotes" this well (0 = chance, 1 = perfect)
CHANCE_SCORE = 0.3     # while no unit separates a random marking better than this


def quote_text(n_sentences: int, seed: int) -> str:
    """Narration in one set of words, speech in quotes in another: which words come next
    depends on whether a quote is open, so the network has a reason to track it."""
    rnd = random.Random(seed)
    said = ["the", "cat", "sat", "on", "a", "mat", "and", "dog", "ran", "far"]
    spoken = ["ZIM", "QOX", "VUK", "JEP", "WYX", "KAZ"]
    out = []
    for _ in range(n_sentences):
        before = " ".join(rnd.choice(said) for _ in range(rnd.randint(2, 5)))
        inside = " ".join(rnd.choice(spoken) for _ in range(rnd.randint(2, 8)))
        after = " ".join(rnd.choice(said) for _ in range(rnd.randint(1, 4)))
        out.append(f'{before} "{inside}" {after}.\n')
    return "".join(out)


@pytest.fixture(scope="module")
def quotes_model():
    torch.manual_seed(0)
    corpus = Corpus.from_text(quote_text(1500, 1), "quotes.txt")
    trainer = Trainer(corpus, ModelConfig(cell="lstm", emb_size=16, hidden_size=32, layers=1),
                      TINY_TRAIN.replace(max_steps=300, eval_interval=0, sample_length=0, seq_len=64, lr=2e-2))
    run_all(trainer)
    bundle = trainer.bundle()
    return bundle.build_model(), bundle.tokenizer, corpus


def test_trace_matches_the_fused_network(quotes_model):
    model, tok, _ = quotes_model
    text = quote_text(5, 2)
    t = trace(model, tok, text)
    assert "".join(t.symbols) == text and len(t.layers) == 1
    layer = t.layers[0]
    with torch.no_grad():
        out, (h, c) = model.rnn(model.emb(torch.as_tensor(t.ids)[None]))
    np.testing.assert_allclose(layer.h, out[0].numpy(), atol=1e-5)
    np.testing.assert_allclose(layer.c[-1], c[0, 0].numpy(), atol=1e-5)   # the scan ends where torch's does
    # h = o · tanh(c): the recomputed gates are the network's own
    np.testing.assert_allclose(layer.h, layer.gates["output"] * np.tanh(layer.c), atol=1e-5)
    sat = saturation(t, 0)
    assert set(sat) == {"input", "forget", "output"}
    left, right = sat["forget"]
    assert left.shape == (32,) and np.all((left + right) <= 1)


def test_a_unit_tracks_quotes_far_better_than_chance(quotes_model):
    model, tok, _ = quotes_model
    t = trace(model, tok, quote_text(60, 3))
    inside = probe(t.symbols, "quotes")
    best = rank_units(t, inside, top=3)
    random_mask = np.random.default_rng(0).permutation(inside)
    chance = rank_units(t, random_mask, top=1)[0]
    assert best[0].score >= QUOTE_SCORE, best
    assert chance.score <= CHANCE_SCORE, chance


def test_separation_and_probes_on_known_values():
    values = np.array([[0.0, 1.0], [0.1, 0.0], [0.9, 1.0], [1.0, 0.0]])
    score, direction = separation(values, np.array([False, False, True, True]))
    assert score[0] == pytest.approx(1.0) and direction[0] == 1 and score[1] == pytest.approx(0.0)
    syms = list('a "bc" (d) e\nfg')
    assert "".join(s for s, m in zip(syms, probe(syms, "quotes")) if m) == "bc"
    assert "".join(s for s, m in zip(syms, probe(syms, "brackets")) if m) == "d"
    assert probe(syms, "line")[-1] == 1 and probe(syms, "newline")[syms.index("f")]
    assert mask_from_span(5, [(1, 3)]).tolist() == [False, True, True, False, False]
    with pytest.raises(ValueError):
        separation(values, np.zeros(4, dtype=bool))


def test_surprise_equals_the_models_own_loss(quotes_model):
    model, tok, _ = quotes_model
    text = quote_text(20, 4)
    s = surprise(model, tok, text)
    ids = torch.as_tensor(tok.encode(text), dtype=torch.long)[None]
    with torch.no_grad():
        loss, _ = model.loss(ids[:, :-1], ids[:, 1:])
    assert s.nats == pytest.approx(loss.item(), rel=1e-4)
    assert np.isnan(s.prob[0]) and len(s.alternatives[5]) == 5
    assert s.alternatives[5][0][1] >= s.alternatives[5][-1][1]
    # a sentence of the corpus is likelier than the same letters shuffled
    shuffled = "".join(random.Random(0).sample(text, len(text)))
    assert surprise(model, tok, shuffled).nats > s.nats + 0.5


def test_memorisation_of_a_copy_is_one_and_of_random_text_zero(quotes_model):
    _, _, corpus = quotes_model
    text = corpus.tokenizer.decode(corpus.ids)
    index = TextIndex(text)
    copy = text[5000:5400]
    m = memorisation(index, list(copy))
    assert all(v == 1.0 for v in m.shares.values())
    assert m.longest.length == 400 and text[m.longest.corpus_offset:m.longest.corpus_offset + 400] == copy
    noise = "".join(random.Random(1).choice("xyzqjkw#@") for _ in range(300))
    m = memorisation(index, list(noise))
    assert all(v == 0.0 for v in m.shares.values()) and m.longest.length < 8 and not m.copied.any()
    # a copied span inside new text: found where it is, linked to where it comes from
    mixed = noise[:100] + text[9000:9040] + noise[100:200]
    m = memorisation(index, list(mixed))
    assert m.longest.start == 100 and m.longest.length >= 40
    assert m.copied[100:140].all() and not m.copied[:90].any()


def test_memorisation_in_chinese():
    text = "床前明月光，疑是地上霜。举头望明月，低头思故乡。" * 3 + "白日依山尽，黄河入海流。"
    index = TextIndex(text)
    m = memorisation(index, list("举头望明月，低头思故乡。"), ngrams=(4, 8))
    assert m.shares == {4: 1.0, 8: 1.0}
    assert text[m.longest.corpus_offset:].startswith("举头望明月")


def test_gradients_vanish_through_a_tanh_rnn():
    torch.manual_seed(0)
    ids = np.random.default_rng(0).integers(0, 20, size=(4, 41))
    norms = {}
    for cell in ("rnn_tanh", "lstm"):
        from rnnstudio.core.model.network import CharRNN
        model = CharRNN(ModelConfig(cell=cell, vocab_size=20, emb_size=8, hidden_size=32, layers=1))
        g = gradient_through_time(model, ids)
        assert g.shape == (41,) and g[0] > 0
        norms[cell] = g
    # 40 steps back a tanh RNN's gradient has all but vanished; an LSTM's forget gate (biased
    # towards remembering) carries far more of it
    assert norms["rnn_tanh"][40] / norms["rnn_tanh"][0] < 1e-3
    assert norms["lstm"][40] / norms["lstm"][0] > 10 * norms["rnn_tanh"][40] / norms["rnn_tanh"][0]


def test_clipping_summary():
    assert clipping([[1, 0.5], [2, 3.0], [3, 2.0], [4, 6.0]], 2.0) == (0.5, pytest.approx(2.25))
    assert clipping([], 1.0) == (0.0, 1.0)


def test_training_keeps_samples_and_gradient_groups_with_the_model(tmp_path):
    """The timeline's samples and the per-part gradient norms are in the history, and in the file."""
    from rnnstudio.core.model.bundle import load_bundle, save_bundle
    corpus = Corpus.from_text(quote_text(300, 5), "q.txt")
    trainer = Trainer(corpus, ModelConfig(cell="gru", emb_size=8, hidden_size=16, layers=2),
                      TINY_TRAIN.replace(max_steps=40, eval_interval=20, sample_length=30, clip=0.5))
    run_all(trainer)
    save_bundle(trainer.bundle(), tmp_path / "m.rnnstudio")
    history = load_bundle(tmp_path / "m.rnnstudio").history
    assert [s for s, _ in history["samples"]] == [20, 40] and all(len(t) == 30 for _, t in history["samples"])
    steps = [s for s, _ in history["grad_groups"]]
    assert steps == [20, 40]
    groups = history["grad_groups"][-1][1]
    assert set(groups) == {"embedding", "layer 1 input", "layer 1 recurrent", "layer 2 input",
                           "layer 2 recurrent", "output"}
    # scaled back to before clipping: together they make up the recorded total norm
    total = dict(map(tuple, history["grad_norm"]))[40]
    assert sum(v ** 2 for v in groups.values()) ** 0.5 == pytest.approx(total, rel=1e-3)


def test_surprise_from_the_trace_is_the_same(quotes_model):
    model, tok, _ = quotes_model
    text = quote_text(10, 8)
    t = trace(model, tok, text)
    a, b = surprise(model, tok, text), surprise(model, tok, text, features=t.layers[-1].h)
    np.testing.assert_allclose(a.prob[1:], b.prob[1:], rtol=1e-5)
    assert [s for s, _ in a.alternatives[7]] == [s for s, _ in b.alternatives[7]]
    assert [p for _, p in a.alternatives[7]] == pytest.approx([p for _, p in b.alternatives[7]], rel=1e-4)
