"""Training one model on several processes or machines with PyTorch's DistributedDataParallel,
under ``torchrun`` (gloo on CPUs, NCCL on GPUs).

The global batch of B contiguous text streams is shared out: rank r trains rows
r·B/W … (r+1)·B/W of every window and carries their hidden state (truncated BPTT), so the
averaged gradient is the gradient of the same global batch one process would train on. Every
decision that ends or pauses the loop (limits, evaluations, early stopping, divergence) is
rank 0's, broadcast, so the ranks never part ways; only rank 0 evaluates (and broadcasts the
loss), samples, logs and saves, and the saved file holds the whole batch's hidden state, so
it resumes on one process exactly as on many.
"""
from __future__ import annotations

import os
from dataclasses import dataclass

import torch
import torch.distributed as dist
from torch import nn

REASONS = (None, "stopped", "steps", "time", "early_stop", "diverged")


@dataclass(frozen=True)
class Distributed:
    rank: int
    world: int
    local_rank: int

    @property
    def main(self) -> bool:
        return self.rank == 0

    def rows(self, batch: int) -> slice:
        if batch % self.world:
            raise ValueError(f"the batch of {batch} streams cannot be shared evenly by {self.world} processes; "
                             f"choose a batch size that is a multiple of {self.world}")
        per = batch // self.world
        return slice(self.rank * per, (self.rank + 1) * per)


def from_environment() -> Distributed | None:
    """Join the process group when started by torchrun (WORLD_SIZE > 1), else None."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world <= 1:
        return None
    rank, local = int(os.environ.get("RANK", "0")), int(os.environ.get("LOCAL_RANK", "0"))
    backend = "nccl" if torch.cuda.is_available() else "gloo"
    if backend == "nccl":
        torch.cuda.set_device(local)   # "cuda" then means this process's own GPU
    if not dist.is_initialized():
        dist.init_process_group(backend=backend)
    return Distributed(rank, world, local)


def restart_problem() -> str | None:
    """Why torchrun's restarts (--max-restarts) would fail here, if they would. torchrun shares
    its rendezvous store with the process group by default, and a restarted group then reads
    the addresses of the group that died (gloo: "connection refused"; pytorch/pytorch#135712);
    TORCH_DISABLE_SHARE_RDZV_TCP_STORE=1 in torchrun's environment gives each group its own."""
    if int(os.environ.get("TORCHELASTIC_MAX_RESTARTS", "0") or 0) <= 0:
        return None
    if os.environ.get("TORCHELASTIC_USE_AGENT_STORE") != "True":
        return None
    return ("torchrun's restarts would fail: the restarted processes would find the old ones' addresses "
            "(pytorch/pytorch#135712); start torchrun with TORCH_DISABLE_SHARE_RDZV_TCP_STORE=1 in its environment")


def shutdown(d: Distributed | None, trainer=None) -> None:
    """Leave the process group: all ranks meet first, and the trainer's DDP wrapper (whose
    reducer holds the group) is freed before the group is destroyed — freed after it, its
    destructor could wait forever at the process's exit."""
    if d is None or not dist.is_initialized():
        return
    import gc
    dist.barrier()
    if trainer is not None:
        trainer.ddp = None
    gc.collect()
    dist.destroy_process_group()


class LossOf(nn.Module):
    """The model's loss as a forward pass, so DistributedDataParallel can hook it."""

    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, x, y, hidden):
        return self.model.loss(x, y, hidden)


def wrap(model, device: torch.device) -> nn.Module:
    from torch.nn.parallel import DistributedDataParallel
    ids = [device.index if device.index is not None else torch.cuda.current_device()] if device.type == "cuda" else None
    return DistributedDataParallel(LossOf(model), device_ids=ids)


def _device(d: Distributed) -> torch.device:
    return torch.device("cuda") if dist.get_backend() == "nccl" else torch.device("cpu")


def mean(d: Distributed, value: float) -> float:
    t = torch.tensor([value], dtype=torch.float64, device=_device(d))
    dist.all_reduce(t)
    return float(t) / d.world


def agree(d: Distributed, reason: str | None, due: bool = False) -> tuple[str | None, bool]:
    """Rank 0's decision (why the loop ends, and whether an evaluation is due), for all."""
    t = torch.tensor([REASONS.index(reason), int(due)], dtype=torch.int64, device=_device(d))
    dist.broadcast(t, 0)
    return REASONS[int(t[0])], bool(t[1])


def broadcast_float(d: Distributed, value: float | None) -> float:
    t = torch.tensor([float("nan") if value is None else value], dtype=torch.float64, device=_device(d))
    dist.broadcast(t, 0)
    return float(t)


def gather_rows(d: Distributed, tensors: tuple) -> tuple:
    """Each rank's (layers, rows, hidden) state, joined along the rows: the whole batch's."""
    out = []
    for h in tensors:
        parts = [torch.empty_like(h) for _ in range(d.world)]
        dist.all_gather(parts, h.contiguous())
        out.append(torch.cat(parts, dim=1))
    return tuple(out)


def newest_bytes(d: Distributed, data: bytes | None, step: int) -> bytes | None:
    """On every rank, the bytes of the rank whose ``step`` is highest (None where no rank has
    any): a checkpoint that only one machine has, such as the one a restarted run continues from
    (a restart may give rank 0 to another machine)."""
    device = _device(d)
    steps = [torch.empty(1, dtype=torch.int64, device=device) for _ in range(d.world)]
    dist.all_gather(steps, torch.tensor([step if data is not None else -1], dtype=torch.int64, device=device))
    src = max(range(d.world), key=lambda r: (int(steps[r]), -r))   # the lowest rank among the newest
    if int(steps[src]) < 0:
        return None
    n = torch.tensor([len(data) if d.rank == src else 0], dtype=torch.int64, device=device)
    dist.broadcast(n, src)
    if d.rank == src:
        buf = torch.frombuffer(bytearray(data), dtype=torch.uint8).to(device)
    else:
        buf = torch.empty(int(n), dtype=torch.uint8, device=device)
    dist.broadcast(buf, src)
    return data if d.rank == src else bytes(buf.cpu().numpy())
