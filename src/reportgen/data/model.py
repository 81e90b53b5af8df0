"""The checked data contract (docs/data-format.md, version 1) as pydantic models.

Shapes and types only: every model forbids unknown keys, amounts are Decimal, value
expressions are parsed into :class:`~reportgen.data.values.ValueExpr`. Rules that need several
fields at once live in :mod:`reportgen.data.validate`.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from reportgen.data.indicator_names import normalize_level1, normalize_level2
from reportgen.data.values import ValueExpr, checked_number, parse_value
from reportgen.data.vocabulary import DEFAULT_BUDGET_WEIGHT, DEFAULT_GROUP_WEIGHTS
from reportgen.support import limits


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True, arbitrary_types_allowed=True)


def _value(raw: object) -> ValueExpr:
    if isinstance(raw, ValueExpr):
        return raw
    return parse_value(raw)


def _text_item(raw: object) -> object:
    return {"text": raw} if isinstance(raw, str) else raw


Amount = Annotated[Decimal, Field(ge=0, allow_inf_nan=False), AfterValidator(checked_number)]
Number = Annotated[Decimal, AfterValidator(checked_number)]


def _ordered_bands(bands: tuple[Decimal, Decimal]) -> tuple[Decimal, Decimal]:
    high, low = bands
    if not 0 < low < high <= 1:
        raise ValueError("应写成两个 0 到 1 之间、由高到低的小数，例如 [0.8, 0.6]")
    return bands


# 定性指标档次下限 [达成, 部分达成] as shares of the weight; data files and scoring profiles share it.
QualitativeBands = Annotated[tuple[Number, Number], AfterValidator(_ordered_bands)]
Count = Annotated[int, Field(ge=0, le=limits.MAX_COUNT)]
Value = Annotated[ValueExpr, BeforeValidator(_value)]
# The words of reportgen.data.vocabulary (COMPLETION_GRADES, GRADES), spelt out for the type checker.
Grade = Literal["达成", "部分达成", "未达成"]
Grade4 = Literal["优", "良", "中", "差"]


class Staff(_Model):
    """人员情况."""

    authorized: Count | None = None
    actual: Count | None = None
    in_service: Count | None = None
    retired: Count | None = None


class Unit(_Model):
    """单位信息."""

    name: str = Field(min_length=1)
    short_name: str | None = None
    code: str | None = None
    level: str | None = None
    functions: list[str] = []
    departments: list[str] = []
    staff: Staff | None = None
    overview: str | None = None

    @property
    def display_name(self) -> str:
        """简称, falling back to the full name."""
        return self.short_name or self.name


class BySource(_Model):
    """按收入性质分: parts of 全年预算数."""

    general_public: Amount = Decimal(0)
    government_fund: Amount = Decimal(0)
    state_capital: Amount = Decimal(0)
    social_insurance: Amount = Decimal(0)
    special_account: Amount = Decimal(0)
    carryover: Amount = Decimal(0)
    other: Amount = Decimal(0)


class ByNature(_Model):
    """按支出性质分: 基本支出 (= 人员经费 + 公用经费) and 项目支出."""

    basic: Amount | None = None
    personnel: Amount | None = None
    public_use: Amount | None = None
    project: Amount | None = None


class Budget(_Model):
    """年度资金. Each amount may be missing in a draft (a target table gives only 资金总额)."""

    initial: Amount | None = None
    adjusted: Amount | None = None
    executed: Amount | None = None
    weight: Amount = DEFAULT_BUDGET_WEIGHT
    by_source: BySource | None = None
    by_nature: ByNature | None = None


class PublishedProject(_Model):
    """原表数字 of a project: the 执行率 (%) the unit printed."""

    execution_rate: Amount | None = None


class ProjectItem(_Model):
    """项目支出明细的一行. Its 预算数 may be missing in a draft (next year's report copied
    from this year's keeps the projects, not their amounts), like its 执行数."""

    name: str = Field(min_length=1)
    budget: Amount | None = None
    executed: Amount | None = None
    source: str | None = None
    note: str | None = None
    published: PublishedProject | None = None


class Goal(_Model):
    """年度总体目标: 预期目标 and 实际完成情况."""

    expected: str = Field(min_length=1)
    actual: str = ""


class Indicator(_Model):
    """绩效指标 (三级指标) with its target, actual, weight and optional given score."""

    level1: Annotated[str, BeforeValidator(normalize_level1)]
    level2: Annotated[str, BeforeValidator(normalize_level2)] = ""
    name: str = Field(min_length=1)
    target: Value
    actual: Value | None = None
    weight: Amount | None = None
    score: Amount | None = None
    grade: Grade | None = None
    deviation: str | None = None
    standard: str | None = None
    direction: Literal["positive", "reverse"] | None = None
    applicable: bool = True


class Section(_Model):
    """A narrative item: short title and Markdown text."""

    title: str | None = None
    text: str = ""


SectionItem = Annotated[Section, BeforeValidator(_text_item)]


class Problem(Section):
    """存在的问题, with its 原因分析."""

    cause: str | None = None


ProblemItem = Annotated[Problem, BeforeValidator(_text_item)]


class ProjectInfo(_Model):
    """项目信息 (kind: project). A draft imported from a table whose 项目名称 is blank may lack the name."""

    name: str | None = Field(default=None, min_length=1)
    authority: str | None = None
    implementer: str | None = None


class Scoring(_Model):
    """评分规则."""

    group_weights: dict[str, Amount] = Field(default_factory=lambda: dict(DEFAULT_GROUP_WEIGHTS))
    over_threshold: Annotated[Number, Field(gt=1, allow_inf_nan=False)] = Decimal("1.2")
    qualitative_bands: QualitativeBands = (Decimal("0.8"), Decimal("0.6"))
    scale_to_100: bool = False  # extension: 折算为百分制 when the weights do not add up to 100
    profile: str | None = None  # extension: 评分规则方案, the name of a built-in scoring profile

    @field_validator("group_weights", mode="before")
    @classmethod
    def _normalize_groups(cls, raw: Any) -> Any:
        if isinstance(raw, dict):
            return {normalize_level1(key): value for key, value in raw.items()}
        return raw


class Published(_Model):
    """原表数字: figures as the unit's own (hand-made) table printed them, to be checked."""

    total: Amount | None = None  # 总分
    grade: Grade4 | None = None  # 等级
    execution_rate: Amount | None = None  # 预算执行率 (%)
    budget_score: Amount | None = None  # 预算执行率得分
    budget_weight: Amount | None = None  # 预算执行率分值
    total_weight: Amount | None = None  # 总分的分值


class Report(_Model):
    """One unit's self-evaluation for one year (the whole data file)."""

    format: Literal["reportgen/1"]
    kind: Literal["department", "project"]
    year: int = Field(ge=2000, le=2100)
    money_unit: Literal["元", "万元"]
    unit: Unit
    budget: Budget
    projects: list[ProjectItem] = []
    goals: list[Goal] = []
    indicators: list[Indicator] = []
    performance: list[SectionItem] = []
    problems: list[ProblemItem] = []
    measures: list[SectionItem] = []
    application: str | None = None
    other: str | None = None
    project: ProjectInfo | None = None
    scoring: Scoring = Scoring()
    date: datetime.date | None = None  # extension: 报告日期 (成文日期) printed under the signature
    published: Published | None = None  # extension: 原表数字, the figures the unit's own table printed
