"""The knowledge base rendered as short passages, each with one source, for retrieval.

Facts of one kind about one role from one source section become one passage, so a citation
always points at a single place in a single document.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from rolefit.knowledge.loader import knowledge_base
from rolefit.knowledge.models import Role

__all__ = ["Passage", "knowledge_passages", "money"]

_FIELD_HEADINGS = {
    "focus": "focus",
    "outputs": "typical outputs",
    "stakeholders": "stakeholders",
    "lifecycle": "place in the ML lifecycle",
    "responsibilities": "responsibilities",
    "day_to_day": "day-to-day work",
    "education": "education and degrees",
    "certifications": "certifications",
    "entry_points": "ways into the role",
    "success_metrics": "how success is measured",
    "use_cases": "real-world use cases",
    "choose_if": "choose this role if",
    "hire_when": "when to hire this role",
}


@dataclass(frozen=True)
class Passage:
    id: str
    text: str
    source: str
    kind: str
    roles: tuple[str, ...] = ()
    facts: dict[str, object] = field(default_factory=dict, compare=False, hash=False)


def money(value: int | None, period: str) -> str:
    """A pay figure as passages write it; answers reuse it so their numbers match the cited text."""
    if value is None:
        return "open-ended"
    return f"${value}/hour" if period == "hour" else f"${value:,}"


def _role_passages(role: Role) -> list[Passage]:
    passages: list[Passage] = []
    name = role.name
    grouped: dict[tuple[str, str], list[str]] = defaultdict(list)
    for attribute in _FIELD_HEADINGS:
        for fact in getattr(role, attribute):
            grouped[(attribute, str(fact.source))].append(fact.text)
    for aspect in role.aspects:
        grouped[(f"aspect:{aspect.aspect}", str(aspect.source))].append(
            f"{aspect.aspect.replace('-', ' ')}: {aspect.text}"
        )
    for index, ((attribute, source), texts) in enumerate(grouped.items()):
        heading = _FIELD_HEADINGS.get(attribute, "compared with other roles")
        text = f"{name} — {heading}: " + " ".join(t if t.endswith(".") else t + "." for t in texts)
        passages.append(Passage(f"{role.id}.{attribute}.{index}", text, source, attribute, (role.id,)))
    passages.append(
        Passage(f"{role.id}.summary", f"{name}: {role.summary.text}", str(role.summary.source), "summary", (role.id,))
    )
    by_source: dict[str, list] = defaultdict(list)
    for band in role.salary:
        by_source[str(band.source)].append(band)
    for index, (source, bands) in enumerate(by_source.items()):
        parts = []
        for band in bands:
            where = {
                "us-hub": "US tech hubs",
                "remote": "remote",
                "us": "United States",
                "us-total-comp": "US total compensation",
                "freelance": "freelance",
                "global": "worldwide",
            }[band.location]
            level = band.level or "all levels"
            parts.append(
                f"{level}, {where}: {money(band.min, band.period)} to {money(band.max, band.period)}"
                + (" per hour" if band.period == "hour" else " a year")
            )
        text = f"{name} salary and pay: " + "; ".join(parts) + "."
        passages.append(
            Passage(
                f"{role.id}.salary.{index}",
                text,
                source,
                "salary",
                (role.id,),
                {"bands": [b.model_dump(mode="json") for b in bands]},
            )
        )
    by_source = defaultdict(list)
    for skill in role.skills:
        by_source[str(skill.source)].append(skill)
    kb = knowledge_base()
    for index, (source, skills) in enumerate(by_source.items()):
        text = f"{name} skills (level 1-5): " + ", ".join(f"{kb.skill_name(s.skill)} {s.level}" for s in skills) + "."
        ratings = [{"skill": kb.skill_name(s.skill), "level": s.level} for s in skills]
        passages.append(Passage(f"{role.id}.skills.{index}", text, source, "skills", (role.id,), {"ratings": ratings}))
    by_source = defaultdict(list)
    for tool in role.tools:
        by_source[str(tool.source)].append(tool.name)
    for index, (source, tools) in enumerate(by_source.items()):
        passages.append(
            Passage(
                f"{role.id}.tools.{index}",
                f"{name} tools and technologies: {', '.join(tools)}.",
                source,
                "tools",
                (role.id,),
            )
        )
    by_source = defaultdict(list)
    for step in role.ladder:
        by_source[str(step.source)].append(step)
    for index, (source, steps) in enumerate(by_source.items()):
        rungs = [step.label for step in steps]
        passages.append(
            Passage(
                f"{role.id}.ladder.{index}",
                f"{name} career ladder: " + " → ".join(rungs) + ".",
                source,
                "ladder",
                (role.id,),
            )
        )
    return passages


def knowledge_passages() -> list[Passage]:
    """Every passage of the shipped knowledge base, in a stable order."""
    kb = knowledge_base()
    passages: list[Passage] = []
    for role in kb.roles.values():
        passages.extend(_role_passages(role))
    for index, question in enumerate(kb.questions):
        passages.append(
            Passage(
                f"question.{index}",
                f"Q: {question.question} A: {question.answer}",
                str(question.source),
                "question",
                tuple(question.roles),
            )
        )
    for index, transition in enumerate(kb.transitions):
        months = ""
        if transition.months_min is not None:
            months = f" Time to job-ready: {transition.months_min}-{transition.months_max} months."
        steps = " ".join(f"{n}. {step.title}." for n, step in enumerate(transition.steps, 1))
        text = (
            f"Moving from {transition.from_role} to {transition.to_role}: {transition.summary}{months} {steps}".strip()
        )
        roles = tuple(r for r in (transition.from_role, transition.to_role) if r in kb.roles)
        passages.append(
            Passage(
                f"transition.{index}",
                text,
                str(transition.source),
                "transition",
                roles,
                {"from": transition.from_role, "to": transition.to_role},
            )
        )
    return passages
