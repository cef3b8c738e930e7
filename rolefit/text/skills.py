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

from rolefit.knowledge.models import Skill

__all__ = ["SkillExtractor", "SkillMention", "default_extractor", "tokenize"]

# Words: letters/digits, keeping a trailing ++ or # (C++, C#, F#). Hyphens, dots and slashes separate,
# so "scikit-learn" == "scikit learn", "Node.js" == "node js", "CI/CD" == "ci cd".
_TOKEN = re.compile(r"[^\W_]+[+#]*")


def tokenize(text: str) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(text))


@dataclass(frozen=True, slots=True)
class SkillMention:
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

    @classmethod
    def from_skills(cls, skills: Iterable[Skill]) -> SkillExtractor:
        extractor = cls(skills={skill.id: skill for skill in skills})
        for skill in extractor.skills.values():
            case_sensitive = set(skill.case_sensitive)
            for alias in (skill.name, *skill.aliases, *skill.case_sensitive):
                tokens = tuple(m.group(0) for m in _TOKEN.finditer(alias))
                if not tokens:
                    continue
                if alias in case_sensitive:
                    extractor.exact.setdefault(tokens, skill.id)
                    starts = extractor.exact_starts
                    first = tokens[0]
                else:
                    extractor.folded.setdefault(tuple(t.lower() for t in tokens), skill.id)
                    starts = extractor.folded_starts
                    first = tokens[0].lower()
                starts[first] = tuple(sorted({*starts.get(first, ()), len(tokens)}, reverse=True))
                extractor.max_tokens = max(extractor.max_tokens, len(tokens))
        return extractor

    def find(self, text: str, tokens: list[re.Match[str]] | None = None) -> list[SkillMention]:
        """Longest match first at each token; matched tokens are consumed."""
        tokens = tokens if tokens is not None else tokenize(text)
        words = [m.group(0) for m in tokens]
        lowered = [w.lower() for w in words]
        mentions: list[SkillMention] = []
        count = len(tokens)
        folded, exact = self.folded, self.exact
        folded_starts, exact_starts = self.folded_starts, self.exact_starts
        # Only tokens that start some alias are worth a look (a C-speed filter over the whole posting).
        if exact_starts:
            candidates = [
                i
                for i, (w, lw) in enumerate(zip(words, lowered, strict=True))
                if lw in folded_starts or w in exact_starts
            ]
        else:
            candidates = [i for i, lw in enumerate(lowered) if lw in folded_starts]
        next_free = 0
        for index in candidates:
            if index < next_free:
                continue  # inside the previous match
            found: str | None = None
            widths = folded_starts.get(lowered[index], ())
            exact_widths = exact_starts.get(words[index]) if exact_starts else None
            if exact_widths:
                widths = tuple(sorted({*widths, *exact_widths}, reverse=True)) if widths else exact_widths
            for width in widths:
                if width > count - index:
                    continue
                key = tuple(lowered[index : index + width])
                found = folded.get(key)
                if found is None and exact:
                    found = exact.get(tuple(words[index : index + width]))
                if found is not None and width > 1 and not _contiguous(text, tokens, index, width):
                    found = None
                if found is not None and key not in folded and not _plausible_exact(text, tokens, index, width):
                    found = None
                if found is not None:
                    break
            if found is not None:
                mentions.append(SkillMention(found, tokens[index].start(), tokens[index + width - 1].end()))
                next_free = index + width
        return mentions


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
}


def _plausible_exact(text: str, tokens: list[re.Match[str]], index: int, width: int) -> bool:
    """Reject a case-sensitive match when its surroundings show it is not the skill."""
    start, end = tokens[index].start(), tokens[index + width - 1].end()
    word = text[start:end]
    after = text[end : end + 2]
    before_char = text[start - 1 : start]
    if len(word) <= 2:
        if after[:1] == "&" or (after[:1] in "-'’" and after[1:2].isalpha()):
            return False
        if before_char == "(" and after[:1] == ")":
            return False
        if index > 0 and tokens[index - 1].group(0).lower() in _LETTER_CONTEXT:
            return False
        if before_char in "-/&" and text[start - 2 : start - 1].isalpha():  # "B2B-C", "A/B", "R&D"
            return False
    verb_after = _VERB_AFTER.get(word.lower())
    if verb_after is not None and width == 1:
        previous = tokens[index - 1].group(0).lower() if index > 0 else ""
        following = tokens[index + 1].group(0).lower() if index + 1 < len(tokens) else ""
        if following in verb_after or (previous in _VERB_BEFORE and previous != "and"):
            return False
    return True


def _contiguous(text: str, tokens: list[re.Match[str]], index: int, width: int) -> bool:
    """Tokens of a multi-word alias may be separated by spaces/hyphens/slashes/dots, not by a sentence or a new
    line, except where prose was hard-wrapped ("large language\n  models")."""
    for i in range(index, index + width - 1):
        gap = text[tokens[i].end() : tokens[i + 1].start()]
        if "\n" in gap:
            if not _soft_wrap(text, tokens[i].end(), gap):
                return False
        elif len(gap) > 3 or ". " in gap or "," in gap or ";" in gap:
            return False
    return True


def _soft_wrap(text: str, at: int, gap: str) -> bool:
    """A line break inside running prose: one break, only spaces around it, and a long line before it (a list
    of short lines such as "Big Data\nDeep Learning" has no wrapped phrases)."""
    before, _, after = gap.partition("\n")
    if "\n" in after or before.strip(" -") or after.strip(" "):  # not a new bullet ("\n- ") or paragraph
        return False
    return at - (text.rfind("\n", 0, at) + 1) >= _WRAPPED_LINE


_WRAPPED_LINE = 40


@cache
def default_extractor() -> SkillExtractor:
    from rolefit.knowledge.loader import knowledge_base

    return SkillExtractor.from_skills(knowledge_base().skills)
