"""Property: on every real posting in shared/data, every evidence span indexes the input exactly,
spans of one posting never overlap, and blurb/boilerplate never yields a skill."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolefit.models.corpus import dedupe, iter_corpus
from rolefit.text.posting import read_posting
from rolefit.text.sections import JOB_KINDS


@pytest.mark.slow
def test_evidence_offsets_are_exact_on_all_real_postings(shared: Path) -> None:
    checked = 0
    for posting in dedupe(iter_corpus(shared / "data")):
        if not posting.description.strip():
            continue
        reading = read_posting(posting.description, posting.title)
        spans = sorted(span for skill in reading.skills for span in skill.evidence)
        for (start, end), (next_start, _) in zip(spans, spans[1:], strict=False):
            assert end <= next_start, (posting.id, start, end, next_start)
        job_sections = [s for s in reading.sections if s.kind in JOB_KINDS] or reading.sections
        for start, end in spans:
            text = posting.description[start:end]
            assert text and text == text.strip(), (posting.id, start, end, text)
            assert any(s.start <= start and end <= s.end for s in job_sections), (posting.id, text)
        checked += 1
    assert checked > 9000
