"""Projects (调度) at scale (printed, not asserted).

1. judging: one plan with 20,000 projects (the seed's 149 and the rest added by hand), each with a
   责任单位, year plans, planned 开工/竣工 and 60 monthly reports (2021-01 … 2025-12), a tenth of them
   corrected once: 1.3 M report rows through the bulk path. Then every project judged as of a date
   (`schedule_as_of`: the library, the year's reports and the 开工/竣工 known then, the judgement),
   on SQLite and on PostgreSQL. Goal ≤ 3 s.
2. the 项目调度 page of the demo plan (150 projects) under 20 clients on a real server (bench/web.py's
   `planwatch serve` subprocess): anonymous (the page cache), every request a new address (rendered
   each time from the kept judgement), and every request a new date (judged each time). Goal p95 ≤ 50 ms.
3. importing a 150-row 调度表 (.xlsx) into the demo plan. Goal ≤ 1 s.

    python bench/projects.py                                  # SQLite in a temporary directory
    PLANWATCH_PG_PORT=55445 scripts/with-postgres.sh .venv/bin/python bench/projects.py   # and PostgreSQL
    python bench/projects.py --projects 2000 --seconds 3      # a smaller run
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from web import Server, load, session_cookie  # noqa: E402  (bench/web.py)

from planwatch.services.actor import system_actor  # noqa: E402
from planwatch.services.departments import load_starter  # noqa: E402
from planwatch.services.plans import bundled_plan_path, ingest_files  # noqa: E402
from planwatch.services.project_demo import load_schedule_demo  # noqa: E402
from planwatch.services.project_library import library  # noqa: E402
from planwatch.services.project_reports import import_schedule, judge_library, schedule_as_of  # noqa: E402
from planwatch.services.users import add_user  # noqa: E402
from planwatch.store import Store  # noqa: E402
from planwatch.store import project_reports as store_reports  # noqa: E402
from planwatch.store.bulk import insert_rows  # noqa: E402
from planwatch.store.schema import library_fields, library_projects, metadata, project_reports  # noqa: E402

AS_OF = date(2025, 6, 15)  # May 2025 due: 序时 5/12
DEMO_AS_OF = "2024-11-20"
UNITS = ("区发改委", "区交通运输局", "区住建局", "区水利局", "区教体局", "区卫健委", "区工信局", "区城管局")
SYSTEM = system_actor()
READER, READER_PASSWORD = "reader", "bench reader password"


# ---- 1. judging 20,000 projects -------------------------------------------------------------------


def build(store: Store, projects: int) -> tuple[int, int]:
    """The seed plus hand-added projects up to `projects`, their fields and 60 monthly reports each."""
    (outcome,) = ingest_files(store, SYSTEM, [str(bundled_plan_path())])
    assert outcome.result is not None
    plan_id = outcome.result.plan_id
    load_starter(store, SYSTEM)
    keys = [p.key for p in library(store, plan_id).projects]
    added = [f"H{n:05d}" for n in range(1, projects - len(keys) + 1)]
    now = datetime.now(UTC)
    rng = random.Random(11)
    with store.engine.begin() as connection:
        insert_rows(
            connection,
            library_projects,
            ({"plan_id": plan_id, "project_key": key, "added_by": "bench", "added_at": now} for key in added),
        )
        insert_rows(connection, library_fields, _fields(plan_id, [*keys, *added], rng, now))
        count = 0
        batch: list[dict[str, Any]] = []
        for row in _reports(plan_id, [*keys, *added], rng, now):
            batch.append(row)
            if len(batch) == 20_000:
                insert_rows(connection, project_reports, batch)
                count += len(batch)
                batch = []
        insert_rows(connection, project_reports, batch)
        count += len(batch)
    with (
        store.engine.connect() as connection
    ):  # as a database in use would have them: the planner's statistics
        connection.exec_driver_sql("ANALYZE")
        connection.commit()
    return plan_id, count


def _fields(plan_id: int, keys: list[str], rng: random.Random, now: datetime) -> Iterator[dict[str, Any]]:
    for n, key in enumerate(keys):
        values: dict[str, tuple[str, date]] = {
            "name": (f"合成项目{n:05d}", date(2021, 1, 4)) if key.startswith("H") else ("", date(2021, 1, 4)),
            "department": (UNITS[n % len(UNITS)], date(2021, 1, 4)),
            "investment": ("200000", date(2021, 1, 4)),
            "start": ("2021-03-01", date(2020, 12, 20)),
            "finish": (f"{2024 + n % 3}-12-31", date(2020, 12, 20)),
            "status": ("在建", date(2021, 3, 1)),
        }
        for year in range(2021, 2026):
            values[f"plan:{year}"] = (str(rng.randint(10, 40) * 1000), date(year - 1, 12, 20))
        for field, (value, set_on) in values.items():
            if value:
                yield {
                    "plan_id": plan_id,
                    "project_key": key,
                    "field": field,
                    "value": value,
                    "set_on": set_on,
                    "entered_by": "bench",
                    "entered_at": now,
                }


def _reports(plan_id: int, keys: list[str], rng: random.Random, now: datetime) -> Iterator[dict[str, Any]]:
    for key in keys:
        pace = rng.uniform(0.3, 1.3)
        for year in range(2021, 2026):
            for month in range(1, 13):
                cumulative = Decimal(int(30_000 * pace * month / 12))
                before = Decimal(int(30_000 * pace * (month - 1) / 12))
                made = date(year + (month == 12), month % 12 + 1, 5)
                row = {
                    "plan_id": plan_id,
                    "project_key": key,
                    "period": f"{year}-{month:02d}",
                    "year": year,
                    "completed": str(cumulative - before),
                    "cumulative": str(cumulative),
                    "started_on": date(2021, 3, 1) if (year, month) == (2021, 3) else None,
                    "finished_on": None,
                    "progress": "主体施工",
                    "issues": "",
                    "coordination": "",
                    "reported_on": made,
                    "entered_by": "bench",
                    "entered_at": now,
                    "source": "bench",
                }
                yield row
                if rng.random() < 0.1:  # corrected ten days later
                    yield {
                        **row,
                        "cumulative": str(cumulative + 100),
                        "reported_on": made + timedelta(days=10),
                    }


def judge(store: Store, plan_id: int) -> None:
    """Three runs, each timed on the wall and in this process's CPU (the machine may be shared)."""
    runs: list[tuple[float, float]] = []
    for _ in range(3):
        wall, cpu = time.perf_counter(), time.process_time()
        result = schedule_as_of(store, plan_id, AS_OF)
        runs.append((time.perf_counter() - wall, time.process_time() - cpu))
    best = min(wall for wall, _ in runs)
    shown = ", ".join(f"{wall:.2f} s (CPU {cpu:.2f} s)" for wall, cpu in runs)
    verdict = "ok" if best <= 3 else "OVER"
    print(f"  judge {len(result.judged):,} projects as of {AS_OF}: best {best:.2f} s   goal ≤ 3 s: {verdict}")
    print(f"    runs: {shown}")
    print(f"    parts: {_parts(store, plan_id)}", flush=True)


def _parts(store: Store, plan_id: int) -> str:
    started = time.perf_counter()
    current = library(store, plan_id, AS_OF)
    after_library = time.perf_counter()
    with store.reading() as connection:
        year = store_reports.reports_as_of(connection, AS_OF, [plan_id], year=2025, judged_only=True)
        after_year = time.perf_counter()
        events = store_reports.reports_as_of(connection, AS_OF, [plan_id], events_only=True, judged_only=True)
    after_events = time.perf_counter()
    judge_library(current, year.get(plan_id, {}), events.get(plan_id, {}), AS_OF)
    done = time.perf_counter()
    rows = sum(len(v) for v in year.get(plan_id, {}).values())
    return (
        f"library {after_library - started:.2f} s, the year's reports {after_year - after_library:.2f} s "
        f"({rows:,} rows), 开工/竣工 {after_events - after_year:.2f} s, judging {done - after_events:.2f} s"
    )


def scale(url: str, label: str, projects: int) -> None:
    store = Store(url)
    try:
        _empty(store)
        started = time.perf_counter()
        plan_id, rows = build(store, projects)
        took = time.perf_counter() - started
        print(f"{label}: {projects:,} projects, {rows:,} reports built in {took:.1f} s", flush=True)
        judge(store, plan_id)
    finally:
        store.close()


def _empty(store: Store) -> None:
    """A PostgreSQL database emptied for the next measurement: truncated, so that no dead rows of the
    previous one are left for the next to read past."""
    if store.engine.dialect.name == "postgresql":
        names = ", ".join(table.name for table in metadata.sorted_tables if table.name != "alembic_version")
        with store.engine.begin() as connection:
            connection.exec_driver_sql(f"TRUNCATE {names} RESTART IDENTITY CASCADE")


# ---- 2. the 项目调度 page ----------------------------------------------------------------------------------


def demo_store(url: str) -> tuple[Store, int]:
    store = Store(url)
    _empty(store)
    (outcome,) = ingest_files(store, SYSTEM, [str(bundled_plan_path())])
    assert outcome.result is not None
    load_starter(store, SYSTEM)
    load_schedule_demo(store, SYSTEM, outcome.result.plan_id)
    add_user(store, SYSTEM, READER, "viewer", READER_PASSWORD)  # staff pages need sign-in
    return store, outcome.result.plan_id


def page(tmp: Path, clients: int, seconds: float) -> None:
    url = f"sqlite:///{tmp / 'demo.db'}"
    store, plan_id = demo_store(url)
    store.close()
    base = f"/plans/{plan_id}/schedule"
    with Server(url, tmp / "server.log") as server:
        cookie = session_cookie(server.url, READER, READER_PASSWORD)
        for label, paths in (
            ("signed in, kept data", lambda n: f"{base}?as_of={DEMO_AS_OF}"),
            ("JSON, kept data", lambda n: f"{base}.json?as_of={DEMO_AS_OF}"),
            ("a new address each time (rendered)", lambda n: f"{base}?as_of={DEMO_AS_OF}&box=&n={n}"),
            (
                "a new date each time (judged)",
                lambda n: f"{base}?as_of={date(2024, 1, 1) + timedelta(days=n % 700)}",
            ),
        ):
            load(server.url, paths, 1, 0.5, cookie)  # warm: the first request of an address judges
            run = load(server.url, paths, clients, seconds, cookie)
            print("  " + run.line(f"项目调度 (150 projects), {label}, {clients} clients", 50), flush=True)


# ---- 3. importing a 150-row 调度表 ----------------------------------------------------------------------


def importing(url: str, label: str, tmp: Path) -> None:
    from openpyxl import Workbook

    store, plan_id = demo_store(url)
    try:
        keys = [p.key for p in library(store, plan_id).projects][:150]
        times = []
        for month in (1, 2, 3):
            workbook = Workbook()
            sheet = workbook.active
            assert sheet is not None
            sheet.append(
                [
                    "项目编号",
                    "期间",
                    "本期完成投资（万元）",
                    "自年初累计完成投资（万元）",
                    "形象进度",
                    "填报日期",
                ]
            )
            for key in keys:
                sheet.append([key, f"2025-{month:02d}", 1, month, "主体施工", f"2025-{month + 1:02d}-05"])
            path = tmp / f"调度表-{month}.xlsx"
            workbook.save(path)
            started = time.perf_counter()
            outcome = import_schedule(store, SYSTEM, plan_id, path)
            times.append(time.perf_counter() - started)
            assert outcome.added == len(keys), outcome
        verdict = "ok" if max(times) <= 1 else "OVER"
        shown = ", ".join(f"{t:.2f}" for t in times)
        print(f"{label}: import of a {len(keys)}-row 调度表: {shown} s   goal ≤ 1 s: {verdict}", flush=True)
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--projects", type=int, default=20_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=8.0, help="per measured URL")
    parser.add_argument("--skip-web", action="store_true")
    args = parser.parse_args()
    postgres = os.environ.get("PLANWATCH_TEST_POSTGRES_URL")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        scale(f"sqlite:///{tmp / 'scale.db'}", "SQLite", args.projects)
        if postgres:
            scale(postgres, "PostgreSQL", args.projects)
        if not args.skip_web:
            page(tmp, args.clients, args.seconds)
        importing(f"sqlite:///{tmp / 'import.db'}", "SQLite", tmp)
        if postgres:
            importing(postgres, "PostgreSQL", tmp)


if __name__ == "__main__":
    main()
