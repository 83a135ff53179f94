"""A generic, typed publish/subscribe bus over pyee. It knows nothing of banking."""

from bus.message_bus import MessageBus
from bus.messages import (
    Command,
    CommandFailed,
    CommandRejected,
    Event,
    Message,
    Rejection,
    SubscriberFailed,
    new_id,
)
from bus.worker import BusWorker

__all__ = [
    "BusWorker",
    "Command",
    "CommandFailed",
    "CommandRejected",
    "Event",
    "Message",
    "MessageBus",
    "Rejection",
    "SubscriberFailed",
    "new_id",
]
