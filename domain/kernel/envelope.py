"""The message envelope helpers every handler shares."""

from __future__ import annotations

from typing import Any

from bus import Message


def caused_by(message: Message) -> dict[str, Any]:
    """The envelope of an event caused by `message`."""
    return {
        "actor": message.actor,
        "correlation_id": message.correlation,
        "causation_id": message.message_id,
    }
