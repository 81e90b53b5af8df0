"""The latency benchmark (benchmarks/web_latency.py) runs its scenarios against the real server,
a few requests each, so that it cannot rot while the routes change. Nothing here is timed."""

from __future__ import annotations

import asyncio
import sys

import pytest

from samples import ROOT
from serving import Server

sys.path.insert(0, str(ROOT / "benchmarks"))
import web_latency


def test_every_scenario_runs_with_one_client_and_is_measured_or_named_as_missing(
    server: Server, capsys: pytest.CaptureFixture[str]
) -> None:
    results = asyncio.run(web_latency.run(server.url, [1, 2], requests=3))
    web_latency.print_ratios(results)
    printed = capsys.readouterr().out

    assert [(r.scenario, r.clients) for r in results] == [
        (scenario, clients) for clients in (1, 2) for scenario in web_latency.SCENARIOS
    ]
    for result in results:
        if result.missing is not None:
            assert result.missing.status in (404, 405)
            assert f"{result.scenario.name}" in printed and "route missing in this build" in printed
        else:
            assert len(result.latencies_ms) == (3 if result.clients == 1 else 2)
    measured = {r.scenario.request for r in results if r.missing is None}
    assert {web_latency.report_page, web_latency.download_docx} <= measured
    assert "p95 at 2 clients / at 1:" in printed


@pytest.mark.parametrize(
    "html",
    [
        '<input type="hidden" name="based_on" id="based-on" value="7">',
        '<form><input id="based-on" value="7" type="hidden" name="based_on"/></form>',
    ],
)
def test_the_next_change_is_based_on_the_version_the_response_names(html: str) -> None:
    assert web_latency.next_based_on(f'<input name="other" value="3">{html}') == 7


def test_a_response_without_the_version_stops_the_change_scenario() -> None:
    with pytest.raises(ValueError, match="based-on"):
        web_latency.next_based_on('<input type="hidden" name="based_on" value="7">')
