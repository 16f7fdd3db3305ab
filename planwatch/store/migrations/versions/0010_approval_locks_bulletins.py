"""approval of figures (填报 → 审核 → 审批), locked years, capabilities, synonyms, statistics bulletins

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 18:00:00.000000

- `observations.approval` and `approved_on`: the approval axis beside the vintage `status`. Figures
  stored before this revision were counting already, so they are marked approved on their own
  `as_of`: every evaluation as of a past date reads as it did before the upgrade.
- `users.capabilities`: "review" and "approve" granted beside the role (empty for existing users).
- `approval_steps`, `period_locks`, `indicator_synonyms` (seeded), `bulletins`, `bulletin_lines`,
  `bulletin_proposals`: new.
"""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from planwatch.store.synonyms import seed

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("observations") as batch:
        batch.add_column(sa.Column("approval", sa.String(length=10), nullable=True))
        batch.add_column(sa.Column("approved_on", sa.Date(), nullable=True))
    op.execute("UPDATE observations SET approval = 'approved', approved_on = as_of")
    with op.batch_alter_table("observations") as batch:
        batch.alter_column("approval", existing_type=sa.String(length=10), nullable=False)
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("capabilities", sa.Text(), nullable=True))
    op.execute("UPDATE users SET capabilities = ''")
    with op.batch_alter_table("users") as batch:
        batch.alter_column("capabilities", existing_type=sa.Text(), nullable=False)
    _plan = sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE")
    op.create_table(
        "approval_steps",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("observation_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=10), nullable=False),
        sa.Column("user_name", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["observation_id"], ["observations.id"], ondelete="CASCADE"),
        _plan,
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_approval_steps_observation", "approval_steps", ["observation_id"])
    op.create_table(
        "period_locks",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("locked_by", sa.Text(), nullable=False),
        sa.Column("locked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("unlocked_by", sa.Text(), nullable=True),
        sa.Column("unlocked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("unlock_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_period_locks_plan_year", "period_locks", ["plan_id", "year"])
    op.create_table(
        "indicator_synonyms",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("synonym", sa.Text(), nullable=False),
        sa.Column("relation", sa.String(length=10), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("added_by", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name", "synonym", name="uq_indicator_synonyms_pair"),
    )
    seed(op.get_bind(), datetime.now(UTC))
    op.create_table(
        "bulletins",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("published_on", sa.Date(), nullable=True),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("format", sa.String(length=8), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("line_count", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("read_by", sa.Text(), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_id", "sha256", name="uq_bulletins_plan_sha256"),
    )
    op.create_table(
        "bulletin_lines",
        sa.Column("bulletin_id", sa.Integer(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["bulletin_id"], ["bulletins.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("bulletin_id", "line_no"),
    )
    op.create_table(
        "bulletin_proposals",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("bulletin_id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.String(length=32), nullable=False),
        sa.Column("series_name", sa.Text(), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=False),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("match", sa.String(length=10), nullable=False),
        sa.Column("match_note", sa.Text(), nullable=False),
        sa.Column("unit_problem", sa.Text(), nullable=True),
        sa.Column("conflict", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("decided_by", sa.Text(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.Column("observation_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["bulletin_id"], ["bulletins.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_bulletin_proposals_plan_state", "bulletin_proposals", ["plan_id", "state"])


def downgrade() -> None:
    op.drop_index("ix_bulletin_proposals_plan_state", table_name="bulletin_proposals")
    for table in ("bulletin_proposals", "bulletin_lines", "bulletins", "indicator_synonyms"):
        op.drop_table(table)
    op.drop_index("ix_period_locks_plan_year", table_name="period_locks")
    op.drop_table("period_locks")
    op.drop_index("ix_approval_steps_observation", table_name="approval_steps")
    op.drop_table("approval_steps")
    with op.batch_alter_table("users") as batch:
        batch.drop_column("capabilities")
    with op.batch_alter_table("observations") as batch:
        batch.drop_column("approved_on")
        batch.drop_column("approval")
