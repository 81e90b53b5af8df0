"""Sessions: a cookie planted before sign-in never becomes the session; every sign-in gets a
new token; signing out ends the session on the server (the old cookie no longer works), and
signing out everywhere ends every session of the account and no one else's. Also the
cookie's flags, password guessing and the redirect after sign-in."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from bureau import PASSWORD, signed_in
from security_world import World

pytestmark = pytest.mark.rendering  # the world renders U1's report and revises a draft

COOKIE = "reportgen_session"


def _with_cookie(world: World, token: str) -> TestClient:
    """A browser that carries ``token`` as its session cookie (a stolen or planted one)."""
    client = world.bureau.client()
    client.cookies.set(COOKIE, token)
    return client


def _works(world: World, token: str) -> bool:
    return _with_cookie(world, token).get("/").status_code == 200


def _sign_in(client: TestClient, login: str, password: str = PASSWORD, next: str = "/") -> int:
    return client.post("/login", data={"login": login, "password": password, "next": next}).status_code


def test_a_cookie_planted_before_sign_in_is_not_the_session_after(world: World) -> None:
    # The attacker's own valid session, planted in the victim's browser.
    attacker = world.bureau.client()
    signed_in(attacker, "u2")
    planted = str(attacker.cookies.get(COOKIE))
    for planted_value in (planted, "chosen-by-the-attacker"):
        victim = _with_cookie(world, planted_value)
        answer = victim.post("/login", data={"login": "u1", "password": PASSWORD, "next": "/"})
        assert answer.status_code == 303
        session = _set_cookie(answer.headers["set-cookie"])
        assert session != planted_value and _works(world, session)
        assert not _works(world, planted_value)  # signing in over it ended the planted session


def _set_cookie(header: str) -> str:
    name, _, value = header.split(";", 1)[0].partition("=")
    assert name == COOKIE
    return value


def test_every_sign_in_gets_a_new_token(world: World) -> None:
    client = world.bureau.client()
    tokens = set()
    for _ in range(3):
        assert _sign_in(client, "u1") == 303
        tokens.add(str(client.cookies.get(COOKIE)))
    assert len(tokens) == 3


def test_signing_out_ends_the_session_on_the_server(world: World) -> None:
    client = world.bureau.client()
    signed_in(client, "u1")
    token = str(client.cookies.get(COOKIE))
    assert _works(world, token)
    assert client.post("/logout").status_code == 303
    assert not _works(world, token)  # the old cookie, replayed, is refused
    replayed = _with_cookie(world, token).get(f"/api/reports/{world.report_u1}/data")
    assert replayed.status_code == 401


def test_signing_out_everywhere_ends_every_session_of_the_account_only(world: World) -> None:
    browsers = [world.bureau.client() for _ in range(3)]
    for browser in browsers:
        signed_in(browser, "u1")
    tokens = [str(b.cookies.get(COOKIE)) for b in browsers]
    other = world.bureau.client()
    signed_in(other, "u2")
    assert browsers[0].post("/logout-everywhere").status_code == 303
    assert [_works(world, t) for t in tokens] == [False, False, False]
    assert other.get("/").status_code == 200


def test_the_session_cookie_is_httponly_samesite_lax_and_secure_over_https_only(world: World) -> None:
    for base_url, secure in (("http://testserver", False), ("https://testserver", True)):
        client = TestClient(world.bureau.app, base_url=base_url, follow_redirects=False)
        answer = client.post("/login", data={"login": "u1", "password": PASSWORD, "next": "/"})
        assert answer.status_code == 303
        flags = [part.strip().lower() for part in answer.headers["set-cookie"].split(";")]
        assert flags[0].startswith(f"{COOKIE}=")
        assert "httponly" in flags and "samesite=lax" in flags and "path=/" in flags
        assert ("secure" in flags) is secure


THROTTLED = "登录失败次数过多"


def test_guessing_one_accounts_password_is_throttled_even_for_the_right_one(fresh_world: World) -> None:
    client = fresh_world.bureau.client()
    answers = [_sign_in(client, "u1", f"guess-{n}") for n in range(5)]
    assert answers == [401] * 5
    refused = client.post("/login", data={"login": "u1", "password": PASSWORD, "next": "/"})
    assert (
        refused.status_code == 401 and THROTTLED in refused.text and COOKIE not in refused.headers.get("set-cookie", "")
    )
    assert _sign_in(client, "u2") == 303  # another account is not locked by it


def test_guessing_from_one_address_is_throttled_for_every_account(fresh_world: World) -> None:
    client = fresh_world.bureau.client()
    logins = ["u1", "u2", "a-reviewer", "a-admin", "nobody-1", "nobody-2", "nobody-3"]
    answers = [_sign_in(client, logins[n % len(logins)], f"guess-{n}") for n in range(20)]
    assert answers == [401] * 20
    refused = client.post("/login", data={"login": "b-admin", "password": PASSWORD, "next": "/"})
    assert refused.status_code == 401 and THROTTLED in refused.text
    elsewhere = TestClient(fresh_world.bureau.app, client=("192.0.2.7", 50000), follow_redirects=False)
    assert _sign_in(elsewhere, "b-admin") == 303  # from another address it still signs in


EVIL = ["//evil.example", "//evil.example/path", "https://evil.example/", "http:evil.example", "/\\evil.example"]
EVIL += ["\\\\evil.example", "javascript:alert(1)", " //evil.example", "/\t/evil.example", "evil.example"]


@pytest.mark.parametrize("target", EVIL)
def test_the_redirect_after_sign_in_never_leaves_the_server(world: World, target: str) -> None:
    client = world.bureau.client()
    page = client.get("/login", params={"next": target})
    assert page.status_code == 200 and "evil.example" not in page.text
    answer = client.post("/login", data={"login": "u1", "password": PASSWORD, "next": target})
    assert answer.status_code == 303
    location = answer.headers["location"]
    assert location.startswith("/") and not location.startswith("//") and "evil" not in location, location
    again = client.get("/login", params={"next": target})  # signed in: sent on at once
    assert again.status_code == 303 and "evil" not in again.headers["location"]


def test_the_redirect_after_sign_in_returns_to_a_page_of_the_server(world: World) -> None:
    client = world.bureau.client()
    first = client.get(f"/reports/{world.report_u1}/edit")
    assert first.status_code == 303 and first.headers["location"] == f"/login?next=/reports/{world.report_u1}/edit"
    answer = client.post(
        "/login", data={"login": "u1", "password": PASSWORD, "next": f"/reports/{world.report_u1}/edit"}
    )
    assert answer.headers["location"] == f"/reports/{world.report_u1}/edit"
