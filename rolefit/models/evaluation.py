"""Scores for a classifier on labelled postings: accuracy, macro-F1, per-role P/R, confusion, calibration."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from rolefit.knowledge.models import LABELS

__all__ = ["classification_report", "evaluate_model", "expected_calibration_error"]


def expected_calibration_error(probabilities: np.ndarray, truth: Sequence[str], bins: int = 10) -> float:
    """Top-label ECE with equal-width confidence bins."""
    confidence = probabilities.max(axis=1)
    predicted = np.array(LABELS)[probabilities.argmax(axis=1)]
    correct = predicted == np.array(truth)
    ece = 0.0
    edges = np.linspace(0.0, 1.0, bins + 1)
    for low, high in zip(edges[:-1], edges[1:], strict=True):
        mask = (confidence > low) & (confidence <= high)
        if mask.any():
            ece += mask.mean() * abs(correct[mask].mean() - confidence[mask].mean())
    return float(ece)


def classification_report(truth: Sequence[str], predicted: Sequence[str]) -> dict[str, Any]:
    labels = [label for label in LABELS if label in set(truth) | set(predicted)]
    per_role: dict[str, dict[str, float]] = {}
    for label in LABELS:
        tp = sum(1 for t, p in zip(truth, predicted, strict=True) if t == label and p == label)
        fp = sum(1 for t, p in zip(truth, predicted, strict=True) if t != label and p == label)
        fn = sum(1 for t, p in zip(truth, predicted, strict=True) if t == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_role[label] = {"precision": precision, "recall": recall, "f1": f1, "support": tp + fn}
    present = [label for label in LABELS if per_role[label]["support"] > 0]
    confusion = {t: {p: 0 for p in labels} for t in labels}
    for t, p in zip(truth, predicted, strict=True):
        confusion[t][p] += 1
    return {
        "accuracy": sum(1 for t, p in zip(truth, predicted, strict=True) if t == p) / max(len(truth), 1),
        "macro_f1": float(np.mean([per_role[label]["f1"] for label in present])) if present else 0.0,
        "per_role": per_role,
        "confusion": confusion,
    }


def evaluate_model(model: Any, files: Sequence[Path]) -> dict[str, Any]:
    from rolefit.models.classifier import reading_document
    from rolefit.models.training import load_labelled
    from rolefit.text.posting import read_posting

    rows = load_labelled(files)
    documents, truth = [], []
    for row in rows:
        reading = read_posting(row["description"], row.get("title"))
        documents.append(reading_document(reading))
        truth.append(row["label"])
    probabilities = model.predict_proba(documents)
    predicted = [LABELS[i] for i in probabilities.argmax(axis=1)]
    report = classification_report(truth, predicted)
    report["summary"] = {
        "n": len(truth),
        "accuracy": report["accuracy"],
        "macro_f1": report["macro_f1"],
        "ece": expected_calibration_error(probabilities, truth),
    }
    return report
