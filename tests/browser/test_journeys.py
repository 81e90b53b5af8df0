"""What a unit's clerk does in the browser, end to end against ``reportgen serve``: a workbook
uploaded on the start page becomes a report whose Word file has the 总分 the CLI computes; a
file that holds no data is refused in Chinese and nothing is stored; a new version with an
error, then a corrected one. Each page is photographed (see the test report's summary)."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pytest

from browser_steps import Browser, Shoot
from reportgen import api
from reportgen.data.sources import read_data

pytestmark = pytest.mark.browser

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "lingling-2022" / "data.yaml"


def example_data() -> dict[str, Any]:
    data = read_data(EXAMPLE).data
    assert isinstance(data, dict)
    return data


def workbook(folder: Path, data: dict[str, Any], name: str = "自评数据.xlsx") -> Path:
    """The fillable workbook filled with ``data``, as a unit would have it from reportgen."""
    path = folder / name
    content, unplaced = api.workbook_bytes(data)
    assert unplaced == []
    path.write_bytes(content)
    return path


def validated_total(path: Path) -> Decimal:
    """The 总分 ``reportgen validate --json`` gives for the file at ``path``."""
    run = subprocess.run(
        [sys.executable, "-m", "reportgen", "validate", "--json", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert run.returncode == 0, run.stderr
    return Decimal(json.loads(run.stdout)["figures"]["total_score"])


def docx_total(path: Path) -> tuple[str, str, Decimal]:
    """The 总分 row of the report's scoring table: its title, the 分值 and the score (merged cells read once)."""
    document = docx.Document(str(path))
    row = next(row for table in document.tables for row in table.rows if row.cells[0].text == "总分")
    title, weight, score = [
        cell.text for index, cell in enumerate(row.cells) if index == 0 or cell._tc is not row.cells[index - 1]._tc
    ][:3]
    return title, weight, Decimal(score)


def versions_listed(browser: Browser) -> list[str]:
    return re.findall(r"第 (\d+) 版 \d{4}-", browser.text)


def test_a_workbook_uploaded_on_the_start_page_gives_a_word_report_with_the_total_the_cli_computes(
    browser: Browser, shoot: Shoot, tmp_path: Path
) -> None:
    filled = workbook(tmp_path, example_data())
    browser.open("/")
    assert "还没有报告" in browser.text
    shoot("start-page")

    browser.upload("form[action='/reports/upload']", filled)
    assert re.fullmatch(r"/reports/\d+", browser.path)
    assert "永州市零陵区司法局 2022 年度绩效自评" in browser.text and "第 1 版" in browser.text
    shoot("report-page")

    saved = browser.download(browser.link("Word 报告"), ".docx")
    assert saved.name == "永州市零陵区司法局2022年度绩效自评报告.docx"
    total = validated_total(filled)
    assert total == Decimal("98.00") and docx_total(saved) == ("总分", "100", total)
    assert "总分：98（优）" in browser.text.replace(" ", "")

    browser.follow(browser.link("reportgen"))
    assert "零陵区司法局" in browser.text and "还没有报告" not in browser.text
    shoot("start-page-with-the-report")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("自评数据.xlsx", b"PK\x03\x04 this is not a workbook", "xlsx"),
        ("报告.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "“.doc”是 Word 文档，不是数据文件"),
    ],
    ids=["broken-workbook", "word-doc"],
)
def test_a_file_without_data_is_refused_in_chinese_and_nothing_is_stored(
    browser: Browser, shoot: Shoot, tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    upload = tmp_path / name
    upload.write_bytes(content)
    browser.open("/")
    browser.upload("form[action='/reports/upload']", upload)
    assert "无法完成" in browser.text and message in browser.text
    assert "Traceback" not in browser.text and "upload" not in browser.text.replace("/reports/upload", "")
    shoot("refused")

    browser.follow(browser.link("返回"))
    browser.settle()
    browser.wait_for_text("还没有报告")
    assert browser.path == "/"
    shoot("start-page-after")


def test_a_new_version_with_an_error_is_kept_with_its_error_and_a_corrected_one_gives_the_report_again(
    browser: Browser, shoot: Shoot, tmp_path: Path
) -> None:
    data = example_data()
    wrong = copy.deepcopy(data)
    wrong["indicators"][0]["weight"] = Decimal(90)  # the 分值 then add up to 180
    first = workbook(tmp_path, data, "第一稿.xlsx")
    with_error = workbook(tmp_path, wrong, "改了分值.xlsx")
    corrected = workbook(tmp_path, data, "改正后.xlsx")
    new_version = "form[action$='/versions']"

    browser.open("/")
    browser.upload("form[action='/reports/upload']", first)
    report = browser.path
    assert "Word 报告" in browser.text

    browser.upload(new_version, with_error)
    assert browser.path == report and versions_listed(browser) == ["2", "1"]
    assert "数据有错误，改正后才能生成 Word 报告" in browser.text and "Word 报告（.docx）" not in browser.text
    assert "分值合计为180分" in browser.text and "错误 1 处" in browser.text
    shoot("version-with-an-error")

    browser.open(f"{report}/report.docx")
    assert "数据有错误，改正后才能生成报告" in browser.text
    shoot("docx-refused")
    browser.follow(browser.link("返回"))

    browser.upload(new_version, corrected)
    assert browser.path == report and versions_listed(browser) == ["3", "2", "1"]
    assert "错误 0 处" in browser.text and "上传 改正后.xlsx" in browser.text
    shoot("corrected-version")
    saved = browser.download(browser.link("Word 报告"), ".docx")
    assert docx_total(saved) == ("总分", "100", validated_total(corrected))
