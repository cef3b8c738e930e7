"""Pay stated in a posting: ranges, currencies, hourly or yearly."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["StatedSalary", "find_salary"]

_CURRENCY_SIGNS = {
    "$": "USD",
    "US$": "USD",
    "USD": "USD",
    "€": "EUR",
    "EUR": "EUR",
    "£": "GBP",
    "GBP": "GBP",
    "CAD": "CAD",
    "C$": "CAD",
    "CA$": "CAD",
    "AUD": "AUD",
    "A$": "AUD",
    "₹": "INR",
    "INR": "INR",
}
_AMOUNT = r"(\d{1,3}(?:[,.\s]\d{3})+|\d+(?:\.\d+)?)\s*([kK]|[mM](?![a-z]))?"
_CUR = r"(US\$|C\$|CA\$|A\$|\$|€|£|₹|USD|EUR|GBP|CAD|AUD|INR)"
_RANGE = re.compile(
    rf"{_CUR}\s?{_AMOUNT}(?:\s*(?:-|–|—|to|and)\s*{_CUR}?\s?{_AMOUNT})?(?:\s*{_CUR})?"
    r"(?P<tail>[^\n]{0,40})",
)
_HOURLY = re.compile(r"\b(per hour|an hour|/\s?h(ou)?r\b|hourly|/hr)", re.I)
_YEARLY = re.compile(r"\b(per year|a year|annual|annually|/\s?y(ea)?r\b|per annum|p\.a\.|yearly|salary)", re.I)


@dataclass(frozen=True, slots=True)
class StatedSalary:
    min: float
    max: float
    currency: str
    period: str
    start: int
    end: int
    text: str


def _number(amount: str, suffix: str | None) -> float:
    digits = re.sub(r"[,\s]", "", amount)
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", digits):  # 120.000 (European thousands)
        digits = digits.replace(".", "")
    value = float(digits)
    if suffix and suffix.lower() == "k":
        value *= 1_000
    elif suffix and suffix.lower() == "m":
        value *= 1_000_000
    return value


def find_salary(text: str) -> StatedSalary | None:
    """The first plausible pay range or figure in the text, or None."""
    for match in _RANGE.finditer(text):
        cur1, amount1, suffix1, cur2, amount2, suffix2, cur3 = match.groups()[:7]
        tail = match.group("tail") or ""
        low = _number(amount1, suffix1 or suffix2)
        high = _number(amount2, suffix2) if amount2 else low
        if amount2 and suffix2 and not suffix1 and low < 1_000 <= high:
            low *= 1_000 if suffix2.lower() == "k" else 1_000_000
        context = text[max(0, match.start() - 40) : match.end()]
        if _HOURLY.search(tail) or _HOURLY.search(context):
            period = "hour"
        elif _YEARLY.search(tail) or _YEARLY.search(context) or low >= 10_000:
            period = "year"
        else:
            continue  # "$5 gift card", "$2B company": not a wage
        if period == "year" and not 10_000 <= low <= 2_000_000:
            continue
        if period == "hour" and not 5 <= low <= 1_000:
            continue
        if high < low:
            low, high = high, low
        currency = _CURRENCY_SIGNS.get(cur1 or cur2 or cur3 or "$", "USD")
        end = match.end() - len(tail)
        end = match.start() + len(text[match.start() : end].rstrip())
        return StatedSalary(low, high, currency, period, match.start(), end, text[match.start() : end])
    return None
