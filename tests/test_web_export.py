"""The model as a web page, run in a real browser: headless Chromium (Debian's `chromium`, which
.ci/run installs from the README's apt line; without it these tests fail, saying so).

For every cell and both output layers, one to three layers, characters and words, Chinese and
English, the page opened from disk (file://) writes at temperature 0 exactly what
`rnnstudio-cli sample --temperature 0` writes. One browser serves every page.
"""
from __future__ import annotations

import contextlib
import io
import json
import re

import numpy as np
import pytest
import torch

from rnnstudio.cli.main import main as cli_main
from rnnstudio.core.config import CELLS, ModelConfig
from rnnstudio.core.data.corpus import Corpus
from rnnstudio.core.model.bundle import load_bundle, save_bundle
from rnnstudio.core.training.train import Trainer
from tools.headless_chromium import Chromium, page_url

from .core.helpers import TINY_TRAIN, run_all

QUICK = TINY_TRAIN.replace(max_steps=8, eval_interval=4, sample_length=0, seq_len=16, batch_size=8)
LAYERS = {"rnn_tanh": 1, "rnn_relu": 2, "lstm": 2, "gru": 3}
CUTOFFS = {"char": (8, 40), "word": (40, 200)}
PRIMES = ["床前明月光", "ROMEO:", "", "春眠不覺曉，處處聞啼鳥"]


def cases():
    out = []
    for n, cell in enumerate(CELLS):
        for head in ("full", "adaptive"):
            out.append((f"{cell}-{head}", cell, head, LAYERS[cell], "char", PRIMES[(2 * n + (head == "adaptive")) % 4]))
    out.append(("lstm-full-words", "lstm", "full", 2, "word", "First Citizen:\nWe are"))
    out.append(("gru-adaptive-words", "gru", "adaptive", 1, "word", "Citizen"))
    return out


CASES = cases()


def cli(*args) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        status = cli_main([str(a) for a in args])
    assert status == 0, out.getvalue()
    return out.getvalue()


@pytest.fixture(scope="module")
def corpora(tang_text, shakespeare_text):
    # Chinese poems with some English, rare characters merged into the unknown symbol
    mixed = Corpus.from_text(tang_text[:12000] + shakespeare_text[:6000], "mixed.txt", min_count=2)
    words = Corpus.from_text(shakespeare_text[:20000], "shakespeare.txt", tokenizer="word")
    return {"char": mixed, "word": words}


@pytest.fixture(scope="module")
def models(corpora, tmp_path_factory):
    """One tiny model per case, trained a few steps, saved as a user would have it."""
    folder = tmp_path_factory.mktemp("web")
    paths = {}
    for name, cell, head, layers, kind, _ in CASES:
        config = ModelConfig(cell=cell, emb_size=16, hidden_size=24, layers=layers,
                             cutoffs=CUTOFFS[kind] if head == "adaptive" else ())
        trainer = Trainer(corpora[kind], config, QUICK)
        run_all(trainer)
        paths[name] = save_bundle(trainer.bundle(), folder / f"{name}.rnnstudio")
    return paths


@pytest.fixture(scope="module")
def browser():
    with Chromium(timeout=120) as chromium:
        yield chromium


@pytest.fixture(scope="module")
def excerpts(tang_text, shakespeare_text):
    """Texts the page encodes and runs, against the engine: rare characters (the unknown symbol),
    punctuation, line breaks, and for words a passage the tiny model never trained on."""
    return {"char": tang_text[30000:30060] + shakespeare_text[2000:2060], "word": shakespeare_text[30000:30600]}


@pytest.mark.parametrize("name,cell,head,layers,kind,prime", CASES, ids=[c[0] for c in CASES])
def test_the_page_writes_what_the_cli_writes_at_temperature_0(models, browser, excerpts, tmp_path, name, cell,
                                                              head, layers, kind, prime):
    model = models[name]
    page = tmp_path / f"{name}.html"
    assert cli("export", model, "--format", "html", "--out", page).strip() == f"wrote {page}"
    want = cli("sample", model, "--prime", prime, "--length", 100, "--temperature", 0)
    assert want.endswith("\n")
    got = browser.run_page(page_url(page, prime=prime, length=100, temperature=0))
    assert got["text"] == want[:-1]
    if kind == "char":
        assert len(got["text"]) == len(prime) + 100
    assert got["rate"] > 0
    # and the numbers behind it: the page's ids and next-symbol log-probabilities after a longer text
    text = excerpts[kind]
    ids, logp = browser.evaluate(page_url(page), f"[rnnstudio.encode({json.dumps(text)}), "
                                                 f"rnnstudio.nextLogProbs({json.dumps(text)})]")
    bundle = load_bundle(model)
    assert ids == bundle.tokenizer.encode(text, unknown="skip").tolist()
    with torch.no_grad():
        want_logp = torch.log_softmax(bundle.build_model()(torch.tensor([ids]))[0][0, -1], -1).numpy()
    np.testing.assert_allclose(np.array(logp), want_logp, atol=2e-5)


@pytest.fixture(scope="module")
def chinese_page(models, tmp_path_factory):
    page = tmp_path_factory.mktemp("zh") / "poems.html"
    cli("export", models["lstm-adaptive"], "--format", "html", "--out", page, "--language", "zh_CN")
    return page


def test_the_page_describes_the_model_in_the_chosen_language(models, browser, chinese_page, tmp_path):
    zh = browser.run_page(page_url(chinese_page, prime="床前", length=20, temperature=0))
    assert zh["lang"] == "zh-CN"
    for words in ("验证损失", "训练文本", "mixed.txt（18,000 个符号）", "RNN Studio 0.1.0", "lstm-adaptive", "每秒"):
        assert words in zh["body"], words
    page = tmp_path / "english.html"
    cli("export", models["lstm-full-words"], "--format", "html", "--out", page)
    en = browser.run_page(page_url(page, prime="Citizen", length=20, temperature=0))
    assert en["lang"] == "en"
    assert re.search(r"Validation loss\s*\d\.\d{4} nats per symbol", en["body"]), en["body"]
    for words in ("lstm-full-words", "shakespeare.txt", "LSTM, 2 layer(s) of 24", "word symbols", "symbols/s", "Generate"):
        assert words in en["body"], words


def test_sampling_in_the_page_is_repeatable_with_a_seed_and_never_writes_the_unknown_symbol(browser, chinese_page):
    query = dict(prime="床前", length=300, temperature=1.2, top_p=0.95, seed=7)
    first = browser.run_page(page_url(chinese_page, **query))["text"]
    again = browser.run_page(page_url(chinese_page, **query))["text"]
    other = browser.run_page(page_url(chinese_page, **{**query, "seed": 8}))["text"]
    top_k = browser.run_page(page_url(chinese_page, **{**query, "top_p": 1, "top_k": 3}))["text"]
    assert first == again != other
    assert all(len(t) == 302 and "\ufffd" not in t for t in (first, other, top_k))
    # top-k 1 and top-p 0 keep only the likeliest symbol: the greedy text, whatever the seed
    greedy = browser.run_page(page_url(chinese_page, prime="床前", length=100, temperature=0))["text"]
    for narrow in ({"top_k": 1}, {"top_p": 0}):
        assert browser.run_page(page_url(chinese_page, **{**query, "length": 100, **narrow}))["text"] == greedy


def test_the_page_splits_words_as_python_does_over_every_character(models, browser, tmp_path):
    """The word tokenizer is Python's \\w+|\\s+|[^\\w\\s]; the page's regular expression must cut
    every text the same way: all of the Basic Multilingual Plane, and some characters beyond it."""
    from rnnstudio.core.data.tokenizer import _WORD_RE

    page = tmp_path / "words.html"
    cli("export", models["gru-adaptive-words"], "--format", "html", "--out", page)
    text = "".join(chr(c) for c in range(1, 0x10000) if not 0xD800 <= c < 0xE000) + "𝑥𝟙😀𠀀 a_1"
    got = browser.evaluate(page_url(page), f"rnnstudio.split({json.dumps(text)})")
    want = _WORD_RE.findall(text)
    first = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), None)
    assert got == want, (first, got[first - 1:first + 2] if first else None, want[first - 1:first + 2] if first else None)


def test_generate_and_stop_buttons(browser, chinese_page):
    """A user's click on Generate streams text; Stop ends it (the page's own timer presses it once
    the first piece is out), and the page says it is done."""
    clicks = """new Promise((resolve) => {
      const $ = (id) => document.getElementById(id), out = $("output");
      $("prime").value = "春"; $("length").value = "1000000"; $("temperature").value = "0.8";
      window.addEventListener("rnnstudio-done", () => resolve(
          [out.textContent.length, out.dataset.done, $("generate").disabled, $("stop").disabled]), {once: true});
      $("generate").click();
      new MutationObserver((_, watcher) => { watcher.disconnect(); $("stop").click(); })
          .observe(out, {childList: true, characterData: true, subtree: true});
    })"""
    length, done, generate_disabled, stop_disabled = browser.evaluate(page_url(chinese_page), clicks)
    assert 1 < length < 1_000_000 and done == "true" and not generate_disabled and stop_disabled


def test_the_page_needs_nothing_outside_itself(chinese_page):
    html = chinese_page.read_text(encoding="utf-8")
    assert not re.search(r"\b(src|href)\s*=|<link|@import|url\(|fetch\(|XMLHttpRequest|import\(", html)


def test_torchscript_is_refused_in_one_line_naming_what_replaces_it(models, tmp_path, capsys):
    assert cli_main(["export", str(models["lstm-full"]), "--format", "torchscript", "--out",
                     str(tmp_path / "m.pt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "pt2" in err and "onnx" in err and "Traceback" not in err
    assert not (tmp_path / "m.pt").exists()
