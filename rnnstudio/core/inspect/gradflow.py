"""How far back a loss can reach: the gradient of the loss at the last symbol of a window
with respect to the hidden state k steps earlier, for k = 0 … window−1.

For a tanh RNN it falls off exponentially (vanishing gradients: the network cannot learn
what it cannot feel); an LSTM's cell state carries it much further. The window is unrolled
one step at a time so that every intermediate state can be asked for its gradient; that is
slow for training but cheap for one window.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:   # torch is imported where it is used: the app's plots need clipping() before it
    from ..model.network import CharRNN


def gradient_through_time(model: CharRNN, ids) -> np.ndarray:
    """``ids`` (B, T+1) or (T+1,): T inputs and the target after them. Returns (T+1,): the mean
    over the batch of ‖∂ loss_T / ∂ h_{T−k}‖ for k = 0 … T (all layers' h together), from a
    zero state; k = 0 is the state the loss reads directly."""
    import torch
    idx = torch.as_tensor(np.asarray(ids), dtype=torch.long)
    if idx.dim() == 1:
        idx = idx[None]
    device = next(model.parameters()).device
    idx = idx.to(device)
    was_training = model.training
    model.eval()   # no dropout: the same network the samples come from
    try:
        x, target = model.emb(idx[:, :-1]), idx[:, -1]
        hidden = model.init_hidden(idx.shape[0], device)
        hidden = tuple(h.requires_grad_() for h in hidden) if isinstance(hidden, tuple) else hidden.requires_grad_()
        states = []
        for t in range(x.shape[1]):
            h = hidden[0] if isinstance(hidden, tuple) else hidden
            h.retain_grad()
            states.append(h)
            _, hidden = model.rnn(x[:, t:t + 1], hidden)
        h = hidden[0] if isinstance(hidden, tuple) else hidden
        h.retain_grad()
        states.append(h)
        # read from the state itself (the last layer's h_T, equal to the output) so the
        # gradient reaches it; logits are log-probabilities for an adaptive head, and
        # cross-entropy treats both alike
        loss = torch.nn.functional.cross_entropy(model.logits(h[-1][:, None])[:, -1].float(), target)
        model.zero_grad(set_to_none=True)
        loss.backward()
        norms = [s.grad.float().pow(2).sum((0, 2)).sqrt().mean().item() if s.grad is not None else 0.0
                 for s in reversed(states)]
        model.zero_grad(set_to_none=True)
        return np.asarray(norms)
    finally:
        model.train(was_training)


def clipping(grad_norms: list, clip: float) -> tuple[float, float]:
    """From the trainer's history of gradient norms (before clipping): the share of steps that
    clipping cut, and the mean factor it cut them by (1 = never cut)."""
    norms = np.asarray([n for _, n in grad_norms], dtype=np.float64)
    if not len(norms) or not clip:
        return 0.0, 1.0
    cut = norms > clip
    return float(cut.mean()), float((norms[cut] / clip).mean()) if cut.any() else 1.0
