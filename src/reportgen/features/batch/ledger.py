"""What a batch remembers in its output folder, and the lock that allows one batch at a time.

``.reportgen-batch.json`` (the manifest) holds, for each unit report, the fingerprint of
its input and options, the SHA-256 of the bytes written and its summary row (for a unit whose
data was not valid, the fingerprint and row of that failure); and for other
files the batch wrote (the summaries), the SHA-256 of what was written and the key of its
content (see :class:`reportgen.features.batch.summary.Summary`). It is how a batch
recognises its own earlier outputs: a file whose hash the manifest records may be replaced;
a summary whose key is unchanged and whose file still has the recorded hash is kept as it is.

``.reportgen-batch.journal`` gets one JSON line per finished unit, appended the moment it
finishes, so a batch killed at any point loses nothing it finished; the journal is folded
into the manifest (written atomically) when the next batch starts and when a batch ends —
only when there is something to fold: a batch that changed nothing rewrites nothing.
A summary's hash is journaled *before* the file is written, so a kill between the two
still leaves the file recognisable.

``.reportgen-batch.lock`` is held (``flock``) while a batch runs: a second batch into the
same folder is refused with a clear message instead of mixing the two.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from reportgen.errors import OutputError
from reportgen.support.output import os_error, sha256_of, write_atomic

MANIFEST = ".reportgen-batch.json"
JOURNAL = ".reportgen-batch.journal"
LOCK = ".reportgen-batch.lock"
VERSION = 2
_KEEP_HASHES = 2  # the file as last written, and the one being written when a run was killed


class Ledger:
    """The manifest and its journal, open for one batch (inside :func:`folder_lock`)."""

    def __init__(self, outdir: Path) -> None:
        self.outdir = outdir
        self.units: dict[str, dict[str, Any]] = {}
        self.files: dict[str, list[str]] = {}
        self.keys: dict[str, str] = {}  # the key of each file's last recorded content
        self.legacy = False  # a manifest of reportgen before version 2: it did not record its summaries
        self._journal: IO[str] | None = None
        self._changed = True  # whether the manifest on disk lacks anything recorded here

    @classmethod
    def open(cls, outdir: Path) -> Ledger:
        ledger = cls(outdir)
        ledger._load()
        if ledger._changed:
            ledger.compact()
        try:
            ledger._journal = (outdir / JOURNAL).open("a", encoding="utf-8")
        except OSError as exc:
            raise os_error(outdir / JOURNAL, exc) from None
        return ledger

    def _load(self) -> None:
        try:
            data = json.loads((self.outdir / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            data = None
        if isinstance(data, dict):
            units, files, keys = data.get("units"), data.get("files"), data.get("keys")
            self.units = {k: v for k, v in units.items() if isinstance(v, dict)} if isinstance(units, dict) else {}
            self.files = (
                {k: [h for h in v if isinstance(h, str)] for k, v in files.items() if isinstance(v, list)}
                if isinstance(files, dict)
                else {}
            )
            self.keys = {k: v for k, v in keys.items() if isinstance(v, str)} if isinstance(keys, dict) else {}
            self.legacy = data.get("version") == 1
            self._changed = data.get("version") != VERSION
        try:
            lines = (self.outdir / JOURNAL).read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            lines = []
        for line in lines:
            self._changed = True
            try:
                self._apply(json.loads(line))
            except (ValueError, TypeError, KeyError, AttributeError):
                continue  # the last line of a killed run may be cut short

    def _apply(self, event: dict[str, Any]) -> None:
        if "file" in event:
            hashes = [h for h in self.files.get(event["file"], []) if h != event["sha256"]]
            self.files[event["file"]] = [*hashes, str(event["sha256"])][-_KEEP_HASHES:]
            self.keys[event["file"]] = str(event.get("key", ""))
            return
        output = str(event["output"])
        if event.get("failed"):
            entry = self.units.get(output)
            if entry is not None:  # keep the hash: the report on disk is still ours to replace
                self.units[output] = {**entry, "fingerprint": ""}
            return
        if event.get("invalid"):
            earlier = self.units.get(output, {}).get("sha256", "")  # still ours to replace, as above
            self.units[output] = {
                "fingerprint": event["fingerprint"],
                "sha256": earlier,
                "result": event["result"],
                "invalid": True,
            }
            return
        self.units[output] = {"fingerprint": event["fingerprint"], "sha256": event["sha256"], "result": event["result"]}

    def _append(self, event: dict[str, Any]) -> None:
        self._apply(event)
        self._changed = True
        assert self._journal is not None
        try:
            self._journal.write(json.dumps(event, ensure_ascii=False, sort_keys=True) + "\n")
            self._journal.flush()  # in the kernel's hands: survives a kill of this process
        except OSError as exc:
            raise os_error(self.outdir / JOURNAL, exc) from None

    def unit(self, output: str) -> dict[str, Any] | None:
        return self.units.get(output)

    def finished(self, output: str, fingerprint: str, sha256: str, result: dict[str, Any]) -> None:
        """A unit's report was written (or found already written): record it now."""
        self._append({"output": output, "fingerprint": fingerprint, "sha256": sha256, "result": result})

    def invalid(self, output: str, fingerprint: str, result: dict[str, Any]) -> None:
        """A unit failed on its data alone: the same input fails the same way, so it is not
        checked again until it changes (an earlier report of it stays recognisable)."""
        entry = self.units.get(output)
        if entry is None or entry.get("fingerprint") != fingerprint or entry.get("result") != result:
            self._append({"output": output, "fingerprint": fingerprint, "result": result, "invalid": True})

    def failed(self, output: str) -> None:
        """A unit failed: it must be redone next time; its earlier report stays recognisable."""
        entry = self.units.get(output)
        if entry is not None and entry.get("fingerprint") != "":  # else it is recorded as to be redone already
            self._append({"output": output, "failed": True})

    def writing(self, name: str, sha256: str, key: str = "") -> None:
        """The batch is about to write ``name`` with this content, whose key is ``key`` (recorded first)."""
        self._append({"file": name, "sha256": sha256, "key": key})

    def kept(self, name: str, key: str) -> bool:
        """Whether file ``name`` is as this folder's last batch wrote it, with content of ``key``."""
        hashes = self.files.get(name)
        if not key or self.keys.get(name) != key or not hashes:
            return False
        return sha256_of(self.outdir / name) == hashes[-1]

    def hashes(self, name: str) -> list[str]:
        """The SHA-256 of every version of ``name`` this folder's batches wrote and remember."""
        entry = self.units.get(name)
        unit = [entry["sha256"]] if entry and isinstance(entry.get("sha256"), str) and entry["sha256"] else []
        return unit + self.files.get(name, [])

    def compact(self) -> None:
        """Write the manifest with everything recorded, and start the journal afresh."""
        manifest = {"version": VERSION, "units": self.units, "files": self.files, "keys": self.keys}
        text = json.dumps(manifest, ensure_ascii=False, sort_keys=True, separators=(",", ":"))  # C encoder: no indent
        write_atomic(self.outdir / MANIFEST, text.encode("utf-8"), force=True, ours=_is_manifest)
        self._changed = False
        if self._journal is not None:
            self._journal.seek(0)
            self._journal.truncate()
        else:
            (self.outdir / JOURNAL).unlink(missing_ok=True)

    def close(self) -> None:
        try:
            if self._changed:
                self.compact()
        finally:
            if self._journal is not None:
                self._journal.close()
                self._journal = None
            (self.outdir / JOURNAL).unlink(missing_ok=True)


def _is_manifest(path: Path) -> bool:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and "units" in data and "version" in data


@contextmanager
def folder_lock(outdir: Path) -> Iterator[None]:
    """Hold the output folder for one batch; a second one is refused while this one runs."""
    path = outdir / LOCK
    try:
        handle = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise os_error(path, exc) from None
    try:
        if not _try_lock(handle):
            raise OutputError(
                f"另一个 reportgen batch 正在向 {outdir} 输出报告：请等它结束后再运行，或用 -o 指定其他输出目录。"
            )
        os.ftruncate(handle, 0)
        os.write(handle, f"{os.getpid()}\n".encode())
        yield
    finally:
        os.close(handle)  # releases the lock


def _try_lock(handle: int) -> bool:
    if sys.platform == "win32":
        import msvcrt

        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
