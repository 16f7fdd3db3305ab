"""a plan and its versions: stable identities of items, adoption, target adjustments

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 13:00:00.000000

Until now a row of `plans` was one document, and every figure, assignment and audit row hung on
that document's id, its items named by their position (T2.01). From here:

- `plan_versions` is a document (the former `plans`; its children's `plan_id` is `version_id`);
- `plans` is the plan that is monitored: one per title (`plan_key`), its id the id of its first
  version, so existing plan numbers (`planwatch evaluate 1`) keep their meaning;
- `version_items` gives every indicator, target and project of a version its stable `item_key`;
  versions stored before this revision keep their own ids as keys (reason `migrated`);
- figures, their imports and assignments hang on the plan (`plans.id`), audit rows name it too;
- `adoptions` and `target_adjustments` are new and empty.

The tables whose foreign key moves are rebuilt (create, copy, drop, rename) on both databases:
SQLite cannot alter a foreign key in place. Their definitions are written out here, frozen.
"""

from __future__ import annotations

import re

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

_CHILDREN = (
    "document_lines",
    "sections",
    "indicators",
    "indicator_cells",
    "problems",
    "targets",
    "projects",
    "project_schedule",
    "search_entries",
)


def upgrade() -> None:
    bind = op.get_bind()
    op.rename_table("plans", "plan_versions")
    for table in _CHILDREN:
        op.alter_column(table, "plan_id", new_column_name="version_id")
    op.create_table(
        "plans",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("plan_key", sa.String(length=200), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("region", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("plan_key", name="uq_plans_plan_key"),
    )
    # Plain ALTER on both databases: a batch rebuild of plan_versions would drop it, and with it
    # (ON DELETE CASCADE) everything read from every version.
    op.execute("ALTER TABLE plan_versions ADD COLUMN plan_id INTEGER REFERENCES plans (id) ON DELETE CASCADE")
    _fill_plans(bind)
    _version_items(bind)
    _rebuild_books(bind)
    bind.execute(
        sa.text(
            "UPDATE audit_log"
            " SET plan_id = (SELECT v.plan_id FROM plan_versions v WHERE v.id = audit_log.plan_id)"
            " WHERE plan_id IN (SELECT id FROM plan_versions)"
        )
    )
    _adoptions_and_adjustments()
    _index_unindexed_versions(bind)


def _index_unindexed_versions(bind: sa.engine.Connection) -> None:
    """Versions stored before 0003 have no search entries yet: index them with today's code."""
    if bind.execute(sa.text("SELECT COUNT(*) FROM search_entries")).scalar():
        return
    if not bind.execute(sa.text("SELECT COUNT(*) FROM plan_versions")).scalar():
        return
    from planwatch.store.search import reindex

    reindex(bind)


def _fill_plans(bind: sa.engine.Connection) -> None:
    rows = bind.execute(
        sa.text("SELECT id, plan_key, title, region, ingested_at FROM plan_versions ORDER BY plan_key, id")
    ).all()
    first: dict[str, tuple[int, object]] = {}  # the first version: the plan's id and creation
    latest: dict[str, tuple[str, str | None]] = {}
    for row in rows:
        first.setdefault(row.plan_key, (row.id, row.ingested_at))
        latest[row.plan_key] = (row.title, row.region)
    insert = sa.text(
        "INSERT INTO plans (id, plan_key, title, region, kind, level, created_at)"
        " SELECT :id, :key, :title, :region, :kind, :level, ingested_at FROM plan_versions WHERE id = :id"
    )
    for key, (plan_id, _) in first.items():
        title, region = latest[key]
        values = {"id": plan_id, "key": key, "title": title, "region": region}
        bind.execute(insert, {**values, "kind": _kind(title), "level": _level(region)})
    bind.execute(
        sa.text(
            "UPDATE plan_versions"
            " SET plan_id = (SELECT p.id FROM plans p WHERE p.plan_key = plan_versions.plan_key)"
        )
    )


def _kind(title: str) -> str:
    """As planwatch.store.plan_kinds decides it on ingest (frozen copy)."""
    if "工作报告" in title:
        return "work_report"
    if "纲要" in title:
        return "outline"
    if "规划" in title:
        return "sector"
    return "other"


def _level(region: str | None) -> str:
    if not region:
        return "unknown"
    if re.search(r"(省|自治区)$", region) or region in ("北京市", "天津市", "上海市", "重庆市"):
        return "province"
    if re.search(r"(市|州|盟)$", region):
        return "city"
    if re.search(r"(区|县|旗)$", region):
        return "county"
    if region in ("全国", "中国", "国家"):
        return "national"
    return "unknown"


def _version_items(bind: sa.engine.Connection) -> None:
    op.create_table(
        "version_items",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("local_id", sa.String(length=32), nullable=False),
        sa.Column("item_key", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.String(length=12), nullable=False),
        sa.Column("confidence", sa.String(length=64), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("previous_local_id", sa.String(length=32), nullable=True),
        sa.ForeignKeyConstraint(["version_id"], ["plan_versions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("version_id", "kind", "local_id"),
        sa.UniqueConstraint("version_id", "kind", "item_key", name="uq_version_items_key"),
    )
    for kind, table, extra in (
        ("indicator", "indicators", ""),
        ("target", "targets", " AND role = 'target'"),
        ("project", "projects", ""),
    ):
        bind.execute(
            sa.text(
                "INSERT INTO version_items (version_id, kind, local_id, item_key, reason, status)"
                f" SELECT version_id, '{kind}', id, id, 'migrated', 'confirmed'"
                f" FROM {table} WHERE 1 = 1{extra}"
            )
        )


def _rebuild_books(bind: sa.engine.Connection) -> None:
    """observations, observation_imports and assignments: the same columns, the key on the plan."""
    op.create_table(
        "observations_new",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("series_id", sa.String(length=32), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("period_year", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("value", sa.String(length=64), nullable=False),
        sa.Column("unit", sa.Text(), nullable=True),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("entered_by", sa.Text(), nullable=False),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("import_sha256", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    columns = (
        "id, plan_id, series_id, period, period_year, kind, value, unit, source, status, as_of,"
        " entered_by, entered_at, import_sha256"
    )
    plan_of = " (SELECT v.plan_id FROM plan_versions v WHERE v.id = o.plan_id),"
    remapped = _prefixed(columns.replace(" plan_id,", plan_of, 1), "o")
    bind.execute(sa.text(f"INSERT INTO observations_new ({columns}) SELECT {remapped} FROM observations o"))
    op.drop_index("ix_observations_vintage", table_name="observations")
    op.drop_table("observations")
    op.rename_table("observations_new", "observations")
    op.create_index(
        "ix_observations_vintage", "observations", ["plan_id", "series_id", "period", "kind", "as_of", "id"]
    )
    if bind.dialect.name == "postgresql":  # the copied ids must not be handed out again
        bind.execute(
            sa.text(
                "SELECT setval(pg_get_serial_sequence('observations', 'id'),"
                " COALESCE((SELECT MAX(id) FROM observations), 0) + 1, false)"
            )
        )

    op.create_table(
        "observation_imports_new",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("file_name", sa.Text(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("entered_by", sa.Text(), nullable=False),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("plan_id", "sha256"),
    )
    bind.execute(
        sa.text(
            "INSERT INTO observation_imports_new"
            " (plan_id, sha256, file_name, rows, added, entered_by, entered_at)"
            " SELECT (SELECT v.plan_id FROM plan_versions v WHERE v.id = i.plan_id), i.sha256,"
            " MIN(i.file_name), MIN(i.rows), MIN(i.added), MIN(i.entered_by), MIN(i.entered_at)"
            " FROM observation_imports i GROUP BY 1, i.sha256"
        )
    )
    op.drop_table("observation_imports")
    op.rename_table("observation_imports_new", "observation_imports")

    op.create_table(
        "assignments_new",
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.String(length=32), nullable=False),
        sa.Column("department", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("plan_id", "item_id"),
    )
    bind.execute(
        sa.text(
            "INSERT INTO assignments_new (plan_id, item_id, department)"
            " SELECT (SELECT v.plan_id FROM plan_versions v WHERE v.id = a.plan_id), a.item_id,"
            " MAX(a.department) FROM assignments a GROUP BY 1, a.item_id"
        )
    )
    op.drop_table("assignments")
    op.rename_table("assignments_new", "assignments")


def _prefixed(columns: str, alias: str) -> str:
    """`id, series_id` → `o.id, o.series_id`, leaving a sub-select alone."""
    parts = []
    for part in columns.split(","):
        name = part.strip()
        parts.append(name if name.startswith("(") else f"{alias}.{name}")
    return ", ".join(parts)


def _adoptions_and_adjustments() -> None:
    op.create_table(
        "adoptions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("in_force_from", sa.Date(), nullable=False),
        sa.Column("document_no", sa.Text(), nullable=True),
        sa.Column("forced", sa.Integer(), nullable=False),
        sa.Column("adopted_by", sa.Text(), nullable=False),
        sa.Column("adopted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["version_id"], ["plan_versions.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "target_adjustments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("item_key", sa.String(length=32), nullable=False),
        sa.Column("in_force_from", sa.Date(), nullable=False),
        sa.Column("target_value", sa.String(length=64), nullable=False),
        sa.Column("target_raw", sa.Text(), nullable=False),
        sa.Column("document_no", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("adjusted_by", sa.Text(), nullable=False),
        sa.Column("adjusted_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["plan_id"], ["plans.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    raise NotImplementedError("0007 moves the books onto plans; restore a backup taken before it instead")
