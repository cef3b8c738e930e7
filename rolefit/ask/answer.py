"""Answers built only from retrieved passages (extractive), checked so every number is cited.

A salary question is answered with the bands themselves; anything else with the sentences of the best
passages that share most words with the question. When the question's key words are nowhere in the
sources, or nothing scores, the answer is an honest abstention.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from typing import Any, NamedTuple

from rolefit.ask.names import employers_and_places
from rolefit.ask.passages import Passage, money
from rolefit.ask.retrieval import (
    KIND_WORDS,
    Hit,
    Index,
    alias_words,
    asks_how_roles_differ,
    describe,
    hub_places,
    kind_words,
    mentioned_roles,
    move_endpoints,
    named_skills,
    only_roles,
    passage_kinds,
    question_kinds,
    recruiter_pay,
    skill_names,
    tokens,
)
from rolefit.knowledge.models import ROLE_IDS

__all__ = ["answer_question", "numbers_supported"]

MIN_BM25 = 1.5  # below this the best passage by BM25 (of all, not only those ranked first) shares too little
# A question at least this much about words the sources never use is not theirs to answer; 0.4 refused
# slang like "do ML engineers get paged at night?" on the tuning set, 0.5 lost no unanswerable question there.
UNKNOWN_SHARE = 0.5
# Cosine similarity of the question to its nearest passage, by embedder: (below FAR the question is outside the
# sources; a question mostly of words the sources never use is still answered from CLOSE up, "my boss wants a chatbot
# on our docs, which hire?"). MiniLM: on the tuning set every answerable question scores 0.35 or more, questions
# from outside the field (recipes, pets, share prices) 0.09-0.27. MiniLM and e5 paired (the mean of the two cosines,
# higher because e5's sit around 0.7-0.9): answerable 0.58 or more, outside 0.43-0.49; chosen on tune, where 0.5 / 0.6
# abstains as MiniLM's pair did (recall 0.912, precision 1.0; MiniLM's pair on the new scale: recall 0.895) and CLOSE
# 0.64 answers one answerable question less; check and fresh 0.905 / 0.931, as with MiniLM. e5 alone (answerable
# 0.805 up, outside 0.79-0.81) is set by the same reading, not tuned further. Other embedders (tests' stand-ins) get
# MiniLM's.
MEANING_THRESHOLDS: dict[str, tuple[float, float]] = {
    "all-MiniLM-L6-v2": (0.25, 0.4),
    "all-MiniLM-L6-v2+multilingual-e5-small-q4": (0.5, 0.6),
    "multilingual-e5-small-q4": (0.8, 0.85),
}
FAR_IN_MEANING, CLOSE_IN_MEANING = MEANING_THRESHOLDS["all-MiniLM-L6-v2"]
CHECKED_PASSAGES = 5  # a name or profession in the question must be in one of the top passages
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
    "earning",
    "earnings",
    "paying",
    "wages",
}
# "How much do senior AI engineers get?": a verb that is only about pay after "how much"
_HOW_MUCH_VERBS = {"get", "gets", "getting", "make", "makes", "making", "take", "takes", "bring", "brings"}
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
_COUNTRY_WORDS = {"america", "american", "states", "country", "nationally", "nationwide"}
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


def _place_words(question: str) -> set[str]:
    """Tokens of US places the sources cover under another name ("SF" is a US tech hub)."""
    places = hub_places(question)
    return {t for place in places for t in tokens(place)} | {t for t in tokens(question) if t in _COUNTRY_WORDS}


def numbers_supported(answer: str, citations: list[dict[str, Any]]) -> bool:
    """Every number in the answer appears in at least one cited text."""
    cited = " ".join(c["text"] for c in citations)
    answer = re.sub(r"\[\d+\]", " ", answer)  # citation markers are not claims
    return all(number.rstrip(".,") in cited for number in _NUMBER.findall(answer))


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9$])", text) if s.strip()]


# An answer about one role's field (its day, its metrics, who it works with) is made of up to this many of the top
# passages of that field, and each passage of up to ANSWER_SENTENCES sentences: the sources list such things a few
# at a time, and the fact an asker wants was often in the fourth passage. Answer accuracy on the working files (tune
# / check / fresh / probes A-E), passages and sentences 3 and 2 -> 5 and 3: 0.892 / 0.867 / 0.843 / 0.765 / 0.747 /
# 0.821 / 0.757 / 0.608 -> 0.910 / 0.922 / 0.860 / 0.824 / 0.773 / 0.833 / 0.770 / 0.703, every file up; answers
# 284 -> 335 characters on average. More than five passages changes nothing (only the top five are looked at).
SAME_FIELD_PASSAGES = 5
ANSWER_SENTENCES = 3


def _same_field(hits: list[Hit]) -> list[Hit]:
    """The best passage and the other top passages of the same kind about the same roles: the knowledge base keeps
    each source's facts apart ("MLOps Engineer tools: Docker, Kubernetes." and "...: Prometheus, Grafana."), so an
    answer from the first alone often holds a fraction of what the sources say."""
    if not hits:
        return []
    first = hits[0].passage
    if first.kind in ("question", "transition", "summary"):
        return hits[:1]
    if first.kind == "document":  # the user's own passages answer together, never mixed with the knowledge base's
        same = [h for h in hits[1:CHECKED_PASSAGES] if h.passage.kind == "document"]
        return [hits[0], *same][:SAME_FIELD_PASSAGES]
    # A comparison of a field ("aspect:day-to-day") counts as that field: the one line "day to day: Reliability
    # engineering and automation." is joined by the role's own day-to-day passages, not left alone.
    field = passage_kinds(first)
    same = [
        h
        for h in hits[1:CHECKED_PASSAGES]
        if h.passage.kind != "document" and passage_kinds(h.passage) == field and h.passage.roles == first.roles
    ]
    return [hits[0], *same][:SAME_FIELD_PASSAGES]


def _best_sentences(passage: Passage, wanted: set[str], count: int = ANSWER_SENTENCES) -> list[str]:
    """The passage's sentences sharing most words with the question, in the passage's order. A FAQ entry answers
    with its answer: its own question shares the most words with the user's and says nothing."""
    text = passage.text
    about = ""
    if passage.kind == "question" and " A: " in text:
        asked, _, text = text.partition(" A: ")
        roles = mentioned_roles(asked)
        if len(roles) == 1 and not mentioned_roles(text):  # "When is AI Engineer the right choice for me?"
            from rolefit.knowledge.loader import knowledge_base

            about = knowledge_base().role(roles[0]).name + ": "  # its answer alone never says which role
    sentences = _sentences(text)
    ranked = sorted(range(len(sentences)), key=lambda i: -len(wanted & set(tokens(sentences[i]))))
    chosen = [sentences[i] for i in sorted(ranked[:count])]
    return [about + chosen[0], *chosen[1:]] if about and chosen else chosen


# What a freelancer asks for is a rate they charge: "freelance data engineer hourly rate", "what do they charge per
# hour" ("rate" alone is no pay word: a success rate, a churn rate).
_FREELANCE_RATE = re.compile(
    r"\b(charge|charges|charging)\b|\b(hourly|day|daily|freelance|freelancer|contract|contractor|consulting)\s+rates?\b"
    r"|\brates?\s+(per|an|a)\s+(hour|day)\b|\bper hour\b",
    re.IGNORECASE,
)


def _asks_pay(question: str) -> bool:
    """Whether the question asks what someone is paid."""
    words = set(re.findall(r"[a-z]+", question.lower()))
    # "what should I offer a senior data engineer": a recruiter's words for pay, when a person is what they are for
    # and the question is about pay ("which certifications do companies offer ML engineers?" is not)
    return bool(
        words & _SALARY_WORDS
        or ("how much" in question.lower() and words & _HOW_MUCH_VERBS)
        or _FREELANCE_RATE.search(question)
        or (recruiter_pay(question) and "salary" in question_kinds(question))
    )


def _pay_place(question: str) -> str | None:
    """Where the pay asked about is earned, as the bands name it: us-hub, remote or freelance; None if not said."""
    ordered = re.findall(r"[a-z]+", question.lower())
    location = next((_LOCATION_WORDS[w] for w in ordered if w in _LOCATION_WORDS), None)
    if location is None and re.search(r"\bper hour\b", question, re.IGNORECASE):
        return "freelance"
    if location is None and hub_places(question):
        return "us-hub"
    return location


_PLACE_NAMES = {
    "us-hub": "US tech-hub",
    "remote": "remote",
    "freelance": "freelance",
    "us": "US-wide",
    "us-total-comp": "US total-compensation",
}


@cache
def _pay_places_given() -> dict[str, frozenset[str]]:
    """For each role, the places its pay bands cover (read once: rendering the passages is not free)."""
    from rolefit.ask.passages import knowledge_passages

    given: dict[str, set[str]] = {}
    for passage in knowledge_passages():
        if passage.kind == "salary" and passage.roles:
            given.setdefault(passage.roles[0], set()).update(b["location"] for b in passage.facts.get("bands", []))  # type: ignore[union-attr]
    return {role: frozenset(places) for role, places in given.items()}


def _pay_not_given(roles: list[str], location: str) -> str | None:
    """Why no band answers a pay question that names a place: the sources give freelance rates for AI and ML
    engineers only, remote pay for four roles, hub pay for three."""
    given = _pay_places_given()
    lacking = [role for role in roles if location not in given.get(role, frozenset())]
    if not lacking:
        return None
    from rolefit.knowledge.loader import knowledge_base

    kb = knowledge_base()
    names = " or ".join(kb.role(role).name for role in lacking)
    have = sorted({_PLACE_NAMES.get(place, place) for role in lacking for place in given.get(role, frozenset())})
    told = f"; they give {', '.join(have)} figures" if have else ""
    return f"the sources give no {_PLACE_NAMES.get(location, location)} pay for {names}{told}"


class PayAnswer(NamedTuple):
    """The bands that answer a pay question, or why none do (``gap``) with the role's bands that come nearest."""

    text: str | None
    used: list[Hit]
    gap: str | None = None


def _salary_answer(question: str, hits: list[Hit], passages: list[Passage] | None = None) -> PayAnswer | None:
    """The pay bands for the roles, level and place asked, from the salary passages found; when none of a named
    role's was found, from that role's salary passages in ``passages`` (the bands are facts, not a ranking)."""
    if not _asks_pay(question):
        return None
    ordered = re.findall(r"[a-z]+", question.lower())  # in question order, so the first level named wins
    roles = mentioned_roles(question)
    levels = list(dict.fromkeys(_LEVEL_WORDS[w] for w in ordered if w in _LEVEL_WORDS))
    level = levels[0] if levels else None
    location = _pay_place(question)
    salary_hits = [h for h in hits if h.passage.kind == "salary" and (not roles or set(h.passage.roles) & set(roles))]
    if not salary_hits and roles and passages:
        salary_hits = [Hit(p, 0.0, 0.0) for p in passages if p.kind == "salary" and set(p.roles) & set(roles)]
    if not salary_hits:
        return None
    lines, used, compared = _band_lines(salary_hits, level, location)
    note = ""
    if not lines and location is not None and roles:  # "remote data engineer salary": no band for the place
        gap = _pay_not_given(roles, location)
        if gap and location == "freelance":  # an hourly rate; a yearly salary does not answer it
            return PayAnswer(None, _band_lines(salary_hits, level, None)[1], gap)
        if gap:  # a salary elsewhere does: said first, then the bands the sources give
            lines, used, compared = _band_lines(salary_hits, level, None)
            note = f"{gap[0].upper()}{gap[1:]}:\n"
    if not lines:
        return None
    if len(levels) > 1 and roles and not any(band.get("level") for _, _, band in compared):
        # "junior vs senior data analyst salary": one band for all levels cannot tell them apart
        names = " or ".join(dict.fromkeys(role for role, _, _ in compared))
        return PayAnswer(None, used, f"the sources give {names} pay for all levels together, not by level")
    documents = {document for _, document, _ in compared}
    differ = " The sources differ; each figure is shown with its own source." if len(documents) > 1 else ""
    comparison = _pay_comparison(compared, lowest=bool(_LOWER.search(question))) if _COMPARES.search(question) else ""
    return PayAnswer(note + "\n".join(lines) + differ + comparison, used)


# "what skills does an ML engineer need": the sources rate each role's skills 1-5 over many passages (one per source
# section), so the best-matching one or two of them gave a few skills in the order of their section ("LLMs 3, Prompt
# engineering 3") instead of what matters most. The answer lists the skills the role is rated highest on.
TOP_SKILLS = 12  # at most this many skills rated 4 or 5, best first
_ASKS_SKILLS = re.compile(r"\bskill|\bknow(?:ledge)?\b|\blearn\b|\bmust[- ]haves?\b", re.IGNORECASE)


def _skills_answer(question: str, passages: list[Passage]) -> tuple[str, list[Hit]] | None:
    """The role's highest-rated skills with the passages rating them, for a general skills question about one role
    (not one asking about a named skill: "is SQL important for data scientists" keeps its own passage)."""
    if question_kinds(question) != {"skills"} or not _ASKS_SKILLS.search(question) or named_skills(question):
        return None  # "experience required for a lead data engineer" asks how experienced, by a skills word
    roles = [r for r in mentioned_roles(question) if r in ROLE_IDS]
    if len(roles) != 1:
        return None
    rated = [
        (rating["level"], rating["skill"], passage)
        for passage in passages
        if passage.kind == "skills" and passage.roles == (roles[0],)
        for rating in passage.facts.get("ratings", [])  # type: ignore[attr-defined]
    ]
    best = sorted((r for r in rated if r[0] >= 4), key=lambda r: -r[0])[:TOP_SKILLS]
    if not best:
        return None
    used = list(dict.fromkeys(passage for _, _, passage in best))
    parts = []
    for level in (5, 4):
        named = [f"{skill} [{used.index(passage) + 1}]" for rated_at, skill, passage in best if rated_at == level]
        if named:
            parts.append(f"rated {level} of 5: {', '.join(named)}")
    from rolefit.knowledge.loader import knowledge_base

    name = knowledge_base().role(roles[0]).name
    return f"{name} skills {'; '.join(parts)}.", [Hit(p, 0.0, 0.0) for p in used]


# Answer accuracy on the working files, tune / check / fresh / probe B: the ladder for every ladder question 0.901 /
# 0.911 / 0.876 / 0.787; only when the best passage is a rung 0.910 / 0.922 / 0.860 / 0.773; a rung among the top
# four, and a word asking how one climbs (a degree, a startup after the role or "a dying career" then get no ladder)
# 0.910 / 0.922 / 0.876 / 0.787.
LADDER_AMONG = 4
# The ladder's rung words that its kind words lack ("junior to principal", "career growth", "career path").
_RUNG_WORDS = frozenset(tokens("junior mid staff principal lead grow growth path"))


def _asks_to_climb(question: str) -> bool:
    """Whether a word of the question asks how one climbs: a ladder kind word other than "career" itself, or a rung."""
    words = set(tokens(question))
    return bool(words & (kind_words("ladder") - set(tokens("career"))) or words & _RUNG_WORDS)


def _ladder_answer(question: str, hits: list[Hit], passages: list[Passage]) -> tuple[str, list[Hit]] | None:
    """The whole career ladder of the one role a ladder question names, rung by rung in the knowledge base's order,
    each rung with the passage naming it: where the sources give one rung each (MLOps, data analyst, data engineer),
    the best-matching passages alone answered "what comes after senior?" with the rungs in the order they matched.
    Only when the question asks for the ladder and one of the top LADDER_AMONG passages found is a rung: "which
    degree is best for an MLOps career" asks for a degree, "can I found a startup after..." for something else."""
    if "ladder" not in question_kinds(question) or not _asks_to_climb(question) or move_endpoints(question):
        return None  # "is data science a dying career?" says career, and asks about demand
    roles = [r for r in mentioned_roles(question) if r in ROLE_IDS]
    if len(roles) != 1 or not any(
        h.passage.kind == "ladder" and h.passage.roles == (roles[0],) for h in hits[:LADDER_AMONG]
    ):
        return None
    used = [p for p in passages if p.kind == "ladder" and p.roles == (roles[0],)]  # one at least: a hit is one
    heading = used[0].text.partition(": ")[0]
    rungs = [f"{p.text.partition(': ')[2].rstrip('.')} [{number}]" for number, p in enumerate(used, 1)]
    return f"{heading}: {' → '.join(rungs)}.", [Hit(p, 0.0, 0.0) for p in used]


def _band_lines(
    salary_hits: list[Hit], level: str | None, location: str | None
) -> tuple[list[str], list[Hit], list[tuple[str, str, dict[str, Any]]]]:
    """One line of bands per salary passage, for the level and place asked (any when None), with the passages used
    and each band's role and source document."""
    from rolefit.knowledge.loader import knowledge_base

    kb = knowledge_base()
    lines: list[str] = []
    used: list[Hit] = []
    compared: list[tuple[str, str, dict[str, Any]]] = []
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
        document = hit.passage.source.split("#")[0]
        for band in bands:
            upper, lower = money(band.get("max"), band["period"]), money(band["min"], band["period"])
            parts.append(f"{band.get('level') or 'all levels'} {band['location']} {lower} to {upper}")
            compared.append((role_name, document, band))
        used.append(hit)
        lines.append(f"{role_name}: " + "; ".join(parts) + f" [{len(used)}]")
    return lines, used, compared


# "Which role pays more remotely?", "who earns the least": a comparison is asked for, not only the bands.
_COMPARES = re.compile(
    r"\b(more|most|higher|highest|less|least|lower|lowest|better|best|worse|worst)\b|\bvs\.?\b|\bversus\b|\bcompare",
    re.IGNORECASE,
)
_LOWER = re.compile(r"\b(less|least|lower|lowest|worse|worst)\b", re.IGNORECASE)


def _pay_comparison(bands: list[tuple[str, str, dict[str, Any]]], lowest: bool) -> str:
    """Which role's band is higher (or lower), compared only within one source, level and location: sources disagree
    on pay, and a band of one source against another's would say more than either does. No figures of its own."""
    groups: dict[tuple[str, str | None, str, str], dict[str, float]] = {}
    for role_name, document, band in bands:
        middle = (band["min"] + (band.get("max") or band["min"])) / 2
        key = (document, band.get("level"), band["location"], band["period"])
        groups.setdefault(key, {})[role_name] = middle
    winners: dict[str, list[str]] = {}
    for (_, level, location, _), by_role in groups.items():
        if len(by_role) < 2:
            continue
        pick = min if lowest else max
        top = pick(by_role, key=by_role.__getitem__)
        if list(by_role.values()).count(by_role[top]) > 1:
            continue  # a tie says nothing
        winners.setdefault(top, []).append(f"{level or 'all levels'} {location}")
    if not winners:
        return ""
    word = "lower" if lowest else "higher"
    if len(winners) == 1:
        ((role, places),) = winners.items()
        return f"\n{role} has the {word} band at {_listed(places)} (each compared within one source)."
    said = "; ".join(f"{role} at {_listed(places)}" for role, places in winners.items())
    return f"\nThe {word} band depends on level and place (each compared within one source): {said}."


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# Words that name a kind of fact (PhD, salary, degree): capitalised or not, they are no entity to look for.
GENERIC_WORDS = frozenset(t for words in KIND_WORDS.values() for t in tokens(words))
# Topics the sources say nothing about, though questions about the roles often touch them: benefits and
# working conditions, immigration, the job hunt itself, a new hire's first weeks (onboarding, shadowing),
# demographics, prices of courses and exams. A question that turns on one of these words is not answered from passages
# that merely share its role name.
OUT_OF_SCOPE = frozenset(
    tokens(
        "visa visas sponsor sponsorship immigration citizenship insurance benefits vacation pto holidays "
        "parental maternity 401k pension perks bonus bonuses stock stocks interview interviews interviewing "
        "resume cv negotiate negotiation culture dress gender women diversity ethnicity onboarding onboard shadow "
        "shadowing unemployment layoffs weather recipe taxes tax laptop sleep exam exams fee fees tuition "
        "overtime commute relocation relocate obsolete replaced replace fired retirement stress stressful burnout gpa"
    )
)
# Words with an everyday sense the sources do cover ("leave data science", "raise accuracy", "what share of
# jobs"): off topic only in the phrases that give them their off-topic sense.
_OFF_TOPIC_PHRASES = re.compile(
    r"\b(sick|annual|paid|unpaid|medical|family|parental|maternity|paternity) leave\b|\bleave (days|policy|policies)\b"
    r"|\b(a|pay|salary|my) raises?\b|\braises? (at|in|for|every|each|per)\b"
    r"|\b(shares|share options|equity shares)\b"
    r"|\b(average|median|typical|mean|retirement) age\b|\bhow old\b|\bage (of|limit|range)\b"
    r"|\brace\b|\b(cover|recommendation|reference|motivation) letters?\b"
    r"|\blaid off\b"
    r"|\bcompany (car|cars|phone|phones|credit card)\b"  # perks, where "car" alone is the sources' self-driving car
    r"|\bwho founded\b|\bceos?\b"  # a company's own history; "who owns X" is a duty, "startup founder" a move
    r"|\bpart[- ]time\b|\bwork[- ]life balance\b|\bnotice periods?\b|\bsecurity clearances?\b|\bnon-?competes?\b|\bwork permits?\b|\bfree (lunch|food|meals)\b"
    r"|\b(much|offer|grant|get|give|of) equity\b|\bequity (grants?|package|stakes?|refresh|compensation|comp)\b",
    re.IGNORECASE,
)
# Off-topic words in a sense the sources do cover: "the benefits of MLOps" are its merits, an exam named with
# a certification is that certification.
_EVERYDAY_SENSE = {
    tokens("benefits")[0]: re.compile(r"\bbenefits? (of|from|to)\b|\bbenefit(s|ing)? (from|the|my|a)\b", re.IGNORECASE),
    tokens("exam")[0]: re.compile(r"\b(cert|certs|certificates?|certifications?|certified)\b", re.IGNORECASE),
}
# Job-title heads: "<word> <head>" names a profession, which the sources cover only if it resolves to one of
# their roles or is written in the passages retrieved for it (e.g. "computer vision engineer").
_TITLE_HEADS = frozenset(
    re.findall(
        r"\w+",
        "manager analyst designer developer nurse practitioner pilot lawyer accountant teacher doctor consultant "
        "researcher engineer scientist architect administrator specialist officer",
    )
)
_PRICE = re.compile(r"\b(cost|costs|price|prices|priced|fee|fees|expensive|cheap)\b", re.IGNORECASE)
_LEARNING = re.compile(
    r"\b(course|courses|certificate|certificates|certification|cert|certs|exam|exams|bootcamp|"
    r"bootcamps|degree|degrees|program|programme|class|classes)\b",
    re.IGNORECASE,
)
# "best university for machine learning", "which company pays ML engineers the most", "a good python IDE": the
# sources compare roles, never particular schools, employers or products, so a ranking of those is not theirs to give
# (a role's own words stay answerable: "which degree is best", "best certification for a data scientist").
_RANKED_PLACES = re.compile(
    r"\b(best|better|good|top|cheapest|which)\s+(?:[a-z+#]+\s+)?(universit(y|ies)|schools?|colleges?|bootcamps?|"
    r"compan(y|ies)|employers?|firms?|ides?|editors?|laptops?|monitors?)\b",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(will|going to|gonna)\b.*\b(by|in|within|over) (the )?(next |coming )?(\d+|a few|few|five|ten|two|three)?"
    r" ?(years?|decades?|20[3-9]\d)\b|\b(in|by) 20[3-9]\d\b|\bnext (year|decade)\b",
    re.IGNORECASE,
)


# "who coined the term data scientist", "when was TensorFlow first released": the sources describe the roles as they
# are, not their history.
_HISTORY = re.compile(
    r"\bwho (first )?(coined|invented|created|founded|came up with|named)\b"
    r"|\bwhen (was|were|did)\b.*\b(released|invented|created|founded|coined|introduced|launched|first)\b"
    r"|\b(history|origins?) of\b|\bfirst (used|coined|introduced)\b",
    re.IGNORECASE,
)
# "the price of the Databricks premium tier": what a tool costs, which no passage lists.
_HISTORY_WORDS = frozenset(tokens("coined invented founded released launched introduced history origin origins"))
_TOOL_PRICE_WORDS = frozenset(tokens("price prices pricing priced license licence subscription tier seat"))
_TOOL_PRICE = re.compile(
    r"\b(price|prices|pricing|priced|licen[cs]es?|subscriptions?|tiers?|per seat)\b", re.IGNORECASE
)
# What kind of figure a question asks for: a count of things ("how many data scientists does X employ"), a per cent
# ("what percentage of models reach production"; "what share" may be answered in words: "most companies"). An answer
# needs that figure in a passage found for it: a number next to the thing counted, a per cent; the sources' pay bands
# and month ranges answer neither.
_HOW_LONG = re.compile(r"\bhow (?:long|much time)\b", re.IGNORECASE)
# How long it takes to get into a role, which the sources give as months to job-ready.
_PREPARING = re.compile(
    r"\b(?:becom\w*|get (?:into|hired|a job)|transition\w*|switch\w*|mov(?:e|ing) (?:into|to)|learn\w*|job[- ]ready|"
    r"ready|break(?:ing)? into|pivot\w*|retrain\w*)\b",
    re.IGNORECASE,
)
_HOW_MANY = re.compile(r"\bhow many\s+(?:[a-z+#/-]+\s+){0,3}?([a-z]+s|people|staff)\b", re.IGNORECASE)
_SHARE = re.compile(
    r"\bwhat (percent|percentage)\b|\bhow many percent\b|\b(percent|percentage) of\b",
    re.IGNORECASE,
)
# A count is a whole number ("29.2 places Business Intelligence Analysts" is a release, not 29 analysts); a time may
# be a fraction ("1.5 years").
_WORD_AMOUNTS = r"one|two|three|four|five|six|seven|eight|nine|ten|dozens?|a few|few|several|a couple"
_AMOUNT = rf"(?:\d[\d,]*\+?(?![.\d]\d)(?:\s*(?:-|–|to)\s*\d[\d,]*\+?)?|{_WORD_AMOUNTS})"
_TIME_AMOUNT = rf"(?:\d[\d,.]*\+?(?:\s*(?:-|–|to)\s*\d[\d,.]*\+?)?|{_WORD_AMOUNTS})"
_LONG_TIMES = frozenset(re.findall(r"\w+", "year years yrs month months week weeks semester semesters yoe"))
_HOURS = frozenset(["hours", "hrs"])


def _figure_missing(question: str, cited: str, about_roles: str | None = None) -> str | None:
    """The figure the question asks for, when no passage found gives one ("how many hours", "what percentage"); a
    time ("how long until I'm job-ready as a data analyst") must be in a passage about the roles it names
    (``about_roles``), since another move's months are no answer."""
    if _SHARE.search(question) and not re.search(r"\d\s*%|\bper ?cent\b|\bhalf\b|\bmajority\b", cited, re.IGNORECASE):
        return "a percentage"
    if _HOW_LONG.search(question):
        if _PREPARING.search(question):  # time to get ready: years of experience or a ladder's rungs are no answer
            duration = (
                rf"\bjob[- ]ready\b|(?<![$\w.,])(?:\d[\d.]*(?:\s*(?:-|–|to)\s*\d[\d.]*)?|{_WORD_AMOUNTS})\s+months?\b"
            )
        else:
            duration = rf"(?<![$\w.,]){_TIME_AMOUNT}\s+(?:[\w-]+\s+){{0,3}}?(?:{'|'.join(_LONG_TIMES)})\b"
        if not re.search(duration, cited if about_roles is None else about_roles, re.IGNORECASE):
            return "a length of time"
    counted = _HOW_MANY.search(question)
    if not counted:
        return None
    noun = counted.group(1).lower()
    if noun in _HOURS:  # hours worked, not a rate "per hour"
        found = re.search(r"(?<![$\w.,])\d[\d,.]*\+?(?:\s*[-–]\s*\d+)?\s*(?:hours|hrs)\b", cited, re.IGNORECASE)
    else:
        timed = noun in _LONG_TIMES
        units = "|".join(_LONG_TIMES) if timed else re.escape(noun.removesuffix("s")) + r"\w*"
        amount = _TIME_AMOUNT if timed else _AMOUNT
        # a $ figure is money, not a count
        found = re.search(rf"(?<![$\w.,]){amount}\s+(?:[\w-]+\s+){{0,3}}?(?:{units})\b", cited, re.IGNORECASE)
    if found:
        return None
    return f"a number of {noun}"


# "does OpenAI hire AI engineers without degrees", "how many data scientists does netflix employ": one employer's
# hiring, which the sources (about the roles everywhere) never describe; "would a hospital hire" asks about a sector.
_EMPLOYER_HIRES = re.compile(
    r"\b(?:does|do|did|would|will)\s+([A-Za-z][\w.&-]*)\s+(?:hire|recruit|employ|sponsor)\b"
    r"|\b(?:is|are)\s+([A-Za-z][\w.&-]*)\s+(?:hiring|recruiting)\b",
    re.IGNORECASE,
)
_NOT_EMPLOYERS = frozenset(
    [
        "i",
        "you",
        "we",
        "they",
        "he",
        "she",
        "it",
        "anyone",
        "someone",
        "companies",
        "employers",
        "startups",
        "firms",
        "teams",
        "people",
    ]
)


def _named_employer_hiring(question: str) -> str | None:
    """The employer named as the one hiring, when it is a name: listed, capitalised, or a vendor among the tools."""
    asked = _EMPLOYER_HIRES.search(question)
    name = (asked.group(1) or asked.group(2)) if asked else None
    if not name or name.lower() in _NOT_EMPLOYERS | _COMMON_CAPS or mentioned_roles(name):
        return None  # "what do MLOps hiring posts ask for" is about the role
    if name.lower() in employers_and_places(name) or name[0].isupper() or _skill_mentions(name):
        return name
    return None


# "what does a product manager do", "what does an actuary do": a profession of its own, which the passages may name
# (product managers are a stakeholder) but never describe.
_WHAT_DOES = re.compile(
    r"\bwhat (?:does|do|would) (?:an?\s+|the\s+)?([a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2}?)\s+(?:do|does|earn|make)\b"
    r"|\bhow much (?:does|do|would|can) (?:an?\s+|the\s+)?([a-z][a-z-]*(?:\s+[a-z][a-z-]*){0,2}?)\s+(?:earn|make|get)\b",
    re.IGNORECASE,
)


_NO_PROFESSION = frozenset(
    re.findall(
        r"\w+",
        "it this that they he she you i we one someone people folks freelancer freelancers contractor contractors "
        "intern interns junior juniors senior seniors grad grads graduate graduates beginner beginners entry level "
        "remote workers",
    )
)


def _other_profession(question: str) -> str | None:
    """The profession a "what does a X do" or "what does / how much does a X earn" question asks about, when X is
    none of the roles, no data word, no skill or tool, and no kind of worker the pay bands are for (freelancers,
    juniors)."""
    asked = _WHAT_DOES.search(question)
    if not asked:
        return None
    subject = asked.group(1) or asked.group(2)
    if mentioned_roles(subject) or _ROLE_WORDS.search(subject) or _skill_mentions(subject) or not tokens(subject):
        return None
    if set(subject.lower().split()) & _NO_PROFESSION:
        return None
    return subject


def _unknown_title(question: str, cited: str) -> str | None:
    """A profession the question asks about that is neither one of the roles nor, by its field word, in the
    cited passages."""
    matches = list(re.finditer(r"[A-Za-z][A-Za-z0-9+#/-]*", question))
    cited_key = f" {' '.join(tokens(cited))} "
    asks_about_roles = bool(mentioned_roles(question) or _ROLE_WORDS.search(question))
    for at, (first, second) in enumerate(zip(matches, matches[1:], strict=False)):
        before, head = first.group(0), second.group(0)
        if question[first.end() : second.start()].strip():
            continue  # "weekly KPIs, analyst or scientist?": a comma between is no title
        singular = head.lower().removesuffix("s")
        if singular not in _TITLE_HEADS or not tokens(before) or before.lower() in _NOT_A_FIELD:
            continue
        phrase = f"{before} {head}"
        previous = matches[at - 1].group(0) if at else ""
        if mentioned_roles(phrase) or mentioned_roles(head) or mentioned_roles(f"{previous} {phrase}"):
            continue  # "ML ops engineer": the title ends a role's name
        if f"{before} {singular}".lower() in _move_starts():
            continue  # "is an AI engineer just a rebranded software engineer?"
        if asks_about_roles and _askers_own_title(question, first.start(), second.end()):
            continue  # "I'm a backend developer, how do I get into AI engineering?", "Product manager here: ..."
        if f" {' '.join(tokens(before))} " not in cited_key:  # "full-stack developer" meets "full-stack people"
            return phrase
    return None


@cache
def _destination_titles() -> dict[str, frozenset[str]]:
    """Job titles the sources name only as where one of their roles can move next (analytics engineer, research
    scientist, NLP engineer), each with the roles that move there. The sources name them but never describe them:
    their tools, day, pay or metrics are not there to give, however close the passages about the role next door."""
    from rolefit.knowledge.loader import knowledge_base

    kb = knowledge_base()
    starts = {move.from_role for move in kb.transitions}
    asked = [set(re.findall(r"[a-z]+", faq.question.lower())) for faq in kb.questions]
    titles: dict[str, set[str]] = {}
    for move in kb.transitions:
        slug = move.to_role
        *field, head = slug.split("-")
        own_words = set(field) - {"ai", "ml", "data"}
        if any(own_words and own_words <= words for words in asked):
            continue  # a FAQ asks about it: "What is the AI and blockchain specialisation?"
        if slug not in kb.roles and slug not in starts and head in _TITLE_HEADS:
            titles.setdefault(slug, set()).add(move.from_role)
    return {slug: frozenset(origins) for slug, origins in titles.items()}


@cache
def _move_starts() -> frozenset[str]:
    """Titles the sources describe as where a move into their roles starts ("software engineer"): not one of the
    roles, but not a profession they know nothing of either."""
    from rolefit.knowledge.loader import knowledge_base

    kb = knowledge_base()
    return frozenset(move.from_role.replace("-", " ") for move in kb.transitions if move.from_role not in kb.roles)


def _undescribed_title(question: str) -> tuple[str, frozenset[str]] | None:
    """A title the sources only name as a move (see _destination_titles) that the question asks about, unless it
    asks about the move itself from a role that makes it ("can a data scientist become a research scientist?") or
    the title is the asker's own ("Platform engineer here: ..."). A field ("analytics engineering") counts as the
    title only in a question naming none of the roles: "is MLOps just platform engineering?" compares MLOps with it."""
    for slug, origins in _destination_titles().items():
        *field, head = slug.split("-")
        spaced = r"[\s-]+".join([*field, head])
        found = re.search(rf"\b{spaced}(s|ing)?\b", question, re.IGNORECASE)
        if not found:
            continue
        named = set(mentioned_roles(question[: found.start()] + " " + question[found.end() :]))
        if named & origins or (found.group(1) == "ing" and (head != "engineer" or named)):
            continue
        if not _askers_own_title(question, found.start(), found.end()):
            return found.group(0), origins
    return None


def _askers_own_title(question: str, start: int, end: int) -> bool:
    """Whether the title at ``start:end`` is who is asking, not what is asked about: their background ("I've been a
    backend Java developer") or how they open the question ("Platform engineer here: ...", "embedded C developer,")."""
    before = question[:start]
    return bool(
        _BACKGROUND_TITLE.search(before) or (_GREETING_AND_TITLE.fullmatch(before) and _INTRODUCED.match(question, end))
    )


# "I'm a web developer", "as a former accountant", "coming from a backend developer job": the title is the asker's
# own background, and the question is about the roles the sources cover.
_BACKGROUND = re.compile(
    r"\b(i'?m|i am|im|i was|i'?ve been|i have been|i work as|working as|as|from|coming from|former|formerly|ex|"
    r"background as|background in|currently)( an?)?( former| current)?\s*$",
    re.IGNORECASE,
)
# The same with up to two words between: "I've been a backend Java developer", "as a senior data developer".
_BACKGROUND_TITLE = re.compile(_BACKGROUND.pattern.removesuffix(r"\s*$") + r"(?:\s+[a-z]+){0,2}?\s*$", re.IGNORECASE)
# After a title that opens the question: the asker saying who they are ("Platform engineer here -", "eng manager:",
# "product manager wondering:").
_GREETING = re.compile(r"\W*(?:(?:hi|hey|hello)\b\W*)?", re.IGNORECASE)
# The same with up to two words of the asker's title before its last two: "embedded C developer here, ..."
_GREETING_AND_TITLE = re.compile(_GREETING.pattern + r"(?:[A-Za-z0-9+#/-]+\s+){0,2}", re.IGNORECASE)
_INTRODUCED = re.compile(
    r"\s*(?:here\b|wondering\b|asking\b|curious\b|[:,(\u2013\u2014-]|\d+\s*(?:yrs?|years?)\b)", re.IGNORECASE
)
_ROLE_WORDS = re.compile(
    r"\b(roles?|jobs?|careers?|fields?|paths?|these|ai|ml|mlops|data|engineering|science|analytics)\b", re.IGNORECASE
)
# Words that can stand before a title without naming a kind of profession ("a senior engineer").
_NOT_A_FIELD = frozenset(
    re.findall(r"\w+", "junior senior lead staff principal good great best hiring former ex current aspiring")
)


# "salary in london", "paid more at google": the word after "in" or "at" in a pay question is where or for whom.
# Pay bands are given for US tech hubs, the US as a whole, remote and freelance work only, so a place or employer
# that no passage about pay found for the question uses is one they cannot answer for, typed in lower case or not
# ("Google" is in the sources, as a cloud and a certificate, but not as an employer whose pay they give). Only in pay
# questions: elsewhere "at night" or "in a nutshell" are everyday words the sources need not know.
_PAY_QUALIFIER = re.compile(r"\b(?:in|at)\s+(?:the\s+|an?\s+)?([a-z][a-z-]*)((?:\s+[a-z][a-z-]*){0,2})", re.IGNORECASE)


def _as_written(token: str, question: str) -> str:
    """The question's own word for a stem ('insur' -> 'insurance'), for reasons people read."""
    return next((w for w in re.findall(r"[A-Za-z0-9][A-Za-z0-9+#]*", question) if tokens(w) == [token]), token)


def _skill_mentions(question: str) -> list[str]:
    """The question's words that name a skill or tool, as written ("shadow deployments", "k8s")."""
    from rolefit.text.skills import default_extractor

    return [question[m.start : m.end] for m in default_extractor().find(question)]


# "I'm a data analyst at amazon", "I've been working in germany for years": where the asker works, which a question
# about moving into the roles does not turn on (what that employer pays would).
_ASKER_AT = re.compile(
    r"\b(i'?m|i am|im|i work|i've|i have|i'?ve been|currently|i was)\b[^,.;:?!]*\b(at|for|in)\s+$", re.IGNORECASE
)


# "I'm an accountant (CPA, 8 yrs)": what is said in brackets is an aside about the asker, not what is asked.
_ASIDE = re.compile(r"\(([^()]*)\)")


def _where_asker_works(question: str, name: str) -> bool:
    """Whether the listed ``name`` is where the asker works or lives, said in a clause about themselves."""
    at = question.lower().find(name)
    return at > 0 and bool(_ASKER_AT.search(question[:at]))


def _role_and_its_aspect(question: str, query: list[str]) -> bool:
    """Whether the question names a role and asks only for one of its aspects, in the words for a kind of passage
    ("who do data engineers work with") or by a skill ("what should a data engineer know about data modeling"):
    every word is that common in the sources, so none weighs enough in BM25 to count as close."""
    skill_words = set(tokens(" ".join(_skill_mentions(question))))
    if not mentioned_roles(question) or not (question_kinds(question) or skill_words):
        return False
    return all(t in GENERIC_WORDS or t in alias_words() or t in skill_words for t in query)


@cache
def _kinds_given() -> dict[str, frozenset[str]]:
    """For each role, the kinds of passage the knowledge base has about it (the sources say nothing of the demand
    for data analysts or data engineers, for one)."""
    from rolefit.ask.passages import knowledge_passages

    given: dict[str, set[str]] = {}
    for passage in knowledge_passages():
        for role in passage.roles:
            given.setdefault(role, set()).update(passage_kinds(passage))
    return {role: frozenset(kinds) for role, kinds in given.items()}


# The aspects some roles have no passage on (demand and work style for data analysts and data engineers), in the
# words that ask for them outright: "grow into a lead role" is a ladder question, though "growing" is a demand word.
_ASPECT_ASKED = {
    "demand": re.compile(
        r"\b(in demand|demand for|job market|market for|outlook|sought after|booming|hot|hottest|popular)\b", re.I
    ),
    "work-style": re.compile(r"\b(remote|remotely|from home|wfh|work style)\b", re.I),
}


def _aspect_not_given(question: str) -> str | None:
    """The aspect asked about, when the knowledge base has nothing of that kind for any role the question names."""
    kinds = frozenset(k for k in question_kinds(question) if k in _ASPECT_ASKED and _ASPECT_ASKED[k].search(question))
    roles = mentioned_roles(question)
    if (
        not roles
        or not kinds
        or _asks_pay(question)
        or any(kinds & _kinds_given().get(role, frozenset()) for role in roles)
    ):
        return None
    from rolefit.knowledge.loader import knowledge_base

    names = " or ".join(knowledge_base().role(role).name for role in roles)
    aspects = " or ".join(sorted(k.replace("_", " ").replace("-", " ") for k in kinds))
    return f"the sources say nothing on {aspects} for {names}"


# Ways into a role that the sources name for some roles only: bootcamps are named for AI engineers alone, so "is a
# bootcamp enough to become a data scientist" is not theirs to answer, though its words find the data scientist's ways
# in. A way counts for a role when a sentence naming it is about that role (its passage's one role, or a role the
# sentence names: a FAQ answer covers several).
_ROUTES = {
    "bootcamps": re.compile(r"\bboot ?camps?\b", re.IGNORECASE),
    "self-teaching": re.compile(r"\bself[- ]taught\b|\bteach(?:ing)? (?:my|your)self\b", re.IGNORECASE),
}


@cache
def _routes_given() -> dict[str, frozenset[str]]:
    """For each way in, the roles a sentence of the knowledge base names it for."""
    from rolefit.ask.passages import knowledge_passages

    given: dict[str, set[str]] = {route: set() for route in _ROUTES}
    for passage in knowledge_passages():
        for sentence in _sentences(passage.text):
            for route, pattern in _ROUTES.items():
                if pattern.search(sentence):
                    named = mentioned_roles(sentence)
                    given[route].update(named or passage.roles)
    return {route: frozenset(roles) for route, roles in given.items()}


def _describes_asker(question: str, found: re.Match[str]) -> bool:
    """Whether the words found say who is asking: "bootcamp grad here, ...", "I'm a self-taught developer"."""
    opens = _GREETING.fullmatch(question[: found.start()]) and _A_GRADUATE_HERE.match(question, found.end())
    return bool(opens or _BACKGROUND.search(question[: found.start()]))


# "bootcamp grad here,", "bootcamp graduate:", "self-taught here": the asker; "bootcamps, are they worth it" is not.
_A_GRADUATE_HERE = re.compile(r"\s*(?:grad|graduate)s?\b\s*(?:here\b|[:,(\u2013\u2014-])|\s*here\b", re.IGNORECASE)


def _route_not_given(question: str) -> str | None:
    """The way into a role the question asks about, when the sources name it for none of the roles it names."""
    roles = [r for r in mentioned_roles(question) if r in ROLE_IDS]
    if not roles:
        return None
    for route, pattern in _ROUTES.items():
        found = pattern.search(question)
        if not found or set(roles) & _routes_given()[route] or _describes_asker(question, found):
            continue
        from rolefit.knowledge.loader import knowledge_base

        names = " or ".join(knowledge_base().role(role).name for role in roles)
        return f"the sources say nothing of {route} as a way to become a {names}"
    return None


# "a good career in 2026": the year that is now, or the one just gone, asks about the present the sources describe.
_THIS_YEAR_OR_LAST = frozenset(str(date.today().year - n) for n in (0, 1))


def _abstain_reason(
    question: str,
    query: list[str],
    unknown: list[str],
    best_bm25: float,
    cited: str,
    known: set[str],
    similarity: float | None = None,
    thresholds: tuple[float, float] = (FAR_IN_MEANING, CLOSE_IN_MEANING),
    pay: bool = False,
    nearby: str = "",
    documents: str = "",
    about_roles: str | None = None,
) -> str | None:
    """Why the sources cannot answer, or None. Casual words the sources never use are fine; a name the sources
    never mention (a country, a company, a year), a topic they do not cover (visas, benefits, interviews), a
    profession that is not one of their roles, or a prediction about the future is not. ``documents`` is the
    text of the user's own passages found for the question: a topic the knowledge base lacks is covered there
    when those passages name it (a relocation policy, an interview loop)."""
    # A question of role names alone ("what does an AI engineer do?") shares no weighty word with any passage: the
    # role's name is in hundreds of them.
    close_in_words = best_bm25 >= MIN_BM25 or only_roles(question) or _role_and_its_aspect(question, query)
    if not query or not close_in_words or (similarity is not None and similarity < thresholds[0]):
        return "no passage in the sources is close enough to the question"
    in_documents = set(tokens(documents))
    # "shadow deployments" is a skill, not shadowing; "negotiate" alone is a soft skill's name and still off topic
    in_skill_names = {t for name in _skill_mentions(question) if len(tokens(name)) > 1 for t in tokens(name)}
    off_topic = [
        _as_written(t, question)
        for t in query
        if t in OUT_OF_SCOPE
        and t not in in_documents
        and t not in in_skill_names
        and not (t in _EVERYDAY_SENSE and _EVERYDAY_SENSE[t].search(question))
    ] + [m.group(0) for m in _OFF_TOPIC_PHRASES.finditer(question) if not in_documents.issuperset(tokens(m.group(0)))]
    if off_topic:
        return f"the sources say nothing about {', '.join(repr(t) for t in off_topic[:3])}"
    if _PRICE.search(question) and _LEARNING.search(question):
        return "the sources do not list what courses, certificates or exams cost"
    if _TOOL_PRICE.search(question) and _skill_mentions(question) and not in_documents & _TOOL_PRICE_WORDS:
        return "the sources do not list what tools cost"
    history = _HISTORY.search(question)
    said = set(tokens(history.group(0))) & _HISTORY_WORDS if history else set()
    if history and not said & (in_documents | set(tokens(cited))):
        return "the sources describe the roles as they are, not their history"
    employer = _named_employer_hiring(question)
    if employer:
        return f"the sources describe the roles, not whom {employer} hires"
    ranked = _RANKED_PLACES.search(question)
    if ranked:
        return f"the sources compare roles, not particular {ranked.group(2).lower()}"
    if _FUTURE.search(question):
        return "the sources do not predict the future"
    if pay:
        covered = set(tokens(f"{cited} {nearby}")) | known | kind_words("salary")  # "the difference in cost"

        def foreign(word: str) -> bool:
            return bool(word and tokens(word) and not set(tokens(word)) & covered)

        # "in the main US tech hubs": a word the passages lack is only a modifier when one of the next two is theirs
        places = [
            m.group(1)
            for m in _PAY_QUALIFIER.finditer(question)
            if foreign(m.group(1)) and not any(tokens(w) and not foreign(w) for w in m.group(2).split())
        ]
        if places:
            return f"the sources give pay for US tech hubs, the US, remote and freelance work, not for {places[0]!r}"
    title = _unknown_title(question, cited) or _other_profession(question)
    if title:
        return f"the sources cover AI and data roles, not {title!r}"
    undescribed = _undescribed_title(question)
    if undescribed:
        from rolefit.knowledge.loader import knowledge_base

        title, origins = undescribed
        moves = " or ".join(sorted(knowledge_base().role(role).name for role in origins))
        return f"the sources name {title!r} only as a next step for {moves}, and do not describe it"
    aspect = None if documents else _aspect_not_given(question) or _route_not_given(question)
    if aspect:
        return aspect
    figure = _figure_missing(question, cited, about_roles)
    if figure:
        return f"no passage found gives {figure}"
    names = _looks_named(question)
    if not pay:  # "I'm an analyst at Deloitte, how do I become a data scientist?"
        asides = {w for aside in _ASIDE.findall(question) for w in re.findall(r"[A-Za-z][A-Za-z0-9+#-]*", aside)}
        names = [w for w in names if not _where_asker_works(question, w.lower()) and w not in asides]
    unknown_names = [w for w in names if tokens(w) and all(t in unknown for t in tokens(w))]
    if unknown_names:
        return f"the sources never mention {', '.join(repr(w) for w in unknown_names[:3])}"
    cited_tokens = set(tokens(cited))
    covered = cited_tokens | known | GENERIC_WORDS | {t for name in skill_names(question) for t in tokens(name)}
    uncited_names = [w for w in names if tokens(w) and not set(tokens(w)) & covered]
    if uncited_names:
        return f"the passages found never mention {', '.join(repr(w) for w in uncited_names[:3])}"
    # typed in lower case, an employer or place is known by name: "what does amazon pay", "salary in toronto"
    uncited_listed = [
        n
        for n in employers_and_places(question)
        if not set(tokens(n)) <= cited_tokens and (pay or not _where_asker_works(question, n))
    ]
    if uncited_listed:
        return f"the passages found never mention {', '.join(repr(n) for n in uncited_listed[:3])}"
    if unknown and len(unknown) / len(query) >= UNKNOWN_SHARE and (similarity is None or similarity < thresholds[1]):
        return f"the sources never mention {', '.join(repr(_as_written(u, question)) for u in unknown[:3])}"
    return None


def _looks_named(question: str) -> list[str]:
    """The question's words that look like names: capitalised, past its first word, not a single letter ("C
    developer") nor a plain word opening a later sentence ("...hype? Writing an explainer"); and years other than this
    one and the last."""
    names = []
    for at, found in enumerate(re.finditer(r"[A-Za-z][A-Za-z0-9+#-]*|\d{4}", question)):
        word = found.group(0)
        if word.isdigit():
            if word not in _THIS_YEAR_OR_LAST:
                names.append(word)
        elif at > 0 and len(word) > 1 and word[0].isupper() and word.lower() not in _COMMON_CAPS:
            before = question[: found.start()].rstrip()
            if not (word[1:].islower() and before[-1:] in (".", "?", "!")):
                names.append(word)
    return names


def _about_roles(question: str, found: list[Hit]) -> str | None:
    """The text of the passages found that are about a role the question names (None when it names none); a move
    counts for the role it leads to ("from data analyst to data scientist" says nothing of becoming an analyst)."""
    named = set(mentioned_roles(question))
    if not named:
        return None

    def about(passage: Passage) -> bool:
        if passage.kind == "document":
            return True
        if passage.kind == "transition":
            return passage.facts.get("to") in named
        return bool(named & set(passage.roles))

    return " ".join(h.passage.text for h in found if about(h.passage))


def answer_question(index: Index, question: str, k: int = 5, mode: str = "hybrid") -> dict[str, Any]:
    """{answer, abstained, citations}: an extractive answer with its passages, or an abstention; with ``read_as``
    when misspelt words were read as the sources' ("salery" -> "salary")."""
    question = question.strip()
    if not question:
        from rolefit.errors import InputError

        raise InputError('Ask a question, e.g. rolefit ask "which role pays more remotely?"')
    read = index.spelling.read(question)
    result = _answer(index, read, k, mode)
    return {**result, "read_as": read} if read != question else result


def _answer(index: Index, question: str, k: int, mode: str) -> dict[str, Any]:
    query = tokens(question)
    known_names = alias_words() | _place_words(question)
    unknown = [
        t
        for t in query
        if t not in index.indexed_vocabulary and t not in known_names and not (t.isdigit() and len(t) != 4)
    ]
    hits = index.search(question, k=max(k, 12), mode=mode)
    structured = _salary_answer(question, hits, index.passages)
    if structured is not None and structured.gap:  # the sources' nearest bands are cited, not given as the answer
        return {
            "answer": None,
            "abstained": True,
            "reason": f"{structured.gap}; the citations hold the figures they do give",
            "citations": [describe(h) for h in structured.used],
        }
    listed = None
    if structured is None:  # a role's skills, or its ladder, gathered from every passage that gives them
        listed = _skills_answer(question, index.passages) or _ladder_answer(question, hits, index.passages)
    if structured is not None and structured.text is not None:
        answer, used = structured.text, structured.used
    elif listed is not None:
        answer, used = listed
    else:
        wanted = set(query)
        named = mentioned_roles(question)
        if asks_how_roles_differ(question, question_kinds(question)):
            used = hits[: 1 + min(len(named), 3)]  # the best passage, then what each compared role is for
        else:
            used = hits[:2] if len(named) > 1 else _same_field(hits)
        chosen = []
        said: set[str] = set()
        for number, hit in enumerate(used, 1):
            text = " ".join(_best_sentences(hit.passage, wanted))
            heading = hit.passage.text.partition(": ")[0] + ": "
            if heading in said and text.startswith(heading):  # "MLOps Engineer tools and technologies:" said once
                text = text[len(heading) :]
            said.add(heading)
            chosen.append(f"{text} [{number}]")
        answer = " ".join(chosen)
    best_bm25 = index.best_bm25(question)  # of all passages: the fused ranking may put the best word match lower
    # Names and professions must be in the passages found for the question. Pay figures are given by role,
    # level and place only, so for a salary answer they must be in the salary passages themselves: otherwise
    # "Amazon" (a Redshift vendor in a tools passage) would get the data engineer's pay bands.
    found = used if structured is not None else [*used, *hits[:CHECKED_PASSAGES]]
    cited = " ".join(h.passage.text for h in found)
    similarity = index.best_similarity(question) if mode != "bm25" else None
    reason = _abstain_reason(
        question,
        query,
        unknown,
        best_bm25,
        cited,
        known_names,
        similarity,
        MEANING_THRESHOLDS.get(index.embedder.name, (FAR_IN_MEANING, CLOSE_IN_MEANING)) if index.embedder else (0, 0),
        pay=structured is not None,
        nearby=" ".join(  # the pay passages the bands come from; a document that talks pay gives no band
            h.passage.text
            for h in hits[:CHECKED_PASSAGES]
            if h.passage.kind != "document" and "salary" in passage_kinds(h.passage)
        ),
        documents=" ".join(h.passage.text for h in found if h.passage.kind == "document"),
        about_roles=_about_roles(question, found) if _HOW_LONG.search(question) else None,  # only a time needs it
    )
    if reason:
        return {"answer": None, "abstained": True, "reason": reason, "citations": [describe(h) for h in hits[:3]]}
    cited_ids = {h.passage.id for h in used}  # a fact's passage may be a search hit too, with its own score
    more = [describe(h) for h in hits[:k] if h.passage.id not in cited_ids]
    citations = [describe(h) for h in used] + more[: max(0, k - len(used))]
    if not numbers_supported(answer, citations):  # cannot happen by construction; never ship an unsupported number
        return {
            "answer": None,
            "abstained": True,
            "reason": "the answer could not be checked against its sources",
            "citations": citations,
        }
    return {"answer": answer, "abstained": False, "citations": citations}
