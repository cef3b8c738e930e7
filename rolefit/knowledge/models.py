"""Pydantic models for the knowledge files.

Facts are data: every record that states something about a role carries a
`source` ("<seed file>#<section>" or "<named public source>#<section>").
Validation happens on load so a broken data file fails loudly, naming the
file and the field.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ROLE_IDS: tuple[str, ...] = (
    "ai-engineer",
    "ml-engineer",
    "data-scientist",
    "mlops-engineer",
    "data-analyst",
    "data-engineer",
)
LABELS: tuple[str, ...] = (*ROLE_IDS, "other")
CORE_ROLE_IDS: tuple[str, ...] = ROLE_IDS[:4]

Level = Literal["entry", "mid", "senior", "staff"]
LEVELS: tuple[str, ...] = ("entry", "mid", "senior", "staff")
Location = Literal["us-hub", "remote", "us", "us-total-comp", "freelance", "global"]
LOCATIONS: tuple[str, ...] = ("us-hub", "remote", "us", "us-total-comp", "freelance", "global")
SkillArea = Literal["programming", "ml-ai", "domain", "infrastructure", "data", "soft"]

# Aspects that the seed guides compare side by side; `compare` lines roles up on these.
Aspect = Literal[
    "primary-focus",
    "key-skills",
    "main-output",
    "day-to-day",
    "background",
    "demand",
    "production-code",
    "code-style",
    "lifecycle-stage",
    "work-style",
]


class Source(BaseModel):
    """Where a fact comes from: a document (seed file name) and a section in it."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    doc: str
    section: str

    @classmethod
    def parse(cls, value: str) -> Source:
        doc, sep, section = value.partition("#")
        if not sep or not doc.strip() or not section.strip():
            raise ValueError(f"source must look like 'file.txt#Section', got {value!r}")
        return cls(doc=doc.strip(), section=section.strip())

    def __str__(self) -> str:
        return f"{self.doc}#{self.section}"


class Sourced(BaseModel):
    """Base for every fact: accepts `source: "file#section"` in the data files."""

    model_config = ConfigDict(extra="forbid")
    source: Source

    @field_validator("source", mode="before")
    @classmethod
    def _parse_source(cls, value: object) -> object:
        return Source.parse(value) if isinstance(value, str) else value


class Fact(Sourced):
    text: str = Field(min_length=3)


class AspectFact(Sourced):
    aspect: Aspect
    text: str = Field(min_length=1)


class SkillLevel(Sourced):
    """How much of a skill a role needs, 1 (a little) to 5 (core)."""

    skill: str = Field(description="canonical skill id from skills.yaml")
    area: SkillArea
    level: int = Field(ge=1, le=5)
    note: str | None = None


class Tool(Sourced):
    name: str
    skill: str | None = Field(default=None, description="canonical skill id, if the taxonomy has it")


class SalaryBand(Sourced):
    level: Level | None = Field(default=None, description="None when the source gives one range for all levels")
    location: Location
    min: int = Field(ge=0)
    max: int | None = Field(default=None, ge=0, description="None for open-ended bands such as '$400K+'")
    currency: str = "USD"
    period: Literal["year", "hour"] = "year"
    note: str | None = None

    @model_validator(mode="after")
    def _min_le_max(self) -> SalaryBand:
        if self.max is not None and self.min > self.max:
            raise ValueError(f"min must be <= max (got {self.min} > {self.max})")
        return self


class LadderStep(Sourced):
    title: str
    level: Level | None = None
    years_min: int | None = Field(default=None, ge=0)
    years_max: int | None = Field(default=None, ge=0)

    @property
    def label(self) -> str:
        """'Senior ML Engineer (4-7 years)', 'Staff ML Engineer (7+ years)', or just the title."""
        if self.years_min is None:
            return self.title
        span = f"{self.years_min}-{self.years_max}" if self.years_max is not None else f"{self.years_min}+"
        return f"{self.title} ({span} years)"


class LateralMove(Sourced):
    to: str = Field(description="a role id or a free-text destination such as 'Product Manager (AI)'")
    text: str | None = None


class Role(BaseModel):
    """Everything the knowledge base knows about one role."""

    model_config = ConfigDict(extra="forbid")
    schema_version: int
    id: str
    name: str
    core: bool
    aliases: list[str] = Field(description="spellings that resolve to this role (MLE, ML engineer, ...)")
    title_patterns: list[str] = Field(default_factory=list, description="words in job titles that suggest this role")
    summary: Fact
    focus: list[Fact]
    outputs: list[Fact]
    stakeholders: list[Fact]
    lifecycle: list[Fact] = Field(description="where the role sits in the ML product lifecycle")
    aspects: list[AspectFact] = Field(default_factory=list)
    responsibilities: list[Fact]
    day_to_day: list[Fact]
    skills: list[SkillLevel]
    tools: list[Tool]
    education: list[Fact]
    certifications: list[Fact] = Field(default_factory=list)
    salary: list[SalaryBand]
    ladder: list[LadderStep]
    lateral_moves: list[LateralMove] = Field(default_factory=list)
    entry_points: list[Fact]
    success_metrics: list[Fact]
    use_cases: list[Fact]
    choose_if: list[Fact]
    hire_when: list[Fact]


class TransitionStep(Sourced):
    title: str
    skills: list[str] = Field(default_factory=list, description="canonical skill ids this step builds")


class Transition(Sourced):
    """A route from one role to another as the sources describe it."""

    from_role: str = Field(alias="from")
    to_role: str = Field(alias="to")
    months_min: int | None = Field(default=None, ge=0)
    months_max: int | None = Field(default=None, ge=0)
    summary: str
    steps: list[TransitionStep]

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Question(Sourced):
    question: str
    answer: str
    roles: list[str] = Field(default_factory=list)


class Document(BaseModel):
    model_config = ConfigDict(extra="forbid")
    doc: str
    title: str
    published: str | None = None
    kind: Literal["seed", "public-dataset"] = "seed"
    note: str | None = None


class Skill(BaseModel):
    """A canonical skill or tool with the spellings postings use for it."""

    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9+#.\-]*$")
    name: str
    category: str
    kind: Literal["skill", "tool"] = "skill"
    aliases: list[str] = Field(default_factory=list)
    case_sensitive: list[str] = Field(
        default_factory=list, description="aliases matched only with this exact case (R, Go, SAS)"
    )
    alias_source: str = Field(description="where the alias list came from (seed, O*NET, ESCO, postings)")
