"""The world of the security tests: two bureaus; in bureau A units U1 and U2, each with a
report whose data carries a distinctive text, U1's with versions, drafts and a batch job;
and a client per actor (U1's and U2's unit users, A's reviewer and admin, B's reviewer and
admin, and an anonymous visitor). Plus what the tests compare: a snapshot of every table and
the text a response carries (inside its zip members too)."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from fastapi.testclient import TestClient
from httpx2 import Response
from sqlalchemy import MetaData, insert, select
from sqlalchemy.engine import Engine

from bureau import Bureau, bureau_app, signed_in
from reportgen.data.sources.yaml_source import read_yaml
from reportgen.data.starter import starter_text
from reportgen.web.accounts import User
from reportgen.web.datafile import to_json
from reportgen.web.db import JobRow, now

SECRET_U1 = "甲单位密文QX7"  # in U1's data only: no other unit or bureau may ever see it
SECRET_U2 = "乙单位密文ZK4"
UNIT_ACTORS = ("u1", "u2")
ACTORS = ("anonymous", "u1", "u2", "a_reviewer", "a_admin", "b_reviewer", "b_admin")
HOSTILE = ("u2", "b_reviewer", "b_admin")  # may never read or change anything of U1's
IGNORED_TABLES = frozenset({"sessions", "login_attempts", "alembic_version"})
IGNORED_COLUMNS = frozenset({"last_seen"})


def unit_data(secret: str) -> dict[str, Any]:
    """The starter data of a unit whose name and overview carry ``secret``."""
    data = read_yaml(starter_text(), "自评数据.yaml").data
    assert isinstance(data, dict)
    data["unit"]["name"] = f"{secret}县司法局"
    data["unit"]["overview"] = f"本单位概况：{secret}。"
    return data


def data_file(data: dict[str, Any]) -> bytes:
    return to_json(data).encode("utf-8")


@dataclass
class World:
    bureau: Bureau
    engine: Engine
    b_bureau_id: int
    users: dict[str, User]
    report_u1: int
    report_u2: int
    job_a: int
    draft_u1: int
    draft_content: bytes = b""
    _clients: dict[str, TestClient] = field(default_factory=dict)

    def client(self, actor: str) -> TestClient:
        """A client of ``actor`` (signed in, with the CSRF header), kept until :meth:`forget`."""
        if actor not in self._clients:
            client = self.bureau.client()
            if actor != "anonymous":
                signed_in(client, self.users[actor].login)
            self._clients[actor] = client
        return self._clients[actor]

    def forget(self, actor: str) -> None:
        """Sign ``actor`` in afresh next time (after a route that ends sessions)."""
        self._clients.pop(actor, None)

    def latest_number(self, report_id: int) -> int:
        version = self.bureau.app.state.workspace.store.latest(report_id)
        assert version is not None
        return int(version.number)

    def path_values(self) -> dict[str, int]:
        """What fills a route's path parameters: always ids of U1's things (or bureau A's)."""
        u1 = self.users["u1"]
        return {
            "report_id": self.report_u1,
            "number": 1,
            "version": 1,
            "draft": self.draft_u1,
            "unit_id": u1.unit_id or 0,
            "user_id": u1.id,
            "job_id": self.job_a,
            "bureau_id": self.bureau.bureau_id,
        }


def build_world(folder: Path) -> World:
    bureau = bureau_app(folder / "workspace", "甲县财政局")
    accounts = bureau.accounts
    b_bureau = accounts.bureau("乙县财政局")
    u1, u2 = bureau.unit("甲一单位", "A001"), bureau.unit("甲二单位", "A002")
    users = {
        "u1": bureau.user("u1", "unit", u1),
        "u2": bureau.user("u2", "unit", u2),
        "a_reviewer": bureau.user("a-reviewer", "reviewer"),
        "a_admin": bureau.user("a-admin", "admin"),
    }
    for actor, role in (("b_reviewer", "reviewer"), ("b_admin", "admin")):
        users[actor], _ = accounts.create_user(
            actor.replace("_", "-"), role, password="correct-horse-battery", bureau_id=b_bureau.id
        )
    world = World(bureau, accounts.engine, b_bureau.id, users, 0, 0, 0, 0)
    world.report_u1 = _report_of(world, "u1", SECRET_U1)
    world.report_u2 = _report_of(world, "u2", SECRET_U2)
    u1_client = world.client("u1")
    edited = u1_client.post(
        f"/reports/{world.report_u1}/edit",
        data={"based_on": "1", "path": "unit.overview", "value": f"第二版概况：{SECRET_U1}。"},
    )
    assert edited.status_code == 200, edited.text
    document = u1_client.get(f"/reports/{world.report_u1}/report.docx")
    assert document.status_code == 200, document.text
    files = {"file": ("修改稿.docx", document.content)}
    uploaded = u1_client.post(f"/reports/{world.report_u1}/drafts", files=files)
    assert uploaded.status_code == 303, uploaded.text
    world.draft_u1, world.draft_content = 1, document.content
    world.job_a = _job_of(world, users["a_reviewer"])
    return world


def _report_of(world: World, actor: str, secret: str) -> int:
    files = {"file": ("自评数据.json", data_file(unit_data(secret)))}
    created = world.client(actor).post("/reports/upload", files=files)
    assert created.status_code == 303, created.text
    return int(created.headers["location"].rsplit("/", 1)[1])


def _job_of(world: World, user: User) -> int:
    """A finished batch job of bureau A whose zip holds U1's secret."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as package:
        package.writestr("汇总.txt", f"{SECRET_U1} 90 分")
    row = {
        "bureau_id": user.bureau_id,
        "user_id": user.id,
        "kind": "batch",
        "year": 2024,
        "state": "done",
        "done": 1,
        "total": 1,
        "message": "",
        "result": out.getvalue(),
        "result_name": "批量生成.zip",
        "created": now(),
        "started": now(),
        "finished": now(),
    }
    with world.engine.begin() as connection:
        return int(connection.execute(insert(JobRow).values(**row).returning(JobRow.id)).scalar_one())


# -- what the tests compare ----------------------------------------------------------------

Snapshot = dict[str, list[dict[str, Any]]]


def snapshot(engine: Engine) -> Snapshot:
    """Every row of every table (found in the database, so new tables count too), but the
    sessions, the sign-in attempts and when a session was last seen."""
    metadata = MetaData()
    metadata.reflect(engine)
    found: Snapshot = {}
    with engine.connect() as connection:
        for name, table in sorted(metadata.tables.items()):
            if name in IGNORED_TABLES:
                continue
            columns = [c for c in table.columns if c.name not in IGNORED_COLUMNS]
            rows = connection.execute(select(*columns).order_by(*table.primary_key.columns)).mappings()
            found[name] = [dict(row) for row in rows]
    return found


@dataclass(frozen=True)
class Scope:
    """What an actor may change of its own: its account (``users``), the reports of its unit
    (``units``) and, for a bureau's account, everything of that bureau (``bureau``)."""

    users: frozenset[int]
    units: frozenset[int]
    bureau: int | None


def scope_of(world: World, actor: str, shot: Snapshot) -> Scope:
    user = world.users[actor]
    if user.role == "unit":
        return Scope(frozenset({user.id}), frozenset({user.unit_id or 0}), None)
    bureau = user.bureau_id
    users = frozenset(r["id"] for r in shot.get("users", []) if r["bureau_id"] == bureau)
    units = frozenset(r["id"] for r in shot.get("units", []) if r["bureau_id"] == bureau)
    return Scope(users, units, bureau)


def others(shot: Snapshot, scope: Scope) -> Snapshot:
    """The rows of ``shot`` that are not the actor's own (a row is its own when everything it
    refers to is the actor's and it refers to something)."""
    reports = frozenset(r["id"] for r in shot.get("reports", []) if r.get("unit_id") in scope.units)
    return {name: [row for row in rows if not _own(name, row, scope, reports)] for name, rows in shot.items()}


def _own(table: str, row: dict[str, Any], scope: Scope, reports: frozenset[int]) -> bool:
    refs: list[bool] = []
    if table == "users":
        refs.append(row["id"] in scope.users)
    if table == "units":
        refs.append(scope.bureau is not None and row["id"] in scope.units)
    if table == "reports":
        refs.append(row["id"] in reports)
    if table == "bureaus":
        refs.append(scope.bureau is not None and row["id"] == scope.bureau)
    for column, owned in (("report_id", reports), ("user_id", scope.users)):
        if row.get(column) is not None:
            refs.append(row[column] in owned)
    if table not in ("units", "reports") and row.get("unit_id") is not None:
        refs.append(row["unit_id"] in scope.units)
    if scope.bureau is not None and row.get("bureau_id") is not None and table not in ("users", "units"):
        refs.append(row["bureau_id"] == scope.bureau)
    return bool(refs) and all(refs)


def changed_tables(before: Snapshot, after: Snapshot) -> list[str]:
    return [name for name in sorted(set(before) | set(after)) if before.get(name) != after.get(name)]


def text_of(response: Response) -> str:
    """Everything a response carries as text: its body, and every member of a zip (a .docx,
    a .xlsx, a batch's zip and the zips inside it)."""
    headers = unquote(json.dumps(dict(response.headers), ensure_ascii=False))
    return "\n".join([*_texts(response.content), headers])


def _texts(content: bytes) -> Iterator[str]:
    if content[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            for name in package.namelist():
                yield name
                yield from _texts(package.read(name))
        return
    yield content.decode("utf-8", errors="replace")
