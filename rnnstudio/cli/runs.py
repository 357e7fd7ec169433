"""rnnstudio-cli runs: the run library from a terminal (the app's Runs tab reads the same file).

    rnnstudio-cli runs [list] [--json]
    rnnstudio-cli runs show ID [--json]
    rnnstudio-cli runs delete ID [ID ...] [--files] [--dry-run]
    rnnstudio-cli runs export --csv OUT [--force]

``delete --files`` follows the app's rule: it never deletes a file that another run still names
(a later run that saved over the same model, a shared autosave), and it lists what it deletes.
"""
from __future__ import annotations

import json
import time

from .common import CliError, positive_int


def add_parser(sub) -> None:
    p = sub.add_parser("runs", help="list, show, delete or export the recorded runs",
                       description="The run library: every training run the app, the command line and the "
                                   "search recorded.")
    p.add_argument("--library", metavar="DB", help="the run library (default: the app's, in the user's data folder)")
    actions = p.add_subparsers(dest="action", metavar="ACTION")
    ls = actions.add_parser("list", help="a table of the runs (the default)")
    ls.add_argument("--json", action="store_true", help="one JSON array, for scripts")
    show = actions.add_parser("show", help="one run in full")
    show.add_argument("id", type=positive_int, metavar="ID")
    show.add_argument("--json", action="store_true")
    delete = actions.add_parser("delete", help="forget runs (and, with --files, their model files)")
    delete.add_argument("ids", type=positive_int, nargs="+", metavar="ID")
    delete.add_argument("--files", action="store_true",
                        help="also delete each run's model file and autosave, unless another run still uses it")
    delete.add_argument("--dry-run", action="store_true", help="only list what would be deleted")
    export = actions.add_parser("export", help="every run's curve points as CSV")
    export.add_argument("--csv", required=True, metavar="OUT")
    export.add_argument("--force", action="store_true", help="replace OUT if it exists")
    # `runs` alone lists; its --json then comes after the action only
    p.set_defaults(action=None, json=False)


def run(args) -> int:
    from ..core.experiments.runs import RunLibrary, default_path

    library = RunLibrary(args.library or default_path())
    try:
        if args.action in (None, "list"):
            return _list(library, args.json)
        if args.action == "show":
            return _show(library, args.id, args.json)
        if args.action == "delete":
            return _delete(library, args.ids, args.files, args.dry_run)
        return _export(library, args.csv, args.force)
    finally:
        library.close()


def _summary(r) -> dict:
    m = r.model
    return {"id": r.id, "name": r.name, "label": r.label, "status": r.status, "source": r.source,
            "started": r.started, "text": r.corpus_name, "model": {k: m.get(k) for k in
                                                                     ("cell", "layers", "hidden_size", "emb_size")},
            "steps": r.steps, "seconds": round(r.seconds, 1), "best_val": r.best_val, "last_val": r.last_val,
            "model_path": r.model_path, "study": r.study, "trial": r.trial}


def _list(library, as_json: bool) -> int:
    runs = library.runs()
    if as_json:
        print(json.dumps([_summary(r) for r in runs], ensure_ascii=False, indent=1))
        return 0
    if not runs:
        print(f"no runs in {library.path}")
        return 0
    rows = [("ID", "RUN", "STATUS", "FROM", "TEXT", "STEPS", "BEST VAL", "STARTED", "MODEL")]
    for r in runs:
        rows.append((str(r.id), r.label, r.status, r.source, r.corpus_name, f"{r.steps:,}",
                     "" if r.best_val is None else f"{r.best_val:.4f}",
                     time.strftime("%Y-%m-%d %H:%M", time.localtime(r.started)), r.model_path))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[-1])
    return 0


def _get(library, run_id: int):
    run = library.get(run_id)
    if run is None:
        raise CliError(f"there is no run #{run_id} in {library.path}")
    return run


def _show(library, run_id: int, as_json: bool) -> int:
    r = _get(library, run_id)
    if as_json:
        print(json.dumps({**_summary(r), "model": r.model, "train": r.train, "note": r.note,
                          "autosave_path": r.autosave_path, "reason": r.reason, "parameters": r.parameters,
                          "points": [list(p) for p in r.points]}, ensure_ascii=False, indent=1))
        return 0
    m = r.model
    lines = [f"run #{r.id}{': ' + r.name if r.name else ''} ({r.status}{', ' + r.reason if r.reason else ''}), "
             f"from the {r.source}",
             f"text: {r.corpus_name} ({r.corpus_symbols:,} symbols)",
             f"model: {m.get('cell')} {m.get('layers')}x{m.get('hidden_size')}, embedding {m.get('emb_size')}, "
             f"{r.parameters:,} parameters",
             f"trained: {r.steps:,} steps, {r.symbols:,} symbols, {r.seconds:.0f} s",
             "best validation loss: " + ("not measured" if r.best_val is None else f"{r.best_val:.4f} nats/symbol"),
             f"model file: {r.model_path or '-'}", f"points: {len(r.points)}"]
    if r.study:
        lines.append(f"search: {r.study}, trial {r.trial}")
    if r.note:
        lines.append(f"note: {r.note}")
    print("\n".join(lines))
    return 0


def _delete(library, ids: list[int], files: bool, dry_run: bool) -> int:
    for run_id in ids:
        _get(library, run_id)   # every id checked before anything is deleted
    ids = list(dict.fromkeys(ids))
    doomed = library.files_of(ids) if files else []   # the runs together: what they alone still name
    verb = "would delete" if dry_run else "deleting"
    print(f"{verb} run(s) {', '.join(f'#{i}' for i in ids)}" + (f" and {len(doomed)} file(s):" if files else ""))
    for path in doomed:
        print(f"  {path}")
    if not dry_run:
        library.delete(ids, files=files)
    return 0


def _export(library, out: str, force: bool) -> int:
    from ..core.experiments.overlay import to_csv
    from ..core.files import atomic_write, check_output

    check_output(out, force=force)
    runs = [library.get(r.id) for r in library.runs()]
    atomic_write(out, to_csv(runs).encode("utf-8"))
    print(f"wrote {out}: {len(runs)} run(s)")
    return 0
