"""Settings, read from ROLEFIT_* environment variables (one list, one place)."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["home_dir"]


def home_dir() -> Path:
    """Where rolefit keeps state (indexes, databases): ROLEFIT_HOME or ~/.rolefit."""
    path = Path(os.environ.get("ROLEFIT_HOME") or Path.home() / ".rolefit")
    path.mkdir(parents=True, exist_ok=True)
    return path
