"""The knowledge commands as a user runs them: text for people, JSON for scripts, clear errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from rolefit.cli import app
from rolefit.knowledge.loader import knowledge_base

runner = CliRunner()


def run_json(*args: str) -> object:
    result = runner.invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_roles_lists_every_role() -> None:
    data = run_json("roles")
    assert [r["id"] for r in data["roles"]][:4] == ["ai-engineer", "ml-engineer", "data-scientist", "mlops-engineer"]
    text = runner.invoke(app, ["roles"])
    assert text.exit_code == 0 and "mlops-engineer" in text.stdout


def test_show_accepts_a_common_spelling_and_carries_sources() -> None:
    data = run_json("show", "MLE")
    assert data["id"] == "ml-engineer"
    assert all(fact["source"]["doc"].endswith(".txt") for fact in data["responsibilities"])
    assert all(1 <= s["level"] <= 5 and s["name"] for s in data["skills"])


def test_compare_of_two_names_for_one_role_is_refused_not_shown_as_one_column() -> None:
    result = runner.invoke(app, ["compare", "ds", "data scientist"])
    assert result.exit_code == 2
    assert "same role (Data Scientist)" in result.output and "Traceback" not in result.output


def test_compare_lines_up_the_four_core_roles_with_sources() -> None:
    data = run_json("compare", "ai-engineer", "ml-engineer", "data-scientist", "mlops-engineer")
    assert data["roles"] == ["ai-engineer", "ml-engineer", "data-scientist", "mlops-engineer"]
    aspects = {a["aspect"] for a in data["aspects"]}
    assert {"focus", "outputs", "stakeholders", "responsibilities", "tools", "success_metrics"} <= aspects
    for aspect in data["aspects"]:
        for facts in aspect["values"].values():
            assert all(fact["source"]["doc"] and fact["source"]["section"] for fact in facts)
    python = next(row for row in data["skills"] if row["skill"] == "python")
    assert python["levels"]["ai-engineer"]["level"] == 5
    assert set(data["salary"]) == set(data["roles"])
    text = runner.invoke(app, ["compare", "ai-engineer", "ml-engineer", "data-scientist", "mlops-engineer"])
    assert text.exit_code == 0 and "Skill levels" in text.stdout


def test_salary_lists_every_band_with_its_source_and_says_when_sources_differ() -> None:
    data = run_json("salary", "ml-engineer")
    role = knowledge_base().role("ml-engineer")
    assert len(data["bands"]) == len(role.salary)
    assert all(band["source"]["doc"] for band in data["bands"])
    assert len(data["sources"]) >= 2
    assert "differ" in data["summary"]


def test_salary_filters_by_level_and_location() -> None:
    data = run_json("salary", "ai-engineer", "--level", "senior", "--location", "remote")
    assert data["bands"]
    assert all(b["location"] == "remote" and b.get("level") in ("senior", None) for b in data["bands"])


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["show", "ml-enginer"], "did you mean 'ml-engineer'"),
        (["compare", "ai-engineer", "astronaut"], "Unknown role 'astronaut'"),
        (["salary", "ml-engineer", "--level", "wizard"], "Unknown level 'wizard'"),
        (["compare", "ai-engineer"], "at least two roles"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], needle: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert needle in result.stderr
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_every_command_has_help() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("roles", "show", "compare", "salary"):
        sub = runner.invoke(app, [command, "--help"])
        assert sub.exit_code == 0 and command in result.stdout
