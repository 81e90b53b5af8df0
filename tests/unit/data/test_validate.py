"""Validation errors as a user meets them (docs/data-format.md is the contract).

Every file in ``tests/fixtures/invalid`` is a small report with one kind of error (one file
has several). Its expected errors are written at its top as comment lines::

    # expect: <path> | <part of the Chinese message> [| <location>]

JSON has no comments, so a JSON fixture keeps those lines in ``<name>.json.expect``.
An empty path means an error about the whole file (syntax, empty file, …).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from reportgen.api import load
from reportgen.cli import app
from reportgen.data.starter import STARTER_NAME, starter_text
from reportgen.errors import DataError, Issue, Severity
from samples import FIXTURES as FIXTURES_DIR
from samples import ROOT

INVALID = FIXTURES_DIR / "invalid"
LINGLING = ROOT / "examples" / "lingling-2022" / "data.yaml"
LINGLING_PROJECT = ROOT / "examples" / "lingling-2022-project" / "data.yaml"
EXAMPLES = [LINGLING, LINGLING_PROJECT]
STARTER = ROOT / "narratives" / "_common" / "starter.yaml"

DATA_SUFFIXES = {".yaml", ".yml", ".json"}
FIXTURES = sorted(p for p in INVALID.iterdir() if p.suffix in DATA_SUFFIXES)
YAML_FIXTURES = [p for p in FIXTURES if p.suffix != ".json"]
CJK = re.compile(r"[\u4e00-\u9fff]")
LOCATION = re.compile(r"^第\d+行第\d+列$")

runner = CliRunner()


@dataclass(frozen=True)
class Expect:
    path: str
    text: str
    location: str = ""

    def matches(self, issue: Issue) -> bool:
        return (
            issue.path == self.path
            and self.text in issue.message
            and (not self.location or issue.location == self.location)
        )


def expectations(fixture: Path) -> list[Expect]:
    """The ``# expect:`` lines of a fixture (of its ``.expect`` file for JSON)."""
    source = fixture.with_name(fixture.name + ".expect") if fixture.suffix == ".json" else fixture
    found = []
    for line in source.read_text(encoding="utf-8").splitlines():
        if line.startswith("# expect:"):
            parts = [part.strip() for part in line.removeprefix("# expect:").split("|")]
            found.append(Expect(*parts))
    return found


def issues_of(path: Path) -> list[Issue]:
    """Every issue of a data file, whether found when reading it or when checking it."""
    try:
        checked = load(path)
    except DataError as exc:
        return exc.issues
    return checked.issues


def errors_of(path: Path) -> list[Issue]:
    return [issue for issue in issues_of(path) if issue.severity is Severity.ERROR]


def _show(issues: list[Issue]) -> str:
    return "\n".join(f"{i.path!r} {i.location} {i.message}" for i in issues)


# ---------------------------------------------------------------------------
# the fixtures themselves


def test_there_are_enough_fixtures() -> None:
    assert len(FIXTURES) >= 20
    assert sum(p.suffix == ".json" for p in FIXTURES) >= 2


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_every_expected_error_is_reported(fixture: Path) -> None:
    expected = expectations(fixture)
    assert expected, f"{fixture.name} has no '# expect:' line"
    errors = errors_of(fixture)
    for expect in expected:
        assert any(expect.matches(e) for e in errors), f"{expect} not in:\n{_show(errors)}"


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_no_unexpected_error(fixture: Path) -> None:
    """Each fixture is otherwise valid: every error it produces is one it announces."""
    expected = expectations(fixture)
    for error in errors_of(fixture):
        assert any(x.matches(error) for x in expected), f"unexpected: {error}"


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_messages_are_chinese_and_carry_labels(fixture: Path) -> None:
    for issue in issues_of(fixture):
        assert CJK.search(issue.message), issue
        for leak in ("Traceback", "pydantic", "ValidationError", "Input should", "errors.pydantic"):
            assert leak not in issue.message, issue
        if issue.path and "不认识的字段" not in issue.message:  # an unknown key has no label
            assert issue.label and CJK.search(issue.label), issue


@pytest.mark.parametrize("fixture", [p for p in YAML_FIXTURES if p.name != "empty.yaml"], ids=lambda p: p.name)
def test_yaml_errors_say_where(fixture: Path) -> None:
    lines = fixture.read_text(encoding="utf-8").count("\n") + 1
    for error in errors_of(fixture):
        assert LOCATION.match(error.location), error
        line = int(error.location[1:].split("行")[0])
        assert 1 <= line <= lines, error


def test_malformed_yaml_is_an_error_about_the_file_with_line_and_column() -> None:
    with pytest.raises(DataError) as caught:
        load(INVALID / "malformed_yaml.yaml")
    (issue,) = caught.value.issues
    assert issue.path == ""
    assert issue.location == "第8行第15列"
    assert "冒号" in issue.message


def test_malformed_json_is_an_error_with_line_and_column() -> None:
    with pytest.raises(DataError) as caught:
        load(INVALID / "malformed_json.json")
    (issue,) = caught.value.issues
    assert issue.path == "" and issue.location == "第7行第72列"
    assert "JSON 格式错误" in issue.message


def test_unknown_key_suggests_the_closest_one() -> None:
    errors = errors_of(INVALID / "unknown_key_typo.yaml")
    typo = next(e for e in errors if e.path == "indicatros")
    assert "不认识的字段“indicatros”" in typo.message
    assert "是否应为“indicators”？" in typo.message


def test_errors_name_the_chinese_label() -> None:
    (error,) = errors_of(INVALID / "score_above_weight.yaml")
    assert error.label == "得分"
    assert error.describe("f.yaml") == (f"f.yaml:{error.location}: indicators[1].score（得分）: {error.message}")


# ---------------------------------------------------------------------------
# several errors at once


@pytest.mark.rendering
def test_several_errors_are_all_listed() -> None:
    fixture = INVALID / "several_errors.yaml"
    expected = expectations(fixture)
    errors = errors_of(fixture)
    assert len(expected) >= 3
    assert len({e.path for e in errors}) == len(expected) == len(errors)
    checked = load(fixture)
    assert not checked.ok and checked.report is None and checked.figures is None
    text = DataError(str(fixture), checked.issues).render()
    assert f"数据有 {len(expected)} 处错误" in text
    for error in errors:
        assert error.message in text


def test_cross_field_errors_are_listed_together_with_shape_errors(tmp_path: Path) -> None:
    text = (INVALID / "unknown_level1.yaml").read_text(encoding="utf-8")
    path = tmp_path / "data.yaml"
    path.write_text(text.replace("money_unit: 万元", "money_unit: 千元"), encoding="utf-8")
    paths = {e.path for e in errors_of(path)}
    assert {"money_unit", "indicators[0].level1"} <= paths


def test_duplicate_key_is_an_error_at_its_second_place() -> None:
    with pytest.raises(DataError) as caught:
        load(INVALID / "duplicate_key.yaml")
    (issue,) = caught.value.issues
    assert issue.path == "budget.executed" and issue.label == "全年执行数"
    assert issue.location == "第12行第3列"


def test_duplicate_key_in_json_is_an_error(tmp_path: Path) -> None:
    text = (INVALID / "unknown_key.json").read_text(encoding="utf-8")
    path = tmp_path / "data.json"
    path.write_text(text.replace('"excuted": 118.00', '"executed": 118.00, "executed": 1.18'), encoding="utf-8")
    assert any(e.path == "budget.executed" for e in errors_of(path))


def test_impossible_date_is_a_data_error(tmp_path: Path) -> None:
    text = (ROOT / "tests" / "fixtures" / "valid" / "clean.yaml").read_text(encoding="utf-8")
    path = tmp_path / "data.yaml"
    path.write_text(text + "date: 2025-13-01\n", encoding="utf-8")
    assert any(e.path == "date" for e in errors_of(path))


def test_strict_lower_bound_is_worded_as_such(tmp_path: Path) -> None:
    text = (ROOT / "tests" / "fixtures" / "valid" / "clean.yaml").read_text(encoding="utf-8")
    path = tmp_path / "data.yaml"
    path.write_text(text + "scoring: {over_threshold: 1}\n", encoding="utf-8")
    (error,) = errors_of(path)
    assert error.path == "scoring.over_threshold"
    assert "大于 1" in error.message and "不小于" not in error.message


# ---------------------------------------------------------------------------
# reportgen validate


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_cli_validate_fails_on_invalid_data(fixture: Path) -> None:
    result = runner.invoke(app, ["validate", str(fixture)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert CJK.search(result.stderr)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.parent.name)
def test_cli_validate_accepts_the_examples(example: Path) -> None:
    result = runner.invoke(app, ["validate", str(example)])
    assert result.exit_code == 0, result.output
    assert "可以生成草稿" in result.stdout and "尚未填写 1 处" in result.stdout  # the seed has no 成文日期
    assert "错误 0 处" in result.stdout


def test_cli_validate_json_gives_figures_of_lingling() -> None:
    result = runner.invoke(app, ["validate", "--json", str(LINGLING)])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert {"errors", "warnings", "figures"} <= payload.keys()
    assert payload["errors"] == []
    assert payload["warnings"], "lingling-2022 keeps the seed's inconsistencies"
    for warning in payload["warnings"]:
        assert set(warning) == {"path", "label", "location", "message"}
    figures = payload["figures"]
    assert figures["execution_rate"] == "100.00%"
    assert figures["total_score"] == "98.00"
    assert figures["grade"] == "优"


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.name)
def test_cli_validate_json_lists_the_errors(fixture: Path) -> None:
    result = runner.invoke(app, ["validate", "--json", str(fixture)])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["figures"] is None
    paths = {e["path"] for e in payload["errors"]}
    assert {x.path for x in expectations(fixture)} <= paths


@pytest.mark.parametrize("name", ["malformed_yaml.yaml", "malformed_json.json", "empty.yaml", "duplicate_key.yaml"])
def test_cli_validate_json_on_unreadable_file_is_json(name: str) -> None:
    fixture = INVALID / name
    result = runner.invoke(app, ["validate", "--json", str(fixture)])
    assert result.exit_code == 1
    payload = json.loads(result.stdout)
    assert payload["figures"] is None and payload["warnings"] == []
    (error,) = payload["errors"]
    (expect,) = expectations(fixture)
    assert error["path"] == expect.path and expect.text in error["message"]
    assert error["location"] == expect.location


def test_cli_validate_strict_fails_on_warnings() -> None:
    assert runner.invoke(app, ["validate", str(LINGLING)]).exit_code == 0
    result = runner.invoke(app, ["validate", "--strict", str(LINGLING)])
    assert result.exit_code == 1
    assert "[提示]" in result.stderr


# ---------------------------------------------------------------------------
# reportgen init: the starter file

# Every key of docs/data-format.md, written (or commented out) in the starter file.
DATA_FORMAT_KEYS = [
    "format",
    "kind",
    "year",
    "money_unit",
    "unit",
    "budget",
    "projects",
    "goals",
    "indicators",
    "performance",
    "problems",
    "measures",
    "application",
    "other",
    "project",
    "scoring",
    "name",
    "short_name",
    "code",
    "level",
    "functions",
    "departments",
    "staff",
    "overview",
    "authorized",
    "actual",
    "in_service",
    "retired",
    "initial",
    "adjusted",
    "executed",
    "weight",
    "by_source",
    "by_nature",
    "general_public",
    "government_fund",
    "state_capital",
    "social_insurance",
    "special_account",
    "carryover",
    "basic",
    "personnel",
    "public_use",
    "source",
    "note",
    "expected",
    "level1",
    "level2",
    "target",
    "score",
    "grade",
    "deviation",
    "standard",
    "direction",
    "applicable",
    "title",
    "text",
    "cause",
    "authority",
    "implementer",
    "group_weights",
    "over_threshold",
    "qualitative_bands",
]


def test_starter_is_the_shipped_file() -> None:
    assert starter_text() == STARTER.read_text(encoding="utf-8")


def test_starter_mentions_every_key() -> None:
    text = STARTER.read_text(encoding="utf-8")
    for key in DATA_FORMAT_KEYS:
        assert re.search(rf"(^|[\s#{{-]){key}:", text, re.MULTILINE), key
    for form in (
        "≥90%",
        "≤90万元",
        "400-500人",
        "不适用",
        "定性",
        "达成、部分达成",
        "department",
        "project",
        "元",
        "万元",
    ):
        assert form in text, form


def test_starter_fills_in_every_required_key() -> None:
    data = yaml.safe_load(STARTER.read_text(encoding="utf-8"))
    assert {"format", "kind", "year", "money_unit", "unit", "budget", "indicators"} <= data.keys()
    indicator_keys = set().union(*(ind.keys() for ind in data["indicators"]))
    assert {"level1", "level2", "name", "target", "actual", "weight", "grade"} <= indicator_keys
    assert {ind["level1"] for ind in data["indicators"]} == {"产出指标", "效益指标", "满意度指标"}


def test_starter_validates_cleanly() -> None:
    checked = load(STARTER)
    assert checked.errors == [] and checked.warnings == [], _show(checked.issues)


@pytest.mark.rendering
def test_init_writes_a_starter_that_validates_and_renders(tmp_path: Path) -> None:
    folder = tmp_path / "新单位"
    result = runner.invoke(app, ["init", str(folder)])
    assert result.exit_code == 0, result.output
    written = folder / STARTER_NAME
    assert written.read_text(encoding="utf-8") == STARTER.read_text(encoding="utf-8")
    assert str(written) in result.stdout

    checked = load(written)
    assert checked.errors == [] and checked.warnings == [], _show(checked.issues)
    assert runner.invoke(app, ["validate", "--strict", str(written)]).exit_code == 0

    out = tmp_path / "报告.docx"
    result = runner.invoke(app, ["render", str(written), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:2] == b"PK"


def test_init_refuses_to_overwrite_without_force(tmp_path: Path) -> None:
    written = tmp_path / STARTER_NAME
    written.write_text("format: reportgen/1  # 已经改过的数据\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert "已存在" in result.stderr and "--force" in result.stderr
    assert written.read_text(encoding="utf-8") == "format: reportgen/1  # 已经改过的数据\n"

    result = runner.invoke(app, ["init", str(tmp_path), "--force"])  # edited data is the user's: never replaced
    assert result.exit_code == 2 and "加 --force 也不会覆盖" in result.stderr
    assert written.read_text(encoding="utf-8") == "format: reportgen/1  # 已经改过的数据\n"

    written.write_text(starter_text(), encoding="utf-8")  # as init wrote it, untouched
    result = runner.invoke(app, ["init", str(tmp_path), "--force"])
    assert result.exit_code == 0, result.output
    assert written.read_text(encoding="utf-8") == starter_text()
    assert [p.name for p in tmp_path.iterdir()] == [STARTER_NAME]
