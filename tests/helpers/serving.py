"""``reportgen serve`` in its own process, as a user starts it: waited for until it answers,
stopped at the end (terminate, then kill), its stderr shown when it dies."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path


class ServerDied(Exception):
    """The server exited while it was expected to run; the message ends with its stderr."""


@dataclass(frozen=True)
class Server:
    url: str  # http://127.0.0.1:PORT, without a trailing slash
    data_dir: Path
    process: subprocess.Popen[bytes]
    log: Path  # the server's stderr (uvicorn's access log and any traceback)

    def stderr(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def check_alive(self) -> None:
        if self.process.poll() is not None:
            raise ServerDied(f"reportgen serve exited with {self.process.returncode}:\n{self.stderr()}")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_until_answering(server: Server, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{server.url}/", timeout=2) as answer:
                answer.read()
            return
        except OSError:
            server.check_alive()
            if time.monotonic() > deadline:
                raise ServerDied(f"reportgen serve did not answer within {timeout:.0f} s:\n{server.stderr()}") from None
            time.sleep(0.1)


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


@contextmanager
def running_server(data_dir: Path, log: Path, *options: str) -> Iterator[Server]:
    """``reportgen serve --no-browser [options]`` on a free port of 127.0.0.1 over ``data_dir``;
    raises :class:`ServerDied` if it exits before answering or while it was used."""
    port = free_port()
    command = [sys.executable, "-m", "reportgen", "serve", *options, "--no-browser", "--port", str(port)]
    with log.open("wb") as stderr:
        process = subprocess.Popen([*command, "--data-dir", str(data_dir)], stdout=subprocess.DEVNULL, stderr=stderr)
    server = Server(f"http://127.0.0.1:{port}", data_dir, process, log)
    try:
        wait_until_answering(server)
        yield server
        server.check_alive()
    except Exception as exc:
        if process.poll() is not None and not isinstance(exc, ServerDied):
            exc.add_note(f"reportgen serve had exited with {process.returncode}:\n{server.stderr()}")
        raise
    finally:
        stop(process)
