"""The command line's own words in Chinese: the usage line, the headings, ``[默认：…]`` and
``[必填]``, the help option, every usage error, and the yes/no question.

typer (since 0.26) carries its own copy of click, ``typer._click``, whose strings are plain
English f-strings: no gettext catalog can translate them (the few of ``typer.core`` that are
gettext calls use the process-wide default domain and the user's locale). They are replaced
through click's extension points instead, all in this module (typer is pinned to the release
line adapted here; tests/acceptance/test_cli_chinese.py fails on any English that comes back):

* :class:`ChineseFormatter` (a ``HelpFormatter``, set as the contexts' ``formatter_class``)
  writes the usage line, the headings and the help rows in Chinese;
* :class:`ChineseGroup` (``typer.Typer(cls=ChineseGroup)``) gives every command of the
  application that formatter, names an unknown command in Chinese, and, as the entry point,
  shows each usage error in Chinese (:func:`error_message`) with click's exit code, and any
  other exception as an internal error, never a traceback.
"""

from __future__ import annotations

import inspect
import re
import sys
from collections.abc import Sequence
from typing import Any
from unicodedata import east_asian_width

import typer
from typer._click import Command, Context, HelpFormatter
from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    ClickException,
    FileError,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer._click.formatting import wrap_text
from typer._click.parser import _split_opt
from typer.core import TyperCommand, TyperGroup

from reportgen.cli.errors import internal

HEADINGS = {"Usage": "用法", "Arguments": "参数", "Options": "选项", "Commands": "命令"}
HELP_OPTION = {"Show this message and exit.": "显示此帮助并退出。"}
TYPES = {"path": "路径", "str": "文本", "int": "整数", "int range": "整数", "float": "数字", "float range": "数字"}
OPTIONS_METAVAR = "[选项]"
SUBCOMMAND_METAVAR = "命令 [参数]..."

_EXTRAS = re.compile(r"\s*\[([^\[\]]*)\]$")
_TYPE = re.compile(r"<(?:list\[(?P<item>\w+)\]|(?P<one>\w+(?: range)?))>")
_RANGE = re.compile(r"^(?:(?P<low>[\d.-]+)<=)?x(?:>=(?P<min>[\d.-]+)|<=(?P<high>[\d.-]+))?$")


class ChineseFormatter(HelpFormatter):
    """click's help formatter, writing its own words in Chinese."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, f"{HEADINGS['Usage']}：" if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{HEADINGS.get(heading, heading)}：\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        """click's definition list (options, commands), its columns measured in terminal cells
        (a Chinese character takes two), the help text in Chinese."""
        rows = [(_TYPE.sub(_type, term), _help(text)) for term, text in rows]
        first_col = min(max((width(term) for term, _ in rows), default=0), col_max) + col_spacing
        indent = " " * self.current_indent
        for term, text in rows:
            self.write(f"{indent}{term}")
            if not text:
                self.write("\n")
                continue
            if width(term) <= first_col - col_spacing:
                self.write(" " * (first_col - width(term)))
            else:
                self.write(f"\n{indent}{' ' * first_col}")
            lines = wrap_text(text, max(self.width - first_col - 2, 10), preserve_paragraphs=True).splitlines()
            self.write("\n".join([lines[0], *(f"{indent}{' ' * first_col}{line}" for line in lines[1:])]) + "\n")


class ChineseContext(typer.Context):
    """A context whose help and usage are written by :class:`ChineseFormatter`."""

    formatter_class = ChineseFormatter


class ChineseGroup(TyperGroup):
    """The application's group: Chinese help for it and every command under it, Chinese errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _chinese(self)

    def resolve_command(self, ctx: Context, args: list[str]) -> tuple[str | None, Command | None, list[str]]:
        name = args[0]
        if self.get_command(ctx, name) is None and not ctx.resilient_parsing and not _split_opt(name)[0]:
            ctx.fail(unknown_command(name, list(self.commands)))
        return super().resolve_command(ctx, args)

    def format_commands(self, ctx: Context, formatter: HelpFormatter) -> None:
        """The commands, each with its help's first paragraph (click would cut a Chinese one to "...")."""
        rows = [(name, summary(command)) for name, command in self.commands.items() if not command.hidden]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """click's ``main``; in standalone mode its errors are shown here, in Chinese, and so is
        any other exception (:func:`~reportgen.cli.errors.internal`)."""
        run = super().main
        if not standalone_mode:
            return run(args, prog_name, complete_var, False, windows_expand_args, **extra)
        try:
            result = run(args, prog_name, complete_var, False, windows_expand_args, **extra)
        except ClickException as exc:
            show_error(exc)
            sys.exit(exc.exit_code)
        except typer.Abort:
            typer.echo("已中止。", err=True)
            sys.exit(1)
        except Exception as exc:  # a defect: said in Chinese, never a traceback
            sys.exit(internal(exc))
        # Outside standalone mode click returns a command's exit code (typer.Exit) as its result.
        sys.exit(result if isinstance(result, int) else 0)


YES = ("y", "yes", "是")
NO = ("n", "no", "否")


def confirm(question: str) -> bool:
    """A yes/no question on the terminal, default no (click's ``confirm`` asks "[y/N]" and
    answers a typo with "Error: invalid input")."""
    while True:
        answer = typer.prompt(f"{question}（y 是 / n 否，默认否）", default="", show_default=False, prompt_suffix="")
        if answer.strip().lower() in YES:
            return True
        if answer.strip().lower() in (*NO, ""):
            return False
        typer.echo("请回答 y（是）或 n（否）。", err=True)


def width(text: str) -> int:
    """How many terminal cells ``text`` takes: two for a wide (Chinese) character."""
    return sum(2 if east_asian_width(char) in "WF" else 1 for char in text)


def _chinese(command: Command) -> None:
    command.context_class = ChineseContext
    command.options_metavar = OPTIONS_METAVAR
    if isinstance(command, (TyperCommand, TyperGroup)):
        command.rich_markup_mode = None  # typer's rich panels print their own English words
    if isinstance(command, TyperGroup):
        command.subcommand_metavar = SUBCOMMAND_METAVAR
        for sub in command.commands.values():
            _chinese(sub)


def summary(command: Command) -> str:
    """A command's line in its group's help: its short help, or its help's first paragraph."""
    if command.short_help:
        return command.short_help
    return inspect.cleandoc(command.help or "").partition("\f")[0].split("\n\n")[0].replace("\n", "")


def unknown_command(name: str, commands: list[str]) -> str:
    """What is said of a command the application does not have, with the closest ones."""
    from difflib import get_close_matches

    close = get_close_matches(name, commands)
    suggestion = f"您是不是要用 {'、'.join(close)}？" if close else ""
    return f"没有“{name}”这个命令。{suggestion}"


def show_error(exc: ClickException) -> None:
    """Show a usage error as click does (usage line, where to find help, the error), in Chinese."""
    if isinstance(exc, NoArgsIsHelpError):
        exc.show()  # the help itself
        return
    if isinstance(exc, UsageError) and exc.ctx is not None:
        typer.echo(exc.ctx.get_usage(), err=True)
        if exc.ctx.command.get_help_option(exc.ctx) is not None:
            typer.echo(f"请运行“{exc.ctx.command_path} {exc.ctx.help_option_names[0]}”查看帮助。", err=True)
        typer.echo("", err=True)
    typer.echo(f"错误：{error_message(exc)}", err=True)


def error_message(exc: ClickException) -> str:
    """The Chinese sentence for one of click's errors."""
    if isinstance(exc, NoSuchOption):
        close = f"您是不是要用 {'、'.join(sorted(exc.possibilities))}？" if exc.possibilities else ""
        return f"没有 {exc.option_name} 这个选项。{close}"
    if isinstance(exc, MissingParameter):
        return _missing(exc)
    if isinstance(exc, BadParameter):
        return f"{_parameter(exc.param)} 的值无效：{_invalid(exc)}。"
    if isinstance(exc, BadOptionUsage):
        if "does not take a value" in exc.message:
            return f"选项 {exc.option_name} 不带值。"
        return f"选项 {exc.option_name} 后面要写上它的值。"
    if isinstance(exc, FileError):
        return f"无法打开文件 {exc.ui_filename}。"
    extra = re.fullmatch(r"Got unexpected extra argument\(s\) \((.*)\)", exc.message)
    if extra:
        return f"多余的参数：{extra.group(1)}。"
    if exc.message == "Missing command.":
        return "缺少命令。"
    return exc.message


def _missing(exc: MissingParameter) -> str:
    param = exc.param
    if param is None:
        return "缺少参数。"
    help_text: str | None = getattr(param, "help", None)  # arguments and options have one
    described = f"：{help_text.rstrip('。')}" if help_text else ""
    return f"缺少{_parameter(param)}{described}。"


def _parameter(param: Any) -> str:
    if param is None:
        return "参数"
    if param.param_type_name == "option":
        return f"选项 {' / '.join(param.opts)}"
    return f"参数 {param.metavar or param.name}"


def _invalid(exc: BadParameter) -> str:
    """Why a value was refused: typer validates with pydantic, whose error's kind says it."""
    found = getattr(exc.__cause__, "errors", None)
    errors: list[dict[str, Any]] = found() if callable(found) else []
    error = errors[0] if errors else {}
    value = f"“{error['input']}”" if error.get("input") is not None else "所给的值"
    descriptor = getattr(exc.param, "type_descriptor", None)
    if descriptor is not None and descriptor.is_choice:
        choices = "、".join(str(getattr(choice, "value", choice)) for choice in descriptor.choices or ())
        return f"{value}应为以下之一：{choices}"
    if not error:
        return exc.message if re.search(r"[\u4e00-\u9fff]", exc.message) else f"{value}不可用"
    bounds = error.get("ctx") or {}
    reasons = {
        "int_parsing": "应为整数",
        "int_from_float": "应为整数",
        "float_parsing": "应为数字",
        "bool_parsing": "应为 true 或 false",
        "greater_than_equal": f"应不小于 {bounds.get('ge')}",
        "greater_than": f"应大于 {bounds.get('gt')}",
        "less_than_equal": f"应不大于 {bounds.get('le')}",
        "less_than": f"应小于 {bounds.get('lt')}",
        "literal_error": f"应为以下之一：{bounds.get('expected')}",
    }
    return f"{value}{reasons.get(error.get('type', ''), '不可用')}"


def _type(match: re.Match[str]) -> str:
    """A value's type as the help shows it (``<路径>``; several: ``<路径…>``)."""
    name = match["item"] or match["one"]
    return f"<{TYPES.get(name.lower(), name)}{'…' if match['item'] else ''}>"


def _help(text: str) -> str:
    """A help row's text: the help option's sentence, and typer's ``[default: …; required]``."""
    text = HELP_OPTION.get(text, text)
    extras = _EXTRAS.search(text)
    if extras is None:
        return text
    words = "；".join(_extra(part) for part in extras.group(1).split("; "))
    return f"{text[: extras.start()]}{'  ' if extras.start() else ''}[{words}]"


def _extra(part: str) -> str:
    name, _, value = part.partition(": ")
    if name == "default":
        return f"默认：{value}"
    if name == "env var":
        return f"环境变量：{value}"
    if part == "required":
        return "必填"
    bounds = _RANGE.match(part)
    if bounds:
        low, high = bounds.group("low") or bounds.group("min"), bounds.group("high")
        return f"{low}–{high}" if low and high else f"不小于 {low}" if low else f"不大于 {high}"
    return part
