"""Command line (typer). Thin: parse options, call :mod:`reportgen.api`, map errors to exit codes.

Exit codes: 0 success; 1 invalid data (or warnings with ``--strict``); 2 usage, template,
style or output problems.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from reportgen import api
from reportgen.data.starter import STARTER_NAME, starter_text
from reportgen.errors import DataError, Issue, OutputError, ReportgenError
from reportgen.features.pdf import pdf_bytes
from reportgen.figures.as_json import figures_json
from reportgen.figures.compute import Figures
from reportgen.figures.fmt import pct, score
from reportgen.support.output import make_folder, same_content

app = typer.Typer(
    help="reportgen：由绩效自评数据生成绩效自评报告（Word）。",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

F = TypeVar("F", bound=Callable[..., Any])


def _friendly(func: F) -> F:
    """Turn every :class:`ReportgenError` into a Chinese message and an exit code."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DataError as exc:
            typer.echo(exc.render(), err=True)
            raise typer.Exit(1) from None
        except ReportgenError as exc:
            typer.echo(f"错误：{exc.message}", err=True)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


DataArg = Annotated[
    Path, typer.Argument(help="自评数据文件（.yaml、.yml、.json 或 Excel 工作簿 .xlsx）。", show_default=False)]
OutputOpt = Annotated[Path | None, typer.Option("-o", "--output", help="输出的 .docx 文件；默认与数据文件同名。")]
TemplateOpt = Annotated[str, typer.Option("--template", "-t", help="报告模板：standard（五章）或 hunan（湖南十章）。")]
NarrativesOpt = Annotated[
    Path | None, typer.Option("--narratives", help="自定义章节模板目录，其中的同名文件覆盖内置模板。")]
StyleOpt = Annotated[str, typer.Option("--style", help="版式名称或版式文件（.yaml）。")]
ChecksOpt = Annotated[bool, typer.Option("--checks/--no-checks", help="是否在报告末尾附“数据核对情况”。")]
InputsArg = Annotated[
    list[Path], typer.Argument(help="数据文件、数据文件所在目录，或多单位工作簿（.xlsx）。", show_default=False)]
OutdirOpt = Annotated[
    Path, typer.Option("-o", "--outdir", help="输出目录：每个单位一份报告，另有 汇总.xlsx 和 汇总报告.docx。")]
ReferenceOpt = Annotated[Path | None, typer.Option(
    "--reference-docx", help="参考 Word 文档：从中取用段落、表格和编号样式（类似 pandoc 的 --reference-doc）。")]
PdfOpt = Annotated[bool, typer.Option("--pdf", help="同时用 LibreOffice 生成同名 PDF（需已安装 LibreOffice）。")]
ForceOpt = Annotated[bool, typer.Option(
    "--force", "-f", help="输出文件已存在时覆盖它（只覆盖 reportgen 自己生成的文件）。")]
ProfileOpt = Annotated[str | None, typer.Option(
    "--profile", help="评分规则方案：方案名称（如 caiyu-2020-10、deduct-and-cap）或方案文件（.yaml）；"
                      "默认用数据中 scoring.profile 写明的方案，没有时用财预〔2020〕10号。", show_default=False)]
ProfilesOpt = Annotated[Path | None, typer.Option(
    "--profiles", help="自定义评分规则方案目录，其中的同名方案覆盖内置方案。", show_default=False)]


def _print_issues(file: str, issues: list[Issue]) -> None:
    for issue in issues:
        typer.echo(f"[{issue.severity.word}] {issue.describe(file)}", err=True)


def _load(data: Path, profile: str | None, profiles: Path | None) -> api.Checked:
    """Read and check ``data`` with the scoring profile chosen on the command line (if any)."""
    from reportgen.figures.profiles import load_profile

    chosen = load_profile(profile, profiles) if profile else None
    return api.load(data, chosen, profiles)


def _score_words(fig: Figures) -> str:
    """综合得分 and 等级 as the summary line says them, or what they still wait for."""
    if not fig.scored:
        return "未设绩效指标，不计算综合得分"
    if fig.total is None:
        return "综合得分待补充：尚有数据未填写"
    return f"综合得分 {score(fig.total, fig.score_places)} 分，等级“{fig.grade}”"


@app.command()
@_friendly
def render(
    data: DataArg,
    output: OutputOpt = None,
    template: TemplateOpt = "standard",
    narratives: NarrativesOpt = None,
    style: StyleOpt = "gbt9704",
    checks: ChecksOpt = True,
    reference_docx: ReferenceOpt = None,
    pdf: PdfOpt = False,
    final: Annotated[bool, typer.Option(
        "--final", help="生成定稿：仍有尚未填写的数据或【待补充】内容时不生成，并列出它们。")] = False,
    profile: ProfileOpt = None,
    profiles: ProfilesOpt = None,
    force: ForceOpt = False,
) -> None:
    """生成绩效自评报告（.docx），可同时生成 PDF。数据不全时生成草稿，缺的地方标为【待补充】。"""
    out = output or data.with_suffix(".docx")
    options = api.RenderOptions(template=template, narratives_dir=narratives, style=style,
                                checks_appendix=checks, reference_docx=reference_docx, profile=profile,
                                profiles_dir=profiles)
    renderer = api.Renderer(options)
    for notice in renderer.notices:
        typer.echo(f"[提示] {notice}", err=True)
    checked = api.load(data, renderer.profile, profiles)
    _print_issues(str(data), checked.issues)
    if not checked.ok:
        raise DataError(str(data), checked.issues)
    document = renderer.document(checked)
    if final:
        api.refuse_unfinished(str(data), checked, document)
    api.ensure_writable(out, force)
    if pdf:
        api.ensure_writable(out.with_suffix(".pdf"), force)
    api.write_atomic(out, renderer.write(document, checked), force=force)
    fig = checked.figures
    assert fig is not None
    summary = f"已生成{'定稿' if final else ''} {out}（{_score_words(fig)}"
    if checked.warnings:
        summary += f"，{len(checked.warnings)} 处提示"
    if checked.missing:
        summary += f"，{len(checked.missing)} 处尚未填写，报告中标为【待补充】"
    typer.echo(summary + "）。")
    if pdf:
        pdf_out = out.with_suffix(".pdf")
        api.write_atomic(pdf_out, pdf_bytes(out), force=force)
        typer.echo(f"已生成 {pdf_out}。")


@app.command()
@_friendly
def validate(
    data: DataArg,
    strict: Annotated[bool, typer.Option(
        "--strict", help="有提示（警告）或尚未填写的数据时也以状态码 1 退出。")] = False,
    as_json: Annotated[bool, typer.Option(
        "--json", help="以 JSON 输出错误、提示、尚未填写的项和全部计算结果。")] = False,
    profile: ProfileOpt = None,
    profiles: ProfilesOpt = None,
) -> None:
    """检查自评数据：列出全部错误、提示和尚未填写的项，并给出计算结果。"""
    try:
        checked = _load(data, profile, profiles)
    except DataError as exc:
        if not as_json:
            raise
        _echo_json(data, exc.issues, [], [], None)
        raise typer.Exit(1) from None
    if as_json:
        _echo_json(data, checked.errors, checked.warnings, checked.missing, checked.figures)
    else:
        _print_issues(str(data), checked.issues)
        if checked.ok and checked.figures is not None:
            fig = checked.figures
            rate = pct(fig.budget.rate) if not fig.budget.pending else "待补充"
            what = "可以生成报告" if not checked.missing else "可以生成草稿"
            typer.echo(f"{data}: {what}。预算执行率 {rate}，{_score_words(fig)}；错误 0 处，"
                       f"提示 {len(checked.warnings)} 处，尚未填写 {len(checked.missing)} 处。")
    if not checked.ok or (strict and (checked.warnings or checked.missing)):
        raise typer.Exit(1)


def _echo_json(data: Path, errors: list[Issue], warnings: list[Issue], missing: list[Issue],
               figures: Figures | None) -> None:
    payload = {
        "file": str(data),
        "errors": [_issue_json(i) for i in errors],
        "warnings": [_issue_json(i) for i in warnings],
        "missing": [_issue_json(i) for i in missing],
        "figures": figures_json(figures) if figures else None,
    }
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def _issue_json(issue: Issue) -> dict[str, str]:
    return {"path": issue.path, "label": issue.label, "location": issue.location, "message": issue.message}


@app.command()
@_friendly
def batch(
    inputs: InputsArg,
    outdir: OutdirOpt,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="并行进程数，默认为 CPU 核数。", min=1)] = None,
    template: TemplateOpt = "standard",
    narratives: NarrativesOpt = None,
    style: StyleOpt = "gbt9704",
    checks: ChecksOpt = True,
    reference_docx: ReferenceOpt = None,
    profile: ProfileOpt = None,
    profiles: ProfilesOpt = None,
    force: Annotated[bool, typer.Option(
        "--force", "-f", help="重新生成全部报告，包括数据未变化的单位（只覆盖 reportgen 生成的文件）。")] = False,
) -> None:
    """批量生成多个单位的报告，并生成汇总表和汇总报告。"""
    from reportgen.cli.progress import BatchProgress
    from reportgen.features.batch.run import run_batch
    from reportgen.features.batch.summary import summary_files

    options = api.RenderOptions(template=template, narratives_dir=narratives, style=style, checks_appendix=checks,
                                reference_docx=reference_docx, profile=profile, profiles_dir=profiles)
    renderer = api.Renderer(options)  # fails fast on a bad template, style or reference, before any work
    for notice in renderer.notices:
        typer.echo(f"[提示] {notice}", err=True)
    try:
        with BatchProgress() as progress:
            result = run_batch(inputs, outdir, options, jobs=jobs, force=force, progress=progress.advance,
                               on_plan=progress.start, summary=lambda r: summary_files(r, renderer.stylesheet))
    except KeyboardInterrupt:
        typer.echo("已中断。已完成的单位都已记录，重新运行同一命令即可接着处理其余单位。", err=True)
        raise typer.Exit(130) from None
    counts = {status: sum(1 for u in result.units if u.status == status) for status in ("ok", "skipped", "failed")}
    for unit in result.failed:
        typer.echo(f"[失败] {unit.unit or unit.source}", err=True)
        for problem in unit.problems:
            typer.echo(f"    {problem}", err=True)
    made = f"汇总：{'、'.join(map(str, result.summaries))}" if result.summaries else "未生成汇总。"
    typer.echo(f"共 {len(result.units)} 个单位：生成 {counts['ok']} 份，未变化跳过 {counts['skipped']} 份，"
               f"失败 {counts['failed']} 份。{made}")
    if result.summary_error:
        raise OutputError(result.summary_error)
    if result.failed:
        raise typer.Exit(1)


@app.command()
@_friendly
def init(
    target: Annotated[Path, typer.Argument(help="写入的目录，或（加 --xlsx 时）工作簿文件名。")] = Path(),
    xlsx: Annotated[bool, typer.Option("--xlsx", help="生成供填写的 Excel 工作簿，而不是 YAML 数据文件。")] = False,
    source: Annotated[
        Path | None, typer.Option("--from", help="用已有的数据文件填好工作簿（与 --xlsx 一起使用）。")] = None,
    force: Annotated[bool, typer.Option(
        "--force", "-f", help="覆盖 reportgen 生成后未改动过的同名文件（填写过的数据文件不会被覆盖）。")] = False,
) -> None:
    """生成一份带注释的示例数据文件（或 Excel 工作簿），照着修改即可。"""
    if source is not None and not xlsx:
        raise OutputError("--from 需与 --xlsx 一起使用：reportgen init --xlsx 工作簿.xlsx --from 数据.yaml")
    if xlsx:
        _init_workbook(target, source, force)
        return
    make_folder(target)
    path = target / STARTER_NAME
    text = starter_text().encode("utf-8")
    api.write_atomic(path, text, force=force, ours=same_content(text))  # edited data is the user's: never replaced
    typer.echo(f"已生成 {path}。修改后运行：reportgen validate {path}，再运行 reportgen render {path}")


@app.command()
@_friendly
def update(
    data: DataArg,
    edited: Annotated[Path, typer.Argument(help="编辑过的报告草稿（由 reportgen 生成的 .docx）。", show_default=False)],
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="更新后的 .docx 文件；默认在草稿名后加“-更新”。")] = None,
    template: Annotated[str, typer.Option(
        "--template", "-t", help="报告模板；默认沿用草稿生成时的（内置）模板。", show_default=False)] = "",
    narratives: NarrativesOpt = None,
    style: Annotated[str, typer.Option(
        "--style", help="版式名称或版式文件（.yaml）；默认沿用草稿生成时的（内置）版式。", show_default=False)] = "",
    checks: ChecksOpt = True,
    reference_docx: ReferenceOpt = None,
    force: ForceOpt = False,
) -> None:
    """按最新数据更新编辑过的报告：未改动的段落以修订标记更新，改过的段落保留并加批注。"""
    from reportgen.revise.plan import Annotate, Delete, Insert, Replace, ReviseTable

    out = output or edited.with_name(f"{edited.stem}-更新.docx")
    options = api.RenderOptions(template=template, narratives_dir=narratives, style=style, checks_appendix=checks,
                                reference_docx=reference_docx)
    result = api.update_report(data, edited, out, options, force=force)
    _print_issues(str(data), result.checked.issues)
    plan = result.plan
    changed = plan.count(Replace) + plan.count(ReviseTable) - result.fallbacks
    typer.echo(f"已生成 {out}：{changed} 处按新数据修订（修订标记，作者 reportgen），新增 {plan.count(Insert)} 处，"
               f"删除 {plan.count(Delete)} 处，批注 {plan.count(Annotate) + result.fallbacks} 条。"
               "请在 Word 中审阅修订和批注，再运行 reportgen check 检查。")


@app.command("check")
@_friendly
def check_command(
    docx: Annotated[Path, typer.Argument(help="要检查的报告草稿（.docx）。", show_default=False)],
    data: Annotated[Path | None, typer.Option(
        "--data", help="自评数据文件：核对正文中手工填写的百分比和金额是否与数据一致。")] = None,
    template: Annotated[str, typer.Option(
        "--template", "-t", help="与 --data 一起使用：报告模板；默认沿用草稿生成时的（内置）模板。",
        show_default=False)] = "",
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出检查结果。")] = False,
) -> None:
    """列出草稿中仍需处理的地方：待补充内容、未处理的批注、与数据不符的数字。"""
    from reportgen.revise.check import LABELS

    findings = api.check_report(docx, data, api.RenderOptions(template=template))
    if as_json:
        payload = {"file": str(docx), "count": len(findings),
                   "findings": [{"kind": f.kind, "location": f.location, "message": f.message} for f in findings]}
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            where = f"{finding.location}：" if finding.location else ""
            typer.echo(f"[{LABELS[finding.kind]}] {where}{finding.message}")
        typer.echo(f"{docx}: 共 {len(findings)} 处需要处理。" if findings else f"{docx}: 没有需要处理的地方。")
    if findings:
        raise typer.Exit(1)


def _init_workbook(target: Path, source: Path | None, force: bool) -> None:
    import io

    from reportgen.data.excel import write_workbook
    from reportgen.data.sources import read_data

    path = target if target.suffix.lower() == ".xlsx" else target / STARTER_NAME.replace(".yaml", ".xlsx")
    make_folder(path.parent)
    data = read_data(source).data if source is not None else None
    buffer = io.BytesIO()
    unplaced = write_workbook(buffer, data)
    blank = io.BytesIO()
    write_workbook(blank, None)
    same, untouched = same_content(buffer.getvalue()), same_content(blank.getvalue())
    # A workbook staff may have filled in is their data: only an unfilled or identical one is replaced.
    api.write_atomic(path, buffer.getvalue(), force=force, ours=lambda p: same(p) or untouched(p))
    for field in unplaced:
        typer.echo(f"[提示] 工作簿中没有“{field}”的位置，该项未写入。", err=True)
    filled = f"，已填入 {source} 的数据" if source is not None else ""
    typer.echo(f"已生成 {path}{filled}。填写后运行：reportgen render {path}")


def main() -> None:
    """Console script entry point."""
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(encoding="utf-8")
        sys.stderr.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
    app()
