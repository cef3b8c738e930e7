"""`model train` and `model evaluate`: rebuild the shipped classifier, score any labelled file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from rolefit.cli.output import Format, emit_json, err_console, out_console
from rolefit.errors import InputError, not_a_file

model_app = typer.Typer(help="Train and evaluate the role classifier.", no_args_is_help=True)

REPO_BENCH = Path("bench/data")


def register(app: typer.Typer) -> None:
    app.add_typer(model_app, name="model")


@model_app.command("train")
def train(
    data: Annotated[Path, typer.Option(help="the postings data folder (shared/data)")] = Path("../shared/data"),
    dev: Annotated[list[Path] | None, typer.Option(help="dev-set files: their companies are kept out")] = None,
    hand: Annotated[list[Path] | None, typer.Option(help="hand-labelled training files")] = None,
    out: Annotated[Path | None, typer.Option(help="model folder (default: the package's)")] = None,
    weak_weight: Annotated[
        float,
        typer.Option(help="weight of weak title/content labels from the unlabelled postings (0 = hand labels only)"),
    ] = 0.0,
) -> None:
    """Rebuild the classifier reproducibly (fixed seeds) from the postings data."""
    from rich.progress import Progress

    from rolefit.models.store import model_dir, save_model
    from rolefit.models.training import build_training_set, train_model

    if not data.is_dir():
        raise InputError(f"No data folder at {data}: pass --data pointing to shared/data")
    dev_files = dev or sorted(REPO_BENCH.glob("devset*.jsonl"))
    hand_files = hand or sorted(REPO_BENCH.glob("trainset*.jsonl"))
    with Progress(console=err_console) as progress:
        task = progress.add_task("reading postings", total=None)
        documents, report = build_training_set(
            data,
            dev_files,
            hand_files,
            weak_weight=weak_weight,
            progress=lambda done, total: progress.update(task, completed=done, total=total),
        )
    err_console.print(f"training on {len(documents)} postings: {json.dumps(report['labels'])}")
    trained, metadata = train_model(documents)
    model = trained.export()  # what ships: plain arrays, scored below exactly as users will run it
    metadata["training_report"] = report
    metadata["weak_weight"] = weak_weight
    metadata["dev_files"] = [str(p) for p in dev_files]
    metadata["hand_files"] = [str(p) for p in hand_files]
    target = out or model_dir()
    if dev_files:
        from rolefit.models.evaluation import evaluate_model

        metadata["dev_scores"] = evaluate_model(model, dev_files)["summary"]
    save_model(model, metadata, target)
    err_console.print(f"model written to {target}")
    out_console.print_json(
        json.dumps({k: metadata[k] for k in ("training_size", "temperature", "dev_scores") if k in metadata})
    )


@model_app.command("evaluate")
def evaluate(
    file: Annotated[Path, typer.Argument(help="labelled JSONL: description, label (and title)")],
    fmt: Annotated[Format, typer.Option("--format", "-f")] = Format.text,
) -> None:
    """Score the shipped classifier on any labelled file."""
    from rolefit.models.evaluation import evaluate_model
    from rolefit.models.store import default_model

    if not file.is_file():
        raise not_a_file(file)
    report = evaluate_model(default_model(), [file])
    if fmt is not Format.text:
        emit_json(report, fmt)
        return
    summary = report["summary"]
    out_console.print(
        f"n={summary['n']} accuracy={summary['accuracy']:.3f} macro-F1={summary['macro_f1']:.3f} "
        f"ECE={summary['ece']:.3f}"
    )
    for label, row in report["per_role"].items():
        out_console.print(
            f"  {label:15} P={row['precision']:.2f} R={row['recall']:.2f} F1={row['f1']:.2f} n={row['support']}"
        )
