from __future__ import annotations

import pytest
import torch

from rnnstudio.core.config import CELLS, ModelConfig
from rnnstudio.core.model import CharRNN, count_parameters, detach_hidden


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
