"""The shipped classifier: saved with joblib next to a metadata file, loaded once per process."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from rolefit.errors import ModelError
from rolefit.knowledge.loader import data_dir

__all__ = ["default_model", "load_model", "model_dir", "save_model"]

MODEL_FILE = "role_classifier.joblib"
METADATA_FILE = "metadata.json"


def model_dir() -> Path:
    return data_dir() / "model"


def save_model(model: Any, metadata: dict[str, Any], folder: Path) -> None:
    import joblib

    folder.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, folder / MODEL_FILE, compress=3)
    (folder / METADATA_FILE).write_text(json.dumps(metadata, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def load_model(folder: Path) -> Any:
    import joblib

    path = folder / MODEL_FILE
    if not path.exists():
        raise ModelError(f"No trained model at {path}: run `rolefit model train` (needs the postings data)")
    try:
        return joblib.load(path)
    except Exception as exc:  # a pickle from an incompatible scikit-learn, a truncated file
        raise ModelError(f"Cannot load the model at {path} ({exc.__class__.__name__}: {exc}); retrain it") from None


def load_metadata(folder: Path) -> dict[str, Any]:
    path = folder / METADATA_FILE
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


@cache
def default_model() -> Any:
    return load_model(model_dir())
