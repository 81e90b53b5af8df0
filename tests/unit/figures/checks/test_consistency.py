"""Findings of the figures rules (figures/checks; docs/data-format.md "Consistency rules", docs/domain.md §4).

Every file in ``tests/fixtures/valid`` is well-formed. ``clean.yaml`` is fully consistent
and has no finding; each other file is ``clean.yaml`` with one change, and announces the
findings that change causes at its top — warnings, errors and items still missing::

    # expect: <path> | <part of the Chinese message>
    # expect error: <path> | <part of the Chinese message>
    # expect missing: <path> | <part of the Chinese message>
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from reportgen.api import load
from reportgen.errors import Issue, Severity
from samples import FIXTURES as FIXTURES_DIR
from samples import LINGLING, LINGLING_PROJECT

VALID = FIXTURES_DIR / "valid"
CLEAN = VALID / "clean.yaml"

FIXTURES = sorted(p for p in VALID.glob("*.yaml") if p != CLEAN)
CJK = re.compile(r"[\u4e00-\u9fff]")
LOCATION = re.compile(r"^第\d+行第\d+列$")


@dataclass(frozen=True)
class Expect:
    path: str
    text: str
    severity: Severity = Severity.WARNING

    def matches(self, issue: Issue) -> bool:
        return issue.severity is self.severity and issue.path == self.path and self.text in issue.message


_KINDS = {"# expect:": Severity.WARNING, "# expect error:": Severity.ERROR, "# expect missing:": Severity.MISSING}


def expectations(fixture: Path) -> list[Expect]:
    found = []
    for line in fixture.read_text(encoding="utf-8").splitlines():
        for prefix, severity in _KINDS.items():
            if line.startswith(prefix):
                path, text = (part.strip() for part in line.removeprefix(prefix).split("|", 1))
                found.append(Expect(path, text, severity))
    return found


def _show(issues: list[Issue]) -> str:
    return "\n".join(f"{i.severity} {i.path!r} {i.location} {i.message}" for i in issues)


def test_clean_report_has_no_issue() -> None:
    checked = load(CLEAN)
    assert checked.issues == [], _show(checked.issues)
    assert checked.figures is not None
    assert checked.figures.total_weight == 100
    assert checked.figures.grade == "优"


def test_there_is_a_fixture_per_rule() -> None:
    assert len(FIXTURES) >= 16


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_fixture_gives_exactly_its_findings(fixture: Path) -> None:
    expected = expectations(fixture)
    assert expected, f"{fixture.name} has no '# expect:' line"
    checked = load(fixture)
    found = checked.issues
    for expect in expected:
        assert any(expect.matches(issue) for issue in found), f"{expect} not in:\n{_show(found)}"
    for issue in found:
        assert any(x.matches(issue) for x in expected), f"unexpected: {issue}"
    assert len(found) == len(expected)
    assert checked.ok == (not any(x.severity is Severity.ERROR for x in expected))


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda p: p.stem)
def test_warnings_are_chinese_with_label_and_location(fixture: Path) -> None:
    for warning in load(fixture).warnings:
        assert warning.severity is Severity.WARNING
        assert CJK.search(warning.message)
        assert warning.label and CJK.search(warning.label), warning
        assert LOCATION.match(warning.location), warning


def test_warnings_point_at_the_line_to_fix() -> None:
    (warning,) = load(VALID / "over_achievement.yaml").warnings
    line = int(warning.location[1:].split("行")[0])
    text = (VALID / "over_achievement.yaml").read_text(encoding="utf-8").splitlines()
    assert "法律援助办案数量" in text[line - 1]


def test_warnings_do_not_change_the_figures() -> None:
    """A warning is a finding, never a correction: the figures stay those of the data."""
    checked = load(VALID / "executed_over_adjusted.yaml")
    assert checked.figures is not None
    assert str(checked.figures.budget.rate) == "103.64"
    assert checked.figures.budget.score == 10  # capped at the weight


# ---------------------------------------------------------------------------
# the seed's own inconsistencies (docs/domain.md §4.2) are found in the examples


def test_lingling_warnings_are_the_seeds_inconsistencies() -> None:
    checked = load(LINGLING)
    assert checked.errors == []
    warnings = checked.warnings
    over = [w for w in warnings if w.path == "indicators[2].deviation"]
    assert len(over) == 1
    assert "积极受理各类矛盾纠纷" in over[0].message and "324.00%" in over[0].message
    projects = [w for w in warnings if w.path == "projects"]
    assert len(projects) == 1
    assert "174.15万元" in projects[0].message and "442.93万元" in projects[0].message
    assert "相差268.78万元" in projects[0].message
    not_exact = {w.path for w in warnings if "不是确切数值" in w.message}
    assert not_exact == {"indicators[0].actual", "indicators[1].actual"}
    # the department table itself adds up (docs/domain.md §4.2): no money warning
    assert not [w for w in warnings if w.path.startswith(("budget", "money_unit"))]


def test_lingling_project_flags_execution_above_the_budget() -> None:
    checked = load(LINGLING_PROJECT)
    assert checked.errors == []
    over = [w for w in checked.warnings if w.path == "budget.executed"]
    assert len(over) == 1
    assert "442.92万元" in over[0].message and "318.40万元" in over[0].message
    assert "139.11%" in over[0].message
    projects = [w for w in checked.warnings if w.path == "projects"]
    assert len(projects) == 1 and "相差268.77万元" in projects[0].message
