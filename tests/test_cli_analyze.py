"""`rolefit analyze` as people use it: one posting from a file or stdin, and whole files of postings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rolefit.cli import app
from rolefit.knowledge.models import LABELS

runner = CliRunner()

MLOPS_POSTING = """Senior Data Scientist

What you'll do
- Own our ML platform: CI/CD pipelines for models, Docker images and Kubernetes deployments
- Run the model registry (MLflow) and the feature store; orchestrate training with Kubeflow and Airflow
- Monitor models in production for data drift and latency; on-call for ML infrastructure
- Manage infrastructure as code with Terraform on AWS

Requirements
- 5+ years in DevOps or MLOps, strong Python, Kubernetes, Terraform
"""


def test_one_posting_gives_the_interfaces_json(tmp_path: Path) -> None:
    path = tmp_path / "posting.txt"
    path.write_text(MLOPS_POSTING, encoding="utf-8")
    result = runner.invoke(app, ["analyze", str(path), "--title", "Senior Data Scientist", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data["scores"]) == set(LABELS)
    assert abs(sum(data["scores"].values()) - 1.0) < 1e-6
    assert data["role"] == "mlops-engineer"
    assert data["title_role"] == "data-scientist" and data["mismatch"] is True
    assert any("title says data-scientist" in w for w in data["warnings"])
    assert data["seniority"] == "senior"
    kubernetes = next(s for s in data["skills"] if s["id"] == "kubernetes")
    for span in kubernetes["evidence"]:
        assert MLOPS_POSTING[span["start"] : span["end"]] == span["text"]
    assert data["salary"]["bands"] and all(b["source"] for b in data["salary"]["bands"])


def test_stdin_and_text_output() -> None:
    result = runner.invoke(app, ["analyze", "-"], input=MLOPS_POSTING)
    assert result.exit_code == 0, result.output
    assert "mlops-engineer" in result.stdout and "Kubernetes" in result.stdout


@pytest.mark.parametrize(
    ("args", "stdin", "needle"),
    [
        (["analyze", "-"], "   ", "empty"),
        (["analyze", "missing-file.txt"], None, "No such file"),
        (["analyze", "postings.csv"], None, "No such file"),
        (["analyze", "-"], "Python SQL " * 100_000, "over 800,000 bytes"),  # 1.1 MB: only its start was read
        (["analyze", "-"], "Python SQL " * 20_000, "220,000 characters; the limit is 200,000"),
    ],
)
def test_bad_single_inputs_exit_2(args: list[str], stdin: str | None, needle: str) -> None:
    result = runner.invoke(app, args, input=stdin)
    assert result.exit_code == 2
    assert needle in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["analyze", "{folder}"],
        ["analyze", "{folder}/exports.csv", "--out", "{folder}/out.jsonl"],
        ["match", "--resume", "{folder}"],
    ],
)
def test_a_folder_given_for_a_file_is_called_a_folder(tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "exports.csv").mkdir()
    result = runner.invoke(app, [a.format(folder=tmp_path) for a in args])
    assert result.exit_code == 2
    assert "is a folder; give a file" in result.stderr and "No such file" not in result.stderr


def _write_jsonl(path: Path, rows: list[dict | str]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write((row if isinstance(row, str) else json.dumps(row)) + "\n")


def test_batch_reports_bad_rows_and_resumes(tmp_path: Path) -> None:
    source = tmp_path / "postings.jsonl"
    rows: list[dict | str] = [
        {"id": f"p{i}", "title": "Data Scientist", "description": MLOPS_POSTING} for i in range(5)
    ]
    rows.insert(2, "{not json")
    rows.append({"id": "empty", "title": "x", "description": ""})
    _write_jsonl(source, rows)
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["analyze", str(source), "--out", str(out), "--workers", "1", "--format", "json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["analysed"] == 5 and summary["bad_rows"] == 2
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["id"] for line in lines] == [f"p{i}" for i in range(5)]
    errors = [json.loads(line) for line in Path(summary["errors_file"]).read_text().splitlines()]
    assert {e["reason"].split(" ")[0] for e in errors} == {"invalid", "no"}

    # Interrupted mid-write: a half line at the end is cut and the row redone; finished rows are not.
    text = out.read_text()
    out.write_text(text[: text.rfind("\n", 0, len(text) - 1) + 1] + '{"id": "p4", "ro')
    again = runner.invoke(app, ["analyze", str(source), "--out", str(out), "--workers", "1", "--format", "json"])
    summary = json.loads(again.stdout)
    assert summary["analysed"] == 1 and summary["skipped_already_done"] == 4
    assert len(out.read_text().splitlines()) == 5


def test_batch_reads_csv_with_broken_rows_and_parquet(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    csv_path = tmp_path / "postings.csv"
    csv_path.write_text(
        'job_id,job_title,text\n1,Data Scientist,"' + MLOPS_POSTING.replace('"', "'") + '"\n2,too,many,fields\n',
        encoding="utf-8",
    )
    out = tmp_path / "csv.jsonl"
    result = runner.invoke(
        app,
        [
            "analyze",
            str(csv_path),
            "--out",
            str(out),
            "--id-col",
            "job_id",
            "--title-col",
            "job_title",
            "--text-col",
            "text",
            "--workers",
            "1",
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["bad_rows"] == 1
    assert json.loads(out.read_text().splitlines()[0])["id"] == "1"

    parquet_path = tmp_path / "postings.parquet"
    pq.write_table(
        pa.table({"id": ["a", "b"], "title": ["MLOps", "DS"], "description": [MLOPS_POSTING, MLOPS_POSTING]}),
        parquet_path,
    )
    out = tmp_path / "parquet.jsonl"
    result = runner.invoke(app, ["analyze", str(parquet_path), "--out", str(out), "--workers", "2", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in out.read_text().splitlines()] == ["a", "b"]


def test_batch_needs_out_and_a_text_column(tmp_path: Path) -> None:
    source = tmp_path / "p.csv"
    source.write_text("id,body\n1,hello\n")
    result = runner.invoke(app, ["analyze", str(source)])
    assert result.exit_code == 2 and "--out" in result.stderr
    result = runner.invoke(app, ["analyze", str(source), "--out", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 2 and "--text-col" in result.stderr


def test_a_generic_title_over_ml_duties_is_flagged_in_plain_words() -> None:
    from rolefit.services.analyze import analyze_posting

    text = (
        "Responsibilities\n- Train and fine-tune PyTorch deep learning models for recommendation and ranking\n"
        "- Build feature pipelines and deploy models to production with low-latency serving\n"
        "Requirements\n- 4 years of machine learning engineering, Python, PyTorch\n"
    )
    result = analyze_posting(text, "Senior Software Engineer")
    assert result["role"] == "ml-engineer" and result["title_role"] == "other" and result["mismatch"]
    assert result["warnings"][0].startswith("title says a job outside the AI/data roles")


def test_batch_rows_without_a_title_use_the_posting_s_own_title_line(tmp_path: Path) -> None:
    source = tmp_path / "postings.csv"
    source.write_text(
        'id,title,description\n1,,"Senior Data Engineer\nBuild ETL pipelines with Spark, Airflow and dbt."\n'
        '2,Data Analyst,"Write SQL and build Tableau dashboards for KPI reporting."\n'
    )
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["analyze", str(source), "--out", str(out), "--workers", "1", "--format", "json"])
    assert result.exit_code == 0, result.output
    first, second = (json.loads(line) for line in out.read_text().splitlines())
    assert first["title_from_text"] == {"start": 0, "end": 20, "text": "Senior Data Engineer"}
    assert first["title_role"] == "data-engineer" and first["seniority"] == "senior"
    assert "title_from_text" not in second and second["title_role"] == "data-analyst"


def test_resuming_keeps_rows_that_reuse_an_id_and_lists_each_bad_row_once(tmp_path: Path) -> None:
    source = tmp_path / "postings.jsonl"
    rows: list[dict | str] = [
        {"id": "acme", "title": "Data Scientist", "description": MLOPS_POSTING},
        "{not json",
        {"id": "acme", "title": "Data Engineer", "description": "Spark and Airflow pipelines, dbt models."},
    ]
    _write_jsonl(source, rows)
    out = tmp_path / "out.jsonl"
    args = ["analyze", str(source), "--out", str(out), "--workers", "1", "--format", "json"]
    first = json.loads(runner.invoke(app, args).stdout)
    assert first["analysed"] == 2
    # killed after the first row: the second "acme" is another posting and must still be analysed
    out.write_text(out.read_text().splitlines()[0] + "\n")
    again = json.loads(runner.invoke(app, args).stdout)
    assert again["analysed"] == 1 and again["skipped_already_done"] == 1
    assert [json.loads(line)["role"] for line in out.read_text().splitlines()][1] == "data-engineer"
    assert len(Path(again["errors_file"]).read_text().splitlines()) == 1


def test_ctrl_c_in_a_batch_says_the_work_is_kept_and_how_to_resume(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import rolefit.services.batch as batch

    def interrupted(*args: object, progress: object = None, **kwargs: object) -> None:
        assert callable(progress)
        progress(3)  # three rows were written before the user pressed Ctrl-C
        raise KeyboardInterrupt

    monkeypatch.setattr(batch, "analyze_file", interrupted)
    source = tmp_path / "postings.jsonl"
    _write_jsonl(source, [{"id": "p1", "description": MLOPS_POSTING}])
    result = runner.invoke(app, ["analyze", str(source), "--out", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 130
    assert "Interrupted: 3 row(s) done" in result.output and "again to resume" in result.output
    assert "Traceback" not in result.output
