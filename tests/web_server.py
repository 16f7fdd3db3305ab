"""A real web server for browser tests and the web bench: uvicorn on 127.0.0.1, a free port, a thread.

    with demo_site(tmp_dir) as site:      # SQLite store with the bundled plan and the demo figures
        urlopen(site.url + f"/plans/{site.plan_id}")

    with running_server(store_url) as base_url:   # any existing store

The listening socket is bound before the thread starts (port 0 → the kernel picks a free one),
so there is no window in which another process can take the port. Anonymous read access is
switched on for the server's lifetime (`PLANWATCH_PUBLIC=1`, with a throwaway
`PLANWATCH_SECRET_KEY`), and the environment restored afterwards.

    with private_site(tmp_dir, prepare) as site:  # signing in required; `prepare(store, plan_id)`
        ...                                      # adds users and assignments before the start
"""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import uvicorn

from planwatch.cli.serve import proxy_options
from planwatch.present.web.app import create_app
from planwatch.services.actor import system_actor
from planwatch.services.figures import DEMO_AS_OF, load_demo
from planwatch.services.plans import bundled_plan_path, ingest_files
from planwatch.store import Store

HOST = "127.0.0.1"
AS_OF = DEMO_AS_OF.isoformat()


@dataclass(frozen=True)
class Site:
    url: str  # http://127.0.0.1:PORT, no trailing slash
    store_url: str
    plan_id: int


def server_env() -> dict[str, str]:
    """Anonymous read access, and a throwaway session key (none is written to the data directory)."""
    return {"PLANWATCH_PUBLIC": "1", "PLANWATCH_SECRET_KEY": secrets.token_hex(32)}


@contextlib.contextmanager
def public_env() -> Iterator[None]:
    """`server_env()` in os.environ while the block runs; the previous values afterwards."""
    added = server_env()
    before = {name: os.environ.get(name) for name in added}
    os.environ.update(added)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def build_demo_store(folder: Path) -> tuple[str, int]:
    """A SQLite store in `folder` with the bundled plan and the demo figures: (url, plan id)."""
    url = f"sqlite:///{folder / 'planwatch.db'}"
    store = Store(url)
    try:
        (outcome,) = ingest_files(store, system_actor(), [str(bundled_plan_path())])
        assert outcome.result is not None, "the bundled plan did not ingest"
        load_demo(store, system_actor(), outcome.result.plan_id)
        return url, outcome.result.plan_id
    finally:
        store.close()


@contextlib.contextmanager
def running_server(store_url: str, timeout: float = 15.0, *, public: bool = True) -> Iterator[str]:
    """Serve `create_app(store_url)` on 127.0.0.1:<free port> in a thread; yield the base URL.

    `public=False`: anonymous visitors are sent to /login (the app is told so, whatever the environment).
    """
    with public_env() if public else contextlib.nullcontext():
        if public:
            app = create_app(store_url)
        else:
            app = create_app(store_url, public=False, secret_key=secrets.token_hex(32))
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((HOST, 0))
        port = sock.getsockname()[1]
        config = uvicorn.Config(
            app,
            log_level="warning",
            access_log=False,
            lifespan="off",
            timeout_keep_alive=30,
            **proxy_options(),  # as `planwatch serve` runs it
        )
        server = uvicorn.Server(config)
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="uvicorn", daemon=True)
        thread.start()
        base_url = f"http://{HOST}:{port}"
        try:
            _wait_until_up(base_url + ("/plans.json" if public else "/login"), server, thread, timeout)
            yield base_url
        finally:
            server.should_exit = True
            thread.join(timeout)
            sock.close()
            app.state.store.close()


def _wait_until_up(probe: str, server: uvicorn.Server, thread: threading.Thread, timeout: float) -> None:
    """Until `probe` (a URL that answers 200 once the app can serve) does."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not thread.is_alive():
            raise RuntimeError("the web server stopped while starting")
        if server.started:
            try:
                with urllib.request.urlopen(probe, timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
        time.sleep(0.05)
    raise RuntimeError(f"the web server did not answer {probe} within {timeout:.0f} s")


@contextlib.contextmanager
def demo_site(folder: Path) -> Iterator[Site]:
    """The bundled plan with its demo figures, served on a free loopback port."""
    store_url, plan_id = build_demo_store(folder)
    with running_server(store_url) as url:
        yield Site(url, store_url, plan_id)


@contextlib.contextmanager
def private_site(folder: Path, prepare: Callable[[Store, int], None]) -> Iterator[Site]:
    """The demo site with signing in required; `prepare(store, plan_id)` runs before the server starts."""
    store_url, plan_id = build_demo_store(folder)
    store = Store(store_url)
    try:
        prepare(store, plan_id)
    finally:
        store.close()
    with running_server(store_url, public=False) as url:
        yield Site(url, store_url, plan_id)
