"""The server's socket names TCP, so that asyncio turns Nagle off on every connection."""

from __future__ import annotations

import socket

from reportgen.web import _bind


def test_the_listening_socket_is_tcp_so_small_answers_are_not_held_back() -> None:
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    listening = _bind(port)
    try:
        assert listening.proto == socket.IPPROTO_TCP  # asyncio sets TCP_NODELAY only then
    finally:
        listening.close()
