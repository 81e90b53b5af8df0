"""Every computed figure as JSON-ready strings (``reportgen validate --json``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from reportgen.figures.compute import Figures
from reportgen.figures.fmt import amount, number, pct, score
from reportgen.figures.shares import Breakdown


def _parts(parts: Breakdown) -> dict[str, dict[str, str]]:
    """Every part of a whole, the 未分项 rest included, with how a derived part was worked out."""
    return {
        p.key: {
            "label": p.label,
            "amount": amount(p.amount),
            "share": pct(p.share),
            **({"derived": p.derived} if p.derived else {}),
        }
        for p in parts.rows
    }


def _optional(value: Decimal | None, places: int = 2) -> str | None:
    return None if value is None else score(value, places)


def figures_json(fig: Figures) -> dict[str, Any]:
    """Figures as strings formatted exactly as the report prints them."""
    b = fig.budget
    return {
        "money_unit": fig.unit,
        "initial": amount(b.initial) if b.initial is not None else None,
        "adjusted": amount(b.adjusted) if b.adjusted is not None else None,
        "executed": amount(b.executed) if b.executed is not None else None,
        "execution_rate": pct(b.rate),
        "execution_score": _optional(b.score),
        "execution_weight": number(b.weight),
        "by_source": _parts(b.by_source),
        "by_nature": _parts(b.by_nature),
        "basic_parts": _parts(b.basic_parts),
        "projects": [
            {
                "name": p.name,
                "budget": amount(p.budget) if p.budget is not None else None,
                "executed": amount(p.executed) if p.executed is not None else None,
                "execution_rate": pct(p.rate),
            }
            for p in fig.projects
        ],
        "indicators": [
            {
                "name": r.indicator.name,
                "level1": r.indicator.level1,
                "level2": r.indicator.level2,
                "weight": number(r.indicator.weight) if r.indicator.weight is not None else None,
                "status": str(r.status),
                "computed_score": score(r.computed) if r.computed is not None else None,
                "score": score(r.score) if r.score is not None else None,
                "completion": pct(r.ratio) if r.ratio is not None else None,
                "grade": r.grade,
                "adjustments": [{"points": number(a.points), "reason": a.reason} for a in r.adjustments],
            }
            for r in fig.indicators
        ],
        "groups": {g.level1: {"weight": number(g.weight), "score": _optional(g.score)} for g in fig.groups},
        "total_weight": number(fig.total_weight) if fig.total_weight is not None else None,
        "total_score": _optional(fig.total),
        "rescaled": fig.rescaled,
        "grade": fig.grade,
        "profile": fig.profile.name,
        "cap": {"points": number(fig.cap.points), "reason": fig.cap.reason} if fig.cap else None,
    }
