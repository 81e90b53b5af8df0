"""A command loads only what it uses (issue 16's start-up): checked in fresh processes.

Each process runs the console entry point (``reportgen.cli.main``, what ``reportgen`` runs)
and then lists which of a few libraries and reportgen packages it had imported.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from babel.lists import format_list

from reportgen.cli.app import app, only
from reportgen.docx.write import fonts
from reportgen.figures.fmt import join
from reportgen.support import cache
from samples import LINGLING

PROBE = """\
import sys
watched = sys.argv[2].split(",")
sys.argv = ["reportgen", *filter(None, sys.argv[1].split("\\x1f"))]
from reportgen.cli import main
try:
    main()
except SystemExit:
    pass
loaded = sorted(name for name in watched if any(m == name or m.startswith(name + ".") for m in sys.modules))
loader = sys.modules.get("pydantic.plugin._loader")
print("\\n" + repr({"loaded": loaded, "plugins_scanned": getattr(loader, "_plugins", None) is not None}))
"""


def run(args: list[str], watched: tuple[str, ...]) -> dict[str, object]:
    """What the ``reportgen ARGS`` process imported of ``watched``, and whether pydantic looked
    for plugins; run without PYDANTIC_DISABLE_PLUGINS, as a user's shell has it. (The probe
    itself imports nothing but sys.)"""
    env = {name: value for name, value in os.environ.items() if name != "PYDANTIC_DISABLE_PLUGINS"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, "\x1f".join(args), ",".join(watched)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    found: dict[str, object] = ast.literal_eval(done.stdout.strip().splitlines()[-1])
    return found


HELP_NEEDS_NONE_OF = (
    "pydantic",
    "jinja2",
    "yaml",
    "lxml",
    "markdown_it",
    "babel",
    "openpyxl",
    "docx",
    "fastapi",
    "reportgen.api",
    "json",
    "decimal",
)


@pytest.mark.parametrize("args", [["--help"], ["--version"], []])
def test_the_top_level_help_and_version_load_no_library_of_the_pipeline(args: list[str]) -> None:
    assert run(args, HELP_NEEDS_NONE_OF)["loaded"] == []


def test_validate_of_a_yaml_file_loads_no_template_markdown_xml_or_workbook_library() -> None:
    watched = ("jinja2", "markdown_it", "lxml", "docx", "openpyxl", "babel", "reportgen.render", "reportgen.docx")
    found = run(["validate", str(LINGLING)], (*watched, "pydantic", "yaml"))
    assert found["loaded"] == ["pydantic", "yaml"]  # the models and the reader only
    assert found["plugins_scanned"] is False


@pytest.mark.rendering
def test_render_loads_neither_the_draft_reader_nor_the_reference_reader_nor_a_workbook_or_web_library(
    tmp_path: Path,
) -> None:
    watched = (
        "openpyxl",
        "fastapi",
        "sqlalchemy",
        "babel",
        "reportgen.docx.draft",
        "reportgen.docx.reference",
        "reportgen.docx.revision",
        "reportgen.render.html",
        "reportgen.web",
        "reportgen.features",
    )
    found = run(["render", str(LINGLING), "-o", str(tmp_path / "报告.docx")], (*watched, "jinja2"))
    assert found["loaded"] == ["jinja2"]
    assert found["plugins_scanned"] is False
    assert (tmp_path / "报告.docx").exists()


def test_a_process_builds_only_the_command_it_runs() -> None:
    assert list(typer.main.get_group(only(app, "render")).commands) == ["render"]
    assert list(typer.main.get_group(only(app, "import")).commands) == ["import"]
    assert list(typer.main.get_group(only(app, "admin")).commands) == ["admin"]
    assert only(app, "rendr") is app and only(app, "--profile") is app  # a misspelt command: all, for the hint
    assert len(typer.main.get_group(app).commands) == 11  # the application itself is untouched


@pytest.mark.parametrize("args", [["--help"], [], ["--version"], ["-h", "render"]])
@pytest.mark.parametrize("columns", ["80", "56"])
def test_the_listing_says_what_the_whole_application_says(args: list[str], columns: str) -> None:
    env = {**os.environ, "COLUMNS": columns}
    listed = subprocess.run([sys.executable, "-m", "reportgen", *args], capture_output=True, text=True, env=env)
    code = f"from reportgen.cli.app import app\napp({args!r}, prog_name='reportgen')"
    whole = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert (listed.returncode, listed.stdout, listed.stderr) == (whole.returncode, whole.stdout, whole.stderr)
    assert "render" in listed.stdout + listed.stderr or "版本" in listed.stdout


def test_the_listing_has_every_command_without_parameters() -> None:
    group = typer.main.get_group(only(app, "--help"))
    assert list(group.commands) == list(typer.main.get_group(app).commands)
    assert all(not command.params for command in group.commands.values())


def test_a_command_run_alone_says_the_same_as_within_the_whole_application() -> None:
    alone = subprocess.run([sys.executable, "-m", "reportgen", "render"], capture_output=True, text=True)
    code = "from reportgen.cli.app import app\napp(['render'], prog_name='reportgen')"
    whole = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert alone.returncode == whole.returncode == 2
    assert alone.stderr == whole.stderr and "用法：reportgen render" in alone.stderr


@pytest.mark.parametrize("count", range(6))
def test_lists_are_joined_as_babel_joins_them_in_zh_cn(count: int) -> None:
    words = ["社区矫正", "{0}普法", "调解 纠纷", "法律援助", "公证", "人民调解"][:count]
    assert join(words) == (format_list(words, locale="zh_CN") if words else "")


def test_empty_items_are_left_out_of_a_list() -> None:
    assert join(["甲", "", "乙"]) == "甲和乙" and join(["", ""]) == ""


def test_every_public_name_of_the_api_and_the_docx_package_is_still_there() -> None:
    code = (
        "import sys\nfrom reportgen import api, docx\n"
        "from reportgen.api import RenderOptions\n"
        "print('reportgen.api.rendering' in sys.modules)\n"
        "names = [getattr(api, n) for n in api.__all__] + [getattr(docx, n) for n in docx.__all__]\n"
        "print(set(api.__all__) <= set(dir(api)) and set(docx.__all__) <= set(dir(docx)))"
    )
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert shown == ["False", "True"]  # the render options alone do not load the renderer


def test_the_code_fingerprint_covers_the_sources_rglob_finds(tmp_path: Path) -> None:
    (tmp_path / "sub" / "__pycache__").mkdir(parents=True)
    for name in ("a.py", "sub/b.py", "sub/c.txt", "sub/__pycache__/b.cpython-311.pyc", "z.py"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert cache._sources(tmp_path) == sorted(tmp_path.rglob("*.py"))
    package = Path(cache.__file__).resolve().parent.parent / "docx"
    assert cache._sources(package) == sorted(package.rglob("*.py"))


def test_the_east_asian_test_of_the_writer_is_the_character_class_it_replaces() -> None:
    east_asian = re.compile("[\u2010-\u206f\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
    cjk_strong = re.compile("[\u2e80-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]")
    for code in (*range(0x10000), 0x1F600, 0x20000, 0x10FFFF):
        char = chr(code)
        assert fonts.needs_hint(char) == (east_asian.search(char) is not None), hex(code)
    edges = {edge + step for low, high in fonts._EAST_ASIAN for edge in (low, high) for step in (-1, 0, 1)}
    for code in (*sorted(edges), 0x41, 0x4E2D, 0x3002, 0xFF0C, 0x20000):
        text = f"{chr(code)}“x”"
        assert list(fonts.quote_pieces(text)) == _pieces_by_class(text, cjk_strong), hex(code)
    assert fonts.needs_hint("2022年度") and not fonts.needs_hint("2022 A-B") and not fonts.needs_hint("")


def _pieces_by_class(text: str, cjk: re.Pattern[str]) -> list[tuple[str, bool]]:
    """fonts.quote_pieces as it was, with the regular expression."""
    pieces, start = [], 0
    for match in re.finditer("[“”‘’]+", text):
        begin = match.start()
        if begin > 0 and cjk.match(text[begin - 1]):
            continue
        if begin > start:
            pieces.append((text[start:begin], False))
        pieces.append((match.group(), True))
        start = match.end()
    if start < len(text):
        pieces.append((text[start:], False))
    return pieces
