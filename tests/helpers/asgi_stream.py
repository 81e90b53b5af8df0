"""A request sent to an ASGI application in chunks, as a server passes on a body that is still
arriving, counting how many chunks the application pulled (TestClient hands over the whole
body at once, so it cannot show that a refusal came before the body was read)."""

from __future__ import annotations

from dataclasses import dataclass

import anyio
from starlette.types import ASGIApp, Message

MiB = 1024 * 1024
BOUNDARY = "reportgen-test-boundary"


@dataclass(frozen=True)
class Streamed:
    status: int
    pulled: int  # chunks of the body the application asked for
    body: bytes


def stream_upload(
    app: ASGIApp,
    path: str,
    *,
    chunks: int,
    cookie: str,
    csrf_token: str,
    announce_length: bool,
    filename: str = "自评数据.yaml",
) -> Streamed:
    """POST a multipart upload of a file of ``chunks`` MiB to ``path``, one MiB per message;
    ``announce_length``: with its Content-Length (else sent like chunked transfer)."""
    head = (f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n\r\n').encode()
    tail = f"\r\n--{BOUNDARY}--\r\n".encode()
    parts = [head, *(b"x" * MiB for _ in range(chunks)), tail]
    pulled = 0
    sent: list[Message] = []

    async def receive() -> Message:
        nonlocal pulled
        if pulled >= len(parts):
            return {"type": "http.disconnect"}
        pulled += 1
        return {"type": "http.request", "body": parts[pulled - 1], "more_body": pulled < len(parts)}

    async def send(message: Message) -> None:
        sent.append(message)

    headers = [
        (b"host", b"testserver"),
        (b"cookie", f"reportgen_session={cookie}".encode()),
        (b"x-csrf-token", csrf_token.encode()),
        (b"content-type", f"multipart/form-data; boundary={BOUNDARY}".encode()),
    ]
    if announce_length:
        headers.append((b"content-length", str(sum(map(len, parts))).encode()))
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": headers,
        "client": ("127.0.0.1", 50000),
        "server": ("testserver", 80),
        "state": {},
    }
    anyio.run(app, scope, receive, send)
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return Streamed(int(start["status"]), pulled, body)
