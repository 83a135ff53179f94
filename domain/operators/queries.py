"""What the desk reads about operators, and an operator's role."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    select,
)

from domain.kernel.records import from_attributes
from domain.operators.passwords import _operator_row, normalise_name
from domain.operators.permissions import SYSTEM
from domain.operators.roles import Role
from domain.operators.tables import operators


@dataclass(frozen=True)
class OperatorView:
    name: str
    role: Role
    disabled: bool
    failed_logins: int
    locked_until: datetime | None
    created_at: datetime


def role_of(conn: Connection, operator: str) -> Role | None:
    """The role of an operator who may act now; None if unknown or disabled."""
    if operator == SYSTEM:
        return Role.SYSTEM
    row = _operator_row(conn, operator)
    if row is None or row.disabled:
        return None
    return Role(row.role)


class OperatorQueries:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def all(self) -> list[OperatorView]:
        with self._engine.connect() as conn:
            rows = conn.execute(select(operators).order_by(operators.c.name)).all()
        return [_view(row) for row in rows]

    def operator(self, name: str) -> OperatorView | None:
        with self._engine.connect() as conn:
            row = _operator_row(conn, normalise_name(name))
        return _view(row) if row is not None else None

    def any_exist(self) -> bool:
        with self._engine.connect() as conn:
            return conn.execute(select(operators.c.name).limit(1)).first() is not None


def _view(row: Any) -> OperatorView:
    return from_attributes(
        OperatorView, row, role=Role(row.role), locked_until=row.locked_until or None
    )
