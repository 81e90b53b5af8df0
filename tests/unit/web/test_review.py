"""The review's rules (who moves a report from which state to which) and the bureau's list of
units (rows, counts, filters, sorting), without a server or a database."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from reportgen.errors import Issue
from reportgen.web.access import LOCAL, Who
from reportgen.web.accounts import Unit, User
from reportgen.web.review import (
    ADMIN_READS,
    APPROVE,
    LONG_COMMENT,
    MAX_COMMENT,
    NO_COMMENT,
    NO_REVIEW,
    ONLY_REVIEWER,
    ONLY_UNIT,
    RETURN,
    SUBMIT,
    Change,
    comment_problem,
    panel,
    why_not,
)
from reportgen.web.review_list import Held, Query, listing, parse_query
from reportgen.web.store import Report
from reportgen.web.summary import Summary

BUREAU = 1
WHEN = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def who(role: str, unit_id: int | None = None) -> Who:
    return Who(User(7, f"{role}-login", "", role, unit_id, False, True, BUREAU), "token")


def report(
    status: str = "draft",
    unit_id: int = 10,
    *,
    report_id: int | None = None,
    year: int | None = 2025,
    kind: str = "department",
) -> Report:
    return Report(
        report_id or unit_id, "某县司法局", year, kind, WHEN, WHEN, unit_id=unit_id, bureau_id=BUREAU, status=status
    )


CLERK = who("unit", unit_id=10)
REVIEWER = who("reviewer")
ADMIN = who("admin")


# --- the state machine ---------------------------------------------------------------------


@pytest.mark.parametrize("status", ["draft", "returned"])
def test_the_unit_submits_its_report_while_it_is_being_filled_or_was_returned(status: str) -> None:
    assert why_not(SUBMIT, CLERK, report(status)) is None


@pytest.mark.parametrize("status", ["submitted", "approved"])
def test_a_submitted_or_approved_report_cannot_be_submitted_again(status: str) -> None:
    refused = why_not(SUBMIT, CLERK, report(status))
    assert refused is not None and refused.stale and refused.status == 409
    assert "已提交" in refused.message or "已通过" in refused.message


def test_a_reviewer_returns_a_submitted_or_approved_report() -> None:
    assert why_not(RETURN, REVIEWER, report("submitted")) is None
    assert why_not(RETURN, REVIEWER, report("approved")) is None
    assert why_not(RETURN, REVIEWER, report("draft")) is not None
    assert why_not(RETURN, REVIEWER, report("returned")) is not None


def test_a_reviewer_approves_only_a_submitted_report() -> None:
    assert why_not(APPROVE, REVIEWER, report("submitted")) is None
    for status in ("draft", "returned", "approved"):
        refused = why_not(APPROVE, REVIEWER, report(status))
        assert refused is not None and refused.stale


def test_a_stale_move_says_the_current_state_and_that_someone_acted_first() -> None:
    refused = why_not(APPROVE, REVIEWER, report("returned"))
    assert refused is not None
    assert "未能审核通过" in refused.message and "“已退回”" in refused.message
    assert "另一位审核人员" in refused.message


def test_only_the_roles_named_make_each_move() -> None:
    assert why_not(SUBMIT, REVIEWER, report("draft")) == why_not(SUBMIT, REVIEWER, report("submitted"))
    refused = why_not(SUBMIT, REVIEWER, report("draft"))
    assert refused is not None and refused.message == ONLY_UNIT and refused.status == 403
    refused = why_not(APPROVE, CLERK, report("submitted"))
    assert refused is not None and refused.message == ONLY_REVIEWER


def test_an_admin_reads_but_reviews_nothing() -> None:
    for move in (SUBMIT, RETURN, APPROVE):
        refused = why_not(move, ADMIN, report("submitted"))
        assert refused is not None and refused.message == ADMIN_READS


def test_local_mode_has_no_review() -> None:
    refused = why_not(SUBMIT, LOCAL, report("draft"))
    assert refused is not None and refused.message == NO_REVIEW


def test_a_return_needs_a_comment_of_at_most_2000_characters() -> None:
    assert comment_problem("") == NO_COMMENT
    assert comment_problem("  \n ") == NO_COMMENT
    assert comment_problem("请核对预算执行数") is None
    assert comment_problem("字" * MAX_COMMENT) is None
    assert comment_problem("字" * (MAX_COMMENT + 1)) == LONG_COMMENT


# --- the panel ---------------------------------------------------------------------------


def test_the_unit_is_offered_to_submit_once_its_data_has_no_error() -> None:
    ready = panel(CLERK, report("draft"), comment="", errors=0, last=None)
    assert ready.offers("submit") and ready.blocked is None and ready.locked is None
    blocked = panel(CLERK, report("draft"), comment="", errors=3, last=None)
    assert not blocked.offers("submit")
    assert blocked.blocked is not None and "3 处错误" in blocked.blocked


def test_a_returned_report_shows_the_comment_and_who_returned_it() -> None:
    last = Change("return", "王审核", WHEN)
    shown = panel(CLERK, report("returned"), comment="请补充佐证材料", errors=0, last=last)
    assert shown.returned and shown.status_name == "已退回"
    assert shown.comment == "请补充佐证材料" and shown.last == last
    assert shown.offers("submit")


def test_who_and_when_are_shown_only_of_the_move_that_made_the_state() -> None:
    submitted = Change("submit", "李填报", WHEN)
    assert panel(REVIEWER, report("submitted"), comment="", errors=0, last=submitted).last == submitted
    assert panel(REVIEWER, report("approved"), comment="", errors=0, last=submitted).last is None


def test_a_submitted_report_is_read_only_for_its_unit_and_offers_the_reviewer_both_moves() -> None:
    unit_side = panel(CLERK, report("submitted"), comment="", errors=0, last=None)
    assert unit_side.locked is not None and "已提交" in unit_side.locked and not unit_side.moves
    reviewer_side = panel(REVIEWER, report("submitted"), comment="", errors=0, last=None)
    assert [m.action for m in reviewer_side.moves] == ["return", "approve"]
    assert reviewer_side.locked is not None


def test_an_approved_report_can_only_be_returned() -> None:
    shown = panel(REVIEWER, report("approved"), comment="", errors=0, last=None)
    assert [m.action for m in shown.moves] == ["return"]
    assert panel(CLERK, report("approved"), comment="", errors=0, last=None).locked is not None


# --- the bureau's list ---------------------------------------------------------------------


def unit(unit_id: int, name: str, code: str | None) -> Unit:
    return Unit(unit_id, name, code, "", BUREAU)


def summary(total: str | None, rate: str | None, errors: int = 0, grade: str = "") -> Summary:
    return Summary(
        "可定稿",
        "",
        [Issue("budget.executed", "不是数字")] * errors,
        [],
        [],
        total=Decimal(total) if total else None,
        total_text=total or "—",
        grade=grade,
        execution_rate=Decimal(rate) if rate else None,
        execution_text=f"{rate}%" if rate else "—",
    )


UNITS = [unit(10, "司法局", "003"), unit(11, "教育局", "001"), unit(12, "水利局", "002"), unit(13, "林业局", None)]
HELD = [
    Held(report("submitted", 10, report_id=1), summary("92.5", "98.00", grade="优")),
    Held(report("draft", 11, report_id=2, year=2025), summary(None, None, errors=2)),
    Held(report("approved", 12, report_id=3), summary("78", "60.00", grade="中")),
    Held(report("approved", 12, report_id=4, year=2024), summary("88", "90.00", grade="良")),
]


def test_the_list_shows_the_latest_year_and_units_without_a_report_as_not_started() -> None:
    shown = listing(UNITS, HELD, parse_query())
    assert shown.query.year == 2025 and shown.years == [2025, 2024]
    assert [(row.unit.name, row.status_name) for row in shown.rows] == [
        ("教育局", "填报中"),
        ("水利局", "已通过"),
        ("司法局", "已提交"),
        ("林业局", "未开始"),  # no 单位代码: last
    ]
    assert dict((title, count) for _key, title, count in shown.counts) == {
        "未开始": 1,
        "填报中": 1,
        "已提交": 1,
        "已退回": 0,
        "已通过": 1,
    }


def test_another_year_lists_that_years_reports_and_every_other_unit_as_not_started() -> None:
    shown = listing(UNITS, HELD, parse_query(year="2024"))
    assert [(row.unit.name, row.status) for row in shown.rows] == [
        ("教育局", "none"),
        ("水利局", "approved"),
        ("司法局", "none"),
        ("林业局", "none"),
    ]


def test_a_kind_leaves_out_reports_of_the_other_kind() -> None:
    shown = listing(UNITS, HELD, parse_query(kind="project"))
    assert {row.status for row in shown.rows} == {"none"} and len(shown.rows) == 4
    assert shown.heading == "2025 年度 · 项目支出"
    assert listing([], [], parse_query()).heading == ""


def test_the_status_filter_keeps_the_counts_of_every_status() -> None:
    shown = listing(UNITS, HELD, parse_query(status="none"))
    assert [row.unit.name for row in shown.rows] == ["林业局"]
    assert shown.total == 4 and sum(count for *_rest, count in shown.counts) == 4


def test_a_search_finds_units_by_name_or_code_and_the_counts_are_of_what_it_found() -> None:
    found = listing(UNITS, HELD, parse_query(q=" 水利 "))
    assert [row.unit.name for row in found.rows] == ["水利局"]
    assert found.total == 1 and [count for key, _title, count in found.counts if key == "approved"] == [1]
    assert [row.unit.name for row in listing(UNITS, HELD, parse_query(q="003")).rows] == ["司法局"]
    assert listing(UNITS, HELD, parse_query(q="水利 003")).rows == []


def test_sorting_by_a_figure_puts_rows_without_one_last_in_either_direction() -> None:
    by_score = listing(UNITS, HELD, parse_query(sort="score", order="desc"))
    assert [row.unit.name for row in by_score.rows] == ["司法局", "水利局", "教育局", "林业局"]
    ascending = listing(UNITS, HELD, parse_query(sort="score"))
    assert [row.unit.name for row in ascending.rows][:2] == ["水利局", "司法局"]
    assert {row.unit.name for row in ascending.rows[2:]} == {"教育局", "林业局"}


def test_sorting_by_status_follows_the_review_and_by_grade_from_best() -> None:
    by_status = listing(UNITS, HELD, parse_query(sort="status"))
    assert [row.status for row in by_status.rows] == ["none", "draft", "submitted", "approved"]
    by_grade = listing(UNITS, HELD, parse_query(sort="grade"))
    assert [row.summary.grade for row in by_grade.rows if row.summary][:2] == ["优", "中"]


def test_sorting_by_errors_and_execution_rate() -> None:
    by_errors = listing(UNITS, HELD, parse_query(sort="errors", order="desc"))
    assert by_errors.rows[0].unit.name == "教育局"
    by_rate = listing(UNITS, HELD, parse_query(sort="rate"))
    assert [row.unit.name for row in by_rate.rows][:2] == ["水利局", "司法局"]


def test_a_query_string_is_bounded_and_what_it_does_not_know_is_the_default() -> None:
    query = parse_query(year="20255", kind="<script>", status="deleted", q="x" * 500, sort="password", order="up")
    assert query == Query(search="x" * 100)
    assert parse_query(year="none").no_year


def test_links_keep_the_query_and_a_heading_turns_the_order() -> None:
    query = parse_query(year="2025", status="submitted", q="局")
    assert query.link(status="") == "?year=2025&q=%E5%B1%80"
    assert query.sorted_by("score") == "?year=2025&status=submitted&q=%E5%B1%80&sort=score&order=desc"
    assert parse_query(sort="unit").sorted_by("unit") == "?sort=unit&order=desc"


def test_reports_without_a_year_are_listed_under_their_own_choice() -> None:
    held = [Held(report("draft", 10, report_id=9, year=None), summary(None, None))]
    shown = listing(UNITS, held, parse_query())
    assert shown.query.no_year and shown.has_no_year and shown.years == []
    assert [row.status for row in shown.rows].count("draft") == 1
