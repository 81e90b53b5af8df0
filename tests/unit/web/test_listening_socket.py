"""The socket ``reportgen serve`` listens on: its connections send small writes at once."""

from __future__ import annotations

import socket

from reportgen.web import _bind


def test_the_listening_socket_is_tcp_so_its_connections_get_tcp_nodelay() -> None:
    # asyncio turns Nagle's algorithm off only for sockets whose proto is IPPROTO_TCP; with
    # proto 0 every response after the first on a kept-alive connection waited ~40 ms.
    listening = _bind(0)
    try:
        listening.listen()
        with socket.create_connection(listening.getsockname()) as _client:
            accepted, _ = listening.accept()
            with accepted:
                assert listening.proto == accepted.proto == socket.IPPROTO_TCP
    finally:
        listening.close()
