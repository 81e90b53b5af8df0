"""The 附件说明 and 落款 as LibreOffice sets them (GB/T 9704-2012 §7.3.4, §7.3.5), and no lone
line at a page break in any example under either template.

Positions are read from the PDF with ``pdftotext -bbox``: the type area's right edge is the
page width less the 26 mm right margin, a character (em) is the 3号 size, 16 pt.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from lone_lines import lone_lines
from pdfpages import MM, Line, Page, read_pages, render_pdf, require_libreoffice
from reportgen.api import Renderer, load
from reportgen.api.rendering import RenderOptions
from reportgen.docx.measures import line_pitch
from reportgen.render.stylesheet import PageSetup
from reportgen.support.resources import builtin_dir
from samples import EXAMPLES, LINGLING_PROJECT

pytestmark = [pytest.mark.libreoffice, pytest.mark.rendering]
EM = 16
LEFT = 28 * MM
RIGHT_MARGIN = 26 * MM
TOLERANCE = 1  # pt
PITCH = line_pitch(PageSetup()) / 20  # the grid line, 225 mm / 22 lines in points
NAME = "永州市零陵区司法局"
DATE = "2023年4月25日"
ISO_DATE = "2023-04-25"


def _render(data: Path, folder: Path, style: str = "gbt9704", template: str = "standard") -> tuple[bytes, list[Page]]:
    require_libreoffice()
    docx = folder / f"{data.parent.name}-{template}-{Path(style).stem}.docx"
    docx.write_bytes(Renderer(RenderOptions(template=template, style=style)).render(load(data)))
    return docx.read_bytes(), read_pages(render_pdf(docx))


def _dated(folder: Path) -> Path:
    data = folder / "data.yaml"
    data.write_text(LINGLING_PROJECT.read_text(encoding="utf-8") + f"\ndate: {ISO_DATE}\n", encoding="utf-8")
    return data


def _no_seal_style(folder: Path) -> str:
    path = folder / "no-seal.yaml"
    builtin = (builtin_dir("styles") / "gbt9704.yaml").read_text(encoding="utf-8")
    path.write_text(builtin.replace("seal: 有印章", "seal: 无印章"), encoding="utf-8")
    return str(path)


CLOSING = {"note1": "附件：1.项目支出绩效自评表", "note2": "2.数据核对情况", "name": NAME, "date": DATE}


def _closing(pages: list[Page]) -> tuple[Page, dict[str, Line]]:
    """The page with the 附件说明 and 落款 (kept on one page), and their lines."""
    for page in pages:
        lines = {line.text.replace(" ", ""): line for line in page.body()}
        if all(text in lines for text in CLOSING.values()):
            return page, {what: lines[text] for what, text in CLOSING.items()}
    raise AssertionError("no page holds the 附件说明 and the 落款")


@pytest.fixture(scope="module")
def sealed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Page, dict[str, Line], list[Page]]:
    folder = tmp_path_factory.mktemp("sealed")
    _, pages = _render(_dated(folder), folder)
    return (*_closing(pages), pages)


@pytest.fixture(scope="module")
def unsealed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Page, dict[str, Line], list[Page]]:
    folder = tmp_path_factory.mktemp("unsealed")
    _, pages = _render(_dated(folder), folder, style=_no_seal_style(folder))
    return (*_closing(pages), pages)


def test_with_a_seal_the_date_stands_four_characters_from_the_right_margin(
    sealed: tuple[Page, dict[str, Line], list[Page]],
) -> None:
    page, lines, _ = sealed
    assert abs(lines["date"].x_max - (page.width - RIGHT_MARGIN - 4 * EM)) <= TOLERANCE


def test_with_a_seal_the_name_is_centred_over_the_date(sealed: tuple[Page, dict[str, Line], list[Page]]) -> None:
    _, lines, _ = sealed
    name, date = lines["name"], lines["date"]
    assert abs((name.x_min + name.x_max) / 2 - (date.x_min + date.x_max) / 2) <= TOLERANCE
    assert date.y_min > name.y_min


def test_with_a_seal_two_blank_lines_leave_room_for_it(sealed: tuple[Page, dict[str, Line], list[Page]]) -> None:
    _, lines, _pages = sealed
    assert abs(lines["name"].y_min - lines["note2"].y_min - 3 * PITCH) <= TOLERANCE


def test_without_a_seal_the_name_stands_two_characters_from_the_right_margin(
    unsealed: tuple[Page, dict[str, Line], list[Page]],
) -> None:
    page, lines, _ = unsealed
    assert abs(lines["name"].x_max - (page.width - RIGHT_MARGIN - 2 * EM)) <= TOLERANCE


def test_without_a_seal_the_date_starts_two_characters_right_of_the_name(
    unsealed: tuple[Page, dict[str, Line], list[Page]],
) -> None:
    _, lines, _pages = unsealed
    assert abs(lines["date"].x_min - lines["name"].x_min - 2 * EM) <= TOLERANCE
    assert abs(lines["date"].y_min - lines["name"].y_min - PITCH) <= TOLERANCE


def test_without_a_seal_one_blank_line_parts_the_attachment_note_from_the_name(
    unsealed: tuple[Page, dict[str, Line], list[Page]],
) -> None:
    _, lines, _pages = unsealed
    assert abs(lines["name"].y_min - lines["note2"].y_min - 2 * PITCH) <= TOLERANCE


@pytest.mark.parametrize("variant", ["sealed", "unsealed"])
def test_the_attachment_note_is_two_characters_in_and_its_numbers_line_up(
    variant: str, request: pytest.FixtureRequest
) -> None:
    page, lines, _pages = request.getfixturevalue(variant)
    note1, note2 = lines["note1"], lines["note2"]
    assert abs(note1.x_min - (LEFT + 2 * EM)) <= TOLERANCE
    assert abs(note2.x_min - (LEFT + 5 * EM)) <= 3 * TOLERANCE  # under "1.", after "附件："
    assert abs(note2.y_min - note1.y_min - PITCH) <= TOLERANCE
    above = max((line for line in page.body() if line.y_min < note1.y_min - 2), key=lambda line: line.y_min)
    assert abs(note1.y_min - above.y_min - 2 * PITCH) <= TOLERANCE  # 正文下空一行


RENDERS = [
    ("lingling-2022", "standard"),
    ("lingling-2022", "hunan"),
    ("lingling-2022-project", "standard"),
    ("shifeng-2023-draft", "standard"),
    ("shifeng-2023-draft", "hunan"),
]


@pytest.mark.parametrize(("example", "template"), RENDERS)
def test_no_page_starts_or_ends_with_a_lone_line(example: str, template: str, tmp_path: Path) -> None:
    docx, pages = _render(EXAMPLES / example / "data.yaml", tmp_path, template=template)
    assert lone_lines(docx, pages) == []
