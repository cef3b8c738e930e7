"""Role names as people type them resolve to ids; unknown ones suggest the closest."""

from __future__ import annotations

import pytest

from rolefit.errors import UnknownRoleError
from rolefit.knowledge.resolve import resolve_role


@pytest.mark.parametrize(
    ("typed", "role_id"),
    [
        ("ml-engineer", "ml-engineer"),
        ("MLE", "ml-engineer"),
        ("ML engineer", "ml-engineer"),
        ("Machine Learning Engineer", "ml-engineer"),
        ("data science", "data-scientist"),
        ("Data Scientists", "data-scientist"),
        ("MLOps", "mlops-engineer"),
        ("AI Engineer", "ai-engineer"),
        ("data analyst", "data-analyst"),
        ("Data Engineer", "data-engineer"),
    ],
)
def test_common_spellings_resolve(typed: str, role_id: str) -> None:
    assert resolve_role(typed) == role_id


def test_an_unknown_role_suggests_the_closest() -> None:
    with pytest.raises(UnknownRoleError) as caught:
        resolve_role("ml-enginer")
    assert caught.value.suggestions[0] == "ml-engineer"
    assert "did you mean 'ml-engineer'" in str(caught.value)


def test_other_is_a_label_but_not_a_role_to_show() -> None:
    with pytest.raises(UnknownRoleError):
        resolve_role("other")
    assert resolve_role("other", allow_other=True) == "other"
