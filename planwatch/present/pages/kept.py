"""Page data kept while the database has not changed.

A page's data is a function of the store's contents and the page's arguments (plan, date, filters),
never of who asks: the parts that name the visitor (their name, forms, CSRF token) are added when
the template is rendered. So a page function whose result depends on nothing else may be kept under
its arguments and the store's revision, which every write transaction raises. Kept data is shared
by every request: the templates and the JSON writer only read it.

Bounded in entries (a few dozen pages of a few plans and dates); a page with per-request arguments
an attacker can vary (a search word) is not kept.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable, Hashable
from threading import Lock
from typing import Any, Concatenate, ParamSpec

from planwatch.store import Store

P = ParamSpec("P")
_KEPT = 64


def kept_while_unchanged(
    page: Callable[Concatenate[Store, P], dict[str, Any]],
) -> Callable[Concatenate[Store, P], dict[str, Any]]:
    """`page(store, *args, **kwargs)`, kept per (page, database, arguments, revision)."""
    kept: OrderedDict[Hashable, dict[str, Any]] = OrderedDict()
    lock = Lock()

    @functools.wraps(page)
    def keeping(store: Store, /, *args: P.args, **kwargs: P.kwargs) -> dict[str, Any]:
        key = (store.url, args, tuple(sorted(kwargs.items())), store.revision())
        with lock:
            found = kept.get(key)
            if found is not None:
                kept.move_to_end(key)
                return found
        found = page(store, *args, **kwargs)
        with lock:
            kept[key] = found
            while len(kept) > _KEPT:
                kept.popitem(last=False)
        return found

    return keeping
