"""Build the role classifier from the public postings, reproducibly.

Labels come from three places, weakest first:
1. the title (``title_rules``): what the employer called the job;
2. the content's skill signals (``role_signals.yaml``, from the labelling guideline), which overrule a title
   when the content clearly points elsewhere and the title's own role has no signal at all;
3. hand-labelled training postings (``bench/data/trainset_*.jsonl``), which always win and weigh more.
Postings from any company in the development set are left out entirely (split by company).
"""

from __future__ import annotations

import difflib
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

from rolefit.errors import InputError
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
    # False for postings picked because the model was unsure of them: they train, but do not set the temperature,
    # which must reflect postings as they come (a random sample), not the hardest ones.
    calibrates: bool = True


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
    """Labelled postings from JSONL files, checked: a broken line or an unknown label stops with the file and line
    named (a model trained or scored on a silently skipped row would report the wrong thing)."""
    rows: list[dict[str, Any]] = []
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8").split("\n")  # not splitlines(): JSON strings may hold U+2028
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"Cannot read labelled file {path}: {exc}") from None
        for number, line in enumerate(lines, start=1):
            if line.strip():
                rows.append(_labelled_row(path, number, line))
    return rows


def _labelled_row(path: Path, number: int, line: str) -> dict[str, Any]:
    where = f"{path}:{number}"
    try:
        row = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not a JSON object ({exc.msg})") from None
    if not isinstance(row, dict):
        raise InputError(f"{where}: not a JSON object")
    label = row.get("label")
    if label not in LABELS:
        close = difflib.get_close_matches(str(label), LABELS, n=1)
        hint = f" (did you mean {close[0]}?)" if close else f" (labels: {', '.join(LABELS)})"
        raise InputError(f"{where}: unknown label {label!r}{hint}")
    if not isinstance(row.get("description"), str) or not row["description"].strip():
        raise InputError(f"{where}: the posting has no description text")
    row.setdefault("id", f"{path.stem}-{number}")
    row["id"] = str(row["id"])
    if not row.get("company_key"):
        row["company_key"] = company_key(row.get("company"))
    return row


def _text_key(text: str) -> str:
    return " ".join(text[:1500].lower().split())


def _document(reading: PostingReading) -> str:
    from rolefit.models.classifier import reading_document

    return reading_document(reading)


def build_training_set(
    data: Path,
    dev_files: list[Path],
    hand_files: list[Path],
    other_cap: int = 2500,
    weak_weight: float = 0.0,
    second_share: float = 0.3,
    progress: Any = None,
) -> tuple[list[LabelledDocument], dict[str, Any]]:
    """Training documents and a report of where their labels came from.

    Hand labels weigh 1. Weak (title/content) labels weigh ``weak_weight``; 0 leaves them out. On the
    development set they cost about a point of macro-F1 once ~1,400 hand labels exist (bench/quality.py
    and the model metadata record the comparison), so the shipped model is trained with 0.
    """
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
    postings: list[CorpusPosting] = (
        []
        if weak_weight <= 0
        else [
            p
            for p in dedupe(iter_corpus(data))
            if p.description.strip()
            and p.id not in dev_ids
            and p.company_key not in dev_companies
            and _text_key(p.description) not in dev_texts
        ]
    )
    by_id = {p.id: p for p in postings}
    for row in hand_rows:
        reading = read_posting(row["description"], row.get("title"))
        document = _document(reading)
        second = row.get("second_label")
        # Where the labeller saw two roles nearly tied, the second takes a share of the target:
        # soft labels teach the model to hedge on blended postings (better F1 and calibration on the dev set).
        share = second_share if second in LABELS and second != row["label"] else 0.0
        title = row.get("title") or ""
        calibrates = row.get("selection", "random") == "random"
        documents.append(
            LabelledDocument(
                row["id"], row["company_key"], title, row["label"], 1.0 - share, "hand", document, calibrates
            )
        )
        if share:
            documents.append(
                LabelledDocument(row["id"], row["company_key"], title, second, share, "hand-second", document)
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
        item = LabelledDocument(
            posting.id, posting.company_key, posting.title, label, weak_weight, origin, _document(reading)
        )
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


def train_model(documents: list[LabelledDocument], folds: int = 5) -> tuple[Any, dict[str, Any]]:
    """Fit the classifier on everything; the temperature comes from out-of-fold logits.

    Folds are drawn by company, so the temperature reflects how sure the model should be on
    employers it has never seen, which is what every real posting is.
    """
    import numpy as np

    from rolefit.models.classifier import RoleClassifier

    companies = sorted({d.company_key for d in documents})
    random.Random(SEED).shuffle(companies)
    fold_of = {company: index % folds for index, company in enumerate(companies)}
    logits: list[Any] = []
    truth: list[str] = []
    for fold in range(folds):
        train = [d for d in documents if fold_of[d.company_key] != fold]
        held = [d for d in documents if fold_of[d.company_key] == fold and d.origin == "hand" and d.calibrates]
        if not held:
            continue
        model = RoleClassifier(random_state=0).fit(
            [d.document for d in train], [d.label for d in train], [d.weight for d in train]
        )
        logits.append(model.logits([d.document for d in held]))
        truth.extend(d.label for d in held)
    model = RoleClassifier(random_state=0).fit(
        [d.document for d in documents], [d.label for d in documents], [d.weight for d in documents]
    )
    temperature = model.fit_temperature(np.vstack(logits), truth) if logits else 1.0
    model.temperature_ = temperature
    import sklearn

    metadata = {
        "trained_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "training_fingerprint": _fingerprint(documents),
        "training_size": len(documents),
        "calibration_size": len(truth),
        "calibration": "temperature fitted on out-of-fold logits of the randomly sampled hand labels, 5 folds by company",
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
