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
import re
import sys
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
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
    "doc_bytes",
    "no_table_docx",
    "write_all",
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
        areas = []
        for r, row in enumerate(self.rows):
            for c, text in enumerate(row):
                if text in (L, U):
                    continue
                right = c
                while right + 1 < len(row) and row[right + 1] == L:
                    right += 1
                bottom = r
                while bottom + 1 < len(self.rows) and self.rows[bottom + 1][c] == U:
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
    for c, width in enumerate(block.widths):
        word.columns[c].width = Cm(width)
        for r in range(rows):
            word.cell(r, c).width = Cm(width)
    for top, left, bottom, right in block.merges():
        word.cell(top, left).merge(word.cell(bottom, right))
    for r, row in enumerate(block.rows):
        for c, text in enumerate(row):
            if text in (L, U):
                continue
            cell = word.cell(r, c)
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            lines = text.split("\n")
            first = cell.paragraphs[0]
            for index, line in enumerate(lines):
                paragraph = first if index == 0 else cell.add_paragraph()
                if line:
                    run = paragraph.add_run(line)
                    run.font.size = Pt(block.size)


# --- Excel ----------------------------------------------------------------------------------


@dataclass
class Sheet:
    """A worksheet: rows of values (str, int, float or None), merged ranges, column widths (characters)."""

    title: str
    rows: list[list[str | int | float | None]] = field(default_factory=list)
    merges: list[str] = field(default_factory=list)
    widths: dict[str, float] = field(default_factory=dict)
    number_formats: dict[str, str] = field(default_factory=dict)


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
            if value is not None and value != "":
                cell.value = value
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            cell.font = Font(name="宋体", size=10)
            if r > 3:
                cell.border = border
    for address, number_format in sheet.number_formats.items():
        worksheet[address].number_format = number_format
    for area in sheet.merges:
        worksheet.merge_cells(area)
    for letter, width in sheet.widths.items():
        worksheet.column_dimensions[letter].width = width
    workbook.properties.creator = "reportgen tests"
    workbook.properties.lastModifiedBy = "reportgen tests"
    workbook.properties.created = _FIXED_DATE
    workbook.properties.modified = _FIXED_DATE
    out = io.BytesIO()
    workbook.save(out)
    return _fixed_zip(out.getvalue())


def rectangle(top: int, left: int, bottom: int, right: int) -> str:
    """An Excel range from 1-based row and column numbers: rectangle(1, 1, 2, 3) == "A1:C2"."""
    return f"{get_column_letter(left)}{top}:{get_column_letter(right)}{bottom}"


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


def doc_bytes() -> bytes:
    """The start of an old binary Word file (.doc): an OLE2 header and padding, no zip."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


# --- all of them ----------------------------------------------------------------------------

FIXTURES: dict[str, Callable[[], bytes]] = {
    "000-zhuzhou.docx": zhuzhou_docx,
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
