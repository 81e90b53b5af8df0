"""Indicator category names (一级/二级指标) and their accepted variants."""

from __future__ import annotations

LEVEL2_BY_LEVEL1: dict[str, tuple[str, ...]] = {
    "产出指标": ("数量指标", "质量指标", "时效指标", "成本指标"),
    "效益指标": ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标"),
    "满意度指标": ("服务对象满意度指标",),
}

_LEVEL2_ALIASES = {
    "可持续发展影响": "可持续影响指标",
    "可持续发展影响指标": "可持续影响指标",
    "可持续影响": "可持续影响指标",
    "社会公众及服务对象满意度指标": "服务对象满意度指标",
    "社会公众或服务对象满意度指标": "服务对象满意度指标",
    "满意度指标": "服务对象满意度指标",
    "服务对象满意度": "服务对象满意度指标",
}


def _squash(raw: object) -> object:
    if isinstance(raw, str):
        return "".join(raw.split())
    return raw


def normalize_level1(raw: object) -> object:
    """'产出' → '产出指标'; whitespace and line breaks (as in table cells) removed."""
    text = _squash(raw)
    if isinstance(text, str) and text and not text.endswith("指标"):
        text += "指标"
    return text


def normalize_level2(raw: object) -> object:
    """'经济效益' → '经济效益指标', '可持续发展影响' → '可持续影响指标', …"""
    text = _squash(raw)
    if not isinstance(text, str) or not text:
        return text
    if text in _LEVEL2_ALIASES:
        return _LEVEL2_ALIASES[text]
    return text if text.endswith("指标") else text + "指标"


def expected_level1(level2: str) -> str | None:
    """The 一级指标 a known 二级指标 belongs to."""
    for level1, names in LEVEL2_BY_LEVEL1.items():
        if level2 in names:
            return level1
    return None
