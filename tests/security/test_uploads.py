"""Uploads in bureau mode: over 10 MB refused before the body is read (announced or not), zip
bombs refused fast in bounded memory with a Chinese message, and a file's name never chooses
a place on disk. (The readers' own bounds are tested in tests/unit/*/test_bounds.py; these
are the same files sent through every upload of the pages.)"""

from __future__ import annotations

import io
import tempfile
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from asgi_stream import stream_upload
from fuzzing.mutate import _bomb
from hostile import members
from reportgen import api
from security_world import SECRET_U1, World, changed_tables, data_file, snapshot, unit_data

pytestmark = pytest.mark.rendering  # the world renders U1's report and revises a draft

UPLOADS = ("/reports/upload", "/reports/{id}/versions", "/reports/{id}/drafts")
TOO_LARGE = "文件过大（超过 10 MB）"
BOMB_SIZE = 1100 * 2**20  # 1.1 GiB inflated, about 5 MB sent
MEMORY_BOUND = 200 * 2**20


def _cookie_and_token(world: World, actor: str) -> tuple[str, str]:
    client = world.client(actor)
    return str(client.cookies.get("reportgen_session")), str(client.headers["X-CSRF-Token"])


@pytest.mark.parametrize("path", UPLOADS)
@pytest.mark.parametrize("announced", [True, False], ids=["with its length", "without its length"])
def test_an_upload_over_10_mb_is_refused_before_its_body_is_read(world: World, path: str, announced: bool) -> None:
    cookie, token = _cookie_and_token(world, "u1")
    before = snapshot(world.engine)
    sent = stream_upload(
        world.bureau.app,
        path.format(id=world.report_u1),
        chunks=200,
        cookie=cookie,
        csrf_token=token,
        announce_length=announced,
    )
    assert sent.status == 413 and TOO_LARGE in sent.body.decode()
    # Announced: refused from the header alone. Not announced: cut off at the limit (10 MiB
    # and 64 KiB of multipart overhead), not after the 200 MiB sent.
    assert sent.pulled == 0 if announced else sent.pulled <= 12
    assert changed_tables(before, snapshot(world.engine)) == []


def _bombed(package: bytes, member: str) -> bytes:
    """``package`` whose ``member`` inflates to :data:`BOMB_SIZE` zero bytes."""
    out = io.BytesIO(_bomb(member, BOMB_SIZE))
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as bomb:
        for name, blob in members(package).items():
            if name != member:
                bomb.writestr(name, blob)
    return out.getvalue()


@pytest.fixture(scope="module")
def bombs(world: World) -> dict[str, tuple[str, bytes]]:
    workbook, _unplaced = api.workbook_bytes(unit_data(SECRET_U1))
    return {
        "/reports/upload": ("自评数据.xlsx", _bombed(workbook, "xl/worksheets/sheet1.xml")),
        "/reports/{id}/versions": ("自评数据.xlsx", _bombed(workbook, "xl/worksheets/sheet1.xml")),
        "/reports/{id}/drafts": ("修改稿.docx", _bombed(world.draft_content, "word/document.xml")),
    }


@pytest.mark.parametrize("path", UPLOADS)
def test_a_zip_bomb_is_refused_fast_in_bounded_memory(
    world: World, bombs: dict[str, tuple[str, bytes]], path: str
) -> None:
    name, content = bombs[path]
    assert len(content) < 10 * 2**20
    client = world.client("u1")
    form = {"based_on": str(world.latest_number(world.report_u1))} if "versions" in path else {}
    before = snapshot(world.engine)
    tracemalloc.start()
    started = time.monotonic()
    try:
        refused = client.post(path.format(id=world.report_u1), files={"file": (name, content)}, data=form)
        elapsed = time.monotonic() - started
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert refused.status_code == 422, refused.text
    assert "超出了可处理的范围" in refused.text or "不是有效的 Word 文档" in refused.text
    assert elapsed < 10 and peak < MEMORY_BOUND, (elapsed, peak)
    assert changed_tables(before, snapshot(world.engine)) == []


HOSTILE_NAMES = ("../../../../../../tmp/reportgen-evil", "..\\..\\..\\reportgen-evil", "/tmp/reportgen-evil-abs")


def _evil_files(workspace: Path) -> list[Path]:
    """Files named after the hostile names: anywhere in the test's own folders, and directly
    in every folder a name could climb to (/tmp, the folders above the workspace and the
    current one; not searched through, since other programs' temporary folders come and go)."""
    climbed = {Path("/tmp"), Path(tempfile.gettempdir()), Path.cwd(), *Path.cwd().parents, *workspace.parents}
    found = list(workspace.parent.rglob("*reportgen-evil*"))
    return found + [path for folder in climbed for path in folder.glob("*reportgen-evil*")]


def test_a_file_name_with_a_path_never_touches_the_disk(fresh_world: World, tmp_path: Path) -> None:
    client = fresh_world.client("u1")
    report = fresh_world.report_u1
    for name in HOSTILE_NAMES:
        created = client.post("/reports/upload", files={"file": (f"{name}.json", data_file(unit_data("路径")))})
        assert created.status_code == 303, created.text
        based_on = str(fresh_world.latest_number(report))
        saved = client.post(
            f"/reports/{report}/versions",
            files={"file": (f"{name}.yaml", data_file(unit_data(SECRET_U1)))},
            data={"based_on": based_on},
        )
        assert saved.status_code == 303, saved.text
        drafted = client.post(f"/reports/{report}/drafts", files={"file": (f"{name}.docx", fresh_world.draft_content)})
        assert drafted.status_code == 303, drafted.text
    workspace = fresh_world.bureau.app.state.workspace.data_dir
    assert _evil_files(workspace) == []
    listed = client.get(f"/reports/{report}/drafts").text
    assert "<td>reportgen-evil.docx</td>" in listed  # the name kept without its folders
