"""Who may read and change which report (web/access.py): the rule of bureau mode."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.web.access import APPROVED, LOCAL, NO_UNIT, REVIEWERS_READ_ONLY, SUBMITTED, Who
from reportgen.web.accounts import User


@dataclass(frozen=True)
class Held:
    unit_id: int | None
    bureau_id: int | None
    status: str = "draft"


def user(role: str, unit_id: int | None = None, bureau_id: int = 1) -> Who:
    return Who(User(7, "someone", "", role, unit_id, False, True, bureau_id), "token")


OWN = Held(unit_id=10, bureau_id=1)
NEIGHBOUR = Held(unit_id=11, bureau_id=1)
ELSEWHERE = Held(unit_id=20, bureau_id=2)
LOCAL_REPORT = Held(unit_id=None, bureau_id=None)


def test_local_mode_reads_changes_and_creates_everything() -> None:
    assert all(LOCAL.reads(report) for report in (OWN, ELSEWHERE, LOCAL_REPORT))
    assert LOCAL.why_not_change(Held(10, 1, "approved")) is None
    assert LOCAL.why_not_create() is None and LOCAL.why_not_draft() is None


def test_a_unit_user_reads_only_its_own_units_reports() -> None:
    unit = user("unit", unit_id=10)
    assert unit.reads(OWN)
    assert not unit.reads(NEIGHBOUR) and not unit.reads(ELSEWHERE) and not unit.reads(LOCAL_REPORT)


def test_a_unit_changes_its_data_while_it_is_being_filled_or_was_returned_only() -> None:
    unit = user("unit", unit_id=10)
    assert unit.why_not_change(Held(10, 1, "draft")) is None
    assert unit.why_not_change(Held(10, 1, "returned")) is None
    assert unit.why_not_change(Held(10, 1, "submitted")) == SUBMITTED
    assert unit.why_not_change(Held(10, 1, "approved")) == APPROVED
    assert unit.why_not_draft() is None and unit.why_not_create() is None


def test_reviewers_and_admins_read_their_bureau_only_and_change_no_units_data() -> None:
    for role in ("reviewer", "admin"):
        overseer = user(role, bureau_id=1)
        assert overseer.reads(OWN) and overseer.reads(NEIGHBOUR)
        assert not overseer.reads(ELSEWHERE) and not overseer.reads(LOCAL_REPORT)
        assert overseer.why_not_change(OWN) == REVIEWERS_READ_ONLY
        assert overseer.why_not_draft() == REVIEWERS_READ_ONLY
        assert overseer.why_not_create() == NO_UNIT
        assert overseer.oversees


def test_only_reviewers_review_and_only_admins_administer() -> None:
    assert user("reviewer").reviews and not user("reviewer").administers
    assert user("admin").administers and not user("admin").reviews
    assert not user("unit", 10).oversees and not LOCAL.oversees
