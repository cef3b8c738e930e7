"""Skill extraction precision and recall against hand-marked spans (bench/data/skill_spans.jsonl).

A predicted mention counts as correct when it overlaps a hand-marked mention of the same skill.
Hand-marked mentions of skills the taxonomy lacks (skill: null) are left out of recall and reported.
Baseline, same run: the taxonomy's aliases matched over the whole text with no sections and no
case rules (how simple keyword extractors work).

The gold set is small, so rules are tuned on one half and checked on the other: `--halves` also prints
the figures for half A (even positions among the sorted posting ids) and half B (odd positions).

    python bench/skills_extraction.py [--halves]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import REPO, load_jsonl, write_result  # noqa: E402
from rolefit.knowledge.loader import knowledge_base  # noqa: E402
from rolefit.knowledge.models import Skill  # noqa: E402
from rolefit.text.posting import read_posting  # noqa: E402
from rolefit.text.skills import SkillExtractor  # noqa: E402

SPANS = REPO / "bench" / "data" / "skill_spans.jsonl"


def rolefit_mentions(text: str, title: str | None) -> list[tuple[int, int, str]]:
    reading = read_posting(text, title)
    return [(a, b, s.id) for s in reading.skills for a, b in s.evidence]


def naive_extractor() -> SkillExtractor:
    """Every alias matched case-insensitively, the case rules switched off."""
    folded = [
        Skill(**{**s.model_dump(), "aliases": [*s.aliases, *s.case_sensitive], "case_sensitive": []})
        for s in knowledge_base().skills
    ]
    return SkillExtractor.from_skills(folded)


def score(predicted: list[tuple[int, int, str]], gold: list[dict]) -> tuple[int, int, int, list, list]:
    gold_known = [g for g in gold if g["skill"]]
    used: set[int] = set()
    true_positive = 0
    false_positives = []
    for start, end, skill in predicted:
        hit = next(
            (
                i
                for i, g in enumerate(gold_known)
                if i not in used and g["skill"] == skill and start < g["end"] and g["start"] < end
            ),
            None,
        )
        if hit is None:
            false_positives.append((start, end, skill))
        else:
            used.add(hit)
            true_positive += 1
    missed = [g for i, g in enumerate(gold_known) if i not in used]
    return true_positive, len(predicted), len(gold_known), false_positives, missed


def half_of(posting_id: str, ids: list[str]) -> str:
    """Fixed split for honest tuning: "A" for even positions among the sorted ids, "B" for odd ones."""
    return "AB"[sorted(ids).index(posting_id) % 2]


def figures(t: Counter) -> dict[str, float]:
    precision = t["tp"] / t["pred"] if t["pred"] else 0.0
    recall = t["tp"] / t["gold"] if t["gold"] else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--halves", action="store_true", help="also print half A / half B figures")
    args = parser.parse_args()
    if not SPANS.exists():
        raise SystemExit(f"no hand-marked spans at {SPANS}")
    gold_rows = load_jsonl(SPANS)
    ids = [row["id"] for row in gold_rows]
    halves: dict[tuple[str, str], Counter] = {}
    devset = {row["id"]: row for row in load_jsonl(REPO / "bench" / "data" / "devset.jsonl")}
    naive = naive_extractor()
    totals = {"rolefit": Counter(), "naive-keywords": Counter()}
    fp_skills: Counter[str] = Counter()
    missed_skills: Counter[str] = Counter()
    unknown = Counter(g["text"].lower() for row in gold_rows for g in row["mentions"] if not g["skill"])
    for row in gold_rows:
        posting = devset[row["id"]]
        text = posting["description"]
        systems = {
            "rolefit": rolefit_mentions(text, posting.get("title")),
            "naive-keywords": [(m.start, m.end, m.skill_id) for m in naive.find(text)],
        }
        for name, predicted in systems.items():
            tp, n_pred, n_gold, fps, missed = score(predicted, row["mentions"])
            totals[name].update({"tp": tp, "pred": n_pred, "gold": n_gold})
            halves.setdefault((name, half_of(row["id"], ids)), Counter()).update(
                {"tp": tp, "pred": n_pred, "gold": n_gold}
            )
            if name == "rolefit":
                fp_skills.update(s for _, _, s in fps)
                missed_skills.update(g["skill"] for g in missed)
    results = {}
    print(
        f"{len(gold_rows)} hand-marked postings; {sum(unknown.values())} marked mentions of skills the taxonomy lacks"
    )
    print(f"{'system':16} {'precision':>9} {'recall':>7} {'F1':>6} {'predicted':>9} {'gold':>6}")
    for name, t in totals.items():
        results[name] = {**figures(t), **dict(t)}
        for half in "AB":
            results[name][f"half_{half}"] = {**figures(halves[(name, half)]), **dict(halves[(name, half)])}
        rows = [(name, t)]
        if args.halves:
            rows += [(f"  half {half}", halves[(name, half)]) for half in "AB"]
        for label, counts in rows:
            f = figures(counts)
            print(
                f"{label:16} {f['precision']:9.3f} {f['recall']:7.3f} {f['f1']:6.3f} {counts['pred']:9d} {counts['gold']:6d}"
            )
    print("\nrolefit's most frequent false positives:", fp_skills.most_common(12))
    print("rolefit's most frequent misses:", missed_skills.most_common(12))
    print("skills hand-marked but not in the taxonomy:", unknown.most_common(12))
    path = write_result(
        "skills_extraction",
        {
            "postings": len(gold_rows),
            "halves": "A = even, B = odd positions among the sorted posting ids",
            "systems": results,
            "false_positive_skills": fp_skills.most_common(30),
            "missed_skills": missed_skills.most_common(30),
            "not_in_taxonomy": unknown.most_common(30),
        },
    )
    print(f"written {path}")


if __name__ == "__main__":
    main()
