"""`match`, `plan`, `hire`: role fit for a person, transition plans, and whom to hire."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from rolefit.cli.output import Format, emit_json, err_console, out_console
from rolefit.errors import InputError

_DOCUMENT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".rst", ".pdf", ".docx"}
FormatOption = Annotated[Format, typer.Option("--format", "-f", help="text, json or jsonl")]


def register(app: typer.Typer) -> None:
    app.command("match")(match)
    app.command("plan")(plan)
    app.command("hire")(hire)


def _person(skills: Path | None, resume: Path | None) -> Any:
    from rolefit.services.profile import load_mapping_file, skills_from_ratings, skills_from_resume
    from rolefit.text.resume import read_resume_text

    person = None
    if resume is not None:
        person = skills_from_resume(read_resume_text(resume))
    if skills is not None:
        rated = skills_from_ratings(load_mapping_file(skills, "skills"))
        person = rated.merge(person) if person is not None else rated
    return person


def _ask_questions() -> dict[str, int]:
    from rolefit.services.match import questionnaire

    if not sys.stdin.isatty():
        raise InputError("Nothing to match on: give --answers, --skills or --resume (or run in a terminal to be asked)")
    questions = questionnaire()
    err_console.print(f"[bold]{len(questions)} statements[/bold]: 1 = not me at all … 5 = exactly me (Enter skips)")
    answers: dict[str, int] = {}
    for index, question in enumerate(questions, 1):
        while True:
            reply = typer.prompt(
                f"[{index}/{len(questions)}] {question.text}", default="", show_default=False, err=True
            ).strip()
            if not reply:
                break
            if reply in {"1", "2", "3", "4", "5"}:
                answers[question.id] = int(reply)
                break
            err_console.print("  please answer 1-5, or press Enter to skip")
    return answers


def match(
    resume: Annotated[Path | None, typer.Option(help="resume: .pdf, .docx, .md or .txt")] = None,
    answers: Annotated[Path | None, typer.Option(help="questionnaire answers (YAML/JSON: question id -> 1-5)")] = None,
    skills: Annotated[Path | None, typer.Option(help="self-rated skills (YAML/JSON: skill -> 0-5)")] = None,
    questions: Annotated[bool, typer.Option("--questions", help="print the questionnaire and exit")] = False,
    fmt: FormatOption = Format.text,
) -> None:
    """Your fit for each role: ranked, with the reasons, your gaps and the next steps that pay off most."""
    from rolefit.services.match import match_person, questionnaire
    from rolefit.services.profile import load_mapping_file

    if questions:
        items = [{"id": q.id, "role": q.role, "text": q.text, "source": q.source} for q in questionnaire()]
        if fmt is not Format.text:
            emit_json({"questions": items}, fmt)
        else:
            for item in items:
                out_console.print(f"{item['id']:18} {item['text']}")
        return
    given = load_mapping_file(answers, "answers") if answers else None
    if isinstance(given, dict) and isinstance(given.get("answers"), dict):
        given = given["answers"]
    person = _person(skills, resume)
    if given is None and person is None:
        given = _ask_questions()
    result = match_person(given, person)
    if fmt is not Format.text:
        emit_json(result, fmt)
        return
    table = Table(box=None, header_style="bold")
    for column in ("role", "fit", "why"):
        table.add_column(column)
    for entry in result["ranking"]:
        table.add_row(entry["role"], f"{entry['score']:.0%}", "\n".join(entry["reasons"]) or "-")
    out_console.print(table)
    if result["next_steps"]:
        out_console.print("\n[bold]Next steps, most valuable first[/bold]")
        for step in result["next_steps"]:
            gain = (
                f"  ({step['fit_before']:.0%} → {step['fit_after']:.0%} skill fit for {step['role']})"
                if "fit_after" in step
                else ""
            )
            out_console.print(f"• {step['action']}{gain}")


def plan(
    from_role: Annotated[str, typer.Option("--from", help="the role you have (or are closest to)")],
    to_role: Annotated[str, typer.Option("--to", help="the role you want")],
    skills: Annotated[
        Path | None, typer.Option(help="self-rated skills (YAML/JSON): steps you have done are skipped")
    ] = None,
    resume: Annotated[Path | None, typer.Option(help="resume: steps it already shows are skipped")] = None,
    fmt: FormatOption = Format.text,
) -> None:
    """A transition plan: the sources' steps (or derived ones, marked), time to job-ready, salary change."""
    from rolefit.services.plan import transition_plan

    result = transition_plan(from_role, to_role, _person(skills, resume))
    if fmt is not Format.text:
        emit_json(result, fmt)
        return
    months = result["months"]
    out_console.print(f"[bold]{result['from']} → {result['to']}[/bold]: {result['summary']}")
    if months["min"] is not None:
        out_console.print(f"time to job-ready: {months['min']}-{months['max']} months  [dim]{months['source']}[/dim]")
    else:
        out_console.print(f"time to job-ready: {months['note']}")
    for index, step in enumerate(result["steps"], 1):
        mark = " [yellow](derived)[/yellow]" if step["derived"] else ""
        out_console.print(f"{index:2}. {step['title']}{mark}  [dim]{step['source']}[/dim]")
    bands = result["salary_change"]["bands"]
    if bands:
        table = Table(title="Salary change", title_justify="left", box=None, header_style="bold")
        for column in ("level", "location", result["from"], result["to"], "source"):
            table.add_column(column)
        for band in bands:
            table.add_row(
                band["level"],
                band["location"],
                f"{band['from']['min']:,}-{band['from']['max'] or '+'}",
                f"{band['to']['min']:,}-{band['to']['max'] or '+'}",
                band["to"]["source"],
            )
        out_console.print(table)
    else:
        out_console.print(f"salary change: {result['salary_change']['note']}")


def hire(
    project: Annotated[str, typer.Argument(help="the project or team description, or a file holding it")],
    fmt: FormatOption = Format.text,
) -> None:
    """Which role(s) to hire for a project, with the split and the reasons."""
    from rolefit.services.hire import hire_for
    from rolefit.text.resume import read_document_text

    # one word that is a file, or is named like a document ("brief.md", "docs/brief.pdf"), is read as one: a
    # missing one is an error, not a one-word project ("CI/CD" stays a project)
    if len(project) < 255 and not any(c.isspace() for c in project.strip()):
        path = Path(project.strip())
        if path.is_file() or path.suffix.lower() in _DOCUMENT_SUFFIXES:
            project = read_document_text(path, "project description")
    result = hire_for(project)
    if fmt is not Format.text:
        emit_json(result, fmt)
        return
    for entry in result["roles"]:
        out_console.print(f"[bold]{entry['role']}[/bold] {entry['share']:.0%}")
        for reason in entry["reasons"]:
            out_console.print(f"  • {reason}")
    for warning in result["warnings"]:
        out_console.print(f"[yellow]! {warning}[/yellow]")
