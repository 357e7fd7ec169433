"""rnnstudio-cli export: a model for other runtimes — a web page, ONNX or torch.export (pt2),
the last two with the vocabulary beside them."""
from __future__ import annotations

from pathlib import Path

from .common import CliError


def add_parser(sub) -> None:
    e = sub.add_parser("export", help="export a model as a web page, ONNX or torch.export (pt2)")
    e.add_argument("model", metavar="MODEL")
    # "torchscript" is still accepted, to say what replaced it (in one line, not a usage error)
    e.add_argument("--format", required=True, choices=("html", "onnx", "pt2", "torchscript"),
                   help="html: a self-contained web page that generates text; onnx; pt2: torch.export")
    e.add_argument("--out", required=True, metavar="PATH")
    e.add_argument("--language", choices=("en", "zh_CN"), default="en", help="the web page's language")
    e.add_argument("--force", action="store_true", help="replace PATH (and PATH.vocab.json) if they exist")


def run(args) -> int:
    from ..core.model.export import TORCHSCRIPT_GONE

    if args.format == "torchscript":
        raise CliError(TORCHSCRIPT_GONE)
    from ..core.files import check_output
    from ..core.model.bundle import is_model_file, load_bundle
    from ..core.model.export import export

    bundle = load_bundle(args.model)
    check_output(args.out, models_in=[args.model], force=args.force)
    if args.format != "html":
        check_output(str(args.out) + ".vocab.json", models_in=[args.model], force=args.force)
    if is_model_file(args.out):  # never, not even with --force: that would be an RNN Studio model lost
        raise CliError(f"{args.out}: this is an RNN Studio model; export to another name")
    path, vocab = export(bundle, args.format, args.out, name=Path(args.model).stem, language=args.language)
    print(f"wrote {path} and {vocab}" if vocab else f"wrote {path}")
    return 0
