"""Small, fast settings shared by the engine tests."""
from rnnstudio.core.config import ModelConfig, TrainConfig

TINY_MODEL = ModelConfig(cell="lstm", emb_size=16, hidden_size=48, layers=1)
TINY_TRAIN = TrainConfig(seq_len=32, batch_size=16, lr=1e-2, max_steps=60, max_seconds=0, eval_interval=20,
                         sample_length=40, warmup_steps=5, precision="fp32", device="cpu",
                         first_eval_seconds=0, eval_seconds=0)  # step-based only: tests stay deterministic


def run_all(trainer):
    return list(trainer.run())


def of_type(events, name):
    return [e for e in events if type(e).__name__ == name]
