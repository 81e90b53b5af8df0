"""Shared fixtures. Helper modules (samples, drafting, figures_cases, pdfpages, written) live in
``tests/helpers``, which pytest's ``pythonpath`` puts on the path; test modules are imported in
"importlib" mode, so the same basename may appear under several folders of ``tests/unit``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest


@pytest.fixture
def write_yaml(tmp_path: Path) -> Callable[..., Path]:
    """Write YAML text to a file in a temporary folder and return its path."""

    def write(text: str, name: str = "data.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write


# The web tests on SQLite and on PostgreSQL (tests/helpers/databases.py).
pytest_plugins = ["databases"]
