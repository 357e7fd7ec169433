"""rnnstudio-cli inspect, in a subprocess as a script runs it, on a model trained here."""
from __future__ import annotations

import html
import re

import pytest

from rnnstudio.core.model.bundle import save_bundle
from rnnstudio.core.config import ModelConfig
from rnnstudio.core.data.corpus import Corpus
from rnnstudio.core.training.train import Trainer

from .core.helpers import TINY_TRAIN, run_all
from .core.test_inspect import quote_text
from .test_cli import cli


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("inspect")
    text = quote_text(1500, 1)
    (d / "corpus.txt").write_text(text, encoding="utf-8")
    (d / "new.txt").write_text(quote_text(20, 9), encoding="utf-8")
    # a copy of training text (the first part: the last tenth is validation)
    (d / "copy.txt").write_text(text[2000:2300], encoding="utf-8")
    trainer = Trainer(Corpus.from_text(text, "corpus.txt"), ModelConfig(emb_size=16, hidden_size=32, layers=1),
                      TINY_TRAIN.replace(max_steps=300, eval_interval=0, sample_length=0, seq_len=64, lr=2e-2))
    run_all(trainer)
    save_bundle(trainer.bundle(), d / "m.rnnstudio")
    return d


def _spans(page: str) -> str:
    body = page.split("<pre>")[1].split("</pre>")[0].replace("↵<br>", "\n")
    return html.unescape(re.sub(r"<[^>]+>", "", body))


def test_surprise_prints_the_loss_and_writes_a_page(files):
    res = cli("inspect", files / "m.rnnstudio", "--text", files / "new.txt", "--surprise",
              "--html", files / "s.html")
    nats = float(res.stdout.split()[0])
    assert 0 < nats < 2.5 and "bits" in res.stdout
    page = (files / "s.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert _spans(page) == (files / "new.txt").read_text(encoding="utf-8")   # every symbol, in order
    assert "p = " in page   # the details on hover


def test_probe_finds_a_quote_unit(files):
    res = cli("inspect", files / "m.rnnstudio", "--text", files / "new.txt", "--probe", "quotes")
    scores = [float(s) for s in re.findall(r"score (\d\.\d+)", res.stdout)]
    assert scores and scores[0] >= 0.8 and scores == sorted(scores, reverse=True)


def test_neurons_and_their_errors(files):
    res = cli("inspect", files / "m.rnnstudio", "--text", files / "new.txt", "--neurons", "0:5", "--signal", "c")
    assert "layer 0, unit 5, c:" in res.stdout
    bad = cli("inspect", files / "m.rnnstudio", "--text", files / "new.txt", "--neurons", "0:99", check=False)
    assert bad.returncode == 2 and "32 units" in bad.stderr and "Traceback" not in bad.stderr
    bad = cli("inspect", files / "m.rnnstudio", "--text", files / "new.txt", "--neurons", "3:1", check=False)
    assert bad.returncode == 2 and "1 layer" in bad.stderr


def test_memorisation_of_a_copy_and_of_new_text(files):
    res = cli("inspect", files / "m.rnnstudio", "--text", files / "copy.txt", "--memorisation", files / "corpus.txt")
    assert "8-grams 100.0%, 16-grams 100.0%, 32-grams 100.0%" in res.stdout
    assert "longest copied span 300 symbols" in res.stdout
    noise = files / "noise.txt"
    noise.write_text("qzj xkw vpy " * 10, encoding="utf-8")
    res = cli("inspect", files / "m.rnnstudio", "--text", noise, "--memorisation", files / "corpus.txt")
    assert "8-grams 0.0%" in res.stdout


def test_html_never_replaces_a_file_it_did_not_write(files):
    precious = files / "notes.html"
    precious.write_text("<html>my notes</html>", encoding="utf-8")
    res = cli("inspect", files / "m.rnnstudio", "--text", files / "new.txt", "--surprise", "--html", precious,
              check=False)
    assert res.returncode == 2 and precious.read_text(encoding="utf-8") == "<html>my notes</html>"
    # its own report from an earlier run is replaced without asking
    own = files / "own.html"
    for _ in range(2):
        cli("inspect", files / "m.rnnstudio", "--text", files / "new.txt", "--surprise", "--html", own)
    # and the text itself is never the output
    res = cli("inspect", files / "m.rnnstudio", "--text", files / "new.txt", "--surprise", "--html",
              files / "new.txt", "--force", check=False)
    assert res.returncode == 2 and "new.txt" in res.stderr
