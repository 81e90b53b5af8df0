"""Template folders: only their own UTF-8 files are read, and whatever goes wrong in a
template is a TemplateError naming the template file and line — never a traceback, never
the contents of a file reportgen was not asked to read."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from reportgen.api import Renderer, RenderOptions, load
from reportgen.errors import TemplateError
from samples import MINIMAL

pytestmark = pytest.mark.rendering

SECRET = "绝密：数据库口令 hunter2"
CHAPTER = "03_performance.md.jinja"
NESTED = "括号或 if、for 等语句嵌套的层数过多"


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "elsewhere" / "secret.txt"
    path.parent.mkdir()
    path.write_text(SECRET, encoding="utf-8")
    return path


def render_with(tmp_path: Path, files: dict[str, str | bytes]) -> str:
    """Render MINIMAL with a --narratives folder holding ``files``; the TemplateError's message."""
    folder = tmp_path / "custom"
    folder.mkdir(exist_ok=True)
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    data = tmp_path / "data.yaml"
    data.write_text(MINIMAL, encoding="utf-8")
    with pytest.raises(TemplateError) as caught:
        Renderer(RenderOptions(narratives_dir=folder)).render(load(data))
    return caught.value.message


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {CHAPTER: "第一行\n{% include 'missing.md.jinja' %}\n"},
            f"模板“{CHAPTER}”第2行：找不到被引用的模板“missing.md.jinja”",
        ),
        ({CHAPTER: "{% include '../../../../etc/passwd' %}"}, f"模板“{CHAPTER}”第1行：找不到被引用的模板"),
        ({CHAPTER: "{% include ['a.md.jinja', 'b.md.jinja'] %}"}, "找不到被引用的模板“a.md.jinja”或“b.md.jinja”"),
        ({CHAPTER: "\n\n{% include '" + CHAPTER + "' %}"}, f"模板“{CHAPTER}”第3行：模板或宏调用自身的层数过多"),
        (
            {CHAPTER: "{% macro again() %}{{ again() }}{% endmacro %}\n{{ again() }}"},
            f"模板“{CHAPTER}”第1行：模板或宏调用自身的层数过多",
        ),
        ({CHAPTER: "本年度\n\n{{ year / 0 }}"}, f"模板“{CHAPTER}”第3行：除数为零"),
        ({CHAPTER: "{{ fig.total // 0 }}"}, f"模板“{CHAPTER}”第1行：除数为零"),
        ({CHAPTER: "一\n二\n{{ no_such_value }}"}, f"模板“{CHAPTER}”第3行：引用了不存在的数据"),
        ({CHAPTER: "一\n{% if %}"}, f"模板“{CHAPTER}”第2行：语法错误"),
        ({CHAPTER: "一\n{{ report.__class__ }}"}, f"模板“{CHAPTER}”第2行：执行了不允许的操作"),
        ({CHAPTER: "一\n{{ 'x' + 1 }}"}, f"模板“{CHAPTER}”第2行：数据的类型或取值不符合模板的用法"),
        (
            {CHAPTER: "{% include '_part.md.jinja' %}", "_part.md.jinja": "一\n二\n{{ 1 / 0 }}"},
            "模板“_part.md.jinja”第3行：除数为零",
        ),
        (
            {CHAPTER: "{% include 'sub/_part.md.jinja' %}", "sub/_part.md.jinja": "一\n{% for %}"},
            "模板“sub/_part.md.jinja”第2行：语法错误",
        ),
        ({CHAPTER: "中文\n第二行\n".encode("gbk")}, f"模板“{CHAPTER}”第1行不是 UTF-8 编码"),
        (
            {CHAPTER: "{% include '_gbk.md.jinja' %}", "_gbk.md.jinja": "第一行\n中文".encode("gbk")},
            "模板“_gbk.md.jinja”第1行不是 UTF-8 编码",
        ),
        ({CHAPTER: "{{ " + "(" * 50_000 + "1" + ")" * 50_000 + " }}"}, f"模板“{CHAPTER}”：{NESTED}"),
        ({CHAPTER: "{% if 1 %}" * 5_000 + "{% endif %}" * 5_000}, f"模板“{CHAPTER}”：{NESTED}"),
    ],
    ids=[
        "include-missing",
        "include-outside",
        "include-any-missing",
        "self-include",
        "recursive-macro",
        "division",
        "floor-division",
        "undefined",
        "syntax",
        "sandbox",
        "type",
        "error-in-include",
        "syntax-in-include",
        "gbk",
        "gbk-include",
        "nested-brackets",
        "nested-ifs",
    ],
)
def test_template_errors_name_the_template_and_line(
    tmp_path: Path, files: dict[str, str | bytes], expected: str
) -> None:
    assert expected in render_with(tmp_path, files)


def test_a_chapter_linked_to_a_file_outside_the_folder_is_refused(tmp_path: Path, secret: Path) -> None:
    folder = tmp_path / "custom"
    folder.mkdir()
    (folder / CHAPTER).symlink_to(secret)
    message = render_with(tmp_path, {})
    assert f"模板“{CHAPTER}”指向模板目录以外的文件" in message and SECRET not in message


def test_an_include_of_a_link_to_a_file_outside_the_folder_is_refused(tmp_path: Path, secret: Path) -> None:
    folder = tmp_path / "custom"
    folder.mkdir()
    (folder / "_secret.md.jinja").symlink_to(secret)
    message = render_with(tmp_path, {CHAPTER: "一\n{% include '_secret.md.jinja' %}"})
    assert f"模板“{CHAPTER}”第2行：模板“_secret.md.jinja”指向模板目录以外的文件" in message
    assert SECRET not in message


def test_a_linked_sub_folder_pointing_outside_is_refused(tmp_path: Path, secret: Path) -> None:
    folder = tmp_path / "custom"
    folder.mkdir()
    (folder / "linked").symlink_to(secret.parent)
    message = render_with(tmp_path, {CHAPTER: "{% include 'linked/secret.txt' %}"})
    assert "指向模板目录以外的文件" in message and SECRET not in message


def test_links_inside_the_folder_and_a_linked_folder_itself_are_fine(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    (real / "_part.md.jinja").write_text("本单位{{ year }}年未发现问题。\n", encoding="utf-8")
    (real / "04_problems.md.jinja").symlink_to(real / "_part.md.jinja")
    (tmp_path / "linked").symlink_to(real)
    data = tmp_path / "data.yaml"
    data.write_text(MINIMAL, encoding="utf-8")
    from reportgen.docx import read_outline

    outline = read_outline(Renderer(RenderOptions(narratives_dir=tmp_path / "linked")).render(load(data)))
    assert ("body", "本单位2023年未发现问题。") in outline


def test_a_huge_template_file_is_refused_before_compiling(tmp_path: Path) -> None:
    message = render_with(tmp_path, {CHAPTER: "{{ year }}" * 200_000})
    assert f"模板“{CHAPTER}”超过1,000,000字节" in message


def test_the_cli_shows_template_errors_without_traceback(tmp_path: Path, secret: Path) -> None:
    folder = tmp_path / "custom"
    folder.mkdir()
    (folder / "_secret.md.jinja").symlink_to(secret)
    (folder / CHAPTER).write_text("{% include '_secret.md.jinja' %}", encoding="utf-8")
    data = tmp_path / "data.yaml"
    data.write_text(MINIMAL, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "reportgen",
            "render",
            str(data),
            "--narratives",
            str(folder),
            "-o",
            str(tmp_path / "r.docx"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 2
    assert "指向模板目录以外的文件" in result.stderr
    assert "Traceback" not in result.stderr and SECRET not in result.stderr + result.stdout
