"""The zip container: fixed metadata parts and byte-deterministic members (docs/docx-notes.md §3.11).

Every member is re-written with a fixed timestamp (1980-01-01 00:00:00), Unix
create_system and a fixed file mode, in python-docx's member order. Document dates
(core.xml ``created``/``modified``) are written only when ``SOURCE_DATE_EPOCH`` is set, as
pandoc does; otherwise they are left out, so a report carries no invented date.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from collections.abc import Collection, Mapping
from datetime import UTC, datetime

from reportgen.ooxml.escape import clean, escape
from reportgen.support.archive import Members as Members  # re-exported: parts are read within bounds
from reportgen.support.archive import read_members as read_members

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
FILE_MODE = stat.S_IFREG | 0o644  # a plain rw-r--r-- file (zipfile turns 0 into 0o600)
APPLICATION = "reportgen"

APP_XML = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    f"<Application>{APPLICATION}</Application><DocSecurity>0</DocSecurity>"
    "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate>"
    "<SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>"
    "</Properties>"
).encode()

_CORE_OPEN = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    "<cp:coreProperties"
    ' xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"'
    ' xmlns:dcmitype="http://purl.org/dc/dcmitype/"'
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
)


def source_date() -> datetime | None:
    """The ``SOURCE_DATE_EPOCH`` instant (UTC), or None when unset or not an integer."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value.isdigit():
        return None
    return datetime.fromtimestamp(int(value), UTC)


def core_xml(title: str, author: str, date: datetime | None) -> bytes:
    """docProps/core.xml with title, creator and (only if given) created/modified dates."""
    title, author = escape(clean(title), quote=False), escape(clean(author), quote=False)
    parts = [
        _CORE_OPEN,
        f"<dc:title>{title}</dc:title>",
        f"<dc:creator>{author}</dc:creator>",
        f"<cp:lastModifiedBy>{author}</cp:lastModifiedBy>",
        "<cp:revision>1</cp:revision>",
    ]
    if date is not None:
        stamp = date.strftime("%Y-%m-%dT%H:%M:%SZ")
        parts += [
            f'<dcterms:{name} xsi:type="dcterms:W3CDTF">{stamp}</dcterms:{name}>' for name in ("created", "modified")
        ]
    parts.append("</cp:coreProperties>")
    return "".join(parts).encode()


def write_zip(members: Members, replace: Mapping[str, bytes] | None = None, fast: Collection[str] = ()) -> bytes:
    """A deterministic zip of ``members``, with the ``replace`` contents swapped in.

    Members named in ``fast`` are compressed at level 1: twice as quick, a tenth larger.
    """
    replace = replace or {}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, blob in members:
            target.writestr(_info(name), replace.get(name, blob), compresslevel=1 if name in fast else None)
    return out.getvalue()


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = FILE_MODE << 16
    return info
