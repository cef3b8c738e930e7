"""Read files of postings (CSV, JSONL, Parquet) as a stream, reporting rows that cannot be read.

Bad rows never stop a run: each becomes a :class:`BadRow` with its row number and the reason.
Memory stays flat whatever the file size (rows are streamed, Parquet in record batches).
"""

from __future__ import annotations

import codecs
import csv
import itertools
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from rolefit.errors import InputError, not_a_file

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
        self.ended = False  # the reader asked past the last line: the record it was reading ran to the end

    def __iter__(self) -> _RawLines:
        return self

    def __next__(self) -> str:
        try:
            line = next(self._lines)
        except StopIteration:
            self.ended = True
            raise
        self.taken.append(line)
        return line


def _cp1252_fallback(error: UnicodeError) -> tuple[str, int]:
    """Bytes that are not UTF-8 are read as cp1252 (what Excel writes on Windows), byte by byte, so one Latin-1 row
    does not turn "für" into "f\ufffdr" and a file of them streams without a guess at its encoding first."""
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("cp1252", errors="replace"), error.end


codecs.register_error("rolefit-cp1252", _cp1252_fallback)


def _open_text(path: Path) -> TextIO:
    """The file as text: UTF-16 by its byte-order mark, else UTF-8 (a BOM dropped) with cp1252 for bytes that are not."""
    with path.open("rb") as handle:
        start = handle.read(2)
    if start in (b"\xff\xfe", b"\xfe\xff"):
        return path.open(encoding="utf-16", errors="replace", newline="")
    return path.open(encoding="utf-8-sig", errors="rolefit-cp1252", newline="")


# Separators a CSV may use when its suffix says comma: Excel in much of Europe writes semicolons.
_DELIMITERS = (",", ";", "\t", "|")


def _delimiter(header_line: str, default: str, columns: Columns) -> str:
    """The separator the header line uses: the one that splits out the text column, else the one that splits it
    into the most fields; with one field either way, the suffix's."""
    best, best_count = default, 1
    for delimiter in (default, *_DELIMITERS):
        fields = next(csv.reader([header_line], delimiter=delimiter), [])
        if columns.text in (field.strip() for field in fields):
            return delimiter
        if len(fields) > best_count:
            best, best_count = delimiter, len(fields)
    return best


def _iter_csv(path: Path, columns: Columns, delimiter: str) -> Iterator[PostingRow | BadRow]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with _open_text(path) as handle:
        first = handle.readline()
        if not first.strip():
            raise InputError(f"{path.name} is empty")
        delimiter = _delimiter(first, delimiter, columns)
        lines = _RawLines(itertools.chain([first], handle))
        reader = csv.reader(lines, delimiter=delimiter)
        header = [name.strip() for name in next(reader)]
        _check_columns(header, columns, path)
        number = 0
        pending: list[str] = []  # lines of a broken record, read again one record at a time
        while True:
            from_pending = bool(pending)
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
            if not from_pending and lines.ended and len(lines.taken) > 1 and "".join(lines.taken).count('"') % 2:
                # A quote opened in the last field and never closed ran to the end of the file, taking every row after
                # it into this one's text: a closed record always has an even number of quotes.
                yield BadRow(number, values[0] or None, "a quote opened in this row is never closed")
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
    with _open_text(path) as handle:
        number = 0
        for line in handle:
            if not line.strip():
                continue
            number += 1
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield BadRow(number, None, f"invalid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})")
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
        raise not_a_file(path)
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise InputError(f"{path.name}: unknown format; use .csv, .tsv, .jsonl or .parquet")
    if kind in ("csv", "tsv"):
        rows = _iter_csv(path, columns, "," if kind == "csv" else "\t")
    elif kind == "jsonl":
        rows = _iter_jsonl(path, columns)
    else:
        rows = _iter_parquet(path, columns)
    return _not_empty(rows, path)


def _not_empty(rows: Iterator[PostingRow | BadRow], path: Path) -> Iterator[PostingRow | BadRow]:
    """The rows, or a clear error when there are none: an empty file is a mistake, not a run with nothing to do."""
    empty = True
    for row in rows:
        empty = False
        yield row
    if empty:
        raise InputError(f"{path.name} has no postings (it is empty or has only a header)")
