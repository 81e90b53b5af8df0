"""Importing a part of reportgen loads only what that part needs (PEP 562 in ``reportgen``)."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("jinja2", "lxml", "pydantic", "markdown_it", "docx", "openpyxl")


@pytest.mark.parametrize("module", ["reportgen", "reportgen.data.values", "reportgen.errors"])
def test_importing_a_part_loads_no_pipeline_library(module: str) -> None:
    code = f"import {module}, sys; print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"


# typer's own parameter adapters import pydantic for a command's --help; reportgen's models must not be
PIPELINE = (
    "jinja2",
    "lxml",
    "markdown_it",
    "docx",
    "openpyxl",
    "reportgen.api",
    "reportgen.data.model",
    "reportgen.data.importing",
    "reportgen.docx",
    "fastapi",
    "sqlalchemy",
    "uvicorn",
    "alembic",
    "reportgen.web.app",
)


@pytest.mark.parametrize(
    "command", [[], ["render"], ["batch"], ["update"], ["check"], ["import"], ["review"], ["serve"]]
)
def test_help_loads_none_of_the_pipeline(command: list[str]) -> None:
    code = (
        "import sys\nfrom reportgen.cli import app\n"
        f"try:\n    app([*{command!r}, '--help'], prog_name='reportgen')\nexcept SystemExit:\n    pass"
    )
    shown = f"print(sorted(m for m in {(PIPELINE if command else (*HEAVY, *PIPELINE))!r} if m in sys.modules))"
    run = subprocess.run([sys.executable, "-c", f"{code}\n{shown}"], capture_output=True, text=True, check=True)
    assert run.stdout.strip().splitlines()[-1] == "[]"


def test_the_public_api_is_still_there() -> None:
    import reportgen
    from reportgen import api

    assert reportgen.Renderer is api.Renderer and reportgen.build_report is api.build_report
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = reportgen.nothing
