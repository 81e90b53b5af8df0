"""Several server processes over one workspace (``reportgen serve --workers N``): two
applications on one data folder stand for two processes. What they must agree on is in the
database: a change from a page older than another process's save is refused as from a second
window, saves through both never fail on SQLite's lock, and each process's memory of a report
follows the versions the other saved."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from reportgen.web.app import create_app

BASED_ON = re.compile(r'<input type="hidden" name="based_on" id="based-on" value="(\d+)"')
PATH = "indicators[0].actual"


@pytest.fixture
def two(tmp_path: Path) -> Iterator[tuple[TestClient, TestClient]]:
    folder = tmp_path / "workspace"
    with TestClient(create_app(folder)) as first, TestClient(create_app(folder)) as second:
        yield first, second


def starter_report(client: TestClient) -> int:
    created = client.post("/reports/starter", follow_redirects=False)
    return int(created.headers["location"].rsplit("/", 1)[1])


def change(client: TestClient, report_id: int, number: int, value: str) -> tuple[int, int | None]:
    """The status of a field change and the version the next change is based on."""
    answer = client.post(f"/reports/{report_id}/edit", data={"based_on": number, "path": PATH, "value": value})
    found = BASED_ON.search(answer.text)
    return answer.status_code, int(found[1]) if found else None


def test_a_change_from_a_page_older_than_the_other_processs_save_is_a_conflict(
    two: tuple[TestClient, TestClient],
) -> None:
    first, second = two
    report_id = starter_report(first)
    assert change(second, report_id, 1, "301件") == (200, 2)  # the second process now holds version 2
    assert change(first, report_id, 2, "302件") == (200, 3)
    assert change(second, report_id, 2, "303件")[0] == 409  # its page was of version 2
    assert change(second, report_id, 3, "303件") == (200, 4)  # on the latest: saved, and from the data of 3
    page = second.get(f"/reports/{report_id}/edit").text
    assert "303件" in page and BASED_ON.search(page) is not None


def test_saves_through_two_processes_at_once_all_succeed(two: tuple[TestClient, TestClient]) -> None:
    reports = [starter_report(two[0]) for _ in range(4)]
    failures: list[str] = []

    def edit(client: TestClient, report_id: int) -> None:
        number = 1
        for step in range(15):
            status, following = change(client, report_id, number, f"{300 + step}件")
            if status != 200 or following is None:
                failures.append(f"report {report_id}: HTTP {status}")
                return
            number = following

    # A first change through each application, refused as stale (nothing saved): the route's form
    # model is built at its first request, which pydantic does not do safely in two threads at once.
    for client in two:
        assert change(client, reports[0], 0, "0件")[0] == 409
    threads = [threading.Thread(target=edit, args=(two[i % 2], r)) for i, r in enumerate(reports)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    store = two[1].app.state.workspace.store  # type: ignore[attr-defined]
    assert [head[1] for head in map(store.head, reports) if head] == [16, 16, 16, 16]


def test_reportgen_serve_with_two_workers_saves_each_change_once(tmp_path: Path) -> None:
    port = free_port()
    command = [sys.executable, "-m", "reportgen", "serve", "--no-browser", "--workers", "2", "--port", str(port)]
    server = subprocess.Popen([*command, "--data-dir", str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_for(url, server)
        created = urllib.request.urlopen(urllib.request.Request(f"{url}/reports/starter", method="POST"), timeout=10)
        report_id = int(created.url.rsplit("/", 1)[1])
        number = 1
        for step in range(10):  # the two processes take turns as the connections land
            form = urllib.parse.urlencode({"based_on": number, "path": PATH, "value": f"{300 + step}件"}).encode()
            with urllib.request.urlopen(f"{url}/reports/{report_id}/edit", data=form, timeout=10) as answer:
                found = BASED_ON.search(answer.read().decode("utf-8"))
            assert found is not None
            number = int(found[1])
        assert number == 11
    finally:
        server.terminate()
        server.communicate(timeout=20)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{url}/", timeout=2):
                return
        except OSError:
            assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
            assert time.monotonic() < deadline, "the server did not answer within 60 s"
            time.sleep(0.2)
