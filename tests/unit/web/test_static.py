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
