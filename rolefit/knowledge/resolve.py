"""Turn what people type ("MLE", "data science", "MLOps") into role ids."""

from __future__ import annotations

import difflib
import re
from functools import cache

from rolefit.errors import UnknownRoleError
from rolefit.knowledge.loader import knowledge_base

__all__ = ["normalize_name", "resolve_role", "resolve_roles"]


def normalize_name(text: str) -> str:
    return re.sub(r"[^a-z0-9+#]+", " ", text.lower()).strip()


@cache
def _name_index() -> dict[str, str]:
    index: dict[str, str] = {"other": "other"}
    for role in knowledge_base().roles.values():
        for name in (role.id, role.name, *role.aliases):
            index.setdefault(normalize_name(name), role.id)
    return index


def resolve_role(name: str, *, allow_other: bool = False) -> str:
    """The role id for an id, a name or a common spelling; raises UnknownRoleError with the closest ids."""
    key = normalize_name(name)
    index = _name_index()
    role_id = index.get(key)
    if role_id is None and key.endswith("s"):
        role_id = index.get(key[:-1])  # "data scientists", "ml engineers"
    if role_id is not None and (role_id != "other" or allow_other):
        return role_id
    candidates = [k for k in index if index[k] != "other" or allow_other]
    close = difflib.get_close_matches(key, candidates, n=5, cutoff=0.5)
    suggestions: list[str] = []
    for match in close:
        if index[match] not in suggestions:
            suggestions.append(index[match])
    if not suggestions:
        words = set(key.split())
        scored = sorted((len(words & set(k.split())), index[k]) for k in candidates if words & set(k.split()))
        for _, role_id in reversed(scored):
            if role_id not in suggestions:
                suggestions.append(role_id)
    raise UnknownRoleError(name, suggestions[:2])


def resolve_roles(names: list[str]) -> list[str]:
    resolved: list[str] = []
    for name in names:
        role_id = resolve_role(name)
        if role_id not in resolved:
            resolved.append(role_id)
    return resolved
