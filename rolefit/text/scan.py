"""Find the matches of an alternation of phrases fast, with the same result as the one combined regex.

A regex such as ``equal opportunity|e-verify|national origin`` has no literal prefix, so ``re`` tries every position of
the text (~15-25 ns a character, ~100 µs for a posting). Each phrase alone starts with a literal, which ``re`` jumps to
with a fast substring search; merging the phrases' matches back gives what the combined regex gives.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["alternation_spans"]


def alternation_spans(phrases: Sequence[re.Pattern[str]], text: str) -> list[tuple[int, int]]:
    """The spans ``re.compile("|".join(phrases)).finditer(text)`` would give: leftmost first, the earlier phrase
    first at one position, none overlapping the one before. Holds for phrases that cannot overlap themselves (no
    phrase's end can begin another match of it), as for the fixed phrases this is used on."""
    hits = sorted((m.start(), order, m.end()) for order, phrase in enumerate(phrases) for m in phrase.finditer(text))
    spans: list[tuple[int, int]] = []
    reached = 0
    for start, _, end in hits:
        if start >= reached:
            spans.append((start, end))
            reached = end
    return spans
