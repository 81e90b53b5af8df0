"""Where ``reportgen serve`` keeps the workspace unless --data-dir says otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from reportgen.web import default_data_dir


def test_the_xdg_data_folder_is_used_when_set(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert default_data_dir() == tmp_path / "reportgen"


def test_otherwise_the_users_local_share_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", "relative/ignored")  # the XDG rule: only an absolute path counts
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("APPDATA", raising=False)
    assert default_data_dir() == tmp_path / ".local" / "share" / "reportgen"
