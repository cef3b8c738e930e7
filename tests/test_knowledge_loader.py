"""Loading the knowledge files: valid data loads, broken data fails naming the file and field."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from rolefit.errors import KnowledgeError
from rolefit.knowledge.loader import data_dir, knowledge_base, load_knowledge
from rolefit.knowledge.models import ROLE_IDS


def test_the_shipped_knowledge_base_loads_every_role() -> None:
    kb = knowledge_base()
    assert list(kb.roles) == list(ROLE_IDS)
    assert kb.skills and kb.transitions and kb.questions and kb.documents


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    return target


def test_a_salary_band_with_min_above_max_names_file_and_field(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "roles" / "mlops-engineer.yaml"
    record = yaml.safe_load(path.read_text())
    record["salary"][0]["min"] = 999_000
    record["salary"][0]["max"] = 1_000
    path.write_text(yaml.safe_dump(record))
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(root)
    message = str(caught.value)
    assert "roles/mlops-engineer.yaml" in message and "salary.0" in message and "min must be <= max" in message


def test_a_wrong_schema_version_is_refused(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "skills.yaml"
    record = yaml.safe_load(path.read_text())
    record["schema_version"] = 99
    path.write_text(yaml.safe_dump(record))
    with pytest.raises(KnowledgeError, match="schema_version"):
        load_knowledge(root)


def test_a_malformed_source_is_refused(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    path = root / "roles" / "ai-engineer.yaml"
    record = yaml.safe_load(path.read_text())
    record["focus"][0]["source"] = "no section here"
    path.write_text(yaml.safe_dump(record))
    with pytest.raises(KnowledgeError, match=r"focus\.0\.source"):
        load_knowledge(root)


def test_each_tokenised_alias_belongs_to_one_skill() -> None:
    """The matcher compares aliases after tokenising ("pub-sub" == "pub/sub"), so two skills sharing one would
    silently give every mention to whichever comes first in the file."""
    from rolefit.text.skills import tokenize

    owner: dict[tuple[bool, tuple[str, ...]], str] = {}
    clashes = []
    for skill in knowledge_base().skills:
        exact = set(skill.case_sensitive)
        for alias in (skill.name, *skill.aliases, *skill.case_sensitive):
            tokens = tokenize(alias)
            words = tuple(tokens.words if alias in exact else tokens.lowered)
            first = owner.setdefault((alias in exact, words), skill.id)
            if first != skill.id:
                clashes.append((alias, skill.id, first))
    assert clashes == []
