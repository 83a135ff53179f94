"""Read models built from what already carries their fields: a row, a command."""

from __future__ import annotations

import dataclasses
import typing
from enum import StrEnum
from typing import Any, TypeVar

T = TypeVar("T")


def from_attributes(cls: type[T], source: Any, **given: Any) -> T:
    """The dataclass `cls` with each field that has no default read from the attribute of
    the same name of `source` (a row's column, a command's field), but for the fields in
    `given`, which the caller works out. A field with a default keeps it unless given.

    A field declared as a StrEnum (a payment's kind, its state) gets the member for the
    text the row stores, so no reader converts it by hand."""
    read = {}
    for name, member_of in _required(cls):
        if name not in given:
            value = getattr(source, name)
            read[name] = value if member_of is None or value is None else member_of(value)
    return cls(**read, **given)


# Per class: its fields without a default, each with the StrEnum it is declared as.
_REQUIRED: dict[type[Any], tuple[tuple[str, type[StrEnum] | None], ...]] = {}


def _required(cls: type[Any]) -> tuple[tuple[str, type[StrEnum] | None], ...]:
    fields = _REQUIRED.get(cls)
    if fields is None:
        declared = typing.get_type_hints(cls)
        fields = _REQUIRED[cls] = tuple(
            (f.name, _str_enum(declared.get(f.name)))
            for f in dataclasses.fields(cls)
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        )
    return fields


def _str_enum(declared: object) -> type[StrEnum] | None:
    return declared if isinstance(declared, type) and issubclass(declared, StrEnum) else None
