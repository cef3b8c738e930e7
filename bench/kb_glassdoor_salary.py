"""Re-derive the Glassdoor 2020 salary bands used in rolefit/data/roles/data-{analyst,engineer}.yaml.

Usage (from the repo root):
    python bench/kb_glassdoor_salary.py [PATH/TO/glassdoor_jobs.csv]

Method: drop duplicate rows on (Job Title, Company Name, Job Description); keep rows whose
title contains the role phrase as whole words (case-insensitive, so "Data Engineering Analyst"
does not count as "data engineer"); parse "Salary Estimate" such as
"$53K-$91K (Glassdoor est.)", skipping "-1" and hourly ("Per Hour") estimates; report the
median of the lower bounds and the median of the upper bounds, in dollars.
"""

from __future__ import annotations

import csv
import re
import statistics
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CSV = REPO_ROOT / ".." / "shared" / "data" / "raw" / "glassdoor-ds-2020" / "glassdoor_jobs.csv"
ROLES = {"data-analyst": "data analyst", "data-engineer": "data engineer"}
RANGE = re.compile(r"\$(\d+)K\s*-\s*\$(\d+)K")


def salary_band(rows: list[dict[str, str]], phrase: str) -> tuple[int, float, float]:
    """Return (postings used, median lower bound, median upper bound) in dollars."""
    lows: list[int] = []
    highs: list[int] = []
    for row in rows:
        if not re.search(rf"\b{re.escape(phrase)}\b", row["Job Title"], re.IGNORECASE):
            continue
        estimate = row["Salary Estimate"].strip()
        if estimate == "-1" or "per hour" in estimate.lower():
            continue
        match = RANGE.search(estimate)
        if match is None:
            continue
        lows.append(int(match.group(1)) * 1000)
        highs.append(int(match.group(2)) * 1000)
    return len(lows), statistics.median(lows), statistics.median(highs)


def main(argv: list[str]) -> None:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT_CSV
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        seen: set[tuple[str, str, str]] = set()
        rows: list[dict[str, str]] = []
        for row in reader:
            key = (row["Job Title"], row["Company Name"], row["Job Description"])
            if key in seen:
                continue
            seen.add(key)
            rows.append(row)
    print(f"{len(rows)} unique rows in {path}")
    for role, phrase in ROLES.items():
        n, low, high = salary_band(rows, phrase)
        print(f"{role}: min={low:g} max={high:g} (median Glassdoor estimate over {n} postings, 2020)")


if __name__ == "__main__":
    main(sys.argv)
