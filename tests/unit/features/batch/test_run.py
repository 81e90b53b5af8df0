"""Batch runs: every good unit rendered, bad ones listed, unchanged ones skipped, summaries written."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from reportgen.api import Checked, Renderer, check_data
from reportgen.cli import app
from reportgen.data.excel import write_units_workbook
from reportgen.data.sources import RawData, read_data
from reportgen.docx import read_outline, read_tables
from reportgen.errors import OutputError
from reportgen.features.batch.ledger import folder_lock
from reportgen.features.batch.run import MANIFEST, _Names, run_batch, safe_name
from samples import LINGLING, ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import write_units

runner = CliRunner()


@pytest.fixture
def units(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    write_units(folder, 6, broken_every=4)
    return folder


def lingling_in(year: int, folder: Path) -> Path:
    """The LINGLING example as data of ``year``, as data.yaml in ``folder`` (a summary is of one year)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "data.yaml"
    path.write_text(
        LINGLING.read_text(encoding="utf-8").replace("\nyear: 2022\n", f"\nyear: {year}\n"), encoding="utf-8"
    )
    return path


@pytest.mark.rendering
def test_batch_renders_good_units_and_lists_bad_ones(units: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_batch([units], out, jobs=2)
    statuses = {u.source.rsplit("/", 1)[-1]: u.status for u in result.units}
    assert statuses == {
        "unit0001.yaml": "ok",
        "unit0002.yaml": "ok",
        "unit0003.yaml": "ok",
        "unit0004.yaml": "failed",
        "unit0005.yaml": "ok",
        "unit0006.yaml": "ok",
    }
    (failed,) = result.failed
    assert any("budget.executed" in p and "应填写数字" in p for p in failed.problems)
    assert sorted(p.name for p in out.glob("*.docx")) == [f"unit000{i}.docx" for i in (1, 2, 3, 5, 6)]


@pytest.mark.rendering
def test_unchanged_units_are_skipped_and_changed_ones_redone(units: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([units], out, jobs=1)
    again = run_batch([units], out, jobs=1)
    assert [u.status for u in again.units] == ["skipped"] * 3 + ["failed"] + ["skipped"] * 2
    assert again.units[0].total  # the summary row survives the skip
    changed = units / "unit0002.yaml"
    changed.write_text(changed.read_text(encoding="utf-8").replace("year: 2023", "year: 2024"), encoding="utf-8")
    third = run_batch([units], out, jobs=1)
    assert [u.status for u in third.units][:2] == ["skipped", "ok"]
    assert [u.status for u in run_batch([units], out, jobs=1, force=True).units].count("ok") == 5


@pytest.mark.rendering
def test_a_file_the_batch_did_not_write_is_not_overwritten(units: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "unit0001.docx").write_bytes(b"an editor's draft")
    result = run_batch([units], out, jobs=1)
    assert result.units[0].status == "failed" and "已存在" in result.units[0].problems[0]
    assert (out / "unit0001.docx").read_bytes() == b"an editor's draft"


@pytest.mark.rendering
def test_manifest_records_fingerprints(units: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([units], out, jobs=1)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    reports = {name for name, entry in manifest["units"].items() if not entry.get("invalid")}
    assert reports == {f"unit000{i}.docx" for i in (1, 2, 3, 5, 6)}
    assert manifest["units"]["unit0004.docx"]["invalid"] is True  # its data: not checked again until it changes


@pytest.mark.rendering
def test_cli_batch_writes_reports_and_both_summaries(units: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    example = lingling_in(2023, tmp_path / "example")
    result = runner.invoke(app, ["batch", str(units), str(example), "-o", str(out), "--jobs", "2"])
    assert result.exit_code == 1  # one unit is broken
    assert "[失败]" in result.output and "unit0004.yaml" in result.output
    assert "共 7 个单位：生成 6 份" in result.output
    assert (out / "data.docx").exists()  # the example, named after its file
    summary = (out / "汇总报告.docx").read_bytes()
    outline = read_outline(summary)
    assert ("heading1", "一、总体情况") in outline
    assert any(label == "picture" or "评价等级分布图" in text for label, text in outline)
    ranking = next(t for t in read_tables(summary) if t[0][:2] == ["排名", "单位名称"])
    assert len(ranking) == 1 + 6
    assert (out / "汇总.xlsx").exists()


@pytest.mark.rendering
def test_cli_batch_exits_zero_when_all_units_succeed(tmp_path: Path) -> None:
    result = runner.invoke(app, ["batch", str(LINGLING), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "失败 0 份" in result.output


# --- never replacing what is not ours ---------------------------------------------------


@pytest.mark.rendering
def test_an_input_workbook_named_like_the_summary_is_never_replaced(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    book = out / "汇总.xlsx"
    book.write_bytes(b"the bureau's own workbook")
    for force in ([], ["--force"]):
        result = runner.invoke(app, ["batch", str(LINGLING), "-o", str(out), *force])
        assert result.exit_code == 2 and "汇总.xlsx" in result.output and "不是可以覆盖的" in result.output
        assert book.read_bytes() == b"the bureau's own workbook"
        assert not (out / "data.docx").exists()  # refused before any work


@pytest.mark.rendering
def test_a_unit_named_like_the_summary_gets_a_report_of_its_own(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "汇总报告.yaml").write_text(LINGLING.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(data), "-o", str(out)])
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest["units"]) == {"汇总报告_2.docx"}
    assert read_outline((out / "汇总报告_2.docx").read_bytes()) != read_outline((out / "汇总报告.docx").read_bytes())
    assert runner.invoke(app, ["batch", str(data), "-o", str(out)]).exit_code == 0  # its own summaries: replaced


@pytest.mark.parametrize(
    ("names", "files"),
    [
        (["汇总", "汇总报告", "汇总报告"], ["汇总_2.docx", "汇总报告_2.docx", "汇总报告_3.docx"]),
        (["Unit", "unit", "UNIT"], ["Unit.docx", "unit_2.docx", "UNIT_3.docx"]),
        (["a/b", "a:b", "..hidden", "\x00"], ["a_b.docx", "a_b_2.docx", "hidden.docx", "unit.docx"]),
    ],
)
def test_report_names_are_distinct_safe_and_never_a_summary(names: list[str], files: list[str]) -> None:
    taken = _Names()
    assert [taken.take(name) for name in names] == files


def test_a_300_character_unit_name_gives_a_short_enough_file_name() -> None:
    name = safe_name("某" * 300)
    assert len(name.encode()) <= 180 and name == "某" * 60


@pytest.mark.rendering
def test_an_edited_report_is_replaced_only_with_force_and_a_foreign_file_never(units: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([units], out, jobs=1)
    edited = out / "unit0001.docx"
    edited.write_bytes(edited.read_bytes() + b"\0")  # still ours (the baseline part), but not as recorded
    (out / "unit0002.docx").write_bytes(b"someone else's file")
    for path in (units / "unit0001.yaml", units / "unit0002.yaml"):
        path.write_text(path.read_text(encoding="utf-8").replace("year: 2023", "year: 2024"), encoding="utf-8")
    again = run_batch([units], out, jobs=1)
    assert [u.status for u in again.units][:2] == ["failed", "failed"]
    assert "--force" in again.units[0].problems[0] and "不是可以覆盖的" in again.units[1].problems[0]
    forced = run_batch([units], out, jobs=1, force=True)
    assert [u.status for u in forced.units][:2] == ["ok", "failed"]
    assert (out / "unit0002.docx").read_bytes() == b"someone else's file"


@pytest.mark.rendering
def test_a_changed_unit_replaces_its_own_untouched_report_without_force(units: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch([units], out, jobs=1)
    path = units / "unit0001.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("year: 2023", "year: 2024"), encoding="utf-8")
    assert run_batch([units], out, jobs=1).units[0].status == "ok"


# --- one unit's failure is that unit's --------------------------------------------------


def _explode(raw: RawData) -> Checked:
    if raw.file.endswith("unit0002.yaml"):
        raise ZeroDivisionError("a bug")
    return check_data(raw)


@pytest.mark.rendering
@pytest.mark.parametrize("jobs", [1, 2])
def test_an_internal_error_fails_its_unit_and_the_summary_is_still_written(
    units: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    monkeypatch.setattr(Renderer, "check", lambda self, raw: _explode(raw))
    out = tmp_path / "out"
    result = runner.invoke(app, ["batch", str(units), "-o", str(out), "--jobs", str(jobs)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "内部错误：ZeroDivisionError: a bug" in result.output
    assert "共 6 个单位：生成 4 份" in result.output
    assert (out / "汇总.xlsx").exists() and (out / "汇总报告.docx").exists()
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert len([entry for entry in manifest["units"].values() if not entry.get("invalid")]) == 4


def _crash(raw: RawData) -> Checked:
    if raw.file.endswith("unit0003.yaml"):
        os._exit(9)  # a worker killed (out of memory, a crash in a library)
    return check_data(raw)


@pytest.mark.rendering
def test_a_unit_that_kills_its_worker_fails_alone(units: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Renderer, "check", lambda self, raw: _crash(raw))
    result = run_batch([units], tmp_path / "out", jobs=3)
    statuses = [u.status for u in result.units]
    assert statuses == ["ok", "ok", "failed", "failed", "ok", "ok"]
    assert "进程意外退出" in result.units[2].problems[0]
    assert "budget.executed" in result.units[3].problems[0]  # the broken unit fails for its own reason


@pytest.mark.rendering
def test_an_unreadable_input_is_a_failed_unit(units: Path, tmp_path: Path) -> None:
    (units / "folder.yaml").mkdir()  # not a file at all
    result = run_batch([units], tmp_path / "out", jobs=1)
    assert [u.status for u in result.units].count("ok") == 5
    (unreadable,) = [u for u in result.failed if u.source.endswith("folder.yaml")]
    assert "无法读取" in unreadable.problems[0]


# --- runs that were killed, or overlap ----------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.rendering
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("stop", [signal.SIGKILL, signal.SIGINT])
def test_a_batch_stopped_mid_run_leaves_no_workers_and_the_rerun_carries_on(tmp_path: Path, stop: int) -> None:
    data, out = tmp_path / "data", tmp_path / "out"
    write_units(data, 30)
    command = [sys.executable, "-m", "reportgen", "batch", str(data), "-o", str(out), "--jobs", "3"]
    batch = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    journal = out / ".reportgen-batch.journal"
    while batch.poll() is None and (not journal.exists() or journal.read_text(encoding="utf-8").count("\n") < 5):
        time.sleep(0.02)
    workers = _children(batch.pid)
    if stop == signal.SIGINT:
        os.killpg(batch.pid, stop)  # as Ctrl-C does: the whole process group
    else:
        batch.send_signal(stop)  # kill -9 of the batch alone
    _, stderr = batch.communicate(timeout=120)
    assert workers, "the batch ended before it could be stopped"
    deadline = time.monotonic() + 30
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [w for w in workers if _alive(w)]
    if stop == signal.SIGINT:
        assert batch.returncode == 130 and "已中断" in stderr and "Traceback" not in stderr
    (out / ".unit0029.docx.abcd1234.tmp").write_bytes(b"half a report")  # as a kill during fsync leaves it

    rerun = subprocess.run([*command[:-2], "--jobs", "2"], capture_output=True, text=True, timeout=300, check=False)
    assert rerun.returncode == 0, rerun.stderr
    skipped = int(rerun.stdout.split("未变化跳过 ")[1].split(" ")[0])
    assert skipped >= 5 and "失败 0 份" in rerun.stdout
    assert len(list(out.glob("unit*.docx"))) == 30
    assert not list(out.glob(".*.tmp")) and not journal.exists()
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert len(manifest["units"]) == 30


@pytest.mark.rendering
def test_a_second_batch_into_the_same_folder_is_refused_while_one_runs(units: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    with folder_lock(out), pytest.raises(OutputError, match="另一个 reportgen batch 正在向"):
        run_batch([units], out, jobs=1)
    assert run_batch([units], out, jobs=1).units[0].status == "ok"


@pytest.mark.rendering
def test_two_batches_into_one_folder_share_the_manifest(tmp_path: Path) -> None:
    first, second, out = tmp_path / "a", tmp_path / "b", tmp_path / "out"
    write_units(first, 2)
    (second / "x").mkdir(parents=True)
    (second / "other.yaml").write_text(LINGLING.read_text(encoding="utf-8"), encoding="utf-8")
    run_batch([first], out, jobs=1)
    run_batch([second], out, jobs=1)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert set(manifest["units"]) == {"unit0001.docx", "unit0002.docx", "other.docx"}
    assert [u.status for u in run_batch([first], out, jobs=1).units] == ["skipped", "skipped"]


@pytest.mark.rendering
def test_the_output_folder_may_be_the_input_folder(tmp_path: Path) -> None:
    write_units(tmp_path, 2)
    for _ in range(2):  # the second time, its own 汇总.xlsx is not taken for an input
        result = runner.invoke(app, ["batch", str(tmp_path), "-o", str(tmp_path)])
        assert result.exit_code == 0, result.output
        assert "共 2 个单位" in result.output


def _as_before_version_2(out: Path) -> None:
    """Make ``out`` look like a folder of reportgen < 2: a manifest that recorded no summaries."""
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    (out / MANIFEST).write_text(
        json.dumps(
            {
                "version": 1,
                "units": {
                    name: {"fingerprint": entry["fingerprint"], "result": entry["result"]}
                    for name, entry in manifest["units"].items()
                },
            }
        ),
        encoding="utf-8",
    )


@pytest.mark.rendering
def test_summaries_of_an_older_reportgen_are_recognised_by_their_content(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert runner.invoke(app, ["batch", str(LINGLING), "-o", str(out)]).exit_code == 0
    _as_before_version_2(out)
    result = runner.invoke(app, ["batch", str(LINGLING), "-o", str(out)])
    assert result.exit_code == 0, result.output


@pytest.mark.rendering
def test_an_input_workbook_beside_an_older_manifest_is_still_not_replaced(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert runner.invoke(app, ["batch", str(LINGLING), "-o", str(out)]).exit_code == 0
    _as_before_version_2(out)
    book = out / "汇总.xlsx"
    write_units_workbook(book, [read_data(LINGLING).data])  # the bureau's data, restored from a backup
    before = book.read_bytes()
    result = runner.invoke(app, ["batch", str(LINGLING), "-o", str(out), "--force"])
    assert result.exit_code == 2 and "汇总.xlsx" in result.output
    assert book.read_bytes() == before


def test_a_draft_unit_is_generated_and_summarised_without_a_total(tmp_path: Path) -> None:
    """A unit that has only its approved 绩效目标表 so far: a draft report, no invented total."""
    draft = ROOT / "examples" / "shifeng-2023-draft" / "data.yaml"
    example = lingling_in(2023, tmp_path / "example")
    result = runner.invoke(app, ["batch", str(draft), str(example), "-o", str(tmp_path / "out"), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "汇总.xlsx").exists() and (tmp_path / "out" / "汇总报告.docx").exists()
    units = run_batch([draft], tmp_path / "again")
    (unit,) = units.units
    assert unit.status == "ok" and unit.total == "" and unit.grade == ""
