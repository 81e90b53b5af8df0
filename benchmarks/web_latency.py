"""Latency of the web application as clients see it: ``reportgen serve`` on 127.0.0.1 in its own
process, 1 and 20 concurrent clients (asyncio + httpx2), each on its own report made from the
example data, a bounded number of requests per scenario.

Prints p50/p95/max, requests per second and the server's CPU time per request (user + system,
of the server process and its worker processes, from /proc: a throughput limit of
``cores / CPU per request``) and the clients' (this process's: the load generator shares the
machine's cores with the server) for each scenario, beside the goals of issue 11 (p95 ≤ 100 ms for a
field change, ≤ 150 ms for the preview, at 20 clients on a 2-core machine), and the ratios
p95 / goal and p95 at the most clients / at one. Asserts nothing. A route this build does not
have yet is reported as missing, without figures. A scenario is one line of ``SCENARIOS``.

Two preview scenarios: the preview of a version just saved (a field change, untimed, then the
preview frame of the new version, timed: what a clerk waits for after typing), and the preview
of the same version again (served from the server's preview cache). The CPU of the first
includes its untimed field change.

Clients send their next request as soon as they have an answer (``--pause`` adds a clerk's
time between changes), so at 20 clients the figures are those of a saturated server.

Run: python benchmarks/web_latency.py [--requests 200] [--clients 1 20] [--pause MS]
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import AsyncExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx2

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "lingling-2022" / "data.yaml"
BASED_ON = re.compile(r"<input\b[^>]*\bid=\"based-on\"[^>]*>")
VALUE = re.compile(r"\bvalue=\"(\d+)\"")
UNKNOWN_ROUTE = "页面不存在"  # the application's 404 for a path no route matches (app.py)


@dataclass
class Session:
    """One client's report and the version its next change is based on."""

    report_id: int
    based_on: int = 1
    changes: int = 0


Request = Callable[[httpx2.AsyncClient, Session], Awaitable[httpx2.Response]]


@dataclass(frozen=True)
class Scenario:
    name: str
    request: Request
    goal_ms: float | None = None  # for p95 at the most clients
    prepare: Request | None = None  # sent, untimed, before each timed request


class RouteMissing(Exception):
    """The server has no such route (404 from no route, or 405): the scenario is not measured."""

    def __init__(self, status: int) -> None:
        super().__init__(f"route missing in this build (HTTP {status})")
        self.status = status


def next_based_on(html: str) -> int:
    """The version number in ``<input type="hidden" name="based_on" id="based-on" value="N">``."""
    field = BASED_ON.search(html)
    value = VALUE.search(field.group(0)) if field else None
    if value is None:
        raise ValueError('the response has no <input id="based-on" value="N">: the next change has no base')
    return int(value.group(1))


async def change_field(client: httpx2.AsyncClient, session: Session) -> httpx2.Response:
    """One field edited in the form (as htmx sends it) and the fragment the server answers with."""
    session.changes += 1
    form = {
        "based_on": str(session.based_on),
        "path": "indicators[0].actual",
        "value": f"{400 + session.changes % 50}人",
    }
    response = await client.post(f"/reports/{session.report_id}/edit", data=form, headers={"HX-Request": "true"})
    if response.is_success:
        session.based_on = next_based_on(response.text)
    return response


async def preview_frame(client: httpx2.AsyncClient, session: Session) -> httpx2.Response:
    return await client.get(f"/reports/{session.report_id}/preview/frame")


async def report_page(client: httpx2.AsyncClient, session: Session) -> httpx2.Response:
    return await client.get(f"/reports/{session.report_id}")


async def download_docx(client: httpx2.AsyncClient, session: Session) -> httpx2.Response:
    return await client.get(f"/reports/{session.report_id}/report.docx")


SCENARIOS = [
    Scenario("field change   POST /reports/{id}/edit", change_field, goal_ms=100),
    Scenario("preview, new version (after a change)", preview_frame, goal_ms=150, prepare=change_field),
    Scenario("preview, same version again (cached)", preview_frame),
    Scenario("report page    GET  /reports/{id}", report_page),
    Scenario("Word download  GET  /reports/{id}/report.docx", download_docx),
]


@dataclass(frozen=True)
class Result:
    scenario: Scenario
    clients: int
    latencies_ms: Sequence[float] = ()
    seconds: float = 0.0
    missing: RouteMissing | None = None
    cpu_seconds: float | None = None  # the server's, during the timed requests (None: not readable)
    client_cpu_seconds: float = 0.0  # this process's (the clients'), during the timed requests

    @property
    def cpu_ms_per_request(self) -> float | None:
        if self.cpu_seconds is None or not self.latencies_ms:
            return None
        return self.cpu_seconds * 1000 / len(self.latencies_ms)

    @property
    def client_cpu_ms_per_request(self) -> float:
        return self.client_cpu_seconds * 1000 / len(self.latencies_ms) if self.latencies_ms else 0.0

    def percentile(self, share: float) -> float:
        """Nearest-rank percentile (``share`` in 0–1) of the latencies."""
        ordered = sorted(self.latencies_ms)
        return ordered[max(0, math.ceil(share * len(ordered)) - 1)]

    @property
    def per_second(self) -> float:
        return len(self.latencies_ms) / self.seconds if self.seconds else 0.0


def checked(response: httpx2.Response) -> httpx2.Response:
    """``response`` if it succeeded; :class:`RouteMissing` for a route this build lacks."""
    if response.status_code == 405 or (response.status_code == 404 and UNKNOWN_ROUTE in response.text):
        raise RouteMissing(response.status_code)
    if not response.is_success:
        raise RuntimeError(f"{response.request.method} {response.request.url} → {response.status_code}")
    return response


async def create_report(client: httpx2.AsyncClient) -> Session:
    """A new report from the example data, uploaded as a clerk would from the start page."""
    files = {"file": ("自评数据.yaml", EXAMPLE.read_bytes(), "application/yaml")}
    created = await client.post("/reports/upload", files=files)
    location = created.headers.get("location", "")
    if created.status_code != 303 or not re.fullmatch(r"/reports/\d+", location):
        raise RuntimeError(f"the example data did not make a report ({created.status_code})")
    return Session(int(location.rsplit("/", 1)[1]))


async def create_reports(base_url: str, count: int) -> list[Session]:
    async with httpx2.AsyncClient(base_url=base_url, timeout=60) as client:
        return [await create_report(client) for _ in range(count)]


def _tree(root: int) -> list[int]:
    """``root`` and its descendants, from /proc (the server and its worker processes)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, grown = [root], True
    while grown:
        more = [pid for pid, parent in parents.items() if parent in found and pid not in found]
        found.extend(more)
        grown = bool(more)
    return found


def server_cpu(root: int | None) -> float | None:
    """CPU seconds (user + system) the server process ``root`` and its descendants have used
    (their finished children's too); None where /proc is not there to tell."""
    if root is None or not Path(f"/proc/{root}/stat").is_file():
        return None
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in _tree(root):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(value) for value in fields[11:15])  # utime stime cutime cstime
    return total / ticks


async def measure(
    base_url: str,
    scenario: Scenario,
    sessions: Sequence[Session],
    requests: int,
    pause: float = 0,
    server: int | None = None,
) -> Result:
    """``requests`` requests of ``scenario`` shared among one client per session, all at once,
    each client waiting ``pause`` seconds on average after each answer (0: as fast as the server
    answers; the waits vary from half to one and a half times it, so clients drift apart);
    each client first sends one untimed request (a warm-up that also finds a missing route)."""
    each = max(1, requests // len(sessions))

    async def timed(client: httpx2.AsyncClient, session: Session) -> list[float]:
        waits = random.Random(session.report_id)
        times = []
        for _ in range(each):
            if scenario.prepare is not None:
                checked(await scenario.prepare(client, session))
            began = time.perf_counter()
            checked(await scenario.request(client, session))
            times.append((time.perf_counter() - began) * 1000)
            await asyncio.sleep(pause * (0.5 + waits.random()))
        return times

    async with AsyncExitStack() as stack:
        clients = [await stack.enter_async_context(httpx2.AsyncClient(base_url=base_url, timeout=60)) for _ in sessions]

        async def warm_up(client: httpx2.AsyncClient, session: Session) -> httpx2.Response:
            if scenario.prepare is not None:
                prepared = await scenario.prepare(client, session)
                if not prepared.is_success:
                    return prepared
            return await scenario.request(client, session)

        warm_ups = await asyncio.gather(
            *(warm_up(client, session) for client, session in zip(clients, sessions, strict=True))
        )
        try:
            for response in warm_ups:
                checked(response)
        except RouteMissing as missing:
            return Result(scenario, len(sessions), missing=missing)
        cpu_before, client_before = server_cpu(server), time.process_time()
        began = time.perf_counter()
        per_client = await asyncio.gather(
            *(timed(client, session) for client, session in zip(clients, sessions, strict=True))
        )
        seconds = time.perf_counter() - began
        cpu_after, client = server_cpu(server), time.process_time() - client_before
    cpu = cpu_after - cpu_before if cpu_before is not None and cpu_after is not None else None
    latencies = [ms for times in per_client for ms in times]
    return Result(scenario, len(sessions), latencies, seconds, cpu_seconds=cpu, client_cpu_seconds=client)


def goal_note(result: Result) -> str:
    goal = result.scenario.goal_ms
    if goal is None or not result.latencies_ms:
        return ""
    p95 = result.percentile(0.95)
    return f"p95 ≤ {goal:.0f} ms: {'met' if p95 <= goal else 'OVER'} ({p95 / goal:.2f} of the goal)"


def print_result(result: Result) -> None:
    head = f"  {result.scenario.name:<50} {result.clients:>3}"
    if result.missing is not None:
        print(f"{head}   {result.missing}")
        return
    figures = [result.percentile(0.5), result.percentile(0.95), max(result.latencies_ms)]
    cells = "".join(f"{ms:9.1f}" for ms in figures)
    cpu = result.cpu_ms_per_request
    cpu_cell = f"{cpu:8.1f}" if cpu is not None else f"{'–':>8}"
    client = f"{result.client_cpu_ms_per_request:8.1f}"
    print(f"{head}{cells}{result.per_second:8.1f}{cpu_cell}{client}   {goal_note(result)}")


def print_ratios(results: Sequence[Result]) -> None:
    counts = sorted({result.clients for result in results})
    if len(counts) < 2:
        return
    few, many = counts[0], counts[-1]
    print(f"p95 at {many} clients / at {few}:")
    for scenario in SCENARIOS:
        measured = {r.clients: r for r in results if r.scenario is scenario and r.latencies_ms}
        if few in measured and many in measured:
            ratio = measured[many].percentile(0.95) / measured[few].percentile(0.95)
            print(f"  {scenario.name:<50} {ratio:6.1f}×")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def serving(data_dir: Path, workers: int | None = None) -> Iterator[tuple[str, int]]:
    """``reportgen serve --no-browser`` over ``data_dir`` on a free port (with ``--workers`` if
    given); its base URL and process id once it answers."""
    port = free_port()
    log = data_dir.with_suffix(".stderr.log")
    command = [sys.executable, "-m", "reportgen", "serve", "--no-browser", "--port", str(port)]
    if workers is not None:
        command += ["--workers", str(workers)]
    with log.open("wb") as stderr:
        server = subprocess.Popen([*command, "--data-dir", str(data_dir)], stdout=subprocess.DEVNULL, stderr=stderr)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"reportgen serve did not start:\n{log.read_text(errors='replace')}") from None
                time.sleep(0.1)
        yield url, server.pid
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


async def run(
    base_url: str, client_counts: Sequence[int], requests: int, pause: float = 0, server: int | None = None
) -> list[Result]:
    sessions = await create_reports(base_url, max(client_counts))
    results = []
    for clients in client_counts:
        for scenario in SCENARIOS:
            result = await measure(base_url, scenario, sessions[:clients], requests, pause, server)
            print_result(result)
            results.append(result)
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--requests", type=int, default=200, help="requests per scenario and client count")
    parser.add_argument("--clients", type=int, nargs="+", default=[1, 20], help="concurrent clients")
    parser.add_argument(
        "--pause", type=float, default=0, help="ms a client waits after an answer, on average (default 0: no wait)"
    )
    parser.add_argument(
        "--workers", type=int, default=None, help="reportgen serve --workers N (default: the server's own default)"
    )
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, serving(Path(folder) / "workspace", options.workers) as (url, pid):
        workers = f"--workers {options.workers}" if options.workers is not None else "default workers"
        print(f"reportgen serve at {url} ({os.cpu_count()} CPUs, {workers}), data: {EXAMPLE.parent.name}")
        pause = f"about {options.pause:.0f} ms pause after each answer" if options.pause else "no pause"
        print(f"{options.requests} requests per scenario and client count, one report per client, {pause}")
        print(f"  {'scenario':<50} {'clients':>3}   p50 ms   p95 ms   max ms   req/s  CPU ms/req: server  clients")
        results = asyncio.run(run(url, options.clients, options.requests, options.pause / 1000, pid))
        print_ratios(results)


if __name__ == "__main__":
    main()
