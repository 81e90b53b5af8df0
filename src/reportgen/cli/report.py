"""What the commands print: issue lines, summary lines, the account of ``import``, and the JSON
of ``validate``, ``check`` and ``import``.

Issues, notices and failures go to stderr; what a command made or found goes to stdout.
The figures modules are imported only when a summary is printed, not for ``--help``.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from reportgen.cli.chinese import confirm
from reportgen.errors import Issue
from reportgen.textchars import shown

if TYPE_CHECKING:
    from reportgen.api import Checked, Updated, Workbook
    from reportgen.api.finalizing import Finalized, OthersPending, Unfinished
    from reportgen.api.importing import Written
    from reportgen.api.review_batch import Unreadable
    from reportgen.api.reviewing import Review, ReviewFinding
    from reportgen.data.importing.result import ImportResult
    from reportgen.features.batch.run import BatchResult
    from reportgen.figures.compute import Figures
    from reportgen.revise.findings import Finding


def _echo_json(payload: Any) -> None:
    """Print ``payload`` as indented JSON (json is imported only by the commands printing it)."""
    import json

    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def notice(text: str) -> None:
    typer.echo(f"[提示] {text}", err=True)


def issues(file: str, found: list[Issue]) -> None:
    for issue in found:
        typer.echo(f"[{issue.severity.word}] {issue.describe(file)}", err=True)


def score_words(fig: Figures) -> str:
    """综合得分 and 等级 as the summary line says them, or what they still wait for."""
    from reportgen.figures.fmt import score

    if not fig.scored:
        return "未设绩效指标，不计算综合得分"
    if fig.total is None:
        return "综合得分待补充：尚有数据未填写"
    return f"综合得分 {score(fig.total, fig.score_places)} 分，等级“{fig.grade}”"


def rendered(out: Path, checked: Checked, final: bool) -> None:
    fig = checked.figures
    assert fig is not None
    summary = f"已生成{'定稿' if final else ''} {out}（{score_words(fig)}"
    if checked.warnings:
        summary += f"，{len(checked.warnings)} 处提示"
    if checked.missing:
        summary += f"，{len(checked.missing)} 处尚未填写，报告中标为【待补充】"
    typer.echo(summary + "）。")


def written(path: Path) -> None:
    typer.echo(f"已生成 {path}。")


def validated(data: Path, checked: Checked) -> None:
    """The issue lines, then (for valid data) what can be made and the main figures."""
    from reportgen.figures.fmt import pct

    issues(str(data), checked.issues)
    if checked.ok and checked.figures is not None:
        fig = checked.figures
        rate = pct(fig.budget.rate) if not fig.budget.pending else "待补充"
        what = "可以生成报告" if not checked.missing else "可以生成草稿"
        typer.echo(
            f"{data}: {what}。预算执行率 {rate}，{score_words(fig)}；错误 0 处，"
            f"提示 {len(checked.warnings)} 处，尚未填写 {len(checked.missing)} 处。"
        )


def validated_json(
    data: Path, errors: list[Issue], warnings: list[Issue], missing: list[Issue], figures: Figures | None
) -> None:
    from reportgen.api.results import result_json

    payload = result_json(str(data), errors, warnings, missing, figures)
    _echo_json(payload)


def batched(result: BatchResult) -> None:
    """The failed units with their problems, then the counts and the summaries written."""
    counts = {status: sum(1 for u in result.units if u.status == status) for status in ("ok", "skipped", "failed")}
    for unit in result.failed:
        typer.echo(f"[失败] {unit.unit}（{unit.source}）" if unit.unit else f"[失败] {unit.source}", err=True)
        for problem in unit.problems:
            typer.echo(f"    {problem}", err=True)
    made = f"汇总：{'、'.join(map(str, result.summaries))}" if result.summaries else "未生成汇总。"
    typer.echo(
        f"共 {len(result.units)} 个单位：生成 {counts['ok']} 份，未变化跳过 {counts['skipped']} 份，"
        f"失败 {counts['failed']} 份。{made}"
    )


def interrupted() -> None:
    typer.echo("已中断。已完成的单位都已记录，重新运行同一命令即可接着处理其余单位。", err=True)


def started(path: Path) -> None:
    typer.echo(f"已生成 {path}。修改后运行：reportgen validate {path}，再运行 reportgen render {path}")


def workbook(made: Workbook, source: Path | None) -> None:
    for field in made.unplaced:
        notice(f"工作簿中没有“{field}”的位置，该项未写入。")
    filled = f"，已填入 {source} 的数据" if source is not None else ""
    typer.echo(f"已生成 {made.path}{filled}。填写后运行：reportgen render {made.path}")


def updated(out: Path, result: Updated) -> None:
    typer.echo(
        f"已生成 {out}：{result.revised} 处按新数据修订（修订标记，作者 reportgen），新增 {result.inserted} 处，"
        f"删除 {result.deleted} 处，批注 {result.comments} 条。"
        "请在 Word 中审阅修订和批注，再运行 reportgen check 检查。"
    )


def findings(docx: Path, found: list[Finding], as_json: bool, notes: list[str] | None = None) -> None:
    """``check``'s findings, one a line, then the count and the reminders (``notes``)."""
    notes = notes or []
    if as_json:
        payload = {
            "file": str(docx),
            "count": len(found),
            "findings": [
                {
                    "kind": f.kind,
                    "location": f.location,
                    "heading": f.heading,
                    "message": f.message,
                    "place": f.place,
                    "expected": f.expected or None,
                }
                for f in found
            ],
            "notes": notes,
        }
        _echo_json(payload)
        return
    for finding in found:
        typer.echo(finding_line(finding))
    typer.echo(f"{docx}: 共 {len(found)} 处需要处理。" if found else f"{docx}: 没有需要处理的地方。")
    for note in notes:
        typer.echo(f"[提示] {note}")


def finding_line(finding: Finding) -> str:
    """``[待补充] 三、… › 第4段「…」：【待补充：…】``, as ``check`` lists a finding."""
    from reportgen.revise.findings import LABELS

    where = f"{finding.place}：" if finding.location else ""
    return f"[{LABELS[finding.kind]}] {where}{finding.message}"


def ask(question: str) -> bool:
    """A yes/no question on the terminal (default no)."""
    return confirm(question)


def unfinished(draft: Path, refused: Unfinished) -> None:
    """Why no final copy was made: each placeholder and open comment, as ``check`` lists them."""
    for finding in refused.findings:
        typer.echo(finding_line(finding), err=True)
    typer.echo(f"错误：{refused.message}", err=True)


def others_pending(refused: OthersPending) -> None:
    what = "未接受这些修订，没有生成定稿" if refused.declined else "没有生成定稿"
    typer.echo(
        f"错误：{refused.message.rstrip('。')}，{what}。请加 --accept-others 全部接受，或加 --keep-others 保留为修订"
        "（定稿中仍有修订标记）；也可以先在 Word 中逐条处理这些修订。",
        err=True,
    )


def finalized(out: Path, result: Finalized) -> None:
    """What the final copy is, then what is still left in it for the editor."""
    done = [f"接受 reportgen 的修订 {result.accepted} 处"]
    if result.accepted_others:
        done.append(f"接受其他作者的修订 {sum(result.accepted_others.values())} 处")
    done.append(f"删除批注 {result.comments_removed} 条")
    done.append(f"取消突出显示 {result.highlights} 处")
    if result.appendix:
        done.append("删除附件2“数据核对情况”")
    typer.echo(f"已生成定稿 {out}：{'，'.join(done)}，生成记录和隐藏书签已删除。")
    if result.kept_others:
        each = "、".join(f"{author or '未署名'} {count} 处" for author, count in result.kept_others.items())
        notice(
            f"定稿中仍有其他作者（{each}）尚未处理的修订（修订标记）：提交前请在 Word 中接受或拒绝，"
            "或重新运行 finalize 并加 --accept-others。"
        )
    if result.comments_kept:
        notice(f"其他作者的批注 {result.comments_kept} 条仍保留，提交前请在 Word 中删除。")


def imported(result: ImportResult, written: list[Written], as_json: bool) -> None:
    """Per table: the file written, what was mapped (grouped), what could not be, the notes,
    the table's own inconsistencies, the draft's errors and what is still to be filled in;
    then the tables passed over and what to do next."""
    if as_json:
        from reportgen.api.results import imported_json

        _echo_json(imported_json(result, written))
        return
    for item in written:
        _imported_table(item)
        typer.echo("")
    if result.passed_over:
        typer.echo(f"未导入 {len(result.passed_over)} 个表格：")
        for skipped in result.passed_over:
            typer.echo(f"  {_at(skipped.place, skipped.text)}：{skipped.reason}")
        typer.echo("")
    _next_steps(written)


def unreadable(file: Path, problems: list[Issue], what: str, as_json: bool) -> None:
    """A document ``import`` or ``review`` could not use: ``what`` happened and why (on stderr),
    or with ``--json`` as JSON (no tables)."""
    if as_json:
        from reportgen.api.results import issue_json

        payload = {"file": str(file), "tables": [], "passed_over": [], "errors": [issue_json(i) for i in problems]}
        _echo_json(payload)
        return
    typer.echo(f"{shown(str(file))}: {what}：", err=True)
    for problem in problems:
        typer.echo(f"  - {problem.describe()}", err=True)


def _imported_table(item: Written) -> None:
    from reportgen.api.import_account import mapped_groups
    from reportgen.api.import_files import missing_groups

    table, checked = item.table, item.checked
    title = f"{table.source}（{table.title}）" if table.title else table.source
    typer.echo(f"{title} → 已写入 {item.path}")
    typer.echo(f"  已识别 {len(table.mapped)} 项：")
    for group, lines in mapped_groups(table.mapped).items():
        typer.echo(f"    {group}：")
        for line in lines:
            typer.echo(f"      {line}")
    if table.unmapped:
        typer.echo(f"  未导入 {len(table.unmapped)} 处：")
        for unmapped in table.unmapped:
            typer.echo(f"    {_at(unmapped.place, unmapped.text)}：{unmapped.reason}")
    for note in table.notes:
        typer.echo(f"  说明：{note}")
    for finding in table.findings:
        typer.echo(f"  原表有误：{finding.place}：{finding.message}")
    for field in item.unplaced:
        typer.echo(f"  工作簿中没有“{field}”的位置，该项未写入。")
    for problem in (*checked.errors, *checked.warnings):
        typer.echo(f"  [{problem.severity.word}] {problem.describe()}")
    if checked.missing:
        typer.echo(f"  还需填写 {len(checked.missing)} 项：{'、'.join(missing_groups(checked.missing, paths=False))}")
    else:
        typer.echo("  各项都已填写。")


def _at(place: str, text: str) -> str:
    """A place and, when it holds any, its text: 第2个表格第3行第4列“联系电话”."""
    from reportgen.api.import_account import at_a_glance

    return f"{place}“{at_a_glance(text)}”" if text.strip() else place


def _next_steps(written: list[Written]) -> None:
    if any(item.checked.errors for item in written):
        typer.echo("下一步：先在导入的文件中改正上面列出的错误（也可以核对原表），再生成报告。")
        return
    sheets = [item.path for item in written if item.form == "xlsx"]
    files = [item.path for item in written if item.form != "xlsx"]
    if files:
        first = files[0]
        each = f"（其余 {len(files) - 1} 个文件同样）" if len(files) > 1 else ""
        typer.echo(
            f"下一步：用 {_render_command(first)} 生成报告草稿{each}，缺的地方标为【待补充】；"
            f"或用 reportgen init --xlsx {first.with_suffix('.xlsx')} --from {first} 生成工作簿，"
            "打开工作簿补充实际完成值。"
        )
    if sheets:
        typer.echo(f"下一步：打开工作簿 {sheets[0]} 补充实际完成值，再用 {_render_command(sheets[0])} 生成报告草稿。")


def _render_command(data: Path) -> str:
    """``reportgen render DATA``, with ``-o`` when render's default (the .docx beside the
    data) is taken — by the very table imported, when it was a .docx of the same name."""
    if not data.with_suffix(".docx").exists():
        return f"reportgen render {data}"
    return f"reportgen render {data} -o {data.with_name(data.stem + '-报告.docx')}"


def reviewed_one(item: Review | Unreadable, as_json: bool) -> bool:
    """One file's review (or why it could not be read); whether anything was wrong."""
    from reportgen.api.review_batch import Unreadable

    if isinstance(item, Unreadable):
        unreadable(Path(item.file), item.issues, "无法检查", as_json)
        return True
    if as_json:
        from reportgen.api.results import review_json

        _echo_json(review_json(item))
    else:
        _review_lines(item)
    return item.count > 0


def reviewed_many(items: Iterable[Review | Unreadable], as_json: bool) -> bool:
    """Each file's review as it is made, then the tally; whether any file had problems or could not be read."""
    from reportgen.api.results import review_json
    from reportgen.api.review_batch import Unreadable

    files: list[dict[str, object]] = []
    counts = {"problems": 0, "with": 0, "clean": 0, "unreadable": 0}
    for item in items:
        if isinstance(item, Unreadable):
            counts["unreadable"] += 1
            files.append({"file": item.file, "error": item.message})
            if not as_json:
                unreadable(Path(item.file), item.issues, "无法检查", False)
                typer.echo("")
            continue
        counts["problems"] += item.count
        counts["with" if item.count else "clean"] += 1
        if as_json:
            files.append(review_json(item))
        else:
            _review_lines(item)
            typer.echo("")
    if as_json:
        _echo_json({"files": files, "count": counts["problems"]})
    else:
        total = counts["with"] + counts["clean"] + counts["unreadable"]
        typer.echo(
            f"共检查 {total} 个文件：{counts['with']} 个有问题（共 {counts['problems']} 处），"
            f"{counts['clean']} 个没有问题，{counts['unreadable']} 个无法读取。"
        )
    return bool(counts["with"] or counts["unreadable"])


def _review_lines(review: Review) -> None:
    """Per table its findings, each "单元格：说明", then the text's, then the count."""
    for table in review.tables:
        title = f"{table.source}（{table.title}）" if table.title else table.source
        typer.echo(f"{title}：{len(table.findings)} 处问题" if table.findings else f"{title}：没有发现问题")
        for finding in table.findings:
            typer.echo(f"  {_finding_line(finding)}")
    if review.text:
        typer.echo(f"正文：{len(review.text)} 处问题")
        for finding in review.text:
            typer.echo(f"  {_finding_line(finding)}")
    if review.passed_over:
        typer.echo(f"未检查 {len(review.passed_over)} 个表格：")
        for skipped in review.passed_over:
            typer.echo(f"  {_at(skipped.place, skipped.text)}：{skipped.reason}")
    typer.echo(f"{review.file}: 共发现 {review.count} 处问题。" if review.count else f"{review.file}: 没有发现问题。")


def _finding_line(finding: ReviewFinding) -> str:
    word = "错误" if finding.severity == "error" else "提示"
    return f"[{word}] {finding.place}：{finding.message}"
