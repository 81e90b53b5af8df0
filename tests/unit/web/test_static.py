"""The vendored static files are the ones their README names."""

from __future__ import annotations

import hashlib
from pathlib import Path

import reportgen.web

STATIC = Path(reportgen.web.__file__).with_name("static")


def test_the_vendored_htmx_is_the_published_file_its_checksum_names() -> None:
    digest, name = (STATIC / "htmx.sha256").read_text(encoding="utf-8").split()
    assert hashlib.sha256((STATIC / name).read_bytes()).hexdigest() == digest


def test_the_pages_load_the_vendored_htmx_and_no_file_from_the_internet() -> None:
    base = (STATIC.parent / "templates" / "base.html").read_text(encoding="utf-8")
    _digest, name = (STATIC / "htmx.sha256").read_text(encoding="utf-8").split()
    assert f'src="/static/{name}"' in base and "http" not in base


def test_the_static_files_are_served_to_the_pages(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from reportgen.web.app import create_app

    with TestClient(create_app(tmp_path)) as client:
        css = client.get("/static/app.css")
        script = client.get("/static/htmx-2.0.11.min.js")
        assert css.status_code == 200 and "text/css" in css.headers["content-type"]
        assert script.status_code == 200 and b"htmx" in script.content
        assert client.get("/static/../db.py").status_code == 404
