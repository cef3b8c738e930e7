"""rolefit: what an AI/data job posting really is, which role fits a person, how to move between roles.

The public API is imported lazily, so `import rolefit` stays light (no ML or web stack).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "analyze_posting": "rolefit.services.analyze",
    "analyze_file": "rolefit.services.batch",
    "match_person": "rolefit.services.match",
    "transition_plan": "rolefit.services.plan",
    "hire_for": "rolefit.services.hire",
    "answer_question": "rolefit.ask.answer",
    "build_index": "rolefit.ask.retrieval",
    "knowledge_base": "rolefit.knowledge.loader",
    "resolve_role": "rolefit.knowledge.resolve",
    "compare_roles": "rolefit.services.roles",
    "role_salary": "rolefit.services.roles",
    "RolefitError": "rolefit.errors",
    "InputError": "rolefit.errors",
    "UnknownRoleError": "rolefit.errors",
    "KnowledgeError": "rolefit.errors",
    "ModelError": "rolefit.errors",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'rolefit' has no attribute {name!r}")
