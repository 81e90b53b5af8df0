"""The workspace's reports and their versions. Every save is a new version; nothing is
deleted. A save names the version it was based on and is refused if a newer one exists.

In bureau mode a store is made per request for its signed-in user (:class:`Actor`): every
change it makes is written to the audit log in the same transaction."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from reportgen.web import audit
from reportgen.web.access import APPROVED, OPEN_STATUSES, SUBMITTED
from reportgen.web.audit import Actor
from reportgen.web.datafile import to_json
from reportgen.web.db import ReportRow, UnitRow, VersionRow, now, writing
from reportgen.web.engine import lock_row, stored_text


class Locked(Exception):
    """A save in bureau mode of a report whose data is locked by its review state (submitted or
    approved between the route's check and the save): nothing was saved; ``reason`` says why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Conflict(Exception):
    """A save based on an older version than the latest: nothing was saved."""

    def __init__(self, latest: int) -> None:
        super().__init__(f"已有更新的第 {latest} 版")
        self.latest = latest


@dataclass(frozen=True)
class Report:
    id: int
    unit_name: str
    year: int | None
    kind: str
    created: datetime
    updated: datetime
    narrative: str = "standard"  # the chapters' template set: standard or hunan
    style: str = ""  # a built-in style's name; "" the default
    unit_id: int | None = None  # bureau mode: the unit whose report this is
    bureau_id: int | None = None  # … and that unit's bureau
    status: str = "draft"  # draft | submitted | returned | approved
    review_comment: str = ""
    status_changed: datetime | None = None


@dataclass(frozen=True)
class Version:
    id: int
    report_id: int
    number: int
    data: str  # JSON text
    created: datetime
    note: str


@dataclass(frozen=True)
class Head:
    """A report's latest version without its data: what a list of reports shows of it."""

    id: int
    report_id: int
    number: int


_HEADS_AT_ONCE = 500  # report ids per query (SQLite allows 32766 parameters)
_UNIT_NAME, _KIND = 200, 20  # the columns' lengths (db.ReportRow)
_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1  # an INTEGER column's range on PostgreSQL


def _heading(data: Any) -> tuple[str, int | None, str]:
    """Unit name, year and kind of data that may still be incomplete or invalid."""
    fields = data if isinstance(data, dict) else {}
    unit = fields.get("unit")
    name = unit.get("name") if isinstance(unit, dict) else None
    year = fields.get("year")
    kind = fields.get("kind")
    return (
        stored_text(name, _UNIT_NAME) if isinstance(name, str) and name.strip() else "（未填写单位名称）",
        year if isinstance(year, int) and not isinstance(year, bool) and _INT_MIN <= year <= _INT_MAX else None,
        stored_text(kind, _KIND) if isinstance(kind, str) else "",
    )


def _utc(moment: datetime) -> datetime:
    """A stored moment: UTC, which SQLite returns without its zone."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


_REPORT = (
    ReportRow.id,
    ReportRow.unit_name,
    ReportRow.year,
    ReportRow.kind,
    ReportRow.created,
    ReportRow.updated,
    ReportRow.narrative,
    ReportRow.style,
    ReportRow.unit_id,
    UnitRow.bureau_id,
    ReportRow.status,
    ReportRow.review_comment,
    ReportRow.status_changed,
)


def _reports(*more: Any) -> Any:
    """A query of reports (with their unit's bureau) and ``more`` columns."""
    return select(*_REPORT, *more).outerjoin(UnitRow, UnitRow.id == ReportRow.unit_id)


def _report(row: Any) -> Report:
    changed = row[12]
    return Report(
        row[0],
        row[1],
        row[2],
        row[3],
        _utc(row[4]),
        _utc(row[5]),
        row[6],
        row[7],
        row[8],
        row[9],
        row[10],
        row[11],
        _utc(changed) if changed is not None else None,
    )


def _version(row: VersionRow) -> Version:
    return Version(row.id, row.report_id, row.number, row.data, _utc(row.created), row.note)


class Store:
    def __init__(self, engine: Engine, actor: Actor | None = None) -> None:
        self.engine = engine
        self.actor = actor  # bureau mode: whom the audit log names for every change

    def acting(self, actor: Actor | None) -> Store:
        """This store for ``actor``'s changes."""
        return Store(self.engine, actor)

    def _audit(self, connection: Any, action: str, detail: str, report_id: int, unit_id: int | None = None) -> None:
        if self.actor is not None:
            audit.record(connection, self.actor, action, detail, report_id=report_id, unit_id=unit_id)

    def create(self, data: Any, note: str = "", unit_id: int | None = None) -> Version:
        """A new report whose first version is ``data`` (in bureau mode: of unit ``unit_id``)."""
        name, year, kind = _heading(data)
        stamp, note = now(), stored_text(note)
        with Session(writing(self.engine)) as session, session.begin():
            report = ReportRow(
                unit_name=name,
                year=year,
                kind=kind,
                created=stamp,
                updated=stamp,
                narrative="standard",
                style="",
                unit_id=unit_id,
                status="draft",
                review_comment="",
            )
            session.add(report)
            session.flush()
            version = VersionRow(report_id=report.id, number=1, data=to_json(data), created=stamp, note=note)
            session.add(version)
            session.flush()
            self._audit(session.connection(), "create", note, report.id, unit_id)
            return _version(version)

    def save(self, report_id: int, data: Any, based_on: int, note: str = "") -> Version:
        """A new version of a report, made from its version ``based_on``; :class:`Conflict`
        if another version was saved after that one, :class:`KeyError` if there is no such report.
        (SQL statements rather than the ORM's unit of work: a field change saves a version, and
        this is about a third of the ORM's time.)"""
        name, year, kind = _heading(data)
        stamp, note = now(), stored_text(note)
        text = to_json(data)
        latest_number = select(func.max(VersionRow.number)).where(VersionRow.report_id == report_id).scalar_subquery()
        try:
            with writing(self.engine).begin() as connection:
                # PostgreSQL: saves of one report wait for each other here, so that each reads the
                # latest number after the one before it committed (SQLite: one writer anyway).
                if not lock_row(connection, ReportRow.id, report_id):
                    raise KeyError(report_id)
                columns = (ReportRow.id, latest_number, ReportRow.unit_id, ReportRow.status)
                found = connection.execute(select(*columns).where(ReportRow.id == report_id)).first()
                if found is None:
                    raise KeyError(report_id)
                if self.actor is not None and found[3] not in OPEN_STATUSES:
                    # Checked again under the row's lock: a reviewer may have acted since the route's check.
                    raise Locked(SUBMITTED if found[3] == "submitted" else APPROVED)
                latest = found[1] or 0
                if based_on != latest:
                    raise Conflict(latest)
                values = {"report_id": report_id, "number": latest + 1, "data": text, "created": stamp, "note": note}
                inserted = connection.execute(insert(VersionRow).values(**values))
                changed = {"unit_name": name, "year": year, "kind": kind, "updated": stamp}
                connection.execute(update(ReportRow).where(ReportRow.id == report_id).values(**changed))
                self._audit(connection, "save", f"第 {latest + 1} 版：{note}", report_id, found[2])
                key = inserted.inserted_primary_key
                assert key is not None, "an insert has the key it made"
                return Version(int(key[0]), report_id, latest + 1, text, stamp, note)
        except IntegrityError:
            # Another save took the same number between our read and our write (not expected:
            # both backends serialise saves of a report; the unique constraint stays the guard).
            with Session(self.engine) as session:
                raise Conflict(self._latest_number(session, report_id)) from None

    @staticmethod
    def _latest_number(session: Session, report_id: int) -> int:
        found = session.scalar(select(func.max(VersionRow.number)).where(VersionRow.report_id == report_id))
        return found or 0

    def reports(self, *, unit_id: int | None = None, bureau_id: int | None = None) -> list[Report]:
        """Every report (of unit ``unit_id``, of bureau ``bureau_id``), the last changed first."""
        query = _reports().order_by(ReportRow.updated.desc(), ReportRow.id.desc())
        if unit_id is not None:
            query = query.where(ReportRow.unit_id == unit_id)
        if bureau_id is not None:
            query = query.where(UnitRow.bureau_id == bureau_id)
        with self.engine.connect() as connection:
            return [_report(row) for row in connection.execute(query)]

    def bureau_heads(self, bureau_id: int) -> list[tuple[Report, int]]:
        """Every report of the bureau's units and the id of its latest version, in one query
        and without reading any version's data (the bureau's list of units)."""
        latest = (
            select(VersionRow.report_id, func.max(VersionRow.number).label("number"))
            .group_by(VersionRow.report_id)
            .subquery()
        )
        query = (
            _reports(VersionRow.id)
            .join(latest, latest.c.report_id == ReportRow.id)
            .join(VersionRow, (VersionRow.report_id == ReportRow.id) & (VersionRow.number == latest.c.number))
            .where(UnitRow.bureau_id == bureau_id)
        )
        with self.engine.connect() as connection:
            return [(_report(row), row[len(_REPORT)]) for row in connection.execute(query)]

    def versions_by_id(self, version_ids: list[int]) -> list[Version]:
        """The versions of these ids (any order)."""
        if not version_ids:
            return []
        with Session(self.engine) as session:
            return [_version(row) for row in session.scalars(select(VersionRow).where(VersionRow.id.in_(version_ids)))]

    def report(self, report_id: int) -> Report | None:
        with self.engine.connect() as connection:
            row = connection.execute(_reports().where(ReportRow.id == report_id)).first()
        return _report(row) if row is not None else None

    def head(self, report_id: int) -> tuple[Report, int] | None:
        """A report and the number of its latest version, in one query and without reading any
        version's data (what every field change needs first); None if there is no such report."""
        latest_number = select(func.max(VersionRow.number)).where(VersionRow.report_id == report_id).scalar_subquery()
        with self.engine.connect() as connection:
            row = connection.execute(_reports(latest_number).where(ReportRow.id == report_id)).first()
        if row is None:
            return None
        return _report(row), row[len(_REPORT)] or 0

    def heads(self, report_ids: Sequence[int]) -> dict[int, Head]:
        """The latest version of each of ``report_ids`` that has one, without its data, in a
        query per :data:`_HEADS_AT_ONCE` reports (a list of hundreds of reports reads no data
        it has checked before). A report's versions are inserted one after the other under
        the write lock, so its latest number is also its highest id."""
        found: dict[int, Head] = {}
        ids = list(report_ids)
        with self.engine.connect() as connection:
            for start in range(0, len(ids), _HEADS_AT_ONCE):
                query = (
                    select(VersionRow.report_id, func.max(VersionRow.id), func.max(VersionRow.number))
                    .where(VersionRow.report_id.in_(ids[start : start + _HEADS_AT_ONCE]))
                    .group_by(VersionRow.report_id)
                )
                for report_id, version_id, number in connection.execute(query):
                    found[report_id] = Head(version_id, report_id, number)
        return found

    def latest(self, report_id: int) -> Version | None:
        with Session(self.engine) as session:
            row = session.scalars(
                select(VersionRow).where(VersionRow.report_id == report_id).order_by(VersionRow.number.desc()).limit(1)
            ).first()
            return _version(row) if row is not None else None

    def versions(self, report_id: int) -> list[Version]:
        """A report's versions, the newest first."""
        with Session(self.engine) as session:
            rows = session.scalars(
                select(VersionRow).where(VersionRow.report_id == report_id).order_by(VersionRow.number.desc())
            )
            return [_version(row) for row in rows]

    def version(self, report_id: int, number: int) -> Version | None:
        """Version ``number`` of a report, if it has one."""
        with Session(self.engine) as session:
            row = session.scalars(
                select(VersionRow).where(VersionRow.report_id == report_id, VersionRow.number == number)
            ).first()
            return _version(row) if row is not None else None

    def set_settings(self, report_id: int, narrative: str, style: str) -> None:
        """A report's template set and style (names the caller has checked against the built-in ones)."""
        with Session(writing(self.engine)) as session, session.begin():
            report = session.get(ReportRow, report_id)
            if report is None:
                raise KeyError(report_id)
            report.narrative, report.style = narrative, style
            self._audit(
                session.connection(), "settings", f"模板 {narrative}，格式 {style or '默认'}", report_id, report.unit_id
            )

    def set_status(
        self, report_id: int, status: str, action: str, *, comment: str | None = None, was: set[str]
    ) -> bool:
        """Move the report to review state ``status`` if it is in one of ``was`` (checked and
        changed in one statement, so two reviewers cannot both act on one state); ``comment``
        replaces the review comment when given. Whether it moved; audited as ``action``."""
        values: dict[str, Any] = {"status": status, "status_changed": now()}
        if comment is not None:
            values["review_comment"] = comment
        with writing(self.engine).begin() as connection:
            moved = connection.execute(
                update(ReportRow).where(ReportRow.id == report_id, ReportRow.status.in_(sorted(was))).values(**values)
            )
            if moved.rowcount != 1:
                return False
            unit = connection.execute(select(ReportRow.unit_id).where(ReportRow.id == report_id)).scalar()
            self._audit(connection, action, comment or "", report_id, unit)
            return True
