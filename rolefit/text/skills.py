"""Find canonical skills and tools in text, with every span as evidence.

Matching is on word tokens, not one giant regex: the text is tokenised once
and each position looks up 1..N-token windows in two dictionaries (aliases
compared lowercase, and the few case-sensitive ones such as "R" or "Go").
That keeps a 5,000-character posting well under a millisecond of lookups.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from itertools import accumulate, compress
from typing import NamedTuple

from rolefit.knowledge.models import Skill

__all__ = ["SkillExtractor", "SkillMention", "Tokens", "default_extractor", "lowercase_words", "tokenize"]

# Words: letters/digits, keeping a trailing ++ or # (C++, C#, F#). Hyphens, dots and slashes separate,
# so "scikit-learn" == "scikit learn", "Node.js" == "node js", "CI/CD" == "ci cd".
_TOKEN = re.compile(r"[^\W_]+[+#]*")


_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")


@dataclass(frozen=True, slots=True)
class Tokens:
    """A text's word tokens as parallel lists: one ``re.split`` and C-level list work, no Match objects
    (which cost more than the matching itself)."""

    words: list[str]
    lowered: list[str]
    starts: list[int]
    ends: list[int]

    def __len__(self) -> int:
        return len(self.words)


def tokenize(text: str) -> Tokens:
    pieces = _TOKEN_SPLIT.split(text)  # separator, word, separator, word, ..., separator
    offsets = list(accumulate(map(len, pieces)))  # offsets[i] = where piece i ends
    words = pieces[1::2]
    return Tokens(words, lowercase_words(words), offsets[0:-1:2], offsets[1::2])


def lowercase_words(words: list[str]) -> list[str]:
    """Each word lowercased, by one lower() over the joined words (tokens hold no newline, so the count is kept)."""
    return "\n".join(words).lower().split("\n") if words else []


class SkillMention(NamedTuple):
    """One mention; a named tuple because postings hold dozens and tuples are the cheapest to make."""

    skill_id: str
    start: int
    end: int


@dataclass
class SkillExtractor:
    """Lookup tables built from the taxonomy; `find` returns mentions in text order."""

    skills: dict[str, Skill]
    folded: dict[tuple[str, ...], str] = field(default_factory=dict)
    exact: dict[tuple[str, ...], str] = field(default_factory=dict)
    max_tokens: int = 1
    # First token of any alias -> the token counts of the aliases starting with it, longest first: most tokens
    # start no alias at all, and a common first word ("data") is tried only at the widths some alias has.
    folded_starts: dict[str, tuple[int, ...]] = field(default_factory=dict)
    exact_starts: dict[str, tuple[int, ...]] = field(default_factory=dict)
    # What can begin a match: a one-token alias, or the first two tokens of a longer one ("a", "on", "data" start
    # some long alias, but "a data" starts none, so no key is built for any of its widths).
    folded_singles: set[str] = field(default_factory=set)
    folded_pairs: set[tuple[str, str]] = field(default_factory=set)
    exact_singles: set[str] = field(default_factory=set)
    exact_pairs: set[tuple[str, str]] = field(default_factory=set)
    # Aliases written with commas ("extract, transform, load"): their words may be separated by one.
    listed: set[tuple[str, ...]] = field(default_factory=set)
    # The lowercase first token of every alias, case-sensitive ones too ("Go" as "go"): one lookup per token of the
    # lowercase words finds every token that may start a match (and a few more, such as "go", that the loop drops).
    lowered_starts: set[str] = field(default_factory=set)

    @classmethod
    def from_skills(cls, skills: Iterable[Skill]) -> SkillExtractor:
        extractor = cls(skills={skill.id: skill for skill in skills})
        variants: dict[tuple[str, ...], str] = {}
        for skill in extractor.skills.values():
            case_sensitive = set(skill.case_sensitive)
            for alias in (skill.name, *skill.aliases, *skill.case_sensitive):
                tokens = tuple(m.group(0) for m in _TOKEN.finditer(alias))
                if not tokens:
                    continue
                if alias in case_sensitive:
                    extractor._register(tokens, skill.id, exact=True)
                    continue
                tokens = tuple(t.lower() for t in tokens)
                extractor._register(tokens, skill.id, exact=False)
                if "," in alias:
                    extractor.listed.add(tokens)
                variant = _number_variant(tokens)
                if variant:
                    variants.setdefault(variant, skill.id)
        # Variants last, so an alias spelled that way itself (or another skill's) wins.
        for variant, skill_id in variants.items():
            if variant not in extractor.folded:
                extractor._register(variant, skill_id, exact=False)
        return extractor

    def _register(self, tokens: tuple[str, ...], skill_id: str, exact: bool) -> None:
        """Add one alias (its tokens, lowercased unless ``exact``) to the lookup tables; the first skill to claim
        a spelling keeps it."""
        if exact:
            table, starts, singles, pairs = self.exact, self.exact_starts, self.exact_singles, self.exact_pairs
        else:
            table, starts, singles, pairs = self.folded, self.folded_starts, self.folded_singles, self.folded_pairs
        table.setdefault(tokens, skill_id)
        first = tokens[0]
        self.lowered_starts.add(first.lower())
        if len(tokens) == 1:
            singles.add(first)
        else:
            pairs.add((first, tokens[1]))
        starts[first] = tuple(sorted({*starts.get(first, ()), len(tokens)}, reverse=True))
        self.max_tokens = max(self.max_tokens, len(tokens))

    def find(self, text: str, tokens: Tokens | None = None) -> list[SkillMention]:
        """Longest match first at each token; matched tokens are consumed."""
        tokens = tokens if tokens is not None else tokenize(text)
        words, lowered = tokens.words, tokens.lowered
        starts, ends = tokens.starts, tokens.ends
        mentions: list[SkillMention] = []
        count = len(words)
        folded, exact = self.folded, self.exact
        folded_starts, exact_starts = self.folded_starts, self.exact_starts
        # Only tokens that start some alias are worth a look (a C-speed filter over the whole posting).
        starts_alias = map(self.lowered_starts.__contains__, lowered)
        folded_singles, folded_pairs = self.folded_singles, self.folded_pairs
        exact_singles, exact_pairs = self.exact_singles, self.exact_pairs
        next_free = 0
        for index in compress(range(count), starts_alias):
            if index < next_free:
                continue  # inside the previous match
            lowered_word, word = lowered[index], words[index]
            # Common words ("a", "data", "on") start some long alias but are rarely followed by its second word:
            # one pair lookup spares building a key for every width, and most such tokens start no alias at all.
            if index + 1 < count and (
                (lowered_word, lowered[index + 1]) in folded_pairs or (word, words[index + 1]) in exact_pairs
            ):
                widths = folded_starts.get(lowered_word, ())
                exact_widths = exact_starts.get(word) if exact_starts else None
                if exact_widths:
                    widths = tuple(sorted({*widths, *exact_widths}, reverse=True)) if widths else exact_widths
            elif lowered_word in folded_singles:
                widths = (1,)
                exact_widths = (1,) if word in exact_singles else None
            elif word in exact_singles:
                widths = exact_widths = (1,)
            else:
                continue
            found: str | None = None
            for width in widths:
                if width > count - index:
                    continue
                key = tuple(lowered[index : index + width])
                found = folded.get(key)
                case_sensitive = False
                if found is None and exact_widths and width in exact_widths:  # only a case-sensitive alias's width
                    found = exact.get(tuple(words[index : index + width]))
                    case_sensitive = True
                if (
                    found is not None
                    and width > 1
                    and not _contiguous(text, tokens, index, width)
                    and not (key in self.listed and _contiguous(text, tokens, index, width, comma=True))
                ):
                    found = None
                if found is not None and case_sensitive and not _plausible_exact(text, tokens, index, width):
                    found = None
                if found is not None:
                    mentions.append(SkillMention(found, starts[index], ends[index + width - 1]))
                    next_free = index + width
                    break
        return mentions


# Words whose plural means something else: "AI developments" are news, "learnings" are lessons.
_NO_VARIANT = frozenset({"development", "developments", "learning", "learnings", "experience", "experiences"})


def _number_variant(tokens: tuple[str, ...]) -> tuple[str, ...] | None:
    """A multi-word alias with its last word in the other number: "proof of concept" -> "proof of concepts",
    "data pipelines" -> "data pipeline" (postings use both; the taxonomy lists one or the other)."""
    last = tokens[-1]
    if len(tokens) < 2 or len(last) < 4 or not last.isalpha() or last in _NO_VARIANT:
        return None
    if last.endswith(("ss", "us", "is")):
        return None
    if last.endswith("ies"):
        return (*tokens[:-1], last[:-3] + "y")
    if last.endswith("y") and last[-2] not in "aeiou":
        return (*tokens[:-1], last[:-1] + "ies")
    if last.endswith(("ches", "shes", "xes")):
        return (*tokens[:-1], last[:-2])
    if last.endswith(("ch", "sh", "x")):
        return (*tokens[:-1], last + "es")
    if last.endswith("s"):
        return (*tokens[:-1], last[:-1])
    return (*tokens[:-1], last + "s")


# Case-sensitive short forms misfire in a few patterns: "R&D", "C-suite", "Series C", "(R)", "help you Excel".
_LETTER_CONTEXT = frozenset(
    [
        "series",
        "zone",
        "part",
        "type",
        "level",
        "grade",
        "vitamin",
        "plan",
        "class",
        "tier",
        "phase",
        "section",
        "option",
        "category",
        "building",
        "suite",
        "hepatitis",
        "round",
        "group",
        "schedule",
        "division",
        "form",
        "appendix",
        "exhibit",
        "model",
        "figure",
        "table",
        "step",
        "unit",
    ]
)
# Tool names that are also verbs: the word before or after tells ("help you Excel in", "Go beyond", "React to").
_VERB_BEFORE = frozenset({"to", "you", "will", "can", "help", "we", "they", "i", "who", "must", "should", "and"})
_VERB_AFTER: dict[str, frozenset[str]] = {
    "excel": frozenset({"in", "at", "beyond", "within", "as", "when", "under"}),
    "go": frozenset(
        {
            "to",
            "beyond",
            "above",
            "further",
            "live",
            "deep",
            "deeper",
            "the",
            "a",
            "an",
            "on",
            "out",
            "through",
            "far",
            "from",
            "into",
        }
    ),
    "react": frozenset({"to", "quickly", "fast", "swiftly", "accordingly", "appropriately"}),
    "spark": frozenset(
        {"the", "a", "an", "new", "curiosity", "innovation", "joy", "change", "conversations", "ideas", "interest"}
    ),
    "swift": frozenset({"action", "response", "delivery", "decisions", "execution", "and"}),
    "ray": frozenset({"of"}),
    # "reporting to the CTO", "reporting directly into": a reporting line, not building reports
    "reporting": frozenset({"to", "directly", "into", "line", "lines", "structure", "relationship", "relationships"}),
}


def _plausible_exact(text: str, tokens: Tokens, index: int, width: int) -> bool:
    """Reject a case-sensitive match when its surroundings show it is not the skill."""
    start, end = tokens.starts[index], tokens.ends[index + width - 1]
    word = text[start:end]
    after = text[end : end + 2]
    before_char = text[start - 1 : start]
    if len(word) <= 2:
        if after[:1] == "&" or (after[:1] in "-'’" and after[1:2].isalpha()):
            return False
        if before_char == "(" and after[:1] == ")":
            return False
        if index > 0 and tokens.lowered[index - 1] in _LETTER_CONTEXT:
            return False
        if before_char in "-/&" and text[start - 2 : start - 1].isalpha():  # "B2B-C", "A/B", "R&D"
            return False
        if len(word) == 1 and before_char == "." and text[start - 2 : start - 1].isalpha():
            return False  # an initial: "The A.C. Coy Company", "J.R. Simplot"
    verb_after = _VERB_AFTER.get(word.lower())
    if verb_after is not None and width == 1:
        previous = tokens.lowered[index - 1] if index > 0 else ""
        following = tokens.lowered[index + 1] if index + 1 < len(tokens) else ""
        if following in verb_after or (previous in _VERB_BEFORE and previous != "and"):
            return False
    return True


def _contiguous(text: str, tokens: Tokens, index: int, width: int, comma: bool = False) -> bool:
    """Tokens of a multi-word alias may be separated by spaces/hyphens/slashes/dots, not by a sentence, a parenthesis
    ("NLP) techniques") or a new line, except where prose was hard-wrapped ("large language\n  models"); by a comma
    only in an alias written with commas (``comma``: "extract, transform, load")."""
    for i in range(index, index + width - 1):
        gap = text[tokens.ends[i] : tokens.starts[i + 1]]
        if comma:
            gap = gap.replace(",", "", 1)
        if "\n" in gap:
            if not _soft_wrap(text, tokens.ends[i], gap):
                return False
        elif len(gap) > 3 or ". " in gap or "," in gap or ";" in gap or ")" in gap or "(" in gap:
            return False
    return True


def _soft_wrap(text: str, at: int, gap: str) -> bool:
    """A line break inside running prose: one break, only spaces around it, and a long line before it (a list
    of short lines such as "Big Data\nDeep Learning" has no wrapped phrases)."""
    before, _, after = gap.partition("\n")
    if "\n" in after or before.strip(" -") or after.strip(" "):  # not a new bullet ("\n- ") or paragraph
        return False
    # no line break in the _WRAPPED_LINE characters before: looking further back would scan a posting that lost its
    # line breaks end to end for every wrapped phrase
    return at >= _WRAPPED_LINE and text.rfind("\n", at - _WRAPPED_LINE, at) < 0


_WRAPPED_LINE = 40


@cache
def default_extractor() -> SkillExtractor:
    from rolefit.knowledge.loader import knowledge_base

    return SkillExtractor.from_skills(knowledge_base().skills)
