"""Speed to quality, measured the way users meet it: the installed commands as processes.

    python bench/bench_speed.py [--reps 3] [--seconds 90,300] [--corpora tinyshakespeare,tang_poems]
                                [--only quality,sampling,throughput,window] [--out bench/results/speed.json]

Run it alone on the machine: every figure is the median of ``--reps`` repetitions (the
command line's sampling rates: the best of them), and
each in-process figure is printed beside the process figure it explains.

1. quality: ``rnnstudio-cli train TEXT --seconds S --seed 1`` (no other option), and the
   model it saved scored on the whole last 10 % of the text in nats per character (as in
   bench_defaults.py); beside it (for the first budget), the engine in-process with the same
   fitted settings for the same seconds, evaluated only at the end (what the CLI's
   evaluations, samples and saves cost).
2. sampling, each figure a ratio measured in the same run, printed with the CPU's flags:
   ``rnnstudio-cli sample MODEL --length 108100`` minus ``--length 8100`` (temperature 0.8,
   top-p 0.9, a 90 s Shakespeare model of two layers: 2x256 LSTM), so process start, model loading and
   numba's loading cancel out (beside it 100,100 minus 100, which counts numba's load),
   against the floor: the step's matrix-vector products alone in numpy fp32,
   which read every weight once a symbol; ``--num-samples 4`` against one; the same with
   the numpy step (RNNSTUDIO_COMPILED_STEP=0); the app's generation (probabilities and
   alternatives for the hover, in-process) against the command line. The command line's runs
   take turns within each round, with the floor and the app measured between rounds, so each
   ratio compares the same moments of the machine.
3. throughput: the engine at its default precision against the plain fp32 PyTorch loop
   of bench_engine.py (2x256 LSTM, batch 64, window 128), and where a training step's
   time goes (torch.profiler, by kind of operator), with the GEMM rate against this
   CPU's measured peak.
4. window: ``rnnstudio`` launched on a fresh X server (Xvfb), from process start until the
   window's first paint (the app reports that moment when RNNSTUDIO_SHOWN_FILE is set).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import rnnstudio  # noqa: E402,F401  (before numpy: the in-process figures run the app's BLAS settings)
import numpy as np  # noqa: E402
import torch  # noqa: E402

import corpora  # noqa: E402
from bench_defaults import cli_command, full_vocab_loss, run_cli  # noqa: E402

from rnnstudio.core.model.bundle import load_bundle  # noqa: E402
from rnnstudio.core.config import SampleConfig  # noqa: E402
from rnnstudio.core.model.sample import COMPILED_FROM, Sampler  # noqa: E402

SAMPLE_ARGS = ["--temperature", "0.8", "--top-p", "0.9", "--seed", "1", "--prime", "ROMEO:"]


def median(values):
    return round(statistics.median(values), 4)


def env() -> dict:
    return {**os.environ, "PYTHONUNBUFFERED": "1", "RNNSTUDIO_APP_NAME": "RNNStudioBench"}


# ---- 1. quality ------------------------------------------------------------------------------
def cli_train(path: Path, out: Path, seconds: float, extra: tuple = ()) -> dict:
    """bench_defaults' timed CLI run, kept out of the run library."""
    return run_cli(path, out, seconds, ["--no-library", *extra])


def engine_alone(text: str, name: str, seconds: float) -> dict:
    """The same fitted settings in-process, one evaluation at the end."""
    from rnnstudio.core.training.autoconfig import suggest
    from rnnstudio.core.data.corpus import Corpus
    from rnnstudio.core.training.train import Trainer

    corpus = Corpus.from_text(text, name).with_auto_min_count()
    fitted = suggest(corpus)
    tc = fitted.train.replace(max_steps=0, max_seconds=seconds, sample_length=0, eval_interval=0,
                              first_eval_seconds=0, eval_seconds=0, seed=1)
    trainer = Trainer(corpus, fitted.model, tc)
    for _ in trainer.run():
        pass
    scored = full_vocab_loss(trainer.model, corpus.tokenizer, text, len(set(text)))
    return {"val_loss": scored["val_loss"], "steps": trainer.step}


def bench_quality(names: list[str], budgets: list[float], reps: int, tmp: Path) -> dict:
    out = {}
    for name in names:
        text = corpora.text(name)
        path = tmp / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        for seconds in budgets:
            runs = []
            for rep in range(reps):
                model = tmp / f"{name}-{int(seconds)}-{rep}.rnnstudio"
                run = cli_train(path, model, seconds)
                bundle = load_bundle(model)
                run.update(full_vocab_loss(bundle, bundle.tokenizer, text, len(set(text))))
                run["steps"] = bundle.progress.step
                runs.append(run)
                print(f"  {name} {seconds:g} s, CLI run {rep + 1}: {run['val_loss']}", file=sys.stderr)
            alone = engine_alone(text, name, seconds) if seconds == budgets[0] else {}
            out[f"{name}_{int(seconds)}s"] = {
                "cli_val_loss": median([r["val_loss"] for r in runs]),
                "cli_runs": [r["val_loss"] for r in runs],
                "cli_steps": median([r["steps"] for r in runs]),
                "cli_wall_s": median([r["wall_s"] for r in runs]),
                "in_process_val_loss": alone.get("val_loss"), "in_process_steps": alone.get("steps"),
            }
            shutil.copy(tmp / f"{name}-{int(seconds)}-0.rnnstudio", tmp / f"{name}-{int(seconds)}.rnnstudio")
    return out


# ---- 2. sampling -----------------------------------------------------------------------------
def cpu_flags() -> str:
    """The CPU's name and the flags that decide which kernels run, printed beside every ratio."""
    name, flags = platform.processor() or platform.machine(), set()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name") and name in ("", platform.machine()):
                name = line.split(":", 1)[1].strip()
            if line.startswith("flags"):
                flags = set(line.split(":", 1)[1].split())
                break
    except OSError:
        pass
    wanted = ("avx2", "fma", "avx512f", "avx512_vnni", "avx_vnni", "avx512_bf16", "amx_bf16", "amx_int8")
    return f"{name}, {os.cpu_count()} cores: " + (" ".join(f for f in wanted if f in flags) or "flags unknown")


def cli_sample_seconds(model: Path, length: int, samples: int = 1, extra_env: dict | None = None) -> float:
    cmd = cli_command() + ["sample", str(model), "--length", str(length), "--num-samples", str(samples),
                           *SAMPLE_ARGS]
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True, env={**env(), **(extra_env or {})})
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr[-2000:]}")
    return time.perf_counter() - t0


def cli_rates(model: Path, reps: int, runs: dict, each_round=None) -> dict:
    """Symbols a second of the command line for each of ``runs`` (name: samples, extra
    environment, short length, steps): a run ``steps`` symbols a sample longer than a short one,
    minus the short one (the best of each), so the process's start and the model's loading
    cancel out. By default the short run is long enough (sample.COMPILED_FROM) to take the same
    path as the long one, so loading numba cancels too; a short run of 100 counts it, as a user
    meets it. 100,000 symbols, not the issue's 20,000: on this machine a process's start varies
    by a second from run to run, as much as 20,000 symbols take. The runs take turns within each
    round (and ``each_round()``, the in-process figures, runs between rounds), so a ratio of two
    of them compares the same moments of a machine whose speed drifts by half within minutes."""
    times = {name: ([], []) for name in runs}
    for _ in range(reps):
        for name, (samples, extra_env, short, steps) in runs.items():
            t_long, t_short = times[name]
            t_long.append(cli_sample_seconds(model, short + steps, samples, extra_env))
            t_short.append(cli_sample_seconds(model, short, samples, extra_env))
        if each_round is not None:
            each_round()
    out = {}
    for name, (samples, _, short, steps) in runs.items():
        t_long, t_short = times[name]
        # the best of each, as the issue measured: the machine's slow moments only ever add time
        out[name] = (samples * steps / (min(t_long) - min(t_short)),
                     {"lengths": [short + steps, short], "seconds_long": [round(t, 2) for t in t_long],
                      "seconds_short": [round(t, 2) for t in t_short]})
    return out


def products_floor(sampler: Sampler, reps: int = 3000) -> float:
    """Seconds a symbol for the step's matrix-vector products alone: numpy (BLAS) fp32 over the
    model's own matrices, preallocated (the embedding and layer 0's input product are table
    look-ups and not counted): what reading the weights once a symbol costs on this CPU."""
    st = sampler.stepper(1)
    pairs = [(w, np.ones(w.shape[1], np.float32), np.empty(w.shape[0], np.float32)) for w in st.w]
    if st.adaptive is None:
        pairs.append((st.head, np.ones(st.head.shape[1], np.float32), np.empty(st.head.shape[0], np.float32)))
    best = float("inf")
    for _ in range(3):   # the best of three rounds: the floor is what the CPU can do
        t0 = time.perf_counter()
        for _ in range(reps):
            for w, x, o in pairs:
                np.dot(w, x, out=o)
        best = min(best, (time.perf_counter() - t0) / reps)
    return best


def in_process_rate(sampler: Sampler, cfg, probabilities: bool, reps: int) -> float:
    runs = []
    for _ in range(reps):
        t0 = time.perf_counter()
        n = sum(1 for _ in sampler.stream(cfg, probabilities=probabilities))
        runs.append(n / (time.perf_counter() - t0))
    return median(runs)


def bench_sampling(model: Path, reps: int) -> dict:
    bundle = load_bundle(model)
    sampler = Sampler.from_bundle(bundle)
    cfg = SampleConfig(prime="ROMEO:", length=20000, temperature=0.8, top_p=0.9, seed=1, alternatives=5)
    floors, apps = [], []

    def in_process():   # between the command line's rounds: the floor, and the app's generation
        floors.append(products_floor(sampler))
        # the app: probabilities and five alternatives a symbol, for the hover (a long generation: compiled)
        apps.append(in_process_rate(sampler, cfg, True, 1))

    plain = COMPILED_FROM + 100
    rates = cli_rates(model, reps, {
        "one": (1, None, plain, 100_000),
        # four samples: 2,100 each is 8,400 symbols, the compiled path too; 200,000 symbols apart
        # (100,000 were some 3 s here, as much as a process's start varies)
        "four": (4, None, 2100, 50_000),
        "started": (1, None, 100, 100_000),
        "numpy": (1, {"RNNSTUDIO_COMPILED_STEP": "0"}, plain, 100_000),
        "one_core": (1, {"RNNSTUDIO_SAMPLE_THREADS": "1"}, plain, 100_000),
    }, each_round=in_process)
    (cli, cli_times), (cli4, cli4_times) = rates["one"], rates["four"]
    (cli_started, cli_started_times), (cli_numpy, _), (cli_one_core, _) = rates["started"], rates["numpy"], rates["one_core"]
    floor = min(floors)   # the CPU's best moment
    app = max(apps)       # as the command line's: the best of its rounds
    t0 = time.perf_counter()
    bundle = load_bundle(model)
    sampler = Sampler.from_bundle(bundle)
    load_s = time.perf_counter() - t0
    first = []
    for seed in range(reps):   # a fresh sampler each time: the first symbol includes fusing the weights
        s = Sampler.from_bundle(bundle)
        t0 = time.perf_counter()
        next(iter(s.stream(cfg.replace(seed=seed, length=100), probabilities=False)))
        first.append(time.perf_counter() - t0)
    from rnnstudio.core.model import kernels
    one = sampler.stepper(1)
    if one.int8:   # what the compiled step reads: the int8 rows, their scales and biases
        w_bytes = sum(a.nbytes for r in one.int8_rows if r is not None for a in r)
    else:
        w_bytes = sum(w.nbytes for w in one.w) + getattr(one, "head", np.empty(0)).nbytes
    # the numpy step's round runs with RNNSTUDIO_COMPILED_STEP=0, which leaves kernels.int8 off
    return {"cpu": cpu_flags(), "products": "int8" if one.int8 else "float32", "numpy_step_products": "float32",
            "model": f"{bundle.model_config.cell} {bundle.model_config.layers}x{bundle.model_config.hidden_size}, "
                     f"vocabulary {bundle.model_config.vocab_size}",
            "floor_products_us_per_symbol": round(floor * 1e6, 1), "floor_sym_s": round(1 / floor),
            "cli_sym_s": round(cli), "cli_vs_floor": round(cli * floor, 3),
            "cli_with_numba_load_sym_s": round(cli_started), "cli_with_numba_load_vs_floor": round(cli_started * floor, 3),
            "cli_numpy_step_sym_s": round(cli_numpy), "cli_numpy_vs_floor": round(cli_numpy * floor, 3),
            "cli_one_core_sym_s": round(cli_one_core), "cli_one_core_vs_floor": round(cli_one_core * floor, 3),
            "cli_4_samples_sym_s": round(cli4), "four_samples_vs_one": round(cli4 / cli, 2),
            "app_with_probabilities_sym_s": round(app), "app_vs_cli": round(app / cli, 3),
            "app_vs_cli_one_core": round(app / cli_one_core, 3),
            "cli_times": cli_times, "cli_with_numba_load_times": cli_started_times, "cli_4_times": cli4_times,
            "first_symbol_ms_after_load": round(median(first) * 1000, 2),
            "load_ms": round(load_s * 1000, 1),
            "weights_read_per_symbol_mb": round(w_bytes / 2**20, 2)}


# ---- 3. throughput -----------------------------------------------------------------------------
def gemm_peak() -> float:
    """GFLOP/s of a large fp32 matrix product on this CPU, with torch's threads."""
    a, b = torch.randn(1024, 1024), torch.randn(1024, 1024)
    for _ in range(3):
        a @ b
    t0 = time.perf_counter()
    for _ in range(20):
        a @ b
    return 20 * 2 * 1024**3 / (time.perf_counter() - t0) / 1e9


KINDS = (("recurrent layers (oneDNN kernels: GEMMs and gate maths)", ("mkldnn_rnn", "lstm", "gru", "_thnn_fused")),
         ("output layer GEMMs", ("addmm", "aten::mm", "matmul", "linear", "bmm")),
         ("loss", ("log_softmax", "nll_loss", "cross_entropy", "_softmax")),
         ("optimiser and clipping", ("adam", "_foreach", "clip", "norm", "optimizer")),
         ("embedding", ("embedding",)))


def flops_per_symbol(mc) -> float:
    """Multiply-adds x 2 of one training symbol: forward (4H x (in + H) per LSTM layer, and the
    head) and backward (twice the forward)."""
    h, ins = mc.hidden_size, [mc.emb_size] + [mc.hidden_size] * (mc.layers - 1)
    forward = sum(2 * 4 * h * (i + h) for i in ins) + 2 * h * mc.vocab_size
    return 3 * forward


def profile_steps(steps: int = 12) -> dict:
    """Where an engine step's time goes, by kind of operator (self CPU time)."""
    from torch.profiler import ProfilerActivity, profile

    from bench_engine import shakespeare
    from rnnstudio.core.config import DEFAULT_PRESET, preset
    from rnnstudio.core.training.train import Trainer

    corpus = shakespeare()
    p = preset(DEFAULT_PRESET)
    mc = p.model.replace(vocab_size=corpus.tokenizer.vocab_size, dropout=0.0)
    tc = p.train.replace(batch_size=64, seq_len=128, max_steps=steps + 3, max_seconds=0, eval_interval=0,
                         sample_length=0, schedule="constant", first_eval_seconds=0, eval_seconds=0)
    trainer = Trainer(corpus, mc, tc)
    trainer.evaluate = lambda *a, **k: 0.0
    events = trainer.run()
    for ev in events:   # warm up: three steps
        if type(ev).__name__ == "Step" and ev.progress.step == 3:
            break
    t0 = time.perf_counter()
    with profile(activities=[ProfilerActivity.CPU]) as prof:
        for _ in events:
            pass
    wall = time.perf_counter() - t0
    kinds: dict[str, float] = {}
    total = 0.0
    for e in prof.key_averages():
        us = e.self_cpu_time_total
        total += us
        name = e.key.lower()
        kind = next((k for k, words in KINDS if any(w in name for w in words)), "other")
        kinds[kind] = kinds.get(kind, 0.0) + us
    return {"model": f"LSTM 2x{mc.hidden_size}, emb {mc.emb_size}, batch 64 x 128, fp32", "steps": steps,
            "ms_per_step": round(wall / steps * 1000, 1),
            "share_of_cpu_time": {k: round(v / total, 3) for k, v in sorted(kinds.items(), key=lambda kv: -kv[1])}}


def bench_throughput() -> dict:
    """The engine against the plain loop, and the bound: the training FLOPs of a symbol at this
    CPU's measured peak matrix-product rate. No fp32 loop can beat that rate, so when
    peak / (FLOPs x the plain loop's rate) is below the target ratio, the target is out of reach
    at fp32 on this CPU, however the loop is written.

    Also, for the machines table: the engine's default precision against the plain loop with
    the same autocast (what we add or cost, ≥ 1.0 wanted), and bf16 against fp32 for the plain
    loop (on a CPU without native bf16, torch emulates it)."""
    from bench_engine import engine_loop, plain_loop, shakespeare

    from rnnstudio.core.config import DEFAULT_PRESET, preset
    from rnnstudio.core.training.device import resolve_precision

    corpus = shakespeare()
    p = preset(DEFAULT_PRESET)
    mc = p.model.replace(vocab_size=corpus.tokenizer.vocab_size, dropout=0.0)
    tc = p.train.replace(batch_size=64, seq_len=128)
    default_bf16 = resolve_precision("auto", torch.device("cpu")) == "bf16"
    best = {"plain_fp32": 0.0, "plain_bf16": 0.0, "engine_default": 0.0}
    plain_bf16_error = None
    for _ in range(3):   # alternating rounds, each variant keeps its best
        best["plain_fp32"] = max(best["plain_fp32"], plain_loop(corpus, mc, tc, 10, bf16=False))
        if plain_bf16_error is None:
            try:   # without native bf16, oneDNN's LSTM refuses bf16: the plain loop cannot run it
                best["plain_bf16"] = max(best["plain_bf16"], plain_loop(corpus, mc, tc, 10, bf16=True))
            except RuntimeError as exc:
                plain_bf16_error = str(exc).splitlines()[0][:200]
        best["engine_default"] = max(best["engine_default"], engine_loop(corpus, mc, tc, 10, "auto"))
    same = best["plain_bf16"] if default_bf16 and best["plain_bf16"] else best["plain_fp32"]
    b64 = {f"{k}_sym_s": round(v) for k, v in best.items()}
    b64["default_precision"] = "bf16" if default_bf16 else "fp32"
    b64["ratio_default_vs_plain_same_precision"] = round(best["engine_default"] / same, 3)
    b64["ratio_default_vs_plain_fp32"] = round(best["engine_default"] / best["plain_fp32"], 3)
    if plain_bf16_error is None:
        b64["ratio_plain_bf16_vs_fp32"] = round(best["plain_bf16"] / best["plain_fp32"], 3)
    else:
        b64["plain_bf16_failed"] = plain_bf16_error
    # bf16 against fp32 through the engine, which runs bf16 on any CPU (emulated where not native)
    b64["ratio_engine_bf16_vs_fp32"] = round(engine_loop(corpus, mc, tc, 3, "bf16")
                                             / engine_loop(corpus, mc, tc, 3, "fp32"), 3)
    flops = flops_per_symbol(mc)
    peak = gemm_peak()
    plain = best["plain_fp32"]
    return {"cpu": cpu_flags(), "batch_64_window_128": b64, "profile": profile_steps(),
            "gemm_peak_gflop_s": round(peak, 1),
            "training_mflop_per_symbol": round(flops / 1e6, 2),
            "plain_fp32_gflop_s": round(flops * plain / 1e9, 1),
            "fp32_bound_vs_plain": round(peak * 1e9 / (flops * plain), 2) if plain else None,
            "bf16_on_this_cpu": _cpu_bf16()}


def _cpu_bf16() -> bool:
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


# ---- 4. window -------------------------------------------------------------------------------
def bench_window(reps: int, tmp: Path) -> dict:
    xvfb = shutil.which("Xvfb")
    app = shutil.which("rnnstudio") or shutil.which("rnnstudio", path=str(Path(sys.executable).parent))
    if not xvfb or not app:
        return {"skipped": "needs Xvfb and the installed rnnstudio"}
    display = ":77"
    server = subprocess.Popen([xvfb, display, "-screen", "0", "1400x900x24", "-nolisten", "tcp"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(1.0)
    times = []
    try:
        for rep in range(reps + 1):   # the first launch warms the disk cache and is not counted
            shown = tmp / f"shown-{rep}"
            home = tmp / f"home-{rep}"   # a fresh user: no last text, no settings
            e = {**env(), "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "RNNSTUDIO_SHOWN_FILE": str(shown),
                 "XDG_CONFIG_HOME": str(home / "config"), "XDG_DATA_HOME": str(home / "data"),
                 "XDG_STATE_HOME": str(home / "state"), "XDG_CACHE_HOME": str(home / "cache")}
            t0 = time.time()
            proc = subprocess.Popen([app], env=e, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            deadline = time.time() + 30
            while not shown.exists() and time.time() < deadline and proc.poll() is None:
                time.sleep(0.005)
            time.sleep(0.05)
            if shown.exists() and rep > 0:
                times.append(float(shown.read_text()) - t0)
            proc.kill()
            proc.wait()
    finally:
        server.terminate()
        server.wait()
    if not times:
        return {"skipped": "the window never reported its first paint"}
    return {"launch_to_window_s": median(times), "runs_s": [round(t, 3) for t in times]}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--seconds", default="90,300")
    ap.add_argument("--corpora", default="tinyshakespeare,tang_poems")
    ap.add_argument("--only", default="quality,sampling,throughput,window")
    ap.add_argument("--model", help="a model for the sampling figures (default: a 90 s Shakespeare run of two "
                                    "layers, the 2x256 LSTM the issue measured)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "speed.json"))
    args = ap.parse_args()
    only = set(args.only.split(","))
    result = {"machine": f"{platform.machine()} {platform.processor() or ''} {os.cpu_count()} cores".strip(),
              "torch": torch.__version__, "reps": args.reps}
    out = Path(args.out)
    if out.exists():   # a run of some parts keeps the other parts' figures
        result = {**json.loads(out.read_text(encoding="utf-8")), **result}

    def save(part: str, value) -> None:   # after each part: a failure later loses nothing
        result[part] = value
        print(json.dumps({part: value}), file=sys.stderr)
        out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")

    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        if "window" in only:
            save("window", bench_window(args.reps, tmp))
        if "quality" in only:
            budgets = [float(s) for s in args.seconds.split(",")]
            save("quality", bench_quality(args.corpora.split(","), budgets, args.reps, tmp))
        if "sampling" in only:
            model = Path(args.model) if args.model else tmp / "tinyshakespeare-90.rnnstudio"
            if not model.exists():
                text = corpora.text("tinyshakespeare")
                (tmp / "s.txt").write_text(text, encoding="utf-8")
                cli_train(tmp / "s.txt", model, 90, ("--layers", "2"))   # the 2x256 LSTM
            save("sampling", bench_sampling(model, args.reps))
        if "throughput" in only:
            save("throughput", bench_throughput())
    print(json.dumps(result))


if __name__ == "__main__":
    main()
