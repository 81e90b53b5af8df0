"""Load of bureau mode (issue 12 item 7): ``reportgen serve --bureau`` on 127.0.0.1 in its own
process over a fresh data folder (``--database URL`` passed through, for PostgreSQL), 200 units
each with its own account and report, all signed in and working at once:

- each unit's user, ``--rounds`` times: saves a field as the editor does (``POST
  /reports/{id}/edit`` based on the version the editor page and then each answer name), then
  validates (``GET /api/reports/{id}``: the check and figures of the version just saved);
- meanwhile a reviewer lists the units (``GET /review``; ``GET /`` on a build without it),
  with the same pauses, until every unit is done.

The units and accounts are made directly through :mod:`reportgen.web.accounts` (passwords
given, no change required); each user then signs in through ``POST /login`` and creates its
report with ``POST /reports/starter``, 20 at a time (the sign-ins are timed and printed: argon2
costs ~0.2 s of CPU each by design). The measured phase is bounded by ``--max-seconds`` and
``--max-requests`` (a unit stops when either is reached); everything goes to 127.0.0.1 only.

Prints, per request kind, the number, errors (and the first few of them), p50/p95/max and how
many were sent again (a connection the server closed while idle, retried once as a browser
does); the
requests per second of the measured phase; the server's CPU (user + system, of its process
and its workers, from /proc) as seconds, as a share of the machine's cores and per request;
and the goal of the issue: no errors, p95 ≤ 300 ms.

``--pause MS``: what each user waits, on average, after each answer (a clerk's time between
changes; the waits vary from half to one and a half times it, and each user starts at a
random moment within one pause, so users drift apart). 0: as fast as the server answers,
i.e. a saturated server, whose latencies are the queue of 200 users' requests.

On a machine other programs keep busy the latencies are theirs as much as the server's: read
them beside the share of the cores the server got and its CPU per request.

Run: python benchmarks/bureau_load.py [--units 200] [--rounds 5] [--pause 2000]
     [--workers N] [--database postgresql://…] [--keep FOLDER]
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import math
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Awaitable, Callable, Iterator, Sequence
from contextlib import AsyncExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx2
from web_latency import free_port, next_based_on, server_cpu

PASSWORD = "load-test-password-1"
GOAL_P95_MS = 300.0
TOKEN = re.compile(r'"X-CSRF-Token": "([^"]+)"')
REPORT_LOCATION = re.compile(r"/reports/(\d+)")
SAVED_PATH = "indicators[0].actual"
UNKNOWN_ROUTE = "页面不存在"  # the application's 404 for a path no route matches (app.py)
KINDS = ("save", "validate", "review list")


class LoadFailed(Exception):
    """A step before the measured phase failed (signing in, making the report): no figures."""


@dataclass
class Clerk:
    """One unit's signed-in user: the client (its cookie and CSRF header), the unit's report
    and the version its next change is based on."""

    login: str
    client: httpx2.AsyncClient
    report_id: int = 0
    based_on: int = 0
    changes: int = 0


@dataclass
class Tally:
    """The latencies (ms) and errors of one kind of request."""

    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    retried: int = 0  # sent again on a new connection (see Load.timed)

    def percentile(self, share: float) -> float:
        """Nearest-rank percentile (``share`` in 0–1) of the latencies."""
        ordered = sorted(self.latencies_ms)
        return ordered[max(0, math.ceil(share * len(ordered)) - 1)] if ordered else 0.0


@dataclass
class Load:
    """What the measured phase gives, and its bounds."""

    deadline: float  # time.perf_counter() after which no request is sent
    max_requests: int
    tallies: dict[str, Tally] = field(default_factory=lambda: {kind: Tally() for kind in KINDS})
    sent: int = 0
    review_path: str = "/review"

    def open(self) -> bool:
        """Whether another request may be sent (within the bounds); counts it."""
        if self.sent >= self.max_requests or time.perf_counter() > self.deadline:
            return False
        self.sent += 1
        return True

    async def timed(self, kind: str, request: Callable[[], Awaitable[httpx2.Response]]) -> httpx2.Response | None:
        """Send ``request()`` and note its latency, or its error (a failure status or no answer).

        A connection the server closed while idle (uvicorn keeps one 5 s) may be closed just as
        a request goes out on it; as a browser does, the request is then sent once more on a
        new connection (counted as retried, its time included)."""
        tally = self.tallies[kind]
        began = time.perf_counter()
        try:
            try:
                response = await request()
            except (httpx2.ReadError, httpx2.RemoteProtocolError):
                tally.retried += 1
                response = await request()
        except httpx2.HTTPError as exc:
            tally.errors.append(f"{type(exc).__name__}: {exc}")
            return None
        tally.latencies_ms.append((time.perf_counter() - began) * 1000)
        if not response.is_success:
            tally.errors.append(f"{response.request.method} {response.request.url.path} → {response.status_code}")
            return None
        return response


# -- the server ------------------------------------------------------------------------------


@contextmanager
def serving(data_dir: Path, database: str | None, workers: int | None) -> Iterator[tuple[str, int]]:
    """``reportgen serve --bureau --no-browser`` on a free port of 127.0.0.1 over ``data_dir``
    (with ``--database`` and ``--workers`` when given); its base URL and process id once it
    answers (its stderr beside the data folder)."""
    port = free_port()
    log = data_dir.with_suffix(".stderr.log")
    command = [sys.executable, "-m", "reportgen", "serve", "--bureau", "--no-browser", "--port", str(port)]
    if workers is not None:
        command += ["--workers", str(workers)]
    if database is not None:
        command += ["--database", database]
    with log.open("wb") as stderr:
        server = subprocess.Popen([*command, "--data-dir", str(data_dir)], stdout=subprocess.DEVNULL, stderr=stderr)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/login", timeout=2):
                    break
            except urllib.error.HTTPError:
                break  # it answers
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit(f"reportgen serve did not start:\n{log.read_text(errors='replace')}") from None
                time.sleep(0.1)
        yield url, server.pid
    except BaseException:
        tail = log.read_text(errors="replace").splitlines()[-60:]
        print("the server's log ends with:", *tail, sep="\n", file=sys.stderr)
        raise
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def make_accounts(data_dir: Path, database: str | None, units: int) -> tuple[list[str], str]:
    """``units`` units of one bureau, each with a unit account, and a reviewer, made directly
    in the server's database (which the server has migrated); their logins."""
    from reportgen.web import passwords
    from reportgen.web.accounts import Accounts
    from reportgen.web.db import open_database

    # Every account has the same password: hashed once (argon2 takes ~0.2 s a hash here), each
    # account still stores a full argon2 hash that the server checks at sign-in.
    passwords.hash_password = functools.cache(passwords.hash_password)
    engine = open_database(data_dir, database)
    try:
        accounts = Accounts(engine)
        bureau = accounts.bureau("压力测试县财政局").id
        made = [accounts.create_unit(f"压力测试单位{n:04d}", f"L{n:04d}", bureau_id=bureau) for n in range(units)]

        def user(login: str, role: str, unit_id: int | None) -> str:
            accounts.create_user(login, role, unit_id=unit_id, password=PASSWORD, bureau_id=bureau)
            return login

        logins = [user(f"unit{unit.code}", "unit", unit.id) for unit in made]
        return logins, user("reviewer", "reviewer", None)
    finally:
        engine.dispose()


# -- what the users do -----------------------------------------------------------------------


async def sign_in(client: httpx2.AsyncClient, login: str, tally: Tally | None = None) -> None:
    """Sign in with the login page's form (its latency noted in ``tally``); the CSRF token
    the pages then carry goes in the header htmx sends it in."""
    began = time.perf_counter()
    answer = await client.post("/login", data={"login": login, "password": PASSWORD, "next": "/"})
    if tally is not None:
        tally.latencies_ms.append((time.perf_counter() - began) * 1000)
    if answer.status_code != 303:
        raise LoadFailed(f"{login} could not sign in: HTTP {answer.status_code}")
    page = await client.get("/password")
    found = TOKEN.search(page.text)
    if found is None:
        raise LoadFailed(f"{login}: the page after signing in carries no CSRF token")
    client.headers["X-CSRF-Token"] = found.group(1)


async def start_report(clerk: Clerk) -> None:
    """The unit's report from the starter data, and the version the editor page bases a change on."""
    created = await clerk.client.post("/reports/starter")
    found = REPORT_LOCATION.fullmatch(created.headers.get("location", ""))
    if created.status_code != 303 or found is None:
        raise LoadFailed(f"{clerk.login}: POST /reports/starter answered {created.status_code}")
    clerk.report_id = int(found.group(1))
    editor = await clerk.client.get(f"/reports/{clerk.report_id}/edit")
    clerk.based_on = next_based_on(editor.text)


async def prepared(base_url: str, logins: Sequence[str], stack: AsyncExitStack, signing_in: Tally) -> list[Clerk]:
    """Every unit's user signed in with a report, 20 at a time (the sign-ins timed in ``signing_in``)."""
    clerks = [
        Clerk(login, await stack.enter_async_context(httpx2.AsyncClient(base_url=base_url, timeout=60)))
        for login in logins
    ]
    gate = asyncio.Semaphore(20)

    async def ready(clerk: Clerk) -> None:
        async with gate:
            await sign_in(clerk.client, clerk.login, signing_in)
            await start_report(clerk)

    await asyncio.gather(*(ready(clerk) for clerk in clerks))
    return clerks


async def save_field(clerk: Clerk) -> httpx2.Response:
    """One field edited in the form, as htmx sends it."""
    clerk.changes += 1
    form = {"based_on": str(clerk.based_on), "path": SAVED_PATH, "value": f"{300 + clerk.changes}件"}
    return await clerk.client.post(f"/reports/{clerk.report_id}/edit", data=form, headers={"HX-Request": "true"})


async def work(clerk: Clerk, load: Load, rounds: int, pause: float) -> None:
    """``rounds`` times: save a field, then validate the report; ``pause`` on average after each answer."""
    waits = random.Random(clerk.report_id)
    await asyncio.sleep(pause * waits.random())
    for _ in range(rounds):
        if not load.open():
            return
        saved = await load.timed("save", lambda: save_field(clerk))
        if saved is not None:
            clerk.based_on = next_based_on(saved.text)
        await asyncio.sleep(pause * (0.5 + waits.random()))
        if not load.open():
            return
        await load.timed("validate", lambda: clerk.client.get(f"/api/reports/{clerk.report_id}"))
        await asyncio.sleep(pause * (0.5 + waits.random()))


async def review_path(reviewer: httpx2.AsyncClient) -> str:
    """``/review`` when this build has the bureau's list, else the start page."""
    answer = await reviewer.get("/review")
    missing = answer.status_code == 405 or (answer.status_code == 404 and UNKNOWN_ROUTE in answer.text)
    return "/" if missing else "/review"


async def review(reviewer: httpx2.AsyncClient, load: Load, done: asyncio.Event, pause: float) -> None:
    """List the units, ``pause`` on average after each list, until the units are done."""
    waits = random.Random(0)
    while not done.is_set() and load.open():
        await load.timed("review list", lambda: reviewer.get(load.review_path))
        await asyncio.sleep(pause * (0.5 + waits.random()))


async def measure(clerks: Sequence[Clerk], reviewer: httpx2.AsyncClient, load: Load, rounds: int, pause: float) -> None:
    done = asyncio.Event()

    async def units() -> None:
        await asyncio.gather(*(work(clerk, load, rounds, pause) for clerk in clerks))
        done.set()

    await asyncio.gather(units(), review(reviewer, load, done, pause))


# -- the report ------------------------------------------------------------------------------


def print_figures(load: Load, seconds: float, cpu: float | None, client_cpu: float) -> bool:
    """The figures of the measured phase; whether the goal was met."""
    print(f"  {'request':<34}{'count':>7}{'errors':>8}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'sent again':>12}")
    met = True
    names = {"save": "save     POST /reports/{id}/edit", "validate": "validate GET  /api/reports/{id}"}
    names["review list"] = f"review   GET  {load.review_path}"
    for kind, tally in load.tallies.items():
        figures = (tally.percentile(0.5), tally.percentile(0.95), max(tally.latencies_ms, default=0.0))
        cells = "".join(f"{ms:9.1f}" for ms in figures)
        print(f"  {names[kind]:<34}{len(tally.latencies_ms):>7}{len(tally.errors):>8}{cells}{tally.retried:>12}")
        met = met and not tally.errors and (kind == "review list" or figures[1] <= GOAL_P95_MS)
    answered = sum(len(tally.latencies_ms) for tally in load.tallies.values())
    print(f"  {answered} requests in {seconds:.1f} s: {answered / seconds:.1f} requests/s")
    cores = os.cpu_count() or 1
    if cpu is not None:
        share = cpu / seconds / cores * 100
        per_request = cpu * 1000 / answered if answered else 0.0
        print(f"  server CPU {cpu:.1f} s ({share:.0f} % of {cores} cores, {per_request:.1f} ms per request)")
    print(f"  load generator CPU {client_cpu:.1f} s (it shares the machine's cores with the server)")
    for kind, tally in load.tallies.items():
        for error in tally.errors[:3]:
            print(f"  error ({kind}): {error}")
    verdict = "met" if met else "NOT met"
    print(f"goal (no errors, p95 ≤ {GOAL_P95_MS:.0f} ms for saves and validations): {verdict}")
    return met


async def run(
    base_url: str,
    logins: Sequence[str],
    reviewer_login: str,
    rounds: int,
    pause: float,
    max_seconds: float,
    max_requests: int,
    server: int | None,
) -> Load:
    async with AsyncExitStack() as stack:
        began = time.perf_counter()
        signing_in = Tally()
        clerks = await prepared(base_url, logins, stack, signing_in)
        reviewer = await stack.enter_async_context(httpx2.AsyncClient(base_url=base_url, timeout=60))
        await sign_in(reviewer, reviewer_login)
        print(f"{len(clerks)} units signed in, each with a report, in {time.perf_counter() - began:.1f} s")
        figures = "/".join(f"{signing_in.percentile(share):.0f}" for share in (0.5, 0.95, 1.0))
        print(f"  sign in  POST /login, 20 at a time: p50/p95/max {figures} ms (argon2: CPU-bound by design)")
        load = Load(time.perf_counter() + max_seconds, max_requests, review_path=await review_path(reviewer))
        cpu_before, client_before = server_cpu(server), time.process_time()
        began = time.perf_counter()
        await measure(clerks, reviewer, load, rounds, pause)
        seconds = time.perf_counter() - began
        cpu_after, client_cpu = server_cpu(server), time.process_time() - client_before
    cpu = cpu_after - cpu_before if cpu_before is not None and cpu_after is not None else None
    print_figures(load, seconds, cpu, client_cpu)
    return load


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--units", type=int, default=200, help="units, each with its user and report (default 200)")
    parser.add_argument("--rounds", type=int, default=5, help="save + validate rounds per unit (default 5)")
    parser.add_argument(
        "--pause", type=float, default=2000, help="ms a user waits after each answer, on average (default 2000)"
    )
    parser.add_argument("--workers", type=int, default=None, help="reportgen serve --workers N")
    parser.add_argument("--database", default=None, help="reportgen serve --database URL (default: SQLite)")
    parser.add_argument("--max-seconds", type=float, default=300, help="bound of the measured phase (default 300)")
    parser.add_argument("--max-requests", type=int, default=20000, help="bound of its requests (default 20000)")
    parser.add_argument("--keep", type=Path, default=None, help="a new folder to keep the data and server log in")
    options = parser.parse_args()
    if options.keep is not None and options.keep.exists():
        parser.error(f"--keep {options.keep}: the folder exists already")
    if not 1 <= options.units <= 2000 or not 1 <= options.rounds <= 100:
        parser.error("--units must be 1–2000 and --rounds 1–100")
    with tempfile.TemporaryDirectory() as folder:
        data_dir = Path(options.keep or folder) / "workspace"
        data_dir.parent.mkdir(parents=True, exist_ok=True)
        with serving(data_dir, options.database, options.workers) as (url, pid):
            began = time.perf_counter()
            logins, reviewer = make_accounts(data_dir, options.database, options.units)
            storage = "PostgreSQL" if options.database else "SQLite"
            workers = f"--workers {options.workers}" if options.workers else "default workers"
            print(f"reportgen serve --bureau at {url} (pid {pid}, {os.cpu_count()} CPUs, {workers}, {storage})")
            print(f"{options.units} units and their accounts made in {time.perf_counter() - began:.1f} s")
            pause = f"about {options.pause:.0f} ms after each answer" if options.pause else "no pause"
            print(f"{options.rounds} rounds of save + validate per unit, {pause}; a reviewer listing meanwhile")
            try:
                asyncio.run(
                    run(
                        url,
                        logins,
                        reviewer,
                        options.rounds,
                        options.pause / 1000,
                        options.max_seconds,
                        options.max_requests,
                        pid,
                    )
                )
            except LoadFailed as exc:
                raise SystemExit(f"the load did not start: {exc}") from None


if __name__ == "__main__":
    main()
