"""A posting's job title read from its own text, for postings pasted without one.

People paste a whole posting, title line included, and give no ``--title``: without a title there is no
title check and seniority rests on the years alone. The title is taken only when a line says so ("Job Title:
Senior Data Scientist") or when the posting's first line is short and names a job ("Senior Data Scientist -
Pricing"), never from a sentence.
"""

from __future__ import annotations

import re

from rolefit.text.clean import blank_markup

__all__ = ["title_from_text"]

# A job noun: a line without one is a company name, a slogan or a heading, not a title.
_JOB_NOUN = re.compile(
    r"\b(?:engineer|scientist|analyst|developer|architect|researcher|programmer|specialist|consultant|manager|"
    r"lead|intern|director|designer|administrator|statistician|modeler|head)s?\b",
    re.I,
)
# "Job Title: ...", "Position - ...", "Role: ...": the label, then the title.
_LABELLED = re.compile(
    r"[ \t]*(?:job[ \t]+title|position[ \t]+title|title|position|role|job)[ \t]*[:\-–—][ \t]*(\S[^\n]*)", re.I
)
# A sentence, not a title: "We are looking for a Senior Machine Learning Engineer to" (a hard-wrapped first line).
_SENTENCE_WORD = re.compile(
    r"\b(?:we|we['’]re|you|your|our|is|are|was|who|will|looking|seeking|join|currently|hiring|this|that)\b", re.I
)
# A line of facts about the job, not its title: "Location: NY, NY (Remote within the US) Reports To: Director".
_FACT_LINE = re.compile(r"\b(?:location|reports? to|salary|department|employment type|start date)\s*:", re.I)
_ARTICLE_FIRST = re.compile(r"(?:the|a|an)\s", re.I)
# Titles are written in title case; these small words may stay lowercase ("Head of Data", "Engineer for Search").
_SMALL_WORDS = frozenset({"of", "and", "for", "in", "the", "a", "an", "to", "with", "on", "at", "or", "de", "y", "e"})
_FIRST_LINES = 12  # a labelled title sits near the top
# Where a line ends: a new line, or a block tag of HTML pasted on one line ("<h2>...</h2><p>...").
_LINE_BREAK = re.compile(r"\n|<(?:/?(?:h[1-6]|p|div|li|ul|ol|tr|td|section|header)|br)\b[^>]*>", re.I)
_MAX_WORDS = 12
_HEAD_CHARS = 4_000
_MAX_CHARS = 100


def title_from_text(text: str) -> tuple[int, int] | None:
    """Offsets (start, end) of the title line in ``text``, or None when no line reads as one."""
    text = text[:_HEAD_CHARS]  # the title sits at the top: a long posting's tail need not be cleaned
    cleaned = blank_markup(text)  # same offsets as text; markup is blanked
    lines: list[tuple[int, int]] = []
    start = 0
    for piece_break in _LINE_BREAK.finditer(text):
        if cleaned[start : piece_break.start()].strip():
            lines.append((start, piece_break.start()))
            if len(lines) >= _FIRST_LINES:
                break
        start = piece_break.end()
    else:
        if cleaned[start:].strip():
            lines.append((start, len(text)))
    for start, end in lines:
        labelled = _LABELLED.match(cleaned, start, end)
        if labelled and _looks_like_a_title(labelled.group(1)):
            return _trimmed(cleaned, labelled.start(1), labelled.end(1))
    if lines:
        start, end = lines[0]
        if _looks_like_a_title(cleaned[start:end]):
            return _trimmed(cleaned, start, end)
    return None


def _looks_like_a_title(line: str) -> bool:
    words = line.split()
    lowercase_words = [w for w in words if w[0].islower() and w not in _SMALL_WORDS]
    return (
        0 < len(words) <= _MAX_WORDS
        and len(line.strip()) <= _MAX_CHARS
        and not line.rstrip().endswith((".", ":", "!", "?", ","))
        and _JOB_NOUN.search(line) is not None
        and _SENTENCE_WORD.search(line) is None
        and _FACT_LINE.search(line) is None
        and _ARTICLE_FIRST.match(line.lstrip()) is None
        and len(lowercase_words) <= 1
    )


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """Without the blanks and the leading markdown/bullet characters around the title."""
    while start < end and (text[start].isspace() or text[start] in "#*-•>|"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in "#*|"):
        end -= 1
    return start, end
