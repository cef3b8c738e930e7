"""The role a job title alone suggests.

Titles are not labels (the same title hides different jobs), but they are
what employers chose to call the job: the classifier compares its content
verdict with this to flag title/content mismatches, and training uses it as
one noisy vote. Rules are ordered: the first that matches wins.
"""

from __future__ import annotations

import re

__all__ = ["title_role"]

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "mlops-engineer",
        re.compile(
            r"\bml ?ops\b|\bllm ?ops\b|\bai ?ops\b|machine learning (ops|operations|platform|infrastructure)|"
            r"\bml (platform|infrastructure|infra|systems? reliability)\b|\bai (platform|infrastructure|infra)\b|"
            r"\bmodel ops\b|\bml devops\b|ml reliability"
        ),
    ),
    (
        "ai-engineer",
        re.compile(
            r"\b(gen(erative)? ?ai|llm|large language|prompt|agentic|ai agents?|conversational ai|rag)\b.*\b(engineer|developer|architect|lead|specialist)\b|"
            r"\b(ai|a\.i\.|artificial intelligence) (engineer|developer|software engineer|application|solutions? engineer|product engineer)\b|"
            r"\bapplied ai\b|\bai/ml engineer\b|\bai & ml engineer\b|\bforward deployed ai\b|\bai (architect|specialist|lead)\b"
        ),
    ),
    (
        "ml-engineer",
        re.compile(
            r"\b(machine learning|ml|deep learning|computer vision|cv|nlp|perception|recommendation|ranking|search relevance) ?(/ ?ai )?"
            r"(engineer|developer|software engineer|eng)\b|\bml/ai engineer\b|\bmle\b|\bmachine learning\b.*\bengineer\b|"
            r"\b(research|applied) engineer\b.*\b(ml|machine learning|ai)\b"
        ),
    ),
    (
        "data-engineer",
        re.compile(
            r"\b(data|etl|big data|analytics platform|data platform|data warehouse|dwh|bi) ?(engineer|developer|architect)\b|"
            r"\betl\b|\bdata (pipeline|integration|infrastructure)\b|\bdata ?ops\b"
        ),
    ),
    (
        "data-scientist",
        re.compile(
            r"\bdata scien|\bmachine learning scientist\b|\bml scientist\b|\bapplied scientist\b|\bdecision scien|"
            r"\bquantitative (analyst|researcher)\b|\bstatistician\b|\bexperimentation\b|\bresearch scientist\b.*\b(data|ml|machine learning)\b"
        ),
    ),
    (
        "data-analyst",
        re.compile(
            r"\b(data|business intelligence|bi|business|analytics|reporting|insights?|marketing|product|financial|operations|sales|"
            r"research|quantitative)? ?analyst\b|\banalytics (engineer|specialist|manager|lead)\b|\bbi (developer|specialist)\b|"
            r"\bpower bi\b|\btableau\b|\breporting (specialist|developer)\b"
        ),
    ),
)

_OTHER = re.compile(
    r"\b(software|backend|back-end|frontend|front-end|full[- ]?stack|web|mobile|ios|android|devops|sre|site reliability|"
    r"qa|quality|test|security|network|cloud|platform|systems|embedded|firmware|game|salesforce|sap|java|\.net|php|python|"
    r"react|node|golang|ruby|c\+\+|c#)\b.*\b(engineer|developer|architect|lead|tester|programmer)\b|"
    r"\b(manager|director|recruiter|sales|account|marketing|designer|writer|support|consultant|scientist|researcher|"
    r"chemist|biologist|nurse|accountant|administrator|coordinator|specialist|representative|executive)\b"
)


def title_role(title: str | None) -> str | None:
    """The role id the title suggests, 'other' for clearly different jobs, None when unsure or no title."""
    if not title or not title.strip():
        return None
    lowered = re.sub(r"\s+", " ", title.lower().replace("_", " ")).strip()
    for role_id, pattern in _RULES:
        if pattern.search(lowered):
            return role_id
    if _OTHER.search(lowered):
        return "other"
    return None
