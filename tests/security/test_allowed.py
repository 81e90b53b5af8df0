"""What the matrix's refusals leave working: a unit reads and works on its own report, its
bureau's reviewer and admin read it but cannot change its data, and each list holds only
what its user may read."""

from __future__ import annotations

import pytest

from security_world import SECRET_U1, World, changed_tables, snapshot, text_of

pytestmark = pytest.mark.rendering  # the world renders U1's report and revises a draft

READ_PAGES = (
    "/reports/{id}",
    "/reports/{id}/edit",
    "/reports/{id}/preview/frame",
    "/reports/{id}/history",
    "/reports/{id}/versions/1",
    "/reports/{id}/drafts",
    "/reports/{id}/data.yaml",
    "/reports/{id}/report.docx",
    "/reports/{id}/drafts/1.docx",
    "/api/reports/{id}",
    "/api/reports/{id}/data",
)


@pytest.mark.parametrize("actor", ["u1", "a_reviewer", "a_admin"])
def test_the_unit_and_its_bureau_read_the_report(world: World, actor: str) -> None:
    client = world.client(actor)
    for path in READ_PAGES:
        answer = client.get(path.format(id=world.report_u1))
        assert answer.status_code == 200, (path, answer.status_code)
        assert SECRET_U1 in text_of(answer), path


@pytest.mark.parametrize("actor", ["a_reviewer", "a_admin"])
def test_the_bureau_lists_every_unit_of_its_own(world: World, actor: str) -> None:
    client = world.client(actor)
    assert client.get("/").headers["location"] == "/review"  # their start page is the units' list
    listed = client.get("/review").text
    assert "甲一单位" in listed and "甲二单位" in listed and f"/reports/{world.report_u1}" in listed
    assert {r["id"] for r in client.get("/api/reports").json()} == {world.report_u1, world.report_u2}


@pytest.mark.parametrize("actor", ["u2", "b_reviewer", "b_admin"])
def test_another_unit_or_bureau_lists_nothing_of_u1(world: World, actor: str) -> None:
    client = world.client(actor)
    start = client.get("/review" if actor != "u2" else "/").text
    assert SECRET_U1 not in start and "甲一单位" not in start
    listed = {r["id"] for r in client.get("/api/reports").json()}
    assert listed == ({world.report_u2} if actor == "u2" else set())


@pytest.mark.parametrize("actor", ["a_reviewer", "a_admin"])
def test_the_bureau_cannot_change_a_units_data(world: World, actor: str) -> None:
    client = world.client(actor)
    report, based_on = world.report_u1, world.latest_number(world.report_u1)
    before = snapshot(world.engine)
    edit = {"based_on": str(based_on), "path": "unit.overview", "value": "审核人员改的"}
    answers = [
        client.post(f"/reports/{report}/edit", data=edit),
        client.post(f"/reports/{report}/rows", data={**edit, "op": "add", "index": "0"}),
        client.put(f"/api/reports/{report}/data", params={"based_on": based_on}, content=b"{}"),
        client.post(f"/reports/{report}/settings", data={"narrative": "standard", "style": "gbt9704"}),
        client.post(f"/reports/{report}/versions/1/restore", data={"based_on": str(based_on)}),
        client.post(f"/reports/{report}/drafts", files={"file": ("稿.docx", world.draft_content)}),
    ]
    assert [a.status_code for a in answers] == [403] * len(answers)
    assert "只能查看单位的报告，不能修改" in answers[0].text
    assert changed_tables(before, snapshot(world.engine)) == []


def test_the_unit_changes_its_own_data(fresh_world: World) -> None:
    client = fresh_world.client("u1")
    report, based_on = fresh_world.report_u1, fresh_world.latest_number(fresh_world.report_u1)
    edit = {"based_on": str(based_on), "path": "unit.overview", "value": "单位自己改的概况"}
    assert client.post(f"/reports/{report}/edit", data=edit).status_code == 200
    assert "单位自己改的概况" in client.get(f"/api/reports/{report}/data").text
    assert "单位自己改的概况" in fresh_world.client("a_reviewer").get(f"/reports/{report}/edit").text
