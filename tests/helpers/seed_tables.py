"""The seed documents' tables as real .docx/.xlsx files, for the importer's tests.

Only text extractions of the five seeds exist (``/work/shared/seeds``). Each function here
rebuilds one of them with python-docx or openpyxl as the unit held it: the same texts and
figures verbatim, merged cells where the originals have them (vertical 一级/二级指标 spans, a
label spanning its block), titles as paragraphs above the Word tables. The bytes are the same
on every call (fixed document properties and zip timestamps).

Run ``python tests/helpers/seed_tables.py OUTDIR`` to write every fixture into OUTDIR.
"""

from __future__ import annotations

import io
import math
import re
import sys
import unicodedata
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import openpyxl
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

__all__ = [
    "FIXTURES",
    "dazhu_xlsx",
    "doc_bytes",
    "half_table_docx",
    "hengyang_docx",
    "lingling_docx",
    "no_table_docx",
    "project_selfeval_xlsx",
    "write_all",
    "xinzhou_docx",
    "zhuzhou_docx",
]

# Markers in a table's rows: the position belongs to the merged cell to its left / above.
L = "\u2190"
U = "\u2191"

_FIXED_DATE = datetime(2024, 1, 1, 8, 0, 0)  # a document property, not a moment
_ZIP_DATE = (2024, 1, 1, 0, 0, 0)


# --- the description of a document ------------------------------------------------------------


@dataclass(frozen=True)
class Para:
    """A paragraph of a Word document: its text, alignment ("left", "center", "right") and look."""

    text: str
    align: str = "left"
    bold: bool = False
    size: float = 12.0


@dataclass(frozen=True)
class Table:
    """A table: every row as long as the others, positions covered by a merge marked L or U.

    A merged area is written once, at its top-left position; the positions to its right in the
    same row hold L, the positions below it hold U (all of them, across its whole width).
    ``widths`` are the columns' widths in centimetres; a cell's text may hold line breaks (one
    paragraph per line).
    """

    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    size: float = 10.5

    def __post_init__(self) -> None:
        width = len(self.widths)
        for number, row in enumerate(self.rows):
            if len(row) != width:
                raise ValueError(f"row {number} has {len(row)} cells, not {width}: {row!r}")
        for top, left, bottom, right in self.merges():
            for r in range(top, bottom + 1):
                for c in range(left, right + 1):
                    if (r, c) != (top, left) and self.rows[r][c] not in (L, U):
                        raise ValueError(f"cell ({r}, {c}) inside the merge at ({top}, {left}) holds text")

    def merges(self) -> list[tuple[int, int, int, int]]:
        """The merged areas: (top, left, bottom, right), 0-based, inclusive, each larger than one cell."""
        return merged_areas(self.rows)


Value = str | int | float


def merged_areas(rows: Sequence[Sequence[Value]]) -> list[tuple[int, int, int, int]]:
    """The merged areas rows marked with L and U describe: (top, left, bottom, right), 0-based, inclusive."""
    areas = []
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value in (L, U):
                continue
            right = c
            while right + 1 < len(row) and row[right + 1] == L:
                right += 1
            bottom = r
            while bottom + 1 < len(rows) and rows[bottom + 1][c] == U:
                bottom += 1
            if (bottom, right) != (r, c):
                areas.append((r, c, bottom, right))
    return areas


Block = Para | Table


def span(text: str, columns: int) -> list[str]:
    """A cell spanning ``columns`` columns of its row."""
    return [text] + [L] * (columns - 1)


def below(columns: int) -> list[str]:
    """The positions of a row covered by a merged area above, ``columns`` wide."""
    return [U] * columns


def table(rows: Sequence[Sequence[str]], widths: Sequence[float], size: float = 10.5) -> Table:
    """A :class:`Table` from lists."""
    return Table(tuple(tuple(row) for row in rows), tuple(widths), size)


def vertical(rows: list[list[str]], columns: Sequence[int]) -> list[list[str]]:
    """Rows in which an empty cell of one of ``columns`` continues the cell above (a vertical span).

    Used for the 一级/二级指标 columns and a block's label column: the seeds print a spanned
    一级指标 once and leave the rows below it empty.
    """
    result = [list(row) for row in rows]
    for c in columns:
        for r in range(1, len(result)):
            if result[r][c] == "":
                result[r][c] = U
    return result


# --- Word -----------------------------------------------------------------------------------


def _east_asian(run_properties: object, font: str) -> None:
    fonts = run_properties.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    if fonts is None:
        fonts = run_properties.makeelement(qn("w:rFonts"), {})  # type: ignore[attr-defined]
        run_properties.insert(0, fonts)  # type: ignore[attr-defined]
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia"):
        fonts.set(qn(attribute), font)


def _docx(blocks: Sequence[Block], landscape: bool = False) -> bytes:
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "宋体"
    normal.font.size = Pt(10.5)
    _east_asian(normal.element.get_or_add_rPr(), "宋体")
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    for block in blocks:
        if isinstance(block, Para):
            _add_paragraph(document, block)
        else:
            _add_table(document, block)
    properties = document.core_properties
    properties.author = "reportgen tests"
    properties.last_modified_by = "reportgen tests"
    properties.created = _FIXED_DATE
    properties.modified = _FIXED_DATE
    properties.last_printed = _FIXED_DATE
    properties.revision = 1
    properties.title = ""
    out = io.BytesIO()
    document.save(out)
    return _fixed_zip(out.getvalue())


def _add_paragraph(document: object, block: Para) -> None:
    paragraph = document.add_paragraph()  # type: ignore[attr-defined]
    paragraph.alignment = {
        "left": WD_ALIGN_PARAGRAPH.LEFT,
        "center": WD_ALIGN_PARAGRAPH.CENTER,
        "right": WD_ALIGN_PARAGRAPH.RIGHT,
    }[block.align]
    run = paragraph.add_run(block.text)
    run.bold = block.bold
    run.font.size = Pt(block.size)


def _add_table(document: object, block: Table) -> None:
    rows, columns = len(block.rows), len(block.widths)
    word = document.add_table(rows=rows, cols=columns)  # type: ignore[attr-defined]
    word.style = "Table Grid"
    word.autofit = False
    # python-docx's table.cell() walks the whole table on every call: take each cell once.
    cells = [list(row.cells) for row in word.rows]
    for c, width in enumerate(block.widths):
        word.columns[c].width = Cm(width)
        for r in range(rows):
            cells[r][c].width = Cm(width)
    for top, left, bottom, right in block.merges():
        cells[top][left].merge(cells[bottom][right])
    for r, row in enumerate(block.rows):
        for c, text in enumerate(row):
            if text in (L, U):
                continue
            cell = cells[r][c]
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            lines = text.split("\n")
            first = cell.paragraphs[0]
            for index, line in enumerate(lines):
                paragraph = first if index == 0 else cell.add_paragraph()
                if line:
                    run = paragraph.add_run(line)
                    run.font.size = Pt(block.size)


# --- Excel ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sheet:
    """A worksheet from its first row: values (text or numbers, "" for an empty cell), L/U marking merges.

    ``widths`` are the columns' widths in characters; ``framed_from`` is the first row (1-based)
    drawn with cell borders (the title rows above it have none); ``number_format`` is given to
    every float (amounts in 元 print as "19233900.00"); the first ``centered`` rows are centred.
    """

    title: str
    rows: tuple[tuple[Value, ...], ...]
    widths: tuple[float, ...]
    framed_from: int = 1
    number_format: str = "0.00"
    centered: int = 1  # the title rows at the top, centred


def _xlsx(sheet: Sheet) -> bytes:
    workbook = openpyxl.Workbook()
    worksheet = workbook.active
    assert worksheet is not None
    worksheet.title = sheet.title
    thin = Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for r, row in enumerate(sheet.rows, start=1):
        for c, value in enumerate(row, start=1):
            cell = worksheet.cell(row=r, column=c)
            if value not in ("", L, U):
                cell.value = value
                if isinstance(value, float):
                    cell.number_format = sheet.number_format
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            cell.font = Font(name="宋体", size=14 if r == 1 else 10, bold=r == 1)
            if r >= sheet.framed_from:
                cell.border = border
    areas = merged_areas(sheet.rows)
    for top, left, bottom, right in areas:
        worksheet.merge_cells(start_row=top + 1, start_column=left + 1, end_row=bottom + 1, end_column=right + 1)
    for r in range(1, sheet.centered + 1):
        worksheet.cell(row=r, column=1).alignment = Alignment(horizontal="center", vertical="center")
    for c, width in enumerate(sheet.widths, start=1):
        worksheet.column_dimensions[get_column_letter(c)].width = width
    for r, height in _row_heights(sheet, areas).items():
        worksheet.row_dimensions[r + 1].height = height
    worksheet.page_setup.orientation = "landscape"
    worksheet.page_setup.paperSize = worksheet.PAPERSIZE_A4
    worksheet.page_setup.fitToWidth = 1
    worksheet.page_setup.fitToHeight = 0
    worksheet.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]
    workbook.properties.creator = "reportgen tests"
    workbook.properties.lastModifiedBy = "reportgen tests"
    workbook.properties.created = _FIXED_DATE
    workbook.properties.modified = _FIXED_DATE
    out = io.BytesIO()
    workbook.save(out)
    return _fixed_zip(out.getvalue())


def _row_heights(sheet: Sheet, areas: Sequence[tuple[int, int, int, int]]) -> dict[int, float]:
    """Heights (points) for the rows whose wrapped text needs more than one line.

    Spreadsheet programs do not grow a row for the text of a merged cell, so the heights are
    set from an estimate: a CJK character takes about two width units, others one.
    """
    extent = {(top, left): (bottom, right) for top, left, bottom, right in areas}
    heights: dict[int, float] = {}
    for r, row in enumerate(sheet.rows):
        for c, value in enumerate(row):
            if not isinstance(value, str) or value in ("", L, U):
                continue
            bottom, right = extent.get((r, c), (r, c))
            room = sum(sheet.widths[c : right + 1]) - 1
            units = [
                sum(2.0 if unicodedata.east_asian_width(char) in "WF" else 1.1 for char in line)
                for line in value.split("\n")
            ]
            lines = sum(max(1, math.ceil(width / room)) for width in units)
            per_row = 14.0 * lines / (bottom - r + 1)
            if per_row > 15.0:
                heights[r] = max(heights.get(r, 0.0), per_row)
    return heights


# --- deterministic bytes --------------------------------------------------------------------

_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def _fixed_zip(data: bytes) -> bytes:
    """The same package with fixed member dates and fixed document dates (same bytes every run)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _STAMP.sub(rb"\g<1>2024-01-01T08:00:00Z\g<2>", content)
            member = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o600 << 16
            target.writestr(member, content)
    return out.getvalue()


# --- seed 000: 株洲市石峰区司法局 2023 绩效目标表 ---------------------------------------------

_SIGNATURE = "填表人：                                    联系电话：                     "


def _zhuzhou_department() -> Table:
    plan = [
        (
            "依法治区、普法宣传",
            "办公室",
            "1、推进依法治区和法治政府建设；2、开展全区普法宣传，组织规划“八五”普法，落实“谁执法谁普法”责任制。",
        ),
        (
            "行政复议与应诉、行政执法",
            "法制股",
            "开展区政府行政复议、行政赔偿和行政应诉、被行政复议案件办理及统计分析工作。落实行政执法“三项制度”，"
            "严格规范行政执法，加强行政执法案卷评查，进一步提高行政执法水平；强化依法治区工作的督查考核，"
            "进一步完善依法行政督查考核制度。",
        ),
        (
            "人民调",
            "人民参与和促进法治股",
            "进一步推广使用“石峰和事佬”APP，积极开展重点领域矛盾纠纷排查调处工作，及时化解专业领域的矛盾纠纷，"
            "同时，开展人民调解员培训工作，提高依法调解的效力。",
        ),
        (
            "社区矫正、法律援助",
            "社区矫正和公共法律服务管理股",
            "全面加强对社区矫正人员的管理，建立与家庭齐抓共管机制；进一步推进刑罚执行一体化建设，强化督查；"
            "健全刑满释放人员的管理教育帮扶机制，加强日常排查走访。对困难群众实施法律援助360件。"
            "开展一村（社区）一法律顾问工作。",
        ),
    ]
    indicators = [
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值及单位"],
        ["", "产出指标", "数量指标", "完成法律援助案件", "400件"],
        ["", "", "质量指标", "预算资金使用率", "100%"],
        ["", "", "时效指标", "工作及时完成率", "100%"],
        ["", "", "成本指标", "不超过预算", "≦524.31万元"],
        ["", "效益指标", "经济效益指标", "无直接经济效益", "无直接经济效益"],
        ["", "", "社会效益指标", "促进法治石峰平安石峰建设", "良好"],
        [
            "",
            "",
            "生态效益指标",
            "持续做好依法治区、法治政府建设、促进依法行政、持续开展法治宣传、做好人民调解、法律援助工作",
            "无直接生态效益",
        ],
        ["", "", "可持续影响指标", "构建法治石峰、和谐石峰", "产生良好持续影响"],
        ["", "", "社会公众及服务对象满意度指标", "提高社会公众对司法行政的认可和满意度", "90%以上"],
    ]
    rows = [
        ["部门名称", *span("株洲市石峰区司法局", 4)],
        ["年度预算申请\n（万元）", *span("资金总额：524.31", 4)],
        [U, *span("按收入性质分", 2), *span("按支出性质分", 2)],
        [U, "其中：一般公共预算拨款", "524.31", "其中：基本支出", "402.31"],
        [U, "     政府性基金拨款", "", "      项目支出", "122"],
        [U, "         其他资金", "", "", ""],
        ["部门职责概述", *span("", 4)],
        *vertical(
            [
                ["年度重点       工作计划", "事项", "责任单位/科室", *span("工作目标", 2)],
                *[["", item, owner, *span(goal, 2)] for item, owner, goal in plan],
            ],
            [0],
        ),
        *vertical(indicators, [0, 1]),
        span("单位负责人签字：", 5),
    ]
    return table(rows, [2.6, 2.8, 4.0, 4.0, 3.6])


def _zhuzhou_special_funds() -> Table:
    rows = [
        ["序号", "名  称", "金  额", "实施期绩效目标", "年度绩效目标"],
        ["", "合  计", "", "", ""],
        [
            "一",
            "业务性专项经费",
            "22.5",
            "全面加强对社区矫正对象和安置帮教人员的管理。对困难群众实施法律援助，开展全区普法宣传，组织规划“八五”普法，"
            "落实“谁执法谁普法”责任制落实行政执法“三项制度”，严格规范行政执法，加强行政执法案卷评查，"
            "进一步提高行政执法水平；进一步完善依法行政督查考核制度。。",
            "建立与家庭齐抓共管机制；进一步推进刑罚执行一体化建设，强化督查；健全刑满释放人员的管理教育帮扶机制，"
            "加强日常排查走访。对困难群众实施法律援助360件。按照上级要求完成年度各项工作任务。",
        ],
        [
            "1",
            "社区矫正和安置帮教",
            "12.9",
            "社区矫正和安置帮教：扎实做好安置帮教、社区矫正工作，有效防止特殊人群脱漏管和重新犯罪，保障社会安全稳定。",
            "强化特殊人群管控，“三大行动”行动开展不折不扣。扎实做好安置帮教、社区矫正工作，深入开展扫黑除恶专项斗争。"
            "今年以来，全区累计接收社区矫正对象46人，累计解除社区矫正对象83人，目前在矫人员88人，无脱漏管。"
            "新增刑满释放人员39人，衔接39人，衔接率100%，帮教率100%。未发现有社矫对象涉黑涉恶情况。"
            "开展“大摸排、大化解、大整治”活动，多头联动集中开展矛盾纠纷排查调处工作,"
            "强化措施从源头上做好社区服刑人员和刑释解教人员管控工作,走访两类人员370余人次，"
            "对重点人员逐个落实不留死角，做到基本情况清、社会关系清、现实表现清、活动去向清。",
        ],
        [
            "2",
            "公共法律服务",
            "9.6",
            "开展法律援助，营造良好的法治秩序。",
            "开展流动法律服务宣传80余次，到各社区（村）开展法治大讲堂15场次，发放宣传资料100000余份，"
            "为20家企业提供“法治体检”，组织,全区105个行政事业单位（含二级机构）2200名国家工作人员参加学法考试，"
            "参学率、参考率、考试合格率均为100%。扎实推进基层民主法治建设，助推各社区（村）组织机构、制度的建设和完善，"
            "提升民主法治化管理水平，清水塘街道湘天桥社区和铜塘湾街道丁山社区申报全市“民主法治示范村（社区）”。"
            "清水塘街道大冲村获“第八批全国民主法治示范村（社区）”。",
        ],
        [
            "二",
            "矛盾调解专项经费",
            "90",
            "公共法律服务：强化普法宣传教育，营造浓厚的法治氛围。注重化解各类矛盾纠纷，提升人民调解规范化水平。"
            "开展法律援助，营造良好的法治秩序。",
            "一是创新开展网上矛盾纠纷调解。我局着力打造“互联网+矛盾纠纷调解”，推进矛盾纠纷线上化解。"
            "依托区级网络平台“欣石峰”app，成功打造了石峰和事佬平台，实现了“统一受理申请、统一分类派单、统一审核认定、"
            "统一绩效考核、统一汇总归档”五统一矛盾调解功能，激活了网络“共建共治共享”的社会参与，"
            "打通了人民调解与人民群众的最后一公里。二是服务疫情防控，公共法律服务开展如火如荼。积极参与疫情防控工作，"
            "配合社区对责任区域居民共4083户10413人进行地毯式排查和防疫值守，做好“六稳六保”工作，"
            "开展法治宣传、矛盾纠纷调解和温暖企业专项法律服务行动，助推企业复工复产。"
            "扎实推进人民调解和法律援助两项民生“100工程”，成立区网上调解联席会议，组建13个调解专项组，"
            "各级调解组织共调处矛盾纠纷460起，受理法援案件359件。不断深化“法律六进”活动，圆满完成“七五”普法验收工作，"
            "开展流动法律服务宣传80余次，到各社区（村）开展法治大讲堂15场次，发放宣传资料100000余份，"
            "为20家企业提供“法治体检”，组织,全区105个行政事业单位（含二级机构）2200名国家工作人员参加学法考试，"
            "参学率、参考率、考试合格率均为100%。扎实推进基层民主法治建设，助推各社区（村）组织机构、制度的建设和完善，"
            "提升民主法治化管理水平，清水塘街道湘天桥社区和铜塘湾街道丁山社区申报全市“民主法治示范村（社区）”。"
            "清水塘街道大冲村获“第八批全国民主法治示范村（社区）”。",
        ],
        [
            "三",
            "依法治区工作",
            "9.5",
            "依法治区工作：提高依法行政、依法办事、依法管理水平，提升行政执法人员法律素质，加强执法监督，"
            "努力提升全社会法制意识。",
            "一是建立健全行政应诉体制机制。8月份出台《株洲市石峰区行政应诉工作规定》，建立行政应诉责任单位制度、"
            "行政机关法定代表人第一责任人制度、工作考核制度、行政应诉过错责任追究制度等四项制度，明确行政应诉主体责任，"
            "有效规范行政诉讼行为，不断提高全区行政应诉能力、降低行政诉讼败诉率。共收到行政诉讼案件34件，"
            "召开案件应诉讨论会34次，出庭应诉34次,胜诉率86.1%，与上年相比，2020年我区行政诉讼案件总数大幅下降。"
            "收到行政复议1件，已依法撤销被复议单位的行政处罚决定并责令其重新作出行政处罚决定。"
            "二是立足全面依法治区，依法行政工作开展出新出彩。区委全面依法治区委员会第二次（扩大）会议，"
            "明确将依法行政工作纳入区五问工作法和年度绩效考核范围，有力规范公正文明执法。"
            "区委全面依法治区委员会守法普法协调小组、执法协调小组分别召开第一次会议。严格审核权责清单，"
            "加强政府合同、规范性文件合法性审查和管理，依法对13份政府合同、8份规范性文件进行合法性审查，"
            "对全区规范性文件进行3次专项清理行动。依照法定程序续聘一星律师事务所为区政府法律顾问单位，"
            "为全区59个党委、群团部门、行政机关、事业单位提供法律服务，实现法律顾问全覆盖。"
            "针对辖区内行政执法单位创新开展行政执法督查和案卷评查工作4次。推动出台《关于加强法治乡村建设的实施方案》，"
            "我区向上级申报推荐法治政府建设示范项目3个，即区政府申报“湖南省法治政府建设示范区”和"
            "“湖南省基层社会治理新示范区”、公安局石峰分局申报“湖南省法治政府建设示范单位”，其中，"
            "“湖南省基层社会治理新示范区”已通过市级初审。创新依法行政工作考核，将行政决策程序、行政应诉责任落实、"
            "谁执法谁普法责任制落实",
        ],
        span("单位负责人签字：", 5),
    ]
    return table(rows, [1.3, 3.0, 1.6, 5.3, 5.8])


@dataclass(frozen=True)
class _Direction:
    """One 附表3 支出方向绩效目标表 of seed 000."""

    name: str
    amount: str
    special: str
    special_amount: str
    period_goal: str
    year_goal: str
    # 一级 (empty: as above), 二级, 三级, 指标值及单位, 绩效标准
    indicators: tuple[tuple[str, str, str, str, str], ...]
    # 支出内容简介, 支出明细, 金额, 支出测算依据及过程说明
    detail: tuple[str, str, str, str]
    total: tuple[str, str]  # the 合计 row's 金额 and 测算依据


def _direction_table(direction: _Direction) -> Table:
    indicators = [
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值及单位", "绩效标准"],
        *[["", *indicator] for indicator in direction.indicators],
    ]
    rows = [
        ["支出方向      （子项）", *span(direction.name, 2), "所属专项", "名称", direction.special],
        ["项目金额", *span(direction.amount, 2), U, "金额", direction.special_amount],
        ["项目实施期", *span("2023", 5)],
        ["实施期绩效目标", *span(direction.period_goal, 5)],
        ["年度绩效目标", *span(direction.year_goal, 5)],
        *vertical(indicators, [0, 1]),
        ["支出明细及测算 说明", "支出内容简介", "支出明细", "金额", *span("支出测算依据及过程说明", 2)],
        [U, direction.detail[0], direction.detail[1], direction.detail[2], *span(direction.detail[3], 2)],
        [U, *span("合  计", 2), direction.total[0], *span(direction.total[1], 2)],
        span("单位负责人签字：", 6),
    ]
    return table(rows, [2.4, 2.1, 2.7, 4.4, 2.7, 2.7])


_DIRECTIONS = (
    _Direction(
        "社区矫正和安置帮教",
        "12.9",
        "业务性专项经费",
        "22.5",
        "全面加强对社区矫正对象和安置帮教人员的管理。",
        "社区矫正和安置帮教：扎实做好安置帮教、社区矫正工作，有效防止特殊人群脱漏管和重新犯罪，保障社会安全稳定。",
        (
            ("产出指标", "数量指标", "社区矫正对象（≥，人）", "88人", "88人"),
            ("", "质量指标", "安置帮教、信息核实率、网上衔接率、预释放回执率（≥，%）", "100.00%", "100.00%"),
            ("", "时效指标", "各项工作完成时限", "2023", "2023"),
            ("", "成本指标", "社区矫正社会购买", "8个", "拨付完成"),
            ("效益指标", "经济效益指标", "社区服刑人员电子监管率（≥，%", "100%", "100%"),
            ("", "社会效益指标", "促进全民意识", "不断提高", "不断提高"),
            ("", "生态效益指标", "社区服刑人员个案矫正率（≥，%）", "100.00%", "100.00%"),
            ("", "可持续影响  指标", "安置帮教、矫正社会服务", "100%", "100%"),
            ("", "社会公众及服务对象满意度指标", "社区矫正对象满意度", "95%", "95%"),
        ),
        ("社区矫正和安置帮教", "12.9", "12.9", "按实际发生支出"),
        ("12.9", "《关于加强社区矫正经费保障工作的实施意见》（湘行财[2013]72号），1500元/人*86人"),
    ),
    _Direction(
        "公共法律服务",
        "9.6",
        "业务性专项经费",
        "22.5",
        "开展法律援助，营造良好的法治秩序。",
        "公共法律服务：强化普法宣传教育，营造浓厚的法治氛围。注重化解各类矛盾纠纷，提升人民调解规范化水平。",
        (
            ("产出指标", "数量指标", "法律援助办理案件数量（≥，件）", "400件", "100%"),
            ("", "质量指标", "法律援助案卷审核合格率（≥，%）", "100.00%", "100.00%"),
            ("", "时效指标", "各项工作完成时限", "2023年", "2023年"),
            ("", "成本指标", "人民调解社会购买", "1家", "1家"),
            ("效益指标", "经济效益指标", "促进全民法治意识", "不断提高", "不断提高"),
            ("", "社会效益指标", "法律援助满意度", "95%", "95%"),
            ("", "生态效益指标", "法律援助案件有效", "100%", "100%"),
            ("", "可持续影响  指标", "构建和谐石峰、平安", "不断提高", "不断提高"),
            ("", "社会公众及服务对象满意度指标", "法治宣传满意度", "95%", "95% "),
        ),
        ("公共法律服务", "9.6", "9.6", "按合同执行"),
        ("9.6", ""),
    ),
    _Direction(
        "矛盾调解服务",
        "90",
        "矛盾调解专项经费",
        "90",
        "公共法律服务：强化普法宣传教育，营造浓厚的法治氛围。",
        "注重化解各类矛盾纠纷，提升人民调解规范化水平。",
        (
            ("产出指标", "数量指标", "矛盾纠纷调解", "全区", "100%"),
            ("", "质量指标", "开展普法宣传", "100%", "100%"),
            ("", "时效指标", "工作及时完成率", "100%", "100%"),
            ("", "成本指标", "不超过预算", "≦90万元", "计划标准"),
            ("效益指标", "经济效益指标", "司法行政的认可", "95%", "95%"),
            ("", "社会效益指标", "服务对象满意度", "95%", "95%"),
            ("", "生态效益指标", "提高社会公众对司法行政的认可", "95%", "95%"),
            ("", "可持续影响  指标", "法治宣传", "95%", "95%"),
            ("", "社会公众及服务对象满意度指标", "认可和满意度", "95%", "95% "),
        ),
        (
            "矛盾调解服务",
            "90",
            "90",
            "1. 加强基层矛盾纠纷排查化解，化解信访积案累案，其中：余江南案30万，谢云案10万，庆云公司28万，"
            "响石岭信访积案12.5万。\n2. 矛调中心律师、工作人员工资9.6万",
        ),
        ("90", ""),
    ),
    _Direction(
        "依法治区工作",
        "9.5",
        "依法治区工作经费",
        "9.5",
        "推进依法治区和法治政府建设；强化依法治区工作的督查考核。",
        "建立与家庭齐抓共管机制；进一步推进刑罚执行一体化建设，强化督查；健全刑满释放人员的管理教育帮扶机制，"
        "加强日常排查走访。对困难群众实施法律援助360件。按照上级要求完成年度各项工作任务。",
        (
            ("产出指标", "数量指标", "开展依法治区（依法行政）考核", "半年一次", "计划标准"),
            ("", "质量指标", "预算资金使用率", "100%", "计划标准"),
            ("", "时效指标", "工作及时完成率", "100%", "计划标准"),
            ("", "成本指标", "不超过预算", "≦9.5万元", "计划标准"),
            ("效益指标", "经济效益指标", "无直接经济效益", "无直接经济效益", "计划标准"),
            ("", "社会效益指标", "促进法治石峰平安石峰建设", "良好", "计划标准"),
            ("", "生态效益指标", "持续做好依法治区、法治政府建设", "良好", "计划标准"),
            ("", "可持续影响  指标", "构建法治石峰、和谐石峰", "良好", "计划标准"),
            ("", "社会公众及服务对象满意度指标", "提高社会公众对司法行政的认可和满意度", "90%以上", "计划标准 "),
        ),
        (
            "依法治区",
            "9.5",
            "9.5",
            "根据《2021年度县市区依法治市工作绩效评估细则》，依法治区工作经费需列入同级财政预算予以保障，其中：\n"
            "1.保障区依法治区工作领导小组办公室的正常工作人员经费 、办公经费    5万\n"
            "2.法治督察工作    0.5万\n"
            "3.深化行政执法体制改革   2万\n"
            "4.召开依法治区4个协调小组会议   0.5万\n"
            "5.深化八五普法中期验收  1.5万",
        ),
        ("9.5", ""),
    ),
)


def zhuzhou_docx() -> bytes:
    """Seed 000: 附表1 部门整体支出绩效目标表, 附表2 专项资金汇总表 and the four 附表3 (six tables)."""
    blocks: list[Block] = [
        Para("附表1"),
        Para("2023年部门整体支出绩效目标表", "center", True, 16),
        Para("填报单位：（盖章）"),
        Para("金额：万元", "right"),
        _zhuzhou_department(),
        Para(_SIGNATURE),
        Para("附表2"),
        Para("2023年区级专项资金绩效目标汇总表", "center", True, 16),
        Para("填报单位：（盖章）"),
        Para("金额单位：万元", "right"),
        _zhuzhou_special_funds(),
        Para("填表人：                                    联系电话：                      "),
    ]
    for number, direction in enumerate(_DIRECTIONS):
        if number in (0, 3):
            blocks.append(Para("附表3"))
        blocks += [
            Para("2023年区级专项资金支出方向绩效目标表", "center", True, 16),
            Para("填报单位：（盖章）          金额单位：万元"),
            _direction_table(direction),
            Para("填表人：                                   联系电话：         "),
        ]
    return _docx(blocks)


# --- seed 001: 衡阳市司法局 2020 申报表 -------------------------------------------------------

_HENGYANG_TASKS = (
    ("加快建设宪法广场", "建设宪法广场", "123万元"),
    ("开展法治创建活动", "创建法治乡镇（街道）、民主法治示范村（社区）等", "80万元"),
    ("行政执法监督平台日常运行", "后期维护、运行行政执法监督平台", "80万元"),
    ("开展专项项目政府购买服务工作", "法律援助、公共公益宣传类、信息化建设、其他等", "120万元"),
    ("举办法治培训活动", "举办法治培训活动", "48万元"),
    ("开展法治宣传活动", "开展法治宣传活动", "90万元"),
    ("集中学法考法", "开展集中学法考法工作", "20万元"),
    ("开发法治文化产品", "开发法治文化产品", "38万元"),
    ("行政执法培训", "开展行政执法人员轮训、行政执法三项制度和行政执法监督平台使用培训", "35万元"),
    ("社区矫正与安置帮教督查工作及业务培训", "开展社区矫正与安置帮教督查工作及业务培训", "30万元"),
)

# 一级 (empty: as above), 二级 (empty: as above), 三级, 指标值
_HENGYANG_OUTPUT_QUANTITY = (
    ("产出指标", "数量指标", "普法考试参与人数", "14万"),
    ("", "", "参与普法宣传活动的机关人数", "参与度80%"),
    ("", "", "参与普法宣传活动的社会公众", "参与度80%"),
    ("", "", "全市社区矫正信息化定位率达到", "98%以上"),
    ("", "", "安置帮教核查率达到", "98%"),
    ("", "", "安置帮教回执率达到", "96%"),
    ("", "", "安置帮教衔接率达到", "90%以上"),
    ("", "", "完成行政复议案件", "80件"),
    ("", "", "完成行政应诉案件", "200件"),
    ("", "", "举办行政执法三项制度培训班", "2次"),
    ("", "", "举办行政执法监督平台使用培训班", "2次"),
    ("", "", "开展市本级及城区人民调解案件以奖代补评审", "200件"),
)
_HENGYANG_REST = (
    ("", "质量指标", "学法考法通过率", "达到98%"),
    ("", "", "法治创建成功率", "达到100%"),
    ("", "", "公共法律服务体系建设质量", "优"),
    ("", "", "矛盾纠纷调解成功率", "≥90%"),
    ("", "", "经费合规性", "涉及三公经费部分严格执行国家要求，不超额使用。"),
    ("", "时效指标", "上级主管部门及市委安排的各项任务按期完成程度", "100%"),
    ("", "", "本单位各项任务按期完成程度", "100%"),
    ("", "", "与本地各机关、各单位联合执行的各项任务按期完成程度", "100%"),
    ("", "成本指标", "办公用品、调研差旅、会议培训等各项支出", "不超当年度预算"),
    ("效益指标", "经济效益指标", "对社会经济的促进作用", "建设法治衡阳为推动衡阳经济良性发展营造了良好的法治环境。"),
    (
        "",
        "社会效益指标",
        "对社会稳定的促进作用",
        "建设法治衡阳引导了干部群众全面树立法治观念，提高了全民法治意识，为社会发展提供了强有力的法律保障和"
        "优质高效的法律服务，满足人民群众法律需求，维护了社会公平正义，促进了社会稳定和谐。",
    ),
    (
        "",
        "生态效益指标",
        "对社会生态的促进作用",
        "通过法治宣传、引导改变了本地政治生态，干部、群众法治意识明显增强，法治营商环境进一步得到落实。",
    ),
    (
        "",
        "可持续影响指标",
        "法治意识加强，社会持续稳定",
        "深化衡阳各项司法行政体制改革，不断提高司法行政体制运行效率，维护了公平正义，促进了社会平稳发展。",
    ),
    ("满意度指标", "服务对象满意度指标", "上级主管部门及市委满意度", "100%"),
    ("", "", "社会民众满意度", "100%"),
    ("", "", "本地各机关、各单位满意度", "100%"),
)


def _hengyang_indicators(rows: Sequence[tuple[str, str, str, str]]) -> list[list[str]]:
    """The indicator header and ``rows`` under it, the label column and the 一级/二级 cells spanning down.

    The header is printed again where the table went on to the next page, so each part is its
    own run of spans: the first row after a repeated header starts a new (empty) 一级 cell.
    """
    header = [
        "部门整体支出\n年度绩效指标",
        "一级指标",
        "二级指标",
        "三级指标",
        *span("指标值（包含数字及文字描述）", 3),
    ]
    body = vertical([["", first, second, third, *span(value, 3)] for first, second, third, value in rows], [1, 2])
    return vertical([header, *body], [0])


def _hengyang_table() -> Table:
    rows = [
        ["部门名称", *span("衡阳市司法局\u3000", 6)],
        ["年度预算申请\n（万元）", *span("资金总额：2565.36万元", 6)],
        [U, *span("按收入性质分", 3), *span("按支出性质分", 3)],
        [
            U,
            *span(
                "其中：公共财政拨款：2557.36万元  \n政府性基金拨款：\n纳入专户管理的非税收入拨款：\n\n其他资金：8万元",
                3,
            ),
            *span("其中：基本支出：1772.65万元\n项目支出：792.71万元\n      ", 3),
        ],
        [
            "部门职能职责概述",
            *span(
                "1、承担全面依法治市重大问题的政策研究，协调有关方面提出全面依法治市中长期规划建议，负"
                "责有关重大决策部署督察工作，负责依法治市和法治政府建设考核工作。\n"
                "\n"
                "2、贯彻执行国家、省有关司法行政工作方针政策和法律法规，编制全市司法行政发展中长期规划"
                "和年度计划并监督实施。\n"
                "\n"
                "3、承担统筹规划立法工作的责任。加强组织协调和督促指导，研究提出立法与改革决策相衔接的"
                "意见、措施。负责起草或者组织起草有关地方性法规、规章草案。承办有关地方性法规和规章草案"
                "的审查工作。承办市政府规章的解释、立法后评估工作。\n"
                "\n"
                "4、指导全市规范性文件管理有关工作，承担市政府规范性文件送审稿的合法性审查工作，承办市"
                "政府及其部门规范性文件的登记工作。负责县市区政府和市直各部门规范性文件备案审查工作。组"
                "织开展规范性文件清理工作。承担市政府法律顾问工作，负责对市政府重大行政决策（含政府会议"
                "重大决策）进行合法性审查或论证说明。\n"
                "\n"
                "5、承担统筹推进法治政府建设的责任。指导监督县市区和市直各部门依法行政工作。指导监督全"
                "市行政复议、行政应诉和行政赔偿工作，负责市政府及本局行政复议、行政应诉和行政赔偿案件办"
                "理工作。承办市政府有关民事及民事诉讼法律事务。承担市政府行政复议办公室的日常工作。\n"
                "\n"
                "6、承担统筹规划全市法治社会建设的责任。负责拟订法治宣传教育规划，组织实施普法宣传工作"
                "，组织对外法治宣传。推动人民参与和促进法治建设。指导依法治理和法治创建工作。负责人民监"
                "督员选任管理工作，指导调解工作和人民陪审员选任管理工作，推进司法所建设。\n"
                "\n"
                "7、负责市属监狱、司法行政戒毒场所管理工作，监督管理刑罚执行、罪犯改造的工作。指导、管"
                "理社区矫正工作。指导刑满释放人员帮教安置工作。指导监督本系统强制隔离戒毒执行和戒毒康复"
                "工作。对社区戒毒和社区康复工作提供指导、支持和协助。管理衡州监狱和市强制隔离戒毒所。\n"
                "\n"
                "8、负责拟订公共法律服务体系建设规划并指导实施。指导、监督律师、法律援助、司法鉴定、公"
                "证、仲裁和基层法律服务管理工作。\n"
                "\n"
                "9、负责全市国家统一法律职业资格考试的组织实施工作。负责全市国家统一法律职业资格审查、"
                "申报和证书发放等有关工作。负责全市法治对外合作工作。\n"
                "\n"
                "10、负责本系统枪支、弹药、服装和警车管理工作，指导监督本系统财务、装备、设施、场所等保"
                "障工作。\n"
                "\n"
                "11、规划、协调、指导法治人才队伍建设相关工作。指导监督本系统队伍建设。负责本系统警务管"
                "理和警务督察工作。协助各县市区管理司法局领导干部。\n"
                "\n"
                "12、负责本行业、领域的应急管理工作，对本行业、领域的安全生产工作实施监督管理。\n"
                "\n"
                "13、完成市委、市政府交办的其他任务。",
                6,
            ),
        ],
        *vertical(
            [
                ["年度主要任务", *span("任务名称", 2), "主要内容", *span("预算金额", 3)],
                ["", U, U, U, "总额", "财政拨款", "其他资金"],
                *[["", *span(name, 2), content, amount, amount, ""] for name, content, amount in _HENGYANG_TASKS],
                ["", *span("金额合计", 3), "664万元", "664万元", ""],
            ],
            [0],
        ),
        [
            "年度总体目标",
            *span(
                "推进行政执法三项制度，建设湖南省、衡阳市行政执法监督平台，着力打造法治政府。\n"
                "\n"
                "加强政府合同、会议纪要、领导批示件的法治审查把关，开展好行政复议及应诉工作，维护好衡阳"
                "权益。\n"
                "\n"
                "推进公共法律服务体系建设，让人民群众感受到公平与正义。\n"
                "\n"
                "加大全民普法力度，提升全社会法治信仰。\n"
                "\n"
                "创新推进司法改革各项任务落地落实，努力践行崇法为民担当。",
                6,
            ),
        ],
        *_hengyang_indicators(_HENGYANG_OUTPUT_QUANTITY),
        *_hengyang_indicators(_HENGYANG_REST),
        ["财政部门 审核意见", *span("审核部门（签章）         年     月     日\n ", 6)],
    ]
    return table(rows, [2.1, 2.2, 2.2, 3.5, 2.3, 2.3, 2.4])


def hengyang_docx() -> bytes:
    """Seed 001: the 申报表 as one table, its indicator header printed again before 质量指标 (a page break)."""
    return _docx(
        [
            Para("预算公开表10", "right"),
            Para("部门整体支出绩效目标申报表", "center", True, 18),
            Para("（ 2020 年度）", "center", size=14),
            Para("填报单位（盖章）：衡阳市司法局"),
            Para("                 单位负责人（签名）：魏中发"),
            _hengyang_table(),
        ]
    )


# --- seed 002: 永州市零陵区司法局 2022 自评表 and report --------------------------------------

F = "\u3000"  # the full-width space the seed's empty cells hold

_LINGLING_OUTPUT = [
    ["", "", "", "普法工作公职人员参考率", "≧90%", ">90%", "10分", "10分", ""],
    ["", "", "", "积极受理各类矛盾纠纷", "500件", "1620件", "10分", "10分", ""],
    ["", "", "", "为政府聘请法律顾问、律师，解答法律问题", "完成政府工作需要", "已完成", "10分", "10分", ""],
]
_EMPTY_ROW = ["", "", "", "", F, F, F, F, F]
_DOTS_ROW = ["", "", "", "……", F, F, F, F, F]


def _selfeval_indicators(department: bool) -> list[list[str]]:
    """The 绩效指标 block of seed 002's tables (the project table copies the department's)."""

    def two(first: str, second: str) -> str:
        """A 二级指标 label: on two lines in the department table, on one in the project table."""
        return f"{first}\n{second}" if department else first + second

    social = [
        ["", "", "社会效\n益指标", "维护社会稳定，服务身边群众", "社会和谐稳定", "完成", "10分", "10分" + F, F],
        [
            "",
            "",
            "",
            "普及法律知识，提高全民法律意识",
            "提高法律知识水平",
            "有提高",
            "10分",
            "9分",
            "提升参考率，提高全民法律知识",
        ],
    ]
    if department:
        social += [["", "", "", "", "", "", "", "", ""], _DOTS_ROW]
    rows = [
        [
            "绩\n效\n指\n标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度\n指标值",
            "实际\n完成值",
            "分值",
            "得分",
            "偏差原因\n分析及\n改进措施",
        ],
        ["", "产出指标\n(50分)", two("数量", "指标"), "社区矫正管理人数", "400-500人", "400-500人", "10分", "10分", F],
        *_LINGLING_OUTPUT,
        ["", "", "", "法律援助工作办案数量", "210件", "249件", "10分", "10分", "" if department else F],
        ["", "", two("质量", "指标"), "", F, F, F, F, F],
        _DOTS_ROW,
        ["", "", two("时效", "指标"), "", F, F, F, F, F],
        _DOTS_ROW,
        ["", "", two("成本", "指标"), "", F, F, F, F, F],
        _DOTS_ROW,
        ["", "效益指标\n（30分）" + (F if department else ""), "经济效\n益指标", "", F, F, F, F, F],
        _DOTS_ROW,
        *social,
        ["", "", "生态效\n益指标", "", F, F, F, F, F],
        _DOTS_ROW,
        [
            "",
            "",
            "可持续影响指标",
            "防止脱管漏管，维护社会稳定" if department else "防止脱管漏管维护社会稳定",
            "帮扶、教育矫正服刑人员",
            "没有出现脱管漏管",
            "10分",
            "10分",
            F,
        ],
        _DOTS_ROW,
        [
            "",
            "满意度\n指标\n（10分）",
            "服务对象满意度指标",
            "援助对象",
            "非常满意",
            "非常满意",
            "10分",
            "9分" + F,
            "提升群众满意度指标",
        ],
        _DOTS_ROW,
    ]
    return [*vertical(rows, [0, 1, 2]), [*span("总分", 6), "100", "98分", F]]


_SELFEVAL_WIDTHS = [1.1, 1.7, 1.5, 2.6, 2.3, 2.3, 1.1, 1.3, 2.3]


def _lingling_department() -> Table:
    rows = [
        ["区级预算单位名称", *span("永州市零陵区司法局" + F, 8)],
        [
            "年度预\n算申请\n（万元）",
            *span("", 2),
            "年初\n预算数",
            "全年预算数",
            "全年\n执行数",
            "分值",
            "执行率",
            "得分",
        ],
        [U, *span("年度资金总额", 2), "15205000.00", "16905537.09", "16905537.09", "10", "100%", "10分"],
        [U, *span("按收入性质分：", 4), *span("按支出性质分：", 4)],
        [U, *span("  其中：  一般公共预算：16825537.09", 4), *span("其中：基本支出：12476249.49", 4)],
        [U, *span("政府性基金拨款：80000.00", 4), *span("项目支出：4429287.6", 4)],
        [U, *span("纳入专户管理的非税收入拨款：", 4), *span("", 4)],
        [U, *span("其他资金：", 4), *span("", 4)],
        ["年度总体目标", *span("预期目标", 4), *span("实际完成情况" + F, 4)],
        [
            U,
            *span(
                "1.加强社区矫正服刑人员监管，防止重新犯罪。        2.及时有效化解矛盾纠纷，维护社会稳定。          "
                "3.为经济困难弱势群体提供法律援助，维护合法权益。4.组织全区公职人员学法考试，做好学法普法宣传。\n"
                "5.为政府审查各类法律文件，受理行政复议案件。",
                4,
            ),
            *span(
                "1.完成社区矫正人员500余人的管理，没有出现重新犯罪。                        "
                "2.积极化解矛盾纠纷1620件              3.无偿提供法律援助249件，挽回当事人的经济损失。        \n"
                " 4.公职人员学法考试率达到90%以上",
                4,
            ),
        ],
        *_selfeval_indicators(department=True),
    ]
    return table(rows, _SELFEVAL_WIDTHS, size=9)


def _lingling_project() -> Table:
    rows = [
        ["项目支\n出名称", *span(F, 8)],
        ["主管部门", *span(F, 3), *span("实施单位", 2), *span(F, 3)],
        ["项目资金\n（万元）", *span(F, 2), "年初\n预算数", "全年\n预算数", "全年\n执行数", "分值", "执行率", "得分"],
        [U, *span("年度资金总额" + F, 2), F + "318.4", F + "318.4", F + "442.92", F + "10", "100%", F + "10分"],
        [U, *span("其中：当年财政拨款" + F, 2), "258.4", F, F, F, F, F],
        [U, *span("上年结转资金" + F, 2), F, F, F, F, F, F],
        [U, *span("其他资金", 2), F + "60", F, F, F, F, F],
        ["年度总体目标", *span("预期目标", 4), *span("实际完成情况" + F, 4)],
        [U, *span(F + F, 4), *span(F, 4)],
        *_selfeval_indicators(department=False),
    ]
    return table(rows, _SELFEVAL_WIDTHS, size=9)


_LINGLING_REPORT = (
    "附件3",
    "2022年度零陵区司法局整体支出",
    "绩效自评报告",
    "零陵区司法局（盖章）：",
    "一、基本情况",
    "（一）零陵区司法局基本情况。",
    "本单位内设机构为10个：办公室（信访室）、法治调研与督查室、社区矫正管理室（区社区矫正管理局）、"
    "行政复议与应诉室（区政府行政复议办公室）、行政执法协调监督室、规范性文件管理与法律事务服务室、"
    "普法与依法治理室、人民参与和促进法治室（人民陪审员和人民监督员选任管理办公室）、公共法律服务管"
    "理室、装备财务保障室。实有人数120人，其中：在职人员95人，退休人员25人。",
    "（二）部门（单位）年度整体支出绩效目标，区级专项资金绩效目标、其他项目支出（除区级专项资金以外）绩效目标.",
    "（1）整体绩效目标是：管理社区矫正人员，确保零脱逃；积极化解城区和乡镇的各类矛盾；办理法律援助"
    "案件不少于210件，对零陵区的刑事案件免费提供援助律师；普及法律知识，普法考试公职人员参考率达90%"
    "；为政府提供法律顾问、律师服务，编制政报免费发放区直各单位，受理行政复议工作等等，完成本级职能"
    "工作，为我区维稳工作贡献力量。",
    "（2）项目目标:",
    "1.管理好社区矫正服刑人员400-500人左右，不出现脱管漏管。",
    "2.积极及时化解矛盾纠纷1620件，维护社会稳定。",
    "3. 完成法律援助案件210件。",
    "4.公职人员学法考试参考率达到90%。",
    "5.为政府提供法律顾问、律师服务，编印4期零陵政报。",
    "二、一般公共预算支出情况",
    "（一）基本支出情况",
    "2022年支出1690.55万元，其中基本支出1247.62万元，项目支出442.93万元。人员收入占总收入66.98%，公"
    "用经费收入占总收入的8.94%，项目经费收入占总收入的24.08%。",
    "（二）项目支出情况",
    "2022年预算安排项目经费318.4万元，其中区级项目经费258.4万元，上级转移支付资"
    "金60万元。当年项目实际收入442.92万元，支出共计442.92万元，其中司法业务经费预算安排110万元，实"
    "际拨付32.09万元，拨付率29.17%，法制业务经费预算安排25.65万，实际拨付22.06万元，拨付率86%。为政"
    "府代付律师代理费120万。",
    "三、政府性基金预算支出情况",
    "        无",
    "四、国有资本经营预算支出情况",
    "        无",
    "五、社会保险基金预算支出情况",
    "        无",
    "六、部门整体支出绩效情况",
    "1、法治宣传有效开展。一是经常化全域性法治宣传。为营造浓厚法治宣传氛围，我局印制了一批有关禁毒"
    "、疫情防控、国家安全等宣传资料和宣传纸杯等实物，以开展“送法下乡”、农村法治宣传教育月活动和“12."
    "4”法治宣传周为主线，深入到乡镇街道、集市、村（社区）、农户经常化宣传，共发放宣传资料3.6万份，"
    "提供法律咨询5500人次，发放印有“尊法、学法、守法、用法从我做起”的宣传用品纸杯10万个、纸巾8000盒"
    "。与各职能部门联合开展法治宣传活动。先后参与区扫黑办为主的扫黑除恶宣传活动、区禁毒办为主的禁毒"
    "宣传活动、区信访局主办的信访法治宣传月活动，在活动中发放各类宣传资料2万余份，提供法律咨询5000"
    "余人次，出动宣传车40余台次。通过大力的法治宣传教育活动，有力的保持了平安建设人人皆知氛围。二是"
    "加强基层民主示范建设。开展市级民主法治示范创建活动，推动基层组织的固本强基，进一步营造风清气正"
    "氛围大势。",
    "2、矛盾化解成效显著。扎实推进“平安零陵”建设，探索实践“枫桥经验”零陵模式，强化社会矛盾纠纷排查"
    "处置。一是加强人民调解员队伍建设。顺利完成334个乡（镇）、街道，村（社区）调委会换届、选任了109"
    "2名人民调解员。同期，完成全区人民调解员培训，累计培训900人次。二是积极开展专项活动化矛盾。深入"
    "开展“我为群众办实事”矛盾纠纷大排查、大化解活动，组织开展常态化矛盾排查48次；结合“两会两节”、“"
    "清明节”等重大节假日组织专项矛盾纠纷排查16次。乡镇、街道司法所共排查调解矛盾纠纷1632件，调解成"
    "功1620件，调解成功率为99%。2022年，全区社会大局稳定，没有发生“民转刑”案件，没有发生有影响群体"
    "性聚集、上访事件。",
    "3、特殊人群管理可控，开启社矫改革先河。目前共接收新入矫对象194名，解矫301名，现在册矫正对象278"
    "名。其中缓刑272人，假释0人，暂予监外执行6人，管制0人。全年没有发生因工作失职出现矫正对象脱管或"
    "重新违法犯罪。一是积极配合专项检查。二是探索创新矫正管理改革。针对社区矫正工作中存在着不规范、"
    "不专业的漏洞问题，经过充分调研、场地选择、人员调配、民主研究、积极汇报等，开启了全市社区矫正“"
    "队建制”改革的先河，为引领辐射全市其他县区提供了可借鉴经验。",
    "4、法律服务优质高效。一是超额完成全年法律援助办案任务。对妇女、未成年人、老年人、残疾人、农民"
    "工实行“绿色通道”，降低经济困难标准，努力做到应援尽援。零陵区法律援助机构受理法律援助案件249件"
    "，其中民事51件、刑事197件，行政诉讼1件，提前超额完成今年为民生办实事任务数（210件），超出39件,"
    "挽回经济损失上百万元。二是为全区重大事项决策当好法律智囊。充分发挥专业优势，做好非规范性文件审"
    "查和法律事项服务工作。至目前，完成区委、区政府安排的非规范性文件合法性审查任务26件；审查政府合"
    "同协议75件，有力地避免了涉法涉诉案件的发生。",
    "5、法治政府全面推进。严格落实行政执法“三项制度”，加强执法监督，使行政执法更加阳光透明。严格落"
    "实行政复议改革工作，设立区人民政府行政复议办公室，解决了群众找不到、找不准复议机关的难题，并严"
    "格依法办案、有错必纠，2022年我区共收到33件行政复议案件申请，已审结的有32件。其中：维持12件；驳"
    "回4件；终止5件；撤销5件；确认违法3件；不予受理的3件；未审结的1件。在承办的行政复议案件中认真按"
    "照《省人民政府答复举证工作规则》落实了答复举证职责。 在审理的案件中全面使用“全国行政复议工作平"
    "台”，实现线上线下同步办案，及时更新办案进度并进行归档。",
    "七、存在的问题及原因分析",
    "存在的问题：1、司法所化解矛盾积极性不高",
    "            2、法律援助中心工作离上级要求仍有差距",
    "原因分析：",
    "1、由于近年来区里财力吃紧，区委、区政府安排相应的业务工作经费从2019年以来逐年递减10%，2021年全"
    "年仅拨付3个季度的经费，经费越来越少，但相应的工作却越来越繁琐，加上司法所人员过于老龄化，一系"
    "列的问题导致办案积极性受到影响。",
    "2、按上级要求，每天需要安排多名律师值班，提供法律咨询服务，拓展案件数量，更好地服务底层困难群"
    "体。因为工作经费少，拨款迟缓，援助工作暂不能大面积铺开。",
    "八、下一步改进措施",
    "（一）进一步加强与区委区政府沟通、汇报，积极争取将资金拨付到位，发挥资金应有的效益。",
    "（二）积极组建培育一支专职化、专业化、专家化的人民调解员队伍，力争形成基层社会矛盾纠纷“小事不"
    "出村，大事不出乡镇，矛盾不上交”的社会治理新格局。",
    "九、绩效自评结果拟应用和公开情况",
    "十、其他需要什么的情况",
    "附件4：",
    "单位（部门）绩效自评公开网址统计表",
)
_HEADING = re.compile("^[一二三四五六七八九十]+、")


def _report_paragraph(text: str) -> Para:
    if text in ("2022年度零陵区司法局整体支出", "绩效自评报告"):
        return Para(text, "center", True, 22)
    if _HEADING.match(text):
        return Para(text, bold=True, size=16)
    if text == "单位（部门）绩效自评公开网址统计表":
        return Para(text, "center", True, 16)
    return Para(text, size=16)


def lingling_docx() -> bytes:
    """Seed 002: the department and the project 自评表, then the report (附件3) and 附件4's table head."""
    blocks: list[Block] = [
        Para("附件1", size=16),
        Para("部门整体支出绩效自评表", "center", True, 18),
        Para("（2022年度）", "center", size=14),
        _lingling_department(),
        Para("附件2", size=16),
        Para("项目支出绩效自评表", "center", True, 18),
        Para("（2022年度）", "center", size=14),
        _lingling_project(),
        *[_report_paragraph(text) for text in _LINGLING_REPORT],
        table(
            [["单位代码", "单 位 名 称", "自评报告公开是/否", "公开网址", "联系人", "联系电话", "备注"]],
            [2.0, 3.4, 2.2, 3.6, 1.6, 2.2, 2.0],
        ),
    ]
    return _docx(blocks)


# --- seed 003: 武汉市新洲区司法局 2020 申报表 ------------------------------------------------

_XINZHOU_DUTIES = (
    "<p>新洲区司法局贯彻落实上级关于全面依法治国的方针政策和决策部署,落实区委工作要求,在履行职责过"
    '程中坚持和加强党对全面依法治国的集中统一领导。</p> <ol style="list-style-type: none"> 1.承担全'
    "面依法治国重大问题的政策研究,协调有关方面提出全面依法治国中长期规划建议,负责有关重大决策督察工"
    "作。 2.负责协调部门之间在实施法律、法规、规章中的有关争议和问题。 3.承担统筹推进全区法治政府建"
    "设的责任。 4.负责综合协调全区行政执法工作。 5.承担统筹规划全区法治社会建设的责任。 6.指导、管"
    "理全区社区矫正工作。指导刑满释放人员帮教安置工作。 7.负责拟订全区公共法律服务体系建设规划并指"
    "导实施,统筹和布局城乡、区域法律服务资源。指导、监督全区律师、法律援助、公证、仲裁和基层法律服"
    "务管理工作。 8.负责拟订全区司法行政系统科技和信息化工作发展规划并组织实施。指导、协调、监督全"
    "区司法行政系统科技和信息化体系建设管理工作。 9.负责全区司法行政系统警车管理工作,指导、监督本系"
    "统财务、装备、设施、场所等保障工作。 10.负责规划、协调、指导全区法治人才队伍建设相关工作,负责"
    "全区司法行政系统队伍建设。负责全区司法行政系统警务管理和警务督察工作。 11.按规定承担全面从严治"
    "党、国家安全、意识形态、综治维稳、精神文明建设、安全生产、生态环境保护、保密等主体责任。 12.完"
    "成上级交办的其他任务。 13.职能转变。按照党中央、省委、市委和区委关于转变政府职能、深化“放管服”"
    "改革、深入推进审批服务便民化的决策部署,认真落实新洲区深化“放管服”改革工作要求,负责区政府“放管"
    "服”改革措施的法制协调工作,组织推进本系统转变政府职能。深化简政放权,创新法律服务行业监管方式,落"
    "实监管责任,推动全区公共法律服务实体、热线、网络三大平台融合发展,推进基层公共法律服务均等化、便"
    "民化,提高政务服务改革和质量。"
)
_XINZHOU_TASKS = (
    '<ol style="list-style-type: none"> 1.推进全面依法治国工作。组织对全区82家绩效考核单位开展法治'
    "建设考核;推进法治政府建设;开展法治宣传教育,全区公务员无纸化学法考法参考率98%以上。 2.深化公共"
    "法律服务体系建设,打造1-2个街镇实体平台示范点,推进村(社区)法律顾问工作,办理法律援助案件400件以"
    "上,办理公证事项4000件以上。 3.化解社会矛盾纠纷,配齐街镇专职调解员,改扩建部分司法所。 4.加强特"
    "殊人群监管,电子腕表、手机定位全覆盖,严格控制重新犯罪,确保社区矫正对象脱漏管率<1%、重新犯罪率<1"
    "%、刑释人员重新犯罪率<1%。 5.规范行政行为,提高行政执法机关公正规范文明执法能力,深入推进依法行"
    "政,加快建设法治政府,推进法治新洲建设进程,为全区经济社会发展提供有力的法治保障。"
)
_XINZHOU_LONG = "目标1: 全力维护社会和谐稳定 目标2: 全力提升法律服务质量 目标3: 推进全面依法治区工作"
_XINZHOU_YEAR = (
    "目标1: 通过在社区内开展监督、教育、帮扶等工作, 矫正罪犯, 促使其改造成守法公民, 顺利回归社会, "
    "减少重新犯罪, 保持良好的社会秩序。 目标2: 竭诚为广大市民提供专业暖心便捷的公共法律服务, 为贫困"
    "人口服务, 努力实现“应援尽援”, 为维护困难群众合法权益、保障社会公平正义、促进社会和谐稳定发挥积"
    "极作用。 目标3: 在全区营造尊法学法守法用法浓厚氛围, 创新普法宣传形式, 弘扬社会主义法治精神, 深"
    "入推进法治创建和法治文化建设, 为全面深化改革营造良好的法治环境。"
)
_XINZHOU_GOAL1 = (
    "通过在社区内开展监督、教育、帮扶等工作，矫正罪犯，促使其改造成为守法公民，顺利回归社会，减少重"
    "新犯罪。保持良好的社会秩序，维护社会和谐稳定。"
)
_XINZHOU_GOAL2 = (
    "竭诚为广大市民提供专业暖心便捷的公共法律服务，为贫困人口服务，努力实现“应援尽援”，为维护困难群"
    "众合法权益、保障社会公平正义、促进社会和谐稳定发挥积极作用。"
)
_XINZHOU_GOAL3 = (
    "在全区营造尊法学法守法用法浓厚氛围，创新普法宣传形式，弘扬社会主义法治精神，深入推进法治创建和"
    "法治文化建设，为全面深化改革营造良好的法治环境。"
)


def _xinzhou_money() -> Table:
    rows = [
        ["部门名称", *span("武汉市新洲区司法局", 6)],
        ["填报人", "蔡娟", "联系电话", *span("027-86921740", 4)],
        ["部门总体资金情况 (万元)", *span("总体资金情况", 2), "当年预算收支", "占比", *span("近两年收支情况", 2)],
        [U, U, U, U, U, "2019年", "2018年"],
        [U, "收入构成", "财政拨款", "1801.88", "95.65%", "1571.25", "1560.79"],
        [U, U, "其他资金", "82", "4.35%", "62", "62"],
        [U, U, "合计", "1883.88", "100%", "1633.25", "1622.79"],
        [U, "支出构成", "基本支出", "1366.49", "72.54%", "1190", "1227.79"],
        [U, U, "项目支出", "517.39", "27.46%", "443.25", "395"],
        # The seed's markdown moved this row one column left: the label column spans it.
        [U, *span("合计", 2), "1883.88", "100%", "1633.25", "1622.79"],
        ["部门职能概述", *span(_XINZHOU_DUTIES, 6)],
        ["年度工作任务", *span(_XINZHOU_TASKS, 6)],
    ]
    return table(rows, [2.6, 2.0, 2.2, 2.6, 2.2, 2.7, 2.7])


def _long_term(
    number: int, goal: str, indicators: Sequence[tuple[str, str, str, str, str]], values: int
) -> list[list[str]]:
    """A 长期目标 row and its 长期绩效指标 block; ``values`` columns hold the 指标值."""
    width = 4 + values + 1
    return [
        [f"长期目标{number}:", *span(goal, width - 1)],
        *vertical(
            [
                ["长期绩效指标", "一级指标", "二级指标", "指标名称", *span("指标值", values), "绩效标准"],
                *[
                    ["", first, second, name, *span(value, values), standard]
                    for first, second, name, value, standard in indicators
                ],
            ],
            [0, 1],
        ),
    ]


def _annual(number: int, goal: str, indicators: Sequence[tuple[str, ...]]) -> list[list[str]]:
    """A 年度目标 row and its 年度绩效指标 block with the two-row 指标值 header."""
    return [
        [f"年度目标{number}:", *span(goal, 7)],
        ["年度绩效指标", "一级指标", "二级指标", "指标名称", *span("指标值", 3), "绩效标准"],
        [U, U, U, U, *span("近两年指标值", 2), "预期当年实现值", U],
        [U, U, U, U, "2018年", "2019年", U, U],
        *vertical([[U, *indicator] for indicator in indicators], [1]),
    ]


def _xinzhou_goals() -> Table:
    rows = [
        ["整体绩效目标", *span("长期目标", 3), *span("年度目标", 2)],
        [U, *span(_XINZHOU_LONG, 3), *span(_XINZHOU_YEAR, 2)],
        *_long_term(
            1,
            "全力维护社会和谐稳定",
            (
                ("产出指标", "质量指标", "社区服刑人员脱管漏管率、重新犯罪率、刑释人员重新犯罪率", "<1%", "行业指标"),
                ("", "质量指标", "推进落实行政执法监督各项制度、措施", "100%", "历史标准"),
                ("", "质量指标", "化解社会矛盾纠纷", "100%", "行业指标"),
                ("", "质量指标", "调解成功率", ">96%", "历史标准"),
                ("效益指标", "服务对象满意度指标", "人民调解对象满意率", ">80%", "历史标准"),
                ("", "社会效益指标", "法治政府建设", "100%", "历史标准"),
            ),
            1,
        ),
        *_long_term(
            2,
            "全力提升法律服务质量",
            (
                ("产出指标", "数量指标", "打造街镇公共法律服务实体平台示范点", "1-2个", "计划标准"),
                ("", "数量指标", "法律援助案件", "300件", "计划标准"),
                ("", "质量指标", "案件评估合格率", "100%", "行业标准"),
                ("效益指标", "服务对象满意度指标", "咨询对象满意率", "100%", "行业标准"),
            ),
            1,
        ),
    ]
    return table(rows, [2.4, 2.0, 2.6, 4.6, 2.6, 2.8])


def _xinzhou_targets() -> Table:
    rows = [
        *_long_term(
            3,
            "推进全面依法治区工作",
            (
                ("产出指标", "数量指标", "深入开展“七五”普法，开展“12.4”国家宪法日系列宣传活动", "40场", "行业标准"),
                ("", "数量指标", "村（社区）法律顾问开展法治讲座", ">230场", "行业标准"),
                ("", "质量指标", "全区公务员无纸化学法考法", "参考率98%以上，优秀率90%以上", "历史标准"),
                ("", "质量指标", "法律知识宣传覆盖面", "70%", "历史标准"),
            ),
            3,
        ),
        *_annual(
            1,
            _XINZHOU_GOAL1,
            (
                ("产出指标", "质量指标", "社区服刑人员衔接率", "100%", "100%", "100%", "历史标准"),
                ("", "质量指标", "宣传覆盖率", "100%", "100%", "100%", "历史标准"),
                ("", "质量指标", "点检覆盖率", "100%", "100%", "100%", "历史标准"),
                ("", "质量指标", "调解成功率", ">96%", ">96%", ">96%", "历史标准"),
                # Moved one column left in the seed's markdown, put back under 一级指标.
                ("效益指标", "社会效益指标", "维护社会稳定", "100%", "100%", "100%", "历史标准"),
            ),
        ),
        *_annual(
            2,
            _XINZHOU_GOAL2,
            (
                ("产出指标", "数量指标", "法律援助案件数", "173件", "376件", "300件", "历史标准"),
                ("", "数量指标", "行政执法案卷评查", "95件", "100件", "110件", "历史标准"),
                ("", "数量指标", "刑事速裁认罪认罚案件数", "300件", "500件", "300件", "历史标准"),
                ("效益指标", "服务对象满意度指标", "咨询对象满意率", "100%", "100%", "100%", "历史标准"),
            ),
        ),
    ]
    return table(rows, _XINZHOU_WIDTHS)


_XINZHOU_WIDTHS = [2.2, 1.8, 2.2, 3.8, 1.8, 1.8, 1.9, 1.9]


def _xinzhou_year_three() -> Table:
    rows = _annual(
        3,
        _XINZHOU_GOAL3,
        (
            ("产出指标", "质量指标", "无纸化学法用法考试参考率", ">98%", ">98%", ">98%", "历史标准"),
            (
                "",
                "数量指标",
                "深入开展“七五”普法，开展“12.4”国家宪法日系列宣传活动",
                "40场",
                "40场",
                "40场",
                "历史标准",
            ),
            ("", "质量指标", "法律知识宣传覆盖面", "60%", "65%", "70%", "历史标准"),
        ),
    )
    return table(rows, _XINZHOU_WIDTHS)


_XINZHOU_TITLE = "2020年度部门整体支出绩效目标申报表"


def xinzhou_docx() -> bytes:
    """Seed 003: the 申报表 in four tables, each under the title; HTML remnants in the cells as the seed has them."""
    title = Para(_XINZHOU_TITLE, "center", True, 16)
    return _docx(
        [
            Para("附件2:"),
            title,
            _xinzhou_money(),
            title,
            _xinzhou_goals(),
            title,
            _xinzhou_targets(),
            title,
            _xinzhou_year_three(),
            Para("备注：1. “整体绩效目标”：请结合部门职能、工作规划、项目支出投向等编报。"),
            Para(
                "2. “二级指标”中“产出指标”请选择填报数量、质量、时效、成本等指标；“效益指标”请选择填报社会效益、"
                "经济效益、生态效益、可持续发展影响、服务对象满意度等指标。"
            ),
            Para("3. “绩效标准”：设定绩效指标值时的依据或参考标准。"),
        ]
    )


# --- seed 004: 大竹县司法局 2024 批复表 (a worksheet, amounts in 元) ---------------------------

_DAZHU_GOAL = (
    "<p>一是全面依法治县方面。进一步深化法治大竹建设，持续狠抓《党政主要负责人履行推进法治建设第一"
    "责任人职责规定》实施办法的贯彻落实，全力抓好区域法治创建工作，推进法治为民办实事，提升人民群众"
    "法治建设满意度。</p> <p>二是严格依法行政方面。加强执法人员培训，加快推进乡镇、街道综合行政执法"
    "体制改革，严格落实行政执法“三项制度”，加大执法监督力度，强化督导检查，大力推进法治政府建设，努"
    "力推动我县法治政府建设再上新台阶。</p> <p>三是公共法律服务方面。深化村居社区法律顾问工作，建立"
    "合理考评机制，选树一批优秀律师。加强对律师事务所、基层法律服务所及相关工作人员的专业培训、日常"
    "管理和违纪违规行为的查处，提高其业务能力和实际工作水平，提升我县法律服务、法律援助的办案质量。"
    "</p> <p>四是社区矫正严格规范。严格按照《中华人民共和国社区矫正法》规定，运用“人防+技防”手段，"
    "通过公益劳动、法律学习等管控、教育好矫正对象，促使其顺利回归社会。</p>"
)
_DAZHU_TASKS = (
    (
        "加强行政执法监督工作",
        "开展行政执法人员政治、业务和实战能力提升行动，严格落实“一目录、四清单”，采用日常监督、专项检查",
    ),
    (
        "提高法律援助案件的质量",
        "进一步提高法律援助案件的质量，在总结经验的基础上，加强案件质量监管。把法律援助工作做细做实，尽心",
    ),
    (
        "落实“谁执法谁普法”普法责任制",
        "以“法治大竹”一月一主题活动为载体，联合相关责任部门，利用春节、春秋季开学、“4.15”“6.5”“6.2",
    ),
    (
        "社区矫正工作智慧化、规范化",
        "严格按照《中华人民共和国社区矫正法》规定，运用“人防+技防”手段，通过公益劳动、法律学习等管控、教",
    ),
    (
        "依法办理行政复议、行政应诉、行政赔偿案件",
        "依法、公正、高效办理行政复议案件，做好因行政复议提起行政诉讼的应诉事项，指导全县各行政机关行政应",
    ),
    (
        "切实履行全面依法治县职责",
        "全力抓好区域法治创建工作，推进法治为民办实事，提升人民群众法治建设满意度。",
    ),
    (
        "持续推进公共法律服务体系建设",
        "持续推进“一村（社区）一法律顾问”工作，组织各司法所对全县各乡镇（街道）及村（社区）聘请法律顾问",
    ),
    (
        "抓实人民调解工作",
        "对各调委会明确排查任务，做好矛盾纠纷排查化解工作，做到小事不出村（社区），大事不出乡镇（街道），",
    ),
    (
        "开展涉法文件法制审查",
        "对行政规范性文件、合同等文件开展法制审查，提出相关审查意见",
    ),
)
_DAZHU_INDICATORS: tuple[tuple[str, str, str, str, Value, str, int], ...] = (
    ("产出指标", "数量指标", "法律顾问覆盖多少村社", "=", 324, "个", 5),
    ("", "", "法律顾问覆盖多少乡镇街道", "=", 31, "个", 5),
    ("", "", "法律援助全年办结的案件数量", "≥", 300, "案件数", 5),
    ("", "", "接受安置帮教的人员数量", "≥", 560, "人数", 5),
    ("", "", "接受社区矫正的人员数量", "≥", 600, "人数", 2),
    ("", "", "开展案卷评查抽查案卷数", "≥", 30, "卷", 5),
    ("", "", "开展法治宣传法治讲座的次数", "≥", 12, "场次", 4),
    ("", "", "开展县级行政执法培训活动次数", "=", 2, "场次", 5),
    ("", "", "全年排查化解矛盾纠纷多少件", "≥", 3200, "件", 3),
    ("", "", "全年审查涉法文件多少件", "≥", 400, "件", 5),
    ("", "", "行政执法人员培训的次数", "≥", 500, "人次", 5),
    ("", "质量指标", "全年矛盾纠纷调解成功率", "≥", 98, "%", 3),
    ("", "", "人民群众知晓率、首选率、满意率", "≥", 95, "%", 3),
    ("", "时效指标", "完成工作的时间是多少个月", "=", 12, "月", 5),
    ("效益指标", "经济效益指标", "全年通过法律援助途径挽回的经济损失金额", "≥", 300, "万元", 5),
    (
        "",
        "社会效益指标",
        "发挥行政复议化解行政争议的主渠道作用，防止和纠正违法的或者不当的行政行为，保护公民、法人和其他组织的",
        "定性",
        "优良差",
        "",
        5,
    ),
    ("", "", "群众之间矛盾纠纷有效化解，社会和谐稳定", "定性", "好坏", "", 2),
    ("", "", "通过教育矫治，矫正社区矫正对象恶习，促使其顺利回归社会，促进社会和谐稳定", "定性", "优良差", "", 5),
    ("", "", "为领导依法决策、建设法治政府提供法律支撑", "定性", "优良差", "", 5),
    ("", "", "行政执法活动更加规范公正文明", "定性", "优良差", "", 3),
    (
        "",
        "",
        "做好刑满释放人员的安置帮教工作，促使他们顺利回归社会，减少重新违法犯罪，维护社会和谐稳定",
        "定性",
        "优良差",
        "",
        3,
    ),
    ("满意度指标", "服务对象满意度指标", "被执法对象的满意度", "≥", 95, "%", 2),
)


def _dazhu_indicator_rows() -> list[list[Value]]:
    rows: list[list[Value]] = [
        ["", first, second, name, L, L, kind, value, unit, weight]
        for first, second, name, kind, value, unit, weight in _DAZHU_INDICATORS
    ]
    rows[0][0] = "部门整体绩效情况"
    for row in rows[1:]:
        row[0] = U
        for column in (1, 2):
            if row[column] == "":
                row[column] = U
    return rows


def dazhu_xlsx() -> bytes:
    """Seed 004: the 批复表 on sheet "批复表", amounts in 元 as numbers, 指标值 as numbers where numeric."""
    money_header: list[Value] = ["合计", "财政拨款", "专户资金", "单位资金"]
    tasks: list[list[Value]] = [[U, name, L, L, L, content, L, L, L, L] for name, content in _DAZHU_TASKS]
    rows: list[list[Value]] = [
        ["部门（单位）整体支出绩效目标批复表", *[L] * 9],
        ["预算年度:2024", *[L] * 9],
        ["预算（单位）名称：135-大竹县司法局部门", *[L] * 9],
        ["总体资金情况（元）", "预算支出总额", "基本支出", L, L, L, "项目支出", L, L, L],
        [U, U, *money_header, *money_header],
        [U, 19233900.0, 16650900.0, 16650900.0, "", "", 2583000.0, 2583000.0, "", ""],
        ["整体绩效目标", _DAZHU_GOAL, *[L] * 8],
        ["年度主要任务", "任务名称", L, L, L, "主要内容", L, L, L, L],
        *tasks,
        ["年度绩效指标", *[L] * 9],
        ["", "一级指标", "二级指标", "三级指标", L, L, "绩效指标性质", "绩效指标值", "绩效度量单位", "权重"],
        *_dazhu_indicator_rows(),
        ["其他说明", "", *[L] * 8],
    ]
    sheet = Sheet(
        "批复表",
        tuple(tuple(row) for row in rows),
        (14, 14, 12, 12, 10, 12, 12, 11, 11, 8),
        framed_from=4,
    )
    return _xlsx(sheet)


# --- the 10号 项目支出绩效自评表 (a worksheet, seed 002 附件2's figures) -----------------------

_PROJECT_UNIT = "永州市零陵区司法局"


def project_selfeval_xlsx() -> bytes:
    """The 10号 project 自评表 layout (domain.md §1.8) filled with seed 002 附件2's figures and scores."""
    rows: list[list[Value]] = [
        ["项目支出绩效自评表", *[L] * 8],
        ["（2022年度）", *[L] * 8],
        ["项目名称", "司法业务经费", *[L] * 7],
        ["主管部门", _PROJECT_UNIT, L, L, "实施单位", L, _PROJECT_UNIT, L, L],
        ["项目资金（万元）", "", L, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [U, "年度资金总额", L, 318.4, 318.4, 442.92, 10, "100%", "10分"],
        [U, "其中：当年财政拨款", L, 258.4, "", "", "", "", ""],
        [U, "上年结转资金", L, "", "", "", "", "", ""],
        [U, "其他资金", L, 60, "", "", "", "", ""],
        ["年度总体目标", "预期目标", L, L, L, "实际完成情况", L, L, L],
        [
            U,
            "1.加强社区矫正服刑人员监管，防止重新犯罪。2.及时有效化解矛盾纠纷，维护社会稳定。"
            "3.为经济困难弱势群体提供法律援助，维护合法权益。4.组织全区公职人员学法考试，做好学法普法宣传。"
            "5.为政府审查各类法律文件，受理行政复议案件。",
            L,
            L,
            L,
            "1.完成社区矫正人员500余人的管理，没有出现重新犯罪。2.积极化解矛盾纠纷1620件。"
            "3.无偿提供法律援助249件，挽回当事人的经济损失。4.公职人员学法考试率达到90%以上。",
            L,
            L,
            L,
        ],
        [
            "绩效指标",
            "一级指标",
            "二级指标",
            "三级指标",
            "年度指标值",
            "实际完成值",
            "分值",
            "得分",
            "偏差原因分析及改进措施",
        ],
        [U, "产出指标(50分)", "数量指标", "社区矫正管理人数", "400-500人", "400-500人", 10, 10, ""],
        [U, U, U, "普法工作公职人员参考率", "≧90%", ">90%", 10, 10, ""],
        [U, U, U, "积极受理各类矛盾纠纷", "500件", "1620件", 10, 10, ""],
        [U, U, U, "为政府聘请法律顾问、律师，解答法律问题", "完成政府工作需要", "已完成", 10, 10, ""],
        [U, U, U, "法律援助工作办案数量", "210件", "249件", 10, 10, ""],
        [U, "效益指标（30分）", "社会效益指标", "维护社会稳定，服务身边群众", "社会和谐稳定", "完成", 10, 10, ""],
        [
            U,
            U,
            U,
            "普及法律知识，提高全民法律意识",
            "提高法律知识水平",
            "有提高",
            10,
            9,
            "提升参考率，提高全民法律知识",
        ],
        [U, U, "可持续影响指标", "防止脱管漏管维护社会稳定", "帮扶、教育矫正服刑人员", "没有出现脱管漏管", 10, 10, ""],
        [
            U,
            "满意度指标（10分）",
            "服务对象满意度指标",
            "援助对象",
            "非常满意",
            "非常满意",
            10,
            9,
            "提升群众满意度指标",
        ],
        ["总分", *[L] * 5, 100, "98分", ""],
    ]
    sheet = Sheet(
        "项目支出绩效自评表",
        tuple(tuple(row) for row in rows),
        (12, 12, 12, 24, 14, 14, 8, 8, 20),
        framed_from=3,
        number_format="General",
        centered=2,
    )
    return _xlsx(sheet)


# --- bad input ------------------------------------------------------------------------------


def no_table_docx() -> bytes:
    """A Word document with paragraphs only: no table to import."""
    return _docx(
        [
            Para("2023年度工作总结", "center", True, 16),
            Para("一、基本情况"),
            Para("本单位全年完成各项工作任务，资金总额524.31万元，其中基本支出402.31万元，项目支出122万元。"),
            Para("二、下一步工作打算"),
            Para("继续加强法治宣传，做好人民调解和法律援助工作。"),
        ]
    )


def half_table_docx() -> bytes:
    """Half a target table (seed 000's money block and indicator header, no indicator rows) and a staff list."""
    target = table(
        [
            ["部门名称", *span("株洲市石峰区司法局", 4)],
            ["年度预算申请\n（万元）", *span("资金总额：524.31", 4)],
            [U, *span("按收入性质分", 2), *span("按支出性质分", 2)],
            [U, "其中：一般公共预算拨款", "524.31", "其中：基本支出", "402.31"],
            [U, "     政府性基金拨款", "", "      项目支出", "122"],
            [U, "         其他资金", "", "", ""],
            ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值及单位"],
        ],
        [2.6, 2.8, 4.0, 4.0, 3.6],
    )
    staff = table(
        [["姓名", "职务", "联系电话"], ["张明", "局长", "0731-22100001"], ["李红", "财务", "0731-22100002"]],
        [4.0, 4.0, 5.0],
    )
    return _docx(
        [
            Para("2023年部门整体支出绩效目标表", "center", True, 16),
            Para("金额：万元", "right"),
            target,
            Para("单位工作人员名单"),
            staff,
        ]
    )


def doc_bytes() -> bytes:
    """The start of an old binary Word file (.doc): an OLE2 header and padding, no zip."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


# --- all of them ----------------------------------------------------------------------------

FIXTURES: dict[str, Callable[[], bytes]] = {
    "000-zhuzhou.docx": zhuzhou_docx,
    "001-hengyang.docx": hengyang_docx,
    "002-lingling.docx": lingling_docx,
    "003-xinzhou.docx": xinzhou_docx,
    "004-dazhu.xlsx": dazhu_xlsx,
    "10-project-selfeval.xlsx": project_selfeval_xlsx,
    "half-table.docx": half_table_docx,
    "no-table.docx": no_table_docx,
    "old-word.doc": doc_bytes,
}


def write_all(folder: Path) -> list[Path]:
    """Write every fixture into ``folder`` (created if missing); the paths written, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, build in FIXTURES.items():
        path = folder / name
        path.write_bytes(build())
        written.append(path)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/helpers/seed_tables.py OUTDIR")
    for path in write_all(Path(sys.argv[1])):
        print(path)
