"""tasks and their follow-up: task lists, reports, reviews, evidence, reminders, 督办单, task books

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-12 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "task_lists",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("drafted_from", sa.Integer(), nullable=False),
        sa.Column("based_on", sa.Integer(), nullable=True),
        sa.Column("in_force_from", sa.Date(), nullable=True),
        sa.Column("document_no", sa.Text(), nullable=True),
        sa.Column("created_by", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("accepted_by", sa.Text(), nullable=True),
        sa.Column("accepted_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["drafted_from"], ["plan_versions.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_id", "number", name="uq_task_lists_number"),
    )
    op.create_table(
        "task_entries",
        sa.Column("list_id", sa.Integer(), nullable=False),
        sa.Column("task_key", sa.String(length=16), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("level", sa.String(length=4), nullable=False),
        sa.Column("parent_key", sa.String(length=16), nullable=True),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("heading", sa.Text(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("source_version", sa.Integer(), nullable=False),
        sa.Column("first_line", sa.Integer(), nullable=False),
        sa.Column("last_line", sa.Integer(), nullable=False),
        sa.Column("items", sa.Text(), nullable=False),
        sa.Column("lead_unit", sa.String(length=100), nullable=True),
        sa.Column("lead_suggested", sa.Integer(), nullable=False),
        sa.Column("lead_keyword", sa.String(length=100), nullable=True),
        sa.Column("co_units", sa.Text(), nullable=False),
        sa.Column("deadline", sa.String(length=10), nullable=False),
        sa.Column("cycle", sa.String(length=4), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("flag", sa.String(length=12), nullable=True),
        sa.ForeignKeyConstraint(["list_id"], ["task_lists.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["source_version"], ["plan_versions.id"]),
        sa.PrimaryKeyConstraint("list_id", "task_key"),
        sa.UniqueConstraint("list_id", "number", name="uq_task_entries_number"),
    )
    op.create_table(
        "task_reports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("task_key", sa.String(length=16), nullable=False),
        sa.Column("period", sa.String(length=8), nullable=False),
        sa.Column("unit", sa.String(length=100), nullable=False),
        sa.Column("progress", sa.Text(), nullable=False),
        sa.Column("degree", sa.String(length=6), nullable=False),
        sa.Column("problems", sa.Text(), nullable=False),
        sa.Column("next_steps", sa.Text(), nullable=False),
        sa.Column("filed_by", sa.Text(), nullable=False),
        sa.Column("filed_on", sa.Date(), nullable=False),
        sa.Column("filed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_task_reports_task", "task_reports", ["plan_id", "task_key", "period"])
    op.create_table(
        "task_reviews",
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=6), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("reviewed_by", sa.Text(), nullable=False),
        sa.Column("reviewed_on", sa.Date(), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["report_id"], ["task_reports.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("report_id"),
    )
    op.create_table(
        "task_evidence",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("media_type", sa.String(length=60), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["report_id"], ["task_reports.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_task_evidence_report", "task_evidence", ["report_id"])
    op.create_table(
        "task_reminders",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("task_key", sa.String(length=16), nullable=False),
        sa.Column("period", sa.String(length=8), nullable=False),
        sa.Column("unit", sa.String(length=100), nullable=False),
        sa.Column("sent_by", sa.Text(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_task_reminders_task", "task_reminders", ["plan_id", "task_key"])
    op.create_table(
        "task_notices",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("serial", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=100), nullable=False),
        sa.Column("task_key", sa.String(length=16), nullable=False),
        sa.Column("unit", sa.String(length=100), nullable=False),
        sa.Column("problem", sa.Text(), nullable=False),
        sa.Column("reply_by", sa.Date(), nullable=False),
        sa.Column("issued_by", sa.Text(), nullable=False),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("issued_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("year", "serial", name="uq_task_notices_serial"),
        sa.UniqueConstraint("number", name="uq_task_notices_number"),
    )
    op.create_table(
        "task_notice_events",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("notice_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=6), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("event_by", sa.Text(), nullable=False),
        sa.Column("event_on", sa.Date(), nullable=False),
        sa.Column("event_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["notice_id"], ["task_notices.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_task_notice_events_notice", "task_notice_events", ["notice_id"])
    op.create_table(
        "task_books",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("task_key", sa.String(length=16), nullable=False),
        sa.Column("received", sa.Text(), nullable=False),
        sa.Column("done_period", sa.String(length=8), nullable=True),
        sa.Column("last_event_on", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("plan_id", "task_key"),
    )


def downgrade() -> None:
    op.drop_table("task_books")
    op.drop_table("task_notice_events")
    op.drop_table("task_notices")
    op.drop_table("task_reminders")
    op.drop_table("task_evidence")
    op.drop_table("task_reviews")
    op.drop_table("task_reports")
    op.drop_table("task_entries")
    op.drop_table("task_lists")
