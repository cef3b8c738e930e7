"""Hybrid retrieval: BM25 (bm25s) and dense vectors, min-max scaled and added, with role names resolved.

Tokens and BM25 matrices are built per run (well under a second); dense vectors are kept per embedder and per
passage text under ``ROLEFIT_HOME/ask-index/<embedder>`` (rolefit/ask/vector_store.py), so a changed knowledge file
or a new document costs only its own passages' embedding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from rolefit.ask.passages import Passage, knowledge_passages
from rolefit.knowledge.loader import knowledge_base
from rolefit.knowledge.resolve import normalize_name
from rolefit.models.embedders import Embedder
from rolefit.models.query_adapter import QueryAdapter, load_query_adapter
from rolefit.settings import home_dir

__all__ = [
    "ADAPTED_BM25_SHARE",
    "BM25_SHARE",
    "Hit",
    "Index",
    "alias_words",
    "build_index",
    "document_roles",
    "expanded_tokens",
    "hub_places",
    "index_tokens",
    "mentioned_roles",
    "named_skills",
    "only_roles",
    "passage_kinds",
    "question_kinds",
    "recruiter_pay",
    "roles_set_aside",
    "skill_names",
    "tokens",
]

# One ranking alone (bm25 or dense mode) scores a passage 1 / (RRF_K + rank), so the boosts below multiply a
# score that falls with rank the same way whatever the ranker's own scale.
RRF_K = 20
# Hybrid mode adds the two rankers' scores, each min-max scaled to 0-1 over all passages, BM25's counting
# BM25_SHARE (convex combination; Bruch et al. 2023 found it beats reciprocal-rank fusion): how far a passage is
# ahead counts, not only its place, so a passage both rankers rate highly wins over one that one ranker puts first
# by a hair. Chosen on bench/data/ask_tune.jsonl and held on bench/data/ask_check.jsonl (hybrid MRR tune / check;
# the rank fusion it replaces, BM25's rank counting 2.5 times a dense rank at k 20: 0.889 / 0.869): share 0.3
# 0.891 / 0.883, 0.35 0.895 / 0.878, 0.4 0.891 / 0.869, 0.45 0.886 / 0.873. Min-max scaling of BM25 leaves most
# passages near 0, so its share is below half though it is the better ranker alone.
BM25_SHARE = 0.35
# With the query adapter (rolefit.models.query_adapter) the dense ranking is the better one, and counts for more.
# Recall@5 misses over probes A-E and fresh, each at the code of its first run and ranked with an adapter fitted
# without it (28 with no adapter at 0.35): share 0.2 14, 0.25 13, 0.3 17; leaving one working file out on today's
# rules, 0.25 and 0.35 miss alike (bench/README.md).
ADAPTED_BM25_SHARE = 0.25
# Term frequency saturates sooner than bm25s's default 1.5: every passage also carries its kind's words, so a
# long passage repeating a topic word should not outrank the short one that answers (tune hybrid recall@5 / MRR:
# k1 0.5 0.961/0.887, 0.9 0.971/0.887, 1.2 0.966/0.884, 1.5 0.956/0.883, 2.0 0.961/0.867).
BM25_K1 = 0.9
# Robertson's original IDF, log((N - df + 0.5) / (df + 0.5)) floored at 0, instead of Lucene's log(1 + ...): a word
# in half the passages or more ("engineer" is in 530 of 684, "data" in 357: every passage opens with its role's
# name) weighs nothing, and common words weigh less against rare ones. Which role a question means is resolved
# apart (ROLE_BOOST), so BM25 no longer ranks a passage up for repeating its role's name. Hybrid tune / check
# MRR 0.881 / 0.852 -> 0.889 / 0.869, recall@1 0.825 / 0.756 -> 0.839 / 0.789; it held for every k1 0.6-1.5 and
# b 0.5-0.9 tried (tune 0.872-0.892, check 0.860-0.869). Check recall@5 0.967 -> 0.956 (one question).
BM25_IDF = "robertson"
ROLE_BOOST = 1.5  # per role the question names that the passage is about
TRANSITION_BOOST = 2.0  # the move the question asks about, in its direction (tune MRR: 1.5 0.882, 2 0.889, 3 0.894)
# Per skill or tool the question names outside a role's name that the passage names too ("is statistics a big deal
# for ML engineers?" wants the skills passage that rates statistics, "notebooks like Jupyter" the tools passage
# listing Jupyter): BM25 weighs such a word like any other, and the dense vectors of a list of skills say little.
# Only when the question asks for skills or tools or for no kind at all: "AWS certs" wants certifications, "who do
# they collaborate with" the stakeholders. Hybrid MRR tune / check: none 0.898 / 0.889, 1.15 0.899 / 0.914,
# 1.3 0.905 / 0.907, 1.5 0.899 / 0.899 (boosting every passage naming the skill, 1.3: 0.887 / 0.888).
SKILL_BOOST = 1.3
_LISTS = frozenset(["skills", "tools", "aspect:key-skills"])  # the passages that list skills and tools as facts
# Per passage of the kind the question asks about (pay, tools, day-to-day, ...), read from the same KIND_WORDS that
# BM25 indexes; the dense ranking knows nothing of kinds, so hybrid needed it. Chosen on tune and checked on
# bench/data/ask_check.jsonl (hybrid MRR tune / check): 1.0 0.879 / 0.819, 1.15 0.881 / 0.847, 1.2 0.877 / 0.849,
# 1.3 0.870 / 0.857.
KIND_BOOST = 1.15
# A question's kind is the one its words point to most, each word counting 1 / (number of kinds that use it), so
# "tools" (one kind) says more than "work" (three); below this there is no kind to prefer.
MIN_KIND_EVIDENCE = 0.5
# Per passage that says what one of the compared roles is for (its summary, its primary focus in the comparison
# tables, a FAQ entry on how the roles differ), when a question asks how two roles differ and for nothing more
# particular ("data engineer vs MLOps engineer, what's the difference?"). Without it a passage whose heading says
# "differences" (the day-to-day or work-style rows) or one that repeats a role's name won.
COMPARISON_BOOST = 1.3
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "is",
        "are",
        "be",
        "do",
        "does",
        "did",
        "i",
        "me",
        "my",
        "you",
        "your",
        "it",
        "its",
        "what",
        "which",
        "who",
        "whom",
        "how",
        "why",
        "when",
        "where",
        "can",
        "could",
        "should",
        "would",
        "will",
        "there",
        "this",
        "that",
        "these",
        "those",
        "as",
        "at",
        "by",
        "from",
        "about",
        "into",
        "than",
        "then",
        "so",
        "if",
        "not",
        "no",
        "yes",
        "any",
        "some",
        "all",
        "much",
        "many",
        "more",
        "most",
        "per",
        "vs",
        "versus",
        "get",
        "got",
        "have",
        "has",
        "had",
        "need",
        "know",
        "tell",
        "we",
        "our",
        "us",
        "they",
        "them",
        "their",
        "he",
        "she",
        "him",
        "her",
        "his",
        "hers",
        "im",
        "i'm",
        "re",
        "ve",
        "ll",
        "d",
        "s",
        "t",
        "don",
        "doesn",
        "didn",
        "isn",
        "aren",
        "wasn",
        "just",
        "also",
        "even",
        "still",
        "really",
        "actually",
        "exactly",
        "usually",
        "typically",
        "normally",
        "basically",
        "pretty",
        "very",
        "quite",
        "one",
        "ones",
        "someone",
        "something",
        "stuff",
        "thing",
        "things",
        "kind",
        "sort",
        "lot",
        "lots",
        "bit",
        "way",
        "ways",
        "else",
        "other",
        "others",
        "been",
        "being",
        "was",
        "were",
        "am",
        "go",
        "goes",
        "going",
        "gets",
        "getting",
        "want",
        "wants",
        "like",
        "look",
        "looks",
        "looking",
        "say",
        "says",
        "good",
        "bad",
        "best",
        "better",
        "big",
        "small",
        "new",
        "old",
        "right",
        "wrong",
        "ok",
        "okay",
        "thanks",
        "please",
        "hey",
        "hi",
        "useful",
    ]
)
# How people ask vs how the knowledge base words it.
_SYNONYMS = {
    "pay": "salary",
    "paid": "salary",
    "earn": "salary",
    "earns": "salary",
    "earning": "salary",
    "make": "salary",
    "money": "salary",
    "compensation": "salary",
    "comp": "salary",
    "tc": "salary",  # total compensation, as pay forums write it
    "wage": "salary",
    "wages": "salary",
    "income": "salary",
    "remotely": "remote",
    "wfh": "remote",
    "phd": "phd",
    "doctorate": "phd",
    "switch": "transition",
    "move": "transition",
    "moving": "transition",
    "pivot": "transition",
    "change": "transition",
    "become": "transition",
    "daily": "day",
    "job": "role",
}


@cache
def _snowball() -> Any:
    """The Snowball English stemmer (PyStemmer, a dependency), made once."""
    import Stemmer

    return Stemmer.Stemmer("english")


# The sources spell the British way ("specialise", "optimisation", "analyse", "behaviour", "centre"), and Snowball
# stems the two spellings apart ("specialize" -> "special", "specialise" -> "specialis"), so American spellings are
# turned British before stemming, on both sides. "-ize" needs three letters before it ("size", "prize", "seize" stay).
_AMERICAN_IZE = re.compile(r"^([a-z]{3,})(iz|yz)(e|es|ed|ing|ation|ations|er|ers)$")
_SIZE_WORDS = re.compile(r"(down|up|over|under|re|cap)siz")
_AMERICAN_WORDS = {
    **{
        f"{root}or{end}": f"{root}our{end}"
        for root in ("behavi", "col", "fav", "lab", "rig", "hon", "hum", "neighb")
        for end in ("", "s", "al", "ed", "ing", "ite", "ites")
    },
    **{f"cent{end}": f"cent{british}" for end, british in (("er", "re"), ("ers", "res"), ("ered", "red"))},
    "catalog": "catalogue",
    "catalogs": "catalogues",
    "dialog": "dialogue",
    "license": "licence",
    "defense": "defence",
    "fulfill": "fulfil",
    "skillful": "skilful",
}


def _british(word: str) -> str:
    """The sources' (British) spelling of an American one: 'specialize' -> 'specialise', 'behavior' -> 'behaviour'."""
    if word in _AMERICAN_WORDS:
        return _AMERICAN_WORDS[word]
    match = _AMERICAN_IZE.match(word)
    if match and not _SIZE_WORDS.search(word):
        return match.group(1) + match.group(2).replace("z", "s") + match.group(3)
    return word


@lru_cache(maxsize=65_536)  # bounded: a server sees an open-ended stream of words
def _stem(word: str) -> str:
    """The word's Snowball (Porter 2) stem: 'engineers', 'engineering' -> 'engin', 'salaries' -> 'salari'."""
    word = _british(word)
    stem = _snowball().stemWord(word)
    if stem == word and len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        stem = word[:-1]  # plurals Snowball leaves whole: acronyms ("llms", "mles", "apis") and the like
    return stem


# An acronym's plural ("GPUs", "KPIs", "CPUs"): Snowball keeps "gpus" and "kpis" whole, and the stemmer's plural
# fallback must spare "-us" and "-is" words ("status", "analysis"), so the letter case is what tells them apart.
_ACRONYM_PLURAL = re.compile(r"\b([A-Z][A-Z0-9]+)s\b")


# The clipped names of computer science ("a CS degree", "comp sci"): the sources mostly write it out, and "comp" alone
# is pay ("total comp").
_COMPUTER_SCIENCE = re.compile(r"\b(?:cs|comp\.?\s?sci|compsci)\b", re.IGNORECASE)


def tokens(text: str, synonyms: bool = True) -> list[str]:
    """Stems of the text's words, stopwords dropped; with ``synonyms``, a question's everyday words become the
    sources' ("make" -> salary, "move" -> transition), which a project description (hire) must not get."""
    text = _COMPUTER_SCIENCE.sub("computer science", text)
    words = re.findall(r"[a-z0-9][a-z0-9+#]*", _ACRONYM_PLURAL.sub(r"\1", text).lower())
    out = []
    for word in words:
        if word in _STOP:
            continue
        if synonyms:
            word = _SYNONYMS.get(word) or _SYNONYMS.get(_stem(word)) or word
        out.append(_stem(word))
    return out


# Where people start from when the sources describe a move but the start is not one of the roles.
_ORIGINS = {
    "software-engineer": r"(software|backend|back end|frontend|front end|full stack|fullstack|web) "
    r"(engineer|engineering|developer|dev)s?|developers?|programmers?|swes?|coders?",
    "beginner": r"beginners?|newcomers?|new to|no (prior |previous |relevant )?(experience|background)|from scratch|"
    r"from zero|from nothing|zero experience|starting out|just starting|novices?",
    "student": r"students?|college|university|graduates?|grads?|undergrad\w*|school",
}
# A question about moving between roles ("switch", "pivot into", "go back to", "retrain as").
_MOVE = re.compile(
    r"\b(switch\w*|mov(e|es|ed|ing)|transition\w*|pivot\w*|becom\w*|into|go(ing)? back|back to|retrain\w*|"
    r"jump\w*|chang\w* (careers?|jobs?|roles?|fields?)|grow\w* into|route|path|next step|start(s|ed|ing)?|from)\b",
    re.IGNORECASE,
)
_ARROW = re.compile(r"->|→|=>")
# "how is MLOps different from data engineering": "from" sets one role against the other, it starts no move.
_SET_AGAINST = re.compile(
    r"\b(?:differ\w*|distinct|distinguish\w*(?:\s+\w+){0,3}|apart|separate\w*|set\s+\w+\s+apart)\s+from\b",
    re.IGNORECASE,
)
# A sum or count: "$150k", "7m", "$2 million", "50", "30%".
_AMOUNT = r"[$€£]?\d[\d,.]*\s?(?:k|m|mm|bn|million|billion|thousand|%)?"
# "grew from $150k to $7m", "from 5 to 50 people": a quantity changing, not a person moving between roles.
_QUANTITY_CHANGE = re.compile(
    rf"\bfrom\s+(?:about\s+|around\s+|roughly\s+)?{_AMOUNT}(?:\s+[a-z]+)?\s+(?:to|into)\s+{_AMOUNT}", re.IGNORECASE
)


def _asks_to_move(question: str) -> bool:
    """Whether the question is about moving between roles: a move word, an arrow ("backend dev -> AI engineer"), or
    two roles joined by "to" ("data scientist to AI engineer, what's the roadmap?")."""
    question = _SET_AGAINST.sub(" ", _QUANTITY_CHANGE.sub(" ", question))
    if _MOVE.search(question) or _ARROW.search(question):
        return True
    text = f" {normalize_name(question)} "
    spans = [m.span() for m in _role_names().finditer(text)]
    return any(text[end:start].strip() in ("to", "2") for (_, end), (start, _) in zip(spans, spans[1:], strict=False))


# How people ask what sets roles apart. Read from the question only: these words added to the passages' index made
# every passage under a heading about differences a comparison (tune recall@5 0.991 -> 0.982).
_COMPARING = re.compile(
    r"\b(?:vs\.?|versus|differen(?:ce|ces|t|tiate)|differ|differs|distinguish\w*|distinction|compare[sd]?|comparison|"
    r"contrast|apart)\b",
    re.IGNORECASE,
)
_WHAT_SETS_APART = frozenset(["summary", "aspect:primary-focus"])


def asks_how_roles_differ(question: str, wanted: frozenset[str]) -> bool:
    """Whether the question names two roles or more and asks how they differ, without asking about one aspect of
    them (pay, tools, the day, moving from one to the other)."""
    return (
        len(mentioned_roles(question)) > 1
        and not wanted - {"focus", "summary"}
        and bool(_COMPARING.search(question))
        and not _asks_to_move(question)
    )


def sets_roles_apart(passage: Passage) -> bool:
    """Whether a passage says what a role is for (summary, primary focus) or is a FAQ entry on how roles differ."""
    if passage.kind in _WHAT_SETS_APART:
        return True
    if passage.kind != "question":
        return False
    asked = passage.text.partition(" A: ")[0]  # "do they earn different amounts?" is about pay, not what they are
    return bool(_COMPARING.search(asked)) and not question_kinds(asked) - {"focus", "summary"}


def _role_positions(question: str) -> list[tuple[int, str]]:
    """(position, role id) of every role the question names, by id, name or alias; "AI engineering" names the
    AI engineer as "ML engineering" does the ML engineer."""
    text = f" {normalize_name(question)} "
    found: list[tuple[int, str]] = []
    for role in knowledge_base().roles.values():
        for name in sorted({role.id, role.name, *role.aliases}, key=len, reverse=True):
            key = normalize_name(name)
            if len(key) < 2:
                continue
            variants = (key, key + "s", key + "ing") if key.endswith("engineer") else (key, key + "s")
            for variant in variants:
                position = text.find(f" {variant} ")
                if position >= 0:
                    found.append((position, role.id))
    return found


def _ordered(found: list[tuple[int, str]]) -> list[str]:
    ordered: list[str] = []
    for _, key in sorted(found):
        if key not in ordered:
            ordered.append(key)
    return ordered


# "when does a company need an MLOps engineer instead of hiring more data scientists?", "we already have a data
# scientist, who should we hire next?": the role after these words is the one the asker has or sets aside.
_SET_ASIDE = re.compile(
    r"\b(?:instead of|rather than|already (?:have|has|got|employ|hired)|besides)\b([^,.;:?!]*)", re.IGNORECASE
)


def roles_set_aside(question: str) -> set[str]:
    """The roles a question names only as the one it has already or would set aside, not the one it asks about."""
    aside = {role for match in _SET_ASIDE.finditer(question) for role in mentioned_roles(match.group(1))}
    if not aside:
        return set()
    rest = _SET_ASIDE.sub(" ", question)
    return aside - set(mentioned_roles(rest))


def mentioned_roles(question: str) -> list[str]:
    """Role ids named in the question ("MLE", "data science", "MLOps"), in order of appearance."""
    return list(_roles_named(question))


@lru_cache(maxsize=4096)
def _roles_named(text: str) -> tuple[str, ...]:
    """Kept per text: answering one question asks for its roles (and its parts') a dozen times."""
    return tuple(_ordered(_role_positions(text)))


# Role aliases of three letters or fewer ("DS", "DE", "DA", "MLE"): in a document's prose they count only in
# capitals, since "de" and "da" are words of other languages ("le rôle de", "da qui") and a question is not prose.
_SHORT_ALIAS_CHARS = 3


@cache
def _short_aliases() -> re.Pattern[str]:
    """The short role aliases, with a plural, in any letter case."""
    names = {
        key
        for role in knowledge_base().roles.values()
        for name in (role.id, role.name, *role.aliases)
        if 2 <= len(key := normalize_name(name)) <= _SHORT_ALIAS_CHARS and key.isalpha()
    }
    alternatives = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    return re.compile(rf"(?<![a-z0-9])({alternatives})s?(?![a-z0-9])", re.IGNORECASE)


def document_roles(text: str) -> tuple[str, ...]:
    """The roles a passage of the user's documents names, found as a question's are, so that ROLE_BOOST lifts it
    as it lifts a knowledge passage about them ("New MLOps engineers shadow..." is about the MLOps engineer); a
    short alias counts only in capitals."""
    prose = _short_aliases().sub(lambda m: m.group(0) if m.group(1).isupper() else " ", text)
    return tuple(mentioned_roles(prose))


def move_endpoints(question: str) -> list[str]:
    """For a question about moving between roles, the roles and starting points it names in order ("I'm a
    developer, can I become an ML engineer?" -> software-engineer, ml-engineer); empty for any other question."""
    if not _asks_to_move(question):
        return []
    text = f" {normalize_name(question)} "
    origins = []
    for origin, pattern in _ORIGINS.items():
        match = re.search(rf" ({pattern}) ", text)
        if match:
            origins.append((match.start(), origin))
    # A starting point is where a move starts wherever the question says it ("how do I start in MLOps from zero")
    return _ordered(origins) + [role for role in _ordered(_role_positions(question)) if role not in _ORIGINS]


@cache
def alias_words() -> frozenset[str]:
    """Tokens of every role id, name and alias: known words even when no passage uses them ("mle")."""
    return frozenset(
        t
        for role in knowledge_base().roles.values()
        for name in (role.id, role.name, *role.aliases)
        for t in tokens(name)
    )


@cache
def _role_spans() -> re.Pattern[str]:
    """Every role's id, name and alias in lower-case text, any punctuation between its words ("ML engineers",
    "data-engineering"): a skill inside a role's name ("machine learning" in "machine learning engineer") is no
    skill the text names."""
    names = {normalize_name(n) for role in knowledge_base().roles.values() for n in (role.id, role.name, *role.aliases)}
    variants = [
        r"[^a-z0-9+#]+".join(map(re.escape, name.split())) + ("(?:s|ing)?" if name.endswith("engineer") else "s?")
        for name in sorted(names, key=len, reverse=True)
        if len(name) >= 2
    ]
    return re.compile(r"(?<![a-z0-9+#])(?:" + "|".join(variants) + r")(?![a-z0-9+#])")


@lru_cache(maxsize=4096)
def named_skills(text: str) -> frozenset[str]:
    """Ids of the skills and tools a text names outside the names of roles ("is statistics a big deal for ML
    engineers?" -> statistics, not machine learning)."""
    from rolefit.text.skills import default_extractor

    spans = [m.span() for m in _role_spans().finditer(text.lower())]
    return frozenset(
        m.skill_id
        for m in default_extractor().find(text)
        if not any(start < m.end and m.start < end for start, end in spans)
    )


def skill_names(question: str) -> list[str]:
    """Canonical names of the skills and tools the question mentions, by any alias ("k8s" -> Kubernetes)."""
    from rolefit.text.skills import default_extractor

    extractor = default_extractor()
    return [extractor.skills[m.skill_id].name for m in extractor.find(question)]


# "US tech hubs" is how the sources name the big US tech cities; people name the cities.
HUB_PLACES = ("san francisco", "bay area", "silicon valley", "new york", "nyc", "sf", "seattle", "tech cities")
# Everyday phrases whose words alone would not meet the sources' term for the same thing.
_PHRASES = {
    "from home": "remote",
    "home office": "remote",
    "hand over": "deliverables outputs",
    "hand off": "deliverables outputs",
    "go live": "production deployment",
    "goes live": "production deployment",
    "went live": "production deployment",
    "going live": "production deployment",
    "in the wild": "production deployment",
    "going up": "growing trending",
    "go up": "growing trending",
    "on the rise": "growing trending",
    "which path": "choose",
    "which career": "choose",
    "aim for": "choose",
    "cut out for": "choose",
    "for me if": "choose",  # "DS or DA for me if I like business questions more than maths?"
    "if i like": "choose",
    "if i enjoy": "choose",
    "if i prefer": "choose",
    "real world": "use cases examples",  # "real" alone is no use case: "what's the real difference"
    "real-world": "use cases examples",
}


_WHO_WITH = re.compile(r"\bwho(?:m)?\b[^?]*\b(?:work|works|working|present|presents|report|reports)\s+(?:with|to)\b")


# Everyday words for trouble, and the sources' ("production problems", "issues").
_LAY_WORDS = {word: "problems issues" for word in ("headache", "headaches", "trouble", "troubles")}


# A question from someone who hires ("we", "our startup") asking which role or person to bring in: "our models never
# reach production, what role fixes that?", "messy data in ten systems, which hire comes first?". Its words describe
# a project, which the roles' hiring guidance words its own way; `rolefit hire` bridges the two with its table of lay
# phrases (data/hire_words.yaml), and ask reads the same table for such questions.
_HIRER = re.compile(
    r"\b(?:we|we're|weve|we've|our|us|my (?:team|company|startup|boss|manager)|startup|company)\b", re.I
)
_WHOM = re.compile(
    r"\b(?:(?:what|which)\s+(?:role|roles|hire|hires|person|people|job|title|kind of (?:person|hire|engineer|role)|"
    r"type of (?:person|hire|engineer|role))|who\s+(?:do|should|would|can|could|will)\s+(?:we|i)\s+(?:hire|need|bring|get)|"
    r"who\s+(?:builds?|fixes|owns?|handles?|does|sets? up|runs?)|analyst or scientist|scientist or analyst)\b",
    re.I,
)


# Asked outright ("who do I hire to figure out why a KPI dropped", "which hire comes first"): the other kind words
# describe the need ("KPI" is a success measure), and the answer is the hiring guidance.
_HIRE_OUTRIGHT = re.compile(
    r"\bwho\s+(?:do|should|would|can|could|will)\s+(?:we|i)\s+(?:hire|recruit|bring in)\b|\bwhich\s+hire\b|"
    r"\bwhat\s+(?:role|person)\s+(?:do|should|would)\s+(?:we|i)\s+hire\b",
    re.I,
)


# "when should a company hire a dedicated MLOps engineer", "when does a startup need a data engineer": the hiring
# guidance, whatever else the question's words ask for.
_WHEN_TO_HIRE = re.compile(
    r"\bwhen\s+(?:to|should|does|do|would|is it time to)\s+(?:(?:a|an|the|our|my|your)\s+)?"
    r"(?:company|team|startup|business|organi[sz]ation|org|we|you|i)?\s*(?:hire|need|bring in|recruit|add)\b",
    re.I,
)


def asks_whom_to_hire(question: str) -> bool:
    """Whether the question comes from a team asking which role or person to bring in for a need it describes."""
    return bool(_HIRER.search(question) and _WHOM.search(question))


def _lay_phrase_terms(question: str) -> list[str]:
    """The hiring guidance's words for the everyday phrases of a hiring question (data/hire_words.yaml)."""
    from rolefit.services.hire import lay_words

    lowered = question.lower()
    return [term for phrase in lay_words() if phrase.pattern.search(lowered) for term in phrase.kb_terms]


def hub_places(question: str) -> list[str]:
    """The US tech-hub cities the question names ("SF", "New York")."""
    text = question.lower()
    return [p for p in HUB_PLACES if re.search(rf"\b{re.escape(p)}\b", text)]


# Names of a kind of skill rather than of a skill: "soft skills" and "programming languages" are met by the names of
# the skills of that category that the roles are rated on ("Communication 5", "Python 4"). Expanding the question,
# not the passages: category words added to every skills passage lengthened them and cost BM25 alone tune MRR
# 0.843 -> 0.829 and check 0.800 -> 0.785.
_SKILL_CATEGORY_PHRASES = {
    "soft skill": "soft-skill",
    "people skill": "soft-skill",
    "interpersonal": "soft-skill",
    "programming language": "language",
    "coding language": "language",
}


@cache
def _rated_skill_names(category: str) -> str:
    """The names of the skills of one category that some role is rated on."""
    from rolefit.text.skills import default_extractor

    skills = default_extractor().skills
    rated = {s.skill for role in knowledge_base().roles.values() for s in role.skills}
    return " ".join(skills[i].name for i in sorted(rated) if i in skills and skills[i].category == category)


# A business's money, not anyone's pay: a sum in the same clause as one of these words is the company's figure.
_BUSINESS_MONEY = re.compile(
    r"\b(revenues?|arr|mrr|funding|funded|raised|raising|valuation|valued|seed|series [a-d]|round|sales|turnover|"
    r"profits?|gmv|investments?|investors?|grants?)\b",
    re.IGNORECASE,
)
_MONEY = re.compile(
    r"[$€£]\s?\d[\d,.]*(?:\s?(?:k|m|mm|bn|million|billion|thousand)\b)?|\b\d[\d,.]*\s?(?:k|m|mm|bn|million|billion)\b",
    re.IGNORECASE,
)


# "New MLOps hires", "recent hires", "newly hired engineers": people already hired, not the hiring of them, which the
# "hire" of "which hire?" or "a senior MLOps hire" asks about. Their "hire" is no word for the hiring guidance.
_HIRED_PEOPLE = re.compile(
    r"\b(?:(new|recent)((?:\s+[a-z0-9+#-]+){0,3}?)\s+hires|(newly|recently|just)\s+hired)\b", re.IGNORECASE
)


def without_hired_people(question: str) -> str:
    """The question with "hires" taken out where it names people already hired ("who do new MLOps hires shadow?"
    -> "who do new MLOps shadow?"), so it asks neither for the hiring kind nor BM25 for the hiring passages."""
    return _HIRED_PEOPLE.sub(lambda m: f"{m.group(1)}{m.group(2)}" if m.group(1) else m.group(3), question)


def without_business_figures(question: str) -> str:
    """The question with the sums of money a clause names as revenue, funding or sales taken out ("my startup grew
    from $150k to $7m revenue"): as query words they met the pay passages' figures ("$125-150K") as if they were pay."""
    clauses = re.split(r"([,;.!?]+)", question)
    return "".join(_MONEY.sub(" ", clause) if _BUSINESS_MONEY.search(clause) else clause for clause in clauses)


def expanded_tokens(question: str) -> list[str]:
    """The question's tokens plus the full names of the roles and skills it names ("MLE" -> machine learning
    engineer, "vector DBs" -> vector databases) and the sources' terms for places and everyday phrases
    ("SF" -> US tech hubs, "from home" -> remote), so BM25 meets the knowledge base's own wording."""
    asked = without_hired_people(without_business_figures(question))
    query = list(dict.fromkeys(tokens(asked)))  # "day to day" asks about the day once
    if not recruiter_pay(question):  # "the project budget goes to GPUs": no pay passage's word
        query = [t for t in query if t not in _RECRUITER_STEMS]
    lowered = question.lower()
    if hub_places(question):
        query += tokens("US tech hubs")
    for phrase, words in _PHRASES.items():
        if phrase in lowered:
            query += tokens(words)
    for phrase, category in _SKILL_CATEGORY_PHRASES.items():
        if phrase in lowered:
            query += tokens(_rated_skill_names(category))
    for word in re.findall(r"[a-z]+", lowered):
        if word in _LAY_WORDS:
            query += tokens(_LAY_WORDS[word])
    if asks_whom_to_hire(question):
        query += [t for t in _lay_phrase_terms(question) if t not in query]
    kb = knowledge_base()
    for role_id in mentioned_roles(question):
        query += tokens(kb.role(role_id).name)
    for name in skill_names(question):
        query += [t for t in tokens(name) if t not in query]
    return query


# Words people use for each kind of passage; added to the passage's indexed tokens (never to its displayed
# text) so "tech stack" finds the tools passage and "who do they work with" the stakeholders passage.
KIND_WORDS = {
    "salary": "salary pay paid earn compensation wage income rate range offer budget cost",
    "skills": "skills skill need know learn knowledge level important required",
    "tools": "tools stack tech technologies software frameworks platforms use using toolkit",
    "ladder": "career ladder progression promotion senior levels years after next above beyond track rung titles climb",
    "day_to_day": "day daily typical week workday time spend doing routine",
    "stakeholders": "work with collaborate collaboration team partners who",
    "outputs": "outputs deliver deliverables build produce output hand over ship shipped shipping",
    "success_metrics": "success measure measured judge evaluate performance doing well good job kpi kpis",
    "education": "education degree study major college university phd masters bachelor",
    "certifications": "certifications certification certificate certs exam credential",
    "entry_points": "entry get into start break in switch background become route path",
    "hire_when": "hire hiring bring on recruit need",
    "use_cases": "use cases examples projects applications build",
    "choose_if": "choose pick fit right for me suits",
    "lifecycle": "lifecycle stage where sits fits pipeline",
    "responsibilities": "responsibilities responsible duties job do does",
    "focus": "focus about what does",
    "summary": "what is does do overview",
    "transition": "switch move transition pivot change become from to",
    "demand": "demand market outlook growth growing hiring future trend jobs hot hottest sought popular booming",
    "code": "code coding production notebook quality",
    "work-style": "work style remote independent",
}
# The comparison aspects ("aspect:key-skills") share the vocabulary of the field they compare.
_ASPECT_KINDS = {
    "key-skills": "skills",
    "day-to-day": "day_to_day",
    "main-output": "outputs",
    "lifecycle-stage": "lifecycle",
    "primary-focus": "focus",
    "background": "entry_points",
    "production-code": "code",
    "code-style": "code",
}


# What people call each skill category when they ask about tools ("BI software", "warehouses and databases").
CATEGORY_WORDS = {
    "database": "databases warehouses warehouse storage sql",
    "analytics-bi": "bi business intelligence dashboards reporting visualisation visualization",
    "infrastructure": "infrastructure infrastructure-as-code iac deployment containers",
    "cloud": "cloud platforms",
    "mlops": "mlops experiment tracking model registry monitoring",
    "data-engineering": "pipelines orchestration etl streaming",
    "language": "programming languages",
    "deep-learning": "deep learning frameworks",
    "ml": "machine learning libraries",
    "genai": "llm genai frameworks",
}


@cache
def _kind_vocabulary() -> tuple[dict[str, frozenset[str]], dict[str, int]]:
    """Each kind's words, and for each word how many kinds use it (built once, not per question)."""
    vocabulary = {kind: frozenset(tokens(words)) for kind, words in KIND_WORDS.items()}
    spread: dict[str, int] = {}
    for words in vocabulary.values():
        for word in words:
            spread[word] = spread.get(word, 0) + 1
    return vocabulary, spread


def kind_words(kind: str) -> frozenset[str]:
    """The stems of the words people use for one kind of passage ("salary": pay, earn, offer, cost...)."""
    return _kind_vocabulary()[0].get(kind, frozenset())


@cache
def _role_names() -> re.Pattern[str]:
    """Every role's id, name and alias as _role_positions matches them, in normalised text."""
    names = {normalize_name(n) for role in knowledge_base().roles.values() for n in (role.id, role.name, *role.aliases)}
    variants = [
        re.escape(name) + ("(?:s|ing)?" if name.endswith("engineer") else "s?")
        for name in sorted(names, key=len, reverse=True)
        if len(name) >= 2
    ]
    return re.compile(r"(?<= )(?:" + "|".join(variants) + r")(?= )")


def only_roles(question: str) -> bool:
    """Whether the question names one role and nothing else but function words ("what does an AI engineer do?"):
    it asks what the role is, which its summary says. Two roles alone ("AI engineer vs ML engineer") ask for
    their comparison."""
    text = f" {normalize_name(question)} "
    return len(mentioned_roles(question)) == 1 and not tokens(_role_names().sub(" ", text))


# "Offer", "budget" and "cost" are a recruiter's words for pay only when what they are for is a person: "what should I
# offer a senior data engineer", "what budget should I set for a senior MLOps hire", "our hiring budget", "the cost of
# hiring a data analyst vs a data scientist" (not what a certificate or a tool costs). A budget of
# something else ("the project budget goes to GPUs", "a training budget for a data scientist to learn new tools") or a
# role that offers growth is no pay question, and the words' salary evidence made it one: the pay reading of the
# question then looked only at the question's kind, which these words had just made pay.
_RECRUITER_WORDS = frozenset(["offer", "offers", "offered", "offering", "budget", "budgets", "cost", "costs"])
_RECRUITER_STEMS = frozenset(["offer", "budget", "cost"])
# Before "budget": words that make it a pay budget outright, and words for how big or usual a budget is (any other
# content word says what the budget is for: "project", "training", "GPU", "cloud").
_PAY_BUDGET_WORDS = frozenset(
    ["hiring", "salary", "salaries", "pay", "payroll", "comp", "compensation", "headcount", "recruiting", "staffing"]
)
_AMOUNT_WORDS = frozenset(
    re.findall(
        r"\S+",
        "typical realistic reasonable fair total annual yearly monthly max maximum min minimum starting overall rough "
        "ballpark average normal usual standard decent enough tight limited whole entire full",
    )
)
# Words naming the person an offer or budget is for ("a senior MLOps hire", "an ML engineer", "them").
_PERSON_HEADS = frozenset(
    re.findall(
        r"\S+",
        "hire hires candidate candidates recruit recruits someone somebody them him her person people employee employees "
        "engineer engineers scientist scientists analyst analysts developer developers",
    )
)
_PHRASE_ENDS = frozenset(
    re.findall(
        r"\S+",
        "for to on in at with of from into toward towards per by as than and or but if so because when while who which "
        "that , . ; : ? !",
    )
)
_BE = frozenset(["is", "are", "was", "were", "be", "been", "being"])


def _names_person(words: list[str]) -> bool:
    """Whether a phrase names a person: a word for one ("hire", "engineer", "them") or ending in a role's name
    ("a senior MLE")."""
    if set(words) & _PERSON_HEADS:
        return True
    text = f" {' '.join(words)} "
    return any(match.end() == len(text) - 1 for match in _role_names().finditer(text))


def _recruiter_word_means_pay(words: list[str], at: int) -> bool:
    """Whether the offer or budget at ``words[at]`` is pay: a pay budget by name, or an offer or budget whose first
    phrase, or the phrase after its first "for", "to" or "on", names a person."""
    word, before = words[at], words[at - 1] if at else ""
    if word.startswith("budget"):
        if before in _PAY_BUDGET_WORDS:
            return True
        if tokens(before, synonyms=False) and before not in _AMOUNT_WORDS:
            return False  # "the project budget", "a training budget": that thing's budget
    elif before == "job":
        return True  # "a job offer"
    elif word == "offered" and before in _BE:
        return False  # "which certifications are offered to data engineers": what is offered is not pay
    end = at + 1
    for _ in range(2):  # the words up to the first preposition, then the phrase that preposition opens
        start = end
        while end < len(words) and words[end] not in _PHRASE_ENDS:
            end += 1
        if _names_person(words[start:end]):
            return True
        if end >= len(words) or words[end] not in ("for", "to", "on"):
            return False
        end += 1
    return False


def recruiter_pay(question: str) -> bool:
    """Whether an "offer" or "budget" in the question is pay offered to a person ("what should I offer a senior
    data engineer?"), not a budget for something else ("how much of the project budget goes to GPUs?") or what a
    role offers ("which role offers the best growth?")."""
    words = re.findall(r"[a-z0-9+#']+|[,.;:?!]", question.lower())
    return any(_recruiter_word_means_pay(words, i) for i, word in enumerate(words) if word in _RECRUITER_WORDS)


@lru_cache(maxsize=4096)
def question_kinds(text: str) -> frozenset[str]:
    """The kinds of passage a question asks for, by the words people use for each kind ("which tools do MLOps
    engineers use" -> tools; "how is a data scientist judged" -> success_metrics); empty when its words say none."""
    vocabulary, spread = _kind_vocabulary()
    evidence: dict[str, float] = {}
    if _HIRE_OUTRIGHT.search(text):
        return frozenset(["hire_when"])
    hiring = frozenset(["hire_when"]) if asks_whom_to_hire(text) or _WHEN_TO_HIRE.search(text) else frozenset()
    if only_roles(text):  # "what does an AI engineer do?", "tell me about data engineers"
        return frozenset(["summary"])
    not_pay = frozenset() if recruiter_pay(text) else _RECRUITER_STEMS  # "the project budget" is no pay word
    text = without_hired_people(text)  # "new hires" are people, not hiring
    lowered = text.lower()
    text = _role_names().sub(" ", f" {normalize_name(text)} ")  # "machine learning engineer" asks for no skills
    text += " ".join(words for phrase, words in _PHRASES.items() if phrase in lowered)  # "which path" -> choose
    if _WHO_WITH.search(lowered):  # "who do data engineers work with day to day": the people, not the day
        text += " collaborate"
    for token in set(tokens(text)) - not_pay:  # "day to day" is one word about the day, not two
        for kind, words in vocabulary.items():
            if token in words:
                evidence[kind] = evidence.get(kind, 0.0) + 1 / spread[token]
    if evidence.get("salary", 0.0) >= MIN_KIND_EVIDENCE:
        evidence.pop("ladder", None)  # "data engineer salary, senior level": the level says which pay band
    best = max(evidence.values(), default=0.0)
    if best < MIN_KIND_EVIDENCE:
        return hiring
    return hiring | frozenset(kind for kind, value in evidence.items() if value >= best)


def passage_kinds(passage: Passage) -> frozenset[str]:
    """The kinds a passage answers: its own (a comparison aspect counts as the field it compares), a move's
    ways in, for a FAQ entry the kinds its question asks for, and for a passage of the user's documents the kinds
    its words point to, read as a question's are (so KIND_BOOST lifts it as it does a knowledge passage)."""
    kind = passage.kind
    if kind == "document":
        return question_kinds(passage.text)
    if kind.startswith("aspect:"):
        aspect = kind.split(":", 1)[1]
        return frozenset([_ASPECT_KINDS.get(aspect, aspect)])
    if kind == "question":
        return question_kinds(passage.text.partition(" A: ")[0])
    if kind == "transition":
        return frozenset(["transition", "entry_points"])
    return frozenset([kind])


def _tool_categories(text: str) -> str:
    """The everyday words for the categories of the tools a tools passage lists."""
    from rolefit.text.skills import default_extractor

    extractor = default_extractor()
    categories = {extractor.skills[m.skill_id].category for m in extractor.find(text)}
    return " ".join(CATEGORY_WORDS.get(c, "") for c in sorted(categories))


def index_tokens(passage: Passage) -> list[str]:
    """What BM25 indexes for a passage: its text plus the words people use for its kind of content (and, for a
    tools passage, for its tools' categories)."""
    kind = passage.kind
    if kind.startswith("aspect:"):
        aspect = kind.split(":", 1)[1]
        kind = _ASPECT_KINDS.get(aspect, aspect)
    extra = KIND_WORDS.get(kind, "")
    if kind == "tools":
        extra += " " + _tool_categories(passage.text)
    if kind == "transition":  # its text names the roles by id ("ml-engineer"); questions name them in full
        kb = knowledge_base()
        extra += " " + " ".join(kb.role(role).name for role in passage.roles)
    return tokens(passage.text) + tokens(extra) + _heading_tokens(passage.source)


def _heading_tokens(source: str) -> list[str]:
    """The words of the source section's heading ("Why These AI Roles Are Growing So Fast"), which often say
    what a question asks in its own words; posting ids and numbered codes are no heading."""
    heading = source.partition("#")[2]
    if not heading or ".jsonl" in heading:
        return []
    names = alias_words()  # "AI Engineer vs ML Engineer vs Data Scientist" says nothing of whose facts these are
    return [t for t in tokens(heading) if t not in names and not any(c.isdigit() for c in t)]


def _min_max(scores: np.ndarray) -> np.ndarray:
    """Scores scaled to 0 (the lowest) .. 1 (the highest); all 0 when they are all equal."""
    low, high = float(scores.min()), float(scores.max())
    return (scores - low) / (high - low) if high > low else np.zeros_like(scores)


@dataclass(frozen=True)
class Hit:
    passage: Passage
    score: float
    bm25: float


class Index:
    def __init__(
        self,
        passages: list[Passage],
        embedder: Embedder | None,
        vectors: np.ndarray | None,
        adapter: QueryAdapter | None = None,
    ) -> None:
        import bm25s

        self.passages = passages
        self.embedder = embedder
        self.vectors = vectors
        self.vocabulary = {t for p in passages for t in tokens(p.text)}
        indexed = [index_tokens(p) for p in passages]
        self.indexed_vocabulary = {t for words in indexed for t in words}  # with kind words and headings
        self._kinds = [passage_kinds(p) for p in passages]
        self._skills = [named_skills(p.text) if p.kind in _LISTS else frozenset() for p in passages]
        self._sets_apart = np.array([sets_roles_apart(p) for p in passages])
        self._bm25 = bm25s.BM25(k1=BM25_K1, b=0.75, method=BM25_IDF)
        self._bm25.index(indexed, show_progress=False)
        self._last: tuple[str | None, np.ndarray | None, np.ndarray | None] = (None, None, None)
        self._last_bm25: tuple[str | None, np.ndarray | None] = (None, None)  # search and best_bm25 share one scoring
        self.spelling = SpellingReader(passages)
        self.use_adapter(adapter)

    def use_adapter(self, adapter: QueryAdapter | None) -> None:
        """Rank with this correction of the question's vector (rolefit.models.query_adapter; None: the raw vector),
        and BM25 weighted to suit: the corrected dense ranking is the better one and counts for more."""
        self.adapter = adapter
        self.bm25_share = ADAPTED_BM25_SHARE if adapter is not None else BM25_SHARE
        self.forget_query()

    def _similarities(self, question: str, raw: bool = False) -> np.ndarray:
        """Cosine similarity of the question to every passage, with the question's vector corrected by the adapter
        (for ranking) or ``raw`` (for telling whether anything relevant was found). The last question's are kept:
        answering a question searches and then asks how close its best passage is."""
        kept_question, raw_similarities, ranked_similarities = self._last  # one read: another thread may replace it
        if kept_question != question or raw_similarities is None or ranked_similarities is None:
            # a business's revenue or funding figures are no part of what is asked, in meaning as in words
            query_vector = self.embedder.encode_queries([without_business_figures(question)])[0]  # type: ignore[union-attr]
            # Not `@`: that hands a product this small (~0.5M multiply-adds) to OpenBLAS's threads, which then spin
            # on the other core for a while and halved the speed of the next question's e5 pass (43 -> 18 ms).
            raw_similarities = np.einsum("ij,j->i", self.vectors, query_vector)
            ranked_similarities = raw_similarities
            if self.adapter is not None:
                ranked_similarities = np.einsum("ij,j->i", self.vectors, self.adapter.apply(query_vector))
            self._last = (question, raw_similarities, ranked_similarities)
        return raw_similarities if raw else ranked_similarities

    def forget_query(self) -> None:
        """Drop the kept similarities, so the next question is embedded afresh (benchmarks time it)."""
        self._last = (None, None, None)
        self._last_bm25 = (None, None)

    def best_similarity(self, question: str) -> float | None:
        """How close the question's nearest passage is in meaning, on the raw cosine scale the abstention thresholds
        were chosen on (None without dense vectors)."""
        if self.embedder is None or self.vectors is None:
            return None
        return float(self._similarities(question, raw=True).max())

    def _bm25_scores(self, question: str) -> np.ndarray:
        kept_question, scores = self._last_bm25  # one read: another thread may replace it meanwhile
        if kept_question != question or scores is None:
            known = [t for t in expanded_tokens(question) if t in self.indexed_vocabulary]
            scores = np.asarray(self._bm25.get_scores(known), dtype=float) if known else np.zeros(len(self.passages))
            self._last_bm25 = (question, scores)
        return scores

    def best_bm25(self, question: str) -> float:
        """The BM25 score of the passage sharing most words with the question, wherever the fusion ranks it."""
        return float(self._bm25_scores(question).max(initial=0.0))

    @staticmethod
    def _role_matches(roles: set[str], passage: Passage, moving: bool) -> int:
        """How many of the question's roles a passage is about, for ROLE_BOOST. A move between two roles names
        both because it goes from one to the other, not because it compares them: unless the question asks about
        moving, it counts as about one ("ML engineer vs MLOps engineer, where's the line?" wants the comparison,
        not the move from one to the other)."""
        matches = len(roles & set(passage.roles))
        return matches if moving or passage.kind != "transition" else min(matches, 1)

    def _each_role_in_turn(self, order: np.ndarray, roles: list[str]) -> np.ndarray:
        """The ranking with, after its first passage, the best passage saying what each compared role is for: one
        role's name can outweigh the other's in both rankers ("MLOps" is a rarer word than "data engineer"), and an
        answer to how two roles differ needs both."""
        first = [int(order[0])]
        for role in roles:
            best = next((int(i) for i in order if self._sets_apart[i] and role in self.passages[i].roles), None)
            if best is not None and best not in first:
                first.append(best)
        rest = [int(i) for i in order if int(i) not in first]
        return np.array(first + rest)

    def search(self, question: str, k: int = 5, mode: str = "hybrid") -> list[Hit]:
        question = self.spelling.read(question)
        bm25_scores = self._bm25_scores(question)
        dense = mode in ("dense", "hybrid") and self.embedder is not None and self.vectors is not None
        if dense and mode == "hybrid":
            share = self.bm25_share
            fused = share * _min_max(bm25_scores) + (1 - share) * _min_max(self._similarities(question))
        else:
            scores = self._similarities(question) if dense else bm25_scores
            fused = np.zeros(len(self.passages))
            fused[np.argsort(-scores, kind="stable")] = 1 / (RRF_K + np.arange(1, len(scores) + 1))
        wanted = question_kinds(question)
        if dense and wanted:  # passages of the kind asked for ("what tools...") rise; BM25 indexes the kind words
            fused *= np.array([KIND_BOOST if kinds & wanted else 1.0 for kinds in self._kinds])
        skills = named_skills(question)
        if skills and (not wanted or wanted & {"skills", "tools"}):  # not "AWS certs", "who do they collaborate with"
            fused *= np.array([SKILL_BOOST if named & skills else 1.0 for named in self._skills])
        comparing = asks_how_roles_differ(question, wanted)
        if comparing:
            fused *= np.where(self._sets_apart, COMPARISON_BOOST, 1.0)
        roles = set(mentioned_roles(question)) - roles_set_aside(question)
        if roles:  # a passage about every role the question names is the one that compares them
            moving = _asks_to_move(question)
            fused *= np.array([ROLE_BOOST ** self._role_matches(roles, p, moving) for p in self.passages])
        endpoints = move_endpoints(question)
        if len(endpoints) > 1:  # "from ML engineering back to data science": that move, not the reverse
            for i, passage in enumerate(self.passages):
                if passage.kind == "transition":
                    start, end = passage.facts.get("from"), passage.facts.get("to")
                    if start in endpoints and end in endpoints and endpoints.index(start) < endpoints.index(end):
                        fused[i] *= TRANSITION_BOOST
        if only_roles(question):
            # "What is an ML engineer?" asks what the role is, which its summary says: it goes first. Every passage
            # about the role shares the one weighty word, so neither ranker tells them apart (MiniLM put the ML
            # engineer's summary 11th, after its hiring and lifecycle lines). No tune or check question is of this form.
            role = mentioned_roles(question)[0]
            for i, passage in enumerate(self.passages):
                if passage.kind == "summary" and passage.roles == (role,):
                    fused[i] = fused.max() + 1.0
        order = np.argsort(-fused, kind="stable")
        if comparing:
            order = self._each_role_in_turn(order, mentioned_roles(question))
        order = order[:k]
        return [Hit(self.passages[i], float(fused[i]), float(bm25_scores[i])) for i in order]


def build_index(docs: Path | None = None, embedder: Embedder | None = None, cache: bool = True) -> Index:
    """The index over the knowledge passages (and a folder of documents). Dense vectors come from the per-text
    store under ROLEFIT_HOME/ask-index (with ``cache``), so only passages new since the last build are embedded."""
    passages = knowledge_passages()
    if docs is not None:
        from rolefit.ask.documents import document_passages

        passages += document_passages(docs)
    vectors = None
    if embedder is not None:
        from rolefit.ask.vector_store import embedded, remove_legacy_indexes, store_path

        path = None
        if cache:
            root = home_dir() / "ask-index"
            remove_legacy_indexes(root)
            path = store_path(root, embedder)
        vectors = embedded([p.text for p in passages], embedder, path)
    adapter = None
    if embedder is not None and vectors is not None and vectors.ndim == 2:
        adapter = load_query_adapter(embedder.name, vectors.shape[1])
    return Index(passages, embedder, vectors, adapter)


def describe(hit: Hit) -> dict[str, Any]:
    return {"source": hit.passage.source, "text": hit.passage.text, "score": round(hit.score, 4), "id": hit.passage.id}


# Spelling. People type "salery", "scintist", "itnerview": a word no passage, role, skill or dictionary knows is read
# as the word one edit away (insert, delete, substitute or swap two letters) that the sources or rolefit use, else as
# the commonest English word one edit away ("laotop" -> "laptop", so an off-topic question still abstains). A real
# English word is never changed ("couch", "paged", "visa"), nor a short one, nor an acronym ("MLE").
_MIN_CORRECTED_LENGTH = 5
_READ_MEMORY = 1024  # questions whose reading is kept
# Added to the count of every word rolefit knows, so it wins over an English word as far away; and per use in the
# passages, so the passages' commoner word wins between two of rolefit's ("enginers": engineers, not engines).
_OURS_FIRST = 10**12
_PER_PASSAGE_USE = 10**10


@cache
def _english_counts() -> dict[str, int]:
    """The 82,765 words of symspellpy's English frequency list (shipped in its wheel) with their corpus counts."""
    from importlib.resources import files

    listing = files("symspellpy").joinpath("frequency_dictionary_en_82_765.txt").read_text(encoding="utf-8")
    counts: dict[str, int] = {}
    for line in listing.splitlines():
        word, _, count = line.partition(" ")
        if word and count.isdigit():
            counts[word] = int(count)
    return counts


@cache
def _known_words() -> frozenset[str]:
    """Words rolefit knows apart from the passages: role names and aliases, skill and tool names and aliases, the
    everyday synonyms and stopwords, US hub places."""
    from rolefit.text.skills import default_extractor

    names = [n for role in knowledge_base().roles.values() for n in (role.id, role.name, *role.aliases)]
    names += [n for skill in default_extractor().skills.values() for n in (skill.name, *skill.aliases)]
    names += [*_SYNONYMS, *_STOP, *HUB_PLACES, *_UNMARKED_CONTRACTIONS]
    return frozenset(w for name in names for w in _WORD.findall(name.lower()))


_WORD = re.compile(r"[a-z][a-z0-9+#]*")
# Contractions typed without their apostrophe: "arent" is not a misspelt "parent".
_UNMARKED_CONTRACTIONS = [
    "arent",
    "isnt",
    "wasnt",
    "werent",
    "dont",
    "doesnt",
    "didnt",
    "cant",
    "couldnt",
    "shouldnt",
    "wouldnt",
    "wont",
    "havent",
    "hasnt",
    "hadnt",
    "mustnt",
    "neednt",
    "youre",
    "theyre",
    "whats",
    "thats",
    "heres",
    "theres",
    "wheres",
    "whos",
    "hows",
    "youve",
    "theyve",
    "weve",
    "youll",
    "theyll",
    "itll",
]


class SpellingReader:
    """Reads a question's misspelt words as the words the sources, rolefit or English use (symspellpy)."""

    def __init__(self, passages: list[Passage]) -> None:
        self._counts: dict[str, int] = {}
        for passage in passages:
            for word in _WORD.findall(passage.text.lower()):
                self._counts[word] = self._counts.get(word, 0) + 1
        self._speller: Any = None  # built at the first word nothing knows (~1 s): most questions have none
        # answer_question reads the question, then searches with what it read: that second read is a lookup here
        self._read: dict[str, str] = {}

    def _unknown(self, word: str) -> bool:
        return not (
            len(word) < _MIN_CORRECTED_LENGTH
            or word in self._counts
            or word in _known_words()
            or word in _english_counts()
        )

    def _build(self) -> Any:
        from symspellpy import SymSpell

        speller = SymSpell(max_dictionary_edit_distance=1, prefix_length=7)
        for word, count in _english_counts().items():
            if len(word) >= _MIN_CORRECTED_LENGTH - 1:
                speller.create_dictionary_entry(word, count)
        for word in self._counts.keys() | _known_words():
            if len(word) >= _MIN_CORRECTED_LENGTH - 1 and word.isalpha():
                speller.create_dictionary_entry(word, _OURS_FIRST + _PER_PASSAGE_USE * self._counts.get(word, 0))
        return speller

    def corrections(self, question: str) -> dict[str, str]:
        """{word as typed: word read}, for each word nothing knows that is one edit from a known word."""
        if _OTHER_LANGUAGE.search(question):
            return {}  # "combien gagne un data scientist" is French, not misspelt English ("combine gage")
        typed_words = {w for w in _TYPED_WORD.findall(question) if not w.isupper()}  # "MLE", "AWS" are acronyms
        unknown = sorted(typed for typed in typed_words if self._unknown(typed.lower()))
        if not unknown:
            return {}
        from symspellpy import Verbosity

        if self._speller is None:
            self._speller = self._build()
        found: dict[str, str] = {}
        for typed in unknown:
            suggestions = self._speller.lookup(typed.lower(), Verbosity.TOP, max_edit_distance=1)
            if suggestions:
                read = suggestions[0].term
                found[typed] = read.capitalize() if typed[0].isupper() and typed[1:].islower() else read
        return found

    def read(self, question: str) -> str:
        """The question with its misspelt words replaced (unchanged when there are none)."""
        if question in self._read:
            return self._read[question]
        corrections = self.corrections(question)
        read = _TYPED_WORD.sub(lambda m: corrections.get(m.group(0), m.group(0)), question) if corrections else question
        if len(self._read) >= _READ_MEMORY:  # bounded: a server reads an open-ended stream of questions
            self._read.clear()
        self._read[question] = self._read[read] = read
        return read


# A question in another language: an accented letter (or Spanish's "¿", "¡"), or a short word of French, German, Spanish,
# Italian or Portuguese that is no English word ("un", "ein", "und", "una", "não").
_OTHER_LANGUAGE = re.compile(  # not IGNORECASE: the long s "ſ" in the accented range would match every "s"
    r"[\u00bf\u00a1\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]|\b(?i:un|une|les|des|est|pour|avec|dans|ein|eine|einen|"
    r"der|und|ist|mit|wie|wird|el|los|las|una|unos|para|como|il|di|che|della|um|uma)\b"
)
_TYPED_WORD = re.compile(r"\b[A-Za-z]{2,}\b")  # whole words of letters ("gpt4" is none)
