"""Read models built from what already carries their fields: a row, a command."""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

T = TypeVar("T")


def from_attributes(cls: type[T], source: Any, **given: Any) -> T:
    """The dataclass `cls` with each field that has no default read from the attribute of
    the same name of `source` (a row's column, a command's field), but for the fields in
    `given`, which the caller works out. A field with a default keeps it unless given."""
    read = {name: getattr(source, name) for name in _required(cls) if name not in given}
    return cls(**read, **given)


_REQUIRED: dict[type[Any], tuple[str, ...]] = {}


def _required(cls: type[Any]) -> tuple[str, ...]:
    names = _REQUIRED.get(cls)
    if names is None:
        names = _REQUIRED[cls] = tuple(
            f.name
            for f in dataclasses.fields(cls)
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        )
    return names
