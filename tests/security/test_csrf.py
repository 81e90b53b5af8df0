"""Cross-site request forgery: a change without the session's own CSRF token — none, a wrong
one, another session's, or one in the query string — is refused and changes nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from httpx2 import Response

from bureau import PASSWORD, signed_in
from security_world import World, changed_tables, data_file, snapshot, unit_data

pytestmark = pytest.mark.rendering  # the world renders U1's report and revises a draft

STALE = "页面已过期或不是从 reportgen 的页面提交的"


Send = Callable[[TestClient, dict[str, str], dict[str, str]], Response]


def _changes(world: World) -> dict[str, Send]:
    """Three kinds of change (a form, the JSON API, the sign-out everywhere), each sent with
    the given extra form fields and query parameters."""
    report, based_on = world.report_u1, world.latest_number(world.report_u1)
    edit = {"based_on": str(based_on), "path": "unit.overview", "value": "伪造的修改"}
    body = data_file(unit_data("伪造"))
    return {
        "edit": lambda c, fields, query: c.post(f"/reports/{report}/edit", data={**edit, **fields}, params=query),
        "api": lambda c, fields, query: c.put(
            f"/api/reports/{report}/data", params={"based_on": based_on, **query}, content=body
        ),
        "logout-everywhere": lambda c, fields, query: c.post("/logout-everywhere", data=fields, params=query),
    }


@pytest.mark.parametrize("change", ["edit", "api", "logout-everywhere"])
@pytest.mark.parametrize("forgery", ["no token", "a wrong token", "another session's token", "token in the query"])
def test_a_change_without_the_sessions_token_is_refused(world: World, change: str, forgery: str) -> None:
    client, own = _bare(world)
    other_token = signed_in(world.bureau.client(), "u1")
    if forgery == "a wrong token":
        client.headers["X-CSRF-Token"] = "x" * len(own)
    if forgery == "another session's token":
        client.headers["X-CSRF-Token"] = other_token
    query = {"csrf_token": own, "X-CSRF-Token": own} if forgery == "token in the query" else {}
    before = snapshot(world.engine)
    answer = _changes(world)[change](client, {}, query)
    assert answer.status_code == 403 and STALE in answer.text
    assert changed_tables(before, snapshot(world.engine)) == []
    assert client.get("/").status_code == 200  # the session itself goes on


def _bare(world: World) -> tuple[TestClient, str]:
    """U1 signed in, and its CSRF token, which the client does not send (a forged request
    carries the cookie only)."""
    client = world.bureau.client()
    signed_in(client, "u1")
    return client, client.headers.pop("X-CSRF-Token")


def test_the_form_field_and_the_header_carry_the_token(fresh_world: World) -> None:
    client, token = _bare(fresh_world)
    report = fresh_world.report_u1
    edit = {"based_on": str(fresh_world.latest_number(report)), "path": "unit.overview", "value": "表单里带的"}
    assert client.post(f"/reports/{report}/edit", data={**edit, "csrf_token": token}).status_code == 200
    client.headers["X-CSRF-Token"] = token
    edit["based_on"], edit["value"] = str(fresh_world.latest_number(report)), "请求头里带的"
    assert client.post(f"/reports/{report}/edit", data=edit).status_code == 200


@pytest.mark.parametrize(
    "headers", [{"Origin": "https://evil.example"}, {"Sec-Fetch-Site": "cross-site"}], ids=["origin", "fetch-site"]
)
def test_a_sign_in_posted_from_another_site_is_refused(world: World, headers: dict[str, str]) -> None:
    """Login CSRF: another site's form would sign the victim in to the attacker's account."""
    client = world.bureau.client()
    answer = client.post("/login", data={"login": "u2", "password": PASSWORD, "next": "/"}, headers=headers)
    assert answer.status_code == 403 and "set-cookie" not in answer.headers
