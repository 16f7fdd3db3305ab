"""the project library and its 调度 book: library entries, their fields over time, periodic reports

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 16:00:00.000000

Nothing existing moves: projects read from a plan are library entries without a row of their own
(their keys are the versions' item keys); only projects added by hand get a `library_projects` row.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "library_projects",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("project_key", sa.String(length=32), nullable=False),
        sa.Column("added_by", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("plan_id", "project_key"),
    )
    op.create_table(
        "library_fields",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("project_key", sa.String(length=32), nullable=False),
        sa.Column("field", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=True),
        sa.Column("set_on", sa.Date(), nullable=False),
        sa.Column("entered_by", sa.Text(), nullable=False),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_library_fields_version",
        "library_fields",
        ["plan_id", "project_key", "field", "set_on", "id"],
    )
    op.create_table(
        "project_reports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("project_key", sa.String(length=32), nullable=False),
        sa.Column("period", sa.String(length=7), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("completed", sa.String(length=64), nullable=False),
        sa.Column("cumulative", sa.String(length=64), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=True),
        sa.Column("finished_on", sa.Date(), nullable=True),
        sa.Column("progress", sa.Text(), nullable=False),
        sa.Column("issues", sa.Text(), nullable=False),
        sa.Column("coordination", sa.Text(), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=False),
        sa.Column("entered_by", sa.Text(), nullable=False),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_project_reports_version",
        "project_reports",
        ["plan_id", "year", "project_key", "period", "reported_on", "id"],
    )
    events = sa.text("started_on IS NOT NULL OR finished_on IS NOT NULL")
    op.create_index(
        "ix_project_reports_events",
        "project_reports",
        ["plan_id", "project_key", "period"],
        sqlite_where=events,
        postgresql_where=events,
    )
    op.create_table(
        "schedule_settings",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("frequency", sa.String(length=8), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("plan_id"),
    )


def downgrade() -> None:
    op.drop_table("schedule_settings")
    op.drop_index("ix_project_reports_events", table_name="project_reports")
    op.drop_index("ix_project_reports_version", table_name="project_reports")
    op.drop_table("project_reports")
    op.drop_index("ix_library_fields_version", table_name="library_fields")
    op.drop_table("library_fields")
    op.drop_table("library_projects")
