"""Employers, places and course providers people name in questions, read from rolefit/data/names.yaml.

A capitalised name the sources never use is already seen as a name; these lists are what let one typed in lower case
("what does amazon pay data engineers", "ml engineer salary toronto") be seen as one too.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

import yaml


@cache
def _names() -> re.Pattern[str]:
    """One pattern for every listed name, longest first, matched as whole words in lower-cased text."""
    listed = yaml.safe_load(resources.files("rolefit.data").joinpath("names.yaml").read_text(encoding="utf-8"))
    names = sorted({str(name).lower() for group in listed.values() for name in group}, key=len, reverse=True)
    return re.compile(r"(?<![\w.-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


def employers_and_places(question: str) -> list[str]:
    """The listed employers and places the question names, as lower-case names, in the order written."""
    return [match.group(0) for match in _names().finditer(question.lower().replace("\u2019", "'"))]
