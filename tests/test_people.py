"""People: role fit from answers, skills or a resume; transition plans; whom to hire."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pdf_files import write_text_pdf
from typer.testing import CliRunner

from rolefit.cli import app
from rolefit.knowledge.loader import knowledge_base
from rolefit.knowledge.models import CORE_ROLE_IDS, ROLE_IDS
from rolefit.services.match import match_person, questionnaire
from rolefit.services.plan import transition_plan
from rolefit.services.profile import skills_from_ratings, skills_from_resume
from rolefit.text.resume import read_resume_text

runner = CliRunner()
KB = knowledge_base()

RESUME = """Jane Doe — Data Scientist
Experience
- Designed and analysed A/B tests and causal inference studies for pricing; presented results to executives
- Built forecasting models in Python (pandas, scikit-learn) and SQL; dashboards in Tableau
- Hypothesis testing, regression and Bayesian statistics; exploratory data analysis in Jupyter
Skills: Python, SQL, R, statistics, experiment design, data visualization, communication
"""


def persona(role_id: str) -> dict[str, int]:
    """Answers the way the sources describe someone suited to `role_id`: their statements 5, the rest 2."""
    return {q.id: (5 if q.role == role_id else 2) for q in questionnaire()}


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_a_persona_from_the_sources_ranks_its_role_first(role_id: str) -> None:
    result = match_person(persona(role_id))
    assert result["ranking"][0]["role"] == role_id
    assert any("you answered 5/5" in reason for reason in result["ranking"][0]["reasons"])


def test_skills_fit_gives_gaps_and_next_steps_that_raise_the_score() -> None:
    person = skills_from_ratings({"python": 5, "Statistics": 5, "A/B testing": 5, "sql": 4, "k8s": 1})
    result = match_person(None, person)
    assert result["ranking"][0]["role"] in ("data-scientist", "data-analyst")
    gaps = {g["skill"]: g for g in result["gaps"]["mlops-engineer"]}
    assert gaps["kubernetes"]["have"] == 1 and gaps["kubernetes"]["need"] == 5
    assert result["next_steps"] and all(s["fit_after"] > s["fit_before"] for s in result["next_steps"])


def test_credit_for_skills_not_named_goes_only_to_broad_skills_a_tool_or_two_of_its_family_show() -> None:
    # Python and SQL used to credit R, Scala, Java and TypeScript at level 2, and the reasons then said
    # "you have what it needs in ... R" to someone who never named R.
    person = skills_from_ratings({"python": 4, "sql": 5, "tableau": 4, "statistics": 3})
    assert person.level("scala") == person.level("r") == person.level("typescript") == 0
    assert person.level("dashboards") == person.level("data-visualization") == 2  # Tableau at 4 shows them
    assert person.level("power-bi") == 0  # another tool is not implied
    result = match_person(None, person)
    assert result["ranking"][0]["role"] == "data-analyst"
    for entry in result["ranking"]:
        for reason in entry["reasons"]:
            if reason.startswith("you have what it needs in "):
                named = reason.removeprefix("you have what it needs in ").split(", ")
                assert set(named) <= {"Python", "SQL", "Tableau", "Statistics"}


def test_unknown_skill_names_suggest_the_closest() -> None:
    from rolefit.errors import InputError

    with pytest.raises(InputError, match="Unknown skill 'pythn'") as caught:
        skills_from_ratings({"pythn": 3})
    # each skill is suggested once, however many of its aliases are close ("python", "python3")
    suggested = str(caught.value).partition("did you mean ")[2].rstrip("?").split(", ")
    assert suggested[0] == "'python'" and len(suggested) == len(set(suggested))


def _write_docx(path: Path, text: str) -> None:
    from docx import Document

    document = Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    document.save(str(path))


def test_pdf_and_docx_resumes_give_the_same_skills_as_their_text(tmp_path: Path) -> None:
    plain = set(skills_from_resume(RESUME).levels)
    pdf, docx = tmp_path / "cv.pdf", tmp_path / "cv.docx"
    write_text_pdf(pdf, [RESUME.replace("—", "-").splitlines()])
    _write_docx(docx, RESUME)
    assert set(skills_from_resume(read_resume_text(pdf)).levels) == plain
    assert set(skills_from_resume(read_resume_text(docx)).levels) == plain
    assert {"python", "sql", "a-b-testing", "statistics", "tableau"} <= plain


def test_a_damaged_docx_or_pdf_resume_is_one_clear_error_line(tmp_path: Path) -> None:
    import zipfile

    whole = tmp_path / "whole.docx"
    _write_docx(whole, RESUME)
    truncated = tmp_path / "cv.docx"  # a download cut off halfway through the document's XML
    with zipfile.ZipFile(whole) as source, zipfile.ZipFile(truncated, "w") as target:
        for name in source.namelist():
            data = source.read(name)
            target.writestr(name, data[: len(data) // 2] if name == "word/document.xml" else data)
    pdf = tmp_path / "cv.pdf"
    write_text_pdf(pdf, [RESUME.replace("—", "-").splitlines()])
    bad_filter = tmp_path / "filter.pdf"  # a damaged filter name: pypdf raises NotImplementedError
    bad_filter.write_bytes(pdf.read_bytes().replace(b"/FlateDecode", b"/FlateDecodX"))
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(bytes(range(256)) * 8)
    for path, kind in ((truncated, "DOCX"), (bad_filter, "PDF"), (junk, "PDF")):
        result = runner.invoke(app, ["match", "--resume", str(path)])
        assert result.exit_code == 2, result.output
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and f"not a readable {kind}" in lines[0], result.output


def test_match_with_a_resume_on_the_command_line(tmp_path: Path) -> None:
    pdf = tmp_path / "cv.pdf"
    write_text_pdf(pdf, [RESUME.replace("—", "-").splitlines()])
    result = runner.invoke(app, ["match", "--resume", str(pdf), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["ranking"][0]["role"] == "data-scientist"
    assert set(data["gaps"]) == set(ROLE_IDS)
    evidence = next(s for s in data["skills_found"] if s["skill"] == "python")["evidence"][0]
    assert evidence["text"] == "Python"


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["match", "--resume", "broken.pdf"], "not a readable PDF"),
        (["match", "--resume", "empty.txt"], "has no text"),
        (["match", "--resume", "missing.pdf"], "No such file"),
        (["plan", "--from", "data-scientst", "--to", "ml-engineer"], "did you mean 'data-scientist'"),
        (["plan", "--from", "ml-engineer", "--to", "MLE"], "same role"),
        (["hire", "   "], "Describe the project"),
        (["hire", "brief.txt"], "No such file: brief.txt"),
        (["hire", "docs/brief.pdf"], "No such file"),
        (["hire", "huge.txt"], "huge.txt is over 800,000 bytes"),
        (["hire", "the quarterly picnic needs a venue"], "Nothing in the description matches"),
    ],
)
def test_bad_people_inputs_get_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], needle: str
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 this is not really a pdf")
    (tmp_path / "empty.txt").write_text("  \n")
    (tmp_path / "huge.txt").write_text("data " * 200_000)
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert needle in result.stderr and "Traceback" not in result.output


def _routes() -> list[tuple[str, str]]:
    return sorted(
        {
            (t.from_role, t.to_role)
            for t in KB.transitions
            if t.from_role in ROLE_IDS and t.to_role in ROLE_IDS and t.steps
        }
    )


@pytest.mark.parametrize(("source", "target"), _routes())
def test_every_route_in_the_sources_comes_out_with_its_steps(source: str, target: str) -> None:
    plan = transition_plan(source, target)
    expected = [step.title for t in KB.transitions if (t.from_role, t.to_role) == (source, target) for step in t.steps]
    titles = [step["title"] for step in plan["steps"] if not step["derived"]]
    assert titles == expected
    assert all(step["source"] for step in plan["steps"])


def test_plan_without_a_route_derives_steps_and_says_so() -> None:
    plan = transition_plan("data-analyst", "mlops-engineer")
    assert plan["steps"] and all(step["derived"] for step in plan["steps"])
    assert "derived" in plan["summary"]
    # no source gives an MLOps time to job-ready: say so rather than print nothing
    assert plan["months"]["min"] is None and "no time to job-ready" in plan["months"]["note"]
    result = CliRunner().invoke(app, ["plan", "--from", "data-analyst", "--to", "mlops-engineer"])
    assert result.exit_code == 0 and "time to job-ready: the sources give no time" in result.output


def test_plan_skips_what_the_person_already_has() -> None:
    full = transition_plan("data-scientist", "ml-engineer")
    person = skills_from_ratings({s.skill: 5 for s in KB.role("ml-engineer").skills})
    trimmed = transition_plan("data-scientist", "ml-engineer", person)
    assert len(trimmed["steps"]) < len(full["steps"])
    assert trimmed["gaps"] == []


def test_plan_json_has_months_steps_and_salary_change() -> None:
    result = runner.invoke(app, ["plan", "--from", "data-scientist", "--to", "ml-engineer", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["from"] == "data-scientist" and data["to"] == "ml-engineer"
    assert data["months"]["min"] == 12 and data["months"]["max"] == 24
    senior = next(b for b in data["salary_change"]["bands"] if b["level"] == "senior" and b["location"] == "us-hub")
    assert senior["change_min"] == 200_000 - 170_000


@pytest.mark.parametrize(
    ("project", "first"),
    [
        ("we need a chatbot over our support docs", "ai-engineer"),
        (
            "We want to understand why customers churn, run A/B tests on pricing and present findings to leadership",
            "data-scientist",
        ),
        (
            "Our models are trained by hand on laptops; we need CI/CD, a model registry, Kubernetes deployment and "
            "drift monitoring for them",
            "mlops-engineer",
        ),
    ],
)
def test_hire_names_the_role_a_project_needs(project: str, first: str) -> None:
    result = runner.invoke(app, ["hire", project, "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["roles"][0]["role"] == first
    assert abs(sum(r["share"] for r in data["roles"]) - 1.0) < 1e-6
    assert all(r["reasons"] and r["source"] for r in data["roles"])


def test_core_roles_all_have_hiring_guidance() -> None:
    assert all(KB.role(role_id).hire_when for role_id in CORE_ROLE_IDS)


def test_the_sample_resumes_shipped_with_the_tests_match_as_documented() -> None:
    data_dir = Path(__file__).parent / "data"
    for name in ("sample_cv.pdf", "sample_cv.docx", "sample_cv.md"):
        result = runner.invoke(app, ["match", "--resume", str(data_dir / name), "--format", "json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["ranking"][0]["role"] == "data-scientist"


def test_the_questionnaire_comes_from_the_sources_and_answers_files_are_read(tmp_path: Path) -> None:
    listed = runner.invoke(app, ["match", "--questions", "--format", "json"])
    questions = json.loads(listed.stdout)["questions"]
    assert {q["role"] for q in questions} == set(ROLE_IDS) and all(q["source"] for q in questions)
    answers = tmp_path / "answers.yaml"
    answers.write_text("answers:\n" + "".join(f"  {q}: {v}\n" for q, v in persona("mlops-engineer").items()))
    result = runner.invoke(app, ["match", "--answers", str(answers), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["ranking"][0]["role"] == "mlops-engineer"
    answers.write_text("answers:\n  not-a-question: 4\n")
    bad = runner.invoke(app, ["match", "--answers", str(answers)])
    assert bad.exit_code == 2 and "Unknown question id" in bad.stderr
    silent = runner.invoke(app, ["match"], input="")
    assert silent.exit_code == 2 and "Nothing to match on" in silent.stderr
