"""The converter loop run by a Python that has LibreOffice's ``uno`` module (not reportgen's).

:mod:`reportgen.features.pdf_server` starts an office listening on a named pipe and this
script beside it (``python3 uno_convert.py PIPE [OFFICE_GROUP]``). The script connects, then reads one JSON
request a line from stdin — ``{"source": "/abs/in.docx", "target": "/abs/out.pdf",
"filter": {"SelectPdfVersion": 2, …}}`` — and answers each with one JSON line on stdout,
``{"ok": true}`` or ``{"ok": false, "error": "…"}``. When stdin closes or stdout breaks —
reportgen is done, or was killed — it ends the office too: it asks it to quit and, if it
has not within :data:`QUIT_SECONDS` (an office busy or still starting may never answer), kills
the office's process group ``OFFICE_GROUP`` (POSIX).

It imports nothing from reportgen (it runs under another interpreter) and only the standard
library besides ``uno``.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any

CONNECT_SECONDS = 60.0
QUIT_SECONDS = 3.0


def _connect(pipe: str) -> Any:
    import uno  # type: ignore[import-not-found]

    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + CONNECT_SECONDS
    while True:
        try:
            context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            return context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def _props(**values: Any) -> tuple[Any, ...]:
    from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

    return tuple(PropertyValue(Name=name, Value=value) for name, value in values.items())


def _convert(desktop: Any, source: str, target: str, options: dict[str, Any]) -> None:
    import uno

    document = desktop.loadComponentFromURL(
        Path(source).as_uri(), "_blank", 0, _props(Hidden=True, ReadOnly=True, UpdateDocMode=0)
    )
    if document is None:
        raise RuntimeError("LibreOffice could not open the document")
    try:
        data = uno.Any("[]com.sun.star.beans.PropertyValue", _props(**options))
        document.storeToURL(
            Path(target).as_uri(), _props(FilterName="writer_pdf_Export", Overwrite=True, FilterData=data)
        )
    finally:
        document.close(True)


def main() -> None:
    group = int(sys.argv[2]) if len(sys.argv) > 2 else None
    desktop = None
    try:
        desktop = _connect(sys.argv[1])
        print(json.dumps({"ok": True, "ready": True}), flush=True)
        for line in sys.stdin:
            try:
                request = json.loads(line)
                _convert(desktop, request["source"], request["target"], request.get("filter", {}))
                answer: dict[str, Any] = {"ok": True}
            except Exception as exc:  # reported to reportgen, which words it for the user
                answer = {"ok": False, "error": f"{type(exc).__name__}: {exc}"[:500]}
            print(json.dumps(answer), flush=True)
    finally:  # stdin closed or stdout gone: reportgen is done, or died (even by kill -9)
        _end_office(desktop, group)


def _end_office(desktop: Any, group: int | None) -> None:
    """Ask the office to quit; kill its process group if it has not within QUIT_SECONDS."""
    if desktop is not None:
        quitting = threading.Thread(target=_terminate, args=(desktop,), daemon=True)
        quitting.start()
        quitting.join(QUIT_SECONDS)
    if group is not None and hasattr(os, "killpg"):
        with contextlib.suppress(OSError):
            os.killpg(group, signal.SIGKILL)


def _terminate(desktop: Any) -> None:
    with contextlib.suppress(Exception):
        desktop.terminate()


if __name__ == "__main__":
    main()
