"""The workspace store: every save a new version, nothing deleted, no silent overwrite."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import text

from reportgen.web.datafile import from_json, to_json, to_yaml
from reportgen.web.db import head_revision, open_database
from reportgen.web.store import Conflict, Store


def data(name: str = "某县司法局", executed: str = "1652.18") -> dict[str, object]:
    return {"kind": "department", "year": 2024, "unit": {"name": name}, "budget": {"executed": Decimal(executed)}}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(open_database(tmp_path))


def test_a_new_report_starts_at_version_one_with_its_unit_year_and_kind(store: Store) -> None:
    first = store.create(data(), "新建")
    report = store.report(first.report_id)
    assert first.number == 1 and first.note == "新建"
    assert report is not None and (report.unit_name, report.year, report.kind) == ("某县司法局", 2024, "department")


def test_every_save_is_a_new_version_and_the_old_ones_stay(store: Store) -> None:
    first = store.create(data())
    second = store.save(first.report_id, data("某县财政局"), based_on=1)
    third = store.save(first.report_id, data("某县教育局"), based_on=2)
    assert [v.number for v in store.versions(first.report_id)] == [3, 2, 1]
    assert store.latest(first.report_id) == third and second.number == 2
    report = store.report(first.report_id)
    assert report is not None and report.unit_name == "某县教育局"
    assert from_json(store.versions(first.report_id)[-1].data, "v1").data["unit"]["name"] == "某县司法局"


def test_a_save_based_on_an_older_version_is_refused_with_the_newer_number(store: Store) -> None:
    first = store.create(data())
    store.save(first.report_id, data(executed="1.00"), based_on=1)  # the first tab saves
    with pytest.raises(Conflict) as refused:
        store.save(first.report_id, data(executed="2.00"), based_on=1)  # the later tab, on the same version
    assert refused.value.latest == 2
    assert [v.number for v in store.versions(first.report_id)] == [2, 1]


def test_a_save_to_an_unknown_report_is_refused(store: Store) -> None:
    with pytest.raises(KeyError):
        store.save(42, data(), based_on=0)


def test_the_report_list_shows_the_last_changed_first(store: Store) -> None:
    a = store.create(data("甲单位"))
    store.create(data("乙单位"))
    store.save(a.report_id, data("甲单位"), based_on=1)
    assert [r.unit_name for r in store.reports()] == ["甲单位", "乙单位"]


def test_incomplete_data_is_stored_with_a_placeholder_unit_name(store: Store) -> None:
    version = store.create({"year": "二〇二四"})
    report = store.report(version.report_id)
    assert report is not None and (report.unit_name, report.year, report.kind) == ("（未填写单位名称）", None, "")


@pytest.mark.backend("sqlite")  # the SQLite file itself (PostgreSQL: test_postgres.py)
def test_the_database_is_sqlite_in_wal_mode_and_migrated_once(tmp_path: Path) -> None:
    engine = open_database(tmp_path)
    open_database(tmp_path)  # a second start finds the schema current
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == head_revision()


@pytest.mark.backend("sqlite")  # the SQLite file itself (PostgreSQL: test_postgres.py)
def test_a_database_of_the_first_schema_is_upgraded_keeping_its_reports(tmp_path: Path) -> None:
    from sqlalchemy import create_engine

    from reportgen.web.db import DATABASE_NAME, migrate

    old = create_engine(f"sqlite:///{tmp_path / DATABASE_NAME}")
    migrate(old, "0001")
    with old.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO reports (unit_name, year, kind, created, updated) "
                "VALUES ('甲单位', 2024, 'department', '2026-01-01', '2026-01-01')"
            )
        )
    old.dispose()
    report = Store(open_database(tmp_path)).reports()[0]
    assert (report.unit_name, report.narrative, report.style) == ("甲单位", "standard", "")


def test_a_report_keeps_its_template_and_style(store: Store) -> None:
    version = store.create(data("甲单位"))
    store.set_settings(version.report_id, "hunan", "")
    report = store.report(version.report_id)
    assert report is not None and (report.narrative, report.style) == ("hunan", "")


def test_a_version_is_found_by_its_number(store: Store) -> None:
    first = store.create(data("甲单位"))
    store.save(first.report_id, data("乙单位"), based_on=1)
    found = store.version(first.report_id, 1)
    assert found is not None and found.id == first.id and store.version(first.report_id, 3) is None


def test_decimals_and_dates_survive_storage_exactly() -> None:
    value = {"amount": Decimal("1696.40"), "share": Decimal("0.125"), "n": 3, "ok": True, "none": None}
    raw = from_json(to_json({**value, "date": datetime.date(2025, 3, 20), "list": ["甲", Decimal("1.0")]}), "x")
    assert {k: raw.data[k] for k in value} == value
    assert raw.data["date"] == "2025-03-20" and raw.data["list"] == ["甲", Decimal("1.0")]


def test_the_yaml_data_file_keeps_decimals_as_written() -> None:
    assert to_yaml({"budget": {"adjusted": Decimal("1696.40"), "weight": 10}, "名称": "某局"}) == (
        "budget:\n  adjusted: 1696.40\n  weight: 10\n名称: 某局\n"
    )


def test_the_head_of_a_report_is_the_report_and_its_latest_number(store: Store) -> None:
    first = store.create(data("甲单位"))
    store.save(first.report_id, data("乙单位"), based_on=1)
    head = store.head(first.report_id)
    assert head is not None and head == (store.report(first.report_id), 2)
    assert store.head(999) is None
