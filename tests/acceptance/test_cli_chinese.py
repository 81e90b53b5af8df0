"""The command line's own words are Chinese (issue 15 item 11): every command's help, click's
usage errors, ``--version``; and every option a message tells the user to add exists."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import pytest
import typer
import typer.main
from typer._click import Command
from typer.core import TyperGroup
from typer.testing import CliRunner

from command import reportgen
from reportgen._version import __version__
from reportgen.cli import app
from reportgen.cli.chinese import ChineseGroup

SRC = Path(__file__).resolve().parents[2] / "src" / "reportgen"

# What click and typer print in English, and must not reach a user.
ENGLISH = (
    "Usage",
    "Options",
    "Arguments",
    "Commands",
    "Show this message",
    "default:",
    "required]",
    "env var",
    "Try '",
    "for help",
    "Error",
    "No such",
    "Missing",
    "Invalid value",
    "Did you mean",
    "Possible options",
    "Got unexpected",
    "requires an argument",
    "Input should",
    "is not a valid",
    "Aborted",
    "[OPTIONS]",
    "COMMAND [ARGS]",
    "<path>",
    "<str>",
    "<int",
    "list[",
    " ...\n",  # a command summary click cut to nothing
)


def english_in(text: str) -> list[str]:
    return [phrase for phrase in ENGLISH if phrase in text]


def _walk(command: Command, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Command]]:
    yield path, command
    if isinstance(command, TyperGroup):
        for name, sub in command.commands.items():
            yield from _walk(sub, (*path, name))


COMMANDS = dict(_walk(typer.main.get_command(app), ()))


def options_of(command: Command) -> set[str]:
    names = {"-h", "--help"}
    for param in command.params:
        if param.param_type_name == "option":
            names |= {*param.opts, *param.secondary_opts}
    return names


@pytest.mark.parametrize("path", list(COMMANDS), ids=lambda path: " ".join(path) or "reportgen")
def test_every_help_page_is_in_chinese(path: tuple[str, ...]) -> None:
    shown = reportgen(*path, "--help")
    assert shown.returncode == 0 and not shown.stderr
    assert english_in(shown.stdout) == [], shown.stdout
    assert shown.stdout.startswith(f"用法：reportgen {' '.join(path)}".rstrip() + " [选项]")
    assert re.search(r"\{[a-z_]+\}", shown.stdout) is None  # arguments are named in Chinese
    assert "选项：" in shown.stdout and "-h, --help" in shown.stdout and "显示此帮助并退出。" in shown.stdout
    command = COMMANDS[path]
    if isinstance(command, TyperGroup):
        assert "命令 [参数]..." in shown.stdout and "\n命令：\n" in shown.stdout
        assert all(f"\n  {name} " in shown.stdout for name in command.commands)
    elif any(param.param_type_name == "argument" for param in command.params):
        assert "\n参数：\n" in shown.stdout


def test_defaults_ranges_required_and_environment_are_said_in_chinese() -> None:
    render = reportgen("render", "--help").stdout
    assert "[默认：standard]" in render and "[默认：gbt9704]" in render and "[必填]" in render
    assert "数据文件 <路径>" in render and "--template <文本>" in render
    assert "数据 <路径…>" in reportgen("batch", "--help").stdout
    serve = reportgen("serve", "--help").stdout
    assert "[默认：8765；1–65535]" in serve and "[1–8]" in serve and "--port <整数>" in serve
    assert "[环境变量：REPORTGEN_DATABASE]" in serve


def test_a_long_command_summary_is_shown_whole_not_cut_to_dots() -> None:
    shown = reportgen("--help").stdout
    assert "review    检查手工填写的绩效自评表" in shown and "正确的数字。" in shown


def test_help_columns_line_up_in_terminal_cells() -> None:
    """A Chinese character takes two cells: the help texts start in one column all the same."""
    from reportgen.cli.chinese import width

    lines = [line for line in reportgen("render", "--help").stdout.splitlines() if line.startswith("  -")]
    gaps = [re.search(r"\S  +\S", line) for line in lines]
    starts = {width(line[: gap.end() - 1]) for line, gap in zip(lines, gaps, strict=True) if gap}
    assert len(starts) == 1 and all(gaps), lines


@pytest.mark.parametrize(
    ("args", "command", "said"),
    [
        (["rendr"], "reportgen", "没有“rendr”这个命令。您是不是要用 render？"),
        (["admin", "crate-user"], "reportgen admin", "没有“crate-user”这个命令。您是不是要用 create-user？"),
        (
            ["render"],
            "reportgen render",
            "缺少参数 数据文件：自评数据文件（.yaml、.yml、.json 或 Excel 工作簿 .xlsx）。",
        ),
        (["admin", "create-user", "bob"], "reportgen admin create-user", "缺少选项 --role：角色："),
        (["render", "数据.yaml", "--bogus"], "reportgen render", "没有 --bogus 这个选项。"),
        (
            ["render", "数据.yaml", "--profil", "x"],
            "reportgen render",
            "没有 --profil 这个选项。您是不是要用 --final、--profile、--profiles？",
        ),
        (["batch", "数据", "-o", "输出", "-j", "x"], "reportgen batch", "选项 --jobs / -j 的值无效：“x”应为整数。"),
        (["serve", "--port", "0"], "reportgen serve", "选项 --port 的值无效：“0”应不小于 1。"),
        (["serve", "--workers", "9"], "reportgen serve", "选项 --workers 的值无效：“9”应不大于 8。"),
        (["render", "a.yaml", "b", "c"], "reportgen render", "多余的参数：b c。"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_usage_errors_are_in_chinese_with_click_exit_code(args: list[str], command: str, said: str) -> None:
    failed = reportgen(*args)
    assert failed.returncode == 2 and not failed.stdout
    assert english_in(failed.stderr) == [], failed.stderr
    assert failed.stderr.startswith(f"用法：{command} [选项]")
    assert f"请运行“{command} -h”查看帮助。\n\n错误：{said}" in failed.stderr


def test_an_option_without_its_value_is_said_in_chinese() -> None:
    failed = reportgen("render", "-o")
    assert failed.returncode == 2 and english_in(failed.stderr) == []
    assert "错误：选项 -o 后面要写上它的值。" in failed.stderr


def test_no_command_shows_the_chinese_help_as_before() -> None:
    shown = reportgen()
    assert shown.returncode == 2 and shown.stderr.startswith("用法：reportgen [选项] 命令 [参数]...")
    assert english_in(shown.stderr) == []


class Colour(StrEnum):
    red = "red"
    blue = "blue"


def test_a_choice_refused_is_said_in_chinese() -> None:
    """No reportgen option is a choice yet; the adapter says such a refusal in Chinese too."""
    small = typer.Typer(cls=ChineseGroup)

    @small.command()
    def paint(colour: Annotated[Colour, typer.Option("--colour")] = Colour.red) -> None:
        typer.echo(colour.value)

    @small.command()
    def other() -> None:
        pass

    failed = CliRunner().invoke(small, ["paint", "--colour", "green"])
    assert failed.exit_code == 2 and english_in(failed.output) == [], failed.output
    assert "错误：选项 --colour 的值无效：“green”应为以下之一：" in failed.output


def test_a_defect_is_said_in_chinese_never_as_a_traceback() -> None:
    small = typer.Typer(cls=ChineseGroup)

    @small.command()
    def divide() -> None:
        print(1 / 0)

    @small.command()
    def other() -> None:
        pass

    failed = CliRunner().invoke(small, ["divide"])
    assert failed.exit_code == 70 and "Traceback" not in failed.output
    assert failed.output.startswith("内部错误：ZeroDivisionError: division by zero。这是 reportgen 的缺陷")


@pytest.mark.parametrize(("answers", "taken"), [("y\n", True), ("是\n", True), ("\n", False), ("x\nn\n", False)])
def test_the_yes_no_question_is_asked_in_chinese(answers: str, taken: bool) -> None:
    from reportgen.cli.report import ask

    small = typer.Typer(cls=ChineseGroup)

    @small.command()
    def question() -> None:
        typer.echo(f"回答：{ask('全部接受吗？')}")

    @small.command()
    def other() -> None:
        pass

    asked = CliRunner().invoke(small, ["question"], input=answers)
    assert asked.exit_code == 0 and english_in(asked.output) == [] and "y/N" not in asked.output
    assert asked.output.startswith("全部接受吗？（y 是 / n 否，默认否）")
    assert asked.output.endswith(f"回答：{taken}\n")
    assert ("请回答 y（是）或 n（否）。" in asked.output) == answers.startswith("x")


@pytest.mark.parametrize("option", ["--version", "-V"])
def test_version_is_said_in_chinese(option: str) -> None:
    shown = reportgen(option)
    assert shown.returncode == 0 and shown.stdout == f"reportgen 版本 {__version__}\n" and not shown.stderr


def test_version_is_the_package_version() -> None:
    import tomllib

    project = tomllib.loads((SRC.parents[1] / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert "version" in project.get("dynamic", []) or project["version"] == __version__
    assert re.fullmatch(r"\d+\.\d+\.\d+", __version__)


# Options of other programs that messages may name.
FOREIGN = ("pandoc 的 --reference-doc",)
OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z0-9-]*|-[a-zA-Z])(?![\w-])")
NAMED = re.compile(r"reportgen ((?:admin )?[a-z][a-z-]*)([^。；，：\n`]*)")
CJK = re.compile(r"[\u4e00-\u9fff]")


def texts() -> Iterator[tuple[str, str]]:
    """Every string written in reportgen's source (an f-string with ``{}`` for its values), but
    the docstrings for programmers: those outside the command line (whose are its help)."""
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skipped = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
        if path.parent.name != "cli":
            skipped |= {id(docstring) for docstring in _docstrings(tree)}
        for node in ast.walk(tree):
            where = f"{path.relative_to(SRC)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.JoinedStr):
                yield where, "".join(str(p.value) if isinstance(p, ast.Constant) else "{}" for p in node.values)
            elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped:
                yield where, node.value


def _docstrings(tree: ast.Module) -> Iterator[ast.expr]:
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and body:
            first = body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                yield first.value


def unknown_options(text: str) -> list[str]:
    """The options ``text`` names that the command it names (or, naming none, any command) lacks."""
    for foreign in FOREIGN:
        text = text.replace(foreign, "")
    every = set().union(*map(options_of, COMMANDS.values()))
    unknown = []
    named_spans = []
    for named in NAMED.finditer(text):
        path = tuple(named.group(1).split())
        if path not in COMMANDS:
            if CJK.search(text):
                unknown.append(f"reportgen {named.group(1)}")
            continue
        named_spans.append(named.span(2))
        unknown += [o for o in OPTION.findall(named.group(2)) if o not in options_of(COMMANDS[path])]
    if CJK.search(text):
        for option in OPTION.finditer(text):
            inside = any(start <= option.start() < end for start, end in named_spans)
            if not inside and option.group() not in every:
                unknown.append(option.group())
    return unknown


def test_every_option_and_command_a_message_names_exists() -> None:
    written = [text for _, text in texts()]
    assert any("请加 --accept-others 全部接受" in text for text in written)  # the walk reads the messages
    assert any("reportgen init --xlsx 工作簿.xlsx --from 数据.yaml" in text for text in written)
    wrong = [f"{where}: {unknown_options(text)}: {text!r}" for where, text in texts() if unknown_options(text)]
    assert wrong == [], "\n".join(wrong)


def test_the_walk_finds_a_wrong_hint() -> None:
    assert unknown_options("错误：已存在：请加 --force；或用 -o 指定其他文件名。") == []
    assert unknown_options("请运行 reportgen init -o 新文件") == ["-o"]
    assert unknown_options("请运行 reportgen rendr 数据.yaml") == ["reportgen rendr"]
    assert unknown_options("请加 --forse") == ["--forse"]
    assert unknown_options("类似 pandoc 的 --reference-doc") == []


def test_what_init_prints_names_only_what_init_has(tmp_path: Path) -> None:
    said = [reportgen("init", cwd=tmp_path), reportgen("init", cwd=tmp_path)]
    said += [
        reportgen("init", "--xlsx", "工作簿.xlsx", cwd=tmp_path),
        reportgen("init", "--xlsx", "工作簿.xlsx", cwd=tmp_path),
    ]
    said += [reportgen("init", "--from", "数据.yaml", cwd=tmp_path)]
    assert [run.returncode for run in said] == [0, 2, 0, 2, 2]
    refusal = said[1].stderr
    assert "请加 --force" in refusal and "-o" not in refusal and "reportgen init 新目录" in refusal
    for run in said:
        for line in (run.stdout + run.stderr).splitlines():
            assert unknown_options(line) == [], line
            assert set(OPTION.findall(line)) <= options_of(COMMANDS[("init",)]), line
