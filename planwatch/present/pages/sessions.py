"""会话: the web sessions that would still sign someone in (administrators only)."""

from __future__ import annotations

from typing import Any

from planwatch.present.times import local_iso
from planwatch.services.actor import Actor
from planwatch.services.sessions import live_sessions
from planwatch.store import Store


def sessions_data(store: Store, actor: Actor) -> dict[str, Any]:
    return {
        "sessions": [
            {
                "id": s.id,
                "user": s.user_name,
                "created_at": local_iso(s.created_at),
                "last_seen": local_iso(s.last_seen),
                "expires_at": local_iso(s.expires_at),
                "address": s.address,
                "agent": s.agent,
            }
            for s in live_sessions(store, actor)
        ]
    }
