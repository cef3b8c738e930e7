"""The shipped classifier: plain arrays (``LinearRoleModel``) next to a metadata file, loaded once per process."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from rolefit.errors import ModelError
from rolefit.knowledge.loader import data_dir

__all__ = ["default_model", "load_metadata", "load_model", "model_dir", "save_model"]

METADATA_FILE = "metadata.json"


def model_dir() -> Path:
    return data_dir() / "model"


def save_model(model: Any, metadata: dict[str, Any], folder: Path) -> None:
    """Write ``model`` (a fitted RoleClassifier, exported first, or a LinearRoleModel) and its metadata."""
    from rolefit.models.classifier import RoleClassifier

    shipped = model.export() if isinstance(model, RoleClassifier) else model
    shipped.save(folder)
    (folder / METADATA_FILE).write_text(json.dumps(metadata, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def load_model(folder: Path) -> Any:
    from rolefit.models.classifier import WEIGHTS_FILE, LinearRoleModel

    if not (folder / WEIGHTS_FILE).exists():
        raise ModelError(f"No trained model at {folder}: run `rolefit model train` (needs the postings data)")
    try:
        return LinearRoleModel.load(folder)
    except (OSError, ValueError, KeyError) as exc:  # a truncated or foreign file
        raise ModelError(f"Cannot load the model at {folder} ({exc.__class__.__name__}: {exc}); retrain it") from None


def load_metadata(folder: Path) -> dict[str, Any]:
    path = folder / METADATA_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


@cache
def default_model() -> Any:
    return load_model(model_dir())
