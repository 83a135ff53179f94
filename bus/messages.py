"""Message base classes and the bus's own result events.

Commands are imperative requests with exactly one handler; events are facts, in the past
tense, with any number of subscribers. Both are frozen dataclasses carrying an envelope:
who asked (actor), and why (correlation and causation ids), so every stored fact can be
traced to the keystroke that caused it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any


def new_id() -> str:
    return str(uuid.uuid4())


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, kw_only=True)
class Message:
    message_id: str = field(default_factory=new_id)
    actor: str = "system"
    # The id of the first command of a conversation; a fresh command starts its own.
    correlation_id: str = ""
    # The id of the message that directly caused this one.
    causation_id: str = ""

    @property
    def correlation(self) -> str:
        return self.correlation_id or self.message_id


@dataclass(frozen=True, kw_only=True)
class Command(Message):
    """A request to change something. Exactly one handler."""

    # The login session that proves `actor` sent it (the application checks it). Not
    # `session_id`: drawer commands already name their drawer session so.
    login_session: str = ""


@dataclass(frozen=True, kw_only=True)
class Event(Message):
    """Something that happened. Any number of subscribers."""

    occurred_at: datetime = field(default_factory=utc_now)


class Rejection(Exception):
    """Raised by a command handler when a rule says no.

    The bus turns it into a CommandRejected event; nothing the handler started is kept.
    `field` names the input the rule is about, so a form can show the reason there.
    `code` is a member of the refusing context's StrEnum, so that every code a desk may
    have to translate is declared (and its text, which is stored, stays put).
    """

    def __init__(self, code: StrEnum, reason: str, field: str | None = None) -> None:
        super().__init__(f"{code}: {reason}")
        self.code = code
        self.reason = reason
        self.field = field


@dataclass(frozen=True, kw_only=True)
class CommandRejected(Event):
    command_type: str
    command_id: str
    reason_code: str
    reason: str
    field: str | None = None


def caused_by(message: Message) -> dict[str, Any]:
    """The envelope of an event caused by `message`."""
    return {
        "actor": message.actor,
        "correlation_id": message.correlation,
        "causation_id": message.message_id,
    }


def rejected(command: Command, rejection: Rejection) -> CommandRejected:
    """The answer to a command a rule refused."""
    return CommandRejected(
        command_type=type(command).__name__,
        command_id=command.message_id,
        reason_code=rejection.code,
        reason=rejection.reason,
        field=rejection.field,
        **caused_by(command),
    )


@dataclass(frozen=True, kw_only=True)
class CommandFailed(Event):
    """A command handler raised something unexpected: a bug, or the database went away."""

    command_type: str
    command_id: str
    error: str


@dataclass(frozen=True, kw_only=True)
class SubscriberFailed(Event):
    """An event subscriber raised; the other subscribers still ran."""

    event_type: str
    event_id: str
    subscriber: str
    error: str
