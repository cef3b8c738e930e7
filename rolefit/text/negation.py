"""What a posting says it does not ask for: "No prior Kubernetes experience required", "You don't need a PhD or deep
knowledge of PyTorch", "this role does not require designing new machine learning models, but rather ...".

A skill named only inside such a clause is not a requirement, and reading it as one tells a hiring manager the
opposite of the posting. "Experience with Spark is not required" is left alone: postings write that of things they
would still like to see, and the nice-to-have reading already marks it optional.
"""

from __future__ import annotations

import re

__all__ = ["negated_spans"]

# A cue whose scope runs forward to the end of its clause: "do not need", "doesn't require", "won't expect".
# The patterns start with a literal so the engine can skip ahead to it; the word before (do, does, ...) and the word
# boundary are checked in Python.
_FORWARD = re.compile(
    r"n(?:ot|[’']t) (?:necessarily |generally |really |even )?"
    r"(?:need|require|expect|have (?:to|any|prior|previous|much|deep|experience|knowledge|a background))\b"
)
_AUXILIARIES = frozenset({"do", "does", "did", "will", "would", "wo"})  # "wo" of "won't"
# "No prior experience with Kubernetes required", "no PhD needed": the scope ends at the closing word. A comma inside
# the scope only when the clause is about experience ("no experience with Docker, Helm or Kubernetes needed"); "we
# have no on-call rotations, Python and SQL required" asks for both.
_NO_X_NEEDED = re.compile(
    r"no (?:[^.;:!?,\n]{1,60}?|[^.;:!?\n]{0,60}?\b(?:experience|knowledge|background|expertise|familiarity)\b"
    r"[^.;:!?\n]{0,60}?) (?:is |are )?(?:required|needed|necessary|expected)\b"
)
# Where a clause ends: a sentence stop, a new bullet or paragraph, a dash, or a turn ("..., but rather",
# "..., only a desire to learn", "..., and you are a clear communicator").
_CLAUSE_END = re.compile(
    r"[.;:!?](?:\s|$)|\n[ \t]*\n|\n[ \t]*(?:[-*•·▪◦●–+]|\d{1,2}[.)])[ \t]|[—–]|[ \t]-[ \t]|\bbut\b|\bhowever\b"
    r"|,[ \t]*(?:and (?:you|we|they|the)|so|as|since|because|we|we[’']ll|instead|only|just|rather)\b"
)
_LONGEST_SCOPE = 300  # a run-on posting with no stops must not negate the rest of the page


def negated_spans(lowered: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of ``lowered[start:end]`` that a posting says are not needed; ``lowered`` is the
    case-folded text (same offsets as the original). Most sections have no cue, so the common cost is two scans."""
    end = len(lowered) if end is None else end
    spans: list[tuple[int, int]] = []
    for cue in _FORWARD.finditer(lowered, start, end):
        at = cue.start()
        spelled_out = lowered.startswith("not", at)
        before = lowered[max(start, at - 7) : at]  # one longer than "would ": a longer word shows up cut, and fails
        if spelled_out != before.endswith(" ") or not before.strip():
            continue
        auxiliary = before.split()[-1]
        if auxiliary not in _AUXILIARIES or (spelled_out and auxiliary == "wo"):
            continue
        cue_start = at - len(auxiliary) - spelled_out
        limit = min(end, cue.end() + _LONGEST_SCOPE)
        stop = _CLAUSE_END.search(lowered, cue.end(), limit)
        spans.append((cue_start, stop.start() if stop else limit))
    for cue in _NO_X_NEEDED.finditer(lowered, start, end):
        if cue.start() > start and lowered[cue.start() - 1].isalnum():
            continue  # "piano", "casino": not the word "no"
        spans.append((cue.start(), cue.end()))
    return spans
