"""``reportgen`` run as a user runs it: a separate process, its output checked for a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def reportgen(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """``python -m reportgen ARGS`` (in ``cwd``); no traceback may reach the user."""
    result = subprocess.run(
        [sys.executable, "-m", "reportgen", *map(str, args)], capture_output=True, text=True, cwd=cwd
    )
    assert "Traceback" not in result.stdout + result.stderr
    return result
