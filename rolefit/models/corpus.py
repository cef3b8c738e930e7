"""The public postings used for training and evaluation, read into one shape.

The raw folders (see ``shared/data/raw/*/SOURCE.md``) differ in format; this
module gives each posting a stable id (``afg-``, ``rwlb-``, ``li18-``,
``gd20-``, ``js25-``) and a normalised company key, so dev/train splits can be
made by company. Nothing here is needed by the installed tool at run time.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

DATASETS: tuple[str, ...] = (
    "ai-engineering-field-guide",
    "remotewlb-remote-jobs",
    "linkedin-ca-ds-da-2018",
    "glassdoor-ds-2020",
    "jsearch-ds-da-2025",
)


@dataclass(frozen=True)
class CorpusPosting:
    id: str
    dataset: str
    title: str
    company: str
    description: str
    extra: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def company_key(self) -> str:
        return company_key(self.company) or f"unknown:{self.id}"


_COMPANY_NOISE = re.compile(
    r"\b(inc|llc|ltd|corp|corporation|co|company|gmbh|plc|limited|group|holdings|technologies|technology)\b\.?"
)


def company_key(name: str | None) -> str:
    """Lowercase company name without legal suffixes or Glassdoor's trailing rating."""
    if not name or name.strip().lower() in {"none", "nan", "null"}:
        return ""
    first_line = name.strip().splitlines()[0]
    key = _COMPANY_NOISE.sub(" ", first_line.lower())
    return re.sub(r"[^a-z0-9]+", " ", key).strip()


def _read_csv(path: Path) -> Iterator[dict[str, str]]:
    csv.field_size_limit(sys.maxsize)
    with path.open(newline="", encoding="utf-8", errors="replace") as handle:
        yield from csv.DictReader(handle)


def iter_corpus(data_dir: Path, datasets: tuple[str, ...] = DATASETS) -> Iterator[CorpusPosting]:
    """Every posting of the chosen datasets, in a fixed order."""
    raw = data_dir / "raw" if (data_dir / "raw").is_dir() else data_dir
    for dataset in datasets:
        folder = raw / dataset
        if dataset in ("ai-engineering-field-guide", "remotewlb-remote-jobs"):
            with (folder / "postings.jsonl").open(encoding="utf-8") as handle:
                for line in handle:
                    row = json.loads(line)
                    yield CorpusPosting(
                        id=row["id"],
                        dataset=dataset,
                        title=row.get("title") or "",
                        company=row.get("company") or "",
                        description=row.get("description") or "",
                        extra={"level": row.get("level") or "", "location": row.get("location") or ""},
                    )
        elif dataset == "linkedin-ca-ds-da-2018":
            for file_name, tag in (("DataScientist.csv", "ds"), ("DataAnalyst.csv", "da")):
                for index, row in enumerate(_read_csv(folder / file_name)):
                    yield CorpusPosting(
                        id=f"li18-{tag}-{index}",
                        dataset=dataset,
                        title=row.get("title") or "",
                        company=row.get("company") or "",
                        description=row.get("description") or "",
                        extra={"seniority": row.get("seniority") or ""},
                    )
        elif dataset == "glassdoor-ds-2020":
            for row in _read_csv(folder / "glassdoor_jobs.csv"):
                yield CorpusPosting(
                    id=f"gd20-{row['']}",
                    dataset=dataset,
                    title=row.get("Job Title") or "",
                    company=row.get("Company Name") or "",
                    description=row.get("Job Description") or "",
                    extra={"salary": row.get("Salary Estimate") or ""},
                )
        elif dataset == "jsearch-ds-da-2025":
            for row in _read_csv(folder / "data_scientist_us.csv"):
                yield CorpusPosting(
                    id=f"js25-{row['job_id']}",
                    dataset=dataset,
                    title=row.get("job_title") or "",
                    company="",
                    description=row.get("job_description") or "",
                )
        else:
            raise ValueError(f"unknown dataset {dataset!r}; known: {', '.join(DATASETS)}")


def dedupe(postings: Iterator[CorpusPosting]) -> Iterator[CorpusPosting]:
    """Drop repeats of the same title + description (several sets repeat postings)."""
    seen: set[tuple[str, str]] = set()
    for posting in postings:
        key = (posting.title.strip().lower(), re.sub(r"\s+", " ", posting.description[:2000]).strip().lower())
        if key in seen:
            continue
        seen.add(key)
        yield posting
