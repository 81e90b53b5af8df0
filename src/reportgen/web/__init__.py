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
from pathlib import Path

from reportgen.errors import ReportgenError

HOST = "127.0.0.1"
DEFAULT_PORT = 8765


def default_data_dir() -> Path:
    """``$XDG_DATA_HOME/reportgen``, else ``%APPDATA%\\reportgen`` on Windows, else ``~/.local/share/reportgen``."""
    xdg = os.environ.get("XDG_DATA_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "reportgen"
    appdata = os.environ.get("APPDATA")
    if os.name == "nt" and appdata:
        return Path(appdata) / "reportgen"
    return Path.home() / ".local" / "share" / "reportgen"


def serve(port: int = DEFAULT_PORT, data_dir: Path | None = None, open_browser: bool = True) -> None:
    """Run the application on 127.0.0.1:``port`` until interrupted, opening the browser at
    its start page once it listens."""
    import threading
    import time
    import webbrowser

    import uvicorn

    from reportgen.web.app import create_app

    folder = data_dir or default_data_dir()
    listening = _bind(port)
    try:
        app = create_app(folder)
    except OSError as exc:
        listening.close()
        raise ReportgenError(f"无法使用数据目录 {folder}：{exc.strerror or exc}。") from None
    server = uvicorn.Server(uvicorn.Config(app, host=HOST, port=port, log_level="warning"))
    url = f"http://{HOST}:{port}/"

    def announce() -> None:
        while not server.started and not server.should_exit:
            time.sleep(0.05)
        if server.started:
            print(f"reportgen 已启动：{url}（数据保存在 {folder}；按 Ctrl+C 停止）", flush=True)
            if open_browser:
                webbrowser.open(url)

    threading.Thread(target=announce, daemon=True).start()
    server.run(sockets=[listening])


def _bind(port: int) -> socket.socket:
    """The loopback socket to serve on, bound here so that a port in use is told in Chinese."""
    # IPPROTO_TCP named, so that asyncio sets TCP_NODELAY on each connection (it checks the protocol):
    # without it a small answer waits ~40 ms for the client's delayed ACK (Nagle).
    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    if os.name != "nt":  # elsewhere a restarted server may take the port over from its closing connections
        listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listening.bind((HOST, port))
    except OSError:
        listening.close()
        raise ReportgenError(f"端口 {port} 已被占用或不可用：请用 --port 换一个端口。") from None
    return listening
