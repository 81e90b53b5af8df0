"""Finding LibreOffice: on the PATH, or where its Windows installer puts it."""

from __future__ import annotations

from pathlib import Path

from reportgen.features.pdf import installed_on_windows


def test_libreoffice_is_found_under_program_files(tmp_path: Path) -> None:
    program = tmp_path / "x86" / "LibreOffice" / "program"
    program.mkdir(parents=True)
    (program / "soffice.exe").write_bytes(b"")
    environ = {"ProgramFiles": str(tmp_path / "none"), "ProgramFiles(x86)": str(tmp_path / "x86")}
    assert installed_on_windows(environ) == str(program / "soffice.exe")


def test_nothing_is_found_where_it_is_not_installed(tmp_path: Path) -> None:
    assert installed_on_windows({"ProgramFiles": str(tmp_path)}) is None
    assert installed_on_windows({}) is None
