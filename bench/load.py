"""The web app under sustained load (issue 17), printed, not asserted.

A real server (`planwatch serve`, its own process, so its memory can be watched) on the demo plan;
50 clients for 10 minutes: 80 % reads of every page (signed in), 20 % writes (a figure typed into
数据填报 by one of several department users, each on their own indicators). Afterwards every write
that was answered as saved must be in the database exactly once, and nothing else.

Each client is a person: a click every second on average (`--think`, exponential), on a server of
two processes (`--workers`, the machine's two cores). `--think 0` asks as fast as answers come:
that measures the server's throughput, and the latency is then the queue (clients ÷ throughput).

    python bench/load.py                       # 50 clients, 600 s, SQLite
    python bench/load.py --think 0 --seconds 60   # saturated: requests/s
    python bench/load.py --clients 20 --seconds 60
    python bench/load.py --postgres URL        # or PLANWATCH_TEST_POSTGRES_URL
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from planwatch.services.actor import system_actor  # noqa: E402
from planwatch.services.assignments import assign  # noqa: E402
from planwatch.services.departments import load_starter  # noqa: E402
from planwatch.services.figures import DEMO_AS_OF, load_demo  # noqa: E402
from planwatch.services.plans import bundled_plan_path, ingest_files  # noqa: E402
from planwatch.services.project_demo import load_schedule_demo  # noqa: E402
from planwatch.services.task_demo import load_task_demo  # noqa: E402
from planwatch.services.users import add_user  # noqa: E402
from planwatch.store import Store  # noqa: E402
from planwatch.store.schema import metadata, observations  # noqa: E402

PASSWORD = "load test password"
DEPARTMENTS = ("区发改委", "区财政局", "区交通运输局", "区商务局")
_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Tally:
    reads: list[float] = field(default_factory=list)
    writes: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    saved: list[tuple[str, str, str]] = field(default_factory=list)  # (user, series, value)
    lock: threading.Lock = field(default_factory=threading.Lock)


def prepare(url: str, clients: int) -> tuple[int, dict[str, list[str]]]:
    store = Store(url)
    if not url.startswith("sqlite"):
        with store.engine.begin() as connection:
            for table in reversed(metadata.sorted_tables):
                connection.execute(table.delete())
    (outcome,) = ingest_files(store, system_actor(), [str(bundled_plan_path())])
    assert outcome.result is not None
    plan_id = outcome.result.plan_id
    load_demo(store, system_actor(), plan_id)
    load_starter(store, system_actor())
    load_schedule_demo(store, system_actor(), plan_id)  # the 调度 and task books, for their pages
    load_task_demo(store, system_actor(), plan_id)
    for n in range(clients):  # one account per person: the login throttle counts per name and address
        add_user(store, system_actor(), f"reader{n}", "viewer", PASSWORD)
    owned: dict[str, list[str]] = {}
    indicators = [i.id for i in store.load(plan_id).monitored_indicators()]
    for n, department in enumerate(DEPARTMENTS):
        for item in indicators[n :: len(DEPARTMENTS)]:
            assign(store, system_actor(), plan_id, item, department)
    for n in range(clients):  # several people per department, each with an account of their own
        department = n % len(DEPARTMENTS)
        add_user(store, system_actor(), f"dept{n}", "department", PASSWORD, DEPARTMENTS[department])
        owned[f"dept{n}"] = indicators[department :: len(DEPARTMENTS)]
    store.close()
    return plan_id, owned


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def rss_kb(pid: int) -> int:
    """The resident memory of the server: its process and its workers (uvicorn's children)."""
    total = 0
    for found in [pid, *children(pid)]:
        try:
            for line in Path(f"/proc/{found}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue  # a worker that just ended
    return total


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


class Client:
    def __init__(self, base: str, user: str) -> None:
        self.base, self.user = base, user
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )
        page = self.opener.open(base + "/login", timeout=30).read().decode()
        token = _TOKEN.search(page)
        assert token
        form = {"name": user, "password": PASSWORD, "csrf_token": token.group(1)}
        self.opener.open(base + "/login", data=urllib.parse.urlencode(form).encode(), timeout=30).read()

    def get(self, path: str) -> tuple[int, str]:
        try:
            response = self.opener.open(self.base + path, timeout=30)
            return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace")

    def post(self, path: str, form: dict[str, str]) -> int:
        request = urllib.request.Request(self.base + path, data=urllib.parse.urlencode(form).encode())
        try:
            return self.opener.open(request, timeout=30).status
        except urllib.error.HTTPError as error:
            return error.code


def worker(
    base: str, plan_id: int, owned: dict[str, list[str]], stop: float, tally: Tally, n: int, think: float
) -> None:
    rng = random.Random(n)
    writer = f"dept{n}"
    reader, author = Client(base, f"reader{n}"), Client(base, writer)
    reads = [
        f"/plans/{plan_id}?as_of={DEMO_AS_OF}", f"/plans/{plan_id}/indicators?as_of={DEMO_AS_OF}",
        f"/plans/{plan_id}/indicators/T2.01?as_of={DEMO_AS_OF}", f"/plans/{plan_id}/targets",
        f"/plans/{plan_id}/projects", f"/plans/{plan_id}/search?q={urllib.parse.quote('水利')}",
        f"/plans/{plan_id}/versions",
        f"/plans/{plan_id}.json?as_of={DEMO_AS_OF}", "/plans", f"/plans/{plan_id}/text",
        f"/plans/{plan_id}/schedule?as_of=2024-11-20", f"/plans/{plan_id}/schedule/P004?as_of=2024-11-20",
        f"/plans/{plan_id}/tasks?as_of={DEMO_AS_OF}", f"/plans/{plan_id}/notices",
        f"/public/plans/{plan_id}?as_of={DEMO_AS_OF}",
    ]  # fmt: skip
    count = 0
    while time.monotonic() < stop:
        count += 1
        if think:  # a person reads the page before the next click (exponential, mean `think` s)
            time.sleep(min(rng.expovariate(1 / think), max(0.0, stop - time.monotonic())))
        if rng.random() < 0.8:
            path = rng.choice(reads)
            start = time.perf_counter()
            status, _ = reader.get(path)
            elapsed = time.perf_counter() - start
            with tally.lock:
                tally.reads.append(elapsed)
                if status != 200:
                    tally.errors.append(f"GET {path}: {status}")
            continue
        series = rng.choice(owned[writer])
        value = f"{n}.{count:06d}"  # unique: every write is news, so each must be stored once
        status, page = author.get(f"/plans/{plan_id}/entry")
        token = _TOKEN.search(page)
        if status != 200 or token is None:
            with tally.lock:
                tally.errors.append(f"GET entry: {status}")
            continue
        form = {"series_id": series, "period": "2025", "value": value, "kind": "水平值", "status": "初步",
                "as_of": "2026-03-01", "csrf_token": token.group(1)}  # fmt: skip
        start = time.perf_counter()
        code = author.post(f"/plans/{plan_id}/entry", form)
        elapsed = time.perf_counter() - start
        with tally.lock:
            tally.writes.append(elapsed)
            if code == 200:  # the redirect after a save was followed to the entry page
                tally.saved.append((writer, series, value))
            else:
                tally.errors.append(f"POST entry: {code}")


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100)[int(share * 100) - 1] * 1000 if len(values) > 1 else 0.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--postgres", default=os.environ.get("PLANWATCH_TEST_POSTGRES_URL"))
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between a client's requests")
    parser.add_argument("--workers", type=int, default=2, help="server processes (planwatch serve --workers)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="planwatch-load-"))
    url = args.postgres or f"sqlite:///{folder / 'load.db'}"
    plan_id, owned = prepare(url, args.clients)
    port = free_port()
    env = {
        **os.environ,
        "PLANWATCH_DATABASE_URL": url,
        "PLANWATCH_HOME": str(folder),
        "PLANWATCH_SECRET_KEY": "load",
    }
    server = subprocess.Popen(
        [sys.executable, "-m", "planwatch", "serve", "--port", str(port), "--workers", str(args.workers)],
        env=env,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/login", timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        tally = Tally()
        memory = [rss_kb(server.pid)]
        stop = time.monotonic() + args.seconds
        threads = [
            threading.Thread(
                target=worker, args=(base, plan_id, owned, stop, tally, n, args.think), daemon=True
            )
            for n in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        while any(t.is_alive() for t in threads):
            time.sleep(min(10.0, args.seconds / 10))
            memory.append(rss_kb(server.pid))
        for thread in threads:
            thread.join()
    finally:
        server.terminate()
        server.wait(10)
    store = Store(url)
    with store.reading() as connection:
        stored = {
            (r.entered_by, r.series_id, format(r.value.normalize(), "f"))
            for r in connection.execute(
                observations.select().where(
                    observations.c.plan_id == plan_id, observations.c.period == "2025"
                )
            )
            if r.entered_by.startswith("dept")
        }
        rows = connection.execute(
            observations.select().where(observations.c.plan_id == plan_id, observations.c.period == "2025")
        ).all()
    store.close()
    saved = {(u, s, format(Decimal(v).normalize(), "f")) for u, s, v in tally.saved}
    dept_rows = [r for r in rows if r.entered_by.startswith("dept")]
    print(
        f"{args.clients} clients for {args.seconds:.0f} s on {'PostgreSQL' if args.postgres else 'SQLite'}, "
        f"{args.workers} server process(es), a click every {args.think:g} s on average per client:"
    )
    print(f"  {(len(tally.reads) + len(tally.writes)) / args.seconds:.1f} requests/s answered")
    reads, writes = tally.reads, tally.writes
    print(
        f"  reads  {len(reads):,}: p50 {percentile(reads, 0.5):.0f} ms, "
        f"p95 {percentile(reads, 0.95):.0f} ms, p99 {percentile(reads, 0.99):.0f} ms (goal p95 ≤ 100)"
    )
    print(f"  writes {len(writes):,}: p50 {percentile(writes, 0.5):.0f} ms, "
          f"p95 {percentile(writes, 0.95):.0f} ms")  # fmt: skip
    print(f"  errors {len(tally.errors)}" + (f": {tally.errors[:5]}" if tally.errors else ""))
    print(f"  rows: {len(saved):,} saved, {len(dept_rows):,} stored, lost {len(saved - stored)}, "
          f"unexpected {len(stored - saved)}, duplicated {len(dept_rows) - len(stored)}")  # fmt: skip
    print(f"  server memory (RSS): start {memory[0] / 1024:.0f} MB, end {memory[-1] / 1024:.0f} MB, "
          f"peak {max(memory) / 1024:.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
