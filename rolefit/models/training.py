"""Build the role classifier from the public postings, reproducibly.

Labels come from three places, weakest first:
1. the title (``title_rules``): what the employer called the job;
2. the content's skill signals (``role_signals.yaml``, from the labelling guideline), which overrule a title
   when the content clearly points elsewhere and the title's own role has no signal at all;
3. hand-labelled training postings (``bench/data/trainset_*.jsonl``), which always win and weigh more.
Postings from any company in the development set are left out entirely (split by company).
"""

from __future__ import annotations

import hashlib
import json
import platform
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import yaml

from rolefit.knowledge.loader import data_dir
from rolefit.knowledge.models import LABELS, ROLE_IDS
from rolefit.models.corpus import CorpusPosting, company_key, dedupe, iter_corpus
from rolefit.models.title_rules import title_role
from rolefit.text.posting import PostingReading, read_posting

__all__ = ["LabelledDocument", "build_training_set", "load_labelled", "role_signals", "train_model", "weak_label"]

SEED = 20261123


@dataclass
class LabelledDocument:
    id: str
    company_key: str
    title: str
    label: str
    weight: float
    origin: str  # "hand", "title", "content"
    document: str


def role_signals() -> dict[str, set[str]]:
    with (data_dir() / "role_signals.yaml").open(encoding="utf-8") as handle:
        content = yaml.safe_load(handle)
    return {role: set(skills) for role, skills in content["signals"].items()}


def weak_label(title: str, reading: PostingReading, signals: dict[str, set[str]]) -> tuple[str | None, str]:
    """(label, origin) from the title vote and the content vote; (None, ...) when neither is trustworthy."""
    skills = set(reading.skill_ids())
    votes = {role: len(skills & wanted) for role, wanted in signals.items()}
    content_role, content_votes = max(votes.items(), key=lambda item: item[1])
    runner_up = sorted(votes.values())[-2]
    by_title = title_role(title)
    if by_title in ROLE_IDS:
        if votes.get(by_title, 0) == 0 and content_votes >= 3 and content_role != by_title:
            return content_role, "content"
        return by_title, "title"
    if by_title == "other":
        if content_votes >= 5 and content_votes >= 2 * max(runner_up, 1):
            return content_role, "content"
        return "other", "title"
    return None, "none"


def load_labelled(paths: Iterable[Path]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            rows.extend(json.loads(line) for line in handle if line.strip())
    return rows


def _text_key(text: str) -> str:
    return " ".join(text[:1500].lower().split())


def _document(reading: PostingReading) -> str:
    from rolefit.models.classifier import feature_document

    required = [s.id for s in reading.skills if s.required]
    optional = [s.id for s in reading.skills if not s.required]
    return feature_document(reading.job_text, required, optional)


def build_training_set(
    data: Path,
    dev_files: list[Path],
    hand_files: list[Path],
    other_cap: int = 2500,
    hand_weight: float = 3.0,
    progress: Any = None,
) -> tuple[list[LabelledDocument], dict[str, Any]]:
    """Training documents and a report of where their labels came from."""
    dev_rows = load_labelled(dev_files)
    dev_companies = {row["company_key"] for row in dev_rows} | {company_key(row.get("company")) for row in dev_rows}
    dev_companies.discard("")
    dev_ids = {row["id"] for row in dev_rows}
    # The same text is reposted under other titles or with no company: keep those out too.
    dev_texts = {_text_key(row["description"]) for row in dev_rows}
    hand_rows = [
        row
        for row in load_labelled(hand_files)
        if row["id"] not in dev_ids
        and row["company_key"] not in dev_companies
        and _text_key(row["description"]) not in dev_texts
    ]
    unique_rows: dict[str, dict[str, Any]] = {}
    for row in hand_rows:  # two labellers may have read the same posting: the first label stands
        unique_rows.setdefault(row["id"], row)
    hand_rows = list(unique_rows.values())
    hand_ids = set(unique_rows)
    signals = role_signals()
    documents: list[LabelledDocument] = []
    origins: Counter[str] = Counter()
    postings: list[CorpusPosting] = [
        p
        for p in dedupe(iter_corpus(data))
        if p.description.strip()
        and p.id not in dev_ids
        and p.company_key not in dev_companies
        and _text_key(p.description) not in dev_texts
    ]
    by_id = {p.id: p for p in postings}
    for row in hand_rows:
        reading = read_posting(row["description"], row.get("title"))
        documents.append(
            LabelledDocument(
                row["id"],
                row["company_key"],
                row.get("title") or "",
                row["label"],
                hand_weight,
                "hand",
                _document(reading),
            )
        )
        origins["hand"] += 1
    rng = random.Random(SEED)
    others: list[LabelledDocument] = []
    for index, posting in enumerate(postings):
        if progress is not None:
            progress(index + 1, len(postings))
        if posting.id in hand_ids or posting.id not in by_id:
            continue
        reading = read_posting(posting.description, posting.title)
        label, origin = weak_label(posting.title, reading, signals)
        if label is None:
            origins["skipped"] += 1
            continue
        item = LabelledDocument(posting.id, posting.company_key, posting.title, label, 1.0, origin, _document(reading))
        (others if label == "other" else documents).append(item)
        origins[origin] += 1
    rng.shuffle(others)
    documents.extend(others[:other_cap])
    report = {
        "dev_companies_excluded": len(dev_companies),
        "label_origins": dict(origins),
        "other_kept": min(len(others), other_cap),
        "labels": dict(Counter(d.label for d in documents)),
        "hand_labelled": len(hand_rows),
    }
    return documents, report


def _fingerprint(documents: list[LabelledDocument]) -> str:
    digest = hashlib.sha256()
    for doc in sorted(documents, key=lambda d: d.id):
        digest.update(f"{doc.id}\t{doc.label}\t{doc.weight}\n".encode())
    return digest.hexdigest()[:16]


def train_model(documents: list[LabelledDocument], calibration_share: float = 0.15) -> tuple[Any, dict[str, Any]]:
    """Fit the classifier; the temperature is fitted on companies held out from fitting."""
    from rolefit.models.classifier import RoleClassifier

    companies = sorted({d.company_key for d in documents})
    rng = random.Random(SEED)
    rng.shuffle(companies)
    held = set(companies[: int(len(companies) * calibration_share)])
    fit_docs = [d for d in documents if d.company_key not in held]
    cal_docs = [d for d in documents if d.company_key in held and d.origin == "hand"] or [
        d for d in documents if d.company_key in held
    ]
    model = RoleClassifier(random_state=0)
    model.fit(
        [d.document for d in fit_docs],
        [d.label for d in fit_docs],
        [d.weight for d in fit_docs],
        calibration=([d.document for d in cal_docs], [d.label for d in cal_docs]),
    )
    # Refit on everything with the temperature found above, so no labelled posting is wasted.
    temperature = model.temperature_
    model.fit([d.document for d in documents], [d.label for d in documents], [d.weight for d in documents])
    model.temperature_ = temperature
    import sklearn

    metadata = {
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "training_fingerprint": _fingerprint(documents),
        "training_size": len(documents),
        "calibration_size": len(cal_docs),
        "temperature": temperature,
        "labels": list(LABELS),
        "seed": SEED,
        "versions": {
            "python": platform.python_version(),
            "scikit-learn": sklearn.__version__,
            "numpy": __import__("numpy").__version__,
        },
    }
    return model, metadata
