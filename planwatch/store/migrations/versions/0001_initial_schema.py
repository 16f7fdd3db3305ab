"""initial schema: plans, lines, sections, indicators, cells, problems

Revision ID: 0001
Revises:
Create Date: 2026-11-28 13:08:27.416633
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("plan_key", sa.String(length=200), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("region", sa.Text(), nullable=True),
        sa.Column("period_start", sa.Integer(), nullable=True),
        sa.Column("period_end", sa.Integer(), nullable=True),
        sa.Column("stage", sa.Text(), nullable=True),
        sa.Column("source_path", sa.Text(), nullable=False),
        sa.Column("source_format", sa.String(length=8), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("line_count", sa.Integer(), nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_key", "version", name="uq_plans_key_version"),
        sa.UniqueConstraint("sha256"),
    )
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.create_index("ix_plans_plan_key", ["plan_key"], unique=False)

    op.create_table(
        "document_lines",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("plan_id", "line_no"),
    )
    op.create_table(
        "indicator_cells",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("indicator_id", sa.String(length=32), nullable=False),
        sa.Column("col", sa.Integer(), nullable=False),
        sa.Column("header", sa.Text(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("qualifier", sa.String(length=16), nullable=True),
        sa.Column("parts", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("plan_id", "indicator_id", "col"),
    )
    op.create_table(
        "indicators",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("box", sa.Text(), nullable=True),
        sa.Column("table_title", sa.Text(), nullable=False),
        sa.Column("category", sa.Text(), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("attribute", sa.String(length=16), nullable=True),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("section_id", sa.String(length=120), nullable=True),
        sa.Column("base_year", sa.Integer(), nullable=True),
        sa.Column("base_value", sa.String(length=64), nullable=True),
        sa.Column("base_raw", sa.Text(), nullable=True),
        sa.Column("base_kind", sa.String(length=20), nullable=True),
        sa.Column("base_line", sa.Integer(), nullable=True),
        sa.Column("target_year", sa.Integer(), nullable=True),
        sa.Column("target_value", sa.String(length=64), nullable=True),
        sa.Column("target_raw", sa.Text(), nullable=True),
        sa.Column("target_kind", sa.String(length=20), nullable=True),
        sa.Column("target_line", sa.Integer(), nullable=True),
        sa.Column("growth_raw", sa.Text(), nullable=True),
        sa.Column("growth_value", sa.String(length=64), nullable=True),
        sa.Column("growth_kind", sa.String(length=20), nullable=True),
        sa.Column("growth_line", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("plan_id", "id"),
    )
    op.create_table(
        "problems",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("field", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("raw", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("plan_id", "seq"),
    )
    op.create_table(
        "sections",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=120), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("number", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.String(length=120), nullable=True),
        sa.Column("ordinal", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("plan_id", "id"),
    )


def downgrade() -> None:

    op.drop_table("sections")
    op.drop_table("problems")
    op.drop_table("indicators")
    op.drop_table("indicator_cells")
    op.drop_table("document_lines")
    with op.batch_alter_table("plans", schema=None) as batch_op:
        batch_op.drop_index("ix_plans_plan_key")

    op.drop_table("plans")
