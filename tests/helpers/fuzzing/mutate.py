"""Seeded mutations of valid inputs: bytes, text tokens, YAML/JSON structure, zip members, XML.

Every mutation is a function of a ``random.Random`` and the input bytes, so a case is
reproduced from its seed alone. Large hostile members (zip bombs) are built once and reused.
"""

from __future__ import annotations

import io
import random
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from functools import cache

Mutation = Callable[[random.Random, bytes], bytes]

# Text that breaks readers in known ways: YAML tags and anchors, escapes, huge and tiny
# numbers, control characters and non-characters, brackets, quotes, document markers.
TOKENS = [
    "&a ",
    "*a",
    "&a [*a]",
    "&r {k: *r}",
    "!!bool ",
    "!!bool 1",
    "!!timestamp abc",
    "!!binary ",
    "!!set ",
    "!!omap ",
    "!!int ",
    "!!float ",
    "!!str ",
    "!!map ",
    "!!seq ",
    "!!null ",
    "!!python/object:os.system ",
    "!foo ",
    "? [1]\n: 2\n",
    "<<: *a\n",
    "<<: [1]\n",
    "\t",
    "\x00",
    "\x01",
    "\x1f",
    "\ufffe",
    "\uffff",
    "\\u0001",
    "\\ud800",
    "\\udfff",
    "\\x01",
    "\\",
    "1e9999",
    "-1e9999",
    "1e27",
    "1e-31",
    "9" * 40,
    "1e99992022",
    "-1e-99999999",
    "1.0e+99999999",
    "-1.0e-99999999",
    "9" * 5000,
    "123456789012345678901234567890",
    "0.123456789012345678901234567890",
    ".inf",
    "-.inf",
    ".nan",
    "NaN",
    "Infinity",
    "-Infinity",
    "１００",
    "1,000",
    "-0",
    "0x1F",
    "0o17",
    "1_000",
    "2025-13-01",
    "2023-02-29",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "#",
    "|",
    ">",
    "~",
    "null",
    "true",
    "\u2028",
    "\x85",
    "{",
    "}",
    "[",
    "]",
    '"',
    "'",
    ":",
    ": ",
    ", ",
    "-",
    "- ",
    "\n",
    "\n  ",
    "  ",
    "\r",
    "\r\n",
    "\ufeff",
    "【待补充】",
    "<",
    ">",
    "&",
    "&amp;",
    "\u200b",
    "≥",
    "%",
    "件",
    "万元",
    "不适用",
    "/",
]
_BIG_VALUES = [
    b"1e999",
    b"-1e999",
    b"inf",
    b"NaN",
    b"9" * 5000,
    b"1e-31",
    b"1e27",
    b"123456789012345678901234567890",
    b"-5",
    b"0",
    b"1E+300",
    b"4.9e-324",
    b"nan",
    b"",
    b" ",
    b"0x10",
    b"1e",
    b"--1",
]
_XML_SNIPPETS = [
    b"<!-- x -->",
    b"<?pi x?>",
    b"&#1;",
    b"&#x1F;",
    b"&#xFFFE;",
    b"&#xD800;",
    b"&bogus;",
    b"]]>",
    b"<",
    b"&",
    b"<w:t>\x01</w:t>",
    b'<w:commentRangeStart w:id="abc"/>',
    b'<w:commentReference w:id="\xc2\xb2"/>',
    b'<w:bookmarkStart w:id="9999999999999" w:name="_RG0000000000000000"/>',
    b'<!DOCTYPE x [<!ENTITY a "aaaa">]>',
    b'<x:mergeCell ref="A1:XFD1048576"/>',
    b"\xff\xfe",
    b"\x00",
]


def flip_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice((1, 1, 2, 4, 16))):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(len(data))]


def splice(rng: random.Random, data: bytes) -> bytes:
    """Delete, duplicate or move a random slice."""
    start = rng.randrange(len(data))
    end = min(len(data), start + rng.choice((1, 8, 64, 512, 4096)))
    piece = data[start:end]
    choice = rng.randrange(3)
    if choice == 0:
        return data[:start] + data[end:]
    if choice == 1:
        return data[:end] + piece + data[end:]
    where = rng.randrange(len(data))
    return data[:where] + piece + data[where:]


def insert_token(rng: random.Random, data: bytes) -> bytes:
    text = data.decode("utf-8", "replace")
    for _ in range(rng.choice((1, 1, 3))):
        where = rng.randrange(len(text) + 1)
        text = text[:where] + rng.choice(TOKENS) + text[where:]
    return text.encode("utf-8", "surrogatepass")


def _value_spans(text: str) -> list[tuple[int, int]]:
    """Where the scalar values of a YAML/JSON text are: after ``key:`` up to the line end or a comma."""
    return [m.span(1) for m in re.finditer(r":[ \t]*([^\s,{}\[\]][^\n,}\]]*)", text)]


def replace_value(rng: random.Random, data: bytes) -> bytes:
    """A value replaced by a hostile one: extreme numbers, tags, anchors, control characters, deep nesting."""
    text = data.decode("utf-8", "replace")
    spans = _value_spans(text)
    if not spans:
        return insert_token(rng, data)
    start, end = rng.choice(spans)
    depth = rng.choice((10, 63, 65, 500, 999, 1001, 5000))
    replacement = rng.choice(
        [
            *TOKENS,
            "[" * depth + "]" * depth,
            "{a: " * depth + "1" + "}" * depth,
            '{"a": ' * depth + "1" + "}" * depth,
            "- " * min(depth, 900) + "x",
            "x" * rng.choice((1000, 1_100_000)),
            '"a\\u0000b"',
            '"\\ud800"',
            '"\\ud83d"',
            "&v 1",
            "*v",
            "&w [*w, *w]",
            rng.choice(TOKENS) + text[start:end],
        ]
    )
    return (text[:start] + replacement + text[end:]).encode("utf-8", "surrogatepass")


def alias_bomb(rng: random.Random, data: bytes) -> bytes:
    """A billion-laughs block of anchors added at the top level (or replacing the file)."""
    width, levels = rng.choice(((9, 9), (10, 6), (2, 40), (3, 4)))
    lines = ["bomb0: &b0 [" + ", ".join(["lol"] * width) + "]"]
    for level in range(1, levels):
        lines.append(f"bomb{level}: &b{level} [" + ", ".join([f"*b{level - 1}"] * width) + "]")
    block = "\n".join(lines) + "\n"
    return block.encode() if rng.random() < 0.3 else data + b"\n" + block.encode()


def deep_nesting(rng: random.Random, data: bytes) -> bytes:
    depth = rng.choice((65, 999, 1001, 100_000))
    open_, close = rng.choice((("[", "]"), ("{a: ", "}"), ('{"a": ', "}")))
    body = open_ * depth + "1" + close * depth * rng.choice((0, 1))
    return body.encode() if rng.random() < 0.5 else data.replace(b"\n", b"\nx: " + body.encode() + b"\n", 1)


TEXT_MUTATIONS: list[Mutation] = [
    flip_bytes,
    truncate,
    splice,
    insert_token,
    insert_token,
    replace_value,
    replace_value,
    replace_value,
    alias_bomb,
    deep_nesting,
]


# --- zip packages -------------------------------------------------------------------------


def _members(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return [(name, package.read(name)) for name in package.namelist()]


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, blob in members:
            package.writestr(name, blob)
    return out.getvalue()


def _xml_members(members: list[tuple[str, bytes]]) -> list[int]:
    return [i for i, (name, _) in enumerate(members) if name.endswith((".xml", ".rels"))]


def _member_mutation(change: Callable[[random.Random, str, bytes], bytes]) -> Mutation:
    def mutate(rng: random.Random, data: bytes) -> bytes:
        members = _members(data)
        index = rng.choice(_xml_members(members))
        name, blob = members[index]
        members[index] = (name, change(rng, name, blob))
        return _zip(members)

    mutate.__name__ = change.__name__
    return mutate


def _xml_bytes(rng: random.Random, name: str, blob: bytes) -> bytes:
    return rng.choice((flip_bytes, truncate, splice))(rng, blob) if blob else blob


def _xml_snippet(rng: random.Random, name: str, blob: bytes) -> bytes:
    tags = [m.end() for m in re.finditer(rb">", blob)] or [0]
    where = rng.choice(tags)
    return blob[:where] + rng.choice(_XML_SNIPPETS) + blob[where:]


def _xml_values(rng: random.Random, name: str, blob: bytes) -> bytes:
    """Cell values, texts, ids and attributes replaced by hostile ones."""
    choice = rng.randrange(5)
    if choice == 0:
        return re.sub(
            rb"<v>[^<]*</v>",
            lambda m: b"<v>" + rng.choice(_BIG_VALUES) + b"</v>" if rng.random() < 0.2 else m.group(),
            blob,
        )
    if choice == 1:
        return re.sub(
            rb"<(\w+:)?t( [^>]*)?>([^<]*)<",
            lambda m: (
                m.group()[:-1] + rng.choice((b"_x0001_", b"&#1;", b"\xef\xbf\xbe", b"_xD800_", b"_x001F_")) + b"<"
                if rng.random() < 0.1
                else m.group()
            ),
            blob,
        )
    if choice == 2:
        return re.sub(
            rb'(w:id|r:id|w15:paraId|w14:paraId|key|Id|sheetId|r)="[^"]*"',
            lambda m: (
                m.group(1) + b'="' + rng.choice((b"abc", b"-1", b"9" * 30, b"", b"\xc2\xb2", b"0")) + b'"'
                if rng.random() < 0.1
                else m.group()
            ),
            blob,
        )
    if choice == 3:  # a deeply nested element
        depth = rng.choice((100, 300, 3000, 100_000))
        tag = rng.choice((b"w:sdt", b"w:sdtContent", b"x", b"w:customXml"))
        return (
            blob.replace(
                b"</w:body>",
                b"<" + tag + b">" * 1 + (b"<" + tag + b">") * depth + (b"</" + tag + b">") * (depth + 1) + b"</w:body>",
                1,
            )
            if b"</w:body>" in blob
            else _xml_snippet(rng, name, blob)
        )
    return blob.replace(b'name="', b'name=" ', 1) if name == "xl/workbook.xml" else _xml_snippet(rng, name, blob)


def _merge_cells(rng: random.Random, data: bytes) -> bytes:
    """A worksheet gets merged ranges over whole columns (minutes inside openpyxl unchecked)."""
    members = _members(data)
    sheets = [i for i, (name, _) in enumerate(members) if name.startswith("xl/worksheets/sheet")]
    if not sheets:
        return data
    index = rng.choice(sheets)
    name, blob = members[index]
    ref = rng.choice((b"A2:A1048576", b"A1:XFD1048576", b"B2:C400", b"A1:A1", b"Z9:A1", b"A2:A99999"))
    merge = b'<mergeCells count="1"><mergeCell ref="' + ref + b'"/></mergeCells>'
    if b"<mergeCells" in blob:
        blob = blob.replace(b"<mergeCells", merge[: -len(b"</mergeCells>")] + b"</mergeCells><mergeCells", 1)
        blob = re.sub(rb"</mergeCells><mergeCells[^>]*>", b"", blob, count=1)
    else:
        blob = blob.replace(b"</sheetData>", b"</sheetData>" + merge, 1)
    members[index] = (name, blob)
    return _zip(members)


def _sheet_names(rng: random.Random, data: bytes) -> bytes:
    """A second sheet whose name differs only in white space or case from a real one."""
    members = _members(data)
    names = dict(members)
    book = names.get("xl/workbook.xml", b"")
    found = re.findall(rb'<sheet [^>]*name="([^"]+)"', book)
    if not found:
        return data
    title = rng.choice(found)
    book = book.replace(b'name="' + title + b'"', b'name="' + title + rng.choice((b" ", b"\xe3\x80\x80")) + b'"', 1)
    return _zip([(n, book if n == "xl/workbook.xml" else b) for n, b in members])


_BOMB_TARGETS = (
    "word/document.xml",
    "customXml/item1.xml",
    "word/comments.xml",
    "xl/worksheets/sheet1.xml",
    "xl/workbook.xml",
    "word/media/bomb.bin",
)


@cache
def _zeros(size: int) -> tuple[bytes, int]:
    """The raw deflate stream and CRC-32 of ``size`` zero bytes, computed in chunks."""
    compressor, crc, chunk, parts = zlib.compressobj(1, zlib.DEFLATED, -15), 0, bytes(2**20), []
    for _ in range(size // len(chunk)):
        parts.append(compressor.compress(chunk))
        crc = zlib.crc32(chunk, crc)
    parts.append(compressor.flush())
    return b"".join(parts), crc


def _bomb(name: str, size: int) -> bytes:
    """A zip holding one member ``name`` of ``size`` zero bytes (sizes below 4 GiB: no zip64)."""
    stream, crc = _zeros(size)
    encoded = name.encode()
    fields = struct.pack("<HHHHHIII", 20, 0, 8, 0, 0x21, crc, len(stream), size)
    local = b"PK\x03\x04" + fields + struct.pack("<HH", len(encoded), 0) + encoded
    central = (
        b"PK\x01\x02"
        + struct.pack("<H", 20)
        + fields
        + struct.pack("<HHHHHII", len(encoded), 0, 0, 0, 0, 0, 0)
        + encoded
    )
    end = b"PK\x05\x06" + struct.pack("<HHHHIIH", 0, 0, 1, 1, len(central), len(local) + len(stream), 0)
    return local + stream + central + end


def inflate_member(rng: random.Random, data: bytes) -> bytes:
    """A member replaced or added with a huge, highly compressible content (a zip bomb)."""
    members = _members(data)
    present = [name for name in _BOMB_TARGETS if name in dict(members)] + ["word/media/bomb.bin"]
    name = rng.choice(present)
    size = rng.choice((5 * 2**20, 70 * 2**20, 300 * 2**20, 1100 * 2**20))
    out = io.BytesIO(_bomb(name, size))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as package:
        for other, blob in members:
            if other != name:
                package.writestr(other, blob)
    return out.getvalue()


def lie_about_sizes(rng: random.Random, data: bytes) -> bytes:
    """Central directory sizes changed: members claim to be smaller or larger than they are."""
    out = bytearray(data)
    for match in re.finditer(rb"PK\x01\x02", data):
        if rng.random() < 0.3:
            offset = match.start() + 24  # uncompressed size in a central directory header
            out[offset : offset + 4] = struct.pack("<I", rng.choice((0, 1, 2**31, 2**32 - 1, 100)))
    return bytes(out)


ZIP_MUTATIONS: list[Mutation] = [
    flip_bytes,
    truncate,
    splice,
    _member_mutation(_xml_bytes),
    _member_mutation(_xml_bytes),
    _member_mutation(_xml_snippet),
    _member_mutation(_xml_values),
    _member_mutation(_xml_values),
    _member_mutation(_xml_values),
    lie_about_sizes,
    inflate_member,
]
XLSX_MUTATIONS = [*ZIP_MUTATIONS, _merge_cells, _merge_cells, _sheet_names]


def mutate(rng: random.Random, kind: str, data: bytes) -> tuple[str, bytes]:
    """One to three mutations of ``data`` (a file of ``kind``); the names of those applied and the result."""
    choices = {"yaml": TEXT_MUTATIONS, "json": TEXT_MUTATIONS, "xlsx": XLSX_MUTATIONS}.get(kind, ZIP_MUTATIONS)
    applied: list[str] = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        if not data:
            break
        mutation = rng.choice(choices)
        if mutation is inflate_member and applied:
            continue  # bombs are built last and never mutated again (they would be inflated by the fuzzer)
        try:
            data = mutation(rng, data)
        except Exception:
            continue  # an earlier mutation broke the zip: member mutations no longer apply
        applied.append(mutation.__name__)
        if mutation is inflate_member:
            break
    return "+".join(applied) or "none", data
