"""Split a posting into sections so only the job's own parts drive role and skills.

Company blurbs, benefits and equal-opportunity statements mention words like
"AI", "data" or "Kubernetes" (what the company does, not what the job needs),
which is a known cause of wrong results in other extractors. Headings are
recognised by shape (short line, markdown heading, bold, trailing colon, caps)
and by vocabulary; boilerplate paragraphs without a heading are caught by
their phrases.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Literal

from rolefit.text.clean import blank_markup, fold_case
from rolefit.text.scan import Phrases, alternation_spans

__all__ = ["BULLET", "JOB_KINDS", "PARAGRAPH", "Section", "SectionKind", "split_sections"]

SectionKind = Literal[
    "intro", "about", "responsibilities", "requirements", "nice", "not-needed", "benefits", "eeo", "other"
]
JOB_KINDS: frozenset[str] = frozenset({"intro", "responsibilities", "requirements", "nice", "other"})


@dataclass(frozen=True, slots=True)
class Section:
    kind: SectionKind
    start: int
    end: int
    heading: str


_HEADING_WORDS: tuple[tuple[SectionKind, re.Pattern[str]], ...] = (
    # "What You Don't Need": what the job explicitly does not ask for is neither a skill nor evidence of the role
    (
        "not-needed",
        re.compile(r"^(?:what |things )?you (?:don.?t|do not|won.?t|will not) need(?: to (?:have|know|bring))?$"),
    ),
    (
        "eeo",
        re.compile(
            r"equal (employment )?opportunit|\beeo\b|diversity|inclusion|accommodation|e-verify|pay transparency|privacy (notice|policy)|fraud|recruit(ing|ment) scam|disclaimer|legal notice|right to work"
        ),
    ),
    (
        "nice",
        re.compile(
            r"nice[ -]to[ -]ha|preferred|bonus|\bplus(es)?\b|desired|good to have|extra credit|ideal(ly)?\b.*\b(also|additionally)|great if|would be (great|nice)|not required|stand out|brownie"
        ),
    ),
    (
        "benefits",
        re.compile(
            r"benefit|perks|what we offer|we offer|compensation|salary|\bpay\b|pay range|why (join|work)|what'?s in it|rewards|total rewards|package|location and|working (at|with) us|life at|our offer|what you.?ll get|in return"
        ),
    ),
    (
        "about",
        re.compile(
            r"^about\b(?!.*\b(role|job|position|you|team|opportunit))|who we are|about (us|the company|the team)|our (company|mission|story|values|culture)|company (overview|description)|the company|why us|our team|\bwe are\b|who are we|mission"
        ),
    ),
    (
        "requirements",
        re.compile(
            r"requirement|qualification|what you.?ll (need|bring)|what we.?re looking for|what you bring|who you are|about you|you (have|are|bring|will have|should have)|must[ -]have|skills|experience|competenc|background|knowledge|ideal candidate|looking for|profile|need to succeed|you.?ll need|expertise|education"
        ),
    ),
    (
        "responsibilities",
        re.compile(
            r"responsibilit|what you.?ll (do|work on|own|be doing|achieve)|the role|your role|role overview|job description|position (summary|overview|description)|duties|the job|your impact|impact|day[ -]to[ -]day|key (tasks|accountabilit)|what you will|in this role|the opportunity|about the (role|job|position)|overview|summary|mission of the role|you will|tasks|accountabilit|scope"
        ),
    ),
)

# Equal-opportunity phrases, found by `alternation_spans` (as one regex they would cost ~100 µs a posting).
_EEO_PHRASES = Phrases(
    (
        r"equal (employment )?opportunity",
        r"without regard to (race|age|sex)",
        r"regardless of (race|age|gender)",
        r"protected (veteran|characteristic|status)",
        r"reasonable accommodation",
        r"e-verify",
        r"affirmative action",
        r"sexual orientation",
        r"gender identity",
        r"national origin",
    )
)
# An untitled opening paragraph that describes the employer, not the job ("Acme is a leading provider of...").
_COMPANY_PARAGRAPH = re.compile(
    r"\b(we are|we're|our (mission|company|customers|clients|platform|products?|culture|values|investors|story)|founded|"
    r"headquartered|leading provider|is (a|an|the) (leading|global|fast|world|premier|trusted|top)|backed by|"
    r"(company|startup|firm|organization|organisation) (that|which|whose)|trusted by|serves? (over|more than)|"
    r"customers|employees|offices (in|across))\b",
)
_JOB_PARAGRAPH = re.compile(
    r"\b(you|your|role|position|candidate|responsib\w*|this job|looking for|seek(ing)?|hiring|will be|we need|"
    r"the ideal|join (us|our|the) (as|team)|requirements?|qualifications?)\b",
)
BULLET = re.compile(r"^\s*(?:[-*•·▪◦●–+]|\d{1,2}[.)])\s+")
_BULLET_MARKS = frozenset("-*•·▪◦●–+")  # what BULLET allows first, besides a digit (\d: str.isdecimal)


def _heading_kind(line: str) -> SectionKind | None:
    """The section a line opens, if the line looks like a heading."""
    raw = line.strip()
    if not raw or (len(raw) > 70 and raw[0] not in "#:" and raw[-1] not in "#:"):
        return None  # blank, or prose too long for a heading even after its "#"/":" would be stripped
    stripped = raw.strip("#").strip().strip(":").strip()
    # (a bullet's line starts with its mark or a digit once its indent is stripped: the regex only runs there)
    if not stripped or len(stripped) > 70 or ((raw[0] in _BULLET_MARKS or raw[0].isdecimal()) and BULLET.match(line)):
        return None
    # cheapest tests first; most short lines are list items that start lowercase or run past six words
    shaped = (
        raw.startswith("#")
        or raw.endswith(":")
        or (stripped.isupper() and len(stripped) > 3)
        or (stripped[:1].isupper() and not stripped.endswith((".", ",", ";")) and len(stripped.split()) <= 6)
    )
    if not shaped:
        return None
    lowered = stripped.lower()
    # (the kinds' own patterns, in order: one regex joining them all tried ~100 words at every position first)
    for kind, pattern in _HEADING_WORDS:
        if pattern.search(lowered):
            if kind == "about" and (job := _JOB_HEADING.search(lowered)):
                return "requirements" if job.group(1) else "responsibilities"
            return kind
    return None


# "We are looking for:" reads as an employer heading ("we are"), but it heads the job's requirements, as "Your mission",
# "Vos missions" (French: duties) and "Mission of the role" head its duties (283 such headings among the 9,825 corpus
# postings). ("About the team" stays employer text: on the hand-marked postings reading it as the job's added more
# employer words than skills.)
_JOB_HEADING = re.compile(r"(looking for)|\byour (?:mission|role)\b|\bmissions\b|mission of the role|role mission")


def split_sections(text: str, cleaned: str | None = None, lowered: str | None = None) -> list[Section]:
    """Sections covering the whole text in order; offsets index ``text``.

    ``cleaned`` is ``blank_markup(text)`` and ``lowered`` is ``fold_case(cleaned)`` if the caller already has them.
    """
    cleaned = cleaned if cleaned is not None else blank_markup(text)
    lowered = lowered if lowered is not None else fold_case(cleaned)
    sections: list[Section] = []
    kind: SectionKind = "intro"
    heading = ""
    start = 0
    position = 0
    for line in cleaned.split("\n"):
        new_kind = _heading_kind(line)
        if new_kind is not None and position > start:
            sections.append(Section(kind, start, position, heading))
            kind, heading, start = new_kind, line.strip(), position
        elif new_kind is not None:
            kind, heading = new_kind, line.strip()
        position += len(line) + 1
    position = min(position, len(cleaned))
    if position > start or not sections:
        sections.append(Section(kind, start, len(text), heading))
    return _mark_boilerplate_paragraphs(lowered, sections)


PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")
_LINES_BEFORE_EEO = 3  # lines of a paragraph before its first equal-opportunity line that are kept as the job's


def _mark_boilerplate_paragraphs(lowered: str, sections: list[Section]) -> list[Section]:
    """Equal-opportunity paragraphs hide under other headings or none, and untitled openings often describe
    the employer: cut them out as `eeo` and `about`.

    One scan of the lowercased text finds every equal-opportunity phrase; only sections holding one, and the
    untitled opening, are split into paragraphs (case-insensitive regexes are ~9x slower than lowercase ones).
    """
    eeo_hits = [start for start, _ in alternation_spans(_EEO_PHRASES, lowered)]
    out: list[Section] = []
    for section in sections:
        first_hit = bisect_left(eeo_hits, section.start)
        has_eeo = first_hit < len(eeo_hits) and eeo_hits[first_hit] < section.end
        if section.kind == "eeo" or (section.kind != "intro" and not has_eeo):
            out.append(section)
            continue
        cursor = section.start
        for paragraph in PARAGRAPH.finditer(lowered, section.start, section.end):
            p_start, p_end = paragraph.start(), paragraph.end()
            hit = bisect_left(eeo_hits, p_start)
            if hit < len(eeo_hits) and eeo_hits[hit] < p_end:
                kind: SectionKind = "eeo"
                # A posting that separates its paragraphs by single line breaks reads as one paragraph: the
                # requirements before the first equal-opportunity line stay the job's.
                line_start = lowered.rfind("\n", p_start, eeo_hits[hit]) + 1
                if (
                    section.kind != "intro"  # an untitled opening's lines are more likely the employer's own
                    and line_start > p_start
                    and lowered.count("\n", p_start, line_start) >= _LINES_BEFORE_EEO
                ):
                    p_start = line_start
            elif (
                section.kind == "intro"
                and _COMPANY_PARAGRAPH.search(lowered, p_start, p_end)
                and not _JOB_PARAGRAPH.search(lowered, p_start, p_end)
            ):
                kind = "about"
            else:
                continue
            if p_start > cursor:
                out.append(Section(section.kind, cursor, p_start, section.heading))
            out.append(Section(kind, p_start, p_end, section.heading))
            cursor = p_end
        if cursor < section.end:
            out.append(Section(section.kind, cursor, section.end, section.heading))
    return out
