"""The shipped role classifier: probabilities that sum to 1, and the fast feature path equal to scikit-learn's."""

from __future__ import annotations

import numpy as np

from rolefit.knowledge.models import LABELS
from rolefit.models.classifier import feature_document
from rolefit.models.store import default_model

DOCUMENTS = [
    feature_document("Build RAG pipelines over LLM APIs, evaluate agents, vector databases.", ["rag", "llm-apis"]),
    feature_document("Design A/B experiments, causal inference, SQL and dashboards for stakeholders.", ["sql"]),
    feature_document("Kubernetes, Docker, model registry, CI/CD for models, drift monitoring.", [], ["kubernetes"]),
    "",
    "İSTANBUL ÇAĞ data 日本語 python python python",
]


def test_fast_tfidf_is_the_vectorizers_own_matrix() -> None:
    model = default_model()
    fast = model._tfidf(DOCUMENTS)
    reference = model.pipeline_[0].transform(DOCUMENTS)
    assert fast.shape == reference.shape
    assert abs(fast - reference).max() < 1e-6


def test_probabilities_cover_the_seven_labels_and_sum_to_one() -> None:
    probabilities = default_model().predict_proba(DOCUMENTS)
    assert probabilities.shape == (len(DOCUMENTS), len(LABELS))
    assert np.allclose(probabilities.sum(axis=1), 1.0)
    assert LABELS[int(probabilities[0].argmax())] == "ai-engineer"
    assert LABELS[int(probabilities[1].argmax())] in {"data-scientist", "data-analyst"}
