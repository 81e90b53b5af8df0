"""Stable keys for generated blocks, and 【待补充：…】 placeholders where optional data is missing."""

from __future__ import annotations

import copy
from pathlib import Path

from reportgen.api import Renderer, check_data, load
from reportgen.data.raw import RawData
from reportgen.data.sources import read_data
from reportgen.render.blocks import Heading, Paragraph, Table
from samples import LINGLING, MINIMAL


def keyed(document_blocks: tuple[object, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for block in document_blocks:
        if isinstance(block, Paragraph | Heading):
            out[block.key] = block.text
        elif isinstance(block, Table):
            out[block.key] = "<table>"
    return out


def test_every_generated_block_has_a_unique_key() -> None:
    blocks = Renderer().document(load(LINGLING)).blocks
    keys = [b.key for b in blocks if isinstance(b, Paragraph | Heading | Table)]
    assert all(keys) and len(keys) == len(set(keys))


def test_indicator_and_section_keys_name_what_they_describe() -> None:
    keys = keyed(Renderer().document(load(LINGLING)).blocks)
    assert keys["03_performance/indicator:法律援助工作办案数量"].startswith("“法律援助工作办案数量”年度指标值210件")
    assert keys["03_performance/performance:法律服务优质高效"] == "法律服务优质高效"
    assert keys["03_performance/performance:法律服务优质高效/1"].startswith("一是超额完成全年法律援助办案任务")
    assert "02_spending/table:projects" in keys


def test_keys_stay_put_when_data_adds_a_section_before_them() -> None:
    data = read_data(LINGLING).data
    before = keyed(Renderer().document(check_data(RawData("a", data))).blocks)
    changed = copy.deepcopy(data)
    changed["performance"].insert(0, {"title": "新增工作", "text": "新增一段。"})
    changed["indicators"].insert(0, {**changed["indicators"][0], "name": "新增指标", "weight": 0, "score": 0})
    after = keyed(Renderer().document(check_data(RawData("b", changed))).blocks)
    for key in ("03_performance/performance:法律服务优质高效/1", "03_performance/indicator:法律援助工作办案数量"):
        assert after[key] == before[key]
    assert "03_performance/performance:新增工作/1" in after


def test_missing_optional_data_becomes_highlighted_placeholders(write_yaml) -> None:  # type: ignore[no-untyped-def]
    blocks = Renderer().document(load(write_yaml(MINIMAL))).blocks
    placeholders = [s.text for b in blocks if isinstance(b, Paragraph) for s in b.spans if s.highlight]
    assert "【待补充：年度绩效目标（goals）】" in placeholders
    assert "【待补充：存在的问题及原因（problems）】" in placeholders
    assert "【待补充：下一步改进措施（measures）】" in placeholders
    assert "【待补充：报告日期】" in placeholders
    assert all(p.startswith("【待补充：") and p.endswith("】") for p in placeholders)


def test_an_over_achieved_indicator_without_analysis_asks_for_one() -> None:
    texts = [b.text for b in Renderer().document(load(LINGLING)).blocks if isinstance(b, Paragraph)]
    assert "偏差原因分析及改进措施：【待补充：“积极受理各类矛盾纠纷”的偏差原因分析及改进措施】" in texts


def test_a_complete_file_has_no_placeholders(tmp_path: Path) -> None:
    data = read_data(LINGLING).data
    data["date"] = "2023-04-25"  # no file involved: checked as plain data
    data["indicators"][2]["deviation"] = "年初指标值设定偏低，下年度按实际调整。"
    blocks = Renderer().document(check_data(RawData(str(tmp_path), data))).blocks
    assert not [s for b in blocks if isinstance(b, Paragraph) for s in b.spans if s.highlight]
