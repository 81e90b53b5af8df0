"""元 typed where 万元 is meant (issue 8, item 6): an error that asks and says both fixes."""

from __future__ import annotations

from typing import Any

import pytest

from figures_cases import checked, messages, report


@pytest.mark.parametrize(
    ("changes", "path", "text"),
    [
        (
            {"budget": {"initial": 8623000, "adjusted": 935.6, "executed": 935.6}},
            "budget.initial",
            "年初预算数8623000万元是全年预算数935.6万元的9217倍：是否按元填写？若是，请改为862.3（万元）",
        ),
        (
            {"projects": [{"name": "调解经费", "budget": 62, "executed": 600000}]},
            "projects[0].executed",
            "项目“调解经费”的执行数600000万元是项目“调解经费”的预算数62万元的9677倍：是否按元填写？",
        ),
        (
            {
                "budget": {
                    "initial": 100,
                    "adjusted": 100,
                    "executed": 100,
                    "by_nature": {"basic": 700000, "project": 30},
                }
            },
            "budget.by_nature.basic",
            "是否按元填写？若是，请改为70（万元）",
        ),
        (
            {"money_unit": "元", "budget": {"initial": 862.3, "adjusted": 8623000, "executed": 8623000}},
            "budget.initial",
            "年初预算数862.3元只有全年预算数8623000元的10000分之一：是否按万元填写？若是，请改为8623000（元）",
        ),
    ],
)
def test_an_amount_100_times_off_its_peers_is_an_error(changes: dict[str, Any], path: str, text: str) -> None:
    found = checked(report(**changes))
    assert not found.ok
    (error,) = [e for e in found.errors if e.path == path]
    assert text in error.message
    assert "金额单位 money_unit 改为" in error.message


@pytest.mark.parametrize(
    "changes",
    [
        # a small part of a large whole is normal
        {
            "budget": {
                "initial": 1690.55,
                "adjusted": 1690.55,
                "executed": 1690.55,
                "by_source": {"general_public": 1682.55, "government_fund": 8},
            }
        },
        {"projects": [{"name": "小项目", "budget": 0.5, "executed": 0.5}]},
        # a low execution (1 %) is a finding, not a unit confusion
        {"projects": [{"name": "刚启动的项目", "budget": 100, "executed": 1}]},
        # a year's budget raised tenfold
        {"budget": {"initial": 10, "adjusted": 100, "executed": 100}},
    ],
)
def test_amounts_of_one_magnitude_are_no_error(changes: dict[str, Any]) -> None:
    found = checked(report(**changes))
    assert found.ok, messages(found.errors)
