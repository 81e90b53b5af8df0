"""The stylesheet model: numbering and grid modes, heading formats Word can number natively."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from reportgen.errors import StyleError
from reportgen.render.stylesheet import HeadingStyle, NumberFormat, load_stylesheet
from samples import ROOT

BUILTIN = ROOT / "styles" / "gbt9704.yaml"


def test_builtin_style_uses_native_numbering_and_the_portable_grid() -> None:
    sheet = load_stylesheet("gbt9704")
    assert (sheet.numbering, sheet.grid) == ("native", "portable")
    raw = yaml.safe_load(BUILTIN.read_text(encoding="utf-8"))
    assert (raw["numbering"], raw["grid"]) == ("native", "portable")


@pytest.mark.parametrize(
    ("fmt", "parts"),
    [
        ("{cn}、", NumberFormat("", "cn", "、")),
        ("（{cn}）", NumberFormat("（", "cn", "）")),
        ("{n}.", NumberFormat("", "n", ".")),
        ("（{n}）", NumberFormat("（", "n", "）")),
        ("第{cn}章 ", NumberFormat("第", "cn", "章 ")),
    ],
)
def test_number_format_splits_around_the_counter(fmt: str, parts: NumberFormat) -> None:
    assert HeadingStyle(font="黑体", size_pt=16, format=fmt).number_format(1) == parts


@pytest.mark.parametrize("fmt", ["", "一、", "{cn}{n}", "{cn}.{cn}", "{n}%", "{{n}}", "{x}"])
def test_number_format_rejects_what_word_cannot_express(fmt: str) -> None:
    with pytest.raises(StyleError, match="第2级标题的编号格式"):
        HeadingStyle(font="黑体", size_pt=16, format=fmt).number_format(2)


def write_style(tmp_path: Path, **changes: object) -> Path:
    raw = yaml.safe_load(BUILTIN.read_text(encoding="utf-8"))
    raw.update(changes)
    path = tmp_path / "house.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def test_modes_are_read_from_the_file(tmp_path: Path) -> None:
    sheet = load_stylesheet(str(write_style(tmp_path, numbering="literal", grid="word")))
    assert (sheet.numbering, sheet.grid) == ("literal", "word")


def test_unknown_mode_is_a_style_error(tmp_path: Path) -> None:
    with pytest.raises(StyleError, match="numbering"):
        load_stylesheet(str(write_style(tmp_path, numbering="automatic")))
    with pytest.raises(StyleError, match="grid"):
        load_stylesheet(str(write_style(tmp_path, grid="chars")))


def test_native_numbering_checks_heading_formats_on_load(tmp_path: Path) -> None:
    raw = yaml.safe_load(BUILTIN.read_text(encoding="utf-8"))
    headings = raw["headings"]
    headings[0]["format"] = "{cn}、{n}"
    with pytest.raises(StyleError, match=r"house\.yaml 有误：第1级标题的编号格式“\{cn\}、\{n\}”"):
        load_stylesheet(str(write_style(tmp_path, headings=headings)))
    literal = load_stylesheet(str(write_style(tmp_path, headings=headings, numbering="literal")))
    assert literal.headings[0].format == "{cn}、{n}"
