"""The web application (issue 11), local mode: ``reportgen serve`` on a staff member's own
computer — 127.0.0.1 only, one workspace, no login, data in SQLite in the user's data folder.

A layer beside :mod:`reportgen.cli`: it calls :mod:`reportgen.api` and the storage here.
FastAPI, uvicorn and SQLAlchemy are imported only when the server starts. The editor's pure
parts (``fields``, ``problems``, ``figures_panel``) import no web framework, so the editor
shows what the CLI checks, in the workbook's own words; ``preview`` makes the standalone
preview page around :func:`reportgen.render.html.preview_html` (``static/preview.css``).
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from pathlib import Path

from reportgen.errors import ReportgenError

HOST = "127.0.0.1"
DEFAULT_PORT = 8765
MAX_WORKERS = 8
DATA_DIR_VARIABLE = "REPORTGEN_SERVE_DATA_DIR"  # how worker processes learn the workspace (app.worker_app)
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
    database: str | None = None,
) -> None:
    """Run the application on 127.0.0.1:``port`` until interrupted, opening the browser at
    its start page once it listens; in ``workers`` processes (default :data:`DEFAULT_WORKERS`)
    sharing the one listening socket, each with its own application over the same workspace
    (everything they must agree on is in the database or on disk). ``database``: a PostgreSQL
    URL (else ``$REPORTGEN_DATABASE``, else SQLite in the data folder)."""
    import threading
    import webbrowser

    import uvicorn

    from reportgen.web.app import create_app
    from reportgen.web.db import open_database
    from reportgen.web.engine import DATABASE_VARIABLE, chosen_url, described, postgresql_url

    folder = data_dir or default_data_dir()
    url = chosen_url(database)
    kept_in = described(postgresql_url(url)) if url is not None else str(folder)
    count = workers if workers is not None else DEFAULT_WORKERS
    if not 1 <= count <= MAX_WORKERS:
        raise ReportgenError(f"--workers 应在 1 到 {MAX_WORKERS} 之间。")
    listening = _bind(port)
    try:
        app = create_app(folder, url) if count == 1 else None
        if app is None:
            open_database(folder, url).dispose()  # migrated once here, before the workers start
    except OSError as exc:
        listening.close()
        raise ReportgenError(f"无法使用数据目录 {folder}：{exc.strerror or exc}。") from None
    address = f"http://{HOST}:{port}/"

    def announce() -> None:
        if _answers(address, lambda: not stopped.is_set()):
            print(f"reportgen 已启动：{address}（数据保存在 {kept_in}；按 Ctrl+C 停止）", flush=True)
            if open_browser:
                webbrowser.open(address)

    stopped = threading.Event()
    threading.Thread(target=announce, daemon=True).start()
    try:
        if app is not None:
            uvicorn.Server(uvicorn.Config(app, host=HOST, port=port, log_level="warning")).run(sockets=[listening])
        else:
            from uvicorn.supervisors import Multiprocess

            os.environ[DATA_DIR_VARIABLE] = str(folder.resolve())
            if url is not None:
                os.environ[DATABASE_VARIABLE] = url  # the workers' open_database reads it
            config = uvicorn.Config(
                "reportgen.web.app:worker_app", factory=True, host=HOST, port=port, workers=count, log_level="warning"
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


def _bind(port: int) -> socket.socket:
    """The loopback socket to serve on, bound here so that a port in use is told in Chinese."""
    # IPPROTO_TCP named: asyncio sets TCP_NODELAY only on sockets whose proto says TCP, and without
    # it every response after the first on a kept-alive connection waits ~40 ms for a delayed ACK.
    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    if os.name != "nt":  # elsewhere a restarted server may take the port over from its closing connections
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind((HOST, port))
    except OSError:
        listening.close()
        raise ReportgenError(f"端口 {port} 已被占用或不可用：请用 --port 换一个端口。") from None
    return listening
