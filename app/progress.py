"""How long command-line work shows how it is going: a tqdm bar on stderr, with its rate
and the time left, only when stderr is a terminal and the output is not for a program
(`--json`). The domain reports through a plain `on_progress(done, total)` callback and
never draws anything itself."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

Progress = Callable[[int, int], None]


def wanted(quiet: bool = False) -> bool:
    return not quiet and sys.stderr.isatty()


@contextmanager
def progress(
    what: str, total: int | None = None, *, unit: str = "it", quiet: bool = False
) -> Iterator[Progress]:
    """A callback `(done, total)` that moves a bar; a no-op when nobody would see it."""
    if not wanted(quiet):
        yield _nothing
        return
    from tqdm import tqdm

    try:
        size = os.get_terminal_size(sys.stderr.fileno())
        sized = size.columns > 0 and size.lines > 0
    except OSError:
        sized = False
    bar: Any = tqdm(
        total=total,
        desc=what,
        unit=unit,
        unit_scale=True,
        # A terminal that reports no size (a fresh pseudo-terminal) gets 80x24; tqdm
        # would hide the bar on one with no rows.
        dynamic_ncols=sized,
        ncols=None if sized else 80,
        nrows=None if sized else 24,
        file=sys.stderr,
        # Many small updates (one per payment in the demo) cost nothing between redraws.
        mininterval=0.2,
        leave=True,
    )

    def tick(done: int, new_total: int) -> None:
        if new_total and new_total != bar.total:
            bar.total = new_total
        if done > bar.n:
            bar.update(done - bar.n)

    try:
        yield tick
    finally:
        bar.close()


def _nothing(_done: int, _total: int) -> None:
    return None
