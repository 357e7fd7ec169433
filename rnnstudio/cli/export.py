"""rnnstudio-cli export: a model for other runtimes, with its vocabulary beside it."""
from __future__ import annotations

from .common import CliError


def add_parser(sub) -> None:
    e = sub.add_parser("export", help="export a model to ONNX or TorchScript")
    e.add_argument("model", metavar="MODEL")
    e.add_argument("--format", required=True, choices=("onnx", "torchscript"))
    e.add_argument("--out", required=True, metavar="PATH")
    e.add_argument("--force", action="store_true", help="replace PATH (and PATH.vocab.json) if they exist")


def run(args) -> int:
    from ..core.model.bundle import load_bundle
    from ..core.model.export import export

    from ..core.model.bundle import is_model_file
    from ..core.files import check_output

    bundle = load_bundle(args.model)
    check_output(args.out, models_in=[args.model], force=args.force)
    check_output(str(args.out) + ".vocab.json", models_in=[args.model], force=args.force)
    if is_model_file(args.out):  # never, not even with --force: that would be an RNN Studio model lost
        raise CliError(f"{args.out}: this is an RNN Studio model; export to another name")
    path, vocab = export(bundle, args.format, args.out)
    print(f"wrote {path} and {vocab}")
    return 0
