"""5,000 mutated inputs (YAML, JSON, .xlsx, .docx) through validate/render/check/update.

Zero tracebacks, zero cases over 10 s, zero workers dying for lack of memory (1 GiB each):
see tests/helpers/fuzzing. A failing case prints its seed and index and is saved under the test's
temporary folder; ``python benchmarks/fuzz.py --seed ci --start INDEX --count 1`` reruns it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from fuzzing.runner import cases, run_cases

COUNT = 5000
SEED = "ci"


@pytest.mark.fuzz
def test_mutated_inputs_end_in_a_result_or_a_clear_error(tmp_path: Path) -> None:
    summary = run_cases(cases(SEED, COUNT), jobs=2, save=tmp_path / "failures")
    print(summary.report())
    assert len(summary.outcomes) == COUNT
    assert not summary.failures, summary.report() + f"\n(inputs saved in {tmp_path / 'failures'})"
    kinds = {outcome.case.name.rsplit(".", 1)[-1] for outcome in summary.outcomes}
    assert kinds == {"yaml", "json", "xlsx", "docx"}
    assert summary.counts().get("ok", 0) > COUNT // 50  # some mutations keep the input valid: rendering is reached
