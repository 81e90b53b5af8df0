"""Document styles (版式): the model of a ``styles/*.yaml`` file and its loader."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Annotated, Literal, NamedTuple

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from reportgen.errors import StyleError
from reportgen.render.signature import SEALS, Seal
from reportgen.support.resources import builtin_dir

# Pictures are captioned 图1、图2… in order (tables use the stylesheet's ``table_caption``).
PICTURE_CAPTION = "图{n} {title}"

Alignment = Literal["left", "center", "right", "justify"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PageSetup(_Strict):
    """页面设置: paper, margins (mm) and the line/character grid."""

    width_mm: float = 210
    height_mm: float = 297
    margin_top_mm: float = 37
    margin_bottom_mm: float = 35
    margin_left_mm: float = 28
    margin_right_mm: float = 26
    footer_mm: float = 22
    lines_per_page: Annotated[int, Field(ge=10, le=60)] = 22
    chars_per_line: Annotated[int, Field(ge=10, le=60)] = 28

    @property
    def text_width_mm(self) -> float:
        return self.width_mm - self.margin_left_mm - self.margin_right_mm

    @property
    def text_height_mm(self) -> float:
        return self.height_mm - self.margin_top_mm - self.margin_bottom_mm


class RoleStyle(_Strict):
    """Font and layout of one paragraph role."""

    font: str
    size_pt: float
    bold: bool = False
    align: Alignment = "justify"
    indent_chars: float = 0
    right_indent_chars: float = 0
    line_spacing: Literal["grid", "single"] = "grid"
    space_after_lines: float = 0


class NumberFormat(NamedTuple):
    """A heading number format split for Word's numbering: "（{cn}）" → （, cn, ）."""

    prefix: str
    counter: Literal["cn", "n"]
    suffix: str


_FIELD = re.compile(r"\{(cn|n)\}")


class HeadingStyle(_Strict):
    """One heading level; ``format`` uses {cn} (一) or {n} (1) for the number."""

    font: str
    size_pt: float
    bold: bool = False
    format: str

    def number_format(self, level: int) -> NumberFormat:
        """``format`` as prefix, counter and suffix, as native Word numbering needs it.

        Raises StyleError for what a ``w:lvlText`` cannot express: no counter or several,
        other braces, or a "%" (Word reads "%1" as a level number).
        """
        fields = list(_FIELD.finditer(self.format))
        rest = _FIELD.sub("", self.format)
        if len(fields) != 1 or any(c in rest for c in "{}%"):
            raise StyleError(
                f"第{level}级标题的编号格式“{self.format}”无法用 Word 自动编号表示：需要恰好一个"
                "“{cn}”（一、二…）或“{n}”（1、2…），且不能含“%”或其他花括号。"
                "请修改格式，或在版式中设置 numbering: literal（把编号写成文字）。"
            )
        found = fields[0]
        counter: Literal["cn", "n"] = "cn" if found.group(1) == "cn" else "n"
        return NumberFormat(self.format[: found.start()], counter, self.format[found.end() :])


class Stylesheet(_Strict):
    """A whole house style."""

    name: str
    description: str = ""
    page: PageSetup = PageSetup()
    latin_font: str = "Times New Roman"
    roles: dict[str, RoleStyle]
    headings: list[HeadingStyle] = Field(min_length=4, max_length=4)
    table_caption: str = "表{n} {title}"
    page_number_format: str = "— {n} —"
    # native: Word multilevel numbering bound to the heading styles (renumbers when an
    # editor inserts a heading); literal: the numbers are typed into the heading text.
    numbering: Literal["native", "literal"] = "native"
    # portable: line grid, exact spacing and −0.25 pt character spacing (same lines and
    # characters per line in Word, WPS and LibreOffice); word: Word's line-and-character grid.
    grid: Literal["portable", "word"] = "portable"
    # 落款 per GB/T 9704-2012 §7.3.5: 有印章 (the unit stamps the printed report) or 无印章.
    seal: Seal = "有印章"

    def role(self, name: str) -> RoleStyle:
        try:
            return self.roles[name]
        except KeyError:
            raise StyleError(f"版式“{self.name}”缺少段落样式“{name}”，请在 roles 中补充。") from None


REQUIRED_ROLES = ("body", "title", "subtitle", "attachment", "table_title", "note", "signature", "table", "page_number")


def available_styles() -> list[str]:
    """Names of the built-in styles."""
    return sorted(p.stem for p in builtin_dir("styles").glob("*.yaml"))


def load_stylesheet(name_or_path: str = "gbt9704") -> Stylesheet:
    """Load a built-in style by name (``gbt9704``) or a YAML file by path.

    A name is only ever one of :func:`available_styles` (never a way into other folders);
    a path is what the user passed (``--style mine.yaml``).
    """
    path = Path(name_or_path)
    if path.suffix not in (".yaml", ".yml"):
        if name_or_path not in available_styles():
            known = "、".join(available_styles())
            raise StyleError(f"没有名为“{name_or_path}”的版式；可用的版式：{known}。")
        path = builtin_dir("styles") / f"{name_or_path}.yaml"
    return _load_file(path.resolve())


@cache
def _load_file(path: Path) -> Stylesheet:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise StyleError(f"无法读取版式文件 {path}：{exc.strerror}") from None
    except yaml.YAMLError as exc:
        raise StyleError(f"版式文件 {path} 不是有效的 YAML：{exc}") from None
    _check_seal(raw, path)
    try:
        sheet = Stylesheet.model_validate(raw)
    except ValidationError as exc:
        problems = "；".join(f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors())
        raise StyleError(f"版式文件 {path} 有误：{problems}") from None
    missing = [role for role in REQUIRED_ROLES if role not in sheet.roles]
    if missing:
        raise StyleError(f"版式文件 {path} 缺少段落样式：{'、'.join(missing)}。")
    if sheet.numbering == "native":
        for level, heading in enumerate(sheet.headings, 1):
            try:
                heading.number_format(level)
            except StyleError as exc:
                raise StyleError(f"版式文件 {path} 有误：{exc.message}") from None
    return sheet


def _check_seal(raw: object, path: Path) -> None:
    """The ``seal`` key, checked with a message a clerk can act on."""
    if isinstance(raw, dict) and "seal" in raw and raw["seal"] not in SEALS:
        raise StyleError(
            f"版式文件 {path} 有误：seal（落款方式）应为“有印章”或“无印章”，现为“{raw['seal']}”。"
            "请改为“有印章”（打印后加盖公章）或“无印章”。"
        )
