"""Streaming generation: exact steps, controls, seeds, stop strings, unknown symbols."""
from __future__ import annotations

import threading
import types

import numpy as np
import pytest
import torch

from rnnstudio.core.config import CELLS, ModelConfig, SampleConfig
from rnnstudio.core.data.corpus import Corpus
from rnnstudio.core.errors import UnknownSymbols
from rnnstudio.core.model.network import CharRNN
from rnnstudio.core.model import kernels
from rnnstudio.core.model.sample import Sampler
from rnnstudio.core.model.stepper import Stepper
from rnnstudio.core.training.train import Trainer

from .helpers import TINY_MODEL, TINY_TRAIN, run_all


@pytest.fixture(scope="module")
def trained(request):
    text = (request.config.rootpath / "resources/corpora/tinyshakespeare.txt").read_text(encoding="utf-8")
    corpus = Corpus.from_text(text[:30000], "small.txt")
    trainer = Trainer(corpus, TINY_MODEL, TINY_TRAIN.replace(max_steps=120, eval_interval=0, sample_length=0))
    run_all(trainer)
    return Sampler(trainer.model, corpus.tokenizer)


@pytest.mark.parametrize("cell", CELLS)
def test_the_compiled_step_with_rows_short_of_four(cell):
    """Hidden 13 and 19 symbols: every product ends in rows short of a block of four, with one
    sequence, pairs and an odd one over (the compiled products' loops)."""
    torch.manual_seed(1)
    model = CharRNN(ModelConfig(cell=cell, vocab_size=19, emb_size=5, hidden_size=13, layers=2)).eval()
    for batch in (1, 3, 7):   # one; a pair and one; three pairs and one
        seq = torch.randint(0, 19, (batch, 9))
        with torch.no_grad():
            full, _ = model(seq)
        stepper = Stepper(model, batch=batch, compiled=True)
        steps = np.stack([stepper.step(seq[:, t].numpy()).copy() for t in range(9)], 1)
        assert np.abs(steps - full.numpy()).max() < 1e-5, batch


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("cutoffs", [(), (8, 14)])
@pytest.mark.parametrize("table", [True, False])
@pytest.mark.parametrize("batch", [3, 6])   # numpy: a product a row, or one matrix product; compiled: 4 + 2 rows
@pytest.mark.parametrize("compiled", [False, True])
def test_one_step_at_a_time_matches_the_fused_network(cell, cutoffs, table, batch, compiled, monkeypatch):
    if not table:   # layer 0's input product computed each step instead of looked up
        monkeypatch.setattr("rnnstudio.core.model.stepper.TABLE_LIMIT", 0)
    torch.manual_seed(0)
    model = CharRNN(ModelConfig(cell=cell, vocab_size=20, emb_size=8, hidden_size=16, layers=3,
                                cutoffs=cutoffs)).eval()
    stepper = Stepper(model, batch=batch, compiled=compiled)
    assert (stepper.compiled is not None) == compiled   # numba is a test dependency: never skipped
    seq = torch.randint(0, 20, (batch, 15))
    with torch.no_grad():
        full, _ = model(seq)
        _, hidden = model(seq[:, :5])
    stepper.set_state(hidden)   # carry on from a state the fused network left, as after a prime
    steps = np.stack([stepper.step(seq[:, t].numpy()).copy() for t in range(5, 15)], 1)
    assert np.abs(steps - full[:, 5:15].numpy()).max() < 1e-5


def test_same_seed_same_text_and_streaming(trained):
    cfg = SampleConfig(prime="ROMEO:\n", length=80, seed=42)
    a = trained.generate(cfg)[0]
    tokens = list(trained.stream(cfg))
    assert "".join(t.text for t in tokens) == a
    assert len(a) == 80
    assert trained.generate(cfg.replace(seed=43))[0] != a
    assert all(0 < t.prob <= 1 and len(t.alternatives) == 5 for t in tokens)
    alt_probs = [p for _, p in tokens[0].alternatives]
    assert alt_probs == sorted(alt_probs, reverse=True)
    # the chosen symbol's probability is the one the network gave it
    assert any(sym == tokens[0].text and p == pytest.approx(tokens[0].prob) for sym, p in tokens[0].alternatives) \
        or tokens[0].prob <= alt_probs[-1] + 1e-6


def test_temperature_zero_is_greedy(trained):
    cfg = SampleConfig(prime="The ", length=30, temperature=0)
    a = trained.generate(cfg.replace(seed=1))[0]
    assert a == trained.generate(cfg.replace(seed=2))[0]
    first = next(trained.stream(cfg))
    assert first.text == first.alternatives[0][0]


def test_top_k_one_is_greedy_too(trained):
    greedy = trained.generate(SampleConfig(prime="The ", length=30, temperature=0))[0]
    assert trained.generate(SampleConfig(prime="The ", length=30, top_k=1, temperature=1.5, seed=5))[0] == greedy


def test_top_p_keeps_only_the_likely_symbols(trained):
    tokens = list(trained.stream(SampleConfig(prime="The ", length=200, top_p=0.5, temperature=1.0, seed=3)))
    # every chosen symbol was among those making up the first half of the probability mass
    for t in tokens:
        mass = 0.0
        for sym, p in t.alternatives:
            if sym == t.text or mass >= 0.5:
                break
            mass += p
        assert mass < 0.5 + 1e-6


def test_repetition_penalty_reduces_repeats(trained):
    base = trained.generate(SampleConfig(prime="the ", length=300, temperature=0))[0]
    penalised = trained.generate(SampleConfig(prime="the ", length=300, temperature=0, repetition_penalty=1.8,
                                              repetition_window=10))[0]
    def repeats(s):
        return sum(1 for i in range(10, len(s)) if s[i] in s[i - 10:i])
    assert repeats(penalised) < repeats(base)


def test_batch_of_samples(trained):
    cfg = SampleConfig(prime="ROMEO:", length=50, num_samples=3, seed=9)
    texts = trained.generate(cfg)
    assert len(texts) == 3 and all(len(t) == 50 for t in texts)
    assert len(set(texts)) == 3


def test_stop_strings_end_a_sample_and_are_not_shown(trained):
    text = trained.generate(SampleConfig(prime="A", length=2000, seed=4))[0]
    stop = "\n\n" if "\n\n" in text else "e "
    cut = trained.generate(SampleConfig(prime="A", length=2000, seed=4, stop=(stop,)))[0]
    assert cut == text[: text.index(stop)]


def test_unknown_prime_symbols(trained):
    with pytest.raises(UnknownSymbols, match="世"):
        trained.generate(SampleConfig(prime="ROMEO 世界", length=5))
    out = trained.generate(SampleConfig(prime="ROMEO 世界", length=5, unknown="skip", seed=1))[0]
    assert out == trained.generate(SampleConfig(prime="ROMEO ", length=5, seed=1))[0]


@pytest.mark.parametrize("compiled", [False, True])
def test_empty_prime_and_stop_event(trained, compiled, monkeypatch):
    monkeypatch.setattr("rnnstudio.core.model.sample.COMPILED_FROM", 0 if compiled else 10**9)
    monkeypatch.setattr(kernels, "_kernels", None)
    assert len(trained.generate(SampleConfig(length=20, seed=1))[0]) == 20
    assert kernels.loaded() == compiled
    stop = threading.Event()
    out = []
    for tok in trained.stream(SampleConfig(length=1000, seed=1), stop=stop):
        out.append(tok)
        if len(out) == 10:
            stop.set()
    assert len(out) == 10


def test_sample_config_validation():
    with pytest.raises(ValueError, match="top_p"):
        SampleConfig(top_p=0)
    with pytest.raises(ValueError, match="temperature"):
        SampleConfig(temperature=-1)


def _expected(logits, temperature, top_k, top_p):
    p = np.exp((logits - logits.max()) / temperature)
    if top_k:
        p[np.argsort(-p)[top_k:]] = 0
    p /= p.sum()
    order = np.argsort(-p, kind="stable")
    before = np.cumsum(p[order]) - p[order]
    p[order[before >= top_p]] = 0    # keep the smallest set that reaches top_p
    return p / p.sum()


def _compiled(on: bool):
    k = kernels.get() if on else None
    assert (k is not None) == on
    return k


@pytest.mark.parametrize("vocab", [12, 300])   # one full sort, or the likeliest 64 first
@pytest.mark.parametrize("temperature,top_k,top_p", [(1.0, 0, 1.0), (0.7, 0, 0.9), (1.3, 5, 1.0), (0.8, 8, 0.6)])
@pytest.mark.parametrize("compiled", [False, True])
def test_draws_follow_the_controlled_distribution(vocab, temperature, top_k, top_p, compiled):
    from rnnstudio.core.model.sample import _Chooser
    rng = np.random.default_rng(0)
    logits = rng.normal(0, 2, vocab).astype(np.float32)[None]
    chooser = _Chooser(SampleConfig(temperature=temperature, top_k=top_k, top_p=top_p), vocab, None, [0], 1,
                       np.random.default_rng(1), _compiled(compiled))
    n = 20000
    counts = np.bincount([int(chooser(logits)[0]) for _ in range(n)], minlength=vocab)
    want = _expected(logits[0].astype(np.float64), temperature, top_k, top_p)
    assert np.all(counts[want == 0] == 0)                      # never outside top-k / top-p
    assert np.abs(counts / n - want).max() < 4 * np.sqrt(want.max() / n) + 1e-3


def test_text_only_stream_writes_the_same_text(trained):
    """The terminal's path (no probabilities) and the app's give the same text for a seed."""
    cfg = SampleConfig(prime="ROMEO:", length=300, temperature=0.8, top_p=0.9, seed=7)
    full = "".join(t.text for t in trained.stream(cfg))
    plain = "".join(t.text for t in trained.stream(cfg, probabilities=False))
    assert plain == full and len(plain) == 300


@pytest.mark.parametrize("top_k,top_p", [(0, 1.0), (5, 1.0), (0, 0.9)])
@pytest.mark.parametrize("compiled", [False, True])
def test_the_unknown_symbol_is_never_written_even_at_the_edge_of_a_draw(top_k, top_p, compiled):
    """A uniform draw a hair below 1 rounds up to the whole probability mass; the pick then fell
    off the end onto the last id, which is the unknown symbol: a Chinese sample ended in "�"."""
    from rnnstudio.core.model.sample import _Chooser

    class Edge:
        def random(self, size=None):
            edge = 1 - 2 ** -53   # the largest float below 1
            return edge if size is None else np.full(size, edge)

    vocab = 40
    logits = np.random.default_rng(0).normal(0, 2, vocab).astype(np.float32)[None]
    logits[0, vocab - 1] = 10.0   # the unknown symbol (the last id) is even the model's favourite
    chooser = _Chooser(SampleConfig(temperature=1.0, top_k=top_k, top_p=top_p), vocab, vocab - 1, [0], 1, Edge(),
                       _compiled(compiled))
    assert int(chooser(logits)[0]) != vocab - 1


@pytest.mark.parametrize("vocab", [40, 300])
@pytest.mark.parametrize("compiled", [False, True])
def test_top_p_at_the_whole_mass_never_picks_a_symbol_top_k_cut(vocab, compiled):
    """top-p 1 - 1e-9 is 1.0 in float32: the nucleus can run past the last symbol with any
    probability into those top-k cut (and the unknown symbol, set to zero), and a draw that
    rounds to 1.0 then picked the last of them."""
    from rnnstudio.core.model.sample import _Chooser

    class Edge:
        def random(self, size=None):
            edge = 1 - 2 ** -53
            return edge if size is None else np.full(size, edge)

    rng = np.random.default_rng(0)
    for _ in range(50):
        logits = rng.normal(0, 2, (1, vocab)).astype(np.float32)
        chooser = _Chooser(SampleConfig(temperature=1.0, top_k=5, top_p=1 - 1e-9), vocab, vocab - 1, [0], 1, Edge(),
                           _compiled(compiled))
        pick = int(chooser(logits)[0])
        kept = np.argsort(-logits[0, :vocab - 1], kind="stable")[:5]
        assert pick in kept


@pytest.mark.parametrize("compiled", [False, True])
def test_the_unknown_symbol_is_written_only_when_asked(compiled):
    from rnnstudio.core.model.sample import _Chooser

    vocab = 10
    logits = np.zeros((1, vocab), dtype=np.float32)
    logits[0, vocab - 1] = 5.0   # the unknown symbol is the model's favourite
    rng = np.random.default_rng(0)
    k = _compiled(compiled)
    hidden = _Chooser(SampleConfig(temperature=0), vocab, vocab - 1, [0], 1, rng, k)
    shown = _Chooser(SampleConfig(temperature=0, write_unknown=True), vocab, vocab - 1, [0], 1, rng, k)
    assert int(hidden(logits)[0]) != vocab - 1 and int(shown(logits)[0]) == vocab - 1


@pytest.mark.parametrize("vocab", [30, 700])
@pytest.mark.parametrize("settings", [dict(temperature=0.8, top_p=0.9), dict(temperature=1.2, top_k=7),
                                      dict(temperature=0), dict(temperature=0.7, repetition_penalty=1.5),
                                      dict(temperature=1.0, top_k=20, top_p=0.5),
                                      dict(temperatures=(0.0, 0.8, 1.3), top_p=0.9)])
def test_the_compiled_chooser_picks_what_the_numpy_one_picks(vocab, settings):
    """Same logits, same draws: the same symbol, step after step, in every row."""
    from rnnstudio.core.model.sample import _Chooser

    cfg = SampleConfig(**settings)
    rows = 3
    choosers = [_Chooser(cfg, vocab, vocab - 1, [1, 2, 3], rows, np.random.default_rng(5), k)
                for k in (None, _compiled(True))]
    logits_rng = np.random.default_rng(0)
    for _ in range(300):
        logits = logits_rng.normal(0, 3, (rows, vocab)).astype(np.float32)
        picks = [c(logits).copy() for c in choosers]
        assert np.array_equal(*picks)
        assert not np.any(picks[0] == vocab - 1)


@pytest.mark.parametrize("vocab", [5, 65, 256])
@pytest.mark.parametrize("spread,top_p,top_k", [
    (0.05, 0.9, 0),        # nearly flat: the nucleus is most of the row (the compiled one sorts past 16)
    (3.0, 0.9, 0),         # peaked: a few symbols, found a pass each
    (3.0, 0.01, 0),        # the likeliest alone
    (1.0, 0.9999999, 4),   # top-p at the edge of the whole mass, with top-k's zeros in the row
])
@pytest.mark.parametrize("ties", [False, True])
def test_top_p_over_a_small_alphabet_picks_alike_in_both_choosers(vocab, spread, top_p, top_k, ties):
    """Small alphabets take their own top-p path in each chooser (compiled.nucleus, a pass a
    symbol, and one stable sort in numpy): the same symbol, step after step, with ties among
    the likeliest (integer logits) or without, nuclei of one symbol to the whole row."""
    from rnnstudio.core.model.sample import _Chooser

    cfg = SampleConfig(temperature=1.0, top_p=top_p, top_k=top_k)
    choosers = [_Chooser(cfg, vocab, None, [0], 2, np.random.default_rng(5), k) for k in (None, _compiled(True))]
    logits_rng = np.random.default_rng(0)
    sizes = set()
    for _ in range(200):
        logits = logits_rng.normal(0, spread, (2, vocab)).astype(np.float32)
        if ties:   # quarter units: a nearly flat row becomes a few values, each shared by many symbols
            logits = (np.round(logits * 4) / 4).astype(np.float32)
        picks = [c(logits).copy() for c in choosers]
        assert np.array_equal(*picks)
        p = np.exp(logits[0] - logits[0].max())
        sizes.add(int(np.searchsorted(np.cumsum(np.sort(p)[::-1]), np.float32(top_p) * p.sum())) + 1)
    if spread == 0.05 and vocab > 16:
        assert max(sizes) > 16   # the compiled chooser's sorting fallback ran


@pytest.mark.parametrize("compiled", [False, True])
def test_temperatures_side_by_side_in_one_batch(trained, compiled, monkeypatch):
    """"Compare temperatures" runs one batch with a temperature a row: the greedy row writes the
    greedy text, and the others are random, reproducible and different from it."""
    monkeypatch.setattr("rnnstudio.core.model.sample.COMPILED_FROM", 0 if compiled else 10**9)
    monkeypatch.setattr(kernels, "_kernels", None)
    cfg = SampleConfig(prime="ROMEO:", length=120, temperatures=(0.0, 0.9, 1.3), seed=3)
    rows = trained.generate(cfg)
    assert kernels.loaded() == compiled
    assert len(rows) == 3 and all(len(r) == 120 for r in rows)
    assert rows[1] != rows[0] and rows[2] != rows[1]
    # the rows share their draws: each is what one sample at its temperature and seed writes
    for text, t in zip(rows, cfg.temperatures):
        assert text == trained.generate(SampleConfig(prime="ROMEO:", length=120, temperature=t, seed=3))[0]
    for bad in [dict(temperatures=(0.5, -1.0)), dict(temperatures=(True,)), dict(temperatures=0.5),
                dict(temperatures=(0.5, 1.0), num_samples=4)]:
        with pytest.raises(ValueError):
            SampleConfig(**bad)
    assert SampleConfig(temperatures=[np.float32(0.5), 1]).temperatures == (0.5, 1.0)   # a tuple of floats


@pytest.mark.parametrize("compiled", [False, True])
def test_a_draw_on_the_edge_of_a_symbol_picks_alike_in_both_choosers(compiled):
    """Four equal logits, a draw a hair below a quarter: the cumulative masses are float32 in both
    choosers, so both land on the same side of the boundary (a float64 draw once did not)."""
    from rnnstudio.core.model.sample import _Chooser

    class Fixed:
        def random(self, size=None):
            u = 0.25 - 1e-9
            return u if size is None else np.full(size, u)

    logits = np.zeros((1, 4), dtype=np.float32)
    for settings in [dict(temperature=1.0), dict(temperature=1.0, top_p=0.99), dict(temperatures=(1.0,))]:
        picks = [int(_Chooser(SampleConfig(**settings), 4, None, [0], 1, Fixed(), k)(logits)[0])
                 for k in (None, _compiled(True))]
        assert picks[0] == picks[1], settings


def test_a_long_generation_runs_compiled_and_writes_the_same_text(trained, monkeypatch):
    cfg = SampleConfig(prime="ROMEO:", length=400, temperature=0.8, top_p=0.9, seed=11)
    monkeypatch.setattr(kernels, "_kernels", None)   # as in a fresh process
    numpy_text = "".join(t.text for t in trained.stream(cfg, probabilities=False))
    assert not kernels.loaded()   # 400 symbols do not repay loading numba
    monkeypatch.setattr("rnnstudio.core.model.sample.COMPILED_FROM", 400)
    compiled_text = "".join(t.text for t in trained.stream(cfg, probabilities=False))
    assert kernels.loaded()
    assert compiled_text == numpy_text
    # once loaded, every generation of the process uses it, with the probabilities the app shows too
    tokens = list(trained.stream(cfg.replace(length=50)))
    assert "".join(t.text for t in tokens) == numpy_text[:50]
    assert all(0 < t.prob <= 1 for t in tokens)


def test_a_slow_model_runs_few_steps_a_call_so_its_text_comes_steadily(trained, monkeypatch):
    """A call's symbols reach the window together, after it: a model whose step takes 4 ms gets
    calls of at most CHUNK_SECONDS' worth of steps (5), not 256 (a second's lump), and the same
    text as one that runs at full size. The generation's clock is the test's: each call moves it
    on 4 ms a step, so the pace is exact whatever the machine's."""
    from rnnstudio.core.model import sample as sample_module

    monkeypatch.setattr(sample_module, "COMPILED_FROM", 0)
    cfg = SampleConfig(prime="ROMEO:", length=300, temperature=0.8, top_p=0.9, seed=2)
    fast = "".join(t.text for t in trained.stream(cfg))
    sizes, run, clock = [], Stepper.run, [0.0]

    def slow(self, pick, ids):
        sizes.append(ids.shape[0])
        clock[0] += 0.004 * ids.shape[0]
        run(self, pick, ids)

    monkeypatch.setattr(sample_module, "time", types.SimpleNamespace(perf_counter=lambda: clock[0]))
    monkeypatch.setattr(Stepper, "run", slow)
    tokens = list(trained.stream(cfg))
    assert "".join(t.text for t in tokens) == fast
    sizes = sizes[sizes.index(sample_module.CHUNK_FIRST):]   # the generation's calls (before them: the probe's one step)
    assert sum(sizes) == 300
    assert max(sizes[1:]) <= sample_module.CHUNK_SECONDS / 0.004 and len(sizes) >= 300 / 5


@pytest.mark.parametrize("settings", [dict(temperature=0.8, top_p=0.9), dict(temperatures=(0.0, 0.7, 1.2)),
                                      dict(num_samples=3, top_k=5, stop=("e ",)), dict(temperature=0.0)])
@pytest.mark.parametrize("probabilities", [True, False])
def test_the_compiled_generation_runs_many_steps_a_call_and_writes_what_numpy_writes(
        trained, settings, probabilities, monkeypatch):
    """compiled.generate chooses and steps 8, then 16, ... up to 256 steps a call (no time bound
    here, so the calls' edges do not depend on the machine's pace), its draws taken before each
    call: the same symbols, probabilities and likeliest alternatives as the numpy step one call a
    step, across the calls' edges (300 symbols: six calls)."""
    from rnnstudio.core.model.stepper import Stepper as RealStepper

    monkeypatch.setattr("rnnstudio.core.model.sample.CHUNK_SECONDS", 1e9)

    cfg = SampleConfig(prime="ROMEO:", length=300, seed=5, alternatives=3, **settings)
    monkeypatch.setattr("rnnstudio.core.model.sample.COMPILED_FROM", 10**9)
    monkeypatch.setattr(kernels, "_kernels", None)
    want = list(trained.stream(cfg, probabilities=probabilities))
    assert not kernels.loaded()
    monkeypatch.setattr("rnnstudio.core.model.sample.COMPILED_FROM", 0)
    calls = []
    real_run = RealStepper.run
    monkeypatch.setattr(RealStepper, "run", lambda self, pick, ids: calls.append(len(ids)) or real_run(self, pick, ids))
    got = list(trained.stream(cfg, probabilities=probabilities))
    assert kernels.loaded() and calls[0] == 1   # the first: _compiled_works's check, on scratch buffers
    if not cfg.stop:
        assert calls[1:] == [8, 16, 32, 64, 128, 52]
    assert [(t.sample, t.text) for t in got] == [(t.sample, t.text) for t in want]
    if probabilities:
        assert np.allclose([t.prob for t in got], [t.prob for t in want], atol=1e-4)
        assert [[s for s, _ in t.alternatives] for t in got] == [[s for s, _ in t.alternatives] for t in want]
        assert all(len(t.alternatives) == 3 and 0 < t.prob <= 1 for t in got)
    else:
        assert all(np.isnan(t.prob) and t.alternatives == () for t in got)


@pytest.mark.parametrize("cell,cutoffs,samples", [("gru", (40, 150), 1), ("lstm", (40,), 3)])
def test_an_adaptive_head_generates_compiled_as_in_numpy(cell, cutoffs, samples, request, monkeypatch):
    """A Chinese text's model (thousands of symbols, an adaptive output layer): its exact
    log-probabilities computed in the compiled calls (compiled.adaptive_head) write the same
    symbols, with the same probabilities, as numpy's step and head."""
    from rnnstudio.core.data.tokenizer import Tokenizer

    text = (request.config.rootpath / "resources/corpora/tang_poems.txt").read_text(encoding="utf-8")[:4000]
    tok = Tokenizer.build(text)
    assert tok.vocab_size > 300
    torch.manual_seed(2)
    model = CharRNN(ModelConfig(cell=cell, vocab_size=tok.vocab_size, emb_size=16, hidden_size=24, layers=2,
                                cutoffs=cutoffs)).eval()
    model.set_frequencies(tok.counts)
    with torch.no_grad():   # a head with an opinion: some symbols far likelier than others
        model.head.head.weight.mul_(8)
    sampler = Sampler(model, tok)
    cfg = SampleConfig(prime=text[:10], length=150, seed=7, temperature=0.9, top_k=50, alternatives=4,
                       num_samples=samples)
    monkeypatch.setattr("rnnstudio.core.model.sample.COMPILED_FROM", 10**9)
    monkeypatch.setattr(kernels, "_kernels", None)
    want = list(sampler.stream(cfg))
    monkeypatch.setattr("rnnstudio.core.model.sample.COMPILED_FROM", 0)
    got = list(sampler.stream(cfg))
    assert kernels.loaded() and sampler.stepper(1, compiled=True).adaptive is not None
    assert [(t.sample, t.text) for t in got] == [(t.sample, t.text) for t in want]
    assert len(set(t.text for t in got)) > 20
    assert np.allclose([t.prob for t in got], [t.prob for t in want], atol=1e-5)
    assert [[s for s, _ in t.alternatives] for t in got] == [[s for s, _ in t.alternatives] for t in want]


def test_without_numba_or_when_switched_off_the_numpy_step_runs(trained, monkeypatch, caplog):
    cfg = SampleConfig(prime="ROMEO:", length=30, seed=2)
    want = trained.generate(cfg)[0]
    monkeypatch.setattr("rnnstudio.core.model.sample.COMPILED_FROM", 1)
    monkeypatch.setenv("RNNSTUDIO_COMPILED_STEP", "0")
    assert kernels.get() is None and trained.stepper(1, compiled=True).compiled is None
    assert trained.generate(cfg)[0] == want
    monkeypatch.delenv("RNNSTUDIO_COMPILED_STEP")
    # numba present but broken: logged once, and generation goes on in numpy
    import sys
    monkeypatch.setattr(kernels, "_kernels", None)
    monkeypatch.setattr(kernels, "_failed", False)
    monkeypatch.setitem(sys.modules, "rnnstudio.core.model.compiled", None)   # its import fails
    assert kernels.get() is None and "numba could not be loaded" in caplog.text
    assert trained.generate(cfg)[0] == want


@pytest.mark.parametrize("broken", ["choose", "generate"])
def test_a_kernel_that_fails_at_its_first_call_falls_back_to_numpy(trained, broken, monkeypatch, caplog):
    """A numba and numpy pair that cannot compile a kernel: the generation runs in numpy, whole
    and the same, and the failure is logged once."""
    cfg = SampleConfig(prime="ROMEO:", length=60, seed=4, top_p=0.9)
    want = "".join(t.text for t in trained.stream(cfg))
    k = kernels.get()

    class Broken:
        def __getattr__(self, name):
            if name == broken:
                def fails(*args):
                    raise TypeError(f"No implementation of function {name} for these types")
                return fails
            return getattr(k, name)

    monkeypatch.setattr(kernels, "_kernels", Broken())
    monkeypatch.setattr("rnnstudio.core.model.sample.COMPILED_FROM", 1)
    tokens = list(trained.stream(cfg))
    assert "".join(t.text for t in tokens) == want and len(tokens) == 60
    assert "the compiled generation step failed" in caplog.text
    assert kernels.get() is None   # numpy from now on in this process


@pytest.mark.parametrize("vocab", [30, 700])
def test_the_compiled_probabilities_are_numpys(vocab):
    """What the app shows on hover: each symbol's probability and the five likeliest."""
    from rnnstudio.core.model.sample import _Shown, _softmax, _top

    logits = np.random.default_rng(1).normal(0, 3, (3, vocab)).astype(np.float32)
    names = np.array([f"s{i}" for i in range(vocab)], dtype=object)
    want = _top(_softmax(logits), 5)
    for compiled in (True, False):   # each as the stream shows it: the symbols' texts, likeliest first
        shown = _Shown(_compiled(True) if compiled else None, 3, vocab, 5, names)
        probs = shown(logits).copy()
        assert np.abs(probs - _softmax(logits)).max() < 1e-6
        got = shown.top(probs, 5)
        assert [[s for s, _ in row] for row in got] == [[f"s{i}" for i, _ in row] for row in want]
        assert np.allclose([[p for _, p in row] for row in got], [[p for _, p in row] for row in want], atol=1e-6)



@pytest.mark.parametrize("cell,cutoffs", [("lstm", ()), ("gru", ()), ("rnn_tanh", ()), ("lstm", (40,))])
@pytest.mark.parametrize("threads,samples", [(2, 4), (2, 5), (2, 6), (3, 7)])
def test_samples_split_among_threads_write_what_one_thread_writes(cell, cutoffs, threads, samples, request,
                                                                  monkeypatch):
    """Several samples on several cores (the command line's --num-samples): each thread runs whole
    steps for its own rows (Stepper._split), its pairs of rows the pairs one thread makes; the
    same text, probabilities and alternatives as one thread. Python's threads, not numba's, so
    this runs in the test's process with the threads asked for, whatever cores the machine has."""
    from rnnstudio.core.data.tokenizer import Tokenizer

    text = (request.config.rootpath / "resources/corpora/tang_poems.txt").read_text(encoding="utf-8")[:3000]
    tok = Tokenizer.build(text)
    torch.manual_seed(4)
    model = CharRNN(ModelConfig(cell=cell, vocab_size=tok.vocab_size, emb_size=16, hidden_size=24, layers=2,
                                cutoffs=cutoffs)).eval()
    model.set_frequencies(tok.counts)
    with torch.no_grad():
        (model.head.head if cutoffs else model.head).weight.mul_(6)
    sampler = Sampler(model, tok)
    monkeypatch.setattr("rnnstudio.core.model.sample.COMPILED_FROM", 0)
    monkeypatch.setattr(kernels, "threads", lambda: threads)
    split = sampler.stepper(samples, compiled=True, parallel=True)
    rows = [part.rows for part in split.parts]
    assert len(rows) == threads and rows[0][0] == 0 and rows[-1][1] == samples
    assert all(lo % 2 == 0 and hi - lo >= 2 for lo, hi in rows)   # whole pairs, each thread some
    cfg = SampleConfig(prime=text[:6], length=300, seed=5, temperature=0.9, top_p=0.95, alternatives=3,
                       num_samples=samples)
    want = list(sampler.stream(cfg, parallel=False))
    got = list(sampler.stream(cfg, parallel=True))
    assert [(t.sample, t.text) for t in got] == [(t.sample, t.text) for t in want]
    assert len({t.text for t in got}) > 20 and {t.sample for t in got} == set(range(samples))
    assert [t.prob for t in got] == [t.prob for t in want]
    assert [t.alternatives for t in got] == [t.alternatives for t in want]
    # the samples differ from each other (each row its own draws, not a copy of another's)
    texts = sampler.generate(cfg.replace(length=80), parallel=True)
    assert len(set(texts)) == samples and texts == sampler.generate(cfg.replace(length=80))


def test_a_split_needs_a_pair_of_samples_a_thread(trained, monkeypatch):
    monkeypatch.setattr(kernels, "threads", lambda: 2)
    assert not trained.stepper(3, compiled=True, parallel=True).parts      # its products' rows are shared
    assert len(trained.stepper(4, compiled=True, parallel=True).parts) == 2
    assert not trained.stepper(4, compiled=True, parallel=False).parts    # the app: one thread


def test_a_split_part_that_fails_waits_for_the_others(trained, monkeypatch):
    """One thread's part raises while another's is still running: the call raises only after
    every part is done with the shared buffers (a numpy fallback would step over them next)."""
    import threading

    from rnnstudio.core.model.sample import _Chooser

    monkeypatch.setattr(kernels, "threads", lambda: 3)
    stepper = trained.stepper(6, compiled=True, parallel=True)
    assert len(stepper.parts) == 3
    finished, returned = [], threading.Event()

    def failing(*args):
        raise RuntimeError("this part failed")

    def slow(*args):   # still running when the other part fails: it goes on once run() returned
        returned.wait(timeout=0.5)   # (or after 0.5 s, when run() waits for it, as it should)
        kernels.get().generate(*args)
        finished.append(True)

    stepper.parts[1].compiled = types.SimpleNamespace(generate=failing)
    stepper.parts[2].compiled = types.SimpleNamespace(generate=slow)
    choose = _Chooser(SampleConfig(num_samples=6), trained.tokenizer.vocab_size, None, [], 6,
                      np.random.default_rng(0), kernels.get())
    ids = np.empty((5, 6), dtype=np.int64)
    shown = (-1, np.empty((6, 1), np.float32), np.empty((5, 6), np.float32), np.zeros((5, 6, 1), np.int64),
             np.zeros((5, 6, 1), np.float32))
    with pytest.raises(RuntimeError, match="this part failed"):
        stepper.run(choose.pick(5) + shown, ids)
    done_when_it_raised = list(finished)
    returned.set()
    assert done_when_it_raised == [True]


PARALLEL_CHECK = """
import numpy as np, torch
import numba
from rnnstudio.core.config import CELLS, ModelConfig, SampleConfig
from rnnstudio.core.model import kernels
from rnnstudio.core.model.sample import _Chooser
from rnnstudio.core.model.network import CharRNN
from rnnstudio.core.model.stepper import Stepper
assert kernels.get() is not None
numba.set_num_threads(min(2, numba.config.NUMBA_NUM_THREADS))   # one thread on a one-core machine: the same code
for cell in CELLS:
    torch.manual_seed(0)
    model = CharRNN(ModelConfig(cell=cell, vocab_size=20, emb_size=8, hidden_size=16, layers=2)).eval()
    for batch in (1, 3, 6):   # 6: split by rows among Python's threads where there are two cores (Stepper._split)
        steppers = [Stepper(model, batch).with_batch(batch, c, p) for c, p in ((False, False), (True, True))]
        assert steppers[1].parallel
        ids = np.random.default_rng(0).integers(0, 20, (12, batch))
        out = [np.stack([s.step(i).copy() for i in ids]) for s in steppers]
        # int8: the inputs' rounding may go the other way on a few (a float32 ulp apart before it)
        assert np.abs(out[0] - out[1]).max() < (5e-5 if kernels.int8() else 1e-5), (cell, batch)
        # the whole loop, choosing included: compiled.generate against generate_parallel (or the split)
        runs = []
        for s in [Stepper(model, batch).with_batch(batch, True, p) for p in (False, True)]:
            s.logits[:] = 0.0
            cfg = SampleConfig(temperature=0.9, top_p=0.95, num_samples=batch)
            choose = _Chooser(cfg, 20, None, [], batch, np.random.default_rng(3), s.compiled)
            ids = np.empty((40, batch), dtype=np.int64)
            shown = (-1, np.empty((batch, 1), np.float32), np.empty((40, batch), np.float32),
                     np.zeros((40, batch, 1), np.int64), np.zeros((40, batch, 1), np.float32))
            s.run(choose.pick(40) + shown, ids)
            runs.append(ids)
        assert (runs[0] == runs[1]).all() and len(np.unique(runs[0])) > 3, (cell, batch)
print("ok")
"""


@pytest.mark.parametrize("int8", ["0", "1"])
def test_the_products_shared_among_the_cores_give_the_same_step(int8):
    """In its own process, as the command line uses it (numba's threads are not for the app):
    float32 products, and int8 ones."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {k: v for k, v in os.environ.items() if not k.startswith("RNNSTUDIO_")}
    res = subprocess.run([sys.executable, "-c", PARALLEL_CHECK], capture_output=True, text=True, timeout=300,
                         env={**env, "PYTHONPATH": str(root), "RNNSTUDIO_INT8": int8})
    assert res.returncode == 0 and res.stdout.strip() == "ok", res.stderr[-3000:]


def test_one_core_when_asked_or_without_numba(monkeypatch):
    """RNNSTUDIO_SAMPLE_THREADS=1 (a busy or shared machine) keeps generation on one core, and
    nothing is shared without the compiled step (checked without starting numba's threads)."""
    monkeypatch.setenv("RNNSTUDIO_SAMPLE_THREADS", "1")
    assert kernels.use_cores() is False
    monkeypatch.setenv("RNNSTUDIO_SAMPLE_THREADS", "2")
    monkeypatch.setenv("RNNSTUDIO_COMPILED_STEP", "0")
    assert kernels.use_cores() is False
