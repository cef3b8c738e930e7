"""What we know about a person: skill levels (1-5) from self-ratings or a resume, with evidence."""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from rolefit.errors import InputError, not_a_file
from rolefit.knowledge.loader import knowledge_base
from rolefit.knowledge.resolve import normalize_name

__all__ = ["PersonSkills", "load_mapping_file", "resolve_skill", "skills_from_ratings", "skills_from_resume"]

RESUME_LEVEL = 3  # a skill shown on a resume: working knowledge
RESUME_LEVEL_REPEATED = 4  # shown three or more times: a strength
RELATED_LEVEL = 2  # a broad skill not named, but two skills of its family are, or one of its tools at 3 or more
RELATED_TOOL_LEVEL = 3


@dataclass
class PersonSkills:
    levels: dict[str, int] = field(default_factory=dict)
    evidence: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    origin: dict[str, str] = field(default_factory=dict)  # "rated", "resume"

    def merge(self, other: PersonSkills) -> PersonSkills:
        """Self-ratings win over what a resume suggests."""
        merged = PersonSkills(dict(other.levels), dict(other.evidence), dict(other.origin))
        for skill, level in self.levels.items():
            if self.origin.get(skill) == "rated" or skill not in merged.levels:
                merged.levels[skill] = level
                merged.origin[skill] = self.origin.get(skill, "rated")
        for skill, spans in self.evidence.items():
            merged.evidence.setdefault(skill, spans)
        return merged

    def level(self, skill_id: str) -> int:
        """The person's level; for a broad skill never named (e.g. 'dashboards', 'infrastructure'), partial credit
        when two skills of its family are there or one of its tools is used well (Tableau at 4 shows dashboards).
        Languages and tools get none: Python and SQL say nothing about Scala."""
        if skill_id in self.levels:
            return self.levels[skill_id]
        kb = knowledge_base()
        skill = kb.skills_by_id.get(skill_id)
        if skill is None or not self.levels or skill.kind != "skill" or skill.category == "language":
            return 0
        family = [kb.skills_by_id[s] for s in self.levels if s in kb.skills_by_id]
        family = [s for s in family if s.category == skill.category]
        tool_used_well = any(s.kind == "tool" and self.levels[s.id] >= RELATED_TOOL_LEVEL for s in family)
        return RELATED_LEVEL if len(family) >= 2 or tool_used_well else 0


def load_mapping_file(path: Path, what: str) -> dict[str, Any]:
    if not path.is_file():
        raise not_a_file(path)
    try:
        content = (
            yaml.safe_load(path.read_text(encoding="utf-8", errors="replace"))
            if path.suffix.lower() in (".yaml", ".yml")
            else json.loads(path.read_text(encoding="utf-8", errors="replace"))
        )
    except (yaml.YAMLError, json.JSONDecodeError) as exc:
        raise InputError(
            f"{path.name} is not valid {'YAML' if path.suffix.lower() in ('.yaml', '.yml') else 'JSON'}: "
            f"{str(exc).splitlines()[0]}"
        ) from None
    if not isinstance(content, dict):
        raise InputError(f"{path.name}: {what} must be a mapping of names to 1-5")
    return content


def _alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for skill in knowledge_base().skills:
        for name in (skill.id, skill.name, *skill.aliases, *skill.case_sensitive):
            index.setdefault(normalize_name(name), skill.id)
    return index


def resolve_skill(name: str) -> str:
    """A skill id from an id, a name or an alias ('k8s' -> kubernetes); InputError with suggestions otherwise."""
    index = _alias_index()
    key = normalize_name(name)
    if key in index:
        return index[key]
    # Several aliases of one skill are often the closest ("python", "python3"): suggest each skill once.
    close = difflib.get_close_matches(key, list(index), n=12, cutoff=0.6)
    skills = list(dict.fromkeys(index[c] for c in close))[:3]
    hint = f": did you mean {', '.join(repr(skill) for skill in skills)}?" if skills else ""
    raise InputError(f"Unknown skill {name!r}{hint}")


def _level(value: object, name: str) -> int:
    try:
        level = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise InputError(f"Skill {name!r}: level must be a whole number 0-5, got {value!r}") from None
    if not 0 <= level <= 5:
        raise InputError(f"Skill {name!r}: level must be 0-5, got {level}")
    return level


def skills_from_ratings(ratings: dict[str, Any]) -> PersonSkills:
    """Self-rated skills: {'python': 4, 'k8s': 2, 'A/B testing': 3}."""
    person = PersonSkills()
    for name, value in ratings.items():
        skill_id = resolve_skill(str(name))
        person.levels[skill_id] = _level(value, str(name))
        person.origin[skill_id] = "rated"
    return person


def skills_from_resume(text: str) -> PersonSkills:
    """Skills a resume shows, each with the exact spans as evidence (the posting extractor, on the whole text)."""
    from rolefit.text.skills import default_extractor

    if not text.strip():
        raise InputError("The resume is empty")
    person = PersonSkills()
    counts: dict[str, int] = {}
    for mention in default_extractor().find(text):
        counts[mention.skill_id] = counts.get(mention.skill_id, 0) + 1
        person.evidence.setdefault(mention.skill_id, []).append(
            {"start": mention.start, "end": mention.end, "text": text[mention.start : mention.end]}
        )
    for skill_id, count in counts.items():
        person.levels[skill_id] = RESUME_LEVEL_REPEATED if count >= 3 else RESUME_LEVEL
        person.origin[skill_id] = "resume"
    return person
