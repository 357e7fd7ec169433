"""The training loop: a generator of typed events that knows nothing of any UI.

    trainer = Trainer(corpus, model_config, train_config)
    for event in trainer.run():
        ...                      # Step, Evaluated, Sampled, Checkpointed, Finished, ...
    bundle = trainer.bundle()    # save with bundle.save_bundle

``pause()``, ``resume()`` and ``stop()`` set thread-safe flags that the loop reads
between steps, so another thread may call them while ``run()`` is busy.
"""
from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Iterator

import torch

from . import distributed as dist_ops
from . import snapshot
from ..model.bundle import ModelBundle, save_bundle
from ..config import ModelConfig, SampleConfig, TrainConfig
from ..control import Control
from ..data.corpus import Corpus, Streams
from .device import backward_scope, precision_scope, resolve_device, resolve_precision
from ..events import (CheckpointFailed, Checkpointed, Diverged, Evaluated, Finished, Paused, Progress, Resumed,
                      Sampled, Started, Step)
from ..model.norms import group_norms
from .memory import check_fits
from ..model.network import CharRNN, count_parameters, detach_hidden
from ..model.sample import Sampler
from .schedule import LearningRate


MIN_GAIN = 1e-4  # nats: smaller validation gains do not count as progress


def make_optimizer(name: str, params, lr: float, weight_decay: float) -> torch.optim.Optimizer:
    if name == "adam":
        return torch.optim.Adam(params, lr=lr, weight_decay=weight_decay)
    if name == "adamw":
        return torch.optim.AdamW(params, lr=lr, weight_decay=weight_decay)
    if name == "sgd":
        return torch.optim.SGD(params, lr=lr, momentum=0.9, weight_decay=weight_decay)
    return torch.optim.RMSprop(params, lr=lr, weight_decay=weight_decay)


class Trainer:
    def __init__(self, corpus: Corpus, model_config: ModelConfig, train_config: TrainConfig, *,
                 checkpoint_path: str | None = None, resume_from: ModelBundle | None = None,
                 restart_schedule: bool = False, control: Control | None = None, distributed=None):
        tc = train_config
        corpus.check_trainable(tc.seq_len, tc.val_fraction)
        if resume_from is not None:
            if resume_from.tokenizer.symbols != corpus.tokenizer.symbols:
                raise ValueError("the corpus must be encoded with the model's vocabulary to continue training it")
            model_config = resume_from.model_config
        model_config = model_config.replace(vocab_size=corpus.tokenizer.vocab_size)
        self.corpus, self.model_config, self.config = corpus, model_config, tc
        self.checkpoint_path = checkpoint_path
        self.restart_schedule = restart_schedule  # continuing: warm up again from the full rate
        self.device = resolve_device(tc.device)
        self.precision = resolve_precision(tc.precision, self.device)
        check_fits(model_config, tc, corpus.tokenizer.vocab_size, str(self.device))
        if tc.threads:
            torch.set_num_threads(tc.threads)

        self.control = control or Control()   # pause / stop, from any thread

        train_ids, val_ids = corpus.split(tc.val_fraction)
        self.train_streams = Streams(train_ids, tc.batch_size, tc.seq_len)
        # Under torchrun (core/training/distributed.py) this process trains its share of the batch's rows.
        self.dist = distributed
        self.rows = distributed.rows(self.train_streams.batch) if distributed else slice(None)
        if tc.eval_symbols and len(val_ids) > tc.eval_symbols + 1:
            val_ids = val_ids[: tc.eval_symbols + 1]
        self.val_streams = Streams(val_ids, tc.batch_size, tc.seq_len, tail=True)

        self._snapshot: ModelBundle | None = None   # bundle() of this moment, once made
        # State that resuming restores; everything the next step depends on lives here.
        self.step = 0
        self.epoch = 0
        self.window = 0
        self.symbols_seen = 0
        self.elapsed = 0.0
        self.best_val: float | None = None
        self.evals_since_best = 0
        self.history: dict[str, list] = {"train": [], "val": [], "lr": [], "grad_norm": []}
        self.hidden = None
        self._began = (0, 0.0)   # where this run starts (load_state moves it: a continued model)

        if resume_from is None:
            torch.manual_seed(tc.seed)
        self.model = CharRNN(model_config)
        self.model.set_frequencies(corpus.tokenizer.counts)
        self.model = self.model.to(self.device)
        self.optimizer = make_optimizer(tc.optimizer, self.model.parameters(), tc.lr, tc.weight_decay)
        self.ddp = None
        if distributed is not None:
            self.ddp = dist_ops.wrap(self.model, self.device)
        self.lr = LearningRate(tc)
        self.best_weights = self._copy_weights()
        if resume_from is not None:
            self._restore(resume_from)
        self.resumed = resume_from is not None

    # ---- control from any thread ------------------------------------------------
    def pause(self) -> None:
        self.control.pause()

    def resume(self) -> None:
        self.control.resume()

    def stop(self, report: bool = True) -> None:
        """End after the current step. With ``report`` (the app's Stop) a last evaluation, sample
        and checkpoint follow; without (Ctrl-C: save now) an evaluation under way is cut short too."""
        self.control.stop(report)

    @property
    def paused(self) -> bool:
        return self.control.paused

    # ---- the loop ------------------------------------------------------------------
    def run(self) -> Iterator:
        tc = self.config
        model, opt = self.model, self.optimizer
        streams = self.train_streams
        params = [p for p in model.parameters()]
        clip = tc.clip if tc.clip > 0 else math.inf
        recent = deque(maxlen=20)  # (time, symbols) for a steady symbols/second
        t_last = time.perf_counter()
        recent.append((self.elapsed, self.symbols_seen))
        first_loss = None
        self._last_eval = (self.step, self.elapsed)
        self._evals_this_run = 0
        yield Started(self._progress(recent), str(self.device), self.precision,
                      count_parameters(self.model_config), streams.batch, self.resumed)
        model.train()
        reason = None
        while reason is None:
            if self.control.stopped:
                reason = "stopped"
                break
            if self.control.paused:
                self.elapsed += time.perf_counter() - t_last
                yield Paused(self._progress(recent))
                self.control.wait_while_paused()
                t_last = time.perf_counter()
                if self.control.stopped:
                    reason = "stopped"
                    break
                yield Resumed(self._progress(recent))
            reason = self._limit_reached()
            if self.dist is not None:   # rank 0 decides for all, or the ranks would part ways
                reason, _ = dist_ops.agree(self.dist, "stopped" if self.control.stopped else reason)
            if reason:
                break

            self._snapshot = None   # the state moves on from here
            if self.window >= len(streams):
                self.epoch, self.window, self.hidden = self.epoch + 1, 0, None
            x, y = streams.window(self.window)
            x, y = x[self.rows].to(self.device), y[self.rows].to(self.device)
            model.set_dropout(self.model_config.dropout if self.epoch >= tc.dropout_after else 0.0)
            lr = self.lr.value(self.step, self.elapsed)
            for group in opt.param_groups:
                group["lr"] = lr
            with precision_scope(self.device, self.precision):
                loss, hidden = (self.ddp or model.loss)(x, y, self.hidden)
            opt.zero_grad(set_to_none=True)
            with backward_scope(self.device, self.precision):
                loss.backward()   # under DDP: the gradients are averaged over the ranks here
            # Clipping keeps one exploding gradient (common in RNNs) from wrecking the weights.
            grad_norm = float(torch.nn.utils.clip_grad_norm_(params, clip))
            loss_value = loss.item()
            if self.dist is not None:   # the whole batch's loss, the same on every rank
                loss_value = dist_ops.mean(self.dist, loss_value)
            first_loss = loss_value if first_loss is None else first_loss
            problem = self._divergence(loss_value, grad_norm, first_loss)
            if problem:
                self._restore_weights(self.best_weights)
                code, params, text = problem
                tips = self._tips()
                yield Diverged(self._progress(recent), text, "; ".join(t[-1] for t in tips), code, params,
                               tuple(t[:-1] for t in tips))
                reason = "diverged"
                break
            opt.step()
            self.hidden = detach_hidden(hidden)
            self.window += 1
            self.step += 1
            self.symbols_seen += y.numel() * (self.dist.world if self.dist else 1)
            now = time.perf_counter()
            self.elapsed += now - t_last  # includes the last evaluation: time limits are wall time
            t_last = now
            recent.append((self.elapsed, self.symbols_seen))
            self.history["train"].append([self.step, round(loss_value, 5)])
            self.history["lr"].append([self.step, lr])
            self.history["grad_norm"].append([self.step, round(grad_norm, 4)])
            progress = self._progress(recent)
            yield Step(progress, loss_value, grad_norm)

            limit = self._limit_reached()
            due = self._evaluation_due() or bool(limit)
            if self.dist is not None:
                limit, due = dist_ops.agree(self.dist, limit, due)
            if due:
                yield from self._report(recent)
                if tc.patience and self.evals_since_best >= tc.patience:
                    limit = limit or "early_stop"
                t_last = self._account(t_last)
            elif tc.sample_interval and self.step % tc.sample_interval == 0 and tc.sample_length:
                yield self._sampled(recent)
            reason = limit
        final = reason == "stopped" and self.step > self._last_eval[0] and not self.control.quick
        if self.dist is not None:
            _, final = dist_ops.agree(self.dist, None, final)
        if final:
            # Stop gets what the user would have waited for: a last evaluation, sample and checkpoint.
            yield from self._report(recent, final=True)
            self._account(t_last)
        yield Finished(self._progress(recent), reason, self.best_val)

    def _evaluation_due(self) -> bool:
        """Every ``eval_interval`` steps, and on the clock: the first after ``first_eval_seconds``,
        then every ``eval_seconds``, so a slow model on a big vocabulary shows something soon."""
        tc = self.config
        if tc.eval_interval and self.step % tc.eval_interval == 0:
            return True
        since = self.elapsed - self._last_eval[1]
        if tc.first_eval_seconds and not self._evals_this_run and since >= tc.first_eval_seconds:
            return True
        return bool(tc.eval_seconds and since >= tc.eval_seconds)

    def _report(self, recent, final: bool = False) -> Iterator:
        """Evaluate, checkpoint and sample (at an evaluation, and once more on Stop)."""
        tc = self.config
        if self.history["grad_norm"] and self.history["grad_norm"][-1][0] == self.step:
            # the last step's gradients are still there (clipped: scaled back to before clipping)
            total = self.history["grad_norm"][-1][1]
            scale = max(1.0, total / tc.clip) if tc.clip > 0 else 1.0
            groups = {k: round(v * scale, 5) for k, v in group_norms(self.model).items()}
            self.history.setdefault("grad_groups", []).append([self.step, groups])
        yield self._evaluate(recent, final)
        self._last_eval = (self.step, self.elapsed)
        self._evals_this_run += 1
        if self.dist is not None:
            self.bundle()   # every rank: the snapshot gathers the whole batch's hidden state
        if self.checkpoint_path:
            try:
                save_bundle(self.bundle(), self.checkpoint_path)
            except OSError as exc:  # a full disk must not end the run: the next checkpoint may fit
                yield CheckpointFailed(self._progress(recent), str(self.checkpoint_path), exc.strerror or str(exc))
            else:
                yield Checkpointed(self._progress(recent), str(self.checkpoint_path))
        if tc.sample_length and (not tc.sample_interval or final) and (self.dist is None or self.dist.main):
            yield self._sampled(recent)

    def _account(self, t_last: float) -> float:
        """Count the time spent reporting as training time (limits are wall time)."""
        now = time.perf_counter()
        self.elapsed += now - t_last
        self._last_eval = (self._last_eval[0], self.elapsed)
        self._snapshot = None
        return now

    # ---- pieces of the loop --------------------------------------------------------------
    def _fraction(self) -> float:
        """How much of this run's budget is spent. A continued model counts from where this run
        began (its limits are totals): continuing for five more minutes starts at 0 %, not at
        the share the earlier runs already had."""
        tc = self.config
        step0, time0 = self._began
        by_steps = (self.step - step0) / (tc.max_steps - step0) if tc.max_steps > step0 else 0.0
        by_time = (self.elapsed - time0) / (tc.max_seconds - time0) if tc.max_seconds > time0 else 0.0
        if (tc.max_steps and self.step >= tc.max_steps) or (tc.max_seconds and self.elapsed >= tc.max_seconds):
            return 1.0
        return min(1.0, max(by_steps, by_time, 0.0))

    def _limit_reached(self) -> str | None:
        tc = self.config
        if tc.max_steps and self.step >= tc.max_steps:
            return "steps"
        if tc.max_seconds and self.elapsed >= tc.max_seconds:
            return "time"
        return None

    def _progress(self, recent) -> Progress:
        (t0, s0), (t1, s1) = recent[0], recent[-1]
        sps = (s1 - s0) / (t1 - t0) if t1 > t0 else 0.0
        tc = self.config
        etas = []
        if tc.max_steps and sps > 0:
            per_step = self.train_streams.batch * self.train_streams.seq_len
            etas.append(max(0.0, (tc.max_steps - self.step) * per_step / sps))
        if tc.max_seconds:
            etas.append(max(0.0, tc.max_seconds - self.elapsed))
        return Progress(self.step, self.symbols_seen, self.elapsed, sps, min(etas) if etas else None,
                        self._fraction(), self.lr.value(self.step, self.elapsed))

    @staticmethod
    def _divergence(loss: float, grad_norm: float, first_loss: float) -> tuple | None:
        """(code, values, English sentence) when training has gone wrong, else None."""
        if not math.isfinite(loss):
            return "loss_nan", (), "the training loss became infinite or not a number"
        if not math.isfinite(grad_norm):
            return "grad_nan", (), "the gradients became infinite or not a number"
        if loss > 3 * first_loss + 1:
            return ("loss_exploded", (round(first_loss, 2), round(loss, 2)),
                    f"the training loss exploded from {first_loss:.2f} to {loss:.2f}")
        return None

    def _tips(self) -> list[tuple]:
        """What to change: (code, values..., English sentence)."""
        tc = self.config
        tips = [("lower_lr", float(f"{tc.lr / 3:.2g}"), f"lower the learning rate (try {tc.lr / 3:.2g})")]
        if tc.clip == 0 or tc.clip > 5:
            tips.append(("clip", "turn on gradient clipping (e.g. 1.0)"))
        if self.model_config.cell == "rnn_relu":
            tips.append(("gated_cell", "or use an LSTM or GRU cell, which are far more stable than a ReLU RNN"))
        return tips

    @torch.inference_mode()
    def evaluate(self, streams: Streams | None = None) -> float:
        """Mean validation loss in nats per symbol over the fixed evaluation subset
        (or over ``streams``, e.g. the whole split for a benchmark)."""
        model, streams = self.model, streams or self.val_streams
        was_training = model.training
        model.eval()
        total, count, hidden = 0.0, 0, None
        windows = len(streams)
        if self.config.eval_max_batches:
            windows = min(windows, self.config.eval_max_batches)
        for w in range(windows):
            if self.control.quick and count:
                break  # asked to save now: the windows done so far give the figure
            x, y = streams.window(w)
            x, y = x.to(self.device), y.to(self.device)
            with precision_scope(self.device, self.precision):
                loss, hidden = model.loss(x, y, hidden, reduction="sum")
            total += float(loss)
            count += y.numel()
        model.train(was_training)
        return total / max(count, 1)

    def _evaluate(self, recent, final: bool = False) -> Evaluated:
        if self.dist is None:
            val = self.evaluate()
        else:   # rank 0 evaluates; the others wait for its figure (their state follows it alike)
            val = dist_ops.broadcast_float(self.dist, self.evaluate() if self.dist.main else None)
        self.history["val"].append([self.step, round(val, 5)])
        best = self.best_val is None or val < self.best_val
        # Early stopping counts evaluations without a real gain; a hair's improvement
        # still updates the kept weights but does not reset the count. The evaluation
        # that Stop asks for only reports: it changes neither count nor schedule.
        if not final:
            if self.best_val is None or val < self.best_val - MIN_GAIN:
                self.evals_since_best = 0
            else:
                self.evals_since_best += 1
        if best:
            self.best_val = val
            self.best_weights = self._copy_weights()
        reduced = False if final else self.lr.observe(val)
        return Evaluated(self._progress(recent), val, val / math.log(2), math.exp(min(val, 50)), best, reduced)

    def _sampled(self, recent) -> Sampled:
        """A sample, kept in the history too: the model file carries what the network wrote
        at each evaluation (the timeline along the loss curve)."""
        text = self.sample_text()
        self.history.setdefault("samples", []).append([self.step, text])
        return Sampled(self._progress(recent), text)

    def sample_text(self, length: int | None = None, prime: str = "") -> str:
        """A sample from the current weights; its own generator leaves training's RNG untouched."""
        cfg = SampleConfig(prime=prime, length=self.config.sample_length if length is None else length,
                           temperature=0.8, seed=self.config.seed + self.step, alternatives=0, unknown="skip")
        return Sampler(self.model, self.corpus.tokenizer).generate(cfg)[0]

    # ---- weights and saving ------------------------------------------------------------
    def _copy_weights(self) -> dict[str, torch.Tensor]:
        return {k: v.detach().to("cpu", copy=True) for k, v in self.model.state_dict().items()}

    def _restore_weights(self, weights: dict[str, torch.Tensor]) -> None:
        self.model.load_state_dict(weights)
        self._snapshot = None

    def bundle(self) -> ModelBundle:
        """Everything needed to sample from the model and to continue training exactly. Made once
        per moment: the app's copy and the checkpoint of one evaluation are the same snapshot."""
        if self._snapshot is None:
            self._snapshot = self._make_bundle()
        return self._snapshot

    def _make_bundle(self) -> ModelBundle:
        return snapshot.take(self.state(), self.dist)

    def _restore(self, b: ModelBundle) -> None:
        self.load_state(snapshot.from_bundle(b, self.corpus, self.config))

    # ---- the trainer's state, handed out and taken back (core/training/snapshot.py) -----------
    def state(self) -> snapshot.TrainerState:
        """Everything the next step depends on, as copies that later steps leave alone (the model
        file is made from this; ``load_state`` takes it back)."""
        hidden = self.hidden
        carried = () if hidden is None else hidden if isinstance(hidden, tuple) else (hidden,)
        opt = self.optimizer.state_dict()
        return snapshot.TrainerState(
            self.model_config, self.config, self.corpus, self.step, self.epoch, self.window, self.symbols_seen,
            self.elapsed, self.best_val, self.evals_since_best,
            {k: [list(e) if isinstance(e, list) else e for e in v] for k, v in self.history.items()},
            # best_weights is already a CPU copy that training replaces, never changes in place
            self._copy_weights(), self.best_weights,
            {pid: {k: v.detach().to("cpu", copy=True) for k, v in entries.items() if isinstance(v, torch.Tensor)}
             for pid, entries in opt["state"].items()},
            [{k: (list(v) if isinstance(v, tuple) else v) for k, v in g.items()} for g in opt["param_groups"]],
            self.lr.state(), self.history["lr"][-1][1] if self.history["lr"] else None,
            tuple(h.detach().clone() for h in carried),   # on the device: NCCL gathers them there
            {"cpu": torch.get_rng_state().clone(),
             **({"cuda": torch.cuda.get_rng_state(self.device)} if self.device.type == "cuda" else {})})

    def load_state(self, s: snapshot.TrainerState) -> None:
        """Continue from ``s`` (a freshly made trainer, its corpus and settings given)."""
        self.model.load_state_dict(s.current_weights)
        self.best_weights = s.best_weights if s.best_weights is not None else self._copy_weights()
        self.history = {k: list(v) for k, v in s.history.items()} if s.history else self.history   # a copy: ours grows
        self.step, self.epoch, self.window = s.step, s.epoch, s.window
        self.symbols_seen, self.elapsed = s.symbols_seen, s.elapsed
        self.best_val, self.evals_since_best = s.best_val, s.evals_since_best
        self._began = (self.step, self.elapsed)
        self._snapshot = None
        if s.lr is None:
            return   # weights only (an exported or older file)
        self.lr.load(s.lr)
        if s.budget_changed:
            # a new budget (continue training): the schedule runs on from here, no second warm-up
            self.lr.continue_from(self.step, self.elapsed, s.last_lr, restart=self.restart_schedule)
        if s.optimizer is not None:
            state = {pid: {name: value.to(self.device) if name != "step" else value for name, value in entries.items()}
                     for pid, entries in s.optimizer.items()}
            groups = self.optimizer.state_dict()["param_groups"]
            for g, saved in zip(groups, s.param_groups or []):
                g.update({k: (tuple(v) if k == "betas" else v) for k, v in saved.items()
                          if k != "params" and k in g and snapshot.same_kind(v, g[k])})
            self.optimizer.load_state_dict({"state": state, "param_groups": groups})
        hidden = list(s.hidden)
        if hidden and hidden[0].shape[1] == self.train_streams.batch:
            hidden = [h[:, self.rows].to(self.device) for h in hidden]   # this rank's rows (all of them alone)
            self.hidden = tuple(hidden) if self.model_config.cell == "lstm" else hidden[0]
        else:
            self.window = len(self.train_streams)  # the batch changed: start the next pass afresh
        if "cpu" in s.rng:
            torch.set_rng_state(s.rng["cpu"])
        if "cuda" in s.rng and self.device.type == "cuda":
            torch.cuda.set_rng_state(s.rng["cuda"], self.device)
