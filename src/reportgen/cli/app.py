"""Command line (typer). Thin: each command parses its options, calls one function of
:mod:`reportgen.api` (or of a feature), and reports (:mod:`reportgen.cli.report`); errors
become exit codes in :mod:`reportgen.cli.errors`.

A command imports what it uses when it runs, so ``reportgen --help`` loads none of the pipeline.
"""

from __future__ import annotations

import copy
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.models import CommandInfo

from reportgen._version import __version__
from reportgen.cli import report
from reportgen.cli.chinese import ChineseGroup
from reportgen.cli.errors import INTERRUPTED, fail, friendly
from reportgen.cli.options import (
    CheckTemplateOpt,
    DataArg,
    DraftStyleOpt,
    DraftTemplateOpt,
    ForceOpt,
    InputsArg,
    OptionSpec,
    OutdirOpt,
    OutputOpt,
    PdfOpt,
    ProfileOpt,
    ProfilesOpt,
    render_options,
)
from reportgen.errors import DataError, OutputError

if TYPE_CHECKING:
    from reportgen.api import RenderOptions

app = typer.Typer(
    cls=ChineseGroup,
    help="reportgen：由绩效自评数据生成绩效自评报告（Word）。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(shown: bool) -> None:
    if shown:
        typer.echo(f"reportgen 版本 {__version__}")
        raise typer.Exit()


@app.callback()
def _application(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", help="显示 reportgen 的版本号并退出。", callback=_version, is_eager=True),
    ] = False,
) -> None:
    pass


@app.command()
@friendly
@render_options()
def render(
    data: DataArg,
    output: OutputOpt = None,
    *,
    options: RenderOptions,
    pdf: PdfOpt = False,
    final: Annotated[
        bool, typer.Option("--final", help="生成定稿：仍有尚未填写的数据或【待补充】内容时不生成，并列出它们。")
    ] = False,
    profile: ProfileOpt = None,  # here for their place in --help; used through options
    profiles: ProfilesOpt = None,
    force: ForceOpt = False,
) -> None:
    """生成绩效自评报告（.docx），可同时生成 PDF。数据不全时生成草稿，缺的地方标为【待补充】。"""
    from reportgen import api

    out = output or data.with_suffix(".docx")
    pdf_out = out.with_suffix(".pdf")
    checked = api.render_report(
        data,
        out,
        options,
        force=force,
        final=final,
        also=(pdf_out,) if pdf else (),
        on_notice=report.notice,
        on_checked=lambda c: report.issues(str(data), c.issues),
    )
    report.rendered(out, checked, final)
    if pdf:
        from reportgen.features.pdf import font_warnings, pdf_bytes

        for warning in font_warnings(out):
            report.notice(warning)
        api.write_atomic(pdf_out, pdf_bytes(out), force=force)
        report.written(pdf_out)


@app.command()
@friendly
def validate(
    data: DataArg,
    strict: Annotated[
        bool, typer.Option("--strict", help="有提示（警告）或尚未填写的数据时也以状态码 1 退出。")
    ] = False,
    as_json: Annotated[
        bool, typer.Option("--json", help="以 JSON 输出错误、提示、尚未填写的项和全部计算结果。")
    ] = False,
    profile: ProfileOpt = None,
    profiles: ProfilesOpt = None,
) -> None:
    """检查自评数据：列出全部错误、提示和尚未填写的项，并给出计算结果。"""
    from reportgen import api

    try:
        checked = api.load(data, profile, profiles)
    except DataError as exc:
        if not as_json:
            raise
        report.validated_json(data, exc.issues, [], [], None)
        raise fail() from None
    if as_json:
        report.validated_json(data, checked.errors, checked.warnings, checked.missing, checked.figures)
    else:
        report.validated(data, checked)
    if not checked.ok or (strict and (checked.warnings or checked.missing)):
        raise fail()


@app.command()
@friendly
@render_options()
def batch(
    inputs: InputsArg,
    outdir: OutdirOpt,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="并行进程数，默认为 CPU 核数。", min=1)] = None,
    *,
    options: RenderOptions,
    force: Annotated[
        bool,
        typer.Option("--force", "-f", help="重新生成全部报告，包括数据未变化的单位（只覆盖 reportgen 生成的文件）。"),
    ] = False,
    bureau: Annotated[
        str, typer.Option("--bureau", help="汇总报告落款的主管部门名称；不填时留“【待补充：主管部门名称】”。")
    ] = "",
    pdf: Annotated[
        bool,
        typer.Option("--pdf", help="同时为每个单位生成 PDF（PDF/A-2b，可直接上传；需已安装 LibreOffice）。"),
    ] = False,
) -> None:
    """批量生成多个单位的报告，并生成汇总表和汇总报告。"""
    from reportgen.cli.progress import BatchProgress
    from reportgen.features.batch.reports import batch_reports

    try:
        with BatchProgress() as progress:
            result = batch_reports(
                inputs,
                outdir,
                options,
                jobs=jobs,
                force=force,
                bureau=bureau,
                on_notice=report.notice,
                on_ready=progress.begin,
                progress=progress.advance,
                on_plan=progress.start,
                pdf=pdf,
            )
    except KeyboardInterrupt:
        report.interrupted()
        raise fail(INTERRUPTED) from None
    report.batched(result)
    if result.summary_error:
        raise OutputError(result.summary_error)
    if result.failed:
        raise fail()


@app.command()
@friendly
def init(
    target: Annotated[
        Path, typer.Argument(help="写入的目录，或（加 --xlsx 时）工作簿文件名。", metavar="目录或工作簿")
    ] = Path(),
    xlsx: Annotated[bool, typer.Option("--xlsx", help="生成供填写的 Excel 工作簿，而不是 YAML 数据文件。")] = False,
    source: Annotated[
        Path | None, typer.Option("--from", help="用已有的数据文件填好工作簿（与 --xlsx 一起使用）。")
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", "-f", help="覆盖 reportgen 生成后未改动过的同名文件（填写过的数据文件不会被覆盖）。"),
    ] = False,
) -> None:
    """生成一份带注释的示例数据文件（或 Excel 工作簿），照着修改即可。"""
    from reportgen import api

    if source is not None and not xlsx:
        raise OutputError("--from 需与 --xlsx 一起使用：reportgen init --xlsx 工作簿.xlsx --from 数据.yaml")
    if xlsx:
        report.workbook(api.init_workbook(target, source, force), source)
    else:
        report.started(api.init_data(target, force))


@app.command()
@friendly
@render_options(
    "template",
    "narratives",
    "style",
    "checks",
    "reference_docx",
    "profile",
    "profiles",
    template=OptionSpec(DraftTemplateOpt, ""),
    style=OptionSpec(DraftStyleOpt, ""),
)
def update(
    data: DataArg,
    edited: Annotated[
        Path, typer.Argument(help="编辑过的报告草稿（由 reportgen 生成的 .docx）。", metavar="草稿", show_default=False)
    ],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="更新后的 .docx 文件；默认在草稿名后加“-更新”。")
    ] = None,
    *,
    options: RenderOptions,
    force: ForceOpt = False,
    other_subject: Annotated[
        bool,
        typer.Option(
            "--other-subject",
            help="草稿与数据的单位、年度或报告类型不同时仍然更新（默认拒绝，以免把草稿改写成另一份报告）。",
        ),
    ] = False,
) -> None:
    """按最新数据更新编辑过的报告：未改动的段落以修订标记更新，改过的段落保留并加批注。"""
    from reportgen import api
    from reportgen.errors import ReportgenError

    out = output or edited.with_name(f"{edited.stem}-更新.docx")
    try:
        result = api.update_report(data, edited, out, options, force=force, other_subject=other_subject)
    except api.OtherSubject as exc:
        hint = "请检查是否选错了草稿或数据文件；确需用这份数据更新时，请加 --other-subject 选项。"
        raise ReportgenError(f"{exc.message}{hint}") from None
    report.issues(str(data), result.checked.issues)
    report.updated(out, result)


@app.command("check")
@friendly
@render_options("template", "profile", "profiles", template=OptionSpec(CheckTemplateOpt, ""))
def check_command(
    docx: Annotated[Path, typer.Argument(help="要检查的报告草稿（.docx）。", metavar="草稿", show_default=False)],
    data: Annotated[
        Path | None, typer.Option("--data", help="自评数据文件：核对正文中手工填写的百分比和金额是否与数据一致。")
    ] = None,
    *,
    options: RenderOptions,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出检查结果。")] = False,
) -> None:
    """列出草稿中仍需处理的地方：待补充内容、未处理的批注、与数据不符的数字。"""
    from reportgen import api

    checkup = api.inspect_report(docx, data, options)
    found = checkup.findings
    report.findings(docx, found, as_json, checkup.notes)
    if found:
        raise fail()


@app.command()
@friendly
def finalize(
    draft: Annotated[
        Path,
        typer.Argument(
            help="编辑完成的报告草稿（由 reportgen 生成、经编辑修改的 .docx）。", metavar="草稿", show_default=False
        ),
    ],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="定稿的 .docx 文件；默认在草稿名后加“-定稿”。")
    ] = None,
    pdf: Annotated[
        bool, typer.Option("--pdf", help="同时用 LibreOffice 生成定稿的 PDF（需已安装 LibreOffice）。")
    ] = False,
    accept_others: Annotated[
        bool, typer.Option("--accept-others", help="其他作者尚未处理的修订也全部接受（不再询问）。")
    ] = False,
    keep_others: Annotated[
        bool,
        typer.Option("--keep-others", help="其他作者尚未处理的修订保留为修订（定稿中仍有修订标记，不再询问）。"),
    ] = False,
    force: ForceOpt = False,
) -> None:
    """生成提交用的定稿：接受修订，删除已处理的批注、突出显示、附件2“数据核对情况”和生成记录。

    仍有【待补充】或未处理的 reportgen 批注时不生成，并逐项列出。
    """
    from reportgen import api
    from reportgen.api import finalizing

    if accept_others and keep_others:
        raise OutputError("--accept-others 和 --keep-others 只能选一个。")
    out = output or finalizing.final_name(draft)
    pdf_out = out.with_suffix(".pdf")
    others: finalizing.Others = "accept" if accept_others else "keep" if keep_others else "ask"
    ask = report.ask if sys.stdin.isatty() else None
    try:
        result = finalizing.finalize_report(draft, out, others, force, ask, also=(pdf_out,) if pdf else ())
    except finalizing.Unfinished as exc:
        report.unfinished(draft, exc)
        raise fail() from None
    except finalizing.OthersPending as exc:
        report.others_pending(exc)
        raise fail() from None
    report.finalized(out, result)
    if pdf:
        from reportgen.features.pdf import font_warnings, pdf_bytes

        for warning in font_warnings(out):
            report.notice(warning)
        api.write_atomic(pdf_out, pdf_bytes(out), force=force, ours=finalizing.ours)
        report.written(pdf_out)


@app.command("import")
@friendly
def import_command(
    file: Annotated[
        Path,
        typer.Argument(
            help="已有的绩效目标表或自评表（Word .docx 或 Excel .xlsx）。", metavar="原表", show_default=False
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="写成的数据文件（.yaml 或 .json）；原表中有多个表格时写一个目录，每个表格一个文件。"
            "默认在原表旁边，与原表同名。",
        ),
    ] = None,
    xlsx: Annotated[
        Path | None,
        typer.Option("--xlsx", help="写成供填写的 Excel 工作簿（.xlsx，或多个表格时的目录），而不是数据文件。"),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", "-f", help="覆盖内容完全相同的上次导入结果（改动过的文件和其他文件都不会被覆盖）。"),
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出导入结果。")] = False,
) -> None:
    """导入已有的绩效目标表或自评表：识别其中的单位、金额、目标和指标，写成数据文件（草稿）。"""
    from reportgen.api import importing

    try:
        result = importing.import_file(file)
    except DataError as exc:
        report.unreadable(file, exc.issues, "无法导入，没有写入任何文件", as_json)
        raise fail() from None
    written = importing.write_imported(result, output, xlsx, force)
    report.imported(result, written, as_json)


@app.command()
@friendly
def review(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="手工填写的绩效自评表，或含自评表的报告（Word .docx 或 Excel .xlsx）；可以是多个文件，"
            "或放有这些文件的文件夹。",
            metavar="自评表",
            show_default=False,
        ),
    ],
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出检查结果。")] = False,
) -> None:
    """检查手工填写的绩效自评表（或含自评表的报告）中的数字：合计、占比、执行率、得分、总分、等级、权重、元与万元……每一处写明所在单元格和正确的数字。"""
    from reportgen.api.review_batch import documents, review_each

    results = review_each(documents(files))
    if len(files) == 1 and not files[0].is_dir():
        problems = report.reviewed_one(next(results), as_json)
    else:
        problems = report.reviewed_many(results, as_json)
    if problems:
        raise fail()


# The database of the web application: PostgreSQL by URL, else SQLite in the data folder.
DatabaseOption = Annotated[
    str | None,
    typer.Option(
        "--database",
        envvar="REPORTGEN_DATABASE",
        show_envvar=True,
        help="PostgreSQL 数据库地址，如 postgresql://用户名:密码@主机:5432/reportgen；"
        "不写时用数据目录中的 SQLite 文件。",
    ),
]
DataDirOption = Annotated[
    Path | None,
    typer.Option("--data-dir", help="网页版的数据目录；默认在用户数据目录下（如 ~/.local/share/reportgen）。"),
]


@app.command()
@friendly
def serve(
    port: Annotated[int, typer.Option("--port", help="监听的端口。", min=1, max=65535)] = 8765,
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help="保存报告数据的目录；默认在用户数据目录下（如 ~/.local/share/reportgen）。"),
    ] = None,
    no_browser: Annotated[bool, typer.Option("--no-browser", help="启动后不自动打开浏览器。")] = False,
    workers: Annotated[
        int | None,
        typer.Option("--workers", help="服务进程数（1–8，默认 1）：多个进程共用同一端口和数据目录。", min=1, max=8),
    ] = None,
    bureau: Annotated[
        bool, typer.Option("--bureau", help="局端模式：有账号和角色，各单位填报、审核人员审核、批量生成。")
    ] = False,
    host: Annotated[
        str | None,
        typer.Option(
            "--host",
            help="监听的地址（默认本机 127.0.0.1）；其他地址只用于局端模式，且须先有管理员账号。",
            show_default=False,
        ),
    ] = None,
    database: DatabaseOption = None,
) -> None:
    """启动网页版：在浏览器中填写、检查、预览报告，下载 Word 和 PDF，更新修改稿（按 Ctrl+C 停止）。"""
    from reportgen.web import serve as run

    run(port, data_dir, open_browser=not no_browser, workers=workers, bureau=bureau, host=host, database=database)


admin = typer.Typer(
    cls=ChineseGroup,
    help="管理网页版（局端模式）：创建账号、由工作簿导入单位，备份和恢复数据库。",
    no_args_is_help=True,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(admin, name="admin")


@admin.command("create-user")
@friendly
def create_user(
    login: Annotated[
        str, typer.Argument(help="登录账号（字母、数字和 . _ @ -）。", metavar="账号", show_default=False)
    ],
    role: Annotated[
        str,
        typer.Option("--role", help="角色：admin（管理员）、reviewer（审核）或 unit（单位填报）。", show_default=False),
    ],
    unit: Annotated[str | None, typer.Option("--unit", help="所属单位的单位代码（角色为 unit 时必填）。")] = None,
    name: Annotated[str, typer.Option("--name", help="使用人的姓名。")] = "",
    bureau: Annotated[
        str | None,
        typer.Option("--bureau", help="审核、管理员账号所属的主管部门（财政局）名称；没有时新建。", show_default=False),
    ] = None,
    data_dir: DataDirOption = None,
    database: DatabaseOption = None,
    password_file: Annotated[
        Path | None,
        typer.Option("--password-file", help="把初始密码写入这个新文件（仅本人可读，不覆盖已有文件），不显示。"),
    ] = None,
) -> None:
    """创建账号并给出初始密码（只显示一次，首次登录时须修改）。"""
    from reportgen.web import default_data_dir
    from reportgen.web.accounts import ROLE_NAMES
    from reportgen.web.admin import create_user as create

    created = create(data_dir or default_data_dir(), login, role, unit, name, password_file, bureau, database)
    who = f"{ROLE_NAMES[created.role]}账号“{created.login}”" + (f"（{created.unit_name}）" if created.unit_name else "")
    if password_file is not None:
        typer.echo(f"已创建{who}，初始密码已写入 {password_file}。首次登录时须修改密码。")
    else:
        typer.echo(f"已创建{who}。初始密码（只显示这一次）：{created.password}")
        typer.echo("请把密码交给使用人；首次登录时须修改密码。")


@admin.command("import-units")
@friendly
def import_units(
    workbook: Annotated[
        Path,
        typer.Argument(
            help="单位和账号工作簿（.xlsx，列：单位名称、单位代码、联系人、账号）。",
            metavar="工作簿",
            show_default=False,
        ),
    ],
    password_file: Annotated[
        Path,
        typer.Option(
            "--password-file",
            help="把各账号的初始密码写入这个新工作簿（.xlsx，仅本人可读，不覆盖已有文件）。",
            show_default=False,
        ),
    ],
    bureau: Annotated[
        str | None,
        typer.Option("--bureau", help="单位所属的主管部门（财政局）名称；没有时新建。", show_default=False),
    ] = None,
    data_dir: DataDirOption = None,
    database: DatabaseOption = None,
) -> None:
    """由工作簿批量新建单位和各单位的填报账号（有任何问题时一个也不新建），初始密码写入新文件。"""
    from reportgen.web import default_data_dir
    from reportgen.web.admin import WorkbookProblems
    from reportgen.web.admin import import_units as run

    try:
        imported = run(data_dir or default_data_dir(), workbook, password_file, bureau, database)
    except WorkbookProblems as exc:
        typer.echo(f"错误：{exc.message}请改正后重试：", err=True)
        for problem in exc.problems:
            typer.echo(f"  - {problem}", err=True)
        raise fail() from None
    typer.echo(f"已在“{imported.bureau}”新建 {imported.units} 个单位，每个单位一个单位填报账号。")
    typer.echo(f"初始密码已写入 {password_file}：请分发给各单位（首次登录时须修改密码），分发后删除此文件。")


@admin.command("backup")
@friendly
def backup(
    file: Annotated[
        Path,
        typer.Argument(
            help="备份写入的新文件（如 备份-2025-03-01.zip；不覆盖已有文件）。", metavar="备份文件", show_default=False
        ),
    ],
    data_dir: DataDirOption = None,
    database: DatabaseOption = None,
) -> None:
    """把网页版的全部数据备份到一个文件（服务运行时也可以备份，备份内容前后一致）。"""
    from reportgen.web import default_data_dir
    from reportgen.web.admin import backup as make

    copied = make(data_dir or default_data_dir(), file, database)
    typer.echo(f"已备份到 {file}（{_size(file)}）：{copied.described()}。")
    typer.echo("登录状态不在备份中：恢复后所有人需重新登录。")


@admin.command("restore")
@friendly
def restore(
    file: Annotated[
        Path, typer.Argument(help="由 reportgen admin backup 生成的备份文件。", metavar="备份文件", show_default=False)
    ],
    data_dir: DataDirOption = None,
    database: DatabaseOption = None,
) -> None:
    """把备份恢复到一个空的数据库（新的数据目录，或新建的空 PostgreSQL 数据库）。"""
    from reportgen.web import default_data_dir
    from reportgen.web.admin import restore as bring

    copied = bring(data_dir or default_data_dir(), file, database)
    typer.echo(f"已从 {file} 恢复：{copied.described()}。所有人需重新登录。")


def _size(path: Path) -> str:
    size = path.stat().st_size
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"


LISTING = ("--help", "-h", "--version", "-V")  # what lists the commands, or needs none of them


def only(application: typer.Typer, name: str | None) -> typer.Typer:
    """``application`` with only its command (or group of commands) ``name``, when it has one.

    typer builds every command's parameters before it runs one (inspecting each signature,
    about 10 ms for this application); the command a process runs is the only one it needs.
    The application's own help (no ``name``, ``--help``) and ``--version`` get every command
    without its parameters (:func:`listing`); anything else (another option, a misspelt
    command) gets the whole application.
    """
    if name is None or name in LISTING:
        return listing(application)
    commands = [c for c in application.registered_commands if _name(c.name, c.callback) == name]
    groups = [g for g in application.registered_groups if g.name == name]
    if not commands and not groups:
        return application
    narrowed = copy.copy(application)
    narrowed.registered_commands, narrowed.registered_groups = commands, groups
    return narrowed


def listing(application: typer.Typer) -> typer.Typer:
    """``application`` as its help lists it: each command by its name and help, with no parameters."""
    bare = copy.copy(application)
    bare.registered_commands = [_unparametrized(command) for command in application.registered_commands]
    bare.registered_groups = [copy.copy(group) for group in application.registered_groups]
    for group in bare.registered_groups:
        if group.typer_instance is not None:
            group.typer_instance = listing(group.typer_instance)
    return bare


def _unparametrized(command: CommandInfo) -> CommandInfo:
    """``command`` with a callback that has its name and help but no parameters (it is never run:
    the help that lists it ends the process)."""

    def listed() -> None:
        raise AssertionError("a command of the listing ran")

    if command.callback is not None:  # its name and help only: typer must not see its signature
        for attribute in ("__module__", "__name__", "__qualname__", "__doc__"):
            setattr(listed, attribute, getattr(command.callback, attribute))
    bare = copy.copy(command)
    bare.callback = listed
    return bare


def _name(name: str | None, callback: Callable[..., Any] | None) -> str | None:
    """A command's name as typer derives it (``typer.main.get_command_name``)."""
    if name:
        return name
    return callback.__name__.lower().replace("_", "-") if callback else None


def main() -> None:
    """Console script entry point."""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
        sys.stderr.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    # reportgen has no pydantic plugins: spare each process pydantic's scan of every installed
    # package's entry points for them (a user's explicit setting is kept).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    command = only(app, sys.argv[1] if len(sys.argv) > 1 else None)
    command(prog_name="reportgen")  # also under ``python -m reportgen``: the name every message uses
