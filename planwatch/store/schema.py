"""SQLAlchemy Core tables: the single source of truth for SQLite and PostgreSQL.

Amounts are stored as exact decimal text (`DecimalText`), never floats: SQLite has
no decimal type, and a float round trip would change a planner's 0.2950.
Alembic migrations in `migrations/versions` create exactly these tables.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    or_,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

metadata = MetaData()


class DecimalText(TypeDecorator[Decimal]):
    """A Decimal kept as its exact text."""

    impl = String(64)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        return None if value is None else str(Decimal(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        return None if value is None else Decimal(value)


def _version_fk() -> Column[int]:
    return Column("version_id", Integer, ForeignKey("plan_versions.id", ondelete="CASCADE"), primary_key=True)


def _plan_fk(primary_key: bool = False) -> Column[int]:
    return Column(
        "plan_id",
        Integer,
        ForeignKey("plans.id", ondelete="CASCADE"),
        primary_key=primary_key,
        nullable=False,
    )


# ---- plans and their versions (migration 0007) ---------------------------------------------------
# A plan is what is monitored (one per title: `plan_key`); its id is the id of its first version. A
# version is one document of it (a draft, the adopted text, a mid-term revision), with everything read
# from it in the tables below keyed by `version_id`. `version_items` names each indicator, target and
# project of a version by its stable `item_key`: figures, assignments and audit rows use the key, so
# they survive a new version in which positions (T2.01) shift.
plans = Table(
    "plans",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("plan_key", String(200), nullable=False),
    Column("title", Text, nullable=False),
    Column("region", Text),
    Column("kind", String(16), nullable=False),  # outline | sector | work_report | other
    Column("level", String(16), nullable=False),  # national | province | city | county | unknown
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("plan_key", name="uq_plans_plan_key"),
)

plan_versions = Table(
    "plan_versions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("plan_key", String(200), nullable=False),
    Column("version", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("region", Text),
    Column("period_start", Integer),
    Column("period_end", Integer),
    Column("stage", Text),
    Column("source_path", Text, nullable=False),
    Column("source_format", String(8), nullable=False),
    Column("sha256", String(64), nullable=False, unique=True),
    Column("line_count", Integer, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    # always set (added to existing rows by 0007); deleting a plan deletes its versions
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="CASCADE")),
    UniqueConstraint("plan_key", "version", name="uq_plans_key_version"),
)

document_lines = Table(
    "document_lines",
    metadata,
    _version_fk(),
    Column("line_no", Integer, primary_key=True),
    Column("raw", Text, nullable=False),
)

sections = Table(
    "sections",
    metadata,
    _version_fk(),
    Column("id", String(120), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("number", Text, nullable=False),
    Column("title", Text, nullable=False),
    Column("line", Integer, nullable=False),
    Column("parent_id", String(120)),
    Column("ordinal", Integer),
)

indicators = Table(
    "indicators",
    metadata,
    _version_fk(),
    Column("id", String(32), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("box", Text),
    Column("table_title", Text, nullable=False),
    Column("category", Text),
    Column("name", Text, nullable=False),
    Column("unit", Text),
    Column("attribute", String(16)),
    Column("line", Integer, nullable=False),
    Column("section_id", String(120)),
    Column("base_year", Integer),
    Column("base_value", DecimalText),
    Column("base_raw", Text),
    Column("base_kind", String(20)),
    Column("base_line", Integer),
    Column("target_year", Integer),
    Column("target_value", DecimalText),
    Column("target_raw", Text),
    Column("target_kind", String(20)),
    Column("target_line", Integer),
    Column("growth_raw", Text),
    Column("growth_value", DecimalText),
    Column("growth_kind", String(20)),
    Column("growth_line", Integer),
)

indicator_cells = Table(
    "indicator_cells",
    metadata,
    _version_fk(),
    Column("indicator_id", String(32), primary_key=True),
    Column("col", Integer, primary_key=True),
    Column("header", Text, nullable=False),
    Column("raw", Text, nullable=False),
    Column("line", Integer, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("value", DecimalText),
    Column("year", Integer),
    Column("qualifier", String(16)),
    Column("parts", Text),  # a structure's parts as "19.4:46.7:33.9"
)

problems = Table(
    "problems",
    metadata,
    _version_fk(),
    Column("seq", Integer, primary_key=True),
    Column("line", Integer, nullable=False),
    Column("field", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("raw", Text, nullable=False),
)

targets = Table(
    "targets",
    metadata,
    _version_fk(),
    Column("id", String(32), primary_key=True),
    Column("role", String(8), nullable=False),  # "target" (a commitment) or "fact" (a past result)
    Column("position", Integer, nullable=False),
    Column("subject", Text, nullable=False),
    Column("value", DecimalText),
    Column("value_min", DecimalText),
    Column("value_max", DecimalText),
    Column("value_raw", Text, nullable=False),
    Column("unit", Text),
    Column("kind", String(16), nullable=False),
    Column("qualifier", String(16)),
    Column("year", Integer),
    Column("year_implied", Integer),
    Column("direction", String(8)),
    Column("line", Integer, nullable=False),
    Column("quote", Text, nullable=False),
    Column("section_id", String(120)),
)

projects = Table(
    "projects",
    metadata,
    _version_fk(),
    Column("id", String(32), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("box", Text),
    Column("box_title", Text, nullable=False),
    Column("number", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("owner", Text),
    Column("investment_raw", Text),
    Column("investment_wan_yuan", DecimalText),
    Column("investment_qualifier", String(16)),
    Column("land_mu", DecimalText),
    Column("land_raw", Text),
    Column("capacity_raw", Text),
    Column("line", Integer, nullable=False),
    Column("last_line", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("section_id", String(120)),
)

project_schedule = Table(
    "project_schedule",
    metadata,
    _version_fk(),
    Column("project_id", String(32), primary_key=True),
    Column("seq", Integer, primary_key=True),
    Column("year", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("line", Integer, nullable=False),
    Column("investment_wan_yuan", DecimalText),
    Column("investment_raw", Text),
)

Index("ix_plans_plan_key", plan_versions.c.plan_key)


# ---- full-text search (planwatch.store.search; migration 0003) -------------------------------------
# One row per searchable entry of a plan: a non-blank source line ("text"), a target's quote, a
# project's text, an indicator's name and cells. `text` is shown (a line's is not copied: it is its
# document_lines.raw, stripped); `key` is what is matched: the text normalise()d and lower-cased, of the
# same length, so match offsets in `key` are offsets in the text.
# `weight` is the rank tier when every query term falls in the first `title_len` characters (a heading's
# title, a project's or indicator's name); `size` is the key's length. `id` never repeats
# (AUTOINCREMENT): on SQLite it is the rowid of the full-text index `search_fts`. That index and the
# PostgreSQL trigram index are created by the migration only, being dialect-specific.
search_entries = Table(
    "search_entries",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("version_id", Integer, ForeignKey("plan_versions.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("kind", String(10), nullable=False),  # text | target | project | indicator
    Column("ref_id", String(32)),
    Column("line", Integer, nullable=False),
    Column("last_line", Integer, nullable=False),
    Column("weight", Integer, nullable=False),
    Column("title_len", Integer, nullable=False),
    Column("size", Integer, nullable=False),
    Column("text", Text),  # NULL for a line: its text is document_lines.raw, stripped
    Column("key", Text, nullable=False),
    UniqueConstraint("version_id", "seq", name="uq_search_entries_plan_seq"),
    sqlite_autoincrement=True,
)


# ---- observations (planwatch.store.observations; migration 0004) -----------------------------------
# One row per published figure of a series (an indicator id T2.01 or a prose target id G012) for a
# period ("2023", "2023Q2", "2023-05"). A revision is a new row, never an update: asking "as of D" reads,
# per (series, period, kind), the row with the latest `as_of` ≤ D (ties: the highest id, entered last).
# `value` is in `unit`, the indicator's unit after conversion. `import_sha256` names the file it came from.

observations = Table(
    "observations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _plan_fk(),
    Column("series_id", String(32), nullable=False),
    Column("period", String(10), nullable=False),
    Column("period_year", Integer, nullable=False),
    Column("kind", String(8), nullable=False),  # level | growth
    Column("value", DecimalText, nullable=False),
    Column("unit", Text),
    Column("source", Text, nullable=False),
    Column("status", String(12), nullable=False),  # preliminary | verified | final
    Column("as_of", Date, nullable=False),
    Column("entered_by", Text, nullable=False),
    Column("entered_at", DateTime(timezone=True), nullable=False),
    Column("import_sha256", String(64)),
)
Index(
    "ix_observations_vintage",
    observations.c.plan_id,
    observations.c.series_id,
    observations.c.period,
    observations.c.kind,
    observations.c.as_of,
    observations.c.id,
)

# One row per imported file: the same file imported again into the same plan changes nothing.
observation_imports = Table(
    "observation_imports",
    metadata,
    _plan_fk(primary_key=True),
    Column("sha256", String(64), primary_key=True),
    Column("file_name", Text, nullable=False),
    Column("rows", Integer, nullable=False),  # observations the file held
    Column("added", Integer, nullable=False),  # of which new vintages
    Column("entered_by", Text, nullable=False),
    Column("entered_at", DateTime(timezone=True), nullable=False),
)


# ---- users, assignments and the audit log (planwatch.store.users; migration 0005) -------------------
# `users.password_hash` is an argon2id hash (argon2-cffi), never the password. A role is admin, planner,
# department or viewer; a department user writes only the items (an indicator, prose target or project
# id of one plan) that `assignments` gives to its department. `audit_log` keeps every write: who, when,
# what (`action`, `target`), and the value before and after as JSON text (NULL when there was none).

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("role", String(12), nullable=False),
    Column("department", Text),
    Column("password_hash", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("active", Integer, nullable=False, default=1),
)

assignments = Table(
    "assignments",
    metadata,
    _plan_fk(primary_key=True),
    Column("item_id", String(32), primary_key=True),
    Column("department", Text, nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("user_name", String(100), nullable=False),
    Column("action", String(32), nullable=False),
    Column("plan_id", Integer),  # no foreign key: the log outlives a deleted plan
    Column("target", Text, nullable=False),
    Column("old", Text),
    Column("new", Text),
)
Index("ix_audit_log_plan_at", audit_log.c.plan_id, audit_log.c.at)


# ---- the revision counter (planwatch.store.revision; migration 0006) -------------------------------
# One row. Every write transaction bumps `value` before it commits (Store.transaction), so a cache
# keyed on it is never stale: an approval, a lock or a correction changes it as an added figure does.
revision = Table(
    "revision",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("value", Integer, nullable=False),
)


# ---- stable identities, adoption, adjustment (migration 0007) -----------------------------------------
# `reason`: how the item was matched to the previous version (same | name | position | quote), or
# new | paired (by a person) | migrated. `status`: auto (matched with confidence ≥ the threshold),
# pending (a person must pair it or confirm it new), confirmed.
version_items = Table(
    "version_items",
    metadata,
    Column("version_id", Integer, ForeignKey("plan_versions.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(10), primary_key=True),  # indicator | target | project
    Column("local_id", String(32), primary_key=True),  # the id the parser gave it in this version
    Column("item_key", String(32), nullable=False),
    Column("reason", String(12), nullable=False),
    Column("confidence", DecimalText),
    Column("status", String(12), nullable=False),
    Column("previous_local_id", String(32)),  # the item it was matched to, in the previous version
    UniqueConstraint("version_id", "kind", "item_key", name="uq_version_items_key"),
)

# The version in force from a date: the latest adoption whose date has come.
adoptions = Table(
    "adoptions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    Column("version_id", Integer, ForeignKey("plan_versions.id", ondelete="CASCADE"), nullable=False),
    Column("in_force_from", Date, nullable=False),
    Column("document_no", Text),  # 文号
    Column("forced", Integer, nullable=False),
    Column("adopted_by", Text, nullable=False),
    Column("adopted_at", DateTime(timezone=True), nullable=False),
)

# 中期调整: a target changed from a date by a document; the old target stays in the version's text.
target_adjustments = Table(
    "target_adjustments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    Column("item_key", String(32), nullable=False),
    Column("in_force_from", Date, nullable=False),
    Column("target_value", DecimalText, nullable=False),
    Column("target_raw", Text, nullable=False),
    Column("document_no", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("adjusted_by", Text, nullable=False),
    Column("adjusted_at", DateTime(timezone=True), nullable=False),
)


# ---- the department directory (planwatch.store.departments; migration 0008) -------------------------
# The one list of units (区直部门, 乡镇街道, 园区) that users belong to and that figures, projects and tasks
# are assigned to; kept by an administrator. `keywords` suggest a unit for a text (交通 → 区交通运输局): a
# suggestion stays one until a person confirms it. Units are referred to by their unique name.
departments = Table(
    "departments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False),
    Column("short_name", String(50)),
    Column("kind", String(20), nullable=False),  # 区直部门 | 乡镇街道 | 园区 | 其他
    Column("keywords", Text, nullable=False),  # separated by ；or ;
    Column("active", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("name", name="uq_departments_name"),
)


# ---- web sessions and the login throttle (planwatch.store.sessions; migration 0009) -----------------
# A signed-in browser holds a random token; only its SHA-256 is stored. A session ends when it is
# revoked (logout, a password change, the account disabled, an administrator), when it has been idle
# too long, or at its absolute end. `login_throttle` counts login attempts per user name and address
# in a window, atomically, so parallel guesses and several server workers share one count.
web_sessions = Table(
    "web_sessions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("token_hash", String(64), nullable=False),
    Column("user_name", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Column("revoked_why", Text),
    Column("address", String(64), nullable=False),
    Column("agent", Text, nullable=False),
    UniqueConstraint("token_hash", name="uq_web_sessions_token"),
)
Index("ix_web_sessions_user", web_sessions.c.user_name)

login_throttle = Table(
    "login_throttle",
    metadata,
    Column("key", String(300), primary_key=True),
    Column("window_start", DateTime(timezone=True), nullable=False),
    Column("attempts", Integer, nullable=False),
)

# ---- approval, locks, synonyms and bulletins (issue 12; migration 0010) ------------------------------
# A figure's approval is its own axis, beside `status` (the statistical vintage): `approval` is where it
# is on 填报 → 审核 → 审批 (entered | reviewed | approved | returned), `approved_on` the day it was approved.
# An approved figure counts "as of D" when both its `as_of` and its `approved_on` are ≤ D. Figures stored
# before 0010 were counting already: the migration marks them approved on their own `as_of`.
observations.append_column(Column("approval", String(10), nullable=False))
observations.append_column(Column("approved_on", Date))
# Capabilities beyond the role, granted by an administrator: "review" (审核, the statistics bureau) and
# "approve" (审批, 发改), space-separated. Read with the user on every request: no extra query.
users.append_column(Column("capabilities", Text, nullable=False))

# Every step of a figure's approval after its entry (the row itself says who entered it and when):
# review | approve | return | resubmit, who, when, and the reason of a return.
approval_steps = Table(
    "approval_steps",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _plan_fk(),
    Column("observation_id", Integer, ForeignKey("observations.id", ondelete="CASCADE"), nullable=False),
    Column("step", String(10), nullable=False),
    Column("user_name", Text, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("reason", Text),
)
Index("ix_approval_steps_observation", approval_steps.c.observation_id)

# A year of a plan's books closed to every write (entry, import, bulletin acceptance, approval steps)
# from `locked_at` until an administrator unlocks it with a reason. Rows are kept: the history of locks.
period_locks = Table(
    "period_locks",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _plan_fk(),
    Column("year", Integer, nullable=False),
    Column("locked_by", Text, nullable=False),
    Column("locked_at", DateTime(timezone=True), nullable=False),
    Column("reason", Text),
    Column("unlocked_by", Text),
    Column("unlocked_at", DateTime(timezone=True)),
    Column("unlock_reason", Text),
)
Index("ix_period_locks_plan_year", period_locks.c.plan_id, period_locks.c.year)

# Names the statistics bureau writes for a plan's indicator names. `relation` "same": the bulletin's
# name is the indicator (城镇化率 for 常住人口城镇化率); "different": a like-sounding other measure that
# is never matched (城镇登记失业率 is not 城镇调查失业率) and is shown as such.
indicator_synonyms = Table(
    "indicator_synonyms",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False),  # as a plan writes it
    Column("synonym", Text, nullable=False),  # as a bulletin writes it
    Column("relation", String(10), nullable=False),
    Column("note", Text, nullable=False),
    Column("added_by", Text, nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("name", "synonym", name="uq_indicator_synonyms_pair"),
)

# A statistics bulletin read for a plan, its lines (to show each proposal beside its line), and what it
# left unsaid (`notes`: JSON, the indicators it does not mention and the other measures it gives).
bulletins = Table(
    "bulletins",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _plan_fk(),
    Column("year", Integer, nullable=False),
    Column("title", Text, nullable=False),
    Column("published_on", Date),
    Column("file_name", Text, nullable=False),
    Column("format", String(8), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("line_count", Integer, nullable=False),
    Column("notes", Text, nullable=False),
    Column("read_by", Text, nullable=False),
    Column("read_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("plan_id", "sha256", name="uq_bulletins_plan_sha256"),
)

bulletin_lines = Table(
    "bulletin_lines",
    metadata,
    Column("bulletin_id", Integer, ForeignKey("bulletins.id", ondelete="CASCADE"), primary_key=True),
    Column("line_no", Integer, primary_key=True),
    Column("raw", Text, nullable=False),
)

# One proposed figure: what the bulletin says for a series, where, and how it was matched; the 待审核
# queue is the `pending` rows. `conflict` > 0 groups the figures one bulletin gives for one series and
# period that disagree: none of them is chosen. Accepting makes an observation (`observation_id`).
bulletin_proposals = Table(
    "bulletin_proposals",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("bulletin_id", Integer, ForeignKey("bulletins.id", ondelete="CASCADE"), nullable=False),
    _plan_fk(),
    Column("series_id", String(32), nullable=False),
    Column("series_name", Text, nullable=False),
    Column("period", String(10), nullable=False),
    Column("kind", String(8), nullable=False),
    Column("value", DecimalText, nullable=False),
    Column("unit", Text),
    Column("raw", Text, nullable=False),  # the figure as written, with its unit: 315000万元
    Column("line", Integer, nullable=False),
    Column("quote", Text, nullable=False),
    Column("match", String(10), nullable=False),  # exact | synonym | derived
    Column("match_note", Text, nullable=False),  # the synonym used, or the arithmetic
    Column("unit_problem", Text),
    Column("conflict", Integer, nullable=False),
    Column("status", String(12), nullable=False),  # preliminary | verified | final
    Column("state", String(10), nullable=False),  # pending | accepted | rejected
    Column("decided_by", Text),
    Column("decided_at", DateTime(timezone=True)),
    Column("decision_note", Text),
    Column("observation_id", Integer),
)
Index("ix_bulletin_proposals_plan_state", bulletin_proposals.c.plan_id, bulletin_proposals.c.state)
# ---- the project library and its 调度 book (planwatch.store.project_library, project_reports; 0010) -----
# A library entry hangs on (plan_id, project_key): P001… are the keys of the projects read from the plan
# (the versions' `version_items`), H001… the keys of projects added by hand (`library_projects`). What the
# office enters about a project — 项目编号, 责任单位, 年度计划投资 (`plan:2024`), planned 开工/竣工 (`start`,
# `finish`), 节点 (`node:主体封顶`)… — is a `library_fields` row: never updated, a change is a new row from
# its `set_on` date, so the library can be read as of any date; a NULL value clears the field (the plan's
# reading applies again). `project_reports` are the periodic reports: a correction is a new row, and
# "as of D" sees per (project, period) the row with the latest `reported_on` ≤ D, ties to the highest id.
# `schedule_settings` holds each plan's report frequency (month | quarter; month when absent).

library_projects = Table(
    "library_projects",
    metadata,
    _plan_fk(primary_key=True),
    Column("project_key", String(32), primary_key=True),
    Column("added_by", Text, nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
)

library_fields = Table(
    "library_fields",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _plan_fk(),
    Column("project_key", String(32), nullable=False),
    Column("field", String(64), nullable=False),
    Column("value", Text),
    Column("set_on", Date, nullable=False),
    Column("entered_by", Text, nullable=False),
    Column("entered_at", DateTime(timezone=True), nullable=False),
)
Index(
    "ix_library_fields_version",
    library_fields.c.plan_id,
    library_fields.c.project_key,
    library_fields.c.field,
    library_fields.c.set_on,
    library_fields.c.id,
)

project_reports = Table(
    "project_reports",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    _plan_fk(),
    Column("project_key", String(32), nullable=False),
    Column("period", String(7), nullable=False),  # 2024-05 | 2024Q2
    Column("year", Integer, nullable=False),  # the period's year, for reading one year's reports
    Column("completed", DecimalText, nullable=False),  # 本期完成投资, 万元
    Column("cumulative", DecimalText, nullable=False),  # 自年初累计完成投资, 万元
    Column("started_on", Date),
    Column("finished_on", Date),
    Column("progress", Text, nullable=False),  # 形象进度
    Column("issues", Text, nullable=False),  # 存在问题
    Column("coordination", Text, nullable=False),  # 需协调事项
    Column("reported_on", Date, nullable=False),
    Column("entered_by", Text, nullable=False),
    Column("entered_at", DateTime(timezone=True), nullable=False),
    Column("source", Text, nullable=False),
)
Index(
    "ix_project_reports_version",
    project_reports.c.plan_id,
    project_reports.c.year,
    project_reports.c.project_key,
    project_reports.c.period,
    project_reports.c.reported_on,
    project_reports.c.id,
)

# The reports that carry a 开工 or 竣工 date, few among millions: found without reading the others.
_EVENTS = or_(project_reports.c.started_on.is_not(None), project_reports.c.finished_on.is_not(None))
Index(
    "ix_project_reports_events",
    project_reports.c.plan_id,
    project_reports.c.project_key,
    project_reports.c.period,
    sqlite_where=_EVENTS,
    postgresql_where=_EVENTS,
)

schedule_settings = Table(
    "schedule_settings",
    metadata,
    _plan_fk(primary_key=True),
    Column("frequency", String(8), nullable=False),
)


# ---- tasks and their follow-up: 任务分工, 督查督办 (planwatch.store.tasks, task_reports, task_notices;
# migration 0012) ------------------------------------------------------------------------------------
# A plan's task list is versioned: one draft at a time, accepted lists numbered 1, 2 … (the latest
# accepted one whose in_force_from has come is in force). A task is a row of a list, named by its key
# (R001), which every later list, report, reminder and 督办单 uses. JSON columns are text.
task_lists = Table(
    "task_lists",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    Column("number", Integer, nullable=False),  # 1, 2 … in the order drafted
    Column("state", String(10), nullable=False),  # draft | accepted | replaced (a draft thrown away)
    Column("drafted_from", Integer, ForeignKey("plan_versions.id"), nullable=False),
    Column("based_on", Integer),  # the list a revision was copied from
    Column("in_force_from", Date),  # set on acceptance: reports are due from this day
    Column("document_no", Text),  # 文号 of the 任务分工方案
    Column("created_by", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("accepted_by", Text),
    Column("accepted_at", DateTime(timezone=True)),
    UniqueConstraint("plan_id", "number", name="uq_task_lists_number"),
)

task_entries = Table(
    "task_entries",
    metadata,
    Column("list_id", Integer, ForeignKey("task_lists.id", ondelete="CASCADE"), primary_key=True),
    Column("task_key", String(16), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("number", String(40), nullable=False),  # 序号
    Column("level", String(4), nullable=False),  # 节 | 条目 | 事项
    Column("parent_key", String(16)),
    Column("path", Text, nullable=False),  # JSON list of headings, the chapter first
    Column("heading", Text, nullable=False),
    Column("summary", Text, nullable=False),
    Column("source_version", Integer, ForeignKey("plan_versions.id"), nullable=False),
    Column("first_line", Integer, nullable=False),
    Column("last_line", Integer, nullable=False),
    Column("items", Text, nullable=False),  # JSON list of [kind, key, name, line]
    Column("lead_unit", String(100)),
    Column("lead_suggested", Integer, nullable=False),
    Column("lead_keyword", String(100)),
    Column("co_units", Text, nullable=False),  # JSON list of unit names
    Column("deadline", String(10), nullable=False),  # 2025 | 长期 | 持续
    Column("cycle", String(4), nullable=False),  # 季度 | 半年 | 年度
    Column("note", Text, nullable=False),
    Column("flag", String(12)),  # unmatched | new
    UniqueConstraint("list_id", "number", name="uq_task_entries_number"),
)

# 进展 reports: never changed; a report sent back is answered by a new one for the same period.
task_reports = Table(
    "task_reports",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    Column("task_key", String(16), nullable=False),
    Column("period", String(8), nullable=False),  # 2023H1, 2023Q2, 2023
    Column("unit", String(100), nullable=False),
    Column("progress", Text, nullable=False),  # 进展情况
    Column("degree", String(6), nullable=False),  # 完成程度
    Column("problems", Text, nullable=False),  # 存在问题
    Column("next_steps", Text, nullable=False),  # 下步打算
    Column("filed_by", Text, nullable=False),
    Column("filed_on", Date, nullable=False),
    Column("filed_at", DateTime(timezone=True), nullable=False),
)
Index("ix_task_reports_task", task_reports.c.plan_id, task_reports.c.task_key, task_reports.c.period)

# 发改's review of a report: one per report, 通过 (pass) or 退回 (return, with the reason).
task_reviews = Table(
    "task_reviews",
    metadata,
    Column("report_id", Integer, ForeignKey("task_reports.id", ondelete="CASCADE"), primary_key=True),
    Column("decision", String(6), nullable=False),  # pass | return
    Column("reason", Text, nullable=False),
    Column("reviewed_by", Text, nullable=False),
    Column("reviewed_on", Date, nullable=False),
    Column("reviewed_at", DateTime(timezone=True), nullable=False),
)

# Evidence of a report, kept in the database (never under the uploader's file name) and served only
# as a download.
task_evidence = Table(
    "task_evidence",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("report_id", Integer, ForeignKey("task_reports.id", ondelete="CASCADE"), nullable=False),
    Column("file_name", String(200), nullable=False),  # as uploaded, for the download's name only
    Column("media_type", String(60), nullable=False),  # from the content, not the name
    Column("size", Integer, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("content", LargeBinary, nullable=False),
)
Index("ix_task_evidence_report", task_evidence.c.report_id)

# 催办: a reminder to a unit that a period's report is missing.
task_reminders = Table(
    "task_reminders",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    Column("task_key", String(16), nullable=False),
    Column("period", String(8), nullable=False),
    Column("unit", String(100), nullable=False),
    Column("sent_by", Text, nullable=False),
    Column("sent_on", Date, nullable=False),
    Column("sent_at", DateTime(timezone=True), nullable=False),
)
Index("ix_task_reminders_task", task_reminders.c.plan_id, task_reminders.c.task_key)

# 督办单: numbered per year across the database (新发改督〔2025〕3号), issued for a lagging task.
task_notices = Table(
    "task_notices",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="CASCADE"), nullable=False),
    Column("year", Integer, nullable=False),
    Column("serial", Integer, nullable=False),
    Column("number", String(100), nullable=False),
    Column("task_key", String(16), nullable=False),
    Column("unit", String(100), nullable=False),
    Column("problem", Text, nullable=False),
    Column("reply_by", Date, nullable=False),
    Column("issued_by", Text, nullable=False),
    Column("issued_on", Date, nullable=False),
    Column("issued_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("year", "serial", name="uq_task_notices_serial"),
    UniqueConstraint("number", name="uq_task_notices_number"),
)

# What happened to a 督办单 after it was issued: the unit's replies, 发改's closing (办结).
task_notice_events = Table(
    "task_notice_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("notice_id", Integer, ForeignKey("task_notices.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(6), nullable=False),  # reply | close
    Column("text", Text, nullable=False),
    Column("event_by", Text, nullable=False),
    Column("event_on", Date, nullable=False),
    Column("event_at", DateTime(timezone=True), nullable=False),
)
Index("ix_task_notice_events_notice", task_notice_events.c.notice_id)

# Each task's reports reduced to what its status needs, as they stand after the latest write (kept by
# the services in the transaction of each report and review): the status of many tasks on any date
# on or after `last_event_on` is read from here, one row a task, instead of from every report.
task_books = Table(
    "task_books",
    metadata,
    Column("plan_id", Integer, ForeignKey("plans.id", ondelete="CASCADE"), primary_key=True),
    Column("task_key", String(16), primary_key=True),
    Column("received", Text, nullable=False),  # periods filed and not sent back: ,2021H1,2021H2,
    Column("done_period", String(8)),  # the earliest period reported 已完成 and passed
    Column("last_event_on", Date, nullable=False),  # the latest filing or review of the task
)
