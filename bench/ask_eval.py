"""Retrieval and answer quality of `rolefit ask` on bench/data/ask_eval.jsonl, for BM25 alone, dense alone
and hybrid: recall@1/@5, MRR, answer accuracy (the expected fact is in the answer), faithfulness (every
number in an answer is in a cited passage), abstention precision/recall, and latency after the index loads.

    python bench/ask_eval.py            # dense and hybrid need: pip install -r bench/requirements.txt
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import REPO, load_jsonl, write_result  # noqa: E402
from rolefit.ask.answer import answer_question, numbers_supported  # noqa: E402
from rolefit.ask.retrieval import build_index  # noqa: E402
from rolefit.models.embedders import available_embedder  # noqa: E402

EVAL = REPO / "bench" / "data" / "ask_eval.jsonl"


def evaluate(index, rows: list[dict], mode: str) -> dict:  # noqa: ANN001
    ranks, correct, faithful, answered = [], 0, 0, 0
    abstain_tp = abstain_fp = abstain_fn = 0
    latencies = []
    for row in rows:
        hits = index.search(row["question"], k=10, mode=mode)
        if row["answerable"]:
            ids = [h.passage.id for h in hits]
            rank = next((i + 1 for i, pid in enumerate(ids) if pid in set(row["relevant"])), None)
            ranks.append(rank)
        started = time.perf_counter()
        result = answer_question(index, row["question"], mode=mode)
        latencies.append((time.perf_counter() - started) * 1000)
        if result["abstained"]:
            if row["answerable"]:
                abstain_fp += 1
            else:
                abstain_tp += 1
            continue
        if not row["answerable"]:
            abstain_fn += 1
            continue
        answered += 1
        faithful += numbers_supported(result["answer"], result["citations"])
        text = result["answer"].lower()
        correct += all(expect.lower() in text for expect in row["expect"])
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


def main() -> None:
    rows = load_jsonl(EVAL)
    embedder = available_embedder()
    started = time.perf_counter()
    index = build_index(embedder=embedder)
    load_seconds = time.perf_counter() - started
    modes = ["bm25"] + (["dense", "hybrid"] if embedder else [])
    results = {mode: evaluate(index, rows, mode) for mode in modes}
    answerable = sum(1 for r in rows if r["answerable"])
    print(
        f"{len(rows)} questions ({answerable} answerable, {len(rows) - answerable} not); index ready in {load_seconds:.1f}s"
        f" (embedder: {embedder.name if embedder else 'none'})"
    )
    keys = list(next(iter(results.values())))
    print(f"{'metric':22}" + "".join(f"{m:>10}" for m in modes))
    for key in keys:
        print(f"{key:22}" + "".join(f"{results[m][key]:10.3f}" for m in modes))
    path = write_result(
        "ask",
        {
            "questions": len(rows),
            "answerable": answerable,
            "embedder": embedder.name if embedder else None,
            "index_load_seconds": load_seconds,
            "modes": results,
        },
    )
    print(f"written {path}")


if __name__ == "__main__":
    main()
