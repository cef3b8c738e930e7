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
# "5", "five", "three (3)"
_NUMBER = r"(\d{1,2}|" + "|".join(_NUMBER_WORDS) + r")\s*(?:\(\d{1,2}\)\s*)?"
_YEARS = re.compile(
    _NUMBER + r"(?:\+|plus|or more)?\s*(?:(?:-|–|to)\s*(\d{1,2})\s*\+?\s*)?(?:years?|yrs?)\b(?:\W+\w+){0,6}?\W+"
    r"(?:experience|exp\b)"
)
_MINIMUM = re.compile(r"(?:at least|minimum(?: of)?|min\.?)\s+" + _NUMBER + r"(?:\+\s*)?(?:years?|yrs?)")
_PLUS_YEARS = re.compile(_NUMBER + r"\+\s*(?:years?|yrs?)\b")  # "5+ yrs in analytics": a plus sign says experience
_NICE_LINE = re.compile(r"prefer|a plus|nice to have|ideally|bonus|desired")
# Nothing in the title and no years, but the text says so ("entry-level", "new grads welcome").
_ENTRY_TEXT = re.compile(r"entry[- ]level|new grad|early[- ]career|recent graduate|graduate program|internship")


def _value(number: str) -> int:
    return _NUMBER_WORDS.get(number) or int(number)


def years_required(text: str) -> int | None:
    """The years of experience the text asks for (1-30), if any: its first requirement, skipping lines that only
    prefer them. The overall requirement comes first ("5+ years as a data scientist; 3+ with large-scale data");
    on the 3,690 hand-labelled training postings the first agrees with the labellers more often than the least or
    the most (seniority accuracy 0.861 against 0.831 and 0.854)."""
    text = text.lower()  # lowercase patterns on lowered text: ~9x faster than re.I
    found: dict[int, int] = {}
    for pattern in (_YEARS, _MINIMUM, _PLUS_YEARS):
        for match in pattern.finditer(text):
            value = _value(match.group(1))
            if 0 < value <= 30:
                found.setdefault(match.start(1), value)
    if not found:
        return None
    required = [
        at for at in sorted(found) if not _NICE_LINE.search(text, text.rfind("\n", 0, at) + 1, _line_end(text, at))
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


def seniority_from(title: str | None, text: str) -> str | None:
    """entry/mid/senior/staff: the title's word if it has one, else the years asked, else an entry-level phrase,
    else None."""
    if title:
        for level, pattern in _TITLE_LEVELS:
            if pattern.search(title):
                return level
    years = years_required(text)
    if years is not None:
        return _level_for_years(years)
    return "entry" if _ENTRY_TEXT.search(text.lower()) else None
