"""Writing what ``reportgen import`` read: where each table goes, what the file holds, and
that nothing the user owns is replaced and nothing is left half-written."""

from __future__ import annotations

from pathlib import Path

import pytest

from imported_tables import PROJECT, UNIT, department_table, project_table, result_of
from reportgen.api import check_data
from reportgen.api.importing import write_imported
from reportgen.data.sources import read_data
from reportgen.errors import DataError, OutputError
from reportgen.support.output import Recogniser, made_by_reportgen, write_atomic


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "目标表.docx"
    path.write_bytes(b"the original table")
    return path


def files_in(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# Where the files go


def test_one_table_without_output_goes_beside_the_source_with_its_name(source: Path) -> None:
    written = write_imported(result_of(str(source), department_table()), None, None)
    assert [w.path for w in written] == [source.with_suffix(".yaml")]
    assert written[0].form == "yaml"


def test_several_tables_without_output_go_into_a_folder_named_after_the_source(source: Path) -> None:
    written = write_imported(result_of(str(source), department_table(), project_table()), None, None)
    folder = source.parent / "目标表"
    assert [w.path for w in written] == [folder / f"{UNIT}-部门整体.yaml", folder / f"{UNIT}-{PROJECT}.yaml"]
    assert all(w.path.is_file() for w in written)


def test_one_table_and_a_file_name_is_written_to_that_file(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "我的数据.yml"
    written = write_imported(result_of(str(source), department_table()), out, None)
    assert [w.path for w in written] == [out]
    assert out.read_text(encoding="utf-8").startswith("# 由 reportgen import")


def test_a_json_name_gives_a_json_data_file_that_reads_back(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "数据.json"
    (written,) = write_imported(result_of(str(source), department_table()), out, None)
    assert written.form == "json"
    raw = read_data(out)
    assert raw.data["budget"]["initial"] == department_table().data["budget"]["initial"]
    assert check_data(raw).ok


def test_several_tables_and_a_file_name_is_refused_listing_the_tables(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "数据.yaml"
    with pytest.raises(OutputError) as refused:
        write_imported(result_of(str(source), department_table(), project_table()), out, None)
    message = refused.value.message
    assert "有 2 个表格" in message
    assert "第1个表格：2023年部门整体支出绩效目标表" in message
    assert f"第2个表格：{PROJECT}绩效目标表" in message
    assert "请指定一个目录" in message
    assert files_in(tmp_path) == ["目标表.docx"]


def test_xlsx_naming_a_folder_gives_one_workbook_per_table(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "工作簿"
    written = write_imported(result_of(str(source), department_table(), project_table()), None, out)
    assert [w.form for w in written] == ["xlsx", "xlsx"]
    assert files_in(out) == [f"{UNIT}-{PROJECT}.xlsx", f"{UNIT}-部门整体.xlsx"]
    assert read_data(written[1].path).data["project"]["name"] == PROJECT


def test_a_file_in_a_missing_folder_is_refused_before_writing(source: Path, tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="不存在"):
        write_imported(result_of(str(source), department_table()), tmp_path / "没有的目录" / "数据.yaml", None)


def test_a_folder_given_with_o_is_made_and_holds_every_table(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "导入" / "2023"
    written = write_imported(result_of(str(source), department_table(), project_table()), out, None)
    assert [w.path.parent for w in written] == [out, out]
    assert files_in(out) == [f"{UNIT}-{PROJECT}.yaml", f"{UNIT}-部门整体.yaml"]


def test_one_table_into_an_existing_folder_is_named_after_the_unit(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "数据.d"
    out.mkdir()
    (written,) = write_imported(result_of(str(source), department_table()), out, None)
    assert written.path == out / f"{UNIT}-部门整体.yaml"


def test_names_are_unique_in_the_folder(source: Path) -> None:
    tables = [project_table(), project_table(), project_table(project=PROJECT.upper())]
    written = write_imported(result_of(str(source), *tables), None, None)
    names = [w.path.name for w in written]
    assert names == [f"{UNIT}-{PROJECT}.yaml", f"{UNIT}-{PROJECT}-2.yaml", f"{UNIT}-{PROJECT}-3.yaml"]


def test_names_made_from_the_table_are_safe_file_names(source: Path) -> None:
    hostile = project_table(unit="../../某局\u202e", project="CON")
    written = write_imported(result_of(str(source), department_table(), hostile), None, None)
    assert written[1].path.parent == source.parent / "目标表"
    assert written[1].path.name == "某局-CON.yaml"


def test_a_table_without_a_unit_name_still_gets_a_name(source: Path) -> None:
    nameless = department_table()
    del nameless.data["unit"]
    written = write_imported(result_of(str(source), nameless, project_table()), None, None)
    assert written[0].path.name == "未命名单位-部门整体.yaml"


def test_o_and_xlsx_together_are_refused(source: Path, tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="只能选一个"):
        write_imported(result_of(str(source), department_table()), tmp_path / "a.yaml", tmp_path / "a.xlsx")


def test_a_file_type_reportgen_does_not_write_is_refused(source: Path, tmp_path: Path) -> None:
    with pytest.raises(OutputError, match=r"\.yaml、\.yml 或 \.json"):
        write_imported(result_of(str(source), department_table()), tmp_path / "数据.txt", None)
    with pytest.raises(OutputError, match="--xlsx"):
        write_imported(result_of(str(source), department_table()), tmp_path / "数据.xlsx", None)
    with pytest.raises(OutputError, match=r"须以 \.xlsx 结尾"):
        write_imported(result_of(str(source), department_table()), None, tmp_path / "数据.yaml")


def test_no_table_is_a_data_error(source: Path) -> None:
    with pytest.raises(DataError, match="没有可以导入"):
        write_imported(result_of(str(source)), None, None)


# The workbook


def test_xlsx_writes_the_staff_workbook_that_reads_back_as_the_same_data(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "工作簿.xlsx"
    (written,) = write_imported(result_of(str(source), department_table()), None, out)
    assert written.form == "xlsx"
    assert written.unplaced == []
    raw = read_data(out)
    assert raw.data["unit"]["name"] == UNIT
    assert [i["target"] for i in raw.data["indicators"]] == ["400件", "90%以上"]
    assert check_data(raw).ok


def test_xlsx_names_the_fields_the_workbook_has_no_place_for(source: Path, tmp_path: Path) -> None:
    table = department_table()
    table.data["unit"]["motto"] = "依法治区"
    (written,) = write_imported(result_of(str(source), table), None, tmp_path / "工作簿.xlsx")
    assert written.unplaced == ["unit.motto"]


# What the YAML file holds


def test_the_yaml_says_where_it_came_from_and_what_is_still_to_fill_in(source: Path) -> None:
    (written,) = write_imported(result_of(str(source), department_table()), None, None)
    text = written.path.read_text(encoding="utf-8")
    header = text[: text.index("format:")]
    first = "# 由 reportgen import 从“目标表.docx”第1个表格（2023年部门整体支出绩效目标表）导入的草稿。"
    assert header.splitlines()[0] == first
    assert "# 说明：原表金额单位为元，已换算为万元。" in header
    assert f"# 尚未填写 {len(written.checked.missing)} 项" in header
    assert "#   - 全年预算数（budget.adjusted）" in header
    assert "#   - 实际完成值 2 项（indicators[0].actual 等）" in header
    assert str(source.parent) not in header  # the source's name only: the same bytes wherever it lies


def test_odd_characters_in_the_source_name_and_notes_cannot_break_the_yaml(tmp_path: Path) -> None:
    source = tmp_path / "表\u2028\x1b\x85.docx"
    source.write_bytes(b"the original table")
    table = department_table()
    table.notes.append("第一行\n# 第二行\x7f")
    (written,) = write_imported(result_of(str(source), table), None, None)
    text = written.path.read_text(encoding="utf-8")
    assert "表 [U+001B] .docx" in text.splitlines()[0]
    assert "# 说明：第一行 # 第二行[U+007F]" in text
    assert read_data(written.path).data == table.data


def test_the_data_is_in_the_data_formats_key_order(source: Path) -> None:
    (written,) = write_imported(result_of(str(source), department_table()), None, None)
    lines = written.path.read_text(encoding="utf-8").splitlines()
    top = [line.split(":")[0] for line in lines if line and not line.startswith(("#", " ", "-"))]
    assert top == ["format", "kind", "year", "money_unit", "unit", "budget", "goals", "indicators"]
    first = lines.index("indicators:") + 1
    assert [line.strip(" -").split(":")[0] for line in lines[first : first + 4]] == [
        "level1",
        "level2",
        "name",
        "target",
    ]


def test_the_same_import_gives_the_same_bytes(source: Path, tmp_path: Path) -> None:
    first = write_imported(result_of(str(source), department_table()), tmp_path / "一.yaml", None)[0].path
    second = write_imported(result_of(str(source), department_table()), tmp_path / "二.yaml", None)[0].path
    assert first.read_bytes() == second.read_bytes()


def test_the_yaml_reads_back_and_validates_as_the_same_draft(source: Path) -> None:
    for written in write_imported(result_of(str(source), department_table(), project_table()), None, None):
        raw = read_data(written.path)
        assert raw.data == written.table.data
        again = check_data(raw)
        assert again.ok, again.errors
        assert [i.path for i in again.missing] == [i.path for i in written.checked.missing]
        assert again.missing  # a target table is a draft


def test_the_drafts_missing_items_are_placed_at_the_tables_cells(source: Path) -> None:
    (written,) = write_imported(result_of(str(source), department_table()), None, None)
    where = {i.path: i.location for i in written.checked.missing}
    assert where["goals[0].actual"] == "第1个表格第8行"
    assert where["indicators[1].weight"] == "第1个表格第12行"


# Never replacing what is not reportgen's, never half-written


def test_a_users_file_is_never_replaced_even_with_force(source: Path) -> None:
    mine = source.with_suffix(".yaml")
    mine.write_text("# 我自己填的\nformat: reportgen/1\n", encoding="utf-8")
    with pytest.raises(OutputError, match="不会覆盖"):
        write_imported(result_of(str(source), department_table()), None, None, force=True)
    assert mine.read_text(encoding="utf-8") == "# 我自己填的\nformat: reportgen/1\n"


def test_an_identical_earlier_import_is_replaced_only_with_force(source: Path) -> None:
    (first,) = write_imported(result_of(str(source), department_table()), None, None)
    content = first.path.read_bytes()
    with pytest.raises(OutputError, match="--force"):
        write_imported(result_of(str(source), department_table()), None, None)
    (again,) = write_imported(result_of(str(source), department_table()), None, None, force=True)
    assert again.path.read_bytes() == content


def test_an_edited_earlier_import_is_the_users_and_never_replaced(source: Path) -> None:
    (first,) = write_imported(result_of(str(source), department_table()), None, None)
    edited = first.path.read_text(encoding="utf-8").replace("  initial: 524.31", "  initial: 524.31\n  adjusted: 530")
    first.path.write_text(edited, encoding="utf-8")
    with pytest.raises(OutputError, match="不会覆盖"):
        write_imported(result_of(str(source), department_table()), None, None, force=True)
    assert first.path.read_text(encoding="utf-8") == edited


def test_a_conflict_at_any_target_leaves_nothing_written(source: Path) -> None:
    folder = source.parent / "目标表"
    folder.mkdir()
    (folder / f"{UNIT}-{PROJECT}.yaml").write_text("别人的文件\n", encoding="utf-8")
    with pytest.raises(OutputError, match=PROJECT):
        write_imported(result_of(str(source), department_table(), project_table()), None, None, force=True)
    assert files_in(folder) == [f"{UNIT}-{PROJECT}.yaml"]


def test_the_source_itself_is_never_a_target(tmp_path: Path) -> None:
    source = tmp_path / "表.xlsx"
    source.write_bytes(b"the original workbook")
    with pytest.raises(OutputError, match="就是要导入的原表"):
        write_imported(result_of(str(source), department_table()), None, source, force=True)
    assert source.read_bytes() == b"the original workbook"


def test_a_file_where_the_folder_should_be_is_refused_before_writing(source: Path) -> None:
    (source.parent / "目标表").write_text("a file", encoding="utf-8")
    with pytest.raises(OutputError, match="不是目录"):
        write_imported(result_of(str(source), department_table(), project_table()), None, None)
    assert files_in(source.parent) == ["目标表", "目标表.docx"]


def test_a_failure_half_way_removes_what_this_run_wrote(source: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []

    def second_fails(path: Path, data: bytes, force: bool = False, ours: Recogniser = made_by_reportgen) -> None:
        calls.append(path)
        if len(calls) == 2:
            raise OutputError(f"无法写入 {path}：磁盘已满，请清理出空间后重试。已有的文件没有改动。")
        write_atomic(path, data, force, ours)

    monkeypatch.setattr("reportgen.api.importing.write_atomic", second_fails)
    with pytest.raises(OutputError, match="磁盘已满"):
        write_imported(result_of(str(source), department_table(), project_table()), None, None)
    assert files_in(source.parent) == ["目标表.docx"]
