"""``reportgen serve --bureau --host 0.0.0.0`` in a real process: refused while the server has
no admin (anyone could reach it and nobody manage it), started once an admin exists."""

from __future__ import annotations

import http.client
import subprocess
import sys
import time
from pathlib import Path

from hostile import no_traceback
from serving import free_port, stop

REFUSED = "局端模式还没有管理员账号，不能在 0.0.0.0 上启动"


def _serve(data_dir: Path, port: int) -> list[str]:
    command = [sys.executable, "-m", "reportgen", "serve", "--bureau", "--host", "0.0.0.0", "--port", str(port)]
    return [*command, "--no-browser", "--data-dir", str(data_dir)]


def _get(port: int, path: str) -> tuple[int, str, str]:
    """The status, Location and body of ``GET path`` on the server (over 127.0.0.1)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("GET", path)
        answer = connection.getresponse()
        return answer.status, answer.getheader("Location") or "", answer.read().decode("utf-8")
    finally:
        connection.close()


def _answering(process: subprocess.Popen[bytes], port: int, timeout: float = 30) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            _get(port, "/login")
            return True
        except OSError:
            time.sleep(0.1)
    return False


def test_bureau_mode_refuses_to_listen_on_every_address_without_an_admin(tmp_path: Path) -> None:
    port = free_port()
    run = subprocess.run(_serve(tmp_path / "data", port), capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode != 0
    assert REFUSED in no_traceback(run) and "reportgen admin create-user" in run.stdout + run.stderr
    try:
        _get(port, "/login")
        listened = True
    except OSError:
        listened = False
    assert not listened


def test_bureau_mode_listens_on_every_address_once_an_admin_exists(tmp_path: Path) -> None:
    data = tmp_path / "data"
    admin = [sys.executable, "-m", "reportgen", "admin", "create-user", "boss", "--role", "admin"]
    created = subprocess.run(
        [*admin, "--bureau", "甲县财政局", "--data-dir", str(data)], capture_output=True, text=True, timeout=60
    )
    assert created.returncode == 0, created.stderr
    port = free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as stderr:
        process = subprocess.Popen(_serve(data, port), stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        assert _answering(process, port), log.read_text(encoding="utf-8", errors="replace")
        assert _get(port, "/")[:2] == (303, "/login")  # signing in comes first
        status, _location, page = _get(port, "/login")
        assert status == 200 and "登录" in page
    finally:
        stop(process)
