"""Knowledge use cases: list, show, compare roles, and their salary bands.

These return plain JSON-ready dicts (the contract of INTERFACES.md); the CLI
and the API only render them.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rolefit.errors import InputError
from rolefit.knowledge.loader import knowledge_base
from rolefit.knowledge.models import LEVELS, LOCATIONS, Role, SalaryBand
from rolefit.knowledge.resolve import resolve_role, resolve_roles

__all__ = ["compare_roles", "list_roles", "role_salary", "show_role"]

# Which locations a --location filter takes in: "us" is any US figure.
_LOCATION_GROUPS: dict[str, set[str]] = {
    "us": {"us", "us-hub", "us-total-comp"},
}


def _dump(model: Any) -> Any:
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)


def list_roles() -> dict[str, Any]:
    kb = knowledge_base()
    return {
        "roles": [
            {
                "id": role.id,
                "name": role.name,
                "core": role.core,
                "summary": _dump(role.summary),
                "aliases": role.aliases,
            }
            for role in kb.roles.values()
        ]
    }


def show_role(name: str) -> dict[str, Any]:
    kb = knowledge_base()
    role = kb.role(resolve_role(name))
    record: dict[str, Any] = _dump(role)
    for skill in record["skills"]:
        skill["name"] = kb.skill_name(skill["skill"])
    for step, model in zip(record["ladder"], role.ladder, strict=True):
        step["label"] = model.label
    record["salary_summary"] = _salary_summary(role, role.salary)
    record["transitions"] = [_dump(t) for t in kb.transitions if role.id in (t.from_role, t.to_role)]
    return record


def _money(value: int | None, period: str) -> str:
    if value is None:
        return "open"
    if period == "hour":
        return f"${value}/h"
    return f"${value // 1000}K" if value % 1000 == 0 else f"${value:,}"


def band_label(band: SalaryBand) -> str:
    upper = _money(band.max, band.period) if band.max is not None else "+"
    low = _money(band.min, band.period)
    return f"{low}+" if band.max is None else f"{low}-{upper}"


def _salary_summary(role: Role, bands: list[SalaryBand]) -> str:
    """Say plainly where the sources agree or differ; never average them."""
    if not bands:
        return f"The sources give no salary figures for {role.name} that match."
    by_key: dict[tuple[str | None, str, str], list[SalaryBand]] = defaultdict(list)
    for band in bands:
        by_key[(band.level, band.location, band.period)].append(band)
    documents = sorted({band.source.doc for band in bands})
    parts = [f"{len(bands)} band(s) for {role.name} from {len(documents)} source(s)"]
    disagreements: list[str] = []
    for (level, location, _period), group in by_key.items():
        distinct = {(b.min, b.max) for b in group}
        if len(distinct) > 1:
            spans = "; ".join(f"{band_label(b)} ({b.source.doc})" for b in group)
            disagreements.append(f"{level or 'all levels'} in {location}: {spans}")
    overall = [b for b in bands if b.level is None and b.period == "year"]
    if len({(b.min, b.max) for b in overall}) > 1:
        spans = "; ".join(f"{band_label(b)} {b.location} ({b.source.doc})" for b in overall)
        disagreements.append(f"overall ranges differ: {spans}")
    if disagreements:
        parts.append("the sources differ, shown side by side rather than averaged: " + " | ".join(disagreements))
    elif len(documents) > 1:
        parts.append("each source covers different levels or locations, so none contradicts another")
    return "; ".join(parts) + "."


def _check_choice(value: str | None, choices: tuple[str, ...], what: str) -> str | None:
    if value is None:
        return None
    value = value.strip().lower()
    if value not in choices:
        raise InputError(f"Unknown {what} {value!r}: choose one of {', '.join(choices)}")
    return value


def role_salary(name: str, level: str | None = None, location: str | None = None) -> dict[str, Any]:
    """Every salary band the sources give for a role, filtered, each with its source."""
    role = knowledge_base().role(resolve_role(name))
    level = _check_choice(level, LEVELS, "level")
    location = _check_choice(location, LOCATIONS, "location")
    bands = list(role.salary)
    if level:
        bands = [b for b in bands if b.level in (level, None)]
    if location:
        allowed = _LOCATION_GROUPS.get(location, {location})
        bands = [b for b in bands if b.location in allowed]
    return {
        "role": role.id,
        "name": role.name,
        "level": level,
        "location": location,
        "bands": [{**_dump(b), "label": band_label(b)} for b in bands],
        "sources": sorted({b.source.doc for b in bands}),
        "summary": _salary_summary(role, bands),
    }


# Aspects shown by `compare`, in order: (key, heading, role attribute or None for an `aspects` entry).
COMPARE_ASPECTS: tuple[tuple[str, str], ...] = (
    ("summary", "In one line"),
    ("focus", "Focus"),
    ("primary-focus", "Primary focus"),
    ("outputs", "Typical outputs"),
    ("main-output", "Main output"),
    ("stakeholders", "Stakeholders"),
    ("lifecycle", "Place in the ML lifecycle"),
    ("lifecycle-stage", "Lifecycle stage"),
    ("key-skills", "Key skills"),
    ("day-to-day", "Day to day"),
    ("background", "Typical background"),
    ("production-code", "Writes production code"),
    ("code-style", "Code style"),
    ("work-style", "Work style"),
    ("demand", "Demand"),
    ("responsibilities", "Responsibilities"),
    ("tools", "Tools"),
    ("education", "Education"),
    ("certifications", "Certifications"),
    ("ladder", "Career ladder"),
    ("lateral_moves", "Lateral moves"),
    ("entry_points", "Ways in"),
    ("success_metrics", "Success metrics"),
    ("use_cases", "Use cases"),
    ("choose_if", "Choose this role if"),
    ("hire_when", "Hire this role when"),
)


def _aspect_values(role: Role, key: str) -> list[dict[str, Any]]:
    attribute = key.replace("-", "_")
    if key == "summary":
        return [_dump(role.summary)]
    if hasattr(role, attribute) and key not in {"day-to-day"}:
        items = getattr(role, attribute)
        out = []
        for item in items:
            record = _dump(item)
            if key == "tools":
                record = {
                    "text": item.name,
                    "source": record["source"],
                    **({"skill": item.skill} if item.skill else {}),
                }
            elif key == "ladder":
                record = {"text": item.label, "source": record["source"]}
            elif key == "lateral_moves":
                record = {"text": item.to + (f": {item.text}" if item.text else ""), "source": record["source"]}
            out.append(record)
        return out
    if key == "day-to-day":
        facts = [_dump(a) for a in role.aspects if a.aspect == key]
        return facts + [_dump(f) for f in role.day_to_day]
    return [_dump(a) for a in role.aspects if a.aspect == key]


def compare_roles(names: list[str]) -> dict[str, Any]:
    """Roles side by side, aspect by aspect, with skill levels and salary bands aligned."""
    if len(names) < 2:
        raise InputError("compare needs at least two roles, e.g. `rolefit compare ai-engineer ml-engineer`")
    kb = knowledge_base()
    role_ids = resolve_roles(names)
    if len(role_ids) < 2:  # "ds" and "data scientist": a one-column table is no comparison
        raise InputError(
            f"{' and '.join(repr(n) for n in names)} are the same role ({kb.role(role_ids[0]).name}); "
            "compare needs two different roles, e.g. `rolefit compare ai-engineer ml-engineer`"
        )
    roles = [kb.role(role_id) for role_id in role_ids]
    aspects = []
    for key, heading in COMPARE_ASPECTS:
        values = {
            role.id: [{k: v for k, v in fact.items() if k != "aspect"} for fact in _aspect_values(role, key)]
            for role in roles
        }
        if any(values.values()):
            aspects.append({"aspect": key, "heading": heading, "values": values})
    skill_rows: dict[str, dict[str, Any]] = {}
    for role in roles:
        for level in role.skills:
            row = skill_rows.setdefault(
                level.skill,
                {"skill": level.skill, "name": kb.skill_name(level.skill), "area": level.area, "levels": {}},
            )
            row["levels"][role.id] = {"level": level.level, "source": level.source.model_dump()}
    area_order = {"programming": 0, "ml-ai": 1, "data": 2, "infrastructure": 3, "domain": 4, "soft": 5}
    skills = sorted(
        skill_rows.values(),
        key=lambda r: (area_order.get(r["area"], 9), -len(r["levels"]), -max(v["level"] for v in r["levels"].values())),
    )
    salary = {role.id: role_salary(role.id) for role in roles}
    return {
        "roles": role_ids,
        "names": {r.id: r.name for r in roles},
        "aspects": aspects,
        "skills": skills,
        "salary": salary,
    }
