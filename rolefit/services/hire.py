"""Whom to hire for a project: the sources' hiring guidance and the posting classifier, combined.

A project description is read like a posting (same extractor and classifier), then each role's
"hire this role when" statements are compared with it; a project that needs two roles gets both,
with the split.
"""

from __future__ import annotations

import re
from typing import Any

from rolefit.errors import InputError
from rolefit.knowledge.loader import knowledge_base
from rolefit.knowledge.models import ROLE_IDS

__all__ = ["hire_for"]

MIN_SHARE = 0.2
_WORD = re.compile(r"[a-z][a-z0-9+#-]{2,}")
_STOP = frozenset(
    [
        "the",
        "and",
        "for",
        "with",
        "that",
        "this",
        "your",
        "you",
        "our",
        "are",
        "need",
        "needs",
        "hire",
        "role",
        "when",
        "project",
        "team",
        "from",
        "into",
        "over",
        "have",
        "has",
        "will",
        "can",
        "who",
        "what",
        "which",
        "their",
        "they",
        "them",
        "more",
        "most",
        "build",
        "building",
        "using",
        "use",
        "work",
        "works",
        "want",
    ]
)


def _words(text: str) -> set[str]:
    words = {w for w in _WORD.findall(text.lower()) if w not in _STOP}
    return {w[:-1] if w.endswith("s") and len(w) > 4 else w for w in words}


def hire_for(text: str) -> dict[str, Any]:
    """Roles to hire, most needed first, shares summing to 1, each with reasons and sources."""
    from rolefit.services.analyze import analyze_readings
    from rolefit.text.posting import read_posting

    if not text or not text.strip():
        raise InputError("Describe the project: what it should do, for whom, with what data")
    kb = knowledge_base()
    reading = read_posting(text)
    analysis = analyze_readings([reading])[0]
    project_words = _words(text) | {s.id for s in reading.skills}
    guidance: dict[str, list[tuple[float, Any]]] = {}
    skill_votes: dict[str, float] = {}
    for role_id in ROLE_IDS:
        role = kb.role(role_id)
        scored = []
        for fact in role.hire_when + role.use_cases:
            fact_words = _words(fact.text)
            overlap = len(project_words & fact_words)
            if overlap:
                scored.append((overlap / (len(fact_words) ** 0.5), fact))
        role_skills = {s.skill: s.level for s in role.skills}
        skill_votes[role_id] = sum(role_skills.get(s.id, 0) for s in reading.skills) / 5
        guidance[role_id] = sorted(scored, key=lambda item: -item[0])
    raw: dict[str, float] = {}
    for role_id in ROLE_IDS:
        fact_score = sum(score for score, _ in guidance[role_id][:3])
        skill_score = skill_votes[role_id]
        raw[role_id] = analysis["scores"][role_id] + 0.15 * fact_score + 0.1 * skill_score
    total = sum(raw.values()) or 1.0
    shares = {role_id: value / total for role_id, value in raw.items()}
    chosen = [role_id for role_id, share in sorted(shares.items(), key=lambda item: -item[1]) if share >= MIN_SHARE]
    chosen = chosen or [max(shares, key=shares.__getitem__)]
    kept_total = sum(shares[r] for r in chosen)
    roles = []
    for role_id in chosen:
        role = kb.role(role_id)
        facts = [fact for _, fact in guidance[role_id]][:3]
        reasons = [f"{fact.text} [{fact.source}]" for fact in facts]
        asked = [s.name for s in reading.skills if s.id in {x.skill for x in role.skills}][:6]
        if asked:
            reasons.append("the project calls for " + ", ".join(asked))
        reasons.append(f"the posting classifier reads the description as {analysis['scores'][role_id]:.0%} {role_id}")
        roles.append(
            {
                "role": role_id,
                "name": role.name,
                "share": round(shares[role_id] / kept_total, 3),
                "reasons": reasons,
                "source": str(facts[0].source) if facts else str(role.hire_when[0].source),
            }
        )
    drift = round(1.0 - sum(r["share"] for r in roles), 3)
    roles[0]["share"] = round(roles[0]["share"] + drift, 3)
    return {
        "roles": roles,
        "skills": [{"id": s.id, "name": s.name, "required": s.required} for s in reading.skills],
        "scores": {role_id: round(shares[role_id], 3) for role_id in ROLE_IDS},
    }
