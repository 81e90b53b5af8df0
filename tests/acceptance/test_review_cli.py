"""``reportgen review`` as a bureau reviewer meets it: every inconsistency of a hand-made 自评表
at its cell with the right figure, in Chinese; exit 1 when anything is listed, never a traceback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import seed_tables
from command import reportgen
from target_files import shifeng_target_table


@pytest.fixture
def lingling(tmp_path: Path) -> Path:
    path = tmp_path / "零陵区司法局自评报告.docx"
    path.write_bytes(seed_tables.lingling_docx())
    return path


def test_the_seed_self_evaluation_lists_its_known_errors_and_exits_1(lingling: Path) -> None:
    result = reportgen("review", lingling)
    assert result.returncode == 1, result.stderr
    out = result.stdout
    assert "执行率为139.11%" in out and "原表的预算执行率为100.00%，按数据计算应为139.11%" in out
    assert "请统一为442.93万元" in out
    assert "应为26.20%" in out
    assert "表头写的金额单位是万元" in out
    assert re.fullmatch(rf"{re.escape(str(lingling))}: 共发现 \d+ 处问题。", out.strip().splitlines()[-1])


def test_each_finding_names_its_cell(lingling: Path) -> None:
    lines = reportgen("review", lingling).stdout.splitlines()
    assert "第1个表格（部门整体支出绩效自评表）：5 处问题" in lines
    assert any(line.startswith("  [提示] 第2个表格第4行第8列：原表的预算执行率为100.00%") for line in lines)
    assert any(line.startswith("  [提示] 正文“（一）基本支出情况”下第1段：") for line in lines)


def test_json_gives_the_same_findings(lingling: Path) -> None:
    result = reportgen("review", lingling, "--json")
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    assert payload["file"] == str(lingling)
    assert payload["count"] == sum(len(t["findings"]) for t in payload["tables"]) + len(payload["text"])
    department, project = payload["tables"]
    assert department["kind"] == "department" and project["kind"] == "project"
    assert {"place", "message", "rule", "severity"} == set(project["findings"][0])
    assert any("26.20%" in f["message"] for f in payload["text"])


def test_a_table_without_inconsistencies_exits_0(tmp_path: Path) -> None:
    result = reportgen("review", shifeng_target_table(tmp_path / "目标表.docx"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().splitlines()[-1].endswith("没有发现问题。")


def test_a_worksheet_is_reviewed_cell_by_cell(tmp_path: Path) -> None:
    source = tmp_path / "自评表.xlsx"
    source.write_bytes(seed_tables.project_selfeval_xlsx())
    result = reportgen("review", source)
    assert result.returncode == 1
    assert "工作表“项目支出绩效自评表”H6：原表的预算执行率为100.00%，按数据计算应为139.11%" in result.stdout


def test_an_old_word_file_is_refused_with_the_hint(tmp_path: Path) -> None:
    old = tmp_path / "自评表.doc"
    old.write_bytes(seed_tables.doc_bytes())
    result = reportgen("review", old)
    assert result.returncode == 1
    assert "无法检查" in result.stderr and "另存为" in result.stderr


def test_json_of_an_unreadable_file_is_json(tmp_path: Path) -> None:
    result = reportgen("review", tmp_path / "没有这个文件.docx", "--json")
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    assert payload["tables"] == [] and payload["errors"]


def test_usage_errors_exit_2_and_the_help_is_chinese() -> None:
    assert reportgen("review").returncode == 2
    shown = reportgen("review", "--help")
    assert shown.returncode == 0 and "检查手工填写的绩效自评表" in shown.stdout


# Many files at once, as a bureau receives them


@pytest.fixture
def received(tmp_path: Path) -> Path:
    """A folder of what units sent: two 自评表 (Word and Excel), a clean target table, an old .doc."""
    folder = tmp_path / "收到的自评表"
    folder.mkdir()
    (folder / "1-零陵区司法局.docx").write_bytes(seed_tables.lingling_docx())
    (folder / "2-项目自评表.xlsx").write_bytes(seed_tables.project_selfeval_xlsx())
    (folder / "3-旧版.doc").write_bytes(seed_tables.doc_bytes())
    shifeng_target_table(folder / "4-石峰区目标表.docx")
    (folder / "说明.txt").write_text("不是表格", encoding="utf-8")
    return folder


def test_several_files_are_reviewed_one_after_another_and_tallied(received: Path) -> None:
    files = [received / "1-零陵区司法局.docx", received / "2-项目自评表.xlsx", received / "3-旧版.doc"]
    result = reportgen("review", *files)
    assert result.returncode == 1
    out = result.stdout
    assert out.index(f"{files[0]}: 共发现") < out.index(f"{files[1]}: 共发现")
    assert f"{files[2]}: 无法检查" in result.stderr and "另存为" in result.stderr
    assert re.search(r"共检查 3 个文件：2 个有问题（共 \d+ 处），0 个没有问题，1 个无法读取。\n$", out)


def test_a_folder_stands_for_its_word_and_excel_files_in_name_order_an_old_one_reported(received: Path) -> None:
    result = reportgen("review", received)
    assert result.returncode == 1
    out = result.stdout
    first, second, fourth = (
        str(received / name) for name in ("1-零陵区司法局.docx", "2-项目自评表.xlsx", "4-石峰区目标表.docx")
    )
    assert out.index(first) < out.index(second) < out.index(fourth)
    assert f"{fourth}: 没有发现问题。" in out and "说明.txt" not in out + result.stderr
    assert "3-旧版.doc: 无法检查" in result.stderr
    assert "共检查 4 个文件：2 个有问题" in out and "1 个没有问题，1 个无法读取。" in out


def test_json_of_several_files_lists_each_and_the_count(received: Path) -> None:
    result = reportgen("review", received / "1-零陵区司法局.docx", received / "3-旧版.doc", "--json")
    assert result.returncode == 1
    payload = json.loads(result.stdout)
    reviewed, refused = payload["files"]
    assert reviewed["file"].endswith("1-零陵区司法局.docx") and reviewed["count"] == payload["count"] > 0
    assert refused["file"].endswith("3-旧版.doc") and "另存为" in refused["error"]


def test_several_files_without_problems_exit_0(tmp_path: Path) -> None:
    files = [shifeng_target_table(tmp_path / f"目标表{n}.docx") for n in (1, 2)]
    result = reportgen("review", *files)
    assert result.returncode == 0, result.stdout
    assert (
        result.stdout.strip().splitlines()[-1] == "共检查 2 个文件：0 个有问题（共 0 处），2 个没有问题，0 个无法读取。"
    )


def test_a_folder_without_tables_is_a_usage_error(tmp_path: Path) -> None:
    result = reportgen("review", tmp_path)
    assert result.returncode == 2 and "没有 Word 或 Excel 文件" in result.stderr
