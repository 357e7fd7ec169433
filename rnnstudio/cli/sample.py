"""rnnstudio-cli sample: text from a model, streamed to stdout."""
from __future__ import annotations

import argparse
import sys

from .common import non_negative_int, number, positive_int


def add_parser(sub) -> None:
    s = sub.add_parser("sample", help="generate text from a model (streams to stdout)")
    s.add_argument("model", metavar="MODEL")
    s.add_argument("--prime", default="", help="text to start from")
    s.add_argument("--length", type=non_negative_int, default=500)
    s.add_argument("--temperature", type=number, default=0.8, help="0 = always the likeliest symbol")
    s.add_argument("--top-k", type=non_negative_int, default=0)
    s.add_argument("--top-p", type=number, default=1.0)
    s.add_argument("--repetition-penalty", type=number, default=1.0)
    s.add_argument("--stop", action="append", default=[], metavar="TEXT", help="stop at this text (repeatable)")
    s.add_argument("--num-samples", type=positive_int, default=1)
    unknown = s.add_mutually_exclusive_group()
    unknown.add_argument("--keep-unknown", action="store_true",
                   help="refuse a start text with symbols the model never saw, and write the unknown symbol (�, "
                        "some rare symbol) when the model picks it; by default both are left out")
    unknown.add_argument("--skip-unknown", action="store_true", help=argparse.SUPPRESS)   # the default since 0.2
    s.add_argument("--seed", type=int)


def run(args) -> int:
    from ..core.model.bundle import load_bundle
    from ..core.config import SampleConfig
    from ..core.model import kernels
    from ..core.model.sample import COMPILED_FROM, Sampler

    bundle = load_bundle(args.model)
    cfg = SampleConfig(prime=args.prime, length=args.length, temperature=args.temperature, top_k=args.top_k,
                       top_p=args.top_p, repetition_penalty=args.repetition_penalty, stop=tuple(args.stop),
                       num_samples=args.num_samples, seed=args.seed, alternatives=0,
                       unknown="error" if args.keep_unknown else "skip", write_unknown=args.keep_unknown)
    sampler = Sampler.from_bundle(bundle)
    # a long generation runs compiled; the terminal's process has the machine to itself, so its
    # products may use the cores (nothing trains beside it, unlike in the app)
    parallel = cfg.length * cfg.num_samples >= COMPILED_FROM and kernels.use_cores()
    out = sys.stdout
    if cfg.num_samples == 1:
        import time
        out.write(cfg.prime)
        out.flush()
        last = time.monotonic()
        for tok in sampler.stream(cfg, probabilities=False, parallel=parallel):
            out.write(tok.text)
            now = time.monotonic()
            if now - last > 0.05:   # streamed as it comes, but one write to the terminal per 50 ms
                out.flush()
                last = now
        out.write("\n")
    else:
        for n, text in enumerate(sampler.generate(cfg, parallel=parallel), 1):
            out.write(f"--- sample {n} ---\n{cfg.prime}{text}\n")
    return 0
