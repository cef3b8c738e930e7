"""Answers built only from retrieved passages (extractive), checked so every number is cited.

A salary question is answered with the bands themselves; anything else with the sentences of the best
passages that share most words with the question. When the question's key words are nowhere in the
sources, or nothing scores, the answer is an honest abstention.
"""

from __future__ import annotations

import re
from typing import Any

from rolefit.ask.passages import money
from rolefit.ask.retrieval import Hit, Index, alias_words, describe, mentioned_roles, tokens

__all__ = ["answer_question", "numbers_supported"]

MIN_BM25 = 1.5  # below this the best passage shares too little with the question to answer it
UNKNOWN_SHARE = 0.4  # a question this much about words the sources never use is not theirs to answer
_COMMON_CAPS = {"i", "ai", "ml", "us", "usa", "faq"}
_NUMBER = re.compile(r"\d[\d,.]*")
_SALARY_WORDS = {
    "salary",
    "salaries",
    "pay",
    "pays",
    "paid",
    "earn",
    "earns",
    "make",
    "compensation",
    "comp",
    "wage",
    "money",
    "income",
}
_LEVEL_WORDS = {
    "entry": "entry",
    "junior": "entry",
    "graduate": "entry",
    "mid": "mid",
    "senior": "senior",
    "staff": "staff",
    "principal": "staff",
    "lead": "senior",
}
_LOCATION_WORDS = {
    "remote": "remote",
    "remotely": "remote",
    "hub": "us-hub",
    "hubs": "us-hub",
    "bay": "us-hub",
    "freelance": "freelance",
    "hourly": "freelance",
    "upwork": "freelance",
    "contract": "freelance",
}


def numbers_supported(answer: str, citations: list[dict[str, Any]]) -> bool:
    """Every number in the answer appears in at least one cited text."""
    cited = " ".join(c["text"] for c in citations)
    answer = re.sub(r"\[\d+\]", " ", answer)  # citation markers are not claims
    return all(number.rstrip(".,") in cited for number in _NUMBER.findall(answer))


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9$])", text) if s.strip()]


def _salary_answer(question: str, hits: list[Hit]) -> tuple[str, list[Hit]] | None:
    words = set(re.findall(r"[a-z]+", question.lower()))
    if not words & _SALARY_WORDS:
        return None
    roles = mentioned_roles(question)
    level = next((_LEVEL_WORDS[w] for w in words if w in _LEVEL_WORDS), None)
    location = next((_LOCATION_WORDS[w] for w in words if w in _LOCATION_WORDS), None)
    salary_hits = [h for h in hits if h.passage.kind == "salary" and (not roles or set(h.passage.roles) & set(roles))]
    if not salary_hits:
        return None
    lines, used = [], []
    from rolefit.knowledge.loader import knowledge_base

    kb = knowledge_base()
    for hit in salary_hits:
        bands = [
            b
            for b in hit.passage.facts.get("bands", [])  # type: ignore[union-attr]
            if (level is None or b.get("level") in (level, None)) and (location is None or b["location"] == location)
        ]
        if not bands:
            continue
        role_name = kb.role(hit.passage.roles[0]).name
        parts = []
        for band in bands:
            upper, lower = money(band.get("max"), band["period"]), money(band["min"], band["period"])
            parts.append(f"{band.get('level') or 'all levels'} {band['location']} {lower} to {upper}")
        used.append(hit)
        lines.append(f"{role_name}: " + "; ".join(parts) + f" [{len(used)}]")
    if not lines:
        return None
    documents = {h.passage.source.split("#")[0] for h in used}
    note = " The sources differ; each figure is shown with its own source." if len(documents) > 1 else ""
    return "\n".join(lines) + note, used


def _abstain_reason(question: str, query: list[str], unknown: list[str], best_bm25: float) -> str | None:
    """Why the sources cannot answer, or None. Casual words the sources never use are fine; a name the sources
    never mention (a country, a company, a year), or a question mostly about things they never mention, is not."""
    if not query or best_bm25 < MIN_BM25:
        return "no passage in the sources is close enough to the question"
    words = re.findall(r"[A-Za-z][A-Za-z0-9+#-]*|\d{4}", question)
    names = [
        w
        for i, w in enumerate(words)
        if (w[0].isupper() and i > 0 and w.lower() not in _COMMON_CAPS) or (w.isdigit() and len(w) == 4)
    ]
    unknown_names = [w for w in names if tokens(w) and all(t in unknown for t in tokens(w))]
    if unknown_names:
        return f"the sources never mention {', '.join(repr(w) for w in unknown_names[:3])}"
    if unknown and len(unknown) / len(query) >= UNKNOWN_SHARE:
        return f"the sources never mention {', '.join(repr(u) for u in unknown[:3])}"
    return None


def answer_question(index: Index, question: str, k: int = 5, mode: str = "hybrid") -> dict[str, Any]:
    """{answer, abstained, citations}: an extractive answer with its passages, or an abstention."""
    question = question.strip()
    if not question:
        from rolefit.errors import InputError

        raise InputError('Ask a question, e.g. rolefit ask "which role pays more remotely?"')
    query = tokens(question)
    known_names = alias_words()
    unknown = [t for t in query if t not in index.vocabulary and t not in known_names and not t.isdigit()]
    hits = index.search(question, k=max(k, 12), mode=mode)
    best_bm25 = max((h.bm25 for h in hits), default=0.0)
    reason = _abstain_reason(question, query, unknown, best_bm25)
    if reason:
        return {"answer": None, "abstained": True, "reason": reason, "citations": [describe(h) for h in hits[:3]]}
    structured = _salary_answer(question, hits)
    if structured is not None:
        answer, used = structured
    else:
        wanted = set(query)
        used = hits[:2] if len(mentioned_roles(question)) > 1 else hits[:1]
        chosen = []
        for number, hit in enumerate(used, 1):
            ranked = sorted(_sentences(hit.passage.text), key=lambda s: -len(wanted & set(tokens(s))))
            chosen.append(" ".join(ranked[:2]) + f" [{number}]")
        answer = " ".join(chosen)
    citations = [describe(h) for h in used] + [describe(h) for h in hits[:k] if h not in used][: max(0, k - len(used))]
    if not numbers_supported(answer, citations):  # cannot happen by construction; never ship an unsupported number
        return {
            "answer": None,
            "abstained": True,
            "reason": "the answer could not be checked against its sources",
            "citations": citations,
        }
    return {"answer": answer, "abstained": False, "citations": citations}
