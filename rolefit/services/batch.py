"""Analyse a whole file of postings: all cores, flat memory, resumable, bad rows reported.

Results go to a JSONL file, one analysis per line plus ``id``; rows that cannot
be read or analysed go to ``<out>.errors.jsonl``. On restart, ids already in
the output are skipped, so an interrupted run continues where it stopped.
"""

from __future__ import annotations

import json
import os
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rolefit.errors import InputError, RolefitError
from rolefit.text.files import BadRow, Columns, PostingRow, iter_posting_rows

__all__ = ["BatchSummary", "analyze_file"]

CHUNK = 256


@dataclass
class BatchSummary:
    analysed: int = 0
    skipped_done: int = 0
    bad: int = 0
    bad_examples: list[dict[str, Any]] = field(default_factory=list)
    output: str = ""
    errors_file: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "analysed": self.analysed,
            "skipped_already_done": self.skipped_done,
            "bad_rows": self.bad,
            "bad_examples": self.bad_examples,
            "output": self.output,
            "errors_file": self.errors_file,
        }


# (posting id, row number, JSON line or None, error message or None)
ChunkResult = list[tuple[str, int, str | None, str | None]]


def _analyse_chunk(rows: list[tuple[int, str, str | None, str]], compact: bool) -> ChunkResult:
    """Runs in a worker: read, classify and serialise a chunk (JSON is written in the worker, so the parent
    only appends lines); a row that fails becomes an error message."""
    from rolefit.services.analyze import analyze_readings, title_or_own_line
    from rolefit.text.posting import read_posting

    readings, kept = [], []
    out: ChunkResult = []
    for number, posting_id, title, text in rows:
        try:
            title, own_title = title_or_own_line(text, title)  # a row with no title: the posting's own title line
            readings.append(read_posting(text, title))
            kept.append((number, posting_id, own_title))
        except RolefitError as exc:
            out.append((posting_id, number, None, str(exc)))
    # orjson writes a result line in ~35 µs against the json module's ~175 (about 5% of a posting's time); same
    # values, compact separators, UTF-8 text.
    import orjson

    def dumps(value: dict[str, Any]) -> str:
        return orjson.dumps(value).decode()

    results = analyze_readings(readings, with_sections=not compact)
    for (number, posting_id, own_title), result in zip(kept, results, strict=True):
        if own_title:
            result["title_from_text"] = own_title
        out.append((posting_id, number, dumps({"id": posting_id, **result}), None))
    return out


def _done_ids(path: Path) -> Counter[str]:
    """Ids already written, with how often (an id may repeat in the input: each of its rows is its own posting); a
    half-written last line (the run was killed) is cut off first."""
    if not path.exists():
        return Counter()
    with path.open("rb+") as handle:
        data = handle.read()
        if data and not data.endswith(b"\n"):
            cut = data.rfind(b"\n") + 1
            handle.truncate(cut)
            data = data[:cut]
    done: Counter[str] = Counter()
    for line in data.splitlines():
        try:
            done[str(json.loads(line)["id"])] += 1
        except (ValueError, KeyError, TypeError):
            continue
    return done


def _chunks(
    rows: Iterator[PostingRow | BadRow],
    done: Counter[str],
    summary: BatchSummary,
    report_bad: Callable[[BadRow], None],
) -> Iterator[list[tuple[int, str, str | None, str]]]:
    chunk: list[tuple[int, str, str | None, str]] = []
    for row in rows:
        if isinstance(row, BadRow):
            report_bad(row)
            continue
        if done[row.id] > 0:
            # Results are written in input order, so the first n rows with an id are the n already written; a later
            # row reusing the id is a posting of its own, not one to skip.
            done[row.id] -= 1
            summary.skipped_done += 1
            continue
        chunk.append((row.row, row.id, row.title, row.text))
        if len(chunk) >= CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def analyze_file(
    source: Path,
    out: Path,
    columns: Columns | None = None,
    workers: int | None = None,
    progress: Callable[[int], None] | None = None,
    compact: bool = True,
) -> BatchSummary:
    """Analyse every posting in ``source`` into ``out`` (JSONL); returns counts and the bad rows."""
    if out.resolve() == source.resolve():
        raise InputError("--out must be a different file from the input")
    columns = columns or Columns()
    workers = workers or os.cpu_count() or 1
    summary = BatchSummary(output=str(out), errors_file=str(out.with_suffix(out.suffix + ".errors.jsonl")))
    done = _done_ids(out)
    errors_path = Path(summary.errors_file)
    if errors_path.exists():
        errors_path.unlink()  # every bad row is found again on a rerun: appending would list it twice
    out.parent.mkdir(parents=True, exist_ok=True)

    with out.open("a", encoding="utf-8") as sink, errors_path.open("a", encoding="utf-8") as errors:

        def report_bad(row: BadRow) -> None:
            summary.bad += 1
            record = {"row": row.row, "id": row.id, "reason": row.reason}
            if len(summary.bad_examples) < 10:
                summary.bad_examples.append(record)
            errors.write(json.dumps(record) + "\n")

        def write(results: ChunkResult) -> None:
            for posting_id, number, line, error in results:
                if line is None:
                    report_bad(BadRow(number, posting_id, error or "could not be analysed"))
                else:
                    sink.write(line + "\n")
                    summary.analysed += 1
            sink.flush()
            errors.flush()
            if progress is not None:
                progress(len(results))

        chunks = _chunks(iter_posting_rows(source, columns), done, summary, report_bad)
        if workers == 1:
            for chunk in chunks:
                write(_analyse_chunk(chunk, compact))
            return summary
        with ProcessPoolExecutor(max_workers=workers, initializer=_warm_up) as pool:
            pending: deque[Future[ChunkResult]] = deque()
            for chunk in chunks:
                pending.append(pool.submit(_analyse_chunk, chunk, compact))
                if len(pending) >= workers * 2:  # bounded in-flight work keeps memory flat
                    write(pending.popleft().result())
            while pending:
                write(pending.popleft().result())
    return summary


def _warm_up() -> None:
    """Load the model and the taxonomy once per worker."""
    from rolefit.models.store import default_model
    from rolefit.text.skills import default_extractor

    default_model()
    default_extractor()
