"""Retrieval and answer quality of `rolefit ask`, for BM25 alone, dense alone and hybrid: recall@1/@5, MRR,
answer accuracy (the expected fact is in the answer), faithfulness (every number in an answer is in a cited
passage), abstention precision/recall, and latency after the index loads.

Three question files share one schema: bench/data/ask_tune.jsonl is where parameters and rules are chosen,
bench/data/ask_check.jsonl (written apart from the other two, in users' own words) is where a rule chosen on tune
must also hold before it is kept, and bench/data/ask_eval.jsonl is held out and is the figure to report. By
default all three are run and printed.

    python bench/ask_eval.py                                   # all three files, all modes available
    python bench/ask_eval.py --questions bench/data/ask_tune.jsonl --modes hybrid
    python bench/ask_eval.py --misses                          # list the questions each mode gets wrong
    python bench/ask_eval.py --questions bench/data/ask_check.jsonl --typos 1 --no-write   # one typo a question
    python bench/ask_eval.py ... --no-spelling                 # without reading misspelt words (the baseline)
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import REPO, load_jsonl, write_result  # noqa: E402
from rolefit.ask.answer import answer_question, numbers_supported  # noqa: E402
from rolefit.ask.retrieval import Index, build_index  # noqa: E402
from rolefit.models.embedders import available_embedder  # noqa: E402

EVAL = REPO / "bench" / "data" / "ask_eval.jsonl"
TUNE = REPO / "bench" / "data" / "ask_tune.jsonl"
CHECK = REPO / "bench" / "data" / "ask_check.jsonl"


def evaluate(index: Index, rows: list[dict[str, Any]], mode: str, misses: list[str] | None = None) -> dict[str, float]:
    """The metrics of one mode over one question file; wrong questions are appended to ``misses`` if given."""
    ranks: list[int | None] = []
    correct = faithful = answered = 0
    abstain_tp = abstain_fp = abstain_fn = 0
    latencies = []
    for row in rows:
        hits = index.search(row["question"], k=10, mode=mode)
        rank = None
        if row["answerable"]:
            ids = [h.passage.id for h in hits]
            rank = next((i + 1 for i, pid in enumerate(ids) if pid in set(row["relevant"])), None)
            ranks.append(rank)
        index.forget_query()  # the search above kept the question's embedding; the answer must pay for it
        started = time.perf_counter()
        result = answer_question(index, row["question"], mode=mode)
        latencies.append((time.perf_counter() - started) * 1000)
        problem = ""
        if row["answerable"] and (rank is None or rank > 5):
            problem = f"rank {rank} (top: {hits[0].passage.id})"
        if result["abstained"]:
            if row["answerable"]:
                abstain_fp += 1
                problem += f" abstained: {result.get('reason')}"
            else:
                abstain_tp += 1
        elif not row["answerable"]:
            abstain_fn += 1
            problem = f"answered an unanswerable question from {result['citations'][0]['id']}"
        else:
            answered += 1
            faithful += numbers_supported(result["answer"], result["citations"])
            text = result["answer"].lower()
            if all(expect.lower() in text for expect in row["expect"]):
                correct += 1
            else:
                problem += f" answer lacks {row['expect']}"
        if misses is not None and problem:
            misses.append(f"[{mode}] {row['question']!r}: {problem.strip()}")
    answerable = [r for r in rows if r["answerable"]]
    found = [r for r in ranks if r is not None]
    return {
        "recall@1": sum(1 for r in found if r <= 1) / len(answerable),
        "recall@5": sum(1 for r in found if r <= 5) / len(answerable),
        "mrr": sum(1 / r for r in found) / len(answerable),
        "answer_accuracy": correct / len(answerable),
        "faithfulness": faithful / answered if answered else 1.0,
        "abstention_precision": abstain_tp / (abstain_tp + abstain_fp) if abstain_tp + abstain_fp else 0.0,
        "abstention_recall": abstain_tp / (abstain_tp + abstain_fn) if abstain_tp + abstain_fn else 0.0,
        "latency_ms_median": statistics.median(latencies),
        "latency_ms_p95": sorted(latencies)[int(len(latencies) * 0.95) - 1],
    }


def misspelt(question: str, chance: random.Random) -> str:
    """The question with one word of six letters or more mistyped as people do: a letter dropped, doubled, swapped
    with the next or struck on a neighbouring key (questions with no such word stay as they are)."""
    words = [m for m in re.finditer(r"[A-Za-z]{6,}", question)]
    if not words:
        return question
    match = chance.choice(words)
    word, at = match.group(0), chance.randrange(1, len(match.group(0)) - 1)
    keyboard = "qwertyuiop asdfghjkl zxcvbnm"
    edit = chance.choice(["drop", "double", "swap", "neighbour"])
    if edit == "drop":
        typo = word[:at] + word[at + 1 :]
    elif edit == "double":
        typo = word[:at] + word[at] + word[at:]
    elif edit == "swap":
        typo = word[:at] + word[at + 1] + word[at] + word[at + 2 :]
    else:
        key = keyboard.find(word[at].lower())
        near = [keyboard[i] for i in (key - 1, key + 1) if key >= 0 and 0 <= i < len(keyboard) and keyboard[i] != " "]
        typo = word[:at] + (chance.choice(near) if near else word[at]) + word[at + 1 :]
    return question[: match.start()] + typo + question[match.end() :]


def _print_table(name: str, rows: list[dict[str, Any]], results: dict[str, dict[str, float]]) -> None:
    answerable = sum(1 for r in rows if r["answerable"])
    print(f"\n{name}: {len(rows)} questions ({answerable} answerable, {len(rows) - answerable} not)")
    modes = list(results)
    print(f"{'metric':22}" + "".join(f"{m:>10}" for m in modes))
    for key in next(iter(results.values())):
        print(f"{key:22}" + "".join(f"{results[m][key]:10.3f}" for m in modes))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=Path, action="append", help="a question file (repeatable)")
    parser.add_argument("--modes", default="bm25,dense,hybrid", help="comma-separated: bm25, dense, hybrid")
    parser.add_argument("--misses", action="store_true", help="print every question a mode gets wrong")
    parser.add_argument("--no-write", action="store_true", help="do not write bench/results/ask.json")
    parser.add_argument("--typos", type=int, metavar="SEED", help="misspell one word of each question (seeded)")
    parser.add_argument("--lowercase", action="store_true", help="questions in lower case, without punctuation")
    parser.add_argument("--no-spelling", action="store_true", help="questions as typed, misspellings not read")
    args = parser.parse_args(argv)
    if args.no_spelling:
        from rolefit.ask.retrieval import SpellingReader

        SpellingReader.read = lambda self, question: question  # type: ignore[method-assign]
    files = args.questions or [TUNE, CHECK, EVAL]
    embedder = available_embedder()
    started = time.perf_counter()
    index = build_index(embedder=embedder)
    load_seconds = time.perf_counter() - started
    modes = [m for m in args.modes.split(",") if m == "bm25" or embedder is not None]
    print(f"index ready in {load_seconds:.1f}s (embedder: {embedder.name if embedder else 'none'})")
    report: dict[str, Any] = {"embedder": embedder.name if embedder else None, "index_load_seconds": load_seconds}
    for path in files:
        rows = load_jsonl(path)
        if args.lowercase:
            rows = [
                {**row, "question": " ".join(re.sub(r"[^\w\s'$-]", " ", row["question"].lower()).split())}
                for row in rows
            ]
        if args.typos is not None:
            rows = [
                {**row, "question": misspelt(row["question"], random.Random(f"{args.typos}:{row['question']}"))}
                for row in rows
            ]
        misses: list[str] = []
        results = {mode: evaluate(index, rows, mode, misses if args.misses else None) for mode in modes}
        _print_table(path.name, rows, results)
        for line in misses:
            print("  " + line)
        entry = {
            "questions": len(rows),
            "answerable": sum(1 for r in rows if r["answerable"]),
            "modes": results,
        }
        if path.resolve() == EVAL.resolve():
            report.update(entry)  # the held-out figures stay at the top level, where readers already look
        else:
            report.setdefault("other_files", {})[path.name] = entry
    if not args.no_write and args.questions is None and modes == ["bm25", "dense", "hybrid"]:
        print(f"written {write_result('ask', report)}")


if __name__ == "__main__":
    main()
