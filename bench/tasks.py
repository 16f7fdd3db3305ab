"""Tasks (任务分工, 督查督办) at speed (printed, not asserted).

1. propose: the seed's task list proposed from its outline — the pure proposal, and the whole
   `planwatch tasks draft` service (loading the version, suggesting lead units, storing the draft).
   Goal ≤ 300 ms.
2. status: 3,000 plans × 300 tasks × 10 periods of reports (9 million reports, their reviews, some
   reminders), the status of every task as of a date — one process, and split over both cores.
   Goal ≤ 3 s, on SQLite and on PostgreSQL.
3. web: the task pages of the demo (seed + its illustrative task list) under 20 clients, through the
   real server (bench/web.py), and each page rendered afresh for a signed-in planner. Goal p95 ≤ 50 ms.

    python bench/tasks.py propose
    python bench/tasks.py status [--plans 300] [--postgres URL]   # or PLANWATCH_TEST_POSTGRES_URL
    python bench/tasks.py web [--seconds 10]
"""

from __future__ import annotations

import argparse
import gc
import multiprocessing
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from planwatch.model import ParsedPlan, Source  # noqa: E402
from planwatch.services import tasks  # noqa: E402
from planwatch.services.actor import system_actor  # noqa: E402
from planwatch.services.departments import load_starter  # noqa: E402
from planwatch.services.plans import bundled_plan_path, ingest_files, read_plan  # noqa: E402
from planwatch.services.task_status import all_statuses  # noqa: E402
from planwatch.store import Store  # noqa: E402
from planwatch.store.schema import metadata  # noqa: E402
from planwatch.store.task_books import as_text  # noqa: E402
from planwatch.tasking.periods import bounds, following  # noqa: E402
from planwatch.tasking.propose import propose  # noqa: E402
from tests.helpers import ingest  # noqa: E402

AS_OF = date(2026, 1, 31)  # the ten half-years 2021H1–2025H2 reported (mostly) by then
IN_FORCE = date(2021, 1, 1)
TASKS_PER_PLAN = 300
PERIODS = 10


def bench_propose() -> None:
    read = read_plan(bundled_plan_path())
    lines = list(read.lines)
    runs = []
    for _ in range(20):
        started = time.perf_counter()
        proposal = propose(read.parsed, lines, 1)
        runs.append(time.perf_counter() - started)
    print(
        f"propose (pure): {len(proposal.tasks)} tasks in "
        f"{statistics.median(runs) * 1000:.1f} ms (median of 20)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'propose.db'}")
        (outcome,) = ingest_files(store, system_actor(), [str(bundled_plan_path())])
        assert outcome.result is not None
        load_starter(store, system_actor())
        runs = []
        for n in range(5):
            started = time.perf_counter()
            drafted = tasks.draft(store, system_actor(), outcome.result.plan_id, replace_draft=n > 0)
            runs.append(time.perf_counter() - started)
        store.close()
    print(
        f"planwatch tasks draft (load, propose, suggest, store): {len(drafted.tasks)} tasks in "
        f"{statistics.median(runs) * 1000:.0f} ms (median of 5)   goal ≤ 300 ms"
    )


# ---- status at scale -----------------------------------------------------------------------------


def _periods(cycle: str) -> list[str]:
    start = {"半年": "2021H1", "季度": "2021Q1", "年度": "2021"}[cycle]
    found = [start]
    while len(found) < PERIODS:
        found.append(following(found[-1]))
    return found


def build_status(store: Store, plans: int) -> tuple[list[int], int]:
    """`plans` small plans, each with an accepted list of 300 tasks and 10 periods of reports."""
    seed = ParsedPlan(replace(read_plan(bundled_plan_path()).parsed.plan), (), ())
    plan_ids, version_ids = [], []
    for n in range(plans):
        source = Source(f"synthetic-{n}.txt", f"{n:064x}", 1)
        result = ingest(
            store, replace(seed, plan=replace(seed.plan, title=f"合成规划{n:04d}", source=source)), ["x"]
        )
        plan_ids.append(result.plan_id)
        version_ids.append(result.version_id)
    rng = random.Random(13)
    now = datetime.now(UTC)
    lists, entries, reports, reviews, reminders, books = [], [], [], [], [], []
    report_id = 0
    for list_id, (plan_id, version_id) in enumerate(zip(plan_ids, version_ids, strict=True), 1):
        lists.append(
            (list_id, plan_id, 1, "accepted", version_id, None, IN_FORCE, None, "bench", now, "bench", now)
        )
        for t in range(1, TASKS_PER_PLAN + 1):
            key = f"R{t:03d}"
            cycle = "半年" if t % 10 else ("季度" if t % 20 else "年度")
            deadline = "持续" if t % 7 == 0 else ("2024" if t % 13 == 0 else "2026")
            entries.append(
                (list_id, key, t, f"3.{t}", "条目", None, "[]", f"任务{t}", "", version_id, 1, 1, "[]",
                 "区发改委", 0, None, "[]", deadline, cycle, "", None)
            )  # fmt: skip
            kept, done, last = [], None, IN_FORCE
            for period in _periods(cycle):
                filed = bounds(period)[1] + timedelta(days=rng.randint(1, 30))
                if filed > AS_OF:  # the date asked about follows every write (the books are read)
                    continue
                report_id += 1
                degree = "已完成" if period == "2025H2" and t % 5 == 0 else "推进中"
                reports.append(
                    (report_id, plan_id, key, period, "区发改委", "进展", degree, "", "", "bench", filed, now)
                )
                draw = rng.random()
                last = max(last, filed)
                if draw < 0.95 and filed + timedelta(days=5) <= AS_OF:
                    decision = "return" if draw < 0.04 else "pass"
                    reviews.append((report_id, decision, "", "bench", filed + timedelta(days=5), now))
                    last = max(last, filed + timedelta(days=5))
                    if decision == "pass" and degree == "已完成":
                        done = done or period
                if draw >= 0.04 or filed + timedelta(days=5) > AS_OF:
                    kept.append(period)
            books.append((plan_id, key, as_text(kept), done, last))
            if t % 50 == 0:
                reminders.append((plan_id, key, "2025H2", "区发改委", "bench", date(2026, 2, 1), now))
    _load(store, "task_lists", lists)
    _load(store, "task_entries", entries)
    _load(store, "task_reports", reports)
    _load(store, "task_reviews", reviews)
    _load(store, "task_books", books)
    _load(
        store,
        "task_reminders",
        reminders,
        ("plan_id", "task_key", "period", "unit", "sent_by", "sent_on", "sent_at"),
    )
    return plan_ids, len(reports)


def _load(
    store: Store, table: str, rows: list[tuple[object, ...]], columns: tuple[str, ...] | None = None
) -> None:
    """Rows in bulk: COPY on PostgreSQL, executemany on SQLite, with the raw driver connection."""
    names = columns or tuple(c.name for c in metadata.tables[table].columns)
    raw = store.engine.raw_connection()
    try:
        cursor = raw.cursor()
        if store.engine.dialect.name == "postgresql":
            with cursor.copy(f"COPY {table} ({', '.join(names)}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" for _ in names)
            for begin in range(0, len(rows), 100_000):
                cursor.executemany(
                    f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})",
                    rows[begin : begin + 100_000],
                )
        raw.commit()
    finally:
        raw.close()


def _states(job: tuple[str, list[int]]) -> int:
    store = Store(job[0])
    try:
        return sum(len(by_key) for by_key in all_statuses(store, AS_OF, job[1]).values())
    finally:
        store.close()


def bench_status(plans: int, postgres: str | None) -> None:
    targets = [("SQLite", None)] + ([("PostgreSQL", postgres)] if postgres else [])
    with tempfile.TemporaryDirectory() as tmp:
        for name, url in targets:
            url = url or f"sqlite:///{Path(tmp) / 'status.db'}"
            store = Store(url)
            if name == "PostgreSQL":
                with store.engine.begin() as connection:
                    for table in reversed(metadata.sorted_tables):
                        connection.execute(table.delete())
            started = time.perf_counter()
            plan_ids, count = build_status(store, plans)
            if name == "PostgreSQL":
                with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
                    connection.exec_driver_sql("VACUUM ANALYZE")
            else:
                with store.engine.begin() as connection:
                    connection.exec_driver_sql("ANALYZE")
            print(
                f"{name}: {plans:,} plans × {TASKS_PER_PLAN} tasks, {count:,} reports "
                f"built in {time.perf_counter() - started:.0f} s",
                flush=True,
            )
            gc.collect()
            gc.freeze()
            started, cpu = time.perf_counter(), time.process_time()
            found = all_statuses(store, AS_OF)
            serial, cpu = time.perf_counter() - started, time.process_time() - cpu
            judged = sum(len(by_key) for by_key in found.values())
            del found
            print(
                f"{name}: status of {judged:,} tasks as of {AS_OF} in {serial:.2f} s "
                f"(one process; its CPU time {cpu:.2f} s, load average {os.getloadavg()[0]:.1f})"
                "   goal ≤ 3 s",
                flush=True,
            )
            started = time.perf_counter()
            with multiprocessing.get_context("fork").Pool(2) as pool:
                judged = sum(pool.map(_states, [(url, plan_ids[i::2]) for i in range(2)]))
            print(
                f"{name}: status of {judged:,} tasks in "
                f"{time.perf_counter() - started:.2f} s (two processes)",
                flush=True,
            )
            started = time.perf_counter()
            one = all_statuses(store, AS_OF, [plan_ids[len(plan_ids) // 2]])
            print(
                f"{name}: one plan's {sum(len(v) for v in one.values())} tasks "
                f"in {(time.perf_counter() - started) * 1000:.0f} ms",
                flush=True,
            )
            store.close()
            gc.unfreeze()


# ---- web ---------------------------------------------------------------------------------------------


def bench_web(seconds: float, clients: int) -> None:
    from web import Server, measure, session_cookie  # bench/web.py

    from planwatch.services.task_demo import load_task_demo
    from planwatch.services.users import add_user
    from tests.web_server import AS_OF as DEMO_AS_OF
    from tests.web_server import build_demo_store

    with tempfile.TemporaryDirectory() as tmp:
        store_url, plan_id = build_demo_store(Path(tmp))
        store = Store(store_url)
        load_starter(store, system_actor())
        load_task_demo(store, system_actor(), plan_id)
        add_user(store, system_actor(), "bench", "planner", "bench-password-1")
        store.close()
        pages = [
            ("任务", f"/plans/{plan_id}/tasks?as_of={DEMO_AS_OF}"),
            ("任务 JSON", f"/plans/{plan_id}/tasks.json?as_of={DEMO_AS_OF}"),
            ("任务详情", f"/plans/{plan_id}/tasks/R004?as_of={DEMO_AS_OF}"),
            (
                "我的任务",
                f"/plans/{plan_id}/tasks/mine?unit=%E5%8C%BA%E5%8F%91%E6%94%B9%E5%A7%94&as_of={DEMO_AS_OF}",
            ),
            ("催办", f"/plans/{plan_id}/tasks/due?as_of={DEMO_AS_OF}"),
            ("督办", f"/plans/{plan_id}/notices?as_of={DEMO_AS_OF}"),
            ("任务清单", f"/plans/{plan_id}/tasks/list?which=in_force"),
        ]
        settings = argparse.Namespace(seconds=seconds, clients=clients)
        with Server(store_url, Path(tmp) / "server.log") as server:
            cookie = session_cookie(server.url, "bench", "bench-password-1")  # staff pages need sign-in
            for label, path in pages:
                measure(server, f"{label} {path} (signed in)", path, settings, 50, cookie)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", nargs="?", choices=("propose", "status", "web", "all"), default="all")
    parser.add_argument("--plans", type=int, default=3000)
    parser.add_argument("--postgres", default=os.environ.get("PLANWATCH_TEST_POSTGRES_URL"))
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=20)
    args = parser.parse_args()
    if args.what in ("propose", "all"):
        bench_propose()
    if args.what in ("status", "all"):
        bench_status(args.plans, args.postgres)
    if args.what in ("web", "all"):
        bench_web(args.seconds, args.clients)


if __name__ == "__main__":
    main()
