"""``reportgen import`` as a clerk meets it: the data file written beside the table, the
account in Chinese (what was read, what was not, what is still to fill in, what to do next),
exit codes, and never a traceback or a half-written output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import seed_tables
from command import reportgen
from imported_tables import PROJECT, UNIT, department_table, project_table, result_of
from reportgen.api import check_data
from reportgen.cli import app
from reportgen.data.importing.result import ImportResult
from reportgen.data.sources import read_data
from target_files import (
    INDICATORS,
    TOTAL,
    contacts_document,
    shifeng_target_sheet,
    shifeng_target_table,
    table_free_document,
)

runner = CliRunner()


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "目标表.docx"
    path.write_bytes(b"stands for the table; the import is the hand-made one below")
    return path


@pytest.fixture
def two_tables(monkeypatch: pytest.MonkeyPatch, source: Path) -> ImportResult:
    result = result_of(str(source), department_table(), project_table())
    monkeypatch.setattr("reportgen.api.importing.import_file", lambda path: result)
    return result


@pytest.fixture
def one_table(monkeypatch: pytest.MonkeyPatch, source: Path) -> ImportResult:
    result = result_of(str(source), department_table())
    monkeypatch.setattr("reportgen.api.importing.import_file", lambda path: result)
    return result


# The account, on an import made by hand


def test_the_account_names_each_table_and_its_file(two_tables: ImportResult, source: Path) -> None:
    result = runner.invoke(app, ["import", str(source)])
    assert result.exit_code == 0, result.output
    folder = source.parent / "目标表"
    assert f"第1个表格（2023年部门整体支出绩效目标表） → 已写入 {folder / (UNIT + '-部门整体.yaml')}" in result.output
    assert f"第2个表格（{PROJECT}绩效目标表） → 已写入 {folder / f'{UNIT}-{PROJECT}.yaml'}" in result.output


def test_the_account_lists_what_was_read_grouped_with_its_cells(one_table: ImportResult, source: Path) -> None:
    lines = runner.invoke(app, ["import", str(source)]).output.splitlines()
    assert "  已识别 9 项：" in lines
    mapped = lines[lines.index("  已识别 9 项：") + 1 : lines.index("  未导入 2 处：")]
    groups = [line.strip() for line in mapped if not line.startswith("      ")]
    assert groups == ["单位：", "金额：", "目标：", "指标："]
    assert f"      单位名称 {UNIT}（第1个表格第2行第2列）" in lines
    assert "      资金总额 524.31（第1个表格第4行第3列）" in lines
    assert "      第1项：三级指标 完成法律援助案件，年度指标值 400件（第1个表格第11行第3列）" in lines


def test_the_account_lists_what_could_not_be_read_the_notes_and_what_is_left(
    one_table: ImportResult, source: Path
) -> None:
    output = runner.invoke(app, ["import", str(source)]).output
    assert "未导入 2 处：" in output
    assert "第1个表格第3行第4列“联系电话：0731-1234567”：不是数据格式中的项" in output
    assert "第1个表格第13行第2列“备注：另附说明”：未能识别这一格的含义" in output
    assert "说明：原表金额单位为元，已换算为万元。" in output
    assert "原表有误：第1个表格第5行第4列：原表占比写为 90%，按金额应为 100.00%（524.31 ÷ 524.31）。" in output
    left = "还需填写 13 项：职能职责、内设机构、全年预算数、全年执行数、实际完成情况、分值 2 项、实际完成值 2 项"
    assert left in output


def test_the_account_ends_with_what_to_do_next(one_table: ImportResult, source: Path) -> None:
    output = runner.invoke(app, ["import", str(source)]).output
    last = output.strip().splitlines()[-1]
    data, report = source.with_suffix(".yaml"), source.with_name("目标表-报告.docx")  # 目标表.docx is the source
    assert last.startswith(f"下一步：用 reportgen render {data} -o {report} 生成报告草稿")
    assert "打开工作簿补充实际完成值" in last


def test_a_workbook_account_says_to_open_the_workbook(one_table: ImportResult, source: Path) -> None:
    out = source.parent / "工作簿.xlsx"
    result = runner.invoke(app, ["import", str(source), "--xlsx", str(out)])
    assert result.exit_code == 0, result.output
    assert f"下一步：打开工作簿 {out} 补充实际完成值" in result.output
    assert read_data(out).data["unit"]["name"] == UNIT


def test_json_gives_the_same_account(two_tables: ImportResult, source: Path) -> None:
    result = runner.invoke(app, ["import", str(source), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["file"] == str(source)
    first, second = payload["tables"]
    assert first["written"].endswith(f"{UNIT}-部门整体.yaml") and second["kind"] == "project"
    assert {"path": "budget.initial", "label": "资金总额", "value": "524.31", "place": "第1个表格第4行第3列"} in first[
        "mapped"
    ]
    assert first["unmapped"][0] == {
        "place": "第1个表格第3行第4列",
        "text": "联系电话：0731-1234567",
        "reason": "不是数据格式中的项",
    }
    assert (first["cells"], first["unrecognised"]) == (40, 1)
    assert first["notes"] == ["原表金额单位为元，已换算为万元。"]
    assert [f["rule"] for f in first["findings"]] == ["share"]
    assert "budget.adjusted" in [m["path"] for m in first["missing"]]
    assert first["errors"] == []


def test_several_tables_and_a_file_name_exit_2_listing_the_tables(two_tables: ImportResult, source: Path) -> None:
    result = runner.invoke(app, ["import", str(source), "-o", str(source.parent / "数据.yaml")])
    assert result.exit_code == 2
    assert "有 2 个表格可以导入" in result.output and "请指定一个目录" in result.output
    assert sorted(p.name for p in source.parent.iterdir()) == ["目标表.docx"]


def test_a_users_file_is_not_replaced_and_the_exit_is_2(one_table: ImportResult, source: Path) -> None:
    mine = source.with_suffix(".yaml")
    mine.write_text("我填的\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(source), "--force"])
    assert result.exit_code == 2
    assert "不会覆盖" in result.output
    assert mine.read_text(encoding="utf-8") == "我填的\n"


# The real command, on Word files


@pytest.fixture
def shifeng(tmp_path: Path) -> Path:
    return shifeng_target_table(tmp_path / "石峰区司法局目标表.docx")


def test_importing_a_target_table_writes_a_draft_beside_it(shifeng: Path) -> None:
    result = reportgen("import", shifeng)
    assert result.returncode == 0, result.stderr
    out = shifeng.with_suffix(".yaml")
    assert f"已写入 {out}" in result.stdout
    assert "已识别" in result.stdout and "还需填写" in result.stdout and "下一步" in result.stdout
    raw = read_data(out)
    assert raw.data["unit"]["name"] == "株洲市石峰区司法局"
    assert str(raw.data["budget"]["initial"]) == TOTAL
    assert [i["target"] for i in raw.data["indicators"]] == [row[3] for row in INDICATORS]
    checked = check_data(raw)
    assert checked.ok, checked.errors
    assert checked.missing


def test_importing_a_worksheet_places_each_value_at_its_excel_cell(tmp_path: Path) -> None:
    source = shifeng_target_sheet(tmp_path / "批复表.xlsx")
    result = reportgen("import", source, "--json")
    assert result.returncode == 0, result.stderr
    (table,) = json.loads(result.stdout)["tables"]
    places = {m["path"]: m["place"] for m in table["mapped"]}
    assert places["unit.name"] == "工作表“批复表”B2"
    assert places["indicators[0].target"] == "工作表“批复表”E8"
    raw = read_data(source.with_suffix(".yaml"))
    assert [i["target"] for i in raw.data["indicators"]] == [row[3] for row in INDICATORS]
    assert check_data(raw).ok


def test_importing_twice_gives_the_same_bytes(shifeng: Path, tmp_path: Path) -> None:
    assert reportgen("import", shifeng, "-o", tmp_path / "一.yaml").returncode == 0
    assert reportgen("import", shifeng, "-o", tmp_path / "二.yaml").returncode == 0
    assert (tmp_path / "一.yaml").read_bytes() == (tmp_path / "二.yaml").read_bytes()


def test_json_on_the_real_command_is_json(shifeng: Path) -> None:
    result = reportgen("import", shifeng, "--json")
    assert result.returncode == 0, result.stderr
    (table,) = json.loads(result.stdout)["tables"]
    assert table["kind"] == "department" and table["mapped"]


@pytest.mark.rendering
def test_the_imported_draft_renders_with_placeholders_as_the_account_says(shifeng: Path) -> None:
    imported = reportgen("import", shifeng)
    report = shifeng.with_name(f"{shifeng.stem}-报告.docx")  # the .docx beside the data is the source table
    assert f"reportgen render {shifeng.with_suffix('.yaml')} -o {report}" in imported.stdout
    rendered = reportgen("render", shifeng.with_suffix(".yaml"), "-o", report)
    assert rendered.returncode == 0, rendered.stderr
    assert "尚未填写" in rendered.stdout and "【待补充】" in rendered.stdout
    assert report.read_bytes()[:2] == b"PK"


def test_an_old_word_file_gets_the_hint_to_re_save(tmp_path: Path) -> None:
    old = tmp_path / "目标表.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    result = reportgen("import", old)
    assert result.returncode == 1
    assert "无法导入，没有写入任何文件" in result.stderr
    assert "另存为" in result.stderr and ".docx" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["目标表.doc"]


def test_old_word_bytes_under_a_docx_name_get_the_same_hint(tmp_path: Path) -> None:
    disguised = tmp_path / "目标表.docx"
    disguised.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    result = reportgen("import", disguised)
    assert result.returncode == 1
    assert "另存为" in result.stderr


def test_a_document_without_a_target_table_says_what_was_looked_for(tmp_path: Path) -> None:
    result = reportgen("import", table_free_document(tmp_path / "通知.docx"))
    assert result.returncode == 1
    assert "没有表格" in result.stderr and "绩效目标表" in result.stderr and "找的是" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["通知.docx"]


def test_a_document_whose_tables_are_no_target_table_says_what_was_looked_for(tmp_path: Path) -> None:
    result = reportgen("import", contacts_document(tmp_path / "通讯录.docx"))
    assert result.returncode == 1
    assert "没有找到可以导入的表格" in result.stderr and "找的是" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["通讯录.docx"]


def test_json_when_nothing_could_be_imported(tmp_path: Path) -> None:
    result = reportgen("import", contacts_document(tmp_path / "通讯录.docx"), "--json")
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    assert payload["tables"] == [] and "没有找到" in payload["errors"][0]["message"]


def test_a_missing_file_exits_1_in_chinese(tmp_path: Path) -> None:
    result = reportgen("import", tmp_path / "没有这个文件.docx")
    assert result.returncode == 1
    assert "没有这个文件.docx" in result.stderr


def test_an_unknown_option_is_a_usage_error(shifeng: Path) -> None:
    assert reportgen("import", shifeng, "--no-such-option").returncode == 2


def test_the_help_is_chinese() -> None:
    result = reportgen("import", "--help")
    assert result.returncode == 0
    assert "导入已有的绩效目标表或自评表" in result.stdout and "--xlsx" in result.stdout


# The seeds' documents (tests/helpers/seed_tables.py)


def test_seed_000_gives_the_department_and_each_project_its_own_draft(tmp_path: Path) -> None:
    source = tmp_path / "2023年绩效目标表.docx"
    source.write_bytes(seed_tables.zhuzhou_docx())
    result = reportgen("import", source)
    assert result.returncode == 0, result.stderr
    folder = tmp_path / "2023年绩效目标表"
    names = sorted(p.name for p in folder.iterdir())
    assert "株洲市石峰区司法局-部门整体.yaml" in names and len(names) > 1
    for path in folder.iterdir():
        checked = check_data(read_data(path))
        assert checked.ok, (path.name, checked.errors)
        assert checked.missing
        assert f"已写入 {path}" in result.stdout
    department = read_data(folder / "株洲市石峰区司法局-部门整体.yaml").data
    assert str(department["budget"]["initial"]) == "524.31"


def test_seed_000_with_a_file_name_is_refused_listing_its_tables(tmp_path: Path) -> None:
    source = tmp_path / "目标表.docx"
    source.write_bytes(seed_tables.zhuzhou_docx())
    result = reportgen("import", source, "-o", tmp_path / "数据.yaml")
    assert result.returncode == 2
    assert "个表格可以导入" in result.stderr and "第1个表格：2023年部门整体支出绩效目标表" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["目标表.docx"]


def test_a_hand_made_self_evaluation_table_imports_with_its_actual_values(tmp_path: Path) -> None:
    source = tmp_path / "自评表.docx"
    source.write_bytes(seed_tables.lingling_docx())
    result = reportgen("import", source, "--xlsx", tmp_path / "工作簿")
    assert result.returncode == 0, result.stderr
    workbooks = sorted((tmp_path / "工作簿").iterdir())
    assert workbooks and all(p.suffix == ".xlsx" for p in workbooks)
    data = read_data(tmp_path / "工作簿" / "永州市零陵区司法局-部门整体.xlsx").data
    assert all("actual" in indicator for indicator in data["indicators"])
    assert "打开工作簿" in result.stdout


SEED_LAYOUTS = {
    "000-zhuzhou.docx": seed_tables.zhuzhou_docx,
    "001-hengyang.docx": seed_tables.hengyang_docx,
    "002-lingling.docx": seed_tables.lingling_docx,
    "003-xinzhou.docx": seed_tables.xinzhou_docx,
    "004-dazhu.xlsx": seed_tables.dazhu_xlsx,
    "10-project-selfeval.xlsx": seed_tables.project_selfeval_xlsx,
}


@pytest.mark.parametrize("name", SEED_LAYOUTS)
def test_every_seed_layout_imports_into_drafts_that_validate(name: str, tmp_path: Path) -> None:
    source = tmp_path / name
    source.write_bytes(SEED_LAYOUTS[name]())
    result = reportgen("import", source, "-o", tmp_path / "导入")
    assert result.returncode == 0, result.stderr
    drafts = sorted((tmp_path / "导入").iterdir())
    assert drafts
    for path in drafts:
        checked = check_data(read_data(path))
        assert checked.ok, (path.name, checked.errors)
        assert f"已写入 {path}" in result.stdout
    assert "下一步：用 reportgen render" in result.stdout


def test_half_a_target_table_is_imported_as_far_as_it_goes(tmp_path: Path) -> None:
    source = tmp_path / "半张表.docx"
    source.write_bytes(seed_tables.half_table_docx())
    result = reportgen("import", source)
    assert result.returncode == 0, result.stderr
    assert "已识别" in result.stdout and "还需填写" in result.stdout
    assert "未导入 1 个表格：\n  第2个表格：不是可导入的表格" in result.stdout
    assert check_data(read_data(source.with_suffix(".yaml"))).ok
