"""Every error rolefit raises on purpose.

RolefitError
 ├── InputError          bad input from the user: CLI exit 2, HTTP 422
 │    └── UnknownRoleError   a role name that resolves to nothing (with suggestions)
 ├── KnowledgeError      a knowledge data file is broken (names the file and field)
 └── ModelError          the shipped model is missing or does not fit this version

The core raises these; the CLI and the API translate them in one place each.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["InputError", "KnowledgeError", "ModelError", "RolefitError", "UnknownRoleError", "not_a_file"]


class RolefitError(Exception):
    """Base of every error rolefit raises on purpose."""


class InputError(RolefitError):
    """The input cannot be used as given; the message says why and how to fix it."""


def not_a_file(path: str | Path) -> InputError:
    """The error for a path that is no readable file: a folder given where a file belongs is said to be one (not
    "No such file" for a folder the user can see)."""
    if Path(path).is_dir():
        return InputError(f"{path} is a folder; give a file")
    return InputError(f"No such file: {path}")


class UnknownRoleError(InputError):
    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = suggestions
        hint = f": did you mean {' or '.join(repr(s) for s in suggestions)}?" if suggestions else ""
        super().__init__(f"Unknown role {name!r}{hint} (see `rolefit roles`)")


class KnowledgeError(RolefitError):
    def __init__(self, path: str, field: str, problem: str) -> None:
        self.path = path
        self.field = field
        self.problem = problem
        super().__init__(f"{path}: {field}: {problem}")


class ModelError(RolefitError):
    """The classifier cannot be loaded or used."""
