"""What Word and WPS do to a document's XML when an editor opens, types in and saves it.

Without Word or WPS on this machine, their known rewrites are made by hand: revision ids
(rsids) on every paragraph and run; runs split where the editor typed, each piece with its own
rsid; spelling marks (``w:proofErr``) between runs; ``w:lastRenderedPageBreak`` inside runs;
bookmarks moved behind the first run when text is typed at a paragraph's start; content
controls (``w:sdt``) around parts of the body. :func:`office_rewrites` applies all of them to a
.docx, so the update tests can prove reportgen reads through them.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT = "word/document.xml"
RSIDS = ("00A1B2C3", "00D4E5F6", "0071A2B3")


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def office_rewrites(data: bytes, content_controls: bool = True) -> bytes:
    """``data`` with the document part rewritten as Word/WPS rewrite it (same text, same keys);
    ``content_controls=False`` leaves out the content controls (see :func:`_wrap_in_content_control`)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    root = etree.fromstring(source.read(DOCUMENT))
    body = root.find(_w("body"))
    assert body is not None
    paragraphs = list(body.iter(_w("p")))
    for number, p in enumerate(paragraphs):
        p.set(_w("rsidR"), RSIDS[number % 3])
        p.set(_w("rsidRDefault"), RSIDS[(number + 1) % 3])
        for run in list(p.iterfind(_w("r"))):
            _split(run, number)
        runs = p.findall(_w("r"))
        if len(runs) > 1:
            runs[0].addnext(etree.Element(_w("proofErr"), {_w("type"): "spellStart"}))
            runs[-1].addprevious(etree.Element(_w("proofErr"), {_w("type"): "spellEnd"}))
            _move_bookmark_behind_first_run(p)
        if number % 7 == 3 and runs:
            runs[-1].insert(
                1 if runs[-1].find(_w("rPr")) is not None else 0, etree.Element(_w("lastRenderedPageBreak"))
            )
    if content_controls:
        _wrap_in_content_control(body)
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info, blob if info.filename == DOCUMENT else source.read(info.filename))
    return out.getvalue()


def _split(run: etree._Element, number: int) -> None:
    """Split a run with one text of several characters into pieces of three, as typing does."""
    texts = run.findall(_w("t"))
    if len(texts) != 1 or len(run) > 2 or len(texts[0].text or "") < 4:
        return
    text = texts[0].text or ""
    properties = run.find(_w("rPr"))
    pieces = [text[i : i + 3] for i in range(0, len(text), 3)]
    texts[0].text = pieces[0]
    texts[0].set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.set(_w("rsidR"), RSIDS[number % 3])
    anchor = run
    for index, piece in enumerate(pieces[1:], 1):
        new = etree.Element(_w("r"), {_w("rsidR"): RSIDS[(number + index) % 3]})
        if properties is not None:
            new.append(etree.fromstring(etree.tostring(properties)))
        t = etree.SubElement(new, _w("t"))
        t.text = piece
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        anchor.addnext(new)
        anchor = new


def _move_bookmark_behind_first_run(p: etree._Element) -> None:
    starts = [b for b in p.iterfind(_w("bookmarkStart")) if b.get(_w("name"), "").startswith("_RG")]
    runs = p.findall(_w("r"))
    if starts and runs and p.index(starts[0]) < p.index(runs[0]):
        runs[0].addnext(starts[0])


def _wrap_in_content_control(body: etree._Element) -> None:
    """Put the body's 5th–7th blocks and its first table into content controls (WPS 文档部件).

    LibreOffice 7 cannot write block content controls back: it saves each as inline controls
    that repeat the first paragraph's text four times (seen with any draft, with or without
    reportgen), so a test that lets LibreOffice save the result leaves them out.
    """
    blocks = [child for child in body if child.tag in (_w("p"), _w("tbl"))]
    chosen = blocks[4:7]
    tables = [b for b in blocks if b.tag == _w("tbl")]
    for group in (chosen, tables[:1]):
        if not group:
            continue
        sdt = etree.Element(_w("sdt"))
        pr = etree.SubElement(sdt, _w("sdtPr"))
        etree.SubElement(pr, _w("id"), {_w("val"): str(880000 + len(group))})
        content = etree.SubElement(sdt, _w("sdtContent"))
        group[0].addprevious(sdt)
        for block in group:
            content.append(block)
