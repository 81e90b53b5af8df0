"""Paths of the repository and its examples, and the smallest valid report as YAML text."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"
LINGLING = EXAMPLES / "lingling-2022" / "data.yaml"
LINGLING_PROJECT = EXAMPLES / "lingling-2022-project" / "data.yaml"

MINIMAL = """\
format: reportgen/1
kind: department
year: 2023
money_unit: 万元
unit: {name: 某县司法局}
budget: {initial: 100, adjusted: 100, executed: 100}
indicators:
  - {level1: 产出指标, level2: 数量指标, name: 办理案件, target: 100件, actual: 100件, weight: 50}
  - {level1: 效益指标, level2: 社会效益指标, name: 社会稳定, target: 良好, actual: 良好, weight: 30, score: 30}
  - {level1: 满意度指标, level2: 服务对象满意度指标, name: 满意度, target: ≥90%, actual: 95%, weight: 10}
"""
