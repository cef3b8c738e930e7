"""Files of postings: a broken row is reported and the rows after it are still read."""

from __future__ import annotations

from pathlib import Path

import pytest

from rolefit.errors import InputError
from rolefit.text.files import BadRow, PostingRow, iter_posting_rows


def test_an_unclosed_quote_costs_its_own_row_only(tmp_path: Path) -> None:
    path = tmp_path / "postings.csv"
    path.write_text(
        "id,title,description\n"
        '1,Data Scientist,"We need SQL and Python"\n'
        '2,Data Engineer,"Spark pipelines, the quote never closes\n'
        "3,Analyst,Dashboards in Tableau\n"
        '4,ML Engineer,"PyTorch, Kubernetes"\n',
        encoding="utf-8",
    )
    rows = list(iter_posting_rows(path))
    assert [(type(r).__name__, r.row, r.id) for r in rows] == [
        ("PostingRow", 1, "1"),
        ("BadRow", 2, "2"),
        ("PostingRow", 3, "3"),
        ("PostingRow", 4, "4"),
    ]
    assert isinstance(rows[1], BadRow) and "fields" in rows[1].reason
    assert isinstance(rows[3], PostingRow) and rows[3].text == "PyTorch, Kubernetes"


def test_a_well_formed_multi_line_field_stays_one_row(tmp_path: Path) -> None:
    path = tmp_path / "postings.csv"
    path.write_text('id,title,description\n1,DS,"Line one\nLine two, with a comma"\n2,DE,Airflow\n', encoding="utf-8")
    rows = list(iter_posting_rows(path))
    assert [r.text for r in rows if isinstance(r, PostingRow)] == ["Line one\nLine two, with a comma", "Airflow"]


def test_a_quote_left_open_in_the_last_field_does_not_swallow_the_rows_after_it(tmp_path: Path) -> None:
    path = tmp_path / "postings.csv"
    path.write_text(
        'id,title,description\n1,DS,"Python and statistics"\n2,DS,"the quote never closes\n3,DE,Kafka and Flink\n',
        encoding="utf-8",
    )
    rows = list(iter_posting_rows(path))
    assert [(type(r).__name__, r.id) for r in rows] == [("PostingRow", "1"), ("BadRow", "2"), ("PostingRow", "3")]
    assert isinstance(rows[2], PostingRow) and rows[2].text == "Kafka and Flink"


def test_excel_csv_with_semicolons_a_bom_and_windows_line_endings_is_read(tmp_path: Path) -> None:
    path = tmp_path / "postings.csv"
    path.write_bytes(
        b'\xef\xbb\xbf"id";"title";"description"\r\n"1";"Data Analyst";"SQL; Tableau, Excel"\r\n'
        b'"2";"Data Engineer";"Spark"\r\n'
    )
    rows = list(iter_posting_rows(path))
    assert [(r.id, r.title, r.text) for r in rows if isinstance(r, PostingRow)] == [
        ("1", "Data Analyst", "SQL; Tableau, Excel"),
        ("2", "Data Engineer", "Spark"),
    ]


def test_a_latin_1_file_is_decoded_not_replaced_and_utf_16_is_read_by_its_mark(tmp_path: Path) -> None:
    latin = tmp_path / "postings.csv"
    latin.write_bytes("id,title,description\n1,Data Engineer,Wir suchen jemanden für München\n".encode("cp1252"))
    utf16 = tmp_path / "postings.tsv"
    utf16.write_text("id\ttitle\tdescription\r\n1\tAnalyst\tSQL für Berichte\r\n", encoding="utf-16")
    lines = tmp_path / "postings.jsonl"
    lines.write_bytes(b'\xef\xbb\xbf{"id": 1, "description": "SQL'.replace(b"SQL", "für".encode("cp1252")) + b'"}\n')
    assert [r.text for r in iter_posting_rows(latin)] == ["Wir suchen jemanden für München"]
    assert [r.text for r in iter_posting_rows(utf16)] == ["SQL für Berichte"]
    assert [r.text for r in iter_posting_rows(lines)] == ["für"]


@pytest.mark.parametrize(
    ("name", "content"),
    [("empty.jsonl", "\n\n"), ("header_only.csv", "id,title,description\n"), ("empty.csv", "")],
)
def test_a_file_with_no_postings_is_a_clear_error(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=r"empty|no postings"):
        list(iter_posting_rows(path))
