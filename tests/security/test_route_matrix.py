"""The authorisation matrix of bureau mode: every method of every route of the application,
tried by every actor that may not use it on U1's things — a logged-out visitor, the unit user
of U2, the reviewer and admin of bureau B, and A's own accounts where their role may not —
with the ids of U1's report, versions, drafts, unit, user and job in its path and a
valid-looking request. None may read U1's text or change anything that is not its own.

The roles that may use each route are in ONE table, tests/helpers/route_access.py: a route
missing from it fails here with its path named."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from route_access import Access, access_of
from route_requests import RouteCase, bureau_routes, request_for
from security_world import HOSTILE, SECRET_U1, World, changed_tables, others, scope_of, snapshot, text_of

pytestmark = pytest.mark.rendering  # the world renders U1's report and revises a draft

ROUTES, OTHER_PATHS = bureau_routes()
REFUSED = (403, 404)
SAME_BUREAU = ("u1", "a_reviewer", "a_admin")


def _role(actor: str) -> str:
    return "unit" if actor in ("u1", "u2") else actor.split("_", 1)[1]


def _tried_by(case: RouteCase) -> list[str]:
    """The actors that may not use ``case`` on U1's things (A's own ones when their role may not)."""
    access = access_of(case.method, case.path)
    if access is None:
        return ["unclassified"]
    if access.kind != "roles":
        return ["anonymous", *HOSTILE]
    return ["anonymous", *HOSTILE, *(a for a in SAME_BUREAU if _role(a) not in access.roles)]


CASES = [pytest.param(case, actor, id=f"{case.name} as {actor}") for case in ROUTES for actor in _tried_by(case)]


def test_the_matrix_sees_the_routes_of_every_page() -> None:
    paths = {case.path for case in ROUTES}
    assert {"/", "/login", "/reports/{report_id}/edit", "/api/reports/{report_id}/data"} <= paths
    assert len(ROUTES) >= 40


def test_every_route_is_classified_in_the_access_table() -> None:
    missing = [case.name for case in ROUTES if access_of(case.method, case.path) is None]
    assert not missing, f"classify these routes in tests/helpers/route_access.py (ACCESS): {missing}"


def test_a_visitor_reaches_no_route_that_is_not_an_api_route(world: World) -> None:
    """Routes that are not API routes have no sign-in dependency: there must be none (the JSON
    API's description is an API route of its own in bureau mode)."""
    client = world.client("anonymous")
    reached = {path: client.get(path).status_code for path in OTHER_PATHS}
    assert all(status >= 300 for status in reached.values()), reached


@pytest.mark.parametrize(("case", "actor"), CASES)
def test_no_actor_reads_or_changes_what_is_not_its_own(world: World, case: RouteCase, actor: str) -> None:
    access = access_of(case.method, case.path)
    assert access is not None, f"{case.name} is not classified in tests/helpers/route_access.py (ACCESS)"
    url, kwargs = request_for(world, case)
    before = snapshot(world.engine)
    if actor == "anonymous":
        _anonymous(world, case, access, url, kwargs)
        assert changed_tables(before, snapshot(world.engine)) == [], f"{case.name} changed data for a visitor"
        return
    client = world.client(actor)
    answer = client.request(case.method, url, **kwargs)
    if access.kind == "self" or case.path == "/password":
        world.forget(actor)  # it may have ended the session or changed its token
    assert SECRET_U1 not in text_of(answer), f"{case.name} showed U1's data to {actor}"
    after = snapshot(world.engine)
    if _may_use(access, case, actor):
        scope = scope_of(world, actor, after)
        assert changed_tables(others(before, scope), others(after, scope)) == [], (
            f"{case.name} as {actor} changed what is not its own"
        )
        return
    assert answer.status_code in REFUSED, f"{case.name} as {actor}: {answer.status_code} {answer.text[:300]}"
    assert changed_tables(before, after) == [], f"{case.name} as {actor} changed data though refused"


def _may_use(access: Access, case: RouteCase, actor: str) -> bool:
    """Whether ``actor`` may use the route at all — in its own scope, since every id in the
    path is of U1's things, which only A's accounts may reach."""
    if access.kind in ("open", "self"):
        return True
    has_ids = bool(case.route.dependant.path_params)
    return _role(actor) in access.roles and not has_ids


def _anonymous(world: World, case: RouteCase, access: Access, url: str, kwargs: dict[str, Any]) -> None:
    client: TestClient = world.client("anonymous")
    for htmx in (False, True):
        headers = {**kwargs.get("headers", {}), **({"HX-Request": "true"} if htmx else {})}
        answer = client.request(case.method, url, **{**kwargs, "headers": headers})
        assert SECRET_U1 not in text_of(answer)
        if access.kind == "open":
            continue
        if htmx or case.path.startswith("/api/"):
            assert answer.status_code == 401, f"{case.name} (htmx={htmx}): {answer.status_code}"
        else:
            assert answer.status_code == 303, f"{case.name}: {answer.status_code}"
            assert answer.headers["location"].startswith("/login"), case.name
