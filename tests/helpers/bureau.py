"""A bureau-mode application for tests: accounts made directly in its database, and clients
signed in as them (each with the CSRF token its pages carry)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from reportgen.web.accounts import Accounts, Unit, User
from reportgen.web.app import create_app

PASSWORD = "correct-horse-battery"
_TOKEN = re.compile(r'"X-CSRF-Token": "([^"]+)"')


@dataclass
class Bureau:
    app: FastAPI
    accounts: Accounts
    bureau_id: int

    def unit(self, name: str, code: str | None = None) -> Unit:
        return self.accounts.create_unit(name, code, bureau_id=self.bureau_id)

    def user(self, login: str, role: str, unit: Unit | None = None, *, must_change: bool = False) -> User:
        if must_change:
            user, _initial = self.accounts.create_user(
                login, role, unit_id=unit.id if unit else None, bureau_id=self.bureau_id
            )
            return user
        user, _ = self.accounts.create_user(
            login, role, unit_id=unit.id if unit else None, password=PASSWORD, bureau_id=self.bureau_id
        )
        return user

    def client(self) -> TestClient:
        return TestClient(self.app, follow_redirects=False)


def bureau_app(data_dir: Path, name: str = "某县财政局") -> Bureau:
    app = create_app(data_dir, bureau=True)
    accounts: Accounts = app.state.accounts
    return Bureau(app, accounts, accounts.bureau(name).id)


def signed_in(client: TestClient, login: str, password: str = PASSWORD) -> str:
    """Sign ``client`` in; the CSRF token its pages then carry (sent as X-CSRF-Token by htmx)."""
    answer = client.post("/login", data={"login": login, "password": password, "next": "/"})
    assert answer.status_code == 303, answer.text
    page = client.get("/password")
    found = _TOKEN.search(page.text)
    assert found is not None, "a signed-in page carries the CSRF token"
    client.headers["X-CSRF-Token"] = found.group(1)
    return found.group(1)
