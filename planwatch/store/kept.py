"""Answers kept while the database has not changed: one decorator for every such cache.

A function of the store's contents and its arguments (an evaluation, a 调度 judgement, a task
board, a page's data) may be kept under its arguments and the store's revision, which every write
transaction raises. When a newer revision is seen, the answers of the older ones are dropped at
once: they can never be asked for again, and keeping them until they age out made a busy server's
memory grow with every write (issue 17's load test). Bounded in entries besides.

Kept answers are shared by every request and thread: callers only read them.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import Concatenate, ParamSpec, TypeVar

from planwatch.store.database import Store

P = ParamSpec("P")
R = TypeVar("R")
LIMIT = 64  # answers per function: a few dozen pages of a few plans and dates


def kept_per_revision(
    function: Callable[Concatenate[Store, P], R],
) -> Callable[Concatenate[Store, P], R]:
    """`function(store, *args, **kwargs)`, kept per (database, arguments) at the current revision."""
    kept: OrderedDict[tuple[str, Hashable, int], R] = OrderedDict()
    newest: dict[str, int] = {}  # database URL → the newest revision seen
    lock = Lock()

    @functools.wraps(function)
    def keeping(store: Store, /, *args: P.args, **kwargs: P.kwargs) -> R:
        revision = store.revision()
        key = (store.url, (args, tuple(sorted(kwargs.items()))), revision)
        with lock:
            if revision > newest.get(store.url, -1):
                newest[store.url] = revision
                for stale in [k for k in kept if k[0] == store.url and k[2] < revision]:
                    del kept[stale]
            found = kept.get(key)
            if found is not None:
                kept.move_to_end(key)
                return found
        made = function(store, *args, **kwargs)
        with lock:
            if revision >= newest.get(store.url, -1):  # not a slow answer overtaken by a write
                kept[key] = made
                while len(kept) > LIMIT:
                    kept.popitem(last=False)
        return made

    return keeping
