"""int8 weights for generation (quantize.py, madd.py, compiled.qrows_product): exact sums, the
numpy and compiled steps agreeing, and what it costs a trained model in loss."""
from __future__ import annotations

from pathlib import Path

import numba
import numpy as np
import pytest
import torch

from rnnstudio.core.config import CELLS, ModelConfig, SampleConfig
from rnnstudio.core.model import kernels, madd, quantize
from rnnstudio.core.model.network import CharRNN
from rnnstudio.core.model.stepper import Stepper

from .test_sample import trained  # noqa: F401  (the module's trained model)

# the AVX2 instruction where this CPU has it, and the plain vector code every CPU compiles
TARGETS = sorted({kernels.host_avx2(), False})


@pytest.fixture
def int8(monkeypatch):
    monkeypatch.setenv("RNNSTUDIO_INT8", "1")


def _blocks(x86: bool):
    b42, b41, b11 = madd.block(4, 2, x86), madd.block(4, 1, x86), madd.block(1, 1, x86)

    @numba.njit
    def products(w, z, out):   # every row with every sequence, through each kind of block
        for i in range(0, w.shape[0] - 3, 4):
            for b in range(0, z.shape[0] - 1, 2):
                r = b42(w, i, z, b)
                for t in range(4):
                    out[b, i + t], out[b + 1, i + t] = r[2 * t], r[2 * t + 1]
            if z.shape[0] % 2:
                r = b41(w, i, z, z.shape[0] - 1)
                for t in range(4):
                    out[z.shape[0] - 1, i + t] = r[t]
        for i in range(w.shape[0] // 4 * 4, w.shape[0]):
            for b in range(z.shape[0]):
                out[b, i] = b11(w, i, z, b)[0]

    return products


@pytest.mark.parametrize("x86", TARGETS)
def test_the_blocks_sum_exactly_up_to_the_largest_inputs(x86):
    products = _blocks(x86)
    rng = np.random.default_rng(0)
    for rows, width, seqs in ((4, 16, 1), (9, 48, 3), (13, 1040, 2)):
        w = rng.integers(-127, 128, (rows, width)).astype(np.int8)
        n = quantize.levels(width)
        z = rng.integers(-n, n + 1, (seqs, width)).astype(np.int16)
        w[0], z[0] = 127, n   # the largest sum an input may make: exact, never wrapped round
        w[1], z[-1] = -127, -n
        out = np.zeros((seqs, rows), np.int32)
        products(w, z, out)
        assert np.array_equal(out, z.astype(np.int64) @ w.astype(np.int64).T), (rows, width, seqs)
    assert int(out[0, 0]) == 1040 * 127 * quantize.levels(1040) < 2**31


def test_rows_round_each_weight_to_its_rows_step_and_keep_the_bias():
    rng = np.random.default_rng(1)
    w = rng.normal(size=(7, 21)).astype(np.float32)
    w[3, :-1] = 0.0   # a row of zeros
    r = quantize.rows(w)
    assert r.q.shape == (7, 32) and r.q.dtype == np.int8 and not r.q[:, 20:].any()
    assert np.abs(r.q).max() == 127 and np.array_equal(r.bias, w[:, -1])
    back = quantize.dequantized(r, 20)
    assert back.shape == w.shape and np.array_equal(back[:, -1], w[:, -1])
    assert (np.abs(back[:, :-1] - w[:, :-1]) <= r.scale[:, None] / 2 * 1.0001).all()
    assert not back[3, :-1].any()
    z = np.hstack([rng.normal(size=(3, 20)), np.ones((3, 1))]).astype(np.float32)
    z[1, :-1] = 0.0
    rz = quantize.rounded(z)
    step = np.abs(z[:, :-1]).max(axis=1) / quantize.levels(20)
    assert (np.abs(rz - z)[:, :-1] <= step[:, None] / 2 * 1.0001).all() and (rz[:, -1] == 1).all()
    assert not rz[1, :-1].any()


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("cutoffs", [(), (8, 14)])
@pytest.mark.parametrize("table", [True, False])
def test_the_compiled_int8_step_is_the_numpy_int8_step(cell, cutoffs, table, int8, monkeypatch):
    """Hidden 13: products end in rows short of four; one sequence, a pair and one, three pairs.
    Both steps take the same rounded numbers (the compiled one sums them exactly); both stay
    near the float32 network."""
    if not table:
        monkeypatch.setattr("rnnstudio.core.model.stepper.TABLE_LIMIT", 0)
    torch.manual_seed(2)
    model = CharRNN(ModelConfig(cell=cell, vocab_size=20, emb_size=6, hidden_size=13, layers=2,
                                cutoffs=cutoffs)).eval()
    for batch in (1, 3, 7):
        seq = torch.randint(0, 20, (batch, 12))
        with torch.no_grad():
            full, _ = model(seq)
        steps = {}
        for compiled in (False, True):
            stepper = Stepper(model, batch=batch, compiled=compiled)
            assert stepper.int8 and (stepper.compiled is not None) == compiled
            assert stepper.zq.shape[1] == (16 if cell == "gru" else 32)   # [h | 1], or layer 1's [x | h | 1]
            steps[compiled] = np.stack([stepper.step(seq[:, t].numpy()).copy() for t in range(12)], 1)
        assert np.abs(steps[True] - steps[False]).max() < 5e-5, batch
        off = np.abs(steps[False] - full.numpy()).max()
        assert 0 < off < 2e-2, (batch, off)   # int8 is not float32, and not far from it


def _loss(model, ids: np.ndarray) -> float:
    stepper = Stepper(model, batch=1)
    total = 0.0
    for t in range(len(ids) - 1):
        out = stepper.step(ids[t:t + 1])[0].astype(np.float64)
        total += out.max() + np.log(np.exp(out - out.max()).sum()) - out[ids[t + 1]]
    return total / (len(ids) - 1)


def test_int8_changes_a_trained_models_loss_by_under_half_a_percent(trained, request, monkeypatch):  # noqa: F811
    text = (request.config.rootpath / "resources/corpora/tinyshakespeare.txt").read_text(encoding="utf-8")
    ids = np.asarray(trained.tokenizer.encode(text[-3000:], unknown="skip"), dtype=np.int64)
    model = trained._cpu_model
    f32 = _loss(model, ids)
    monkeypatch.setenv("RNNSTUDIO_INT8", "1")
    i8 = _loss(model, ids)
    assert f32 < 3.0 and i8 != f32 and abs(i8 - f32) / f32 < 0.005, (f32, i8)


def test_int8_generation_writes_the_same_text_compiled_numpy_and_split(trained, int8, monkeypatch):  # noqa: F811
    cfg = SampleConfig(prime="ROMEO:", length=300, seed=7, temperature=0.9, top_p=0.95, alternatives=3)
    monkeypatch.setattr("rnnstudio.core.model.sample.COMPILED_FROM", 10**9)
    plain = trained.generate(cfg)[0]
    assert not kernels.loaded()
    monkeypatch.setattr("rnnstudio.core.model.sample.COMPILED_FROM", 0)
    assert trained.generate(cfg)[0][:200] == plain[:200]
    assert trained.stepper(1, compiled=True).int8
    # the command line's paths: one sample's rows shared among threads, four samples split in pairs
    assert "".join(t.text for t in trained.stream(cfg, parallel=True))[:200] == plain[:200]
    monkeypatch.setattr(kernels, "threads", lambda: 2)
    four = cfg.replace(num_samples=4, length=150)
    assert len(trained.stepper(4, compiled=True, parallel=True).parts) == 2
    assert trained.generate(four, parallel=True) == trained.generate(four)


def test_greedy_generation_keeps_float32_products(trained, int8, monkeypatch):  # noqa: F811
    """Temperature 0 is what the exports (web page, ONNX) reproduce symbol for symbol, and a
    greedy chain parts at the first near tie: its products stay float32, whatever int8 says."""
    made = []
    stepper = trained.stepper
    monkeypatch.setattr(trained, "stepper", lambda *a, **k: made.append(stepper(*a, **k)) or made[-1])
    monkeypatch.setattr("rnnstudio.core.model.sample.COMPILED_FROM", 0)
    greedy = trained.generate(SampleConfig(prime="ROMEO:", length=300, temperature=0))[0]
    assert made and not made[0].int8
    trained.generate(SampleConfig(prime="ROMEO:", length=30, temperature=0.5, seed=1))
    assert made[-1].int8   # a draw takes int8
    monkeypatch.setenv("RNNSTUDIO_INT8", "0")
    assert trained.generate(SampleConfig(prime="ROMEO:", length=300, temperature=0))[0] == greedy


def test_int8_logits_are_not_float32s(trained, int8):  # noqa: F811
    ids = np.array([3], dtype=np.int64)
    int8_logits = trained.stepper(1, int8=True).step(ids).copy()
    float_logits = trained.stepper(1, int8=False).step(ids)
    assert 0 < np.abs(int8_logits - float_logits).max() < 1e-2


def test_int8_by_default_where_numba_compiles_the_avx2_products(monkeypatch):
    compiled = kernels.get()
    assert compiled._X86 == kernels.host_avx2()   # the stepper's choice follows what numba compiles for
    monkeypatch.delenv("RNNSTUDIO_INT8")
    assert kernels.int8() == compiled._X86
    monkeypatch.setenv("RNNSTUDIO_COMPILED_STEP", "0")
    assert not kernels.int8()   # without the compiled step, rounding would only cost time
    monkeypatch.setenv("RNNSTUDIO_INT8", "1")
    assert kernels.int8()
    monkeypatch.setenv("RNNSTUDIO_INT8", "0")
    monkeypatch.delenv("RNNSTUDIO_COMPILED_STEP")
    assert not kernels.int8()


NO_AVX = """
import numba, numpy as np
from rnnstudio.core.model import kernels
c = kernels.get()
assert not kernels.host_avx2() and not c._X86 and not kernels.int8(), "AVX2 not turned off"

@numba.njit
def four_by_two(w, z):
    return c._block_4x2(w, 0, z, 0)

w = np.arange(-64, 64, dtype=np.int8).reshape(4, 32)
z = np.arange(64, dtype=np.int16).reshape(2, 32) - 30
want = (z.astype(np.int64) @ w.astype(np.int64).T).T.ravel()
assert list(four_by_two(w, z)) == list(want)
print("ok")
"""


def test_with_numbas_avx_turned_off_the_blocks_compile_without_it(tmp_path):
    """NUMBA_ENABLE_AVX=0 (numba's own setting, and its rule for some virtual machines): numba
    compiles for no AVX, so the blocks take the plain vector code, and int8 is not the default."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "NUMBA_ENABLE_AVX": "0", "NUMBA_CACHE_DIR": str(tmp_path)}
    env.pop("RNNSTUDIO_INT8")
    res = subprocess.run([sys.executable, "-c", NO_AVX], capture_output=True, text=True, env=env, timeout=240)
    assert res.returncode == 0 and res.stdout.strip() == "ok", res.stderr[-2000:]


def test_compiled_py_names_madd_py_as_it_is():
    """numba's cache knows compiled.py's sources only: madd.py may change only with compiled.py."""
    import hashlib

    source = Path(madd.__file__).read_text(encoding="utf-8").replace("\r\n", "\n")
    compiled = kernels.get()
    assert hashlib.sha256(source.encode()).hexdigest() == compiled.MADD_SHA256, \
        "madd.py changed: put its sha256 in compiled.MADD_SHA256"
