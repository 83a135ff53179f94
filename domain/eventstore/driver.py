"""Writes on the posting path, run at the driver level.

Every payment runs the same handful of writes. Through Core, each execution looks its
statement up in the compile cache and builds its parameters bind by bind, which costs
more than SQLite takes to run it. A DriverStatement compiles its Core statement once per
dialect and hands the SQL string and processed values straight to `exec_driver_sql`.
The values go through the columns' own bind processors, so what is stored is what Core
would store. A DriverQuery does the same for a read, and runs its rows through the
columns' result processors.

On a server each statement is a round trip, and a writer holds the chain head through
all of its round trips (domain.eventstore.unit_of_work): the other desks wait that long.
So a DriverStatement whose result nobody reads is not sent at once on PostgreSQL: it
waits beside the connection and goes out with the others in one pipeline (one round
trip) just before the connection's next statement of any kind, or its commit. Nothing
in the transaction can read around it, and the order of the writes is kept.
"""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Callable, Mapping, Sequence
from operator import itemgetter
from typing import Any, cast
from weakref import WeakKeyDictionary

from sqlalchemy import Connection, Engine, Select, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseElement

Processor = Callable[[Any], Any] | None


class _Compiled:
    def __init__(self, stmt: ClauseElement, conn: Connection, keys: Sequence[str]) -> None:
        dialect = conn.dialect
        compiled = cast(SQLCompiler, stmt.compile(dialect=dialect, column_keys=list(keys)))
        self.sql = str(compiled)
        # The order of the placeholders (qmark, SQLite) or None for named ones (psycopg).
        positional = compiled.positiontup
        self.names: list[str] = list(positional) if positional is not None else []
        self.positional = positional is not None
        # What only Core's execute does: defaults computed in Python, RETURNING, IN lists
        # expanded per call, a required value missing from the parameters.
        self.needs_core = bool(
            compiled.insert_prefetch
            or compiled.update_prefetch
            or compiled.escaped_bind_names
            or compiled.literal_execute_params
            or compiled.post_compile_params
            or getattr(compiled, "effective_returning", None)
        )
        # name -> (key in the parameters, or None for a literal of the statement, its
        # value, the type's bind processor)
        self.binds: dict[str, tuple[str | None, Any, Processor]] = {}
        for name, bind in compiled.binds.items():
            process = bind.type.dialect_impl(dialect).bind_processor(dialect)
            if bind.key in keys:
                self.binds[name] = (bind.key, None, process)
            elif name in keys:
                self.binds[name] = (name, None, process)
            else:
                self.needs_core = self.needs_core or bind.required
                value = bind.effective_value
                self.binds[name] = (None, value if process is None else process(value), None)
        if not self.positional:
            self.names = list(self.binds)
        self.plan = [self.binds[name] for name in self.names]
        # Most statements take every value from the parameters: pick them all at once,
        # then process only the columns whose type asks for it.
        picked = [key for key, _, _ in self.plan]
        self._pick: Callable[[Mapping[str, Any]], Any] | None = None
        if picked and all(key is not None for key in picked):
            many = itemgetter(*picked)
            self._pick = many if len(picked) > 1 else (lambda params: (many(params),))
        self._processed: list[tuple[int, Callable[[Any], Any]]] = [
            (i, process) for i, (_, _, process) in enumerate(self.plan) if process is not None
        ]

    def values(self, params: Mapping[str, Any]) -> Any:
        if self._pick is None:
            out = self._one_by_one(params)
        else:
            out = list(self._pick(params))
            for i, process in self._processed:
                if out[i] is not None:
                    out[i] = process(out[i])
        return tuple(out) if self.positional else dict(zip(self.names, out, strict=True))

    def _one_by_one(self, params: Mapping[str, Any]) -> list[Any]:
        out = []
        for key, value, process in self.plan:
            if key is not None:
                value = params[key]
                if process is not None and value is not None:
                    value = process(value)
            out.append(value)
        return out


class DriverStatement:
    """A Core write statement, compiled once per dialect and set of keys."""

    def __init__(self, stmt: ClauseElement) -> None:
        self.stmt = stmt
        self._compiled: dict[tuple[str, tuple[str, ...]], _Compiled] = {}

    def _for(self, conn: Connection, params: Mapping[str, Any]) -> _Compiled:
        keys = tuple(params)
        key = (conn.dialect.name, keys)
        compiled = self._compiled.get(key)
        if compiled is None:
            compiled = self._compiled[key] = _Compiled(self.stmt, conn, keys)
        return compiled

    def runs_alone(self, conn: Connection, params: Mapping[str, Any]) -> bool:
        """Whether the driver can run it with `params` as they stand (see _Compiled)."""
        return not self._for(conn, params).needs_core

    def __call__(
        self, conn: Connection, params: Mapping[str, Any] | Sequence[Mapping[str, Any]]
    ) -> None:
        """Write; on PostgreSQL the statement goes out with the connection's next one."""
        if isinstance(params, Mapping):
            compiled = self._for(conn, params)
            values: Any = compiled.values(params)
        else:
            compiled = self._for(conn, params[0])
            values = [compiled.values(p) for p in params]
        if isinstance(conn, Connection) and conn.dialect.name == "postgresql":
            _DEFERRED.setdefault(conn, []).append((compiled.sql, values))
        else:
            conn.exec_driver_sql(compiled.sql, values)


# Writes waiting to be sent, per connection (a Connection lives for one checkout).
_DEFERRED: WeakKeyDictionary[Connection, list[tuple[str, Any]]] = WeakKeyDictionary()


def send_deferred(conn: Connection) -> None:
    """Send the connection's waiting writes, in order, in one round trip."""
    waiting = _DEFERRED.pop(conn, None)
    if waiting:
        _pipeline(conn, waiting, None)


def _pipeline(
    conn: Connection, waiting: list[tuple[str, Any]], read: tuple[str, Any] | None
) -> list[Any]:
    """Send `waiting` writes and then `read`, in one round trip; the rows read."""
    raw: Any = conn.connection.driver_connection
    rows: list[Any] = []
    try:
        with raw.pipeline(), raw.cursor() as cursor:
            for sql, values in waiting:
                if isinstance(values, list):
                    cursor.executemany(sql, values)
                else:
                    cursor.execute(sql, values)
            if read is not None:
                cursor.execute(*read)
                rows = cursor.fetchall()
    except raw.Error as exc:
        # As SQLAlchemy would have raised it: the callers tell a lock timeout, a deadlock
        # or a lost connection (worth a retry) by the DBAPIError's code.
        dialect = conn.dialect
        raise DBAPIError.instance(
            waiting[0][0],
            None,
            exc,
            dialect.loaded_dbapi.Error,
            connection_invalidated=dialect.is_disconnect(exc, raw, None),
            dialect=dialect,
        ) from exc
    return rows


def transaction_failed(conn: Connection) -> bool:
    """Whether the server already aborted the connection's transaction: a statement of it
    failed, even if someone caught the error. Its COMMIT would silently roll back."""
    if conn.dialect.name != "postgresql":
        return False
    raw: Any = conn.connection.driver_connection
    return bool(raw.info.transaction_status.name == "INERROR")


def _before_statement(conn: Connection, *_args: Any) -> None:
    if conn in _DEFERRED:
        send_deferred(conn)


def _forget_deferred(conn: Connection, *_args: Any) -> None:
    _DEFERRED.pop(conn, None)


# For every engine: a statement, a commit or a savepoint first sends what waits (so a
# rollback to the savepoint takes back only what came after it); a rollback drops it.
event.listen(Engine, "before_cursor_execute", _before_statement)
for _sends in ("commit", "savepoint"):
    event.listen(Engine, _sends, _before_statement)
for _drops in ("rollback", "rollback_savepoint"):
    event.listen(Engine, _drops, _forget_deferred)


class DriverQuery:
    """A Core SELECT compiled once per dialect, run with `exec_driver_sql`, for the reads
    every command makes (the chain head, the door's session check, what a submission
    decides on). Each value goes through its column's result processor, so a row reads
    as Core would hand it back (dates as dates on SQLite); rows are named tuples."""

    def __init__(self, stmt: Select[Any]) -> None:
        self.stmt = stmt
        self._compiled: dict[tuple[str, tuple[str, ...]], _Query] = {}

    def __call__(self, conn: Connection, params: Mapping[str, Any]) -> list[Any]:
        key = (conn.dialect.name, tuple(params))
        query = self._compiled.get(key)
        if query is None:
            query = self._compiled[key] = _Query(self.stmt, conn, key[1])
        rows: Sequence[Any]
        waiting = _DEFERRED.pop(conn, None)
        if waiting:
            # The writes waiting on a server go out with this read, in the same round trip.
            rows = _pipeline(conn, waiting, (query.sql, query.values(params)))
        else:
            rows = conn.exec_driver_sql(query.sql, query.values(params)).fetchall()
        return [query.row(row) for row in rows]


class _Query(_Compiled):
    def __init__(self, stmt: Select[Any], conn: Connection, keys: Sequence[str]) -> None:
        super().__init__(stmt, conn, keys)
        dialect = conn.dialect
        compiled = stmt.compile(dialect=dialect)
        columns = compiled._result_columns
        self.processors = [
            column.type.dialect_impl(dialect).result_processor(dialect, None) for column in columns
        ]
        self.plain = all(process is None for process in self.processors)
        self.type: Any = namedtuple("Row", [column.keyname for column in columns])  # type: ignore[misc]

    def row(self, raw: Sequence[Any]) -> Any:
        if self.plain:
            return self.type._make(raw)
        return self.type._make(
            value if process is None or value is None else process(value)
            for process, value in zip(self.processors, raw, strict=True)
        )
