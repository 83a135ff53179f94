"""`python main.py bench`: every speed figure the desk promises, each beside its raw limit
measured in the same run, in one table (issue #14's rows).

Three groups, each from its own module, one row format:
- posting: payments one per commit and in groups, Poisson offered load (app.bench);
- glass: Enter -> the journal row painted, start-up to the login window (app.bench_gui;
  offscreen when there is no display);
- proofs: verify, replay --check, CSV export, history's first paint, lookup per keystroke,
  end of day (app.bench_proofs).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from app.cli_language import QCoreApplication

GROUPS = ("posting", "glass", "proofs")


@dataclass(frozen=True)
class Sizes:
    payments: int = 2000  # posting: payments each way
    gui_payments: int = 200  # glass: payments keyed at the real form
    events: int = 30_000  # proofs: payments in the event log verify and replay read
    export_payments: int = 200_000
    accounts: int = 100_000
    eod_payments: int = 100_000


def measure(
    groups: Sequence[str],
    sizes: Sizes,
    url: str | None = None,
    on_row: Callable[[dict[str, Any]], None] | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> list[dict[str, Any]]:
    """The rows of the groups asked for, in the table's order; `on_row` sees each as soon
    as its group is measured (so a long run prints as it goes)."""
    found: list[dict[str, Any]] = []
    done = 0

    def add(rows: list[dict[str, Any]]) -> None:
        nonlocal done
        for row in rows:
            found.append(row)
            if on_row is not None:
                on_row(row)
        done += 1
        if on_progress is not None:
            on_progress(done, len(groups))

    for group in GROUPS:
        if group not in groups:
            continue
        if group == "posting":
            from app.bench import rows as posting_rows

            add(posting_rows(sizes.payments, url))
        elif group == "glass":
            if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
                os.environ["QT_QPA_PLATFORM"] = os.environ.get("QT_QPA_PLATFORM") or "offscreen"
                _quiet_offscreen_warnings()
            from app.bench_gui import rows as glass_rows

            add(glass_rows(sizes.gui_payments))
        else:
            from app.bench_proofs import rows as proof_rows

            add(proof_rows(sizes.events, sizes.export_payments, sizes.accounts, sizes.eod_payments))
    return found


def _quiet_offscreen_warnings() -> None:
    """The offscreen platform says, for every window, that it cannot raise or grab it;
    the table is what the reader came for."""
    from PySide6.QtCore import qInstallMessageHandler

    def handler(_kind: Any, _context: Any, message: str) -> None:
        if not message.startswith("This plugin does not support"):
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def as_json(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False)


def as_line(row: dict[str, Any]) -> str:
    """One row for a person: the figure, its limit, the ratio and the goal."""
    met = {
        True: QCoreApplication.translate("Cli", "met"),
        False: QCoreApplication.translate("Cli", "NOT met"),
        None: "",
    }[row.get("met")]
    limit = (
        ""
        if row.get("limit") is None
        else QCoreApplication.translate("Cli", "limit {limit} {unit}").format(
            limit=f"{row['limit']:>10}", unit=row["unit"]
        )
    )
    ratio = (
        ""
        if row.get("ratio") is None
        else QCoreApplication.translate("Cli", "ratio {ratio}").format(ratio=f"{row['ratio']:>7}")
    )
    goal = QCoreApplication.translate("Cli", "goal {goal}").format(
        goal=f"{row.get('goal') or '-':<14}"
    )
    return (
        f"{row['row']:<24} {row['figure']:>10} {row['unit']:<5} {limit:<22} {ratio:<14} "
        f"{goal} {met}"
    ).rstrip()
