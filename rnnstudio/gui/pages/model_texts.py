"""The Model page's longer texts: what each setting does (tooltips), why the fitted preset chose
what it did, and the measured speed. Translated in the page's context ("ModelPage")."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

translate = QCoreApplication.translate


def model_tips(page) -> dict:
    """{widget: tooltip} for a ModelPage (translated in its context)."""
    return {
        page.preset: translate("ModelPage", "Ready-made sizes. The default is Small, fitted to the loaded text: the output "
                             "layer and embedding follow the size of its vocabulary."),
        page.output_layer: translate("ModelPage", "How the network turns its state into a probability for each symbol. "
                                   "With thousands of symbols (Chinese) the adaptive softmax computes the "
                                   "rare ones only when needed: about twice as fast, same exact probabilities."),
        page.cell: translate("ModelPage", "The kind of recurrent unit. LSTM and GRU remember longer and train more reliably "
                           "than a vanilla RNN."),
        page.layers: translate("ModelPage", "How many recurrent layers are stacked. More layers learn more complex "
                             "patterns but train slower."),
        page.hidden: translate("ModelPage", "The size of each layer's memory. Bigger remembers more, costs more."),
        page.emb: translate("ModelPage", "How many numbers describe each symbol on its way into the network."),
        page.dropout: translate("ModelPage", "Randomly silences this fraction of connections while training, so the "
                              "network does not just memorise the text. It starts after the first pass over "
                              "the text: before that every window is new, and dropout would only slow "
                              "learning. 0 turns it off."),
        page.seq_len: translate("ModelPage", "How many symbols the network reads before it learns from its mistakes. "
                              "Longer windows teach longer-range patterns."),
        page.batch: translate("ModelPage", "How many pieces of text are read side by side in each step."),
        page.lr: translate("ModelPage", "How big each learning step is. Too high and training blows up; too low and it "
                         "crawls. Written like 0.003 or 3e-3."),
        page.optimizer: translate("ModelPage", "The rule that turns mistakes into weight changes. Adam is a safe choice."),
        page.schedule: translate("ModelPage", "How the learning rate changes over time. Cosine starts gently, then "
                               "slows down towards the end of the step or time limit."),
        page.clip: translate("ModelPage", "Caps the size of each update, so one bad step cannot wreck the network."),
        page.max_steps: translate("ModelPage", "Stop after this many steps (0 = no step limit)."),
        page.max_minutes: translate("ModelPage", "Stop after this much training time (0 = no time limit)."),
        page.eval_interval: translate("ModelPage", "How often to measure the loss on text held back from training, "
                                    "save a checkpoint and show a sample."),
        page.eval_seconds: translate("ModelPage", "Also evaluate, autosave and show a sample on the clock: the first time "
                                   "after 20 seconds, then this often, whichever comes first. A crash loses "
                                   "at most this much training."),
        page.seed: translate("ModelPage", "The starting point of the random numbers: the same seed and settings give "
                           "the same training run."),
        page.device: translate("ModelPage", "Where to train. Automatic uses a GPU when there is one."),
        page.precision: translate("ModelPage", "bfloat16 roughly doubles speed on recent CPUs and GPUs at the same "
                                "quality. Automatic uses it where the hardware supports it. Chosen on a CPU "
                                "without it, it still works, but slower than 32-bit float: the speed line "
                                "shows by how much."),
    }


def human_duration(seconds: float) -> str:
    seconds = int(round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60}:{seconds % 60:02d}"
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"


def reasons_html(reasons) -> str:
    """The fitted preset's reasons (core.autoconfig.Reason), one bullet each."""
    texts = {
        "rare": translate("ModelPage", "{kept} symbols cover {coverage} % of the text; the {rare} rarer ones share one "
                          "unknown symbol."),
        "adaptive": translate("ModelPage", "{vocab} symbols: an adaptive output layer (the {head} most frequent first) "
                              "makes each step about twice as fast, with exact probabilities."),
        "embedding": translate("ModelPage", "Embedding {emb}: many symbols, each carrying more meaning."),
        "updates": translate("ModelPage", "Batch {batch} at learning rate {lr}: many small steps, at the rate a "
                             "search on Chinese poems found best."),
        "depth": translate("ModelPage", "One LSTM layer of {hidden}: twice the steps of two layers in the same "
                           "time, and more learned in the first minutes."),
        "recurrence": translate("ModelPage", "One GRU layer of {hidden} over windows of {window} symbols: with "
                                "thousands of symbols it learns faster than two LSTM layers."),
    }
    items = []
    for r in reasons:
        params = {k: (f"{v:,}" if isinstance(v, int) else v) for k, v in r.params.items()}
        items.append(texts.get(r.code, r.text).format(**params))
    return "".join("<br>• " + item for item in items)


def speed_text(estimate, tc, *, has_text: bool, allowed: bool) -> str:
    """The measured speed (a core.speed.SpeedEstimate, or None while there is none) and what it means."""
    if not has_text or tc is None:
        return translate("ModelPage", "Speed: open a text to measure it on this computer.")
    if estimate is None:
        if not allowed:
            return translate("ModelPage", "Speed: measured when training is not running.")
        return translate("ModelPage", "Speed: measuring on this computer…")
    if isinstance(estimate, BaseException):
        from ..messages import describe
        return translate("ModelPage", "Speed: could not be measured. {reason}").format(reason=describe(estimate))
    budget = []
    if tc.max_steps:
        budget.append(tc.max_steps * estimate.step_seconds)
    if tc.max_seconds:
        budget.append(tc.max_seconds)
    return translate("ModelPage", "Measured on this computer: {sps} symbols/s; one step ≈ {step}; one pass over the "
                     "text ≈ {epoch}; the whole run ≈ {total}.").format(
        sps=f"{estimate.symbols_per_sec:,.0f}", step=f"{estimate.step_seconds * 1000:,.0f} ms",
        epoch=human_duration(estimate.epoch_seconds), total=human_duration(min(budget)))
