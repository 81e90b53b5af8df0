"""A report's Word drafts: those editors uploaded, those ``update`` revised from them, and the
final copies ``finalize`` made of them.

Drafts are numbered 1..n per report and never changed or deleted; listing leaves their
content in the database (a draft is a few MB), :meth:`DraftStore.get` reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from reportgen.web import audit
from reportgen.web.audit import Actor
from reportgen.web.db import DraftRow, ReportRow, now, writing
from reportgen.web.engine import lock_row, stored_text

DraftKind = Literal["uploaded", "revised", "final"]
KIND_LABELS: dict[str, str] = {"uploaded": "编辑上传的稿", "revised": "reportgen 修订稿", "final": "定稿"}
_ATTEMPTS = 3


@dataclass(frozen=True)
class Draft:
    report_id: int
    number: int
    kind: str
    name: str  # an uploaded file's name as the editor gave it (shown, never used as a path)
    created: datetime
    version_number: int | None  # the data version a revision used
    derived_from: int | None  # the uploaded draft a revision revised (the draft a final copy was made of)
    note: str  # what update did ("修订 3 处，…"), or why it did not

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


def _draft(row: DraftRow) -> Draft:
    created = row.created if row.created.tzinfo else row.created.replace(tzinfo=UTC)
    return Draft(row.report_id, row.number, row.kind, row.name, created, row.version_number, row.derived_from, row.note)


_COLUMNS = (
    DraftRow.report_id,
    DraftRow.number,
    DraftRow.kind,
    DraftRow.name,
    DraftRow.created,
    DraftRow.version_number,
    DraftRow.derived_from,
    DraftRow.note,
)


class DraftStore:
    def __init__(self, engine: Engine, actor: Actor | None = None) -> None:
        self.engine = engine
        self.actor = actor  # bureau mode: whom the audit log names for each draft added

    def add(
        self,
        report_id: int,
        kind: DraftKind,
        name: str,
        content: bytes,
        *,
        version_number: int | None = None,
        derived_from: int | None = None,
        note: str = "",
    ) -> Draft:
        """A new draft of a report, numbered after its last one."""
        for attempt in range(_ATTEMPTS):
            try:
                with Session(writing(self.engine)) as session, session.begin():
                    lock_row(session, ReportRow.id, report_id)  # PostgreSQL: uploads of a report take turns
                    last = session.scalar(select(func.max(DraftRow.number)).where(DraftRow.report_id == report_id))
                    row = DraftRow(
                        report_id=report_id,
                        number=(last or 0) + 1,
                        kind=kind,
                        name=stored_text(name, 255),
                        content=content,
                        version_number=version_number,
                        derived_from=derived_from,
                        created=now(),
                        note=stored_text(note),
                    )
                    session.add(row)
                    session.flush()
                    if self.actor is not None:
                        unit = session.scalar(select(ReportRow.unit_id).where(ReportRow.id == report_id))
                        detail = f"第 {row.number} 稿（{KIND_LABELS[kind]}）：{row.name}"
                        audit.record(
                            session.connection(), self.actor, "draft", detail, report_id=report_id, unit_id=unit
                        )
                    return _draft(row)
            except IntegrityError:
                # Another upload took the same number between our read and our write.
                if attempt == _ATTEMPTS - 1:
                    raise
        raise AssertionError("unreachable")

    def drafts(self, report_id: int) -> list[Draft]:
        """A report's drafts, the newest first (without their content)."""
        with Session(self.engine) as session:
            rows = session.execute(
                select(*_COLUMNS).where(DraftRow.report_id == report_id).order_by(DraftRow.number.desc())
            )
            return [_draft(DraftRow(**row._mapping)) for row in rows]

    def get(self, report_id: int, number: int) -> tuple[Draft, bytes] | None:
        """Draft ``number`` of a report and its .docx bytes, if it has one."""
        with Session(self.engine) as session:
            row = session.scalars(
                select(DraftRow).where(DraftRow.report_id == report_id, DraftRow.number == number)
            ).first()
            return (_draft(row), row.content) if row is not None else None
