"""Files of postings: a broken row is reported and the rows after it are still read."""

from __future__ import annotations

from pathlib import Path

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
