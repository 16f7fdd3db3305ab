"""the department directory: one list of units for users and every assignment

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 14:00:00.000000

Units already named by users or assignments are entered, of kind 其他, so nothing refers to a unit
the directory does not know.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "departments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("short_name", sa.String(length=50), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("keywords", sa.Text(), nullable=False),
        sa.Column("active", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name", name="uq_departments_name"),
    )
    op.execute(
        "INSERT INTO departments (name, short_name, kind, keywords, active, created_at)"
        " SELECT name, NULL, '其他', '', 1, CURRENT_TIMESTAMP FROM ("
        " SELECT department AS name FROM users WHERE department IS NOT NULL"
        " UNION SELECT department FROM assignments) AS known"
    )


def downgrade() -> None:
    op.drop_table("departments")
