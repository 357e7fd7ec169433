from __future__ import annotations

import pytest
import torch

from rnnstudio.core.config import CELLS, ModelConfig
from rnnstudio.core.model.network import CharRNN, count_parameters, detach_hidden


@pytest.mark.parametrize("cell", CELLS)
def test_shapes_and_parameter_count(cell):
    cfg = ModelConfig(cell=cell, vocab_size=30, emb_size=8, hidden_size=16, layers=2, dropout=0.1)
    model = CharRNN(cfg)
    logits, hidden = model(torch.randint(0, 30, (3, 7)))
    assert logits.shape == (3, 7, 30)
    first = hidden[0] if cell == "lstm" else hidden
    assert first.shape == (2, 3, 16)
    assert count_parameters(cfg) == sum(p.numel() for p in model.parameters()) == cfg.parameter_count()


def test_parameter_count_matches_the_formula_for_an_lstm():
    cfg = ModelConfig(cell="lstm", vocab_size=65, emb_size=64, hidden_size=256, layers=2)
    emb, head = 65 * 64, 256 * 65 + 65
    layer0 = 4 * 256 * (64 + 256) + 2 * 4 * 256
    layer1 = 4 * 256 * (256 + 256) + 2 * 4 * 256
    assert count_parameters(cfg) == emb + head + layer0 + layer1


def test_hidden_state_carries_context():
    torch.manual_seed(0)
    model = CharRNN(ModelConfig(cell="gru", vocab_size=10, emb_size=4, hidden_size=8, layers=1)).eval()
    seq = torch.randint(0, 10, (1, 12))
    whole, _ = model(seq)
    first, h = model(seq[:, :6])
    second, _ = model(seq[:, 6:], detach_hidden(h))
    assert torch.allclose(torch.cat([first, second], 1), whole, atol=1e-6)


def test_bad_config_is_a_readable_error():
    with pytest.raises(ValueError, match="cell must be one of"):
        ModelConfig(cell="transformer")
    with pytest.raises(ValueError, match="dropout"):
        ModelConfig(dropout=1.5)
    with pytest.raises(ValueError, match="hidden_size"):
        ModelConfig(hidden_size=0)


@pytest.mark.parametrize("cell", CELLS)
@pytest.mark.parametrize("layers,cutoffs", [(1, ()), (3, ()), (2, (10, 40)), (1, (25,))])
def test_parameter_shapes_are_the_networks_own(cell, layers, cutoffs):
    """Loading checks files against parameter_shapes, worked out without building the network."""
    from rnnstudio.core.model.network import parameter_shapes
    config = ModelConfig(cell=cell, vocab_size=97, emb_size=12, hidden_size=40, layers=layers, cutoffs=cutoffs)
    real = {k: tuple(v.shape) for k, v in CharRNN(config).state_dict().items()}
    assert parameter_shapes(config) == real
    assert count_parameters(config) == sum(p.numel() for p in CharRNN(config).parameters())


def test_loading_a_model_imports_no_compiler(tmp_path):
    """`rnnstudio-cli sample` once spent 1.5 s importing torch._dynamo to check a file's shapes."""
    import subprocess
    import sys

    from rnnstudio.core.model.bundle import save_bundle
    from rnnstudio.core.data.corpus import Corpus
    from rnnstudio.core.training.train import Trainer

    from .helpers import TINY_MODEL, TINY_TRAIN
    trainer = Trainer(Corpus.from_text("abcabcabd " * 200, "t"), TINY_MODEL, TINY_TRAIN.replace(max_steps=2))
    for _ in trainer.run():
        pass
    save_bundle(trainer.bundle(), tmp_path / "m.rnnstudio")
    code = ("import sys\nfrom rnnstudio.core.model.bundle import load_bundle\n"
            "from rnnstudio.core.model.sample import Sampler\n"
            f"b = load_bundle({str(tmp_path / 'm.rnnstudio')!r})\nSampler.from_bundle(b).generate(__import__("
            "'rnnstudio.core.config', fromlist=['x']).SampleConfig(length=5))\nprint('torch._dynamo' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
