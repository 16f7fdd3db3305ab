"""Web latency and throughput (printed, not asserted): the public portal and the staff overview.

The server is the real one (`planwatch serve`, one uvicorn process) on 127.0.0.1 and a free port,
in a subprocess so the load generator does not share its interpreter lock; 20 client threads,
each with its own keep-alive connection, request one URL for ~10 s. Loopback only, bounded in time.
The portal (/public/, anyone, kept by the server while nothing is written) is asked anonymously;
the staff overview (always rendered afresh) with a colleague's session cookie.

    python bench/web.py                    # the bundled plan + demo figures
    python bench/web.py --synthetic        # 300 small plans (bench/evaluate.py's `build`), one plan
    python bench/web.py --synthetic 3000   # the full-size database (building it takes a few minutes)

Goals: the portal p95 ≤ 30 ms at 20 clients (issue 12); the staff overview p95 ≤ 50 ms on the demo
database; ≤ 150 ms for one plan's overview among 3,000 plans.
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from evaluate import AS_OF as SYNTHETIC_AS_OF  # noqa: E402  (bench/evaluate.py)
from evaluate import build, synthetic_indicators  # noqa: E402

from planwatch.services.actor import system_actor  # noqa: E402
from planwatch.services.plans import bundled_plan_path, read_plan  # noqa: E402
from planwatch.services.users import add_user  # noqa: E402
from planwatch.store import Store  # noqa: E402
from tests.web_server import (  # noqa: E402
    AS_OF,
    COOKIE,
    VIEWER,
    VIEWER_PASSWORD,
    build_demo_store,
    server_env,
    session_cookie,
)

HOST = "127.0.0.1"


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)  # seconds
    failures: int = 0
    seconds: float = 0.0

    def line(self, label: str, goal_ms: float) -> str:
        if not self.latencies:
            return f"{label}: no successful request ({self.failures} failures)"
        ordered = sorted(self.latencies)
        p50 = statistics.median(ordered) * 1000
        p95 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000
        rate = len(ordered) / self.seconds
        verdict = "ok" if p95 <= goal_ms else "OVER"
        failed = f", {self.failures} failed" if self.failures else ""
        return (
            f"{label}: p50 {p50:.1f} ms, p95 {p95:.1f} ms, {rate:.0f} req/s "
            f"({len(ordered):,} requests{failed})   goal p95 ≤ {goal_ms:.0f} ms: {verdict}"
        )


def load(
    base_url: str,
    path: str | Callable[[int], str],
    clients: int,
    seconds: float,
    cookie: str | None = None,
) -> Run:
    """`clients` threads, each on one keep-alive connection, GET `path` until the time is up
    (`path(n)` for the n-th request of all, when a new address each time is wanted)."""
    headers = {"Cookie": f"{COOKIE}={cookie}"} if cookie else {}
    port = int(base_url.rsplit(":", 1)[1])
    run = Run()
    lock = threading.Lock()
    start_line = threading.Barrier(clients + 1)
    deadline = 0.0
    counter = itertools.count()

    def next_path() -> str:
        if isinstance(path, str):
            return path
        with lock:
            return path(next(counter))

    def client() -> None:
        mine: list[float] = []
        failures = 0
        connection = http.client.HTTPConnection(HOST, port, timeout=30)
        start_line.wait()
        while time.perf_counter() < deadline:
            began = time.perf_counter()
            try:
                connection.request("GET", next_path(), headers=headers)
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except (OSError, http.client.HTTPException):
                ok = False
                connection.close()
                connection = http.client.HTTPConnection(HOST, port, timeout=30)
            if ok:
                mine.append(time.perf_counter() - began)
            else:
                failures += 1
        connection.close()
        with lock:
            run.latencies.extend(mine)
            run.failures += failures

    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    deadline = began + seconds
    start_line.wait()
    for thread in threads:
        thread.join(seconds + 60)
    run.seconds = time.perf_counter() - began
    return run


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


class Server:
    """`planwatch serve` on a free loopback port, in a subprocess, for the block's duration."""

    def __init__(self, store_url: str, log: Path) -> None:
        self.store_url = store_url
        self.log = log
        self.url = ""
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        port = free_port()
        env = {**os.environ, **server_env(), "PLANWATCH_DATABASE_URL": self.store_url}
        command = [sys.executable, "-m", "planwatch.cli", "serve", "--host", HOST, "--port", str(port)]
        planwatch = Path(sys.executable).parent / "planwatch"
        if planwatch.exists():
            command = [str(planwatch), "serve", "--host", HOST, "--port", str(port)]
        with self.log.open("wb") as log:  # uvicorn's own lines; shown only if it fails to start
            self.process = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
        self.url = f"http://{HOST}:{port}"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                tail = self.log.read_text(errors="replace")[-2000:]
                raise RuntimeError(f"planwatch serve exited with {self.process.returncode}:\n{tail}")
            try:
                with urllib.request.urlopen(self.url + "/public.json", timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.1)
        self.__exit__()
        raise RuntimeError(f"planwatch serve did not answer on {self.url}")

    def __exit__(self, *_: object) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def measure(
    server: Server,
    label: str,
    path: str,
    args: argparse.Namespace,
    goal_ms: float,
    cookie: str | None = None,
) -> None:
    request = urllib.request.Request(
        server.url + path, headers={"Cookie": f"{COOKIE}={cookie}"} if cookie else {}
    )
    with urllib.request.urlopen(request, timeout=30) as response:  # warm caches, check it works
        size = len(response.read())
    single = load(server.url, path, 1, min(3.0, args.seconds), cookie)
    print(single.line(f"{label} [{size:,} bytes], 1 client", goal_ms), flush=True)
    loaded = load(server.url, path, args.clients, args.seconds, cookie)
    print(loaded.line(f"{label}, {args.clients} clients", goal_ms), flush=True)


def measure_plan(
    server: Server, args: argparse.Namespace, plan_id: int, as_of: str, staff_goal: float
) -> None:
    for label, path in [
        ("portal HTML", f"/public/plans/{plan_id}?as_of={as_of}"),
        ("portal JSON", f"/public/plans/{plan_id}.json?as_of={as_of}"),
    ]:
        measure(server, f"{label} {path}", path, args, 30)
    cookie = session_cookie(server.url, VIEWER, VIEWER_PASSWORD)
    for label, path in [
        ("staff overview HTML (signed in)", f"/plans/{plan_id}?as_of={as_of}"),
        ("staff overview JSON (signed in)", f"/plans/{plan_id}.json?as_of={as_of}"),
    ]:
        measure(server, f"{label} {path}", path, args, staff_goal, cookie)


def demo(args: argparse.Namespace, tmp: Path) -> None:
    started = time.perf_counter()
    store_url, plan_id = build_demo_store(tmp)
    print(f"demo database (bundled plan + demo figures) built in {time.perf_counter() - started:.1f} s")
    with Server(store_url, tmp / "server.log") as server:
        measure_plan(server, args, plan_id, AS_OF, 50)


def synthetic(args: argparse.Namespace, tmp: Path) -> None:
    started = time.perf_counter()
    store_url = f"sqlite:///{tmp / 'synthetic.db'}"
    seed = read_plan(bundled_plan_path()).parsed
    store = Store(store_url)
    plan_ids, _, rows = build(store, args.synthetic, synthetic_indicators(seed), seed)
    add_user(store, system_actor(), VIEWER, "viewer", VIEWER_PASSWORD)
    store.close()
    print(
        f"synthetic database: {args.synthetic:,} plans, {rows:,} figures, "
        f"built in {time.perf_counter() - started:.1f} s"
    )
    plan_id = plan_ids[len(plan_ids) // 2]
    as_of = SYNTHETIC_AS_OF.isoformat()
    with Server(store_url, tmp / "server.log") as server:
        measure_plan(server, args, plan_id, as_of, 150)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=10.0, help="per measured URL")
    parser.add_argument(
        "--synthetic", type=int, nargs="?", const=300, default=None, metavar="N", help="N small plans"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.synthetic:
            synthetic(args, Path(tmp))
        else:
            demo(args, Path(tmp))


if __name__ == "__main__":
    main()
