"""Which role fits a person, why, what is missing, and what to do next.

Two kinds of evidence, each optional:
- the questionnaire: the sources' "choose this role if" statements, answered 1 (not me) to 5 (exactly me);
- skills: self-ratings and/or a resume, compared with each role's skill levels from the knowledge base.
Each role's score is the mean of the parts given; every score comes with the answers and skills behind it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rolefit.errors import InputError
from rolefit.knowledge.loader import knowledge_base
from rolefit.knowledge.models import ROLE_IDS, Role
from rolefit.services.profile import PersonSkills

__all__ = ["Question", "match_person", "questionnaire", "skill_fit"]


@dataclass(frozen=True)
class Question:
    id: str
    role: str
    text: str
    source: str


def questionnaire() -> list[Question]:
    """One statement per 'choose this role if' fact, interleaved across roles so no role's block comes first."""
    kb = knowledge_base()
    per_role = {
        role_id: [
            Question(f"{role_id}-{index + 1}", role_id, fact.text, str(fact.source))
            for index, fact in enumerate(kb.role(role_id).choose_if)
        ]
        for role_id in ROLE_IDS
    }
    ordered: list[Question] = []
    for round_index in range(max(len(q) for q in per_role.values())):
        for role_id in ROLE_IDS:
            if round_index < len(per_role[role_id]):
                ordered.append(per_role[role_id][round_index])
    return ordered


def _check_answers(answers: dict[str, Any]) -> dict[str, int]:
    known = {q.id for q in questionnaire()}
    checked: dict[str, int] = {}
    for key, value in answers.items():
        if key not in known:
            raise InputError(f"Unknown question id {key!r} in the answers (see `rolefit match --questions`)")
        try:
            level = int(value)
        except (TypeError, ValueError):
            raise InputError(f"Answer to {key!r} must be 1-5, got {value!r}") from None
        if not 1 <= level <= 5:
            raise InputError(f"Answer to {key!r} must be 1-5, got {level}")
        checked[key] = level
    return checked


def skill_fit(role: Role, person: PersonSkills) -> tuple[float, list[dict[str, Any]]]:
    """Share of the role's skill needs the person covers (weighted by need), and the gaps, biggest first."""
    need_total = sum(s.level * s.level for s in role.skills) or 1
    covered = 0.0
    gaps = []
    kb = knowledge_base()
    for need in role.skills:
        have = person.level(need.skill)
        covered += min(have, need.level) * need.level
        if have < need.level:
            gaps.append(
                {
                    "skill": need.skill,
                    "name": kb.skill_name(need.skill),
                    "have": have,
                    "need": need.level,
                    "area": need.area,
                    "source": str(need.source),
                }
            )
    gaps.sort(key=lambda g: (-(g["need"] - g["have"]) * g["need"], g["skill"]))
    coverage = covered / need_total
    # Coverage alone favours roles with short skill lists; the cosine between what the person shows and
    # what the role needs rewards a profile shaped like the role's.
    needs = {s.skill: s.level for s in role.skills}
    shown = {skill: person.level(skill) for skill in set(person.levels) | set(needs)}
    dot = sum(level * needs.get(skill, 0) for skill, level in shown.items())
    norm = (sum(v * v for v in shown.values()) ** 0.5) * (sum(v * v for v in needs.values()) ** 0.5)
    similarity = dot / norm if norm else 0.0
    return 0.5 * coverage + 0.5 * similarity, gaps


def _next_steps(role: Role, person: PersonSkills, gaps: list[dict[str, Any]], limit: int = 6) -> list[dict[str, Any]]:
    """The gaps whose closing raises the skill fit most, with the score it would reach."""
    base, _ = skill_fit(role, person)
    steps = []
    for gap in gaps:
        trial = PersonSkills(dict(person.levels), person.evidence, dict(person.origin))
        trial.levels[gap["skill"]] = gap["need"]
        after, _ = skill_fit(role, trial)
        steps.append(
            {
                "role": role.id,
                "skill": gap["skill"],
                "action": f"Build {gap['name']} from level {gap['have']} to {gap['need']} "
                f"(show it in a project or on your resume)",
                "fit_before": round(base, 3),
                "fit_after": round(after, 3),
                "source": gap["source"],
            }
        )
    steps.sort(key=lambda s: -(s["fit_after"] - s["fit_before"]))
    return steps[:limit]


def match_person(answers: dict[str, Any] | None = None, person: PersonSkills | None = None) -> dict[str, Any]:
    """Every role ranked with a score 0..1 and its reasons; gaps per role; next steps, most valuable first."""
    if not answers and (person is None or not person.levels):
        raise InputError("Nothing to match on: give questionnaire answers, rated skills or a resume")
    kb = knowledge_base()
    checked = _check_answers(answers or {})
    by_question = {q.id: q for q in questionnaire()}
    ranking = []
    gaps_by_role: dict[str, list[dict[str, Any]]] = {}
    for role_id in ROLE_IDS:
        role = kb.role(role_id)
        parts: list[float] = []
        reasons: list[str] = []
        component: dict[str, float] = {}
        mine = [(by_question[k], v) for k, v in checked.items() if by_question[k].role == role_id]
        if checked:
            # Statements answered for this role; an unanswered role counts as neutral (3).
            values = [v for _, v in mine] or [3]
            preference = (sum(values) / len(values) - 1) / 4
            parts.append(preference)
            component["preferences"] = round(preference, 3)
            for question, value in sorted(mine, key=lambda item: -item[1])[:3]:
                if value >= 4:
                    reasons.append(f"you answered {value}/5 to “{question.text}” [{question.source}]")
            for question, value in sorted(mine, key=lambda item: item[1])[:2]:
                if value <= 2:
                    reasons.append(f"you answered {value}/5 to “{question.text}”, which counts against it")
        if person is not None and person.levels:
            fit, gaps = skill_fit(role, person)
            parts.append(fit)
            component["skills"] = round(fit, 3)
            gaps_by_role[role_id] = gaps
            # only what the person named: a family's partial credit is no "you have it"
            strong = sorted(
                (s for s in role.skills if person.levels.get(s.skill, 0) >= s.level), key=lambda s: -s.level
            )[:4]
            if strong:
                reasons.append("you have what it needs in " + ", ".join(kb.skill_name(s.skill) for s in strong))
            if gaps[:3]:
                reasons.append("biggest gaps: " + ", ".join(f"{g['name']} ({g['have']}→{g['need']})" for g in gaps[:3]))
        score = sum(parts) / len(parts)
        ranking.append(
            {"role": role_id, "name": role.name, "score": round(score, 3), "components": component, "reasons": reasons}
        )
    ranking.sort(key=lambda r: -r["score"])
    next_steps: list[dict[str, Any]] = []
    if person is not None and person.levels:
        for entry in ranking[:2]:
            next_steps.extend(_next_steps(kb.role(entry["role"]), person, gaps_by_role[entry["role"]]))
    elif ranking:
        top = kb.role(ranking[0]["role"])
        next_steps = [
            {
                "role": top.id,
                "action": f"Rate your skills (--skills) or add a resume (--resume) to see your gaps for {top.name}",
                "source": None,
            }
        ]
        next_steps += [
            {"role": top.id, "action": f"Way in: {fact.text}", "source": str(fact.source)}
            for fact in top.entry_points[:3]
        ]
    result: dict[str, Any] = {
        "ranking": ranking,
        "gaps": {
            role: [{k: g[k] for k in ("skill", "name", "have", "need", "source")} for g in gaps]
            for role, gaps in gaps_by_role.items()
        },
        "next_steps": next_steps,
    }
    if person is not None and person.evidence:
        result["skills_found"] = [
            {"skill": skill, "name": kb.skill_name(skill), "level": person.levels.get(skill, 0), "evidence": spans}
            for skill, spans in person.evidence.items()
        ]
    return result
