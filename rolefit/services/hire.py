"""Whom to hire for a project: the sources' hiring guidance, matched to the project's words, decides.

A project description written by a manager is short and in plain words, unlike a posting: the posting classifier
is close to uniform on it and the posting reader finds few skills. So each role's hiring guidance (its
``hire_when`` and ``use_cases`` facts) is ranked against the project with BM25 over the same stemmed tokens
``rolefit ask`` uses, after the project's lay phrases have been given the guidance's own words
(``data/hire_words.yaml``: "help-center articles" also looks for "knowledge assistants", "RAG"). A role's evidence
is its best matching facts; skills named outright add a vote in proportion to how much more a role needs them than
the others; the posting classifier is mixed in by the text's length. A project that needs two roles gets both, with
the split; the reasons are the facts that matched, never padding. Parameters were chosen on
bench/data/hire_tune.jsonl (bench/hire_eval.py); the optional dense model was tried as a further vote (cosine of the
project with each fact) and dropped: at most one tune project better, worse from weight 1 on, ~40 ms a project.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

from rolefit.errors import InputError, KnowledgeError
from rolefit.knowledge.loader import data_dir, knowledge_base
from rolefit.knowledge.models import ROLE_IDS, Fact
from rolefit.text.clean import MAX_CHARS

__all__ = ["hire_for", "lay_words"]

# BM25 over the 88 guidance facts, the usual parameters (tune top-1 0.911-0.933 for k1 0.9-1.5, b 0.5-0.75).
BM25_K1 = 1.2
BM25_B = 0.75
# A guidance word found only through a lay phrase counts this much of one the project itself uses (tune top-1 /
# off-target: 0.6 0.889 / 0.254, 0.8 0.911 / 0.176, 1.0 0.933 / 0.111, 1.3 0.889 / 0.115).
LAY_WEIGHT = 1.0
# A role's evidence: its best fact, plus its next ones at these weights.
FACT_WEIGHTS = (1.0, 0.5, 0.25)
# Skills named outright (read by the posting reader's skill matcher): each gives the roles its share of the six
# roles' levels for it, times this. Lay projects name few skills: 0 and 1 score the same on tune, 2 loses a second
# role.
SKILL_WEIGHT = 1.0
# The guidance's evidence (normalised over the roles) and the posting classifier's probabilities are mixed, the
# classifier counting CLASSIFIER_SHARE times the text's length in words over LONG_TEXT (capped at 1): on a two-line
# project it is near uniform and would only add noise; on a posting-length description it knows better. On 120
# labelled dev-set postings (bench/data/devset.jsonl, not "other") the classifier alone is right on 0.808, the guidance
# alone 0.533, the classifier added to the raw BM25 evidence at weights 4-16 0.658-0.792; mixed like this 0.833 for any
# share 0.5-0.9 and LONG_TEXT 100-300; on the tune projects LONG_TEXT 300 keeps two-role recall 0.917 where 100-150
# lose a project.
CLASSIFIER_SHARE = 0.7
LONG_TEXT = 300
# A role is hired when its evidence reaches this share of the leading role's; at most MAX_ROLES roles. Tune: 0.6
# picks more roles nobody needs (off-target 0.174 vs 0.111), 0.8 drops second roles (two-role recall 0.667 vs 0.917).
KEEP_RATIO = 0.7
MAX_ROLES = 3
# A fact is given as a reason when it scores this share of the role's best fact and shares a word with the project
# (or its lay phrases) that at most MAX_REASON_DF of the facts use.
# A posting-length description the classifier gives this much "other" gets a warning that the work is none of the
# roles hire can name.
OUTSIDE_FAMILY_SHARE = 0.5
REASON_RATIO = 0.5
MAX_REASONS = 3
MAX_REASON_DF = 0.1


@dataclass(frozen=True)
class _GuidanceFact:
    role: str
    fact: Fact
    terms: Counter[str]


@dataclass(frozen=True)
class _Guidance:
    facts: tuple[_GuidanceFact, ...]
    idf: dict[str, float]
    df: dict[str, int]
    avg_length: float


@dataclass(frozen=True)
class LayPhrase:
    """A plain-words phrase and the guidance words it stands for."""

    pattern: re.Pattern[str]
    kb_terms: tuple[str, ...]


# Stems a project and the guidance both use without saying what the work is ("a phone company", "based on", "an
# application", "such as", "you may need", "make sure", "run", "turn", "before", "work", "spot", "time"); ask keeps
# them, being made for questions.
_NOISE = frozenset(
    ["such", "e", "g", "may", "base", "compani", "peopl", "make", "sure", "applic"]
    + ["run", "turn", "befor", "work", "spot", "time"]
)


# Snowball stems "customer" to "custom", so "our customers" would match "custom reports"; the suffix keeps it whole.
_CUSTOMER = re.compile(r"\bcustomers?\b", re.IGNORECASE)


def _tokens(text: str) -> list[str]:
    """ask's stems without its question synonyms: "move our data" is no career move ("a metric moved") and "make"
    is no salary here."""
    from rolefit.ask.retrieval import tokens

    return [t for t in tokens(_CUSTOMER.sub("customer0", text), synonyms=False) if t not in _NOISE]


@cache
def _guidance() -> _Guidance:
    """Every role's hire_when and use_cases facts, tokenised, with BM25 document frequencies."""
    kb = knowledge_base()
    boilerplate = set(_tokens("hire hiring role project need needs"))
    facts = []
    for role_id in ROLE_IDS:
        role = kb.role(role_id)
        own_name = set(_tokens(f"{role.id} {role.name}"))
        for fact in role.hire_when:
            # "Hire an ML engineer when your project needs ...": the lead-in is no part of the project's need
            terms = [t for t in _tokens(fact.text) if t not in boilerplate and t not in own_name]
            facts.append(_GuidanceFact(role_id, fact, Counter(terms)))
        for fact in role.use_cases:
            facts.append(_GuidanceFact(role_id, fact, Counter(_tokens(fact.text))))
    df: Counter[str] = Counter()
    for item in facts:
        df.update(set(item.terms))
    n = len(facts)
    idf = {term: max(0.0, math.log((n - count + 0.5) / (count + 0.5))) for term, count in df.items()}
    avg_length = sum(sum(item.terms.values()) for item in facts) / n
    return _Guidance(tuple(facts), idf, dict(df), avg_length)


@cache
def lay_words() -> tuple[LayPhrase, ...]:
    """The lay phrases of ``data/hire_words.yaml``, compiled; raises KnowledgeError naming a malformed entry."""
    import yaml

    path = data_dir() / "hire_words.yaml"
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict) or data.get("schema_version") != 1 or not isinstance(data.get("words"), list):
        raise KnowledgeError(str(path), "schema_version", "expected schema_version: 1 and a list of words")
    phrases = []
    for number, entry in enumerate(data["words"]):
        lay, kb, fact = (entry.get(key) if isinstance(entry, dict) else None for key in ("lay", "kb", "fact"))
        if not (isinstance(lay, list) and lay and isinstance(kb, str) and kb.strip() and isinstance(fact, str)):
            raise KnowledgeError(str(path), f"words[{number}]", "needs lay (a list of phrases), kb (words) and fact")
        alternatives = "|".join(re.escape(str(p).lower()) for p in sorted(lay, key=len, reverse=True))
        pattern = re.compile(rf"(?<![a-z0-9])(?:{alternatives})(?:s|es)?(?![a-z0-9])")
        phrases.append(LayPhrase(pattern, tuple(_tokens(kb))))
    return tuple(phrases)


def _query(text: str) -> dict[str, float]:
    """The project's stemmed words (weight 1) and the guidance words its lay phrases stand for (LAY_WEIGHT)."""
    weights = dict.fromkeys(_tokens(text), 1.0)
    lowered = text.lower()
    for phrase in lay_words():
        if phrase.pattern.search(lowered):
            for term in phrase.kb_terms:
                weights.setdefault(term, LAY_WEIGHT)
    return weights


def _bm25(query: dict[str, float], item: _GuidanceFact, guidance: _Guidance) -> tuple[float, list[str]]:
    length = sum(item.terms.values())
    score = 0.0
    matched = []
    for term, weight in query.items():
        tf = item.terms.get(term, 0)
        if not tf:
            continue
        norm = tf * (BM25_K1 + 1) / (tf + BM25_K1 * (1 - BM25_B + BM25_B * length / guidance.avg_length))
        score += weight * guidance.idf[term] * norm
        matched.append(term)
    return score, matched


def _skill_votes(skill_ids: list[str]) -> dict[str, float]:
    """Per role, the sum over the project's skills of the role's share of the six roles' levels for it."""
    kb = knowledge_base()
    levels = {role_id: {s.skill: s.level for s in kb.role(role_id).skills} for role_id in ROLE_IDS}
    votes = dict.fromkeys(ROLE_IDS, 0.0)
    for skill in skill_ids:
        total = sum(levels[role_id].get(skill, 0) for role_id in ROLE_IDS)
        for role_id in ROLE_IDS:
            if total:
                votes[role_id] += levels[role_id].get(skill, 0) / total
    return votes


def hire_for(text: str) -> dict[str, Any]:
    """Roles to hire, most needed first, shares summing to 1, each with reasons and sources."""
    from rolefit.services.analyze import analyze_readings
    from rolefit.text.posting import read_posting
    from rolefit.text.skills import default_extractor

    if not text or not text.strip():
        raise InputError("Describe the project: what it should do, for whom, with what data")
    if len(text) > MAX_CHARS:
        raise InputError(
            f"The project description is {len(text):,} characters; the limit is {MAX_CHARS:,}: a page says enough"
        )
    kb = knowledge_base()
    reading = read_posting(text)
    classifier = analyze_readings([reading])[0]["scores"]
    extractor = default_extractor()
    # the posting reader skips lines it takes for a company blurb ("our help-center"), which is most of a project
    found = {s.id: s.required for s in reading.skills}
    for mention in extractor.find(text):
        found.setdefault(mention.skill_id, True)
    guidance = _guidance()
    query = _query(text)
    matches: dict[str, list[tuple[float, _GuidanceFact, list[str]]]] = {role_id: [] for role_id in ROLE_IDS}
    for item in guidance.facts:
        score, matched = _bm25(query, item, guidance)
        if score > 0:
            matches[item.role].append((score, item, matched))
    for role_matches in matches.values():
        role_matches.sort(key=lambda match: -match[0])
    skills = _skill_votes(list(found))
    length_factor = min(1.0, len(text.split()) / LONG_TEXT)
    evidence: dict[str, float] = {}
    for role_id in ROLE_IDS:
        facts_score = sum(w * m[0] for w, m in zip(FACT_WEIGHTS, matches[role_id], strict=False))
        evidence[role_id] = facts_score + SKILL_WEIGHT * skills[role_id]
    evidence_total = sum(evidence.values())
    if not evidence_total and length_factor < 0.5:
        # a few lines that no guidance fact and no skill speaks to ("the quarterly picnic needs a venue"): the
        # classifier is near uniform on them, and naming a role at 100% would be a guess dressed as an answer
        raise InputError(
            "Nothing in the description matches any role's hiring guidance or names a skill: say what the project "
            "should build, predict, report or run, e.g. 'a dashboard of weekly sales for the managers'"
        )
    # nothing in the project speaks to any guidance: the classifier is all there is
    classifier_share = CLASSIFIER_SHARE * length_factor if evidence_total else 1.0
    raw = {
        role_id: (1 - classifier_share) * evidence[role_id] / (evidence_total or 1.0)
        + classifier_share * classifier[role_id]
        for role_id in ROLE_IDS
    }
    total = sum(raw.values()) or 1.0
    ranked = sorted(ROLE_IDS, key=lambda role_id: -raw[role_id])
    chosen = [r for r in ranked[:MAX_ROLES] if raw[r] >= KEEP_RATIO * raw[ranked[0]]]
    kept_total = sum(raw[r] for r in chosen) or 1.0
    max_df = MAX_REASON_DF * len(guidance.facts)
    roles = []
    for role_id in chosen:
        role = kb.role(role_id)
        best = matches[role_id][0][0] if matches[role_id] else 0.0
        facts = [
            item.fact
            for score, item, matched in matches[role_id]
            if score >= REASON_RATIO * best and any(guidance.df[t] <= max_df for t in matched)
        ][:MAX_REASONS]
        reasons = [f"{fact.text} [{fact.source}]" for fact in facts]
        role_levels = {s.skill: s.level for s in role.skills}
        asked = [extractor.skills[s].name for s in found if role_levels.get(s, 0) >= 3][:6]
        if asked:
            reasons.append("the project calls for " + ", ".join(asked))
        if length_factor >= 0.5 or not reasons:
            reading_as = f"the posting classifier reads the description as {classifier[role_id]:.0%} {role_id}"
            if not facts:
                reading_as = "nothing in the description matches this role's hiring guidance; " + reading_as
            reasons.append(reading_as)
        roles.append(
            {
                "role": role_id,
                "name": role.name,
                "share": round(raw[role_id] / kept_total, 3),
                "reasons": reasons,
                "source": str(facts[0].source) if facts else str(role.hire_when[0].source),
            }
        )
    drift = round(1.0 - sum(r["share"] for r in roles), 3)
    roles[0]["share"] = round(roles[0]["share"] + drift, 3)
    warnings = []
    other = classifier.get("other", 0.0)
    if length_factor >= 0.5 and other >= OUTSIDE_FAMILY_SHARE:
        # hire only names AI/data roles; on a long text the classifier can tell when the work is none of them
        warnings.append(
            f"the posting classifier reads this as work outside the AI and data roles ({other:.0%}): the roles "
            "above rest on the few words it shares with their hiring guidance"
        )
    return {
        "roles": roles,
        "warnings": warnings,
        "skills": [{"id": s, "name": extractor.skills[s].name, "required": required} for s, required in found.items()],
        "scores": {role_id: round(raw[role_id] / total, 3) for role_id in ROLE_IDS},
    }
