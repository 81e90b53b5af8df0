"""The workbook layout: every sheet, column and row, shared by the reader and the writer.

A :class:`Sheet` is either a *form* (one record per unit: rows ``字段 | 内容 | 填写说明`` in a
single-unit workbook, one row per unit with the field labels as columns in a multi-unit
one) or a *table* (a list in the data: one row per item). Headers are the Chinese labels of
:mod:`reportgen.data.labels`; the English key (``target``) or dotted path (``unit.staff.actual``)
is accepted too.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from reportgen.data.fieldpath import PathKey, format_path
from reportgen.data.indicator_names import LEVEL2_BY_LEVEL1
from reportgen.data.labels import label_for
from reportgen.data.vocabulary import DEFAULT_BUDGET_WEIGHT, DEFAULT_GROUP_WEIGHTS, GRADES, LEVEL1, SOURCE_KEYS


class CellKind(Enum):
    """How a cell is read and written."""

    TEXT = "text"  # str; a number typed into it becomes its text
    AMOUNT = "amount"  # a number ≥ 0 (amounts, weights, scores)
    INT = "int"  # a whole number (year, staff counts)
    VALUE = "value"  # a value expression: 年度指标值 / 实际完成值
    CHOICE = "choice"  # one of ``choices`` (shown → stored), raw codes accepted too
    BOOL = "bool"  # 是 / 否
    DATE = "date"


@dataclass(frozen=True)
class Field:
    """One column of a table, or one row of a form."""

    path: PathKey  # inside the item for tables, from the top for forms
    label: str
    kind: CellKind = CellKind.TEXT
    width: int = 14
    hint: str = ""
    required: bool = False
    choices: tuple[tuple[str, str], ...] = ()  # (shown, stored); drop-down list
    strict: bool = True  # the drop-down refuses other values (else only warns)
    money: bool = False  # an amount in money_unit: shown with two decimals

    def __hash__(self) -> int:  # the dataclass's hash, computed once: a workbook's reader keys every cell by its field
        found: int | None = self.__dict__.get("_hash")
        if found is None:
            found = hash(
                (
                    self.path,
                    self.label,
                    self.kind,
                    self.width,
                    self.hint,
                    self.required,
                    self.choices,
                    self.strict,
                    self.money,
                )
            )
            object.__setattr__(self, "_hash", found)
        return found

    @property
    def wrap(self) -> bool:
        return self.width >= 30

    @property
    def key(self) -> str:
        """The English name accepted as a header: ``target``, ``unit.staff.actual``."""
        return format_path(self.path)

    def shown(self, stored: object) -> object:
        """The text the workbook shows for a stored choice (``department`` → 部门整体支出)."""
        return next((shown for shown, value in self.choices if value == stored), stored)


@dataclass(frozen=True)
class Sheet:
    """A worksheet: a form (key/value) or a table (the list at ``path``)."""

    title: str
    fields: tuple[Field, ...]
    form: bool = False
    path: PathKey = ()
    required: bool = False

    def __hash__(self) -> int:  # the dataclass's hash, computed once: a workbook's reader files every row by its sheet
        found: int | None = self.__dict__.get("_hash")
        if found is None:
            found = hash((self.title, self.fields, self.form, self.path, self.required))
            object.__setattr__(self, "_hash", found)
        return found


def _f(
    path: PathKey,
    kind: CellKind = CellKind.TEXT,
    width: int = 14,
    hint: str = "",
    required: bool = False,
    choices: tuple[str, ...] | tuple[tuple[str, str], ...] = (),
    strict: bool = True,
    label: str = "",
    context: PathKey = (),
) -> Field:
    pairs = tuple(c if isinstance(c, tuple) else (c, c) for c in choices)
    money = kind is CellKind.AMOUNT and (context or path)[0] in ("budget", "projects") and path[-1] != "weight"
    return Field(path, label or label_for((*context, *path)), kind, width, hint, required, pairs, strict, money)


def _item(context: str) -> PathKey:
    return (context, 0)


UNIT_KEY = "单位名称"  # the leading column of every sheet of a multi-unit workbook
FIELD_HEADER, VALUE_HEADER, HINT_HEADER = "字段", "内容", "填写说明"
IGNORED_HEADERS = ("序号",)
KINDS = (("部门整体支出", "department"), ("项目支出", "project"))
DIRECTIONS = (("正向", "positive"), ("反向", "reverse"))
LEVEL2 = tuple(name for names in LEVEL2_BY_LEVEL1.values() for name in names)
_LONG = 50

UNIT_INFO = Sheet(
    "单位信息",
    form=True,
    required=True,
    fields=(
        _f(("format",), hint="固定填写 reportgen/1，不要改动", required=True),
        _f(
            ("kind",),
            CellKind.CHOICE,
            hint="部门整体支出 或 项目支出（选“项目支出”时须填写下面的项目信息）",
            required=True,
            choices=KINDS,
        ),
        _f(("year",), CellKind.INT, hint="被评价的预算年度，只写四位整数，如 2024", required=True),
        _f(
            ("money_unit",),
            CellKind.CHOICE,
            hint="元 或 万元；所有金额都按这个单位填写",
            required=True,
            choices=("元", "万元"),
        ),
        _f(("unit", "name"), hint="单位全称", required=True),
        _f(("unit", "short_name"), hint="选填：报告标题和正文中使用；不填时使用单位全称"),
        _f(("unit", "code"), hint="选填：预算单位编码"),
        _f(("unit", "level"), hint="选填：如 省级、市级、县级、区级"),
        _f(("unit", "staff", "authorized"), CellKind.INT, hint="选填：整数"),
        _f(("unit", "staff", "actual"), CellKind.INT, hint="选填：整数"),
        _f(("unit", "staff", "in_service"), CellKind.INT, hint="选填：整数"),
        _f(("unit", "staff", "retired"), CellKind.INT, hint="选填：整数"),
        _f(("unit", "overview"), width=_LONG, hint="选填：放在报告“基本情况”中的文字，可以写多段（Alt+回车换行）"),
        _f(("project", "name"), hint="评价类型为项目支出时必填"),
        _f(("project", "authority"), hint="评价类型为项目支出时填写"),
        _f(("project", "implementer"), hint="评价类型为项目支出时填写"),
        _f(("date",), CellKind.DATE, hint="选填：报告落款日期，如 2023-04-25"),
        *(
            _f(
                ("scoring", "group_weights", name),
                CellKind.AMOUNT,
                label=f"{name}分值",
                hint=f"选填：不填时为 {weight} 分",
            )
            for name, weight in DEFAULT_GROUP_WEIGHTS.items()
        ),
        _f(("scoring", "over_threshold"), CellKind.AMOUNT, hint="选填：实际完成值超过年度指标值的倍数时提示，默认 1.2"),
        _f(
            ("scoring", "qualitative_bands", 0),
            CellKind.AMOUNT,
            label="达成档次下限",
            hint="选填：定性指标“达成”的得分下限占分值的比例，默认 0.8",
        ),
        _f(
            ("scoring", "qualitative_bands", 1),
            CellKind.AMOUNT,
            label="部分达成档次下限",
            hint="选填：定性指标“部分达成”的得分下限占分值的比例，默认 0.6",
        ),
        _f(
            ("scoring", "scale_to_100"),
            CellKind.BOOL,
            choices=("是", "否"),
            hint="选填：分值合计不是100分、按规定把得分折算为百分制时填“是”",
        ),
        _f(("scoring", "profile"), hint="选填：评分规则方案名称，如 deduct-and-cap；不填时按财预〔2020〕10号"),
        *(
            _f(("published", key), CellKind.AMOUNT, hint=f"选填：单位原表中印的{what}，用于核对")
            for key, what in (
                ("total", "总分"),
                ("execution_rate", "预算执行率（%）"),
                ("budget_score", "预算执行率得分"),
                ("budget_weight", "预算执行率分值"),
                ("total_weight", "总分的分值"),
            )
        ),
        _f(("published", "grade"), CellKind.CHOICE, choices=GRADES, hint="选填：单位原表中印的等级，用于核对"),
    ),
)

_AMOUNT = "金额，只写数字（不带千分位和单位）"
BUDGET = Sheet(
    "年度资金",
    form=True,
    required=True,
    fields=(
        _f(("budget", "initial"), CellKind.AMOUNT, hint=f"年初批复的预算（绩效目标表的资金总额）；{_AMOUNT}"),
        _f(
            ("budget", "adjusted"),
            CellKind.AMOUNT,
            hint=f"定稿必填：调整后的预算，预算执行率的基数；草稿可暂不填；{_AMOUNT}",
        ),
        _f(("budget", "executed"), CellKind.AMOUNT, hint=f"定稿必填：全年实际支出；草稿可暂不填；{_AMOUNT}"),
        _f(("budget", "weight"), CellKind.AMOUNT, hint=f"选填：不填时为 {DEFAULT_BUDGET_WEIGHT} 分"),
        *(
            _f(
                ("budget", "by_source", key),
                CellKind.AMOUNT,
                hint="按收入性质分（选填）：各项合计应等于全年预算数；没有的不填",
            )
            for key in SOURCE_KEYS
        ),
        _f(
            ("budget", "by_nature", "basic"),
            CellKind.AMOUNT,
            hint="按支出性质分（选填）：基本支出 + 项目支出 = 全年执行数",
        ),
        _f(("budget", "by_nature", "personnel"), CellKind.AMOUNT, hint="按支出性质分（选填）：基本支出中的人员经费"),
        _f(("budget", "by_nature", "public_use"), CellKind.AMOUNT, hint="按支出性质分（选填）：基本支出中的公用经费"),
        _f(("budget", "by_nature", "project"), CellKind.AMOUNT, hint="按支出性质分（选填）：项目支出"),
    ),
)

PROJECTS = Sheet(
    "项目支出",
    path=("projects",),
    fields=(
        _f(("name",), width=30, required=True, context=_item("projects")),
        _f(("budget",), CellKind.AMOUNT, required=True, context=_item("projects")),
        _f(("executed",), CellKind.AMOUNT, width=18, context=_item("projects")),
        _f(("source",), width=16, context=_item("projects")),
        _f(("note",), width=_LONG, context=_item("projects")),
        _f(("published", "execution_rate"), CellKind.AMOUNT, width=12, context=_item("projects"), label="原表执行率"),
    ),
)

GOALS = Sheet(
    "年度目标",
    path=("goals",),
    fields=(
        _f(("expected",), width=_LONG, required=True, context=_item("goals")),
        _f(("actual",), width=_LONG, context=_item("goals")),
    ),
)

_IND = _item("indicators")
INDICATORS = Sheet(
    "绩效指标",
    path=("indicators",),
    fields=(
        _f(("level1",), CellKind.CHOICE, width=12, required=True, choices=LEVEL1, strict=False, context=_IND),
        _f(("level2",), CellKind.CHOICE, width=16, choices=LEVEL2, strict=False, context=_IND),
        _f(("name",), width=30, required=True, context=_IND),
        _f(("target",), CellKind.VALUE, width=16, required=True, context=_IND),
        _f(("actual",), CellKind.VALUE, width=16, context=_IND),
        _f(("weight",), CellKind.AMOUNT, width=8, context=_IND),
        _f(("score",), CellKind.AMOUNT, width=8, context=_IND),
        _f(("grade",), CellKind.CHOICE, width=10, choices=("达成", "部分达成", "未达成"), context=_IND),
        _f(("deviation",), width=40, context=_IND),
        _f(
            ("standard",),
            width=12,
            choices=("计划标准", "历史标准", "行业标准", "其他标准"),
            strict=False,
            kind=CellKind.CHOICE,
            context=_IND,
        ),
        _f(("direction",), CellKind.CHOICE, width=10, choices=DIRECTIONS, context=_IND),
        _f(("applicable",), CellKind.BOOL, width=10, choices=("是", "否"), context=_IND),
    ),
)


def _sections(title: str, key: str, *, cause: bool = False) -> Sheet:
    fields = [_f(("title",), width=30, context=_item(key)), _f(("text",), width=70, context=_item(key))]
    if cause:
        fields.append(_f(("cause",), width=50, context=_item(key)))
    return Sheet(title, path=(key,), fields=tuple(fields))


FUNCTIONS = Sheet("职能职责", path=("unit", "functions"), fields=(_f((), width=80, label="职能职责"),))
DEPARTMENTS = Sheet("内设机构", path=("unit", "departments"), fields=(_f((), width=50, label="内设机构"),))
OTHER = Sheet(
    "其他情况",
    form=True,
    fields=(
        _f(("application",), width=_LONG, hint="选填：结果应用和公开情况，可以写多段"),
        _f(("other",), width=_LONG, hint="选填：其他需要说明的情况，可以写多段"),
    ),
)

SHEETS: tuple[Sheet, ...] = (
    UNIT_INFO,
    BUDGET,
    PROJECTS,
    GOALS,
    INDICATORS,
    _sections("绩效情况", "performance"),
    _sections("存在问题", "problems", cause=True),
    _sections("改进措施", "measures"),
    FUNCTIONS,
    DEPARTMENTS,
    OTHER,
)
GUIDE_TITLE = "说明"


def norm(text: object) -> str:
    """A header or label as compared: no white space, ASCII brackets, lower case."""
    if text is None:
        return ""
    return "".join(str(text).split()).replace("（", "(").replace("）", ")").lower()


def names_of(field: Field, sheet: Sheet) -> set[str]:
    """Every header accepted for ``field``: its label, its key, its full path, its last key."""
    names = {field.label}
    if field.path:
        names |= {field.key, format_path((*sheet.path, *field.path))}
        names |= {part for part in field.path[-1:] if isinstance(part, str)}
    return {norm(name) for name in names}


def header_map(sheet: Sheet) -> dict[str, Field]:
    """Normalised header → field; a bare English key shared by two fields is left out."""
    found: dict[str, Field] = {}
    clashes: set[str] = set()
    for field in sheet.fields:
        for name in names_of(field, sheet):
            if name in found and found[name] != field:
                clashes.add(name)
            found[name] = field
    return {name: field for name, field in found.items() if name not in clashes}
