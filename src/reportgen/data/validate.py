"""Validation: raw data → :class:`Report`, with every problem found at once.

Pydantic checks shapes and types; its errors are translated here into Chinese messages
that say what is wrong and how to fix it. Cross-field rules that make a report impossible
to render are errors too; consistency findings are warnings (see :mod:`reportgen.figures.checks`).
"""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from reportgen.data.labels import label_for
from reportgen.data.model import Indicator, Report
from reportgen.data.raw import PathKey, RawData, format_path
from reportgen.data.sources.text import text_issues
from reportgen.data.values import Op, units_compatible
from reportgen.data.vocabulary import LEVEL1
from reportgen.errors import Issue

_PLACEHOLDERS = {"……", "…", "...", "......", "──"}


def validate(raw: RawData) -> tuple[Report | None, list[Issue]]:
    """The checked report, or None, and the errors that stop rendering."""
    if text := text_issues(raw):
        return None, text
    if not isinstance(raw.data, dict):
        return None, [_issue(raw, (), "文件的最外层应是键值表（format、kind、year……），请对照数据格式填写。")]
    try:
        report = Report.model_validate(raw.data)
    except ValidationError as exc:
        shape = [_from_pydantic(raw, err) for err in exc.errors()]
        return None, shape + _errors_beside_shape_errors(raw, exc)
    issues = list(_cross_field_errors(report, raw))
    return (None if issues else report), issues


def _errors_beside_shape_errors(raw: RawData, exc: ValidationError) -> list[Issue]:
    """Cross-field errors of the parts that are well-formed, so all come in one round."""
    broken = {tuple(err["loc"][:2]) for err in exc.errors()}
    data: dict[str, Any] = raw.data
    issues: list[Issue] = []
    if data.get("kind") == "project" and data.get("project") is None:
        issues.append(_project_missing(raw))
    items = data.get("indicators")
    for index, item in enumerate(items if isinstance(items, list) else []):
        if ("indicators", index) in broken:
            continue
        try:
            indicator = Indicator.model_validate(item)
        except ValidationError:
            continue
        issues += _indicator_errors(raw, ("indicators", index), indicator)
    return issues


def _project_missing(raw: RawData) -> Issue:
    return _issue(
        raw,
        ("project",),
        (
            "评价类型为项目支出（project）时，必须填写项目信息：项目名称 name、"
            "主管部门 authority、实施单位 implementer。"
        ),
    )


def _issue(raw: RawData, path: PathKey, message: str) -> Issue:
    return Issue(
        path=format_path(path),
        message=message,
        label=label_for(path),
        location=raw.locate(path),
    )


def _from_pydantic(raw: RawData, err: ErrorDetails) -> Issue:
    path: PathKey = tuple(part for part in err["loc"] if isinstance(part, str | int))
    return _issue(raw, path, _message(err, path))


def _shown(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:40] + "…"


def _message(err: ErrorDetails, path: PathKey) -> str:
    kind, ctx, value = err["type"], err.get("ctx", {}), err.get("input")
    if "qualitative_bands" in path and kind != "value_error":
        return "应写成两个 0 到 1 之间、由高到低的小数，例如 [0.8, 0.6]。"
    if kind == "missing":
        return "缺少必填项，请补充。"
    if kind == "extra_forbidden":
        return _unknown_key(path)
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        hint = "、".join(part.strip() for part in expected.replace(" or ", ",").split(","))
        return f"取值“{_shown(value)}”无效，只能填写：{hint}。"
    if kind in {"int_type", "int_parsing", "int_from_float"}:
        return f"应填写整数，现为“{_shown(value)}”。"
    if kind == "finite_number" or (
        kind == "decimal_parsing" and str(value).strip().lower().lstrip("+-") in {"inf", "infinity", "nan", "snan"}
    ):
        return f"数值超出范围：应为有限的数字，现为“{_shown(value)}”。"
    if kind in {"decimal_parsing", "decimal_type", "float_parsing", "float_type"}:
        return f"应填写数字（不带千分位、单位和空格），现为“{_shown(value)}”。"
    if kind == "greater_than_equal" and ctx.get("ge") == 0:
        return f"不能为负数，现为“{_shown(value)}”。"
    if kind == "greater_than_equal":
        return f"数值“{_shown(value)}”过小，应不小于 {ctx.get('ge')}。"
    if kind == "greater_than":
        return f"数值“{_shown(value)}”过小，应大于 {ctx.get('gt')}。"
    if kind == "less_than_equal":
        return f"数值“{_shown(value)}”过大，应不大于 {ctx.get('le')}。"
    if kind == "string_too_short":
        return "不能为空，请填写内容。"
    if kind == "too_short":
        return "至少需要填写一项。"
    if kind in {"string_type"}:
        return f"应填写文字，现为“{_shown(value)}”。"
    if kind in {"list_type", "tuple_type"}:
        return "应填写为列表（每项一行，以“- ”开头）。"
    if kind in {"dict_type", "model_type", "model_attributes_type"}:
        return "应填写为键值表（“键: 值”的形式）。"
    if kind.startswith(("date_", "datetime_")):
        return f"应填写日期，如 2023-04-25，现为“{_shown(value)}”。"
    if kind in {"bool_type", "bool_parsing"}:
        return f"应填写 true（是）或 false（否），现为“{_shown(value)}”。"
    if kind == "value_error":
        error = ctx.get("error")
        return str(getattr(error, "message", error))
    return f"取值“{_shown(value)}”无效（{err['msg']}）。"


def _unknown_key(path: PathKey) -> str:
    key = str(path[-1])
    known = _known_keys(path[:-1])
    close = difflib.get_close_matches(key, known, n=1)
    hint = f"是否应为“{close[0]}”？" if close else ""
    listing = f"可用的字段：{'、'.join(known)}。" if known else ""
    return f"不认识的字段“{key}”。{hint}{listing}"


def is_unknown_key(path: PathKey) -> bool:
    """Whether ``path`` ends in a key the data format does not have there (``budget.excuted``)."""
    if not path or not isinstance(path[-1], str):
        return False
    known = _known_keys(path[:-1])
    return bool(known) and path[-1] not in known


def default_of(path: PathKey) -> Any:
    """The value the data format takes for the field at ``path`` when it is left out (None if
    it has none: a required field, or no such field)."""
    if not path or not isinstance(path[-1], str):
        return None
    model: Any = Report
    for part in path[:-1]:
        if isinstance(part, int):
            continue
        field = getattr(model, "model_fields", {}).get(part)
        if field is None:
            return None
        model = _model_of(field.annotation)
    found = getattr(model, "model_fields", {}).get(path[-1])
    if found is None or found.is_required():
        return None
    return found.get_default(call_default_factory=True)


def _known_keys(parent: PathKey) -> list[str]:
    """Field names of the model found by walking ``parent`` down from :class:`Report`."""
    model: Any = Report
    for part in parent:
        if isinstance(part, int):
            continue
        fields = getattr(model, "model_fields", {})
        field = fields.get(part)
        if field is None:
            return []
        model = _model_of(field.annotation)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return []


def _model_of(annotation: Any) -> Any:
    """The BaseModel inside an annotation such as ``list[Annotated[Section, …]] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) + getattr(annotation, "__metadata__", ()):
        found = _model_of(arg)
        if found is not None:
            return found
    origin = getattr(annotation, "__origin__", None)
    return _model_of(origin) if origin is not None and origin is not annotation else None


def _cross_field_errors(report: Report, raw: RawData) -> list[Issue]:
    issues: list[Issue] = []
    if report.kind == "project" and report.project is None:
        issues.append(_project_missing(raw))
    unknown = [key for key in report.scoring.group_weights if key not in LEVEL1]
    if unknown:
        issues.append(
            _issue(
                raw,
                ("scoring", "group_weights"),
                (f"一级指标分值中的“{'、'.join(unknown)}”不是一级指标，只能写：{'、'.join(LEVEL1)}。"),
            )
        )
    for index, ind in enumerate(report.indicators):
        issues += _indicator_errors(raw, ("indicators", index), ind)
    return issues


def _indicator_errors(raw: RawData, at: PathKey, ind: Indicator) -> list[Issue]:
    issues: list[Issue] = []
    if ind.level1 not in LEVEL1:
        issues.append(_issue(raw, (*at, "level1"), f"一级指标“{ind.level1}”无效，只能填写：{'、'.join(LEVEL1)}。"))
    if ind.name.strip("…. ") == "" or ind.name in _PLACEHOLDERS:
        issues.append(_issue(raw, (*at, "name"), "这是模板中的“……”占位行，不是指标：请删除该行或填写真实的三级指标。"))
    if ind.score is not None and ind.weight is not None and ind.score > ind.weight:
        issues.append(
            _issue(raw, (*at, "score"), f"得分 {ind.score} 超过分值 {ind.weight}：得分不能高于该指标的分值。")
        )
    if not ind.applicable or ind.target.op is Op.NOT_APPLICABLE:
        return issues
    if ind.actual is None:  # a draft: listed as 尚未填写 (reportgen.figures.checks.missing), not an error
        return issues
    target, actual = ind.target, ind.actual
    if target.is_quantitative and actual.is_quantitative and not units_compatible(target.unit, actual.unit):
        issues.append(
            _issue(
                raw,
                (*at, "actual"),
                (
                    f"实际完成值的单位“{actual.unit}”与年度指标值的单位“{target.unit}”不同，无法比较："
                    "请统一单位（元与万元可以自动换算）。"
                ),
            )
        )
    return issues
