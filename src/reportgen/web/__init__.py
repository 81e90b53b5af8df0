"""The web application (issue 11), local mode: ``reportgen serve`` on a staff member's own
computer — 127.0.0.1 only, one workspace, no login, data in SQLite in the user's data folder.

A layer beside :mod:`reportgen.cli`: it calls :mod:`reportgen.api` and the storage here.
FastAPI, uvicorn and SQLAlchemy are imported only when the server starts. The editor's pure
parts (``fields``, ``problems``, ``figures_panel``) import no web framework, so the editor
shows what the CLI checks, in the workbook's own words; ``preview`` makes the standalone
preview page around :func:`reportgen.render.html.preview_html` (``static/preview.css``).
"""

from __future__ import annotations

import errno
import os
import socket
from collections.abc import Callable
from pathlib import Path

from reportgen.errors import ReportgenError

HOST = "127.0.0.1"
DEFAULT_PORT = 8765
MAX_WORKERS = 8
DATA_DIR_VARIABLE = "REPORTGEN_SERVE_DATA_DIR"  # how worker processes learn the workspace (app.worker_app)
BUREAU_VARIABLE = "REPORTGEN_SERVE_BUREAU"  # … and that they serve bureau mode ("1")
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
# One process unless asked for more: the processes share one listening socket, and the connections
# a browser (or the benchmark) opens at once are all accepted by whichever process wakes first, so
# a second process mostly idles (measured: 20 connections, all on one worker) while costing memory
# and start-up time. More processes help only when connections arrive while one process is busy.
DEFAULT_WORKERS = 1


def default_data_dir() -> Path:
    """``$XDG_DATA_HOME/reportgen``, else ``%APPDATA%\\reportgen`` on Windows, else ``~/.local/share/reportgen``."""
    xdg = os.environ.get("XDG_DATA_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "reportgen"
    appdata = os.environ.get("APPDATA")
    if os.name == "nt" and appdata:
        return Path(appdata) / "reportgen"
    return Path.home() / ".local" / "share" / "reportgen"


def serve(
    port: int = DEFAULT_PORT,
    data_dir: Path | None = None,
    open_browser: bool = True,
    workers: int | None = None,
    *,
    bureau: bool = False,
    host: str | None = None,
    database: str | None = None,
) -> None:
    """Run the application on ``host``:``port`` (127.0.0.1 unless bureau mode names another)
    until interrupted, opening the browser at its start page once it listens; in ``workers``
    processes (default :data:`DEFAULT_WORKERS`) sharing the one listening socket, each with
    its own application over the same workspace (everything they must agree on is in the
    database or on disk). Bureau mode (``bureau``) has accounts; it listens on another
    address than loopback only once an admin account exists. ``database``: a PostgreSQL URL
    (else ``$REPORTGEN_DATABASE``, else SQLite in the data folder)."""
    import threading
    import webbrowser

    import uvicorn

    from reportgen.web.app import create_app
    from reportgen.web.db import open_database
    from reportgen.web.engine import DATABASE_VARIABLE, chosen_url, described, postgresql_url

    folder = data_dir or default_data_dir()
    database = chosen_url(database)
    kept_in = described(postgresql_url(database)) if database is not None else str(folder)
    count = workers if workers is not None else DEFAULT_WORKERS
    if not 1 <= count <= MAX_WORKERS:
        raise ReportgenError(f"--workers 应在 1 到 {MAX_WORKERS} 之间。")
    address = (host or HOST).strip()
    if address not in LOOPBACK_HOSTS and not bureau:
        raise ReportgenError(
            f"本机模式只在本机地址 {HOST} 上启动（没有登录，别人不能访问）。"
            f"要让局内其他电脑访问，请用局端模式：reportgen serve --bureau --host {address}。"
        )
    try:
        engine = open_database(folder, database)  # migrated once here, before any worker starts
        if bureau:
            from reportgen.web.jobs import recover

            recover(engine)  # jobs left running by a server that stopped: none runs yet
        if bureau and address not in LOOPBACK_HOSTS:
            from reportgen.web.accounts import Accounts

            if not Accounts(engine).has_admin():
                raise ReportgenError(
                    f"局端模式还没有管理员账号，不能在 {address} 上启动（任何人都能访问却没人能管理）。"
                    "请先运行 reportgen admin create-user 账号 --role admin --bureau 本局名称，"
                    f"或先用 --host {HOST} 在本机启动。"
                )
        engine.dispose()
    except OSError as exc:
        raise ReportgenError(f"无法使用数据目录 {folder}：{exc.strerror or exc}。") from None
    listening = _bind(port, address)
    try:
        app = create_app(folder, database, bureau=bureau) if count == 1 else None
    except OSError as exc:
        listening.close()
        raise ReportgenError(f"无法使用数据目录 {folder}：{exc.strerror or exc}。") from None
    shown = f"[{address}]" if ":" in address else address
    url = f"http://{shown}:{port}/"

    def announce() -> None:
        if _answers(url, lambda: not stopped.is_set()):
            mode = "局端模式，" if bureau else ""
            print(f"reportgen 已启动（{mode}{url}；数据保存在 {kept_in}；按 Ctrl+C 停止）", flush=True)
            if open_browser:
                webbrowser.open(url)

    stopped = threading.Event()
    threading.Thread(target=announce, daemon=True).start()
    try:
        if app is not None:
            uvicorn.Server(uvicorn.Config(app, host=address, port=port, log_level="warning")).run(sockets=[listening])
        else:
            from uvicorn.supervisors import Multiprocess

            os.environ[DATA_DIR_VARIABLE] = str(folder.resolve())
            os.environ[BUREAU_VARIABLE] = "1" if bureau else ""
            if database is not None:
                os.environ[DATABASE_VARIABLE] = database  # the workers' open_database reads it
            config = uvicorn.Config(
                "reportgen.web.app:worker_app",
                factory=True,
                host=address,
                port=port,
                workers=count,
                log_level="warning",
            )
            Multiprocess(config, sockets=[listening]).run()
    finally:
        stopped.set()


def _answers(url: str, waiting: Callable[[], bool], timeout: float = 60) -> bool:
    """Whether the server at ``url`` answers a request within ``timeout`` seconds (asked while
    ``waiting()`` is true)."""
    import time
    import urllib.error
    import urllib.request

    deadline = time.monotonic() + timeout
    while waiting() and time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except urllib.error.HTTPError:
            return True  # it answered, if not with a page
        except OSError:
            time.sleep(0.05)
    return False


def _bind(port: int, host: str = HOST) -> socket.socket:
    """The socket to serve on, bound here so that a port in use is told in Chinese."""
    # IPPROTO_TCP named: asyncio sets TCP_NODELAY only on sockets whose proto says TCP, and without
    # it every response after the first on a kept-alive connection waits ~40 ms for a delayed ACK.
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listening = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    if os.name != "nt":  # elsewhere a restarted server may take the port over from its closing connections
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind((host, port))
    except OSError as exc:
        listening.close()
        if host not in LOOPBACK_HOSTS and exc.errno in (errno.EADDRNOTAVAIL, errno.EAFNOSUPPORT):
            raise ReportgenError(f"本机没有地址 {host}：请用本机的网卡地址，或 0.0.0.0 表示所有地址。") from None
        raise ReportgenError(f"端口 {port} 已被占用或不可用：请用 --port 换一个端口。") from None
    return listening
