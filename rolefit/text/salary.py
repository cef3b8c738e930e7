"""Pay stated in a posting: ranges, currencies, hourly or yearly."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

__all__ = ["StatedSalary", "find_salary"]

# Signs and words for a currency; every three-letter code of the rate table below stands for itself too.
_CURRENCY_SIGNS = {
    "$": "USD", "US$": "USD", "DOLLARS": "USD", "€": "EUR", "EUROS": "EUR", "£": "GBP", "C$": "CAD", "CA$": "CAD",
    "A$": "AUD", "₹": "INR", "S$": "SGD", "¥": "JPY", "R$": "BRL",
}  # fmt: skip
# Rough US dollars per unit, only to tell a wage from other money ("34,000 INR" is a gift, not a salary); the
# amounts reported stay in the posting's own currency.
_USD_PER_UNIT = {
    "USD": 1.0, "EUR": 1.1, "GBP": 1.25, "CAD": 0.73, "AUD": 0.65, "INR": 0.012, "SGD": 0.74, "CHF": 1.1,
    "PLN": 0.25, "SEK": 0.095, "NOK": 0.093, "DKK": 0.15, "NZD": 0.6, "JPY": 0.0067,
    "BRL": 0.18, "MXN": 0.055, "ARS": 0.001, "UYU": 0.025, "COP": 0.00025, "CLP": 0.00105, "ZAR": 0.055,
    "HKD": 0.128, "CNY": 0.14, "AED": 0.27, "ILS": 0.27, "CZK": 0.043, "HUF": 0.0027, "RON": 0.22, "MYR": 0.22,
    "KRW": 0.00072, "TWD": 0.031,
}  # fmt: skip
_CURRENCY_SIGNS.update({code: code for code in _USD_PER_UNIT})
# Plausible pay per period, in US dollars.
_WAGE_RANGE = {"hour": (5, 1_000), "month": (500, 150_000), "year": (10_000, 2_000_000)}
# Money that is a perk, not the wage: "a personal budget of $1,000 USD per month", "$5,250 Education Reimbursement".
_PERK_BEFORE = re.compile(
    r"(?:budget|stipend|allowance|reimbursement|coverage|insurance|insured|assured|gift|credit|perk)s?\b[^\n\d.;]{0,20}$",
    re.I,
)
_PERK_AFTER = re.compile(
    r"^[ \t]*(?:[a-z]+[ \t]+){0,2}?(?:budget|stipend|reimburse\w*|coverage|insurance|gift|credit|perk|towards|learning|"
    r"education|wellness|reward|referral|adoption)\b",
    re.I,
)
# "120,000", "120.000", "13 600", Indian "25,00,000", "24.52"; grouped figures may carry cents ("$99,501.91",
# "80.000,00 €": without them the range stopped at the first figure's cents); then k, M or lakh (100,000).
_AMOUNT = (
    r"(\d{1,2}(?:,\d{2})+,\d{3}(?:\.\d{1,2})?(?!\d)|\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?(?!\d)"
    r"|\d{1,3}(?:[.\s]\d{3})+(?:,\d{1,2})?(?!\d)|\d+(?:\.\d+)?)"
    r"\s*([kK](?![a-z])|[mM](?![a-z])|(?i:lakhs?|lacs?|lpa)\b)?"
)
_CODES = "|".join(_USD_PER_UNIT)  # every currency's three-letter code: one list to extend
_CUR = rf"(US\$|C\$|CA\$|A\$|S\$|R\$|\$|€|£|₹|¥|{_CODES})"
# After an amount, no dollar sign: in "in 2026 $120k" the "$" belongs to the next amount.
_CUR_AFTER = rf"(?:\s?(€|£|₹|{_CODES}|dollars|euros)(?![a-zA-Z]))?"
# A currency before or after each amount ("$120K - $150K", "176,000 - 281,000 USD", "INR 16 Lakh to 24 Lakh").
_RANGE = re.compile(
    rf"{_CUR}?\s?{_AMOUNT}{_CUR_AFTER}"
    rf"(?:\s*/?\s*(?:-|–|—|to|and|up to|et|bis)\s*(?:(?:{_CODES})\s?(?=\$))?{_CUR}?\s?{_AMOUNT}{_CUR_AFTER})?"
)
# "CAD ~$90,000", "AUD $120k": a code just before a bare dollar sign says which dollar.
_CODE_BEFORE_DOLLAR = re.compile(rf"\b({_CODES})[ \t]*~?[ \t]*$")
# After a bare "$" figure, another capitalised three-letter word: a currency not in the table ("$112K URU/mo."), revenue
# ("$5M ARR") or a benefit ("$500 HSA"), not US dollars of pay; on-target earnings and a country name pass.
_OTHER_WORD_AFTER_DOLLAR = re.compile(r"[ \t]?(?!OTE\b|USA\b|CAN\b)[A-Z]{3}\b")
# Any money at all: most postings name none, and the full scan tries every digit. Signs and words are found by one
# str.find each; the codes by looking up every three letters of each run of capitals (one str.find per code costs
# ~3 µs a code a posting, and the table has 31). One regex ("[$€£₹¥]|USD|...|dollars|euros") starts a branch at every
# "d", "e" and capital, ~190 µs a posting.
_MONEY_WORDS = ("$", "€", "£", "₹", "¥", "dollars", "euros", "LPA", "lakh", "Lakh")  # lakhs: rupees
_CAPITALS = re.compile(r"[A-Z]{3,}")
# Every _RANGE match has a digit within its first five characters (a currency of at most three, a space, a figure).
_DIGIT = re.compile(r"\d")
_DIGIT_WITHIN = 5
_HOURLY = re.compile(r"\b(per hour|an hour|/\s?h(ou)?r\b|hourly|/hr)", re.I)
# English, then Spanish, French and German ("al mes", "par mois", "monatlich").
_MONTHLY = re.compile(
    r"(per[ /]month|a month|/\s?month|\bmonthly|/\s?mo\b|\bp\.m\.|\b(?:al|por) mes\b|/\s?mes\b|\bmensual|"
    r"\bpar mois\b|\bmensuel|\bmonatlich|\bpro monat\b)",
    re.I,
)
_YEAR_WORDS = (
    r"per year|a year|annual|annually|/\s?y(ea)?r\b|per annum|p\.a\.|yearly|(?:al|por) año\b|par an\b|annuel|"
    r"pro jahr\b|jährlich"
)
_YEARLY = re.compile(rf"\b({_YEAR_WORDS}|salary)", re.I)
_YEARLY_AFTER = re.compile(rf"\b({_YEAR_WORDS})", re.I)


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
    if re.fullmatch(r"\d{1,3}(?:[.\s]\d{3})+(?:,\d{1,2})?", amount):  # 120.000, 142 320,00: European grouping
        digits = re.sub(r"[.\s]", "", amount).replace(",", ".")
    else:
        digits = re.sub(r"[,\s]", "", amount)
    value = float(digits)
    unit = (suffix or "").lower()
    if unit == "k":
        value *= 1_000
    elif unit == "m":
        value *= 1_000_000
    elif unit.startswith(("lakh", "lac", "lpa")):
        value *= 100_000
    return value


def _period(text: str, start: int, end: int) -> str | None:
    """The period of the pay figure at text[start:end]: the first cue in the 40 characters after it, else the nearest
    one in the 40 before (searched in place, so a cue's word boundary sees the figure beside it: "$60/hr")."""
    after = [(m.start(), period) for period, cue in _AFTER_CUES for m in [cue.search(text, end, end + 40)] if m]
    if after:
        return min(after)[1]
    before = [(m.end(), period) for period, cue in _PERIOD_CUES for m in cue.finditer(text, max(0, start - 40), start)]
    return max(before)[1] if before else None


_PERIOD_CUES = (("hour", _HOURLY), ("month", _MONTHLY), ("year", _YEARLY))
# "salary" after a figure starts the next line of the posting ("$5,250 Education Reimbursement Salary range: ..."),
# it says nothing of the figure before it.
_AFTER_CUES = (("hour", _HOURLY), ("month", _MONTHLY), ("year", _YEARLY_AFTER))


def _money_starts(text: str) -> list[tuple[int, int]]:
    """Where the currencies are, in order: the spans of ``[$€£₹¥]|<codes>|dollars|euros`` (overlapping ones too;
    the caller skips any that start inside the reach of one before)."""
    spans = []
    for word in _MONEY_WORDS:
        at = text.find(word)
        while at >= 0:
            spans.append((at, at + len(word)))
            at = text.find(word, at + len(word))
    for capitals in _CAPITALS.finditer(text):  # "USD", and "USD" inside "USDCAD" as the regex found it
        run, base = capitals.group(), capitals.start()
        spans.extend((base + i, base + i + 3) for i in range(len(run) - 2) if run[i : i + 3] in _USD_PER_UNIT)
    spans.sort()
    return spans


def _figures_near_money(text: str) -> Iterator[re.Match[str]]:
    """The figures within reach of a currency, in order: the full scan tries every digit of the posting, and most
    digits are years, counts and phone numbers far from any money."""
    scanned_to = 0
    for money_start, money_end in _money_starts(text):
        if money_start < scanned_to:
            continue
        # the figure may start before its currency ("176,000 - 281,000 USD") and runs on to its end
        start, end = max(scanned_to, money_start - _REACH), money_end + _REACH
        # No digit close enough means no figure starts by ``end``: stop there, where the regex would try every
        # position up to the posting's next digit.
        while _DIGIT.search(text, start, end + _DIGIT_WITHIN):
            match = _RANGE.search(text, start)
            if match is None or match.start() > end:
                break
            yield match
            scanned_to = start = match.end()
        scanned_to = max(scanned_to, end)


_REACH = 40


def find_salary(text: str) -> StatedSalary | None:
    """The first plausible pay range or figure in the text, or None."""
    for match in _figures_near_money(text):
        cur_a, amount_a, unit_a, after_a, cur_b, amount_b, unit_b, after_b = match.groups()[:8]
        sign = cur_a or after_a or cur_b or after_b
        if sign is None and (unit_a or unit_b or "").lower().startswith(("lakh", "lac", "lpa")):
            sign = "INR"  # "12 LPA to 22 LPA": lakhs are Indian rupees whether or not the posting says so
        if sign is None:
            continue  # "5-7 years", "401k": no money named
        currency = _CURRENCY_SIGNS[sign.upper()]
        if cur_a == "$":
            code = _CODE_BEFORE_DOLLAR.search(text, max(0, match.start() - 8), match.start())
            # "CAD ~$90,000" and "$1.4K ARS/mo.": a code beside a bare dollar sign says which dollar (or peso)
            currency = code.group(1) if code else after_a if after_a in _USD_PER_UNIT else currency
            if after_a is None and not amount_b and _OTHER_WORD_AFTER_DOLLAR.match(text, match.end()):
                continue
        low = _number(amount_a, unit_a)
        high = _number(amount_b, unit_b) if amount_b else low
        if amount_b and unit_b and not unit_a and low < 1_000:
            low = _number(amount_a, unit_b)  # "$120-150k", "20 to 45 lakhs"
        start = match.start() + len(match.group(0)) - len(match.group(0).lstrip())
        end = match.start() + len(match.group(0).rstrip())
        usd = _USD_PER_UNIT[currency]
        if _PERK_BEFORE.search(text, max(0, start - 30), start) or _PERK_AFTER.search(text[end : end + 40]):
            continue
        period = "year" if (unit_a or unit_b or "").lower() == "lpa" else _period(text, start, end)
        if period is None:
            if low * usd < 10_000:
                continue  # "$5 gift card", "$2B company": not a wage
            period = "year"
        lowest, highest = _WAGE_RANGE[period]
        if not lowest <= low * usd <= highest:
            continue
        if amount_b and not lowest <= high * usd <= highest:
            # "$95,000.00-$ 2 weeks ago": the second figure is no wage, so the pay is the first figure alone
            high, end = low, max(match.end(group) for group in (2, 3, 4) if match.group(group))
        if high < low:
            low, high = high, low
        return StatedSalary(low, high, currency, period, start, end, text[start:end])
    return None
