"""会话: the web sessions that would still sign someone in (administrators only)."""

from __future__ import annotations

from typing import Any

from planwatch.services.actor import Actor
from planwatch.services.sessions import live_sessions
from planwatch.store import Store


def sessions_data(store: Store, actor: Actor) -> dict[str, Any]:
    return {
        "sessions": [
            {
                "id": s.id,
                "user": s.user_name,
                "created_at": s.created_at.isoformat(timespec="seconds"),
                "last_seen": s.last_seen.isoformat(timespec="seconds"),
                "expires_at": s.expires_at.isoformat(timespec="seconds"),
                "address": s.address,
                "agent": s.agent,
            }
            for s in live_sessions(store, actor)
        ]
    }
