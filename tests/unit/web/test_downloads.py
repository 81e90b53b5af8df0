"""Names of downloaded files and uploaded files' extensions."""

from __future__ import annotations

from reportgen.web.downloads import disposition, file_name
from reportgen.web.upload import suffix_of


def test_download_names_are_chinese_from_unit_and_year() -> None:
    assert file_name("某县司法局", 2024, "绩效自评报告", ".docx") == "某县司法局2024年度绩效自评报告.docx"
    assert file_name("（未填写单位名称）", None, "自评数据", ".yaml") == "（未填写单位名称）自评数据.yaml"


def test_characters_no_file_system_takes_are_replaced() -> None:
    assert file_name('../某局/"甲"\n', 2024, "自评数据", ".xlsx") == "某局_甲2024年度自评数据.xlsx"
    assert file_name("..", 2024, "自评数据", ".xlsx") == "报告2024年度自评数据.xlsx"


def test_the_header_carries_the_name_as_rfc_5987_filename_star() -> None:
    header = disposition("某局2024年度绩效自评报告.docx")
    assert header.startswith('attachment; filename="reportgen.docx"; ')
    assert header.endswith(
        "filename*=UTF-8''%E6%9F%90%E5%B1%802024%E5%B9%B4%E5%BA%A6%E7%BB%A9%E6%95%88%E8%87%AA%E8%AF%84%E6%8A%A5%E5%91%8A.docx"
    )


def test_only_a_plain_extension_is_taken_from_an_uploaded_name() -> None:
    assert suffix_of("数据.YAML") == ".yaml"
    assert suffix_of("C:\\Users\\甲\\数据.xlsx") == ".xlsx"
    assert suffix_of("a.doc/../../etc/passwd") == ""
    assert suffix_of("no extension") == ""
