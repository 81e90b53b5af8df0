"""Every computed figure as JSON-ready strings (``reportgen validate --json``)."""

from __future__ import annotations

from typing import Any

from reportgen.compute import Figures, Part
from reportgen.fmt import amount, number, pct, score


def _parts(parts: tuple[Part, ...]) -> dict[str, dict[str, str]]:
    return {p.key: {"label": p.label, "amount": amount(p.amount), "share": pct(p.share)} for p in parts}


def figures_json(fig: Figures) -> dict[str, Any]:
    """Figures as strings formatted exactly as the report prints them."""
    b = fig.budget
    return {
        "money_unit": fig.unit,
        "initial": amount(b.initial),
        "adjusted": amount(b.adjusted),
        "executed": amount(b.executed),
        "execution_rate": pct(b.rate),
        "execution_score": score(b.score),
        "execution_weight": number(b.weight),
        "by_source": _parts(b.by_source),
        "by_nature": _parts(b.by_nature),
        "basic_parts": _parts(b.basic_parts),
        "projects": [
            {"name": p.name, "budget": amount(p.budget), "executed": amount(p.executed),
             "execution_rate": pct(p.rate)}
            for p in fig.projects
        ],
        "indicators": [
            {"name": r.indicator.name, "level1": r.indicator.level1, "level2": r.indicator.level2,
             "weight": number(r.weight), "status": str(r.status),
             "computed_score": score(r.computed) if r.computed is not None else None,
             "score": score(r.score) if r.score is not None else None,
             "completion": pct(r.ratio) if r.ratio is not None else None, "grade": r.grade}
            for r in fig.indicators
        ],
        "groups": {g.level1: {"weight": number(g.weight), "score": score(g.score)} for g in fig.groups},
        "total_weight": number(fig.total_weight),
        "total_score": score(fig.total),
        "rescaled": fig.rescaled,
        "grade": fig.grade,
    }
