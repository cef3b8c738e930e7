"""Batch analysis speed and memory: postings per second on one core and on all cores, peak memory,
for 1k, 10k and 100k postings (real postings replicated), with the embedding baseline's speed in the same
run as the ratio to beat.

    python bench/speed.py [--sizes 1000 10000 100000] [--no-embedding]

Each configuration runs `rolefit analyze FILE --out ...` in a fresh process; peak memory is the sum of the
largest resident sizes of the parent and its workers (from getrusage). Writes bench/results/speed.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import REPO, shared_dir, write_result  # noqa: E402
from rolefit.models.corpus import dedupe, iter_corpus  # noqa: E402

RUNNER = """
import json, resource, sys, time
from pathlib import Path
from rolefit.services.batch import analyze_file
started = time.perf_counter()
summary = analyze_file(Path(sys.argv[1]), Path(sys.argv[2]), workers=int(sys.argv[3]))
seconds = time.perf_counter() - started
me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "analysed": summary.analysed, "bad": summary.bad,
                  "parent_peak_mib": me / 1024, "worker_peak_mib": kids / 1024}))
"""


def make_file(path: Path, size: int) -> None:
    postings = [p for p in dedupe(iter_corpus(shared_dir() / "data")) if p.description.strip()]
    rng = random.Random(1)
    with path.open("w", encoding="utf-8") as handle:
        for index in range(size):
            posting = postings[rng.randrange(len(postings))]
            handle.write(
                json.dumps({"id": f"p{index}", "title": posting.title, "description": posting.description}) + "\n"
            )


def run(path: Path, workers: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        done = subprocess.run(
            [sys.executable, "-c", RUNNER, str(path), str(out), str(workers)],
            capture_output=True,
            text=True,
            cwd=REPO,
            check=True,
        )
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["postings_per_second"] = result["analysed"] / result["seconds"]
    # Workers run side by side: their peaks add up (bounded above by workers x the largest).
    result["peak_mib"] = result["parent_peak_mib"] + result["worker_peak_mib"] * (workers if workers > 1 else 0)
    return result


def embedding_rate(path: Path, limit: int = 500) -> float:
    from bench.quality import load_embedder
    from rolefit.text.posting import read_posting

    embedder = load_embedder()
    texts = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            texts.append(read_posting(row["description"], row["title"]).job_text[:2000])
            if len(texts) >= limit:
                break
    embedder.encode(texts[:32])  # warm up
    started = time.perf_counter()
    embedder.encode(texts, batch_size=32)
    return len(texts) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--no-embedding", action="store_true")
    parser.add_argument("--single-core-max", type=int, default=10000, help="largest size also run on one core")
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        files = {}
        for size in args.sizes:
            files[size] = Path(tmp) / f"postings_{size}.jsonl"
            make_file(files[size], size)
        baseline = None
        if not args.no_embedding:
            try:
                torch_threads = 1
                import torch

                torch.set_num_threads(torch_threads)
                baseline = embedding_rate(files[args.sizes[0]])
            except ImportError as exc:
                print(f"embedding baseline skipped ({exc}); pip install -r bench/requirements.txt")
        for size in args.sizes:
            for workers in sorted({1, cores} if size <= args.single_core_max else {cores}):
                result = run(files[size], workers)
                result.update({"size": size, "workers": workers})
                rows.append(result)
                print(
                    f"{size:>7} postings, {workers} worker(s): {result['postings_per_second']:8.0f}/s, "
                    f"peak {result['peak_mib']:.0f} MiB",
                    flush=True,
                )
    print(f"\n{'size':>7} {'workers':>7} {'post/s':>9} {'per core':>9} {'peak MiB':>9} {'x embed':>8}")
    for row in rows:
        per_core = row["postings_per_second"] / row["workers"]
        ratio = f"{per_core / baseline:8.1f}" if baseline else "       -"
        print(
            f"{row['size']:>7} {row['workers']:>7} {row['postings_per_second']:9.0f} {per_core:9.0f} "
            f"{row['peak_mib']:9.0f} {ratio}"
        )
    if baseline:
        print(f"embedding baseline (all-MiniLM-L6-v2, 1 thread): {baseline:.1f} postings/s")
    path = write_result("speed", {"rows": rows, "embedding_baseline_postings_per_second_one_core": baseline})
    print(f"written {path}")
    resource.getrusage(resource.RUSAGE_SELF)


if __name__ == "__main__":
    main()
