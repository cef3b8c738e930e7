"""How to get from one role to another: the sources' steps where they give them, otherwise steps
derived from the skill gaps (and marked as derived), time to job-ready, and the salary change."""

from __future__ import annotations

from typing import Any

from rolefit.errors import InputError
from rolefit.knowledge.loader import knowledge_base
from rolefit.knowledge.models import LEVELS, Role, Transition
from rolefit.knowledge.resolve import resolve_role
from rolefit.services.profile import PersonSkills

__all__ = ["transition_plan"]

# Learn foundations before what builds on them.
MAX_DERIVED_STEPS = 8
_AREA_ORDER = {"programming": 0, "data": 1, "ml-ai": 2, "infrastructure": 3, "domain": 4, "soft": 5}


def _salary_change(source_role: Role, target_role: Role) -> dict[str, Any]:
    changes = []
    for band in target_role.salary:
        match = next(
            (
                b
                for b in source_role.salary
                if b.level == band.level
                and b.location == band.location
                and b.period == band.period
                and b.source.doc == band.source.doc
            ),
            None,
        )
        if match is None or band.level is None:
            continue
        changes.append(
            {
                "level": band.level,
                "location": band.location,
                "period": band.period,
                "currency": band.currency,
                "from": {"min": match.min, "max": match.max, "source": str(match.source)},
                "to": {"min": band.min, "max": band.max, "source": str(band.source)},
                "change_min": band.min - match.min,
                "change_max": (band.max - match.max) if band.max is not None and match.max is not None else None,
            }
        )
    changes.sort(key=lambda c: (c["location"], LEVELS.index(c["level"])))
    note = (
        "same source, same level and location on both sides"
        if changes
        else "the sources give no bands for both roles at the same level and location"
    )
    return {"bands": changes, "note": note}


def _routes(from_id: str, to_id: str) -> list[Transition]:
    return [t for t in knowledge_base().transitions if t.from_role == from_id and t.to_role == to_id]


def _job_ready_months(to_id: str) -> tuple[int | None, int | None, str | None]:
    """When no route gives a time, the sources' general time-to-job-ready for the target role."""
    for transition in knowledge_base().transitions:
        if transition.to_role == to_id and transition.months_min is not None:
            return transition.months_min, transition.months_max, str(transition.source)
    return None, None, None


def transition_plan(from_name: str, to_name: str, person: PersonSkills | None = None) -> dict[str, Any]:
    kb = knowledge_base()
    from_id, to_id = resolve_role(from_name), resolve_role(to_name)
    if from_id == to_id:
        raise InputError(f"--from and --to are the same role ({from_id}); pick two different roles")
    source_role, target_role = kb.role(from_id), kb.role(to_id)
    have = {s.skill: s.level for s in source_role.skills}
    gaps = []
    for need in target_role.skills:
        level_now = max(have.get(need.skill, 0), person.level(need.skill) if person else 0)
        if level_now < need.level:
            gaps.append(
                {
                    "skill": need.skill,
                    "name": kb.skill_name(need.skill),
                    "have": level_now,
                    "need": need.level,
                    "area": need.area,
                    "source": str(need.source),
                }
            )
    gaps.sort(key=lambda g: (_AREA_ORDER.get(g["area"], 9), -(g["need"] - g["have"])))
    gap_ids = {g["skill"] for g in gaps}

    steps: list[dict[str, Any]] = []
    routes = _routes(from_id, to_id)
    months_min = months_max = None
    months_source = None
    for route in routes:
        if route.months_min is not None:
            months_min, months_max, months_source = route.months_min, route.months_max, str(route.source)
        for step in route.steps:
            skills = list(step.skills)
            if person is not None and skills and not (set(skills) & gap_ids):
                continue  # the person already has what this step builds
            steps.append({"title": step.title, "skills": skills, "source": str(step.source), "derived": False})
    covered = {s for step in steps for s in step["skills"]}
    # Derived steps only for gaps that matter (the role needs the skill at 3+); the full list stays in "gaps".
    important = sorted(
        (g for g in gaps if g["need"] >= 3 and g["skill"] not in covered),
        key=lambda g: (_AREA_ORDER.get(g["area"], 9), -(g["need"] - g["have"]) * g["need"]),
    )
    for gap in important[:MAX_DERIVED_STEPS]:
        steps.append(
            {
                "title": f"Build {gap['name']} from level {gap['have']} to {gap['need']}",
                "skills": [gap["skill"]],
                "source": f"derived from the skill levels of {from_id} and {to_id} ({gap['source']})",
                "derived": True,
            }
        )
    if months_min is None:
        months_min, months_max, months_source = _job_ready_months(to_id)
    summary = (
        routes[0].summary
        if routes
        else (
            f"The sources describe no route from {source_role.name} to {target_role.name}; "
            "the steps below are derived from the difference in skill levels."
        )
    )
    return {
        "from": from_id,
        "to": to_id,
        "summary": summary,
        "routes_in_sources": [str(r.source) for r in routes],
        "months": {
            "min": months_min,
            "max": months_max,
            "source": months_source,
            "note": None
            if months_min is not None
            else f"the sources give no time to job-ready for {target_role.name}, for this move or in general",
        },
        "steps": steps,
        "gaps": [{k: g[k] for k in ("skill", "name", "have", "need", "source")} for g in gaps],
        "salary_change": _salary_change(source_role, target_role),
    }
