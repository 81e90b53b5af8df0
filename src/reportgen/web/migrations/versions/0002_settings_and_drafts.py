"""A report's template and style; the editors' drafts, kept as versions.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("reports") as table:
        table.add_column(sa.Column("narrative", sa.String(40), nullable=False, server_default="standard"))
        table.add_column(sa.Column("style", sa.String(40), nullable=False, server_default=""))
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id"), nullable=False),
        sa.Column("number", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("name", sa.String(255), nullable=False),
        sa.Column("content", sa.LargeBinary, nullable=False),
        sa.Column("version_number", sa.Integer, nullable=True),
        sa.Column("derived_from", sa.Integer, nullable=True),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        sa.UniqueConstraint("report_id", "number", name="uq_drafts_report_number"),
    )
    op.create_index("ix_drafts_report_id", "drafts", ["report_id"])


def downgrade() -> None:
    op.drop_index("ix_drafts_report_id", "drafts")
    op.drop_table("drafts")
    with op.batch_alter_table("reports") as table:
        table.drop_column("style")
        table.drop_column("narrative")
