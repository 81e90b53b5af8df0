"""The style's seal option (有印章/无印章) and where it puts the 附件说明 and 落款 lines
(GB/T 9704-2012 §7.3.4, §7.3.5.1, §7.3.5.2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.api import Renderer, load
from reportgen.api.rendering import RenderOptions
from reportgen.errors import StyleError
from reportgen.render.blocks import Paragraph, Role
from reportgen.render.signature import (
    AUTOSPACE_EM,
    Measure,
    attachment_place,
    closing_places,
    kept_with_closing,
    signature_places,
    text_width,
)
from reportgen.render.stylesheet import load_stylesheet
from reportgen.support.resources import builtin_dir
from samples import LINGLING_PROJECT

SIZE = 16  # 3号: one character is 16 pt
MEASURE = Measure(SIZE)
DATE = "2023年4月25日"  # 3 Chinese characters, 7 half-width digits, 5 changes of script


def _style_with(tmp_path: Path, line: str) -> Path:
    text = (builtin_dir("styles") / "gbt9704.yaml").read_text(encoding="utf-8")
    path = tmp_path / "mine.yaml"
    path.write_text(text.replace("seal: 有印章", line), encoding="utf-8")
    return path


def test_the_builtin_style_signs_for_a_seal() -> None:
    assert load_stylesheet("gbt9704").seal == "有印章"


def test_a_style_may_choose_no_seal(tmp_path: Path) -> None:
    assert load_stylesheet(str(_style_with(tmp_path, "seal: 无印章"))).seal == "无印章"


@pytest.mark.parametrize("value", ["有章", "true", "1"])
def test_another_seal_value_is_refused_naming_the_file_and_key(tmp_path: Path, value: str) -> None:
    path = _style_with(tmp_path, f"seal: {value}")
    with pytest.raises(StyleError) as raised:
        load_stylesheet(str(path))
    message = raised.value.message
    assert str(path) in message
    assert "seal（落款方式）" in message
    assert "“有印章”或“无印章”" in message


def test_digits_are_half_a_character_and_a_change_of_script_adds_the_automatic_space() -> None:
    assert text_width(DATE, SIZE) == pytest.approx((3 + 7 * 0.5 + 5 * AUTOSPACE_EM) * SIZE)
    assert text_width("司法局", SIZE, -0.25) == 3 * SIZE - 0.75


def test_with_a_seal_the_date_is_four_characters_in_and_the_name_centred_over_it() -> None:
    name_text = "永州市零陵区司法局"
    name, date = signature_places(name_text, DATE, MEASURE, "有印章")
    assert date.right == 4 * SIZE
    name_centre = name.right + text_width(name_text, SIZE) / 2
    date_centre = date.right + text_width(DATE, SIZE) / 2
    assert name_centre == pytest.approx(date_centre)
    assert name.blank_lines_before == 2  # room for the seal, its top within a line of the text


def test_without_a_seal_the_name_is_two_characters_in_and_the_date_starts_two_right_of_it() -> None:
    name_text = "永州市零陵区司法局"  # 9 characters, longer than the date by 2.5
    name, date = signature_places(name_text, DATE, MEASURE, "无印章")
    assert name.right == 2 * SIZE
    name_start = name.right + text_width(name_text, SIZE)
    date_start = date.right + text_width(DATE, SIZE)
    assert name_start - date_start == pytest.approx(2 * SIZE)
    assert name.blank_lines_before == 1


def test_without_a_seal_a_date_longer_than_the_name_stands_two_in_and_moves_the_name_left() -> None:
    name, date = signature_places("某县司法局", DATE, MEASURE, "无印章")
    assert date.right == 2 * SIZE
    name_start = name.right + text_width("某县司法局", SIZE)
    date_start = date.right + text_width(DATE, SIZE)
    assert name_start - date_start == pytest.approx(2 * SIZE)
    assert name.right > 2 * SIZE


def test_the_attachment_note_hangs_so_names_line_up_under_each_other() -> None:
    first = attachment_place("附件：1.部门整体支出绩效自评表", MEASURE, first=True)
    second = attachment_place("2.数据核对情况", MEASURE, first=False)
    label, number = text_width("附件：", SIZE), text_width("1.", SIZE)
    assert first.left - first.hanging == 2 * SIZE  # "附件" two characters in
    assert first.left == 2 * SIZE + label + number  # a wrapped name under its first character
    assert second.left - second.hanging == 2 * SIZE + label  # "2." under "1."
    assert second.left == first.left
    assert (first.blank_lines_before, second.blank_lines_before) == (1, 0)


def test_a_single_attachment_is_not_numbered_and_its_name_follows_the_colon() -> None:
    only = attachment_place("附件：部门整体支出绩效自评表", MEASURE, first=True)
    assert only.left == 2 * SIZE + text_width("附件：", SIZE)


def test_the_closing_lines_are_placed_and_kept_together_with_the_last_paragraph() -> None:
    blocks = (
        Paragraph.of("正文最后一段。"),
        Paragraph.of("附件：1.部门整体支出绩效自评表", Role.ATTACHMENT_NOTE),
        Paragraph.of("2.数据核对情况", Role.ATTACHMENT_NOTE),
        Paragraph.of("某县司法局", Role.SIGNATURE),
        Paragraph.of(DATE, Role.SIGNATURE),
        Paragraph.of("附件1", Role.ATTACHMENT),
    )
    places = closing_places(blocks, MEASURE, "有印章")
    assert sorted(places) == [1, 2, 3, 4]
    assert [places[i].keep_with_next for i in (1, 2, 3, 4)] == [True, True, True, False]
    assert kept_with_closing(blocks) == 0


def test_a_signature_of_one_line_is_left_to_its_style() -> None:
    blocks = (Paragraph.of("正文。"), Paragraph.of("某县司法局", Role.SIGNATURE))
    assert closing_places(blocks, MEASURE, "无印章") == {}


@pytest.mark.parametrize(
    ("checks", "notes"),
    [(True, ["附件：1.项目支出绩效自评表", "2.数据核对情况"]), (False, ["附件：项目支出绩效自评表"])],
)
def test_the_attachment_note_names_the_appendices_the_report_has(checks: bool, notes: list[str]) -> None:
    document = Renderer(RenderOptions(checks_appendix=checks)).document(load(LINGLING_PROJECT))
    found = [b.text for b in document.blocks if isinstance(b, Paragraph) and b.role is Role.ATTACHMENT_NOTE]
    assert found == notes
