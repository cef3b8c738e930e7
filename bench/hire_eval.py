"""Quality of `rolefit hire` on project descriptions written the way managers and founders write them.

Two files share one schema (`id`, `project`, `expected` roles with the main need first, `acceptable` extras,
`source`: the seed or KB passage that supports the expectation): bench/data/hire_tune.jsonl is where the scorer is
tuned, bench/data/hire_eval.jsonl is held out, written before the scorer was changed, and run once at the end.

Metrics, per file:
- top-1: the first role returned is the main need;
- main chosen: the main need is among the roles returned;
- two-role recall: on projects that need two roles, the share of those roles returned;
- off-target: the share of returned roles that are neither expected nor acceptable;
- reason relevance: the share of the knowledge-base facts given as reasons that share a word with the project,
  beyond stopwords and generic words ("model", "data", "system"...), both stemmed; lay wording the KB states
  differently ("help-center articles" for "RAG") counts as irrelevant here, so this is a floor;
- reason relevance, lay: the same, the project's words counting also the KB words its lay phrases stand for
  (rolefit/data/hire_words.yaml, the scorer's own table: a reason found through a wrong lay phrase passes here).

    python bench/hire_eval.py                 # tune only (printed, not written)
    python bench/hire_eval.py --heldout       # tune and held-out (run once, at the end), written to bench/results
    python bench/hire_eval.py --misses        # list the projects each file gets wrong
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import REPO, load_jsonl, write_result  # noqa: E402
from rolefit.ask.retrieval import tokens  # noqa: E402
from rolefit.services.hire import hire_for, lay_words  # noqa: E402

TUNE = REPO / "bench" / "data" / "hire_tune.jsonl"
EVAL = REPO / "bench" / "data" / "hire_eval.jsonl"
# Words every role's facts and most projects share: overlap on them says nothing about relevance.
GENERIC = frozenset(
    tokens(
        "model models data system systems product products project team engineer engineers role hire hiring "
        "need needs work build building use using ai ml machine learning business company tool tools app "
        "application applications new such e.g. other"
    )
)
_FACT_REASON = re.compile(r"^(?P<text>.*) \[(?P<source>[^\]]+)\]$")


def content_words(text: str) -> set[str]:
    return set(tokens(text)) - GENERIC


def lay_content_words(text: str) -> set[str]:
    """The project's content words and those of the KB words its lay phrases stand for."""
    words = content_words(text)
    for phrase in lay_words():
        if phrase.pattern.search(text.lower()):
            words |= set(phrase.kb_terms) - GENERIC
    return words


def evaluate(rows: list[dict[str, Any]], misses: list[str] | None = None) -> dict[str, float]:
    top1 = main_chosen = 0
    pair_found = pair_total = 0
    chosen_total = off_target = 0
    facts = relevant = relevant_lay = 0
    latencies = []
    for row in rows:
        started = time.perf_counter()
        result = hire_for(row["project"])
        latencies.append((time.perf_counter() - started) * 1000)
        chosen = [r["role"] for r in result["roles"]]
        expected = row["expected"]
        allowed = set(expected) | set(row.get("acceptable", []))
        top1 += chosen[0] == expected[0]
        main_chosen += expected[0] in chosen
        if len(expected) > 1:
            pair_total += len(expected)
            pair_found += sum(role in chosen for role in expected)
        chosen_total += len(chosen)
        off_target += sum(role not in allowed for role in chosen)
        project_words = content_words(row["project"])
        lay_words_found = lay_content_words(row["project"])
        irrelevant = []
        for entry in result["roles"]:
            for reason in entry["reasons"]:
                match = _FACT_REASON.match(reason)
                if not match:
                    continue
                facts += 1
                relevant += bool(content_words(match["text"]) & project_words)
                if content_words(match["text"]) & lay_words_found:
                    relevant_lay += 1
                else:
                    irrelevant.append(f"{entry['role']}: {match['text']}")
        if misses is not None and (chosen[0] != expected[0] or set(expected) - set(chosen) or irrelevant):
            got = ", ".join(f"{r['role']} {r['share']:.0%}" for r in result["roles"])
            lines = [f"{row['id']}: expected {'+'.join(expected)}, got {got}"]
            lines += [f"    irrelevant reason {text}" for text in irrelevant]
            misses.append("\n".join(lines))
    n = len(rows)
    latencies.sort()
    return {
        "projects": n,
        "top1": round(top1 / n, 3),
        "main_chosen": round(main_chosen / n, 3),
        "two_role_recall": round(pair_found / pair_total, 3) if pair_total else 0.0,
        "two_role_projects": pair_total // 2,
        "off_target": round(off_target / chosen_total, 3),
        "roles_per_project": round(chosen_total / n, 2),
        "reason_relevance": round(relevant / facts, 3) if facts else 0.0,
        "reason_relevance_lay": round(relevant_lay / facts, 3) if facts else 0.0,
        "fact_reasons_per_project": round(facts / n, 2),
        "median_ms": round(latencies[n // 2], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--heldout", action="store_true", help="also run the held-out file (once, at the end)")
    parser.add_argument(
        "--misses", action="store_true", help="list the projects each file gets wrong and reasons with no shared word"
    )
    args = parser.parse_args()
    files = {"tune": TUNE} | ({"heldout": EVAL} if args.heldout else {})
    hire_for("warm-up: load the classifier and the knowledge base")
    results: dict[str, dict[str, float]] = {}
    for name, path in files.items():
        misses: list[str] | None = [] if args.misses else None
        results[name] = evaluate(load_jsonl(path), misses)
        if misses:
            print(f"--- {name} misses")
            print("\n".join(misses))
    metrics = list(next(iter(results.values())))
    print(f"{'metric':<26}" + "".join(f"{name:>10}" for name in results))
    for metric in metrics:
        print(f"{metric:<26}" + "".join(f"{results[name][metric]:>10}" for name in results))
    if not args.heldout:
        # bench/results/hire.json keeps the last full run (tune and held-out figures from one run); a tune-only run
        # written over it would drop the held-out figures that the README quotes.
        print("tune only: bench/results/hire.json not written (it holds the last run with --heldout)")
        return
    path = write_result("hire", {"files": {name: str(files[name].relative_to(REPO)) for name in files}, **results})
    print(f"wrote {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
