"""Helpers for tests of hostile and broken input: a limited subprocess and zip surgery."""

from __future__ import annotations

import io
import resource
import subprocess
import sys
import zipfile
from collections.abc import Mapping
from pathlib import Path

GIB = 2**30


def run_limited(*args: str | Path, memory: int = GIB, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """``reportgen args`` in a subprocess limited to ``memory`` bytes of address space.

    A run that would need more memory fails inside (MemoryError, a traceback), and one that
    hangs raises TimeoutExpired: both fail the test, which expects a clear error.
    """

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return subprocess.run(
        [sys.executable, "-m", "reportgen", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit,
        check=False,
    )


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def rezip(data: bytes, replace: Mapping[str, bytes | None]) -> bytes:
    """The zip ``data`` with members replaced (or added, or removed for None)."""
    parts = members(data)
    for name, blob in replace.items():
        if blob is None:
            parts.pop(name, None)
        else:
            parts[name] = blob
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, blob in parts.items():
            package.writestr(name, blob)
    return out.getvalue()


def no_traceback(result: subprocess.CompletedProcess[str]) -> str:
    """The combined output, after checking it holds no traceback."""
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-2000:]
    return output
