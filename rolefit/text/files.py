"""Read files of postings (CSV, JSONL, Parquet) as a stream, reporting rows that cannot be read.

Bad rows never stop a run: each becomes a :class:`BadRow` with its row number and the reason.
Memory stays flat whatever the file size (rows are streamed, Parquet in record batches).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from rolefit.errors import InputError

__all__ = ["BadRow", "PostingRow", "Columns", "iter_posting_rows", "FORMATS"]

FORMATS = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".parquet": "parquet"}


@dataclass(frozen=True, slots=True)
class Columns:
    id: str = "id"
    title: str = "title"
    text: str = "description"


@dataclass(frozen=True, slots=True)
class PostingRow:
    row: int  # 1-based data row number (header not counted)
    id: str
    title: str | None
    text: str


@dataclass(frozen=True, slots=True)
class BadRow:
    row: int
    id: str | None
    reason: str


def _row(number: int, record: dict[str, object], columns: Columns) -> PostingRow | BadRow:
    raw_id = record.get(columns.id)
    posting_id = str(raw_id) if raw_id not in (None, "") else str(number)
    text = record.get(columns.text)
    if not isinstance(text, str) or not text.strip():
        return BadRow(number, posting_id, f"no text in column {columns.text!r}")
    title = record.get(columns.title)
    return PostingRow(number, posting_id, str(title) if title not in (None, "") else None, text)


def _check_columns(found: list[str], columns: Columns, path: Path) -> None:
    if columns.text not in found:
        raise InputError(
            f"{path.name}: no column {columns.text!r} for the posting text (columns: {', '.join(found[:12])}); "
            "choose one with --text-col"
        )


class _RawLines:
    """The file's lines as the CSV reader takes them, kept until the record they form is done: a record broken by
    a stray quote can be read again line by line."""

    def __init__(self, lines: Iterator[str]) -> None:
        self._lines = lines
        self.taken: list[str] = []

    def __iter__(self) -> _RawLines:
        return self

    def __next__(self) -> str:
        line = next(self._lines)
        self.taken.append(line)
        return line


def _iter_csv(path: Path, columns: Columns, delimiter: str) -> Iterator[PostingRow | BadRow]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        lines = _RawLines(iter(handle))
        reader = csv.reader(lines, delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            raise InputError(f"{path.name} is empty") from None
        header[0] = header[0].lstrip("\ufeff")
        _check_columns(header, columns, path)
        number = 0
        pending: list[str] = []  # lines of a broken record, read again one record at a time
        while True:
            if pending:
                values, error = _first_record(pending, delimiter)
            else:
                lines.taken = []
                try:
                    values, error = next(reader), None
                except StopIteration:
                    return
                except csv.Error as exc:
                    values, error = [], exc
            number += 1
            if error is not None:
                yield BadRow(number, None, f"unreadable CSV row ({error})")
                continue
            if len(values) != len(header):
                yield BadRow(
                    number, values[0] if values else None, f"has {len(values)} fields, the header has {len(header)}"
                )
                # An unclosed quote swallows the lines after it into one record: those lines are rows of their own.
                if not pending and len(lines.taken) > 1:
                    pending = lines.taken[1:]
                continue
            yield _row(number, dict(zip(header, values, strict=True)), columns)


def _first_record(pending: list[str], delimiter: str) -> tuple[list[str], Exception | None]:
    """The first record of the lines left over from a broken one, taking its lines off ``pending``."""
    own = _RawLines(iter(pending))
    try:
        values = next(csv.reader(own, delimiter=delimiter))
    except csv.Error as exc:
        del pending[: max(1, len(own.taken))]
        return [], exc
    del pending[: len(own.taken)]
    return values, None


def _iter_jsonl(path: Path, columns: Columns) -> Iterator[PostingRow | BadRow]:
    with path.open(encoding="utf-8", errors="replace") as handle:
        number = 0
        for line in handle:
            if not line.strip():
                continue
            number += 1
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield BadRow(number, None, f"invalid JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(record, dict):
                yield BadRow(number, None, "not a JSON object")
                continue
            yield _row(number, record, columns)


def _iter_parquet(path: Path, columns: Columns) -> Iterator[PostingRow | BadRow]:
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:
        raise InputError(f"{path.name} is not a readable Parquet file ({exc})") from None
    names = parquet.schema_arrow.names
    _check_columns(names, columns, path)
    wanted = [c for c in (columns.id, columns.title, columns.text) if c in names]
    number = 0
    for batch in parquet.iter_batches(batch_size=2048, columns=wanted):
        for record in batch.to_pylist():
            number += 1
            yield _row(number, record, columns)


def iter_posting_rows(path: Path, columns: Columns | None = None) -> Iterator[PostingRow | BadRow]:
    """Rows of a postings file, in order; the format comes from the suffix."""
    columns = columns or Columns()
    if not path.exists():
        raise InputError(f"No such file: {path}")
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise InputError(f"{path.name}: unknown format; use .csv, .tsv, .jsonl or .parquet")
    if kind in ("csv", "tsv"):
        return _iter_csv(path, columns, "," if kind == "csv" else "\t")
    if kind == "jsonl":
        return _iter_jsonl(path, columns)
    return _iter_parquet(path, columns)
