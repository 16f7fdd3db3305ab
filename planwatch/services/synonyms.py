"""The synonym table the bulletin reader uses: listed by anyone signed in, extended by planners and
administrators (and the statistics bureau's reviewers, who know the names), each change audited."""

from __future__ import annotations

from planwatch.services.actor import Actor
from planwatch.services.permissions import PLANNERS, REVIEW, PermissionDenied, holds
from planwatch.store import Store, audit
from planwatch.store import synonyms as synonym_store
from planwatch.store.synonyms import DIFFERENT, RELATIONS, SAME, Synonym, SynonymError

MAX_NAME = 100
RELATION_LABELS = {SAME: "同义", DIFFERENT: "口径不同"}


def _require_editor(actor: Actor) -> None:
    if actor.role not in PLANNERS and not holds(actor, REVIEW):
        raise PermissionDenied(f"用户“{actor.name}”（{actor.role_label}）没有维护同义词表的权限")


def list_synonyms(store: Store) -> list[Synonym]:
    with store.reading() as connection:
        return synonym_store.all_synonyms(connection)


def add_synonym(
    store: Store, actor: Actor, name: str, synonym: str, relation: str = SAME, note: str = ""
) -> Synonym:
    """Add a pair: `synonym` (as a bulletin writes it) is `name` (as the plan writes it), or, with
    relation "different", a like-sounding other measure never to be matched."""
    _require_editor(actor)
    name, synonym, note = name.strip(), synonym.strip(), note.strip()
    if not name or not synonym or len(name) > MAX_NAME or len(synonym) > MAX_NAME:
        raise SynonymError(f"指标名称和同义词都不能为空，且不超过{MAX_NAME}个字符")
    if name == synonym:
        raise SynonymError("同义词与指标名称相同，无需添加")
    if relation not in RELATIONS:
        raise SynonymError(f"关系“{relation}”无法识别，应为 same（同义）或 different（口径不同）")
    with store.transaction() as connection:
        added = synonym_store.add(connection, name, synonym, relation, note, actor.name)
        new = {"name": name, "synonym": synonym, "relation": relation, "note": note}
        audit.record(connection, actor.name, "synonym.add", None, f"{name}—{synonym}", None, new)
    return added


def remove_synonym(store: Store, actor: Actor, synonym_id: int) -> Synonym:
    _require_editor(actor)
    with store.transaction() as connection:
        removed = synonym_store.remove(connection, synonym_id)
        if removed is None:
            raise SynonymError(f"没有编号为 {synonym_id} 的同义词")
        old = {"name": removed.name, "synonym": removed.synonym, "relation": removed.relation}
        audit.record(
            connection, actor.name, "synonym.remove", None, f"{removed.name}—{removed.synonym}", old, None
        )
    return removed
