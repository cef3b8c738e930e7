"""Seniority from the title and the years of experience asked for (LABELING.md's scale)."""

from __future__ import annotations

import re

__all__ = ["years_required", "seniority_from"]

_TITLE_LEVELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("staff", re.compile(r"\b(staff|principal|distinguished|architect|fellow|head of|director|vp)\b", re.I)),
    (
        "entry",
        re.compile(
            r"\b(intern(ship)?|junior|jr\.?|graduate|grad|entry[- ]level|new grad|trainee|apprentice|associate)\b", re.I
        ),
    ),
    ("senior", re.compile(r"\b(senior|sr\.?|lead|iii|iv)\b", re.I)),
    ("mid", re.compile(r"\b(mid[- ]?level|intermediate|ii)\b", re.I)),
)
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15,
}  # fmt: skip
# Every "year"/"yrs" is found first (a literal the engine skips ahead to), then only the few characters around it are
# read: scanning the whole posting for "a number, then years" tried every position (~0.7 ms a posting).
_YEAR_WORD = re.compile(r"y(?:ears?|rs?)\b")
# Ends where the year word starts: "at least three (3)", "5+", "3-5", "ten or more".
_BEFORE_YEARS = re.compile(
    r"(?:(at least|minimum(?: of)?|min\.?)\s+)?(\d\d?|(?<![a-z])(?:" + "|".join(_NUMBER_WORDS) + r"))\s*"
    r"(?:\(\d\d?\)\s*)?(\+|plus|or more)?\s*(?:(?:-|–|to)\s*(\d\d?)\s*(\+)?\s*)?$"
)
_EXPERIENCE_AFTER = re.compile(r"(?:\W+\w+){0,6}?\W+(?:experience|exp\b)")
_REACH_BEFORE = 40
# A line that only prefers the years ("7+ years preferred"); posting.py reads nice-to-have skills its own way.
_PREFERRED_LINE = re.compile(r"prefer|a plus|nice to have|ideally|bonus|desired")
# Nothing in the title and no years, but the text says so ("entry-level", "new grads welcome").
_ENTRY_TEXT = re.compile(r"entry[- ]level|new grad|early[- ]career|recent graduate|graduate program|internship")


def _value(number: str) -> int:
    return _NUMBER_WORDS.get(number) or int(number)


def years_required(text: str, lowered: str | None = None) -> int | None:
    """The years of experience the text asks for (1-30; 0 only as a range's start, "0-2 years"), if any: its first
    requirement, skipping lines that only prefer them. A number before "years" counts when "experience" follows
    within six words, "at least"/"minimum" precedes it or a plus sign follows it ("5+ yrs in analytics"). The overall
    requirement comes first ("5+ years as a data scientist; 3+ with large-scale data"); on the 3,690 hand-labelled
    training postings the first agrees with the labellers more often than the least or the most (seniority accuracy
    0.861 against 0.831 and 0.854 when chosen). ``lowered`` is ``text.lower()`` if the caller already has it."""
    text = lowered if lowered is not None else text.lower()  # lowercase patterns on lowered text: ~9x faster than re.I
    found: dict[int, int] = {}
    for year in _YEAR_WORD.finditer(text):
        at = year.start()
        if at and text[at - 1].isalpha():
            continue  # "bayesian", "everyday": not the word ("5yrs" is)
        number = _BEFORE_YEARS.search(text, max(0, at - _REACH_BEFORE), at)
        if number is None:
            continue
        plus = number.group(3) == "+" or number.group(5)  # "5+ years", "2-5+ years" (a range counts from its start)
        asks = number.group(1) or plus or _EXPERIENCE_AFTER.match(text, year.end())
        value = _value(number.group(2))
        lowest = 0 if number.group(4) else 1  # "0-2 years" asks for an entry-level person; "0 years" for nothing
        if asks and lowest <= value <= 30:
            found.setdefault(number.start(2), value)
    if not found:
        return None
    required = [
        at for at in sorted(found) if not _PREFERRED_LINE.search(text, text.rfind("\n", 0, at) + 1, _line_end(text, at))
    ]
    return found[required[0] if required else min(found)]


def _line_end(text: str, at: int) -> int:
    end = text.find("\n", at)
    return len(text) if end < 0 else end


def _level_for_years(years: int) -> str:
    if years < 2:
        return "entry"
    if years < 4:
        return "mid"
    if years < 7:
        return "senior"
    return "staff"


def seniority_from(title: str | None, text: str, lowered: str | None = None) -> str | None:
    """entry/mid/senior/staff: the title's word if it has one, else the years asked, else an entry-level phrase,
    else None. ``lowered`` is ``text.lower()`` if the caller already has it."""
    if title:
        for level, pattern in _TITLE_LEVELS:
            if pattern.search(title):
                return level
    lowered = lowered if lowered is not None else text.lower()
    years = years_required(text, lowered)
    if years is not None:
        return _level_for_years(years)
    return "entry" if _ENTRY_TEXT.search(lowered) else None
