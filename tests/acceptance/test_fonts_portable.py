"""Fonts survive other computers: a theme and font table naming only the stylesheet's faces.

The template's theme named Calibri, Cambria and some 60 script fonts (ＭＳ ゴシック, 맑은 고딕 …),
which WPS lists as missing. The theme now names the stylesheet's fonts only; the font table
describes exactly the fonts the document uses, each GB2312 face with the Windows face Word
and WPS should take instead (docs/docx-notes.md §3.16). Curly quotes after a digit are drawn in
the CJK font, full width, as LibreOffice shows (docs/docx-notes.md §3.3).
"""

from __future__ import annotations

import os
import re
import subprocess
import zipfile
from pathlib import Path

import pytest
import yaml
from lxml import etree

from pdfpages import FONTS_CONF, require_libreoffice
from reportgen.api import RenderOptions, render_report, update_report
from reportgen.docx.write.writer import write_docx
from reportgen.features.pdf import find_soffice
from reportgen.render.blocks import Document, Paragraph, Span
from reportgen.render.stylesheet import load_stylesheet
from samples import LINGLING, ROOT

pytestmark = pytest.mark.rendering

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
FONT_ATTRIBUTES = ("ascii", "hAnsi", "eastAsia", "cs")
STAND_INS = {
    "仿宋_GB2312": "仿宋",
    "楷体_GB2312": "楷体",
    "方正小标宋简体": "华文中宋",
    "黑体": "SimHei",
    "宋体": "SimSun",
}


def _parts(docx: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(docx) as package:
        return {name: package.read(name) for name in package.namelist()}


def _rendered(tmp_path: Path, **options: str) -> dict[str, bytes]:
    out = tmp_path / "report.docx"
    render_report(LINGLING, out, RenderOptions(**options))  # type: ignore[arg-type]
    return _parts(out)


def _font_table(parts: dict[str, bytes]) -> dict[str, etree._Element]:
    root = etree.fromstring(parts["word/fontTable.xml"])
    return {font.get(f"{W}name") or "": font for font in root.iter(f"{W}font")}


def _named_fonts(parts: dict[str, bytes]) -> set[str]:
    """Every font a run, style, list level or the theme names."""
    names: set[str] = set()
    for name, data in parts.items():
        if not name.endswith(".xml") or name == "word/fontTable.xml":
            continue
        root = etree.fromstring(data)
        for rfonts in root.iter(f"{W}rFonts"):
            names.update(value for key in FONT_ATTRIBUTES if (value := rfonts.get(f"{W}{key}")))
        names.update(typeface for element in root.iter() if (typeface := element.get("typeface")))
    return names


def _theme_fonts(parts: dict[str, bytes]) -> dict[str, dict[str, str]]:
    scheme = etree.fromstring(parts["word/theme/theme1.xml"]).find(f"{A}themeElements/{A}fontScheme")
    assert scheme is not None
    slots: dict[str, dict[str, str]] = {}
    for slot in ("majorFont", "minorFont"):
        element = scheme.find(f"{A}{slot}")
        assert element is not None
        slots[slot] = {
            (child.get("script") or etree.QName(child).localname): child.get("typeface") or "" for child in element
        }
    return slots


def test_the_theme_names_only_the_stylesheets_fonts(tmp_path: Path) -> None:
    parts = _rendered(tmp_path)
    assert _theme_fonts(parts) == {
        "majorFont": {"latin": "Times New Roman", "ea": "黑体", "cs": "", "Hans": "黑体"},
        "minorFont": {"latin": "Times New Roman", "ea": "仿宋_GB2312", "cs": "", "Hans": "仿宋_GB2312"},
    }
    for name, data in parts.items():
        for foreign in ("Calibri", "Cambria", "ＭＳ", "ゴシック", "맑은", "新細明體"):
            assert foreign.encode() not in data, f"{foreign} in {name}"


def test_the_font_table_lists_exactly_the_fonts_the_document_uses(tmp_path: Path) -> None:
    parts = _rendered(tmp_path)
    assert set(_font_table(parts)) == _named_fonts(parts) == {"Times New Roman", *STAND_INS}


@pytest.mark.parametrize(("font", "alternative"), STAND_INS.items())
def test_each_chinese_font_names_the_face_word_and_wps_take_without_it(
    tmp_path: Path, font: str, alternative: str
) -> None:
    entry = _font_table(_rendered(tmp_path))[font]
    values = {etree.QName(child).localname: child.get(f"{W}val") for child in entry}
    assert values["altName"] == alternative
    assert values["charset"] == "86"  # GB2312
    assert values["panose1"] and len(values["panose1"] or "") == 20
    assert values["family"] in {"auto", "modern", "roman"} and values["pitch"] in {"fixed", "variable"}
    sig = entry.find(f"{W}sig")
    assert sig is not None and sig.get(f"{W}csb0", "")[-6:-4] == "04"  # code page bit 18: GB2312


def test_a_stylesheet_with_other_fonts_gets_those_in_theme_and_font_table(tmp_path: Path) -> None:
    text = (ROOT / "styles" / "gbt9704.yaml").read_text(encoding="utf-8")
    style = tmp_path / "gbk.yaml"
    style.write_text(text.replace("仿宋_GB2312", "方正仿宋_GBK").replace("黑体", "方正黑体_GBK"), encoding="utf-8")
    parts = _rendered(tmp_path, style=str(style))
    table = _font_table(parts)
    assert (
        set(table)
        == _named_fonts(parts)
        == {"Times New Roman", "方正仿宋_GBK", "方正黑体_GBK", "楷体_GB2312", "方正小标宋简体", "宋体"}
    )
    assert _theme_fonts(parts)["minorFont"]["ea"] == "方正仿宋_GBK"
    assert _theme_fonts(parts)["majorFont"]["ea"] == "方正黑体_GBK"
    alternative = table["方正仿宋_GBK"].find(f"{W}altName")
    assert alternative is not None and alternative.get(f"{W}val") == "仿宋"


# Words separated by ASCII spaces, so that pdftotext boxes each; the quotes follow digits and
# signs, where LibreOffice would take the Latin font (Times New Roman) for them.
QUOTED = "甲 1620 1620” 乙 >90% “>90%” 丙 12 ‘12’ 丁"
BODY_PT = 16


def _word_widths(docx: Path, fonts_conf: Path = FONTS_CONF) -> dict[str, float]:
    """Each word's width in points in the PDF LibreOffice makes of ``docx`` with ``fonts_conf``."""
    soffice = find_soffice()
    assert soffice is not None
    profile = docx.parent / "profile"
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf"]
    environment = {**os.environ, "FONTCONFIG_FILE": str(fonts_conf), "HOME": str(docx.parent)}
    subprocess.run(
        [*command, "--outdir", str(docx.parent), str(docx)], check=True, env=environment, capture_output=True
    )
    pdf = docx.with_suffix(".pdf")
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    widths: dict[str, float] = {}
    for x_min, x_max, word in re.findall(
        r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', html
    ):
        widths.setdefault(word.replace("&gt;", ">"), float(x_max) - float(x_min))
    return widths


def _quote_widths(widths: dict[str, float]) -> list[float]:
    return [
        widths["1620”"] - widths["1620"],
        (widths["“>90%”"] - widths[">90%"]) / 2,
        (widths["‘12’"] - widths["12"]) / 2,
    ]


def _quotes_document(tmp_path: Path) -> Path:
    document = Document("引号", (Paragraph((Span(QUOTED),)),))
    docx = tmp_path / "quotes.docx"
    docx.write_bytes(write_docx(document, load_stylesheet("gbt9704")))
    return docx


def test_curly_quotes_after_digits_are_drawn_full_width_in_the_cjk_font(tmp_path: Path) -> None:
    require_libreoffice()
    widths = _quote_widths(_word_widths(_quotes_document(tmp_path)))
    assert all(width > 0.9 * BODY_PT for width in widths), widths


def test_without_their_own_font_libreoffice_draws_those_quotes_narrow(tmp_path: Path) -> None:
    """The control: with the hint alone (what Word and WPS read), without the quote runs' own
    font and language, LibreOffice takes Times New Roman."""
    require_libreoffice()
    docx = _quotes_document(tmp_path)
    parts = _parts(docx)
    own = r'(<w:rFonts) w:ascii="仿宋_GB2312" w:hAnsi="仿宋_GB2312"(.*?)<w:lang w:val="zh-CN"/>'
    document = re.sub(own, r"\1\2", parts["word/document.xml"].decode()).encode()
    with zipfile.ZipFile(docx, "w") as package:
        for name, data in parts.items():
            package.writestr(name, document if name == "word/document.xml" else data)
    widths = _quote_widths(_word_widths(docx))
    assert all(width < 0.6 * BODY_PT for width in widths), widths


def test_on_a_computer_without_the_gb2312_face_the_quotes_stay_full_width(tmp_path: Path) -> None:
    """fontconfig without 仿宋_GB2312 (as on a Windows 10 computer): the quote runs' zh-CN
    language makes LibreOffice fall back to a CJK face, not to DejaVu Sans."""
    require_libreoffice()
    conf = tmp_path / "fonts.conf"
    lines = FONTS_CONF.read_text(encoding="utf-8").splitlines()
    conf.write_text("\n".join(line for line in lines if "仿宋_GB2312" not in line), encoding="utf-8")
    widths = _quote_widths(_word_widths(_quotes_document(tmp_path), conf))
    assert all(width > 0.9 * BODY_PT for width in widths), widths


def test_text_an_update_inserts_next_to_a_quote_takes_the_texts_format_not_the_quotes(tmp_path: Path) -> None:
    """“>90%” → 95%: the deleted closing quote is a run in 仿宋_GB2312; 95% must not be."""
    draft = tmp_path / "draft.docx"
    render_report(LINGLING, draft, RenderOptions())
    data = yaml.safe_load(LINGLING.read_text(encoding="utf-8"))
    changed = [indicator for indicator in data["indicators"] if str(indicator.get("actual")).startswith(">90")]
    assert changed
    changed[0]["actual"] = "95%"
    new = tmp_path / "new.yaml"
    new.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    updated = tmp_path / "updated.docx"
    update_report(new, draft, updated)
    root = etree.fromstring(_parts(updated)["word/document.xml"])
    inserted = [run for ins in root.iter(f"{W}ins") for run in ins.iter(f"{W}r")]
    assert any("95%" in "".join(run.itertext()) for run in inserted)
    for run in inserted:
        fonts = run.find(f"{W}rPr/{W}rFonts")
        if fonts is not None and fonts.get(f"{W}ascii") == "仿宋_GB2312":
            assert "".join(run.itertext()).strip("“”‘’") == ""
