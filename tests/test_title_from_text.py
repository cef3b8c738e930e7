"""A posting pasted without --title: its own title line is used, never a sentence."""

from __future__ import annotations

import pytest

from rolefit.services.analyze import analyze_posting
from rolefit.text.title import title_from_text


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Senior Data Scientist – Pricing\n\nWe run experiments.", "Senior Data Scientist – Pricing"),
        ("## Staff MLOps Engineer\nAbout the role", "Staff MLOps Engineer"),
        ("<h2>Machine Learning Engineer</h2><p>Train models.</p>", "Machine Learning Engineer"),
        ("Acme Corp\nJob Title: Data Analyst II\nLocation: Remote", "Data Analyst II"),
        ("Position Title: Principal Data Scientist\nWe need you.", "Principal Data Scientist"),
    ],
)
def test_the_title_line_is_found_with_exact_offsets(text: str, title: str) -> None:
    found = title_from_text(text)
    assert found is not None
    assert text[found[0] : found[1]] == title


@pytest.mark.parametrize(
    "text",
    [
        "We are looking for a Senior Machine Learning Engineer to\njoin our team.",  # a hard-wrapped sentence
        "Location: NY, NY (Remote within the US) Reports To: Director\nBuild things.",
        "Acme builds the future of payments.\nYou will write SQL.",  # no job noun on the first line
        "The Applications Development Intermediate Programmer Analyst\nis responsible for ...",
    ],
)
def test_sentences_and_fact_lines_are_not_titles(text: str) -> None:
    assert title_from_text(text) is None


def test_analysis_without_a_title_checks_the_text_s_own_title() -> None:
    text = (
        "Senior AI Engineer\n\nYou will run A/B tests, build dashboards in Tableau and write SQL for weekly KPI "
        "reporting to the business teams, and present the numbers every Monday."
    )
    result = analyze_posting(text)
    assert result["title_from_text"] == {"start": 0, "end": 18, "text": "Senior AI Engineer"}
    assert result["title_role"] == "ai-engineer"
    assert result["seniority"] == "senior"


def test_a_given_title_is_kept_and_nothing_is_read_from_the_text() -> None:
    result = analyze_posting("Senior AI Engineer\n\nBuild RAG pipelines over LLM APIs.", title="Data Analyst")
    assert "title_from_text" not in result
    assert result["title_role"] == "data-analyst"


def test_markdown_labels_and_headings_around_the_title_are_left_out() -> None:
    text = "**Job Title:** **QA Engineer**\n\n**Location:** Remote"
    found = title_from_text(text)
    assert found is not None and text[found[0] : found[1]] == "QA Engineer"
    text = "## **Sr Info Security Engineer, Product Security**\n\nProtect our product."
    found = title_from_text(text)
    assert found is not None and text[found[0] : found[1]] == "Sr Info Security Engineer, Product Security"
