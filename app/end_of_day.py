"""`python main.py eod` and `python main.py expire-reservations`."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

from app.bootstrap import bootstrap
from app.checkpoints import NoSigningKey, write_checkpoint
from app.cli_language import QCoreApplication, refused
from app.progress import progress
from app.signing import SignedIn, supervisor_password
from bus import CommandFailed, CommandRejected, Event
from domain.business_day.commands import CloseBusinessDate
from domain.business_day.events import BusinessDateClosed
from domain.kernel.money import format_minor
from domain.payments.commands import ExpireReservations
from domain.payments.events import PaymentSettled, PaymentVoided
from domain.payments.queries import LifecycleQueries

REPORT_COLUMNS = ("business_date", "bank_code", "currency", "payments", "amount_minor", "amount")


def write_settlement_report(closed: BusinessDateClosed, folder: Path) -> Path:
    """The settlement batch as CSV: what the bank owes each other bank, net."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"settlement-{closed.business_date}.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(REPORT_COLUMNS)
        for p in closed.positions:
            writer.writerow(
                (
                    closed.business_date,
                    p["bank_code"],
                    p["currency"],
                    p["payments"],
                    p["amount"],
                    format_minor(p["amount"], p["currency"], grouping=False),
                )
            )
    return path


def close_day(results: list[Event], folder: Path) -> list[str]:
    """What an end-of-day run tells the supervisor; writes the report when it closed."""
    lines: list[str] = []
    for event in results:
        if isinstance(event, CommandRejected):
            return [f"NOT CLOSED: {event.reason}"]
    voided = sum(isinstance(e, PaymentVoided) for e in results)
    settled = sum(isinstance(e, PaymentSettled) for e in results)
    for event in results:
        if isinstance(event, BusinessDateClosed):
            report = write_settlement_report(event, folder)
            lines.append(
                QCoreApplication.translate(
                    "Cli", "closed business date {date}; next date {next} is open"
                ).format(date=event.business_date, next=event.next_date)
            )
            lines.append(
                QCoreApplication.translate(
                    "Cli",
                    "settled {settled} transfers to other banks, voided {voided} expired "
                    "reservations",
                ).format(settled=settled, voided=voided)
            )
            for p in event.positions:
                lines.append(
                    QCoreApplication.translate(
                        "Cli", "  owe {bank}: {amount} ({count} payments)"
                    ).format(
                        bank=p["bank_code"],
                        amount=f"{format_minor(p['amount'], p['currency'])} {p['currency']}",
                        count=p["payments"],
                    )
                )
            lines.append(
                QCoreApplication.translate("Cli", "settlement report: {path}").format(path=report)
            )
    return lines


# What the database says when two transactions collided and one was rolled back whole:
# running the close again is safe (it names its date, and a date closed meanwhile is
# refused with who closed it).
_TRANSIENT = ("SerializationFailure", "DeadlockDetected", "database is locked")
_ATTEMPTS = 3


def _collided(results: list[Event]) -> bool:
    return any(
        isinstance(e, CommandFailed) and any(t in e.error for t in _TRANSIENT) for e in results
    )


def run_eod(url: str, args: argparse.Namespace) -> int:
    password = supervisor_password(args.supervisor)
    if password is None:
        return 2
    desk = bootstrap(url, start_worker=False)
    # Closing the day is one command, then the checkpoint: two steps the bar counts.
    with progress("end of day", 2, unit=" steps") as tick:
        try:
            assert desk.lifecycle is not None
            # The supervisor logs in (their password checked, a wrong one counted towards
            # their lockout) and closes the day in that session.
            with SignedIn(desk.bus) as signed:
                supervisor = signed.log_in(args.supervisor, password)
                if supervisor is None:
                    return 1
                # The date this run means to close, read once: should another run close it
                # first, this one is told so instead of closing the next date too.
                meant = desk.lifecycle.business_date()
                command = CloseBusinessDate(
                    actor=supervisor, business_date=meant.isoformat() if meant else ""
                )
                for _ in range(_ATTEMPTS):
                    results = signed.dispatch(command)
                    if not _collided(results):
                        break
                tick(1, 2)
            unsigned = None
            checkpoint = None
            if any(isinstance(e, BusinessDateClosed) for e in results):
                # The closed day's journal, signed outside the database, beside its report.
                try:
                    checkpoint = write_checkpoint(desk.engine, desk.bus, args.report_dir)
                except NoSigningKey as exc:
                    unsigned = str(exc)
            tick(2, 2)
        finally:
            desk.close()
    lines = close_day(results, args.report_dir)
    if checkpoint is not None:
        lines.append(f"signed checkpoint: {checkpoint}")
    if unsigned is not None:
        print("\n".join(lines), file=sys.stderr)
        print(
            QCoreApplication.translate("Cli", "CLOSED, BUT NO CHECKPOINT SIGNED: {reason}").format(
                reason=unsigned
            ),
            file=sys.stderr,
        )
        return 3
    failed = any(line.startswith("NOT CLOSED") for line in lines) or not lines
    rejected = next((e for e in results if isinstance(e, CommandRejected)), None)
    if failed and rejected is not None:
        # The refusal by its code, in the command line's language.
        lines = [
            QCoreApplication.translate("Cli", "NOT CLOSED: {reason}").format(
                reason=refused(rejected)
            )
        ]
    print(
        "\n".join(
            lines
            or [QCoreApplication.translate("Cli", "NOT CLOSED: the system failed; see the log")]
        ),
        file=sys.stderr if failed else sys.stdout,
    )
    return 1 if failed else 0


def run_expiry(url: str) -> int:
    # bootstrap itself voids expired reservations: recovery at every start.
    desk = bootstrap(url, start_worker=False)
    try:
        results = desk.recovered + desk.bus.dispatch(ExpireReservations())
        reserved = len(LifecycleQueries(desk.engine).in_state("reserved"))
    finally:
        desk.close()
    voided = sum(isinstance(e, PaymentVoided) for e in results)
    print(f"voided {voided} expired reservations; {reserved} still reserved")
    return 0
