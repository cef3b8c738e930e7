"""A learned correction of a question's dense vector toward the way the knowledge passages word things.

People ask "what do they take home", "is it a dead end", "who do they sit between"; the passages say "salary and
pay", "demand", "stakeholders". The packaged sentence models place such a question near passages that share its
surface words, not near the one that answers it. A matrix ``W`` fitted on the working question files (each question
with the passages that answer it) moves the question's vector ``q`` to ``q + W q`` before it is compared with the
passages; the passages' own vectors are unchanged, so the vector store stays valid and a user's documents are ranked
by the same corrected question. ``W`` is block-diagonal, one block per model of the pair, and kept small by an L2
penalty, so a question unlike any it was fitted on moves little.

Only the ranking uses it: whether anything relevant was found at all is still read on the raw cosine, whose
abstention thresholds were chosen on that scale.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["ADAPTER_DIR", "QueryAdapter", "fit_query_adapter", "load_query_adapter", "save_query_adapter"]

ADAPTER_DIR = Path(__file__).resolve().parent.parent / "data" / "ask_adapter"


@dataclass(frozen=True)
class QueryAdapter:
    """``W`` for one embedder's query vectors (``embedder`` is the embedder's name; other vectors are not its)."""

    embedder: str
    matrix: np.ndarray
    meta: dict[str, Any] = field(default_factory=dict)

    def apply(self, vector: np.ndarray) -> np.ndarray:
        """The corrected query vector, ``q + W q``. Not ``@``: OpenBLAS would hand this small product to its threads,
        which then spin on the other core and slow the next question's embedding (median 49 -> 75 ms a question)."""
        return (vector + np.einsum("ij,j->i", self.matrix, vector)).astype(np.float32)


def fit_query_adapter(
    questions: np.ndarray,
    relevant: list[list[int]],
    passages: np.ndarray,
    blocks: int = 1,
    l2: float = 0.001,
    temperature: float = 0.05,
    max_iterations: int = 200,
) -> np.ndarray:
    """``W`` minimising the cross-entropy of each question's answering passages under a softmax over all passages
    (cosines over ``temperature``), plus ``l2`` times the squared size of ``W``; fitted by L-BFGS from zero, so the
    same inputs give the same matrix. ``blocks`` > 1 keeps W block-diagonal (one block per model of a pair: a
    question's MiniLM half then only moves its MiniLM half)."""
    from scipy.optimize import minimize

    questions = np.asarray(questions, dtype=np.float64)
    passages = np.asarray(passages, dtype=np.float64)
    count, dimensions = questions.shape
    if count == 0 or count != len(relevant):
        raise ValueError("fit_query_adapter needs one list of relevant passages per question, and some questions")
    answers = np.zeros((count, len(passages)))
    for row, positions in enumerate(relevant):
        answers[row, positions] = 1.0
    if not answers.any(axis=1).all():
        raise ValueError("every question needs at least one relevant passage")
    mask = np.zeros((dimensions, dimensions))
    width = dimensions // blocks
    for block in range(blocks):
        mask[block * width : (block + 1) * width, block * width : (block + 1) * width] = 1.0

    def loss_and_gradient(flat: np.ndarray) -> tuple[float, np.ndarray]:
        matrix = flat.reshape(dimensions, dimensions) * mask
        scores = (questions + questions @ matrix.T) @ passages.T / temperature
        scores -= scores.max(axis=1, keepdims=True)
        probabilities = np.exp(scores)
        probabilities /= probabilities.sum(axis=1, keepdims=True)
        on_answers = (probabilities * answers).sum(axis=1)
        loss = -np.log(on_answers + 1e-12).mean() + l2 * float((matrix**2).sum())
        score_gradient = (probabilities - probabilities * answers / on_answers[:, None]) / count / temperature
        gradient = (score_gradient @ passages).T @ questions + 2 * l2 * matrix
        return loss, (gradient * mask).ravel()

    result = minimize(
        loss_and_gradient,
        np.zeros(dimensions * dimensions),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": max_iterations},
    )
    return (result.x.reshape(dimensions, dimensions) * mask).astype(np.float32)


def save_query_adapter(adapter: QueryAdapter, folder: Path = ADAPTER_DIR) -> None:
    """The matrix as ``matrix.npy`` and what made it as ``meta.json`` (read back by load_query_adapter)."""
    folder.mkdir(parents=True, exist_ok=True)
    np.save(folder / "matrix.npy", adapter.matrix.astype(np.float32), allow_pickle=False)
    meta = {"embedder": adapter.embedder, **adapter.meta}
    (folder / "meta.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def load_query_adapter(embedder: str, dimensions: int, folder: Path = ADAPTER_DIR) -> QueryAdapter | None:
    """The packaged adapter when it was fitted on this embedder's vectors of this width; None when it was not, when
    it is missing or unreadable, or when ROLEFIT_QUERY_ADAPTER is 0 (benchmarks compare with and without)."""
    if os.environ.get("ROLEFIT_QUERY_ADAPTER", "1").strip() == "0":
        return None
    return _read_adapter(embedder, dimensions, folder)


@cache
def _read_adapter(embedder: str, dimensions: int, folder: Path) -> QueryAdapter | None:
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        matrix = np.load(folder / "matrix.npy", allow_pickle=False)
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("embedder") != embedder or matrix.shape != (dimensions, dimensions):
        return None
    return QueryAdapter(embedder, matrix.astype(np.float32), meta)
