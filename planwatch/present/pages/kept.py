"""Page data kept while the database has not changed.

A page's data is a function of the store's contents and the page's arguments (plan, date, filters),
never of who asks: the parts that name the visitor (their name, forms, CSRF token) are added when
the template is rendered. So such a page function is kept like any other answer of the store
(`planwatch.store.kept`). A page with per-request arguments an attacker can vary (a search word)
is not kept.
"""

from __future__ import annotations

from planwatch.store.kept import kept_per_revision as kept_while_unchanged

__all__ = ["kept_while_unchanged"]
