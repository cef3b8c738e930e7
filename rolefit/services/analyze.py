"""What a job posting really is: role probabilities, blend, title check, skills with evidence, pay."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rolefit.knowledge.loader import knowledge_base
from rolefit.knowledge.models import LABELS
from rolefit.models.title_rules import title_role
from rolefit.text.posting import PostingReading, read_posting

__all__ = ["analyze_posting", "analyze_readings", "title_or_own_line", "BLEND_MIN_SHARE"]

BLEND_MIN_SHARE = 0.15  # a role counts as blended in when it holds at least this share
MISMATCH_MAX_TITLE_SCORE = 0.2  # the title's role must be this unlikely for a mismatch
_SHORT_WORDS = 40  # a job text of fewer words is very short


def _classify(readings: Sequence[PostingReading]) -> list[dict[str, float]]:
    from rolefit.models.classifier import LinearRoleModel, reading_document
    from rolefit.models.store import default_model

    model = default_model()
    if isinstance(model, LinearRoleModel):
        probabilities = model.predict_proba_readings(readings)
    else:
        probabilities = model.predict_proba([reading_document(r) for r in readings])
    return [{label: float(row[i]) for i, label in enumerate(LABELS)} for row in probabilities]


def _rounded(scores: dict[str, float]) -> dict[str, float]:
    """Four decimals that still sum to exactly 1 (the rounding error goes to the top role)."""
    rounded = {label: round(scores[label], 4) for label in LABELS}
    top = max(rounded, key=rounded.__getitem__)
    rounded[top] = round(rounded[top] + (1.0 - sum(rounded.values())), 4)
    return rounded


def _blend(scores: dict[str, float]) -> list[dict[str, Any]]:
    kept = [(label, p) for label, p in sorted(scores.items(), key=lambda item: -item[1]) if p >= BLEND_MIN_SHARE][:3]
    total = sum(p for _, p in kept) or 1.0
    return [{"role": label, "share": round(p / total, 3)} for label, p in kept]


def _salary(role: str, seniority: str | None, reading: PostingReading) -> dict[str, Any] | None:
    stated = None
    if reading.salary is not None:
        s = reading.salary
        stated = {
            "min": s.min,
            "max": s.max,
            "currency": s.currency,
            "period": s.period,
            "evidence": {"start": s.start, "end": s.end, "text": s.text},
        }
    if role == "other":
        return {"role": role, "level": seniority, "bands": [], "stated": stated} if stated else None
    bands = [
        {
            "min": b.min,
            "max": b.max,
            "currency": b.currency,
            "period": b.period,
            "location": b.location,
            "level": b.level,
            "source": str(b.source),
        }
        for b in knowledge_base().role(role).salary
        if seniority is None or b.level in (seniority, None)
    ]
    return {"role": role, "level": seniority, "bands": bands, "stated": stated}


def _result(reading: PostingReading, scores: dict[str, float], with_sections: bool) -> dict[str, Any]:
    scores = _rounded(scores)
    role = max(scores, key=scores.__getitem__)
    blend = _blend(scores)
    by_title = title_role(reading.title)
    mismatch = bool(by_title and by_title != role and scores.get(by_title, 0.0) < MISMATCH_MAX_TITLE_SCORE)
    warnings: list[str] = []
    if mismatch:
        said = "a job outside the AI/data roles" if by_title == "other" else by_title
        warnings.append(f"title says {said} but the duties are mostly {role} ({scores[role]:.0%})")
    if len(blend) > 1:
        warnings.append("blends roles: " + ", ".join(f"{b['role']} {b['share']:.0%}" for b in blend))
    if len(reading.job_text.split(maxsplit=_SHORT_WORDS)) < _SHORT_WORDS:  # counts no further than it needs
        warnings.append("very short posting: the verdict rests on little text")
    skills = [
        {
            "id": s.id,
            "name": s.name,
            "category": s.category,
            "required": s.required,
            "evidence": [{"start": a, "end": b, "text": reading.text[a:b]} for a, b in s.evidence],
        }
        for s in reading.skills
    ]
    result: dict[str, Any] = {
        "role": role,
        "scores": scores,
        "blend": blend,
        "title_role": by_title,
        "mismatch": mismatch,
        "seniority": reading.seniority,
        "skills": skills,
        "salary": _salary(role, reading.seniority, reading),
        "warnings": warnings,
    }
    if with_sections:
        result["sections"] = [
            {"kind": s.kind, "start": s.start, "end": s.end, "heading": s.heading} for s in reading.sections
        ]
    return result


def analyze_readings(readings: Sequence[PostingReading], with_sections: bool = True) -> list[dict[str, Any]]:
    """Analyses for postings already read, one model call for the whole batch; file runs skip the section list."""
    if not readings:
        return []
    return [
        _result(reading, scores, with_sections) for reading, scores in zip(readings, _classify(readings), strict=True)
    ]


def analyze_posting(text: str, title: str | None = None) -> dict[str, Any]:
    """Analyse one posting's text (and title, if known). Raises InputError for empty/oversized text.

    With no title given, a title line of the text itself is used (and reported as ``title_from_text`` with its
    offsets): a pasted posting usually starts with it, and without one there is no title check."""
    title, own_title = title_or_own_line(text, title)
    result = analyze_readings([read_posting(text, title)])[0]
    if own_title:
        result["title_from_text"] = own_title
    return result


def title_or_own_line(text: str, title: str | None) -> tuple[str | None, dict[str, Any] | None]:
    """The title given, or else the posting's own title line and its evidence (None when there is none)."""
    if (title and title.strip()) or not isinstance(text, str):
        return title, None
    from rolefit.text.title import title_from_text

    found = title_from_text(text)
    if found is None:
        return title, None
    own = text[found[0] : found[1]]
    return own, {"start": found[0], "end": found[1], "text": own}
