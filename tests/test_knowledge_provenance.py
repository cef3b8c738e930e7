"""Every fact in the knowledge base is traceable: its figures and section are in the source it cites,
its words are our own, and nothing is left empty."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from pydantic import BaseModel

from rolefit.knowledge.loader import knowledge_base
from rolefit.knowledge.models import CORE_ROLE_IDS, ROLE_IDS, Source

KB = knowledge_base()


def _walk(value: object, path: str = "") -> Iterator[tuple[str, BaseModel]]:
    """Every pydantic object with a `source`, with its path."""
    if isinstance(value, BaseModel):
        if hasattr(value, "source"):
            yield path, value
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{path}[{index}]")


def all_sourced() -> list[tuple[str, BaseModel]]:
    items: list[tuple[str, BaseModel]] = []
    for role in KB.roles.values():
        items.extend(_walk(role, role.id))
    items.extend(_walk(KB.transitions, "transitions"))
    items.extend(_walk(KB.questions, "questions"))
    return items


@cache
def _seed_text(shared: Path, doc: str) -> str:
    return (shared / "seeds" / doc).read_text(encoding="utf-8", errors="replace")


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("*", "").replace("#", "")).strip().lower()


def _is_seed(source: Source) -> bool:
    return KB.documents[source.doc].kind == "seed"


def test_every_source_names_a_known_document() -> None:
    unknown = {str(item.source) for _, item in all_sourced() if item.source.doc not in KB.documents}  # type: ignore[attr-defined]
    assert not unknown, f"documents missing from sources.yaml: {sorted(unknown)[:10]}"


def test_every_seed_section_exists_in_its_document(shared: Path) -> None:
    missing = []
    for path, item in all_sourced():
        source: Source = item.source  # type: ignore[attr-defined]
        if not _is_seed(source):
            continue
        text = _squash(_seed_text(shared, source.doc))
        for part in source.section.split(" > "):
            if _squash(part) not in text:
                missing.append(f"{path}: {source}")
    assert not missing, "sections not found in their seed:\n" + "\n".join(missing[:20])


def _figures(item: BaseModel) -> list[tuple[str, ...]]:
    """Each figure as the spellings a seed may use for it ($150K is '150'; $150,000 is '150000')."""
    figures: list[tuple[str, ...]] = []
    for name in ("min", "max"):
        value = getattr(item, name, None)
        if isinstance(value, int):
            period = getattr(item, "period", "year")
            thousands = period == "year" and value >= 1000 and value % 1000 == 0
            figures.append((str(value // 1000), str(value)) if thousands else (str(value),))
    for name in ("years_min", "years_max", "months_min", "months_max"):
        value = getattr(item, name, None)
        if isinstance(value, int):
            figures.append((str(value),))
    for name in ("text", "summary", "answer", "title"):  # notes are our commentary, not facts
        value = getattr(item, name, None)
        if isinstance(value, str):
            figures.extend((n,) for n in re.findall(r"\d+(?:\.\d+)?", value.replace(",", "")))
    return figures


def test_every_figure_appears_in_the_document_it_cites(shared: Path) -> None:
    wrong = []
    for path, item in all_sourced():
        source: Source = item.source  # type: ignore[attr-defined]
        if not _is_seed(source):
            continue
        text = _seed_text(shared, source.doc).replace(",", "")
        for spellings in _figures(item):
            if not any(re.search(rf"(?<![\d.]){re.escape(f)}(?![\d])", text) for f in spellings):
                wrong.append(f"{path}: {spellings[0]} not in {source.doc}")
    assert not wrong, "figures not found in the cited seed:\n" + "\n".join(wrong[:20])


def _shingles(text: str, size: int = 8) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def test_facts_are_written_in_our_own_words(shared: Path) -> None:
    seed_shingles = set()
    for seed in (shared / "seeds").glob("*.txt"):
        seed_shingles |= _shingles(seed.read_text(encoding="utf-8", errors="replace"))
    copied = []
    for path, item in all_sourced():
        for name in ("text", "summary", "answer"):
            value = getattr(item, name, None)
            if isinstance(value, str) and _shingles(value) & seed_shingles:
                copied.append(f"{path}.{name}: {value[:80]}")
    assert not copied, "sentences copied from a seed:\n" + "\n".join(copied[:20])


@pytest.mark.parametrize("role_id", ROLE_IDS)
def test_every_role_has_every_section_filled(role_id: str) -> None:
    role = KB.role(role_id)
    empty = [
        name for name in type(role).model_fields if isinstance(getattr(role, name), list) and not getattr(role, name)
    ]
    allowed_empty = {"lateral_moves", "certifications", "aspects", "title_patterns"} if not role.core else set()
    assert not set(empty) - allowed_empty, f"{role_id}: empty sections {empty}"


@pytest.mark.parametrize("role_id", CORE_ROLE_IDS)
def test_core_roles_have_levelled_salary_bands(role_id: str) -> None:
    levels = {band.level for band in KB.role(role_id).salary if band.level}
    assert levels, f"{role_id}: no salary band by level"


def test_every_skill_id_used_exists_in_the_taxonomy() -> None:
    used = {(role.id, level.skill) for role in KB.roles.values() for level in role.skills}
    used |= {(role.id, tool.skill) for role in KB.roles.values() for tool in role.tools if tool.skill}
    used |= {(f"{t.from_role}->{t.to_role}", s) for t in KB.transitions for step in t.steps for s in step.skills}
    missing = sorted(f"{where}: {skill}" for where, skill in used if skill not in KB.skills_by_id)
    assert not missing, f"skill ids missing from skills.yaml: {missing[:20]}"


def test_every_alias_maps_to_exactly_one_skill() -> None:
    owner: dict[str, str] = {}
    clashes = []
    for skill in KB.skills:
        keys = {a.lower() for a in (skill.name, *skill.aliases) if a not in skill.case_sensitive}
        keys |= {f"case:{a}" for a in skill.case_sensitive}
        for key in keys:
            if key in owner and owner[key] != skill.id:
                clashes.append(f"{key!r}: {owner[key]} and {skill.id}")
            owner[key] = skill.id
    assert not clashes, clashes[:20]


def test_taxonomy_is_large_enough() -> None:
    assert len(KB.skills) >= 300
