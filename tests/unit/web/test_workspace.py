"""The workspace checks a saved version once and keeps the result (versions never change)."""

from __future__ import annotations

from pathlib import Path

from reportgen import api
from reportgen.web.datafile import from_json
from reportgen.web.db import open_database
from reportgen.web.store import Store
from reportgen.web.workspace import CHECKED_KEPT, Workspace


def workspace(tmp_path: Path) -> Workspace:
    return Workspace(Store(open_database(tmp_path)), api.Renderer(), tmp_path)


def test_a_version_is_checked_once_and_the_same_result_given_again(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    version = ws.store.create({"year": 2024})
    first = ws.checked(version)
    assert ws.checked(version) is first and first.errors


def test_only_the_latest_checked_versions_are_kept(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    versions = [ws.store.create({"year": 2000 + n}) for n in range(CHECKED_KEPT + 1)]
    first = ws.checked(versions[0])
    for version in versions[1:]:
        ws.checked(version)
    assert ws.checked(versions[0]) is not first
    assert ws.checked(versions[-1]) is ws.checked(versions[-1])


def test_a_reports_summary_is_kept_until_it_has_a_newer_version(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    first = ws.store.create({"year": 2024})
    kept = ws.summary(first)
    assert ws.summary(first) is kept and kept.status == "有错误"
    second = ws.store.save(first.report_id, {"year": 2025}, based_on=1)
    assert ws.summary(second) is not kept


def test_a_check_made_before_saving_is_kept_for_the_saved_version(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    version = ws.store.create({"year": 2024})
    made = ws.renderer.check(from_json(version.data, "自评数据"))
    ws.remember(version, made)
    assert ws.checked(version) is made
