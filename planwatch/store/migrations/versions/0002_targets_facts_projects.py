"""targets, facts and projects

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 13:21:07.443360
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "project_schedule",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("investment_wan_yuan", sa.String(length=64), nullable=True),
        sa.Column("investment_raw", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("plan_id", "project_id", "seq"),
    )
    op.create_table(
        "projects",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("box", sa.Text(), nullable=True),
        sa.Column("box_title", sa.Text(), nullable=False),
        sa.Column("number", sa.Text(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("owner", sa.Text(), nullable=True),
        sa.Column("investment_raw", sa.Text(), nullable=True),
        sa.Column("investment_wan_yuan", sa.String(length=64), nullable=True),
        sa.Column("investment_qualifier", sa.String(length=16), nullable=True),
        sa.Column("land_mu", sa.String(length=64), nullable=True),
        sa.Column("land_raw", sa.Text(), nullable=True),
        sa.Column("capacity_raw", sa.Text(), nullable=True),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("last_line", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("section_id", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("plan_id", "id"),
    )
    op.create_table(
        "targets",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("role", sa.String(length=8), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=True),
        sa.Column("value_min", sa.String(length=64), nullable=True),
        sa.Column("value_max", sa.String(length=64), nullable=True),
        sa.Column("value_raw", sa.Text(), nullable=False),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("qualifier", sa.String(length=16), nullable=True),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("year_implied", sa.Integer(), nullable=True),
        sa.Column("direction", sa.String(length=8), nullable=True),
        sa.Column("line", sa.Integer(), nullable=False),
        sa.Column("quote", sa.Text(), nullable=False),
        sa.Column("section_id", sa.String(length=120), nullable=True),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("plan_id", "id"),
    )


def downgrade() -> None:

    op.drop_table("targets")
    op.drop_table("projects")
    op.drop_table("project_schedule")
