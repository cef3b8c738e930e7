"""Load and validate the knowledge files shipped in ``rolefit/data``.

Each file is validated against the pydantic models on first use; a broken
file raises :class:`KnowledgeError` naming the file and the field.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from rolefit.errors import KnowledgeError
from rolefit.knowledge.models import ROLE_IDS, Document, Question, Role, Skill, Transition

__all__ = [
    "KnowledgeBase",
    "data_dir",
    "knowledge_base",
    "load_knowledge",
]

SCHEMA_VERSION = 1
# libyaml's safe loader when PyYAML was built with it (its wheels are): ~10x faster on the 5,000-alias taxonomy.
_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
M = TypeVar("M", bound=BaseModel)


def data_dir() -> Path:
    return Path(str(resources.files("rolefit") / "data"))


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as handle:
            content = yaml.load(handle, Loader=_SAFE_LOADER)
    except FileNotFoundError:
        raise KnowledgeError(str(path), "(file)", "missing") from None
    except yaml.YAMLError as exc:
        raise KnowledgeError(str(path), "(yaml)", str(exc).replace("\n", " ")) from None
    if not isinstance(content, dict):
        raise KnowledgeError(str(path), "(root)", "must be a mapping")
    version = content.get("schema_version")
    if version != SCHEMA_VERSION:
        raise KnowledgeError(str(path), "schema_version", f"expected {SCHEMA_VERSION}, got {version!r}")
    return content


def _validate(model: type[M], value: object, path: Path, prefix: str = "") -> M:
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        first = exc.errors()[0]
        location = ".".join(str(part) for part in first["loc"])
        field = f"{prefix}.{location}" if prefix and location else (prefix or location or "(root)")
        raise KnowledgeError(_short(path), field, first["msg"]) from None


def _short(path: Path) -> str:
    try:
        return str(path.relative_to(data_dir()))
    except ValueError:
        return str(path)


def _validate_list(model: type[M], path: Path, key: str) -> list[M]:
    content = _read_yaml(path)
    items = content.get(key)
    if not isinstance(items, list):
        raise KnowledgeError(_short(path), key, "must be a list")
    return [_validate(model, item, path, f"{key}[{index}]") for index, item in enumerate(items)]


class KnowledgeBase:
    """All knowledge records, validated and cross-checked."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.roles: dict[str, Role] = {}
        for role_id in ROLE_IDS:
            path = root / "roles" / f"{role_id}.yaml"
            role = _validate(Role, _read_yaml(path), path)
            if role.id != role_id:
                raise KnowledgeError(_short(path), "id", f"must be {role_id!r} (the file name), got {role.id!r}")
            self.roles[role_id] = role
        self.skills: list[Skill] = _validate_list(Skill, root / "skills.yaml", "skills")
        self.skills_by_id: dict[str, Skill] = {}
        for skill in self.skills:
            if skill.id in self.skills_by_id:
                raise KnowledgeError("skills.yaml", f"skills.{skill.id}", "duplicate id")
            self.skills_by_id[skill.id] = skill
        self.transitions: list[Transition] = _validate_list(Transition, root / "transitions.yaml", "transitions")
        self.questions: list[Question] = _validate_list(Question, root / "questions.yaml", "questions")
        self.documents: dict[str, Document] = {
            document.doc: document for document in _validate_list(Document, root / "sources.yaml", "documents")
        }

    def role(self, role_id: str) -> Role:
        return self.roles[role_id]

    def skill_name(self, skill_id: str) -> str:
        skill = self.skills_by_id.get(skill_id)
        return skill.name if skill else skill_id


@cache
def knowledge_base() -> KnowledgeBase:
    """The shipped knowledge base, loaded once per process."""
    return KnowledgeBase(data_dir())


def load_knowledge(root: Path) -> KnowledgeBase:
    """Load a knowledge base from another folder (tests, forks of the data)."""
    return KnowledgeBase(root)
