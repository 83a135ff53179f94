"""One database transaction per command: state changes and their events, together.

Leaving the block normally commits; an exception (a Rejection or a bug) rolls back, so
nothing half-written is ever kept. The recorded events are handed back to the bus,
which publishes them only after the commit.

Group commit: inside `CommitGroup`, units of work share one transaction that commits
once at the end: one fsync for many payments when commands queue up. Handlers decide
before they write, so a rejection leaves nothing to undo. Should a unit of work fail
after writing (a bug, a constraint), the group is marked broken, rolls back whole, and
raises GroupBroken; the caller then runs each command on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import date
from types import TracebackType
from typing import Any, TypeVar, cast

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import DBAPIError

from bus import Rejection
from domain.eventstore.driver import DriverQuery, send_deferred, transaction_failed
from domain.eventstore.events import DomainEvent
from domain.eventstore.projections import apply_event, forget_held, write_held
from domain.eventstore.store import EventAppender
from domain.eventstore.tables import business_dates, chain_head

T = TypeVar("T")


def local_today() -> date:
    return date.today()


_OPEN_BUSINESS_DATE = select(business_dates.c.business_date).where(
    business_dates.c.status == "open"
)


# The chain head and the open business date, in one statement as the writer begins:
# nearly every command appends, and most ask the date.
_HEAD_AND_DATE = DriverQuery(
    select(
        chain_head.c.last_seq,
        chain_head.c.last_hash,
        _OPEN_BUSINESS_DATE.limit(1).scalar_subquery().label("business_date"),
    )
    .where(chain_head.c.id == 1)
    .with_for_update(of=chain_head)
)


def _writer_connection(engine: Engine) -> tuple[Connection, EventAppender, date | None]:
    """A connection in a writing transaction, its appender holding the chain head, and
    the open business date (None before the bank opened its first)."""
    conn = engine.connect()
    try:
        conn.begin()
        if conn.dialect.name == "sqlite":
            # Take the write lock at once, before the handler reads what it decides on:
            # two desks on one file queue up instead of one deciding on a stale read or
            # failing half-way with "database is locked". (The driver opens no
            # transaction itself.)
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        # On a server, one global lock order: the chain head first, before any balance
        # row. Otherwise a handler's `balances FOR UPDATE` followed by the head, against
        # another desk's group that holds the head and then locks balances, is a
        # deadlock. Writers queue here as SQLite's BEGIN IMMEDIATE makes them queue, so
        # every later statement (READ COMMITTED) sees all that earlier writers committed:
        # what a handler reads is what it decides on, with no second look after a wait.
        (head,) = _HEAD_AND_DATE(conn, {})
        return conn, EventAppender(conn, head=(head.last_seq, head.last_hash)), head.business_date
    except BaseException:
        conn.close()
        raise


_TRANSIENT_SQLSTATES = frozenset(
    {
        "40001",  # serialization_failure
        "40P01",  # deadlock_detected
        "55P03",  # lock_not_available (lock_timeout)
        "57P01",  # admin_shutdown: the connection was terminated (restart, terminate_backend)
        "57P03",  # cannot_connect_now: the server is starting up
        "08006",  # connection_failure
    }
)


def is_transient(exc: BaseException) -> bool:
    """A failure that says nothing about the command, only that another writer was in
    the way: running the command again (it is idempotent by its id) is safe."""
    if not isinstance(exc, DBAPIError):
        return False
    if exc.connection_invalidated:
        # The connection was cut (server restart, pg_terminate_backend, network): the
        # pool opens a new one for the next attempt. Had the commit landed after all,
        # the command, idempotent by its id, is answered "already posted" the second time.
        return True
    orig = exc.orig
    if getattr(orig, "sqlstate", None) in _TRANSIENT_SQLSTATES:
        return True
    # SQLite: the busy timeout ran out while another desk held the write lock.
    return "database is locked" in str(orig) or "database table is locked" in str(orig)


@contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """A read-only connection whose statements all see the same committed state."""
    with engine.connect() as conn:
        if conn.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN")
        yield conn


class _Unknown:
    """A business date not read yet (or forgotten): None means there is none open."""


UNKNOWN = _Unknown()


def _end(conn: Connection, appender: EventAppender, *, keep: bool) -> None:
    """End a writing transaction (a unit of work's, or a commit group's): commit all it
    wrote, with its held projection writes and its events, or roll all of it back."""
    try:
        if keep:
            try:
                write_held(conn)
                appender.flush()
                # Sent before the commit, not from within it: a write the database refuses
                # then rolls the transaction back like any other failed statement.
                send_deferred(conn)
                if transaction_failed(conn):
                    # A write failed and the error was answered as one command's failure
                    # (the bus turns it into CommandFailed): what the others were told is
                    # done would not be stored. Nothing is kept; a group's caller runs
                    # each command again on its own.
                    raise GroupBroken("a statement failed in the transaction; nothing was kept")
            except BaseException:
                forget_held(conn)
                conn.rollback()
                raise
            conn.commit()
        else:
            forget_held(conn)
            conn.rollback()
    finally:
        conn.close()


class GroupBroken(RuntimeError):
    """A unit of work failed after writing; the whole group was rolled back."""


class CommitGroup:
    """Run several units of work in one transaction that commits once."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._conn: Connection | None = None
        self.appender: EventAppender | None = None
        self.broken = False
        # The open business date, read once per group as it begins: only a business-date
        # event recorded in the group can change it (UnitOfWork.record forgets it then).
        self.business_date: date | _Unknown | None = UNKNOWN
        # Rows read once per group (see `group_memo`): key -> (aggregate types whose
        # events make the row stale, the row).
        self.memo: dict[str, tuple[frozenset[str], Any]] = {}

    @property
    def conn(self) -> Connection:
        assert self._conn is not None
        return self._conn

    def __enter__(self) -> CommitGroup:
        self._conn, self.appender, self.business_date = _writer_connection(self.engine)
        self._token = _active_group.set(self)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        _active_group.reset(self._token)
        assert self.appender is not None
        try:
            _end(self.conn, self.appender, keep=exc_type is None and not self.broken)
        finally:
            self._conn = None
        if exc_type is None and self.broken:
            raise GroupBroken("a command failed after writing; nothing of the group was kept")


_active_group: ContextVar[CommitGroup | None] = ContextVar("commit_group", default=None)


def group_connection(engine: Engine) -> Connection | None:
    """The connection of the commit group running on `engine` in this context, if any:
    a check before a command's handler reads through it instead of taking a connection
    of its own for every command of the group."""
    group = _active_group.get()
    if group is None or group.engine is not engine or group._conn is None:
        return None
    return group._conn


def group_memo(engine: Engine, key: str, stale_on: frozenset[str], read: Callable[[], T]) -> T:
    """`read()`, once per commit group on `engine` for each `key`, and on every call outside
    a group. A group holds the writers' lock from its start, so no other desk can change
    what was read before the group commits; only an event the group itself records can,
    and recording one whose aggregate type is in `stale_on` forgets the row. For the reads
    every command of a group repeats on the same rows (the door's session check)."""
    group = _active_group.get()
    if group is None or group.engine is not engine or group._conn is None:
        return read()
    found = group.memo.get(key)
    if found is None:
        found = group.memo[key] = (stale_on, read())
    return cast(T, found[1])


class UnitOfWork:
    def __init__(self, engine: Engine, today: Callable[[], date] = local_today) -> None:
        self._engine = engine
        self._today = today
        self.recorded: list[DomainEvent] = []
        self._conn: Connection | None = None
        self._appender: EventAppender | None = None
        self._group: CommitGroup | None = None
        self._wrote = False
        self._business_date: date | _Unknown | None = UNKNOWN

    @property
    def conn(self) -> Connection:
        assert self._conn is not None, "use the unit of work in a with block"
        return self._conn

    def business_date(self) -> date:
        """The bank's open business date (domain.business_day.handlers); before the bank has
        opened its first date, the calendar's."""
        known = self._group.business_date if self._group is not None else self._business_date
        if isinstance(known, _Unknown):
            known = self.conn.execute(_OPEN_BUSINESS_DATE).scalar()
            if self._group is not None:
                self._group.business_date = known
            else:
                self._business_date = known
        return self._today() if known is None else known

    def calendar_today(self) -> date:
        return self._today()

    def __enter__(self) -> UnitOfWork:
        self.recorded = []
        self._wrote = False
        group = _active_group.get()
        if group is not None and group.engine is self._engine:
            self._group = group
            self._conn = group.conn
            self._appender = group.appender
        else:
            self._conn, self._appender, self._business_date = _writer_connection(self._engine)
        return self

    def record(self, event: DomainEvent) -> int:
        """Store the event and apply it to the state tables. Returns its seq."""
        assert self._appender is not None
        # Set before writing: a write that fails half-way (event stored, projection
        # refused) has still written, and `recorded` does not list it.
        self._wrote = True
        seq = self._appender.append(event)
        apply_event(self.conn, event, seq)
        if event.aggregate_type == "business_date":
            self._business_date = UNKNOWN
            if self._group is not None:
                self._group.business_date = UNKNOWN
        if self._group is not None and self._group.memo:
            memo = self._group.memo
            for key in [k for k, (stale_on, _) in memo.items() if event.aggregate_type in stale_on]:
                del memo[key]
        self.recorded.append(event)
        return seq

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        conn = self.conn
        appender = self._appender
        assert appender is not None
        if self._group is not None:
            # A Rejection comes before any write and leaves the shared transaction as it
            # was. Anything else may have left half a change, and on PostgreSQL a failed
            # statement aborts the whole transaction: the group must not commit.
            if exc_type is not None and (self._wrote or not issubclass(exc_type, Rejection)):
                self._group.broken = True
            group, self._conn, self._group = self._group, None, None
            if exc_type is None:
                try:
                    # The next command of the group reads what this one wrote.
                    write_held(conn)
                    # Its waiting writes (PostgreSQL) go out with the next command's first
                    # read, or before the group commits: one round trip less per command.
                    # A write the database refuses then fails that next step, which breaks
                    # the group like any failure after writing: nothing of it is kept and
                    # each command runs again on its own, where the refusal is its own.
                except BaseException:
                    group.broken = True
                    raise
            else:
                self.recorded = []
            return
        if exc_type is not None:
            self.recorded = []
        try:
            _end(conn, appender, keep=exc_type is None)
        finally:
            self._conn = None
