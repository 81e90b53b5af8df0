"""Font configurations for tests of what a PDF made on a machine without 公文 fonts says."""

from __future__ import annotations

from pathlib import Path

import pytest

BARE_FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf</include></fontconfig>
"""


def use_bare_fonts(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make fontconfig (here and in processes started after) use the system's fonts with no
    stand-ins for the fonts of official documents (unlike ci/fonts.conf)."""
    conf = folder / "bare-fonts.conf"
    conf.write_text(BARE_FONTS_CONF, encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
