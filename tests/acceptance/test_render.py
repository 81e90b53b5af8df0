"""The example rendered end to end and read back as an outline; sandbox; determinism."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.api import Renderer, RenderOptions, load
from reportgen.docx import read_outline, read_tables
from reportgen.errors import TemplateError
from samples import LINGLING, LINGLING_PROJECT, MINIMAL


@pytest.fixture(scope="module")
def lingling_docx() -> bytes:
    return Renderer().render(load(LINGLING))


def headings(outline: list[tuple[str, str]]) -> list[str]:
    return [text for label, text in outline if label.startswith("heading")]


@pytest.mark.rendering
def test_chapters_are_numbered_in_order(lingling_docx: bytes) -> None:
    level1 = [text for label, text in read_outline(lingling_docx) if label == "heading1"]
    assert level1 == ["一、基本情况", "二、支出情况", "三、绩效情况", "四、存在的问题及原因", "五、下一步改进措施"]


@pytest.mark.rendering
def test_sub_headings_restart_under_each_chapter(lingling_docx: bytes) -> None:
    found = headings(read_outline(lingling_docx))
    assert found[:4] == ["一、基本情况", "（一）单位基本情况", "（二）年度整体支出绩效目标", "二、支出情况"]
    assert "（一）预算执行情况" in found
    assert "1.产出指标完成情况" in found and "3.满意度指标完成情况" in found


@pytest.mark.rendering
def test_figures_in_the_text_are_computed(lingling_docx: bytes) -> None:
    body = "\n".join(text for label, text in read_outline(lingling_docx) if label == "body")
    assert (
        "全年预算数1690.55万元，全年执行数1690.55万元，预算执行率100.00%。"
        "其中基本支出1247.62万元，占全年支出的73.80%；项目支出442.93万元，占全年支出的26.20%。"
    ) in body
    assert "一般公共预算1682.55万元，占全年预算数的99.53%；政府性基金8.00万元，占全年预算数的0.47%。" in body
    assert "超额完成1120件（完成率324.00%）" in body
    assert "综合得分98分，评价等级为“优”" in body
    assert "内设机构10个：" in body and "公共法律服务管理室和装备财务保障室。" in body
    assert "……" not in body


@pytest.mark.rendering
def test_staff_text_keeps_its_place(lingling_docx: bytes) -> None:
    outline = read_outline(lingling_docx)
    index = outline.index(("heading2", "（四）法治宣传有效开展"))
    assert outline[index + 1][1].startswith("一是经常化全域性法治宣传。")
    assert outline[index + 2][1].startswith("二是加强基层民主示范建设。")


@pytest.mark.rendering
def test_no_empty_headings(lingling_docx: bytes) -> None:
    outline = [entry for entry in read_outline(lingling_docx) if entry[0] != "page_break"]
    for (label, text), (next_label, _) in itertools.pairwise(outline):
        if label.startswith("heading") and next_label.startswith("heading"):
            assert int(next_label[-1]) > int(label[-1]), f"empty heading {text}"


@pytest.mark.rendering
def test_self_evaluation_table_is_a_real_table(lingling_docx: bytes) -> None:
    outline = read_outline(lingling_docx)
    assert ("table_title", "部门整体支出绩效自评表") in outline
    head, indicators = read_tables(lingling_docx)[1:3]
    assert head[0] == ["区级预算单位名称", "永州市零陵区司法局"]
    assert head[2] == ["", "年度资金总额", "1520.50", "1690.55", "1690.55", "10", "100.00%", "10"]
    assert indicators[0] == ["绩效指标"]  # a header row of its own, repeated on every page
    assert indicators[1] == [
        "一级指标",
        "二级指标",
        "三级指标",
        "年度指标值",
        "实际完成值",
        "分值",
        "得分",
        "偏差原因分析及改进措施",
    ]
    assert indicators[2][:5] == ["产出指标（50分）", "数量指标", "社区矫正管理人数", "400-500人", "400-500人"]
    assert indicators[3][:2] == ["", ""]  # merged under the same 一级/二级指标
    assert indicators[-1] == ["总分", "100", "98", "等级：优"]


@pytest.mark.rendering
def test_projects_table_has_a_numbered_caption_and_total(lingling_docx: bytes) -> None:
    outline = read_outline(lingling_docx)
    assert any(label == "table_caption" and text == "表1 项目支出执行情况" for label, text in outline) or (
        "表1 项目支出执行情况" in [text for _, text in outline]
    )
    projects = read_tables(lingling_docx)[0]
    assert projects[-1] == ["合计", "255.65", "174.15", "68.12%"]


@pytest.mark.rendering
def test_warnings_are_listed_in_an_appendix(lingling_docx: bytes) -> None:
    checks = read_tables(lingling_docx)[-1]
    assert checks[0] == ["序号", "数据项", "核对发现的问题"]
    assert any("积极受理各类矛盾纠纷" in row[2] for row in checks[1:])


@pytest.mark.rendering
def test_the_appendix_of_checks_can_be_left_out() -> None:
    data = Renderer(RenderOptions(checks_appendix=False)).render(load(LINGLING))
    assert "数据核对情况" not in [text for _, text in read_outline(data)]


@pytest.mark.rendering
def test_hunan_outline_has_ten_chapters() -> None:
    data = Renderer(RenderOptions(template="hunan")).render(load(LINGLING))
    level1 = [text for label, text in read_outline(data) if label == "heading1"]
    assert level1 == [
        "一、基本情况",
        "二、一般公共预算支出情况",
        "三、政府性基金预算支出情况",
        "四、国有资本经营预算支出情况",
        "五、社会保险基金预算支出情况",
        "六、部门整体支出绩效情况",
        "七、存在的问题及原因分析",
        "八、下一步改进措施",
        "九、部门整体支出绩效自评结果拟应用和公开情况",
        "十、其他需要说明的情况",
    ]
    outline = read_outline(data)
    index = outline.index(("heading1", "四、国有资本经营预算支出情况"))
    assert outline[index + 1] == ("body", "无。")


@pytest.mark.rendering
def test_project_kind_renders_with_the_project_table() -> None:
    data = Renderer(RenderOptions(template="standard")).render(load(LINGLING_PROJECT))
    outline = read_outline(data)
    assert ("table_title", "项目支出绩效自评表") in outline
    body = "\n".join(text for _, text in outline)
    assert "执行率139.11%" in body or "预算执行率139.11%" in body
    tables = read_tables(data)
    head = next(t for t in tables if t[0][0] == "项目名称")
    assert head[1][:2] == ["主管部门", "永州市零陵区司法局"]


@pytest.mark.rendering
def test_the_hunan_department_outline_refuses_project_data() -> None:
    """Its chapters would say 无。 about the project's own money (issue 8, item 4)."""
    with pytest.raises(TemplateError, match="不能用于项目支出数据：请改用 --template standard"):
        Renderer(RenderOptions(template="hunan")).render(load(LINGLING_PROJECT))


@pytest.mark.rendering
def test_staff_text_is_content_not_template_code(write_yaml, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    text = MINIMAL + (
        "performance:\n"
        "  - title: '{{ 7*7 }} 成效'\n"
        "    text: \"{{ 7*7 }} {% for x in range(3) %}x{% endfor %} {{ ''.__class__ }} 1500元/人*86人\"\n"
    )
    data = Renderer().render(load(write_yaml(text)))
    outline = read_outline(data)
    assert ("heading2", "（三）{{ 7*7 }} 成效") in outline
    assert ("body", "{{ 7*7 }} {% for x in range(3) %}x{% endfor %} {{ ''.__class__ }} 1500元/人*86人") in outline


@pytest.mark.rendering
def test_markdown_in_names_is_escaped(write_yaml) -> None:  # type: ignore[no-untyped-def]
    text = MINIMAL.replace("name: 某县司法局", "name: '#某县*司法局*'")
    outline = read_outline(Renderer().render(load(write_yaml(text))))
    assert any("#某县*司法局*" in text for _, text in outline)


@pytest.mark.rendering
def test_templates_cannot_reach_python_internals(tmp_path: Path, write_yaml) -> None:  # type: ignore[no-untyped-def]
    custom = tmp_path / "custom"
    custom.mkdir()
    (custom / "03_performance.md.jinja").write_text("{{ report.__class__.__mro__ }}", encoding="utf-8")
    renderer = Renderer(RenderOptions(narratives_dir=custom))
    with pytest.raises(TemplateError):
        renderer.render(load(write_yaml(MINIMAL)))


@pytest.mark.rendering
def test_user_narratives_override_and_add_chapters(tmp_path: Path, write_yaml) -> None:  # type: ignore[no-untyped-def]
    custom = tmp_path / "custom"
    custom.mkdir()
    (custom / "04_problems.md.jinja").write_text("## 问题\n\n本单位{{ year }}年未发现问题。\n", encoding="utf-8")
    (custom / "08_extra.md.jinja").write_text("## 附加说明\n\n由{{ unit.name }}编制。\n", encoding="utf-8")
    outline = read_outline(Renderer(RenderOptions(narratives_dir=custom)).render(load(write_yaml(MINIMAL))))
    assert ("heading1", "四、问题") in outline and ("body", "本单位2023年未发现问题。") in outline
    assert ("heading1", "六、附加说明") in outline


@pytest.mark.rendering
def test_two_renders_are_byte_identical() -> None:
    assert Renderer().render(load(LINGLING)) == Renderer().render(load(LINGLING))


@pytest.mark.rendering
def test_renders_in_separate_processes_are_byte_identical(tmp_path: Path) -> None:
    outputs = []
    for name in ("a.docx", "b.docx"):
        out = tmp_path / name
        subprocess.run(
            [sys.executable, "-m", "reportgen", "render", str(LINGLING), "-o", str(out)],
            check=True,
            capture_output=True,
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


@pytest.mark.rendering
def test_the_per_user_cache_changes_nothing_in_the_output(tmp_path: Path) -> None:
    outputs = []
    for name, cache in (("off.docx", "off"), ("cold.docx", str(tmp_path / "c")), ("warm.docx", str(tmp_path / "c"))):
        out = tmp_path / name
        subprocess.run(
            [sys.executable, "-m", "reportgen", "render", str(LINGLING), "-o", str(out)],
            check=True,
            capture_output=True,
            env={**os.environ, "REPORTGEN_CACHE_DIR": cache},
        )
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1] == outputs[2]
    assert any(p.name.startswith("base-") for p in (tmp_path / "c").iterdir())


def test_build_report_is_the_whole_pipeline_for_library_users(tmp_path: Path, write_yaml) -> None:  # type: ignore[no-untyped-def]
    from reportgen import DataError, build_report

    out = tmp_path / "r.docx"
    checked = build_report(LINGLING, out)
    assert checked.figures is not None and checked.figures.grade == "优"
    assert read_outline(out.read_bytes())[2] == ("heading1", "一、基本情况")
    with pytest.raises(DataError):
        build_report(write_yaml(MINIMAL.replace("year: 2023", "year: 二〇二三")), tmp_path / "bad.docx")
    assert not (tmp_path / "bad.docx").exists()
