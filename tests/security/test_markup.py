"""Every text field carrying Jinja, HTML, a script and OOXML markup is shown as text: in every
page a unit, a reviewer and an admin open (every GET route of the application, so pages
added later are checked too) and in the generated .docx, whose document.xml has the text
literally and no element made from it.

Existing tests of the same kind stay where they are: template code in staff text is content
in the .docx (tests/acceptance/test_render.py), Markdown in names is escaped
(tests/unit/render/test_markdown.py), a script in the unit's name is escaped in the local
mode's pages (tests/acceptance/test_web.py) and in the preview (tests/unit/web/test_preview.py).
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest
from lxml import etree
from markupsafe import escape

from reportgen.web.audit import Actor
from route_requests import RouteCase, bureau_routes, request_for
from security_world import SECRET_U1, World, data_file, unit_data

pytestmark = pytest.mark.rendering  # the world renders U1's report and revises a draft

MARK = "注入标记"
PAYLOAD = f"{MARK}{{{{7*7}}}}{{% raw %}}<script>alert(1)</script><b>粗</b></w:t></w:r><w:r><w:t>尾"
FILE_PAYLOAD = f"{MARK}{{{{7*7}}}}{{% raw %}}<b>粗<img src=x onerror=alert(1)>"  # no slashes in a file's name
RAW = ("<script>alert(1)</script>", "<b>粗", "</w:t></w:r>", "<img src=x")
SAFE_NAME = f"{MARK}{{{{7_7}}}}"  # a file name made from the unit's name, its markup replaced by _
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SLOW = ("/pages", "/pages/status", "/pages/{number}.png", "/report.pdf")  # LibreOffice's
ROUTES, _OTHERS = bureau_routes()
PAGES = [case for case in ROUTES if case.method == "GET" and not case.path.endswith(SLOW)]


def hostile_data() -> dict[str, Any]:
    data = unit_data(SECRET_U1)
    data["unit"]["name"] = f"{PAYLOAD}县司法局"
    data["unit"]["overview"] = f"概况：{PAYLOAD}"
    data["indicators"][0]["name"] = f"指标{PAYLOAD}"
    data["projects"][0]["name"] = f"项目{PAYLOAD}"
    data["performance"][0]["text"] = f"成效{PAYLOAD}"
    data["problems"][0]["text"] = f"问题{PAYLOAD}"
    return data


@pytest.fixture(scope="module")
def hostile(world: World) -> World:
    """The world with markup in every text field of U1's: its data, a version's and a draft's
    file names, the review comment, the unit's and the accounts' names."""
    client = world.client("u1")
    report = world.report_u1
    based_on = str(world.latest_number(report))
    files = {"file": (f"{FILE_PAYLOAD}.json", data_file(hostile_data()))}
    assert client.post(f"/reports/{report}/versions", files=files, data={"based_on": based_on}).status_code == 303
    document = client.get(f"/reports/{report}/report.docx").content
    uploaded = client.post(f"/reports/{report}/drafts", files={"file": (f"{FILE_PAYLOAD}.docx", document)})
    assert uploaded.status_code == 303, uploaded.text
    accounts = world.bureau.accounts
    unit = accounts.create_unit(f"单位{PAYLOAD}", "X001", PAYLOAD, bureau_id=world.bureau.bureau_id)
    world.users["markup"], _ = accounts.create_user(
        "markup", "unit", unit_id=unit.id, name=f"姓名{PAYLOAD}", password="correct-horse-battery"
    )
    reviewer = world.users["a_reviewer"]
    store = world.bureau.app.state.workspace.store.acting(Actor(reviewer.id, reviewer.login, reviewer.bureau_id))
    assert store.set_status(report, "returned", "return", comment=f"评语{PAYLOAD}", was={"draft"})
    return world


def _shown_as_text(html: str, where: str) -> None:
    for raw in RAW:
        assert raw not in html, f"{where}: {raw!r} is markup in the page"
    at = html.find(MARK)
    while at >= 0:
        rest = html[at:]
        assert any(_shown(rest, text) for text in (PAYLOAD, FILE_PAYLOAD)), f"{where}: shown as {rest[:120]!r}"
        at = html.find(MARK, at + 1)


def _shown(rest: str, text: str) -> bool:
    """Whether ``rest`` begins with ``text`` escaped, whole or shortened with an ellipsis."""
    if rest.startswith(str(escape(text))) or rest.startswith(SAFE_NAME):
        return True
    return any(rest.startswith(f"{escape(text[:k])}…") for k in range(len(MARK), len(text)))


@pytest.mark.parametrize("actor", ["u1", "a_reviewer", "a_admin", "markup"])
@pytest.mark.parametrize("case", PAGES, ids=[case.name for case in PAGES])
def test_markup_in_text_fields_is_shown_as_text_in_every_page(hostile: World, case: RouteCase, actor: str) -> None:
    url, kwargs = request_for(hostile, case)
    answer = hostile.client(actor).request(case.method, url, **kwargs)
    if "html" in answer.headers.get("content-type", ""):
        _shown_as_text(answer.text, f"{case.name} as {actor}")


def test_every_field_reaches_the_pages(hostile: World) -> None:
    """The payload is really there (so that the test above checks something)."""
    client = hostile.client("u1")
    report = hostile.report_u1
    seen = client.get(f"/reports/{report}/edit").text + client.get(f"/reports/{report}/preview/frame").text
    for field in ("县司法局", "概况：", "指标", "项目", "成效", "问题"):
        assert f"{field}{escape(PAYLOAD)}" in seen or f"{escape(PAYLOAD)}{field}" in seen, field
    assert f"{escape(FILE_PAYLOAD)}.docx" in client.get(f"/reports/{report}/drafts").text
    assert f"上传 {escape(FILE_PAYLOAD)}.json" in client.get(f"/reports/{report}/history").text
    assert f"姓名{escape(PAYLOAD)}" in hostile.client("markup").get("/").text


def _paragraphs(docx: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


def test_markup_in_text_fields_is_text_in_the_generated_docx(hostile: World) -> None:
    docx = hostile.client("a_reviewer").get(f"/reports/{hostile.report_u1}/report.docx")
    assert docx.status_code == 200, docx.text
    paragraphs = _paragraphs(docx.content)
    with_payload = [p for p in paragraphs if MARK in p]
    assert len(with_payload) >= 4
    assert all(PAYLOAD in p for p in with_payload), [p for p in with_payload if PAYLOAD not in p]
    with zipfile.ZipFile(io.BytesIO(docx.content)) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    # No run holds the payload's tail alone: the OOXML in the text made no element.
    assert not [t for t in root.iter(f"{W}t") if t.text == "尾"]
    assert "49" not in "".join(p for p in with_payload).replace(PAYLOAD, "")
