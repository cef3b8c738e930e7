"""The role classifier: the shipped arrays give the scikit-learn model's own probabilities, without scikit-learn."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np

from rolefit.knowledge.models import LABELS
from rolefit.models.classifier import LinearRoleModel, RoleClassifier, feature_document, tfidf_matrix
from rolefit.models.store import default_model, load_model, save_model

DOCUMENTS = [
    feature_document("Build RAG pipelines over LLM APIs, evaluate agents, vector databases.", ["rag", "llm-apis"]),
    feature_document("Design A/B experiments, causal inference, SQL and dashboards for stakeholders.", ["sql"]),
    feature_document("Kubernetes, Docker, model registry, CI/CD for models, drift monitoring.", [], ["kubernetes"]),
    "",
    "İSTANBUL ÇAĞ data 日本語 python python python",
]

TRAINING = {
    "ai-engineer": "prompt design RAG agents LLM APIs vector database guardrails chatbot",
    "ml-engineer": "train deep learning models PyTorch fine-tuning feature pipelines model serving latency",
    "data-scientist": "statistics A/B tests causal inference forecasting segmentation stakeholders insight",
    "mlops-engineer": "Kubernetes Docker CI/CD for models model registry drift monitoring Airflow",
    "data-analyst": "SQL Excel Tableau Power BI dashboards KPI reporting ad-hoc analysis",
    "data-engineer": "ETL ELT warehouse lake Spark Kafka dbt data modelling data quality",
    "other": "sales marketing account management frontend React mobile app QA testing",
}


def _small_model() -> RoleClassifier:
    documents, labels = [], []
    for label, words in TRAINING.items():
        for shift in range(4):
            tokens = words.split()
            documents.append(" ".join(tokens[shift:] + tokens[:shift]))
            labels.append(label)
    model = RoleClassifier(min_df=1).fit(documents, labels)
    model.temperature_ = 0.8
    return model


def test_exported_model_gives_the_same_probabilities(tmp_path: Path) -> None:
    trained = _small_model()
    save_model(trained, {"note": "test"}, tmp_path)
    shipped = load_model(tmp_path)
    assert isinstance(shipped, LinearRoleModel)
    assert np.allclose(shipped.predict_proba(DOCUMENTS), trained.predict_proba(DOCUMENTS), atol=1e-6)
    # and the fast TF-IDF is the vectorizer's own matrix
    fast = tfidf_matrix(DOCUMENTS, shipped.vocabulary, shipped.token, shipped.idf, shipped.sublinear_tf)
    assert abs(fast - trained.pipeline_[0].transform(DOCUMENTS)).max() < 1e-6


def test_shipped_probabilities_cover_the_seven_labels_and_sum_to_one() -> None:
    probabilities = default_model().predict_proba(DOCUMENTS)
    assert probabilities.shape == (len(DOCUMENTS), len(LABELS))
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    assert LABELS[int(probabilities[0].argmax())] == "ai-engineer"
    assert LABELS[int(probabilities[1].argmax())] in {"data-scientist", "data-analyst"}


def test_loading_the_shipped_model_imports_no_scikit_learn() -> None:
    code = (
        "import sys; from rolefit.models.store import default_model; default_model().predict_proba(['python']); "
        "print('sklearn' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_model_evaluate_scores_a_labelled_file_and_names_bad_lines(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from rolefit.cli import app

    good = {"id": "a", "label": "ai-engineer", "title": "AI Engineer", "description": DOCUMENTS[0]}
    path = tmp_path / "labelled.jsonl"
    path.write_text(
        json.dumps(good)
        + "\n"
        + json.dumps(
            {
                **good,
                "id": "b",
                "label": "data-analyst",
                "description": "SQL, Excel and Tableau dashboards for weekly KPI reporting.",
            }
        )
        + "\n"
    )
    result = CliRunner().invoke(app, ["model", "evaluate", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"]["n"] == 2

    path.write_text(json.dumps(good) + "\n" + json.dumps({**good, "label": "ml-enginer"}) + "\n{oops\n")
    result = CliRunner().invoke(app, ["model", "evaluate", str(path)])
    assert result.exit_code == 2
    assert "labelled.jsonl:2: unknown label 'ml-enginer' (did you mean ml-engineer?)" in result.output
    assert "Traceback" not in result.output
