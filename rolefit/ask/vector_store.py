"""Dense vectors kept on disk per embedder and per passage text, so only new or changed texts are embedded.

``ROLEFIT_HOME/ask-index/<embedder name>/vectors.npz`` holds two arrays, the SHA-256 of each text and its
vector, in one file: one ``os.replace`` swaps it whole, so the keys and the vectors never disagree, and an
interrupted write or a second process at the same time leaves the old store or the new one, never half of each.
Adding a file to ``--docs`` then embeds that file's passages alone instead of the whole knowledge base again.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

import numpy as np

from rolefit.models.embedders import Embedder

__all__ = ["STORE_SLACK", "embedded", "remove_legacy_indexes", "store_path", "text_key"]

# The store may hold up to this many times the entries the current build uses before it is cut back to those:
# switching between a few --docs folders (or with and without one) keeps every folder's vectors, since the
# knowledge base's ~700 passages dominate each build, while texts no build uses any more (edited documents,
# older knowledge files) cannot pile up past twice what one build needs.
STORE_SLACK = 2
_STALE_TEMP_SECONDS = 3600  # a temp file this old belongs to a process that died mid-write, not one writing now
_LEGACY_FOLDER = re.compile(r"^[0-9a-f]{16}$")  # ask-index/<fingerprint of all passages>/ before this store
_READ_ERRORS = (OSError, ValueError, EOFError, KeyError, zipfile.BadZipFile)


def text_key(text: str) -> str:
    """The store's key for a passage text: its vector depends on the text alone, not on its id or source."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def store_path(root: Path, embedder: Embedder) -> Path:
    """Where one embedder's vectors live; its name made safe as a folder name."""
    folder = re.sub(r"[^A-Za-z0-9._-]+", "_", embedder.name).strip("._") or "embedder"
    return root / folder / "vectors.npz"


def _load(path: Path) -> dict[str, np.ndarray]:
    """Key -> vector from the store; empty when there is none or it cannot be read (it is then rebuilt)."""
    if not path.exists():
        return {}
    try:
        with np.load(path, allow_pickle=False) as data:
            keys, vectors = data["keys"], data["vectors"]
    except _READ_ERRORS:
        return {}
    if keys.ndim != 1 or vectors.ndim != 2 or len(keys) != len(vectors) or vectors.dtype.kind != "f":
        return {}
    return {str(key): vector for key, vector in zip(keys, vectors, strict=True)}


def _save(path: Path, stored: dict[str, np.ndarray]) -> None:
    """Write the store to a temp file beside it and swap it in; a store that cannot be written is only a cache."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_temp_files(path.parent)
        keys = np.array(list(stored), dtype="U32")
        vectors = np.stack(list(stored.values())).astype(np.float32) if stored else np.zeros((0, 0), np.float32)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".vectors-", suffix=".tmp", delete=False) as handle:
            temp = Path(handle.name)
            try:
                np.savez(handle, keys=keys, vectors=vectors)
                handle.flush()
                os.fsync(handle.fileno())
            except BaseException:
                handle.close()
                temp.unlink(missing_ok=True)
                raise
        os.replace(temp, path)
    except OSError:
        return  # read-only or full disk: the index works without the cache, it is only slower next time


def _remove_stale_temp_files(folder: Path) -> None:
    """Temp files left by a process killed mid-write; a fresh one may be another process writing now."""
    now = time.time()
    for temp in folder.glob(".vectors-*.tmp"):
        with contextlib.suppress(OSError):
            if now - temp.stat().st_mtime > _STALE_TEMP_SECONDS:
                temp.unlink()


def remove_legacy_indexes(root: Path) -> None:
    """Delete the per-fingerprint folders earlier versions wrote (one whole copy of the vectors per set of
    passages, never removed); once gone, this finds nothing."""
    if not root.is_dir():
        return
    for folder in root.iterdir():
        if folder.is_dir() and _LEGACY_FOLDER.match(folder.name) and (folder / "meta.json").exists():
            shutil.rmtree(folder, ignore_errors=True)


def embedded(texts: list[str], embedder: Embedder, path: Path | None) -> np.ndarray:
    """One vector per text, from the store at ``path`` where it has the text and from the embedder where not;
    the store is updated (and cut back to these texts when it holds over STORE_SLACK times as many). ``path``
    None embeds everything and stores nothing."""
    if path is None or not texts:
        return np.asarray(embedder.encode(texts))
    keys = [text_key(text) for text in texts]
    stored = _load(path)
    missing = {key: text for key, text in zip(keys, texts, strict=True) if key not in stored}
    changed = False
    if missing:
        fresh = np.asarray(embedder.encode(list(missing.values())), dtype=np.float32)
        if stored and next(iter(stored.values())).shape != fresh.shape[1:]:
            # vectors of another width: the embedder changed under the same name, so none of the stored ones holds
            missing = dict(zip(keys, texts, strict=True))
            fresh = np.asarray(embedder.encode(list(missing.values())), dtype=np.float32)
            stored = {}
        stored.update(zip(missing, fresh, strict=True))
        changed = True
    used = set(keys)
    if len(stored) > STORE_SLACK * len(used):
        stored = {key: vector for key, vector in stored.items() if key in used}
        changed = True
    if changed:
        _save(path, stored)
    return np.stack([stored[key] for key in keys]).astype(np.float32)
