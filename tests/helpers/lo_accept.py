"""Accept or reject all tracked changes of a .docx in LibreOffice and save it as .docx again.

Run by a Python that has LibreOffice's ``uno`` module (often the system ``python3``, not
the project's): ``python3 lo_accept.py IN.docx OUT.docx AcceptAllTrackedChanges``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def prop(name: str, value: object) -> PropertyValue:
    item = PropertyValue()
    item.Name, item.Value = name, value
    return item


def main(source: str, target: str, command: str) -> None:
    with tempfile.TemporaryDirectory(prefix="reportgen-uno-") as work:
        pipe = f"reportgen{os.getpid()}"
        office = subprocess.Popen(
            [
                "soffice",
                f"-env:UserInstallation={Path(work).as_uri()}",
                "--headless",
                "--norestore",
                f"--accept=pipe,name={pipe};urp;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, "HOME": work},
        )
        try:
            local = uno.getComponentContext()
            resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
            for _ in range(120):
                try:
                    remote = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                    break
                except Exception:
                    time.sleep(0.5)
            manager = remote.ServiceManager
            desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", remote)
            document = desktop.loadComponentFromURL(
                Path(source).resolve().as_uri(), "_blank", 0, (prop("Hidden", True),)
            )
            helper = manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", remote)
            helper.executeDispatch(document.getCurrentController().getFrame(), f".uno:{command}", "", 0, ())
            document.storeToURL(Path(target).resolve().as_uri(), (prop("FilterName", "MS Word 2007 XML"),))
            document.close(True)
        finally:
            office.terminate()
            office.wait(timeout=60)


if __name__ == "__main__":
    main(*sys.argv[1:4])
