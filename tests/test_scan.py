import re

import pytest

from rolefit.text.scan import Phrases, alternation_spans
from rolefit.text.sections import _EEO_PHRASES

TEXTS = [
    "",
    "we are an equal opportunity employer regardless of gender identity or national origin.",
    "equal employment opportunity; e-verify; e-verify! affirmative action and reasonable accommodation",
    "protected veteran status, without regard to race, sexual orientationgender identity",
    "equal equal opportunity equal-opportunity equal  opportunity",
]


@pytest.mark.parametrize("text", TEXTS)
def test_same_spans_as_the_combined_regex(text: str) -> None:
    combined = re.compile(_EEO_PHRASES.pattern)
    assert alternation_spans(_EEO_PHRASES, text) == [m.span() for m in combined.finditer(text)]


def test_earlier_phrase_wins_at_one_position_and_overlaps_are_dropped() -> None:
    phrases = Phrases((r"ab(c)?", r"abcd", r"cde"))
    text = "abcde abde cde"
    assert alternation_spans(phrases, text) == [m.span() for m in re.finditer(phrases.pattern, text)]


def test_a_phrase_must_start_with_fixed_text() -> None:
    with pytest.raises(ValueError):
        Phrases((r"(a|b)c",))
