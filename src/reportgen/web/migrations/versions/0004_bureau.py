"""Bureau mode's collection: bureaus, the unit and review state of each report, the audit log
and long jobs.

Units and users gain their bureau. A database of schema 0003 that already has units or users
gets one bureau, 本局, holding them all. SQLite cannot add a NOT NULL foreign key to a table
without rebuilding it (and a rebuild would drop the users table's CHECK constraints), so
``bureau_id`` is nullable in the schema and always set by :mod:`reportgen.web.accounts`.

Revision ID: 0004
Revises: 0003
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

STATUSES = "('draft', 'submitted', 'returned', 'approved')"


def upgrade() -> None:
    op.create_table(
        "bureaus",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("name", name="uq_bureaus_name"),
    )
    _add_reference("units", "bureau_id", "bureaus")
    _add_reference("users", "bureau_id", "bureaus")
    op.create_index("ix_units_bureau_id", "units", ["bureau_id"])
    op.create_index("ix_users_bureau_id", "users", ["bureau_id"])
    _existing_accounts_into_one_bureau()

    _add_reference("reports", "unit_id", "units")
    op.add_column("reports", sa.Column("status", sa.String(20), nullable=False, server_default="draft"))
    op.add_column("reports", sa.Column("review_comment", sa.Text, nullable=False, server_default=""))
    op.add_column("reports", sa.Column("status_changed", sa.DateTime(timezone=True), nullable=True))
    op.create_index("ix_reports_unit_id", "reports", ["unit_id"])

    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("bureau_id", sa.Integer, sa.ForeignKey("bureaus.id"), nullable=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=True),
        sa.Column("login", sa.String(100), nullable=False),
        sa.Column("unit_id", sa.Integer, sa.ForeignKey("units.id"), nullable=True),
        sa.Column("report_id", sa.Integer, sa.ForeignKey("reports.id"), nullable=True),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_audit_bureau_at", "audit", ["bureau_id", "at"])
    op.create_index("ix_audit_report_id", "audit", ["report_id"])

    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("bureau_id", sa.Integer, sa.ForeignKey("bureaus.id"), nullable=True),
        sa.Column("user_id", sa.Integer, sa.ForeignKey("users.id"), nullable=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("year", sa.Integer, nullable=True),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("done", sa.Integer, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("result", sa.LargeBinary, nullable=True),
        sa.Column("result_name", sa.String(255), nullable=False),
        sa.Column("created", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("state IN ('queued', 'running', 'done', 'failed')", name="ck_jobs_state"),
    )
    op.create_index("ix_jobs_bureau_id", "jobs", ["bureau_id"])
    op.create_index("ix_jobs_state", "jobs", ["state"])


def _add_reference(table: str, column: str, target: str) -> None:
    """A nullable column referring to ``target``'s id. SQLite adds it with its REFERENCES clause
    in one ALTER TABLE (Alembic would want a table rebuild for the constraint)."""
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"ALTER TABLE {table} ADD COLUMN {column} INTEGER REFERENCES {target} (id)")
    else:
        op.add_column(table, sa.Column(column, sa.Integer, sa.ForeignKey(f"{target}.id"), nullable=True))


def _existing_accounts_into_one_bureau() -> None:
    connection = op.get_bind()
    held = connection.execute(sa.text("SELECT (SELECT count(*) FROM units) + (SELECT count(*) FROM users)")).scalar()
    if not held:
        return
    bureaus = sa.table("bureaus", sa.column("id", sa.Integer), sa.column("name"), sa.column("created"))
    connection.execute(sa.insert(bureaus).values(name="本局", created=datetime.now(UTC)))
    bureau_id = connection.execute(sa.select(bureaus.c.id).where(bureaus.c.name == "本局")).scalar_one()
    for table in ("units", "users"):
        connection.execute(sa.text(f"UPDATE {table} SET bureau_id = :bureau"), {"bureau": bureau_id})


def downgrade() -> None:
    op.drop_table("jobs")
    op.drop_table("audit")
    with op.batch_alter_table("reports") as batch:
        batch.drop_index("ix_reports_unit_id")
        batch.drop_column("status_changed")
        batch.drop_column("review_comment")
        batch.drop_column("status")
        batch.drop_column("unit_id")
    op.drop_index("ix_users_bureau_id", "users")
    op.drop_index("ix_units_bureau_id", "units")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("bureau_id")
    with op.batch_alter_table("units") as batch:
        batch.drop_column("bureau_id")
    op.drop_table("bureaus")
