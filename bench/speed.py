"""Batch analysis speed and memory: postings per second on one core and on all cores, peak memory,
for 1k, 10k and 100k postings (real postings replicated), with the embedding baseline's speed in the same
run as the ratio to beat.

    python bench/speed.py [--sizes 1000 10000 100000] [--no-embedding]

Each configuration runs the batch analysis in a fresh process; peak memory is the highest total proportional set
size (PSS, so pages shared between the workers count once) of that process and its workers, sampled every 50 ms
from /proc. Writes bench/results/speed.json.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import REPO, shared_dir, write_result  # noqa: E402
from rolefit.models.corpus import dedupe, iter_corpus  # noqa: E402

RUNNER = """
import json, sys, time
from pathlib import Path
from rolefit.services.batch import analyze_file
started = time.perf_counter()
summary = analyze_file(Path(sys.argv[1]), Path(sys.argv[2]), workers=int(sys.argv[3]))
seconds = time.perf_counter() - started
print(json.dumps({"seconds": seconds, "analysed": summary.analysed, "bad": summary.bad}))
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


def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _family(root: int) -> list[int]:
    """The process and all its descendants (the batch's worker processes)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def run(path: Path, workers: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out.jsonl"
        process = subprocess.Popen(
            [sys.executable, "-c", RUNNER, str(path), str(out), str(workers)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            cwd=REPO,
        )
        peak = 0
        while process.poll() is None:
            peak = max(peak, sum(_pss_kib(pid) for pid in _family(process.pid)))
            time.sleep(0.05)
        stdout, stderr = process.communicate()
        if process.returncode:
            raise SystemExit(f"runner failed: {stderr[-2000:]}")
    result = json.loads(stdout.strip().splitlines()[-1])
    result["postings_per_second"] = result["analysed"] / result["seconds"]
    result["peak_mib"] = peak / 1024
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


if __name__ == "__main__":
    main()
