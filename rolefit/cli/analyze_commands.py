"""`analyze`: one posting (file or stdin) or a whole file of postings."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from rolefit.cli.output import Format, emit_json, err_console, out_console
from rolefit.errors import InputError, not_a_file
from rolefit.text.clean import MAX_CHARS, decode_bytes
from rolefit.text.files import FORMATS, Columns


def register(app: typer.Typer) -> None:
    app.command("analyze")(analyze)


def _read_text(file: str | None) -> str:
    if file in (None, "-"):
        if sys.stdin.isatty():
            raise InputError("Give a posting: a file, `-` for stdin (e.g. `pbpaste | rolefit analyze -`), or --text")
        data = sys.stdin.buffer.read(MAX_CHARS * 4 + 1)
    else:
        path = Path(file)
        if not path.is_file():
            raise not_a_file(file)
        if path.suffix.lower() == ".pdf":
            raise InputError("analyze reads plain-text postings; for a PDF, copy its text into a .txt file")
        with path.open("rb") as handle:
            data = handle.read(MAX_CHARS * 4 + 1)
    if len(data) > MAX_CHARS * 4:  # only the start was read: say so rather than report its length as the size
        raise InputError(
            f"The posting is over {MAX_CHARS * 4:,} bytes; the limit is {MAX_CHARS:,} characters"
            " (is this really one posting? a file of postings is .csv, .jsonl or .parquet)"
        )
    return decode_bytes(data)


def analyze(
    file: Annotated[
        str | None, typer.Argument(help="posting text file, '-' for stdin, or a .csv/.jsonl/.parquet of postings")
    ] = None,
    title: Annotated[str | None, typer.Option(help="the posting's job title")] = None,
    text: Annotated[str | None, typer.Option(help="the posting text itself, instead of a file")] = None,
    out: Annotated[Path | None, typer.Option(help="batch mode: where to write one JSON result per line")] = None,
    id_col: Annotated[str, typer.Option(help="batch: id column")] = "id",
    title_col: Annotated[str, typer.Option(help="batch: title column")] = "title",
    text_col: Annotated[str, typer.Option(help="batch: text column")] = "description",
    workers: Annotated[int, typer.Option(help="batch: processes (0 = all cores)")] = 0,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text, json or jsonl")] = Format.text,
) -> None:
    """What a posting really is: role, blend, title check, skills with evidence, seniority, pay."""
    if file and Path(file).suffix.lower() in FORMATS and Path(file).suffix.lower() != ".json":
        _batch(Path(file), out, Columns(id_col, title_col, text_col), workers or None, fmt)
        return
    from rolefit.services.analyze import analyze_posting

    posting = text if text is not None else _read_text(file)
    result = analyze_posting(posting, title)
    if fmt is not Format.text:
        emit_json(result, fmt)
        return
    _print_analysis(result, posting)


def _print_analysis(result: dict[str, Any], posting: str) -> None:
    console = out_console
    top = result["role"]
    console.print(f"[bold]{top}[/bold]  ({result['scores'][top]:.0%})  seniority: {result['seniority'] or 'unknown'}")
    if result.get("title_from_text"):
        console.print(Text(f"title (read from the posting): {result['title_from_text']['text']}"))
    if result["title_role"]:
        console.print(
            f"title suggests: {result['title_role']}"
            + ("  [bold red]mismatch[/bold red]" if result["mismatch"] else "")
        )
    for warning in result["warnings"]:
        console.print(f"[yellow]! {warning}[/yellow]")
    scores = Table(box=None, header_style="bold")
    scores.add_column("role")
    scores.add_column("p", justify="right")
    scores.add_column("")
    for role, p in sorted(result["scores"].items(), key=lambda item: -item[1]):
        scores.add_row(role, f"{p:.2f}", "█" * round(p * 30))
    console.print(scores)
    skills = Table(title="Skills and tools asked for", title_justify="left", box=None, header_style="bold")
    for column in ("skill", "category", "required", "evidence"):
        skills.add_column(column)
    for skill in result["skills"]:
        first = skill["evidence"][0]
        line_start = posting.rfind("\n", 0, first["start"]) + 1
        context = posting[max(line_start, first["start"] - 30) : first["end"] + 30].replace("\n", " ")
        skills.add_row(
            skill["name"],
            skill["category"],
            "yes" if skill["required"] else "nice",
            Text(f"…{context}… ×{len(skill['evidence'])}"),
        )
    console.print(skills)
    salary = result.get("salary")
    if salary:
        if salary.get("stated"):
            stated = salary["stated"]
            console.print(f"stated pay: {stated['evidence']['text']} ({stated['currency']}/{stated['period']})")
        for band in salary["bands"]:
            top_value = f"{band['max']:,}" if band.get("max") else "+"
            console.print(
                f"band {band.get('level') or 'all levels'} {band['location']}: "
                f"{band['min']:,}-{top_value} {band['currency']}/{band['period']}  [dim]{band['source']}[/dim]"
            )


def _batch(source: Path, out: Path | None, columns: Columns, workers: int | None, fmt: Format) -> None:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        Task,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.text import Text

    class RowsPerSecond(ProgressColumn):
        def render(self, task: Task) -> Text:
            return Text(f"{task.speed:,.0f} rows/s" if task.speed else "… rows/s")  # Rich knows no speed at first

    from rolefit.services.batch import analyze_file

    if not source.is_file():
        raise not_a_file(source)
    if out is None:
        raise InputError(f"Batch mode writes results to a file: add --out RESULTS.jsonl (input: {source.name})")
    total = _count_rows(source)
    with Progress(
        TextColumn("analysing"),
        BarColumn(),
        MofNCompleteColumn(),
        RowsPerSecond(),
        TimeElapsedColumn(),
        console=err_console,
        transient=False,
    ) as progress:
        task = progress.add_task("analyse", total=total)
        try:
            summary = analyze_file(source, out, columns, workers=workers, progress=lambda n: progress.advance(task, n))
        except KeyboardInterrupt:
            # Every finished row is already in --out: say so, or Ctrl-C looks like the work was lost.
            progress.stop()
            err_console.print(
                f"Interrupted: {int(progress.tasks[0].completed):,} row(s) done this run, their results in {out}; "
                "run the same command again to resume.",
                soft_wrap=True,
            )
            raise typer.Exit(130) from None
    data = summary.as_dict()
    if fmt is not Format.text:
        emit_json(data, fmt)
    else:
        err_console.print(
            f"{summary.analysed} analysed → {out}; {summary.skipped_done} already done; "
            f"{summary.bad} bad row(s)" + (f" → {summary.errors_file}" if summary.bad else "")
        )
        for example in summary.bad_examples:
            err_console.print(f"  row {example['row']} (id {example['id']}): {example['reason']}")


def _count_rows(source: Path) -> int | None:
    suffix = source.suffix.lower()
    try:
        if suffix == ".parquet":
            import pyarrow.parquet as pq

            return int(pq.ParquetFile(source).metadata.num_rows)
        if suffix in (".jsonl", ".ndjson"):
            with source.open("rb") as handle:
                return sum(1 for line in handle if line.strip())
    except Exception:
        return None
    return None
