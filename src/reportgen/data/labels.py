"""The fixed Chinese label of every data key (docs/data-format.md).

Excel headers and error messages use these labels. A dotted pattern without indices
(``projects.budget``) is looked up first, then the bare key.
"""

from __future__ import annotations

from reportgen.data.fieldpath import PathKey

LABELS: dict[str, str] = {
    # top level
    "format": "格式版本",
    "kind": "评价类型",
    "year": "年度",
    "money_unit": "金额单位",
    "unit": "单位信息",
    "budget": "年度资金",
    "projects": "项目支出明细",
    "goals": "年度总体目标",
    "indicators": "绩效指标",
    "performance": "绩效情况",
    "problems": "存在的问题及原因",
    "measures": "下一步改进措施",
    "application": "结果应用和公开情况",
    "other": "其他需要说明的情况",
    "project": "项目信息",
    "scoring": "评分规则",
    "date": "报告日期",
    # unit
    "unit.name": "单位名称",
    "short_name": "简称",
    "code": "单位代码",
    "level": "预算级次",
    "functions": "职能职责",
    "departments": "内设机构",
    "staff": "人员情况",
    "authorized": "编制数",
    "actual": "实有人数",
    "in_service": "在职人员",
    "retired": "退休人员",
    "overview": "单位概况",
    # budget
    "initial": "年初预算数",
    "adjusted": "全年预算数",
    "executed": "全年执行数",
    "weight": "分值",
    "budget.weight": "预算执行率分值",
    "by_source": "按收入性质分",
    "general_public": "一般公共预算",
    "government_fund": "政府性基金",
    "state_capital": "国有资本经营预算",
    "social_insurance": "社会保险基金",
    "special_account": "纳入专户管理的非税收入",
    "carryover": "上年结转",
    "other_funds": "其他资金",
    "budget.by_source.other": "其他资金",
    "by_nature": "按支出性质分",
    "basic": "基本支出",
    "personnel": "人员经费",
    "public_use": "公用经费",
    "budget.by_nature.project": "项目支出",
    # projects
    "projects.name": "项目名称",
    "projects.budget": "预算数",
    "projects.executed": "执行数（实际拨付数）",
    "source": "资金来源",
    "note": "说明",
    # goals
    "expected": "预期目标",
    "goals.actual": "实际完成情况",
    # indicators
    "level1": "一级指标",
    "level2": "二级指标",
    "indicators.name": "三级指标",
    "target": "年度指标值",
    "indicators.actual": "实际完成值",
    "score": "得分",
    "grade": "完成档次",
    "deviation": "偏差原因分析及改进措施",
    "standard": "绩效标准",
    "direction": "指标方向",
    "applicable": "是否适用",
    # narrative items
    "title": "标题",
    "text": "内容",
    "cause": "原因分析",
    # project
    "project.name": "项目名称",
    "authority": "主管部门",
    "implementer": "实施单位",
    # scoring
    "group_weights": "一级指标分值",
    "over_threshold": "超额完成提示倍数",
    "qualitative_bands": "定性指标档次下限",
    "scale_to_100": "折算为百分制",
    "profile": "评分规则方案",
    # published figures (原表数字)
    "published": "原表数字",
    "published.total": "原表总分",
    "published.grade": "原表等级",
    "execution_rate": "原表执行率",
    "budget_score": "原表预算执行率得分",
    "budget_weight": "原表预算执行率分值",
    "total_weight": "原表总分的分值",
}


def label_for(path: PathKey) -> str:
    """The Chinese label of the field at ``path`` ('' when unknown)."""
    keys = [part for part in path if isinstance(part, str)]
    for start in range(len(keys)):
        found = LABELS.get(".".join(keys[start:]))
        if found:
            return found
    return ""
