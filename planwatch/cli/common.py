"""What every command shares: consoles, the one-line error wrapper, tables, the store, the actor."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from planwatch import config
from planwatch.errors import PlanwatchError
from planwatch.model import ParsedPlan, ValueRef
from planwatch.services.actor import Actor, system_actor
from planwatch.services.users import find_actor
from planwatch.services.versions import Located
from planwatch.services.versions import locate as locate_plan
from planwatch.store import Store

P = ParamSpec("P")
R = TypeVar("R")

FileArgument = Annotated[
    Path | None,
    typer.Argument(
        metavar="规划文件",
        help="规划文件（.txt/.docx/.pdf/.html）；省略时使用内置的新建区规划纲要",
        show_default=False,
    ),
]
PlanArgument = Annotated[
    str, typer.Argument(metavar="规划", help="规划编号，或规划名称的一部分（取最新版本）")
]


class _Acting:
    """The `--as USER` of this invocation (set by the app's callback before a command runs)."""

    name: str | None = None


acting = _Acting()


def out() -> Console:
    # Made per use so the terminal width (or COLUMNS) is read when printing, not at import.
    # Piped into a file, a table is not squeezed into 80 columns.
    piped = not sys.stdout.isatty() and "COLUMNS" not in os.environ
    return Console(highlight=False, soft_wrap=True, width=160 if piped else None)


def err() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def user_errors(command: Callable[P, R]) -> Callable[P, R]:
    """Our errors become one line on stderr and exit code 2: a user's mistake is never a traceback."""

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except PlanwatchError as error:
            err().print(f"错误：{error.one_line()}", markup=False)
            for detail in error.details():
                err().print(f"  {detail}", markup=False)
            raise typer.Exit(error.exit_code) from None

    return wrapper


def open_store() -> Store:
    return Store(config.database_url())


def actor(store: Store) -> Actor:
    """Who this command acts as: the user named with `--as`, else the system (the server's operator)."""
    return find_actor(store, acting.name) if acting.name else system_actor()


VersionOption = Annotated[
    int | None, typer.Option("--version", "-v", help="第几版（默认：现行版本）", show_default=False)
]


def locate(store: Store, reference: str, version: int | None = None, on: date | None = None) -> Located:
    """The plan (and version) a command acts on, named on stderr: a command never acts on a plan
    the user did not see named."""
    found = locate_plan(store, reference, version, on)
    err().print(found.label(), markup=False)
    return found


def load(reference: str, version: int | None = None) -> ParsedPlan:
    store = open_store()
    return store.load(locate(store, reference, version).version_id)


def table(*headers: str, wrap: set[str]) -> Table:
    """Long Chinese cells (`wrap`) fold instead of being cut off; short ones never break."""
    shown = Table()
    for header in headers:
        if header in wrap:
            shown.add_column(header, overflow="fold", min_width=8)
        else:
            shown.add_column(header, no_wrap=True)
    return shown


def value_text(ref: ValueRef | None) -> str:
    """`382（2020年）`; an empty cell shows as `（空）` so it is not mistaken for a missing column."""
    if ref is None:
        return ""
    year = f"（{ref.year}年）" if ref.year else ""
    return f"{ref.raw.strip() or '（空）'}{year}"


def emit(text: str, output: Path | None) -> None:
    """`text` to stdout, or into `output` with a line saying so."""
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")
        err().print(f"已写出：{output}", markup=False)


def describe_url(url: str) -> str:
    return url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url.split("@")[-1]
