"""Reading postings: sections, skills with exact evidence, required vs nice-to-have, seniority, pay."""

from __future__ import annotations

import pytest

from rolefit.errors import InputError
from rolefit.text.clean import blank_markup, decode_bytes
from rolefit.text.negation import negated_spans
from rolefit.text.posting import read_posting
from rolefit.text.salary import find_salary
from rolefit.text.sections import split_sections
from rolefit.text.seniority import seniority_from, years_required

POSTING = """About Acme
Acme is an AI company building Kubernetes-native tools for data teams.

What you'll do
- Build RAG pipelines and LLM agents for our support copilot
- Evaluate model outputs and add guardrails

Requirements
- 3+ years of experience with Python and SQL
- Experience with vector databases (Pinecone or Weaviate)

Nice to have
- Experience with Kubernetes

Benefits
- Health insurance, 401(k), and a Tableau licence for everyone

Acme is an equal opportunity employer and considers applicants without regard to race or gender.
"""


def test_sections_find_company_blurb_job_parts_benefits_and_eeo() -> None:
    kinds = [s.kind for s in split_sections(POSTING)]
    assert kinds[:2] == ["about", "about"] or kinds[0] == "about"
    for kind in ("responsibilities", "requirements", "nice", "benefits", "eeo"):
        assert kind in kinds


def test_company_blurb_and_benefits_do_not_count_as_skills_asked_for() -> None:
    reading = read_posting(POSTING, "AI Engineer")
    by_id = {s.id: s for s in reading.skills}
    assert "tableau" not in by_id  # only in benefits
    kubernetes = by_id["kubernetes"]
    assert kubernetes.required is False  # only in "Nice to have" (the blurb mention is ignored)
    assert len(kubernetes.evidence) == 1
    assert by_id["python"].required and by_id["rag"].required


def test_every_evidence_span_indexes_the_input_exactly() -> None:
    reading = read_posting(POSTING)
    for skill in reading.skills:
        for start, end in skill.evidence:
            assert POSTING[start:end].strip() == POSTING[start:end]
            assert POSTING[start:end]


def test_html_and_markdown_keep_offsets() -> None:
    html = "<p><b>Requirements</b></p><ul><li>Strong <strong>PyTorch</strong> &amp; Docker skills</li></ul>"
    assert len(blank_markup(html)) == len(html)
    reading = read_posting(html)
    spans = {html[a:b] for s in reading.skills for a, b in s.evidence}
    assert {"PyTorch", "Docker"} <= spans


def test_html_pasted_as_one_line_keeps_its_headings_lists_and_nice_to_haves() -> None:
    html = (
        '<div class="posting"><script>var stack = "tensorflow";</script><h2>About Acme</h2><p>Acme builds logistics'
        " software for our customers. Our platform runs on Kubernetes and we love Rust.</p><h2>Requirements</h2>"
        "<ul><li>Build data pipelines in Python and SQL</li><li>3+ years with Spark</li></ul>"
        "<h2>Nice to have</h2><ul><li>Kafka</li><li>Terraform</li></ul></div>"
    )
    cleaned = blank_markup(html)
    assert len(cleaned) == len(html) and "tensorflow" not in cleaned
    reading = read_posting(html, "Data Engineer")
    asked = {s.id: s.required for s in reading.skills}
    # the employer's blurb is not asked for, the requirements are required, the nice-to-haves are not
    assert {"kubernetes", "rust", "tensorflow"}.isdisjoint(asked)
    assert asked["python"] and asked["sql"] and asked["spark"]
    assert not asked["kafka"] and not asked["terraform"]
    assert [s.heading for s in reading.sections if s.heading] == ["About Acme", "Requirements", "Nice to have"]
    assert {"Python", "SQL", "Spark", "Kafka"} <= {html[a:b] for s in reading.skills for a, b in s.evidence}


def test_spelling_variants_map_to_one_skill() -> None:
    text = "You will run A/B tests and online experiments, deploy to k8s and use scikit-learn."
    found = {s.id for s in read_posting(text).skills}
    assert {"a-b-testing", "kubernetes", "scikit-learn"} <= found


def test_case_sensitive_aliases_do_not_fire_on_common_words() -> None:
    text = "Requirements: experience with R and Go. We go to great lengths; r&d matters."
    found = {s.id: s for s in read_posting(text).skills}
    assert "r" in found and len(found["r"].evidence) == 1
    assert "go" in found and len(found["go"].evidence) == 1


@pytest.mark.parametrize(
    ("title", "text", "level"),
    [
        ("Senior ML Engineer", "", "senior"),
        ("Junior Data Analyst", "", "entry"),
        ("Staff Data Scientist", "", "staff"),
        ("Data Scientist", "You have 5+ years of experience in analytics.", "senior"),
        ("Data Scientist", "Requires 1-2 years of relevant experience", "entry"),
        ("Data Scientist", "No years given", None),
        # numbers in words, a plus sign alone, the overall requirement before a narrower one
        ("Data Engineer", "at least ten years of experience", "staff"),
        ("Data Analyst", "Minimum of three (3) years of experience with SQL", "mid"),
        ("Data Scientist", "5+ yrs in analytics; mentor junior analysts", "senior"),
        ("Data Scientist", "5+ years as a data scientist. 3+ years of experience with large-scale data", "senior"),
        ("AI Engineer", "This is an entry-level role for new grads", "entry"),
        # a range counts from its start, with or without a plus sign after it
        ("ML Engineer", "Solid engineering experience (2–5+ years) with Python", "mid"),
        ("Software Engineer", "0-2 years of professional software development experience", "entry"),
    ],
)
def test_seniority_from_title_then_years(title: str, text: str, level: str | None) -> None:
    assert seniority_from(title, text) == level


def test_years_required_skips_lines_that_only_prefer_them() -> None:
    assert years_required("at least 3 years of Python; 5+ years of experience preferred") == 3
    assert years_required("- 7+ years of experience preferred\n- 4+ years of Python experience") == 4


@pytest.mark.parametrize(
    ("text", "low", "high", "period", "currency"),
    [
        ("The pay range is $120,000 - $150,000 per year.", 120_000, 150_000, "year", "USD"),
        ("Salary: $120K–$150K", 120_000, 150_000, "year", "USD"),
        ("$45-$60 per hour", 45, 60, "hour", "USD"),
        ("€60.000 - €75.000 per annum", 60_000, 75_000, "year", "EUR"),
        ("$60/hr", 60, 60, "hour", "USD"),
        # the currency after the figures, a monthly wage, Indian lakhs and grouping, other currencies
        ("The base salary range for this position is 176,000 - 281,000 USD.", 176_000, 281_000, "year", "USD"),
        ("Salary: 1000 - 1500 USD Monthly", 1_000, 1_500, "month", "USD"),
        ("Employment contract (13 600 - 16 000 PLN gross/monthly)", 13_600, 16_000, "month", "PLN"),
        ("INR 16 Lakh to 24 Lakh (CTC) based on experience", 1_600_000, 2_400_000, "year", "INR"),
        ("₹25,00,000 - ₹35,00,000 per year", 2_500_000, 3_500_000, "year", "INR"),
        ("Singapore Residents: S$138,400 - S$207,600/year", 138_400, 207_600, "year", "SGD"),
        ("Base Salary: $185,000 USD - $265,000 USD per year", 185_000, 265_000, "year", "USD"),
        ("between 40,000 and 55,000 euros gross", 40_000, 55_000, "year", "EUR"),
        ("From 7000 up to 22.000 PLN/month", 7_000, 22_000, "month", "PLN"),
        # a code before a bare dollar sign says which dollar, on either end of the range
        ("Salary: CAD ~$90,000 - $110,000 / year", 90_000, 110_000, "year", "CAD"),
        ("Zone A: USD $163,600 - USD $245,400", 163_600, 245_400, "year", "USD"),
        ("Votre rémunération se situe entre 45 K€ et 56 K€", 45_000, 56_000, "year", "EUR"),
        # a year before the figure is not a figure, and does not hide the one after it
        ("Starting in 2026 $130k-$150k", 130_000, 150_000, "year", "USD"),
        # a perk first, then the wage
        ("$750 Home office stipend. Salary: $120,000 - $140,000", 120_000, 140_000, "year", "USD"),
        # a code after a bare dollar sign says which dollar or peso
        ("Salary: $145k AUD + super", 145_000, 145_000, "year", "AUD"),
        ("AR $2.2M ARS/mo. - Anywhere $47K USD/yr.", 2_200_000, 2_200_000, "month", "ARS"),
        ("Compensation: MXN 836,400 - MXN 1,100,000 per year", 836_400, 1_100_000, "year", "MXN"),
        # period words in Spanish, French and German
        ("Ein Bruttogehalt von 3.000 € bis 5.000 € monatlich", 3_000, 5_000, "month", "EUR"),
        ("Salario: 2.500.000 COP al mes", 2_500_000, 2_500_000, "month", "COP"),
        ("Rémunération : 3 500 € brut par mois", 3_500, 3_500, "month", "EUR"),
        # a currency outside the table is skipped, not read as US dollars
        ("UY $112K URU/mo. - Anywhere $31K USD/yr.", 31_000, 31_000, "year", "USD"),
        # figures with cents are one range, not the first figure alone
        ("Salary range: $99,501.91 – $183,764.31", 99_501.91, 183_764.31, "year", "USD"),
        ("The base salary range is $107,000.00 - $119,000.00 USD", 107_000, 119_000, "year", "USD"),
        ("Gehalt: 80.000,00 € - 95.000,00 € brutto", 80_000, 95_000, "year", "EUR"),
        ("Full Time Salary Range: $142 320,00 - $213 480,00", 142_320, 213_480, "year", "USD"),
        # a second figure that is no wage leaves the first alone
        ("Los Angeles, CA $95,000.00-$ 2 weeks ago", 95_000, 95_000, "year", "USD"),
        # lakhs per annum are rupees even when no currency is named
        ("Experience- 5 to 10 years\n\nSalary- 12 LPA to 22 LPA", 1_200_000, 2_200_000, "year", "INR"),
    ],
)
def test_stated_pay_is_parsed(text: str, low: float, high: float, period: str, currency: str) -> None:
    salary = find_salary(text)
    assert salary is not None
    assert (salary.min, salary.max, salary.period, salary.currency) == (low, high, period, currency)
    assert text[salary.start : salary.end] == salary.text


def test_money_that_is_not_pay_is_ignored() -> None:
    assert find_salary("We raised $20M from top investors and offer a $50 gym stipend.") is None
    assert find_salary("5-7 years of experience, 401k match") is None
    assert find_salary("A personal budget of $1,000 USD per month to spend on learning") is None
    assert find_salary("You will receive a cash gift of 34,000 INR for your new addition") is None
    assert find_salary("We grew to $120K ARR in a year") is None


def test_empty_and_huge_postings_are_refused_clearly() -> None:
    with pytest.raises(InputError, match="empty"):
        read_posting("   \n ")
    with pytest.raises(InputError, match="limit"):
        read_posting("x " * 200_000)


def test_bytes_in_any_common_encoding_decode() -> None:
    assert decode_bytes("Café Python".encode("cp1252")) == "Café Python"
    assert decode_bytes("\ufeffPython".encode()) == "Python"
    assert decode_bytes("Python".encode("utf-16")) == "Python"
    assert decode_bytes("Senior Data Scientist".encode("utf-16-le")) == "Senior Data Scientist"


def test_bytes_that_are_no_text_are_refused_not_read_as_a_posting() -> None:
    png_header = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    with pytest.raises(InputError, match="not text"):
        decode_bytes(png_header)
    with pytest.raises(InputError, match="not text"):
        decode_bytes(bytes(range(1, 32)) * 50)


def test_employer_blurb_inside_job_sections_and_the_employer_name_are_not_skills() -> None:
    text = (
        "About the role\n\nYou will build LLM serving with Kubernetes and ship models to production.\n\n"
        "Requirements\n\n- 3+ years of Python\n- Experience with Datadog or Grafana\n\n"
        "Why Fireworks AI?\n\n- Work with Kubernetes experts on cutting-edge infrastructure\n"
    )
    reading = read_posting(text)
    spans = {text[a:b] for s in reading.skills for a, b in s.evidence}
    assert {"Python", "Datadog", "Kubernetes"} <= spans
    assert "Fireworks AI" not in spans
    kubernetes = next(s for s in reading.skills if s.id == "kubernetes")
    assert len(kubernetes.evidence) == 1  # the copy under "Why Fireworks AI?" sells the employer


def test_a_multi_word_alias_matches_across_a_hard_wrapped_line_but_not_across_list_items() -> None:
    wrapped = "- Familiarity with generative AI models, including large language\n  models and their applications\n"
    assert "llm" in {s.id for s in read_posting("Requirements\n\n" + wrapped).skills}
    listed = "Requirements\n\n- Computer\n- Vision and hearing tests are a plus\n"
    assert all(s.id != "computer-vision" for s in read_posting(listed).skills)


def _spans(text: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for skill in read_posting(text).skills:
        found.setdefault(skill.id, set()).update(text[a:b] for a, b in skill.evidence)
    return found


def test_multi_word_aliases_match_in_either_number_and_aliases_with_commas_match() -> None:
    text = (
        "Requirements\n\n- Build Proof-of-Concepts with an open-source LLM\n"
        "- Optimal extraction, transformation, and loading of data\n"
    )
    found = _spans(text)
    assert found["prototyping"] == {"Proof-of-Concepts"}
    assert found["etl"] == {"extraction, transformation, and loading"}
    assert "open-source LLM" in found["llm"]
    assert "artificial-intelligence" not in _spans("Requirements\n\n- Stay current with AI developments\n")


def test_degree_fields_on_a_hard_wrapped_line_and_team_names_in_lists_are_not_skills() -> None:
    text = (
        "Requirements\n\n- Bachelor's or Master's degree in Computer Science, Physics,\n"
        "  Mathematics, or a related field.\n- Strong Python skills\n\n"
        "Responsibilities\n\n- Partner with engineering, data science, and business teams\n"
        "- Support our Data & Analytics crew\n"
    )
    found = _spans(text)
    assert "python" in found
    assert not {"mathematics", "data-science", "data-analysis"} & found.keys()


def test_product_adjectives_verbs_titles_and_employer_values_are_not_skills() -> None:
    text = (
        "Responsibilities\n\n- Ship customer-facing features\n- Build tools to give us visibility\n"
        "- In the role of Senior Software Engineer, Data Platform at Acme, you will use Python\n"
        "- Lending technical expertise to our company values of accountability and collaboration\n"
        "- The A.C. Coy Company uses SQL\n"
    )
    found = _spans(text)
    assert {"python", "sql"} <= found.keys()
    not_skills = {"customer-facing", "build-tools", "data-engineering", "finance-domain", "ownership", "collaboration"}
    assert not (not_skills | {"c"}) & found.keys()
    assert "customer-facing" in _spans("Requirements\n\n- Customer-facing experience gathering requirements\n")


def test_the_employer_saying_what_it_needs_is_the_job_not_a_blurb() -> None:
    reading = read_posting("Senior Data Scientist\n\nWe need SQL, Python and A/B testing experience.")
    assert [s.id for s in reading.skills] == ["sql", "python", "a-b-testing"]


def test_nice_to_have_is_read_per_sentence_on_a_line_of_prose() -> None:
    reading = read_posting("Requirements: SQL and Python experience. Spark is a plus.")
    assert {s.id: s.required for s in reading.skills} == {"sql": True, "python": True, "spark": False}
    # an abbreviation's full stop does not end the sentence that makes the list optional
    listed = read_posting("Familiarity with cloud services, e.g. AWS or Databricks.")
    assert {s.id: s.required for s in listed.skills}["aws"] is False


@pytest.mark.parametrize(
    ("line", "optional"),
    [
        ("Expérience dans un mode de livraison Agile (un atout)", "agile"),
        ("Une connaissance de Kafka serait un plus.", "kafka"),
        ("Du hast idealerweise schon Erfahrung mit Terraform gesammelt", "terraform"),
        ("Erfahrung mit Kafka ist von Vorteil", "kafka"),
        ("Experiencia con Kafka (deseable)", "kafka"),
    ],
)
def test_nice_to_have_in_french_german_and_spanish_is_not_required(line: str, optional: str) -> None:
    reading = read_posting(f"Profil\n\n- {line}\n- Python\n")
    assert {s.id: s.required for s in reading.skills} == {optional: False, "python": True}


def test_what_a_posting_says_you_do_not_need_is_not_asked_for() -> None:
    text = (
        "Responsibilities\n- Build data pipelines in Python\n\nWhat You Don’t Need\n- Deep machine learning knowledge\n"
    )
    reading = read_posting(text, "Data Engineer")
    assert [s.kind for s in reading.sections] == ["responsibilities", "not-needed"]
    assert [s.id for s in reading.skills] == ["data-pipelines", "python"]
    assert "machine learning" not in reading.job_text


def test_a_skill_the_posting_says_is_not_needed_is_not_asked_for() -> None:
    text = (
        "What you need\n"
        "- 3+ years of Python\n"
        "- No prior experience with Kubernetes required.\n"
        "- You don't need a PhD or deep knowledge of PyTorch, but SQL is a must.\n"
        "- We don’t expect prior experience with Clojure — Docker is used daily.\n"
    )
    reading = read_posting(text, "Data Scientist")
    # the clause ends at "but" and at the dash: what follows is asked for again
    assert {s.id: s.required for s in reading.skills} == {"python": True, "sql": True, "docker": True}
    # "not required" of something the employer would still like to see stays a nice-to-have, not a non-skill
    optional = read_posting("Requirements\n- Python\n- Experience with Spark is helpful but not required\n")
    assert {s.id: s.required for s in optional.skills} == {"python": True, "spark": False}


def test_negation_reaches_only_to_the_end_of_its_clause() -> None:
    lowered = "we do not require prior knowledge of our stack, only a desire to learn. python is required."
    spans = negated_spans(lowered)
    assert [lowered[a:b] for a, b in spans] == ["do not require prior knowledge of our stack"]
    assert negated_spans("no travel required; sql and python required.") == [(0, 18)]


def test_requirements_run_into_an_equal_opportunity_statement_without_a_blank_line() -> None:
    text = (
        "Requirements\n"
        "Bachelor's degree in Economics or a related field.\n"
        "2+ years of experience with SQL and Tableau.\n"
        "Advanced proficiency in Microsoft Excel.\n"
        "We are an equal opportunity employer; reasonable accommodation is available on request.\n"
        "All qualified applicants will receive consideration without regard to race or national origin.\n"
    )
    reading = read_posting(text, "Data Analyst")
    assert [s.kind for s in reading.sections if text[s.start : s.end].strip()] == ["requirements", "eeo"]
    assert {"sql", "tableau", "excel"} <= set(reading.skill_ids())
    assert reading.seniority == "mid"
    assert "equal opportunity" not in reading.job_text


def test_leadership_as_the_people_reported_to_is_not_a_skill() -> None:
    text = "Requirements\n- Present findings to senior leadership\n- Strong leadership and Python\n"
    reading = read_posting(text, "Data Scientist")
    leadership = [s for s in reading.skills if s.id == "leadership"]
    assert [text[a:b] for a, b in leadership[0].evidence] == ["leadership"]
    assert leadership[0].evidence[0][0] == text.index("Strong leadership") + len("Strong ")
    text = "Requirements\n- 5+ years as a software engineer with leadership responsibilities\n"
    assert "leadership" in read_posting(text, "Staff Engineer").skill_ids()
