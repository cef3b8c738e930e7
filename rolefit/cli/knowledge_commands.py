"""`roles`, `show`, `compare`, `salary`: the knowledge base on the command line.

These import no ML library so they start fast.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from rolefit.cli.output import Format, emit_json, out_console, source_text
from rolefit.services import roles as role_service

FormatOption = Annotated[Format, typer.Option("--format", "-f", help="text, json or jsonl")]


def register(app: typer.Typer) -> None:
    app.command("roles")(roles)
    app.command("show")(show)
    app.command("compare")(compare)
    app.command("salary")(salary)


def roles(fmt: FormatOption = Format.text) -> None:
    """The roles rolefit knows, one line each."""
    data = role_service.list_roles()
    if fmt is not Format.text:
        emit_json(data["roles"] if fmt is Format.jsonl else data, fmt)
        return
    table = Table(show_header=True, header_style="bold", box=None)
    table.add_column("id")
    table.add_column("name")
    table.add_column("in one line")
    for role in data["roles"]:
        table.add_row(role["id"], role["name"], role["summary"]["text"])
    out_console.print(table)


def _fact_lines(facts: list[dict[str, Any]], with_source: bool = True) -> Text:
    text = Text()
    for index, fact in enumerate(facts):
        if index:
            text.append("\n")
        text.append("• " + fact["text"])
        if with_source and fact.get("source"):
            text.append(f"  [{source_text(fact['source'])}]", style="dim")
    return text


def show(
    role: Annotated[str, typer.Argument(help="role id, name or common spelling (e.g. MLE, data science)")],
    fmt: FormatOption = Format.text,
) -> None:
    """One role: focus, outputs, skills with levels, tools, salary, ladder, sources."""
    record = role_service.show_role(role)
    if fmt is not Format.text:
        emit_json(record, fmt)
        return
    console = out_console
    console.print(f"[bold]{record['name']}[/bold] ({record['id']})")
    console.print(_fact_lines([record["summary"]]))
    sections = (
        ("Focus", "focus"),
        ("Typical outputs", "outputs"),
        ("Stakeholders", "stakeholders"),
        ("Place in the ML lifecycle", "lifecycle"),
        ("Responsibilities", "responsibilities"),
        ("Day to day", "day_to_day"),
        ("Education", "education"),
        ("Certifications", "certifications"),
        ("Ways in", "entry_points"),
        ("Success metrics", "success_metrics"),
        ("Use cases", "use_cases"),
        ("Choose this role if", "choose_if"),
        ("Hire this role when", "hire_when"),
    )
    for heading, key in sections:
        if record.get(key):
            console.print(f"\n[bold]{heading}[/bold]")
            console.print(_fact_lines(record[key]))
    skills = Table(title="Skills (1-5)", title_justify="left", box=None, header_style="bold")
    for column in ("skill", "area", "level", "source"):
        skills.add_column(column)
    for skill in sorted(record["skills"], key=lambda s: -s["level"]):
        skills.add_row(skill["name"], skill["area"], "★" * skill["level"], source_text(skill["source"]))
    console.print()
    console.print(skills)
    console.print("\n[bold]Tools[/bold]")
    console.print(", ".join(tool["name"] for tool in record["tools"]))
    _print_salary(role_service.role_salary(record["id"]))
    console.print("\n[bold]Career ladder[/bold]")
    for step in record["ladder"]:
        console.print(f"• {step['label']}  [dim]\\[{source_text(step['source'])}][/dim]")
    if record.get("lateral_moves"):
        console.print("Lateral moves: " + ", ".join(move["to"] for move in record["lateral_moves"]))


def _print_salary(data: dict[str, Any]) -> None:
    table = Table(title=f"Salary bands: {data['name']}", title_justify="left", box=None, header_style="bold")
    for column in ("level", "location", "range", "source", "note"):
        table.add_column(column)
    for band in data["bands"]:
        table.add_row(
            band.get("level", "all levels"),
            band["location"],
            band["label"] + ("" if band["period"] == "year" else " (hourly)"),
            source_text(band["source"]),
            band.get("note", ""),
        )
    out_console.print()
    out_console.print(table)
    out_console.print(Text(data["summary"], style="italic"))


def compare(
    roles: Annotated[list[str], typer.Argument(help="two or more roles")],
    fmt: FormatOption = Format.text,
) -> None:
    """Roles side by side, aspect by aspect, each fact with its source."""
    data = role_service.compare_roles(roles)
    if fmt is not Format.text:
        emit_json(data, fmt)
        return
    ids = data["roles"]
    table = Table(show_lines=True, header_style="bold", expand=True)
    table.add_column("aspect", style="bold", ratio=1, min_width=12)
    for role_id in ids:
        table.add_column(data["names"][role_id], ratio=3)
    for aspect in data["aspects"]:
        table.add_row(aspect["heading"], *(_fact_lines(aspect["values"][r], with_source=False) for r in ids))
    out_console.print(table)
    skills = Table(title="Skill levels (1-5)", title_justify="left", header_style="bold")
    skills.add_column("skill")
    for role_id in ids:
        skills.add_column(data["names"][role_id], justify="center")
    for row in data["skills"]:
        skills.add_row(row["name"], *(str(row["levels"][r]["level"]) if r in row["levels"] else "·" for r in ids))
    out_console.print(skills)
    for role_id in ids:
        _print_salary(data["salary"][role_id])
    documents = sorted({fact["source"]["doc"] for a in data["aspects"] for v in a["values"].values() for fact in v})
    out_console.print(
        Text(
            "\nSources: " + ", ".join(documents) + " (run with --format json for the section of every fact)",
            style="dim",
        )
    )


def salary(
    role: Annotated[str, typer.Argument(help="role id, name or common spelling")],
    level: Annotated[str | None, typer.Option(help="entry, mid, senior or staff")] = None,
    location: Annotated[str | None, typer.Option(help="us-hub, remote, us, us-total-comp, freelance")] = None,
    fmt: FormatOption = Format.text,
) -> None:
    """Salary bands for a role, each with its source; disagreeing sources are shown side by side."""
    data = role_service.role_salary(role, level=level, location=location)
    if fmt is not Format.text:
        emit_json(data, fmt)
        return
    _print_salary(data)
