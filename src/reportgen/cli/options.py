"""The command line's parameters, each declared once, and the render options as one object.

:func:`render_options` gives a command the render options it accepts (all of
:data:`RENDER_PARAMETERS`, or a few, some with their own help) as typer parameters, and
hands the command one :class:`~reportgen.api.RenderOptions` built from them. The api is
imported only when a command runs, so ``reportgen --help`` loads none of the pipeline.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

if TYPE_CHECKING:
    from reportgen.api import RenderOptions

F = TypeVar("F", bound=Callable[..., Any])

DataArg = Annotated[
    Path,
    typer.Argument(
        help="自评数据文件（.yaml、.yml、.json 或 Excel 工作簿 .xlsx）。", metavar="数据文件", show_default=False
    ),
]
OutputOpt = Annotated[Path | None, typer.Option("-o", "--output", help="输出的 .docx 文件；默认与数据文件同名。")]
InputsArg = Annotated[
    list[Path],
    typer.Argument(help="数据文件、数据文件所在目录，或多单位工作簿（.xlsx）。", metavar="数据", show_default=False),
]
OutdirOpt = Annotated[
    Path, typer.Option("-o", "--outdir", help="输出目录：每个单位一份报告，另有 汇总.xlsx 和 汇总报告.docx。")
]
PdfOpt = Annotated[bool, typer.Option("--pdf", help="同时用 LibreOffice 生成同名 PDF（需已安装 LibreOffice）。")]
ForceOpt = Annotated[
    bool, typer.Option("--force", "-f", help="输出文件已存在时覆盖它（只覆盖 reportgen 自己生成的文件）。")
]
ProfileOpt = Annotated[
    str | None,
    typer.Option(
        "--profile",
        help="评分规则方案：方案名称（如 caiyu-2020-10、deduct-and-cap）或方案文件（.yaml）；"
        "默认用数据中 scoring.profile 写明的方案，没有时用财预〔2020〕10号。",
        show_default=False,
    ),
]
ProfilesOpt = Annotated[
    Path | None,
    typer.Option("--profiles", help="自定义评分规则方案目录，其中的同名方案覆盖内置方案。", show_default=False),
]
DraftTemplateOpt = Annotated[
    str, typer.Option("--template", "-t", help="报告模板；默认沿用草稿生成时的（内置）模板。", show_default=False)
]
CheckTemplateOpt = Annotated[
    str,
    typer.Option(
        "--template", "-t", help="与 --data 一起使用：报告模板；默认沿用草稿生成时的（内置）模板。", show_default=False
    ),
]
DraftStyleOpt = Annotated[
    str,
    typer.Option("--style", help="版式名称或版式文件（.yaml）；默认沿用草稿生成时的（内置）版式。", show_default=False),
]


@dataclass(frozen=True)
class OptionSpec:
    """A render option as typer sees it: its annotated type and its default."""

    annotation: Any
    default: Any


# Parameter names are those of RenderOptions' fields, except where the command line's
# name is shorter (narratives, checks, profiles); see _options.
RENDER_PARAMETERS: dict[str, OptionSpec] = {
    "template": OptionSpec(
        Annotated[str, typer.Option("--template", "-t", help="报告模板：standard（五章）或 hunan（湖南十章）。")],
        "standard",
    ),
    "narratives": OptionSpec(
        Annotated[Path | None, typer.Option("--narratives", help="自定义章节模板目录，其中的同名文件覆盖内置模板。")],
        None,
    ),
    "style": OptionSpec(Annotated[str, typer.Option("--style", help="版式名称或版式文件（.yaml）。")], "gbt9704"),
    "checks": OptionSpec(
        Annotated[bool, typer.Option("--checks/--no-checks", help="是否在报告末尾附“数据核对情况”。")], True
    ),
    "reference_docx": OptionSpec(
        Annotated[
            Path | None,
            typer.Option(
                "--reference-docx",
                help="参考 Word 文档：从中取用段落、表格和编号样式（类似 pandoc 的 --reference-doc）。",
            ),
        ],
        None,
    ),
    "profile": OptionSpec(ProfileOpt, None),
    "profiles": OptionSpec(ProfilesOpt, None),
}
_FIELDS = {"narratives": "narratives_dir", "checks": "checks_appendix", "profiles": "profiles_dir"}


def render_options(*names: str, **own: OptionSpec) -> Callable[[F], F]:
    """Give a command the render options ``names`` (default: all) in place of its ``options``
    parameter; ``own`` replaces an option's annotation and default for this command. One the
    command declares itself (to place it elsewhere in ``--help``) goes into ``options`` too."""
    chosen = {name: own.get(name, RENDER_PARAMETERS[name]) for name in names or RENDER_PARAMETERS}

    def decorate(command: F) -> F:
        # `options` is replaced: its annotation (imported for type checkers only) need not resolve.
        signature = inspect.signature(command, eval_str=True, locals={"RenderOptions": None})
        # An option the command declares itself stays where it stands (its place in --help).
        added = [
            inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, annotation=p.annotation, default=p.default)
            for name, p in chosen.items()
            if name not in signature.parameters
        ]
        parameters: list[inspect.Parameter] = []
        for parameter in signature.parameters.values():
            if parameter.name == "options":
                parameters += added
            else:
                parameters.append(parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY))

        @wraps(command)
        def wrapper(**kwargs: Any) -> Any:
            values = {name: kwargs[name] if name in signature.parameters else kwargs.pop(name) for name in chosen}
            return command(**kwargs, options=_options(values))

        wrapper.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
        wrapper.__annotations__ = {p.name: p.annotation for p in parameters}
        return wrapper  # type: ignore[return-value]

    return decorate


def _options(values: dict[str, Any]) -> RenderOptions:
    from reportgen.api import RenderOptions

    return RenderOptions(**{_FIELDS.get(name, name): value for name, value in values.items()})
