"""The bureau's load script (benchmarks/bureau_load.py) runs end to end on a few units, so that
it cannot rot while the routes change: every unit signs in, saves and validates without an
error, and the figures are printed. Nothing here is timed."""

from __future__ import annotations

import re
import subprocess
import sys

from samples import ROOT


def test_a_few_units_sign_in_save_and_validate_without_an_error_while_a_reviewer_lists_them() -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bureau_load.py"), "--units", "3", "--rounds", "2", "--pause", "0"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=240,
    )
    assert run.returncode == 0, run.stderr
    counts = dict(re.findall(r"^  (save|validate|review)\s.*?\s(\d+)\s+0\s", run.stdout, re.MULTILINE))
    assert counts.get("save") == "6" and counts.get("validate") == "6" and "review" in counts, run.stdout
    assert "requests/s" in run.stdout and "server CPU" in run.stdout
