"""The query adapter: a learned correction of the question's vector that `ask` ranks with."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from rolefit.ask.retrieval import ADAPTED_BM25_SHARE, BM25_SHARE, build_index
from rolefit.models.embedders import HashingEmbedder
from rolefit.models.query_adapter import (
    ADAPTER_DIR,
    QueryAdapter,
    fit_query_adapter,
    load_query_adapter,
    save_query_adapter,
)


def _unit(rows: np.ndarray) -> np.ndarray:
    return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def _worded_differently(seed: int, count: int, passages: np.ndarray, answer_of: np.ndarray) -> np.ndarray:
    """Questions that sit near passage j (they share its words) but are answered by passage answer_of[j]."""
    chance = np.random.default_rng(seed)
    near = chance.integers(0, len(passages), count)
    return near, _unit(passages[near] + 0.1 * chance.normal(size=(count, passages.shape[1])))


def test_a_fitted_adapter_learns_how_questions_are_worded_not_the_questions_themselves() -> None:
    # Twelve passages; every question is worded like one passage but answered by another (people say "take home",
    # the passage says "salary"). Fitted on one set of questions, the adapter ranks the answer first for new ones.
    chance = np.random.default_rng(0)
    passages = _unit(chance.normal(size=(12, 16)))
    answer_of = np.roll(np.arange(12), 5)
    near, questions = _worded_differently(1, 120, passages, answer_of)
    matrix = fit_query_adapter(questions, [[int(answer_of[j])] for j in near], passages, l2=1e-4, temperature=0.1)

    near, new_questions = _worded_differently(2, 60, passages, answer_of)
    raw_first = np.argmax(new_questions @ passages.T, axis=1)
    adapter = QueryAdapter("test", matrix)
    adapted_first = np.array([np.argmax(passages @ adapter.apply(q)) for q in new_questions])
    assert (raw_first == answer_of[near]).mean() == 0.0
    assert (adapted_first == answer_of[near]).mean() > 0.9


def test_a_pair_of_models_gets_one_block_each_and_the_fit_is_repeatable() -> None:
    chance = np.random.default_rng(3)
    passages = _unit(chance.normal(size=(6, 8)))
    questions = _unit(chance.normal(size=(20, 8)))
    relevant = [[int(i) % 6] for i in range(20)]
    matrix = fit_query_adapter(questions, relevant, passages, blocks=2, max_iterations=20)
    assert not matrix[:4, 4:].any() and not matrix[4:, :4].any()
    assert matrix[:4, :4].any() and matrix[4:, 4:].any()
    assert np.array_equal(matrix, fit_query_adapter(questions, relevant, passages, blocks=2, max_iterations=20))


def test_fitting_without_answers_is_refused_with_a_reason() -> None:
    passages = np.eye(3)
    with pytest.raises(ValueError, match="relevant passage"):
        fit_query_adapter(np.eye(3)[:2], [[0], []], passages)
    with pytest.raises(ValueError, match="one list"):
        fit_query_adapter(np.eye(3)[:2], [[0]], passages)


def test_an_adapter_is_used_only_with_the_embedder_and_width_it_was_fitted_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_query_adapter(QueryAdapter("minilm+e5", np.eye(4, dtype=np.float32), {"l2": 0.1}), tmp_path)
    loaded = load_query_adapter("minilm+e5", 4, tmp_path)
    assert loaded is not None and loaded.meta["l2"] == 0.1
    assert np.array_equal(loaded.apply(np.ones(4, dtype=np.float32)), np.full(4, 2.0))
    assert load_query_adapter("minilm", 4, tmp_path) is None
    assert load_query_adapter("minilm+e5", 8, tmp_path) is None
    assert load_query_adapter("minilm+e5", 4, tmp_path / "missing") is None
    monkeypatch.setenv("ROLEFIT_QUERY_ADAPTER", "0")
    assert load_query_adapter("minilm+e5", 4, tmp_path) is None


def test_a_broken_adapter_file_is_ignored_not_fatal(tmp_path: Path) -> None:
    (tmp_path / "meta.json").write_text("{not json", encoding="utf-8")
    np.save(tmp_path / "matrix.npy", np.eye(2))
    assert load_query_adapter("x", 2, tmp_path) is None


def test_the_adapter_ranks_but_abstention_still_reads_the_raw_similarity() -> None:
    index = build_index(embedder=HashingEmbedder(), cache=False)
    question = "what does a data scientist earn"
    raw_best = index.best_similarity(question)
    assert index.bm25_share == BM25_SHARE  # no adapter was fitted on the hashing embedder
    dimensions = index.vectors.shape[1]
    index.use_adapter(QueryAdapter(index.embedder.name, -np.eye(dimensions, dtype=np.float32)))  # q + Wq = 0
    assert index.bm25_share == ADAPTED_BM25_SHARE
    assert index._similarities(question).max() == 0.0  # the ranking sees the corrected (here: empty) question
    assert index.best_similarity(question) == raw_best


def test_the_packaged_adapter_was_fitted_on_working_files_only() -> None:
    meta = json.loads((ADAPTER_DIR / "meta.json").read_text(encoding="utf-8"))
    matrix = np.load(ADAPTER_DIR / "matrix.npy")
    assert "ask_eval.jsonl" not in meta["question_files_sha256"]
    assert "ask_tune.jsonl" in meta["question_files_sha256"]
    assert matrix.shape == (meta["dimensions"], meta["dimensions"])
    half = meta["dimensions"] // meta["blocks"]
    assert meta["blocks"] == 2 and not matrix[:half, half:].any()
    assert ADAPTED_BM25_SHARE < BM25_SHARE  # the corrected dense ranking counts for more
