"""Shared test fixtures: where the project's shared/ folder (seeds, data) lives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path | None:
    candidates = [os.environ.get("ROLEFIT_SHARED"), REPO.parent / "shared", REPO.parent.parent / "shared"]
    for candidate in candidates:
        if candidate and (Path(candidate) / "seeds").is_dir():
            return Path(candidate)
    return None


@pytest.fixture(scope="session")
def shared() -> Path:
    """shared/ beside the checkout; CI always has it, so its absence fails there."""
    path = shared_dir()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail("shared/ (seeds and data) not found beside the checkout; set ROLEFIT_SHARED")
        pytest.skip("shared/ not found beside the checkout")
    return path
