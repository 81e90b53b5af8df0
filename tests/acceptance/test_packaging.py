"""The wheel carries the built-in narratives, styles and the web application's files, and an installed copy renders."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from samples import LINGLING, ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-q", "-w", str(folder)],
        check=True,
        capture_output=True,
    )
    return next(folder.glob("reportgen-*.whl"))


def test_wheel_ships_narratives_and_styles(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "reportgen/_data/styles/gbt9704.yaml" in names
    assert "reportgen/_data/narratives/standard/03_performance.md.jinja" in names
    assert "reportgen/_data/narratives/hunan/10_other.md.jinja" in names
    assert "reportgen/_data/narratives/_common/starter.yaml" in names


def test_wheel_ships_the_web_applications_migrations_and_templates(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "reportgen/web/migrations/env.py" in names
    assert "reportgen/web/migrations/versions/0001_reports_and_versions.py" in names
    assert "reportgen/web/templates/report.html" in names
    assert "reportgen/web/migrations/versions/0002_settings_and_drafts.py" in names


def test_wheel_ships_the_pages_static_files_so_they_work_without_internet(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert {"reportgen/web/static/app.css", "reportgen/web/static/htmx-2.0.11.min.js"} <= set(names)


@pytest.mark.rendering
def test_installed_wheel_renders_the_example(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
    )
    out = tmp_path / "report.docx"
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run(
        [sys.executable, "-m", "reportgen", "render", str(LINGLING), "-o", str(out), "--template", "hunan"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 10_000
    probe = subprocess.run(
        [sys.executable, "-c", "import reportgen; print(reportgen.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert probe.stdout.startswith(str(target))
