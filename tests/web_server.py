"""A real web server for browser tests and the web bench: uvicorn on 127.0.0.1, a free port, a thread.

    with demo_site(tmp_dir) as site:      # SQLite store with the bundled plan and the demo figures
        cookie = session_cookie(site.url, VIEWER, VIEWER_PASSWORD)   # the staff app needs a sign-in
        urlopen(site.url + f"/public/plans/{site.plan_id}")         # the portal does not

    with running_server(store_url) as base_url:   # any existing store

The listening socket is bound before the thread starts (port 0 → the kernel picks a free one),
so there is no window in which another process can take the port. The session key is a throwaway
one (`PLANWATCH_SECRET_KEY`), the environment restored afterwards. The demo store has a viewer
account (`VIEWER`) for colleagues' read-only sign-in.

    with private_site(tmp_dir, prepare) as site:  # `prepare(store, plan_id)` adds users and
        ...                                      # assignments before the start
"""

from __future__ import annotations

import contextlib
import http.cookies
import os
import re
import secrets
import socket
import threading
import time
import urllib.error
import urllib.parse
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
from planwatch.services.users import add_user
from planwatch.store import Store

HOST = "127.0.0.1"
AS_OF = DEMO_AS_OF.isoformat()
VIEWER, VIEWER_PASSWORD = "同事", "viewer-password-7"  # a colleague's read-only account on the demo store
COOKIE = "planwatch_session"


@dataclass(frozen=True)
class Site:
    url: str  # http://127.0.0.1:PORT, no trailing slash
    store_url: str
    plan_id: int


def server_env() -> dict[str, str]:
    """A throwaway session key (none is written to the data directory)."""
    return {"PLANWATCH_SECRET_KEY": secrets.token_hex(32)}


@contextlib.contextmanager
def server_environment() -> Iterator[None]:
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
        add_user(store, system_actor(), VIEWER, "viewer", VIEWER_PASSWORD)
        return url, outcome.result.plan_id
    finally:
        store.close()


@contextlib.contextmanager
def running_server(store_url: str, timeout: float = 15.0) -> Iterator[str]:
    """Serve `create_app(store_url)` on 127.0.0.1:<free port> in a thread; yield the base URL."""
    with server_environment():
        app = create_app(store_url)
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
            _wait_until_up(base_url + "/login", server, thread, timeout)
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
    with running_server(store_url) as url:
        yield Site(url, store_url, plan_id)


def session_cookie(base_url: str, name: str, password: str) -> str:
    """Sign in through the login form over HTTP; the session cookie's value (for a browser or a bench)."""
    opener = urllib.request.build_opener(_NoRedirect())
    with opener.open(base_url + "/login", timeout=10) as page:
        first = _cookie(page.headers.get_all("set-cookie") or [])
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.read().decode("utf-8"))
    assert token, "no CSRF token on /login"
    form = urllib.parse.urlencode({"name": name, "password": password, "csrf_token": token.group(1)}).encode()
    request = urllib.request.Request(base_url + "/login", data=form, headers={"Cookie": f"{COOKIE}={first}"})
    try:
        opener.open(request, timeout=10)
    except urllib.error.HTTPError as answer:  # the 303 after a successful sign-in
        assert answer.code == 303, f"signing in as {name} answered {answer.code}"
        return _cookie(answer.headers.get_all("set-cookie") or [])
    raise AssertionError(f"signing in as {name} did not redirect")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _cookie(headers: list[str]) -> str:
    for header in headers:
        jar = http.cookies.SimpleCookie(header)
        if COOKIE in jar:
            return jar[COOKIE].value
    raise AssertionError("no session cookie was set")
