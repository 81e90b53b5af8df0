"""A report's drafts: numbered per report, listed newest first, read back byte for byte."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.web.db import open_database
from reportgen.web.draft_store import DraftStore
from reportgen.web.store import Store


@pytest.fixture
def stores(tmp_path: Path) -> tuple[Store, DraftStore]:
    engine = open_database(tmp_path)
    return Store(engine), DraftStore(engine)


def report(store: Store) -> int:
    data = {"kind": "department", "year": 2024, "unit": {"name": "某县司法局"}, "budget": {"executed": Decimal("1")}}
    return store.create(data).report_id


def test_drafts_are_numbered_per_report_and_listed_newest_first(stores: tuple[Store, DraftStore]) -> None:
    store, drafts = stores
    first, second = report(store), report(store)
    drafts.add(first, "uploaded", "修改稿.docx", b"one")
    drafts.add(second, "uploaded", "别的单位.docx", b"other")
    revised = drafts.add(first, "revised", "修订稿.docx", b"two", version_number=3, derived_from=1, note="修订 1 处")
    assert (revised.number, revised.version_number, revised.derived_from) == (2, 3, 1)
    assert [(d.number, d.kind_label) for d in drafts.drafts(first)] == [(2, "reportgen 修订稿"), (1, "编辑上传的稿")]
    assert [d.name for d in drafts.drafts(second)] == ["别的单位.docx"]


def test_a_draft_reads_back_with_its_content(stores: tuple[Store, DraftStore]) -> None:
    store, drafts = stores
    owner = report(store)
    content = bytes(range(256)) * 10
    drafts.add(owner, "uploaded", "稿.docx", content, note="未更新：原因")
    found = drafts.get(owner, 1)
    assert found is not None and found[1] == content and found[0].note == "未更新：原因"
    assert found[0].created.tzinfo is not None


def test_there_is_no_draft_of_another_report_or_number(stores: tuple[Store, DraftStore]) -> None:
    store, drafts = stores
    owner, other = report(store), report(store)
    drafts.add(owner, "uploaded", "稿.docx", b"x")
    assert drafts.get(other, 1) is None and drafts.get(owner, 2) is None and drafts.drafts(other) == []
