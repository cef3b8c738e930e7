"""Reading postings and resumes: cleaning, sections, skills with spans, seniority, salary."""
