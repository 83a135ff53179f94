"""Wiring: one place that builds the engine, the bus, the handlers and the worker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

import domain.catalog  # noqa: F401  every event type and projection
from app.database import is_initialised, make_engine, upgrade
from app.settings import (
    allow_future_dates,
    checkpoint_dir,
    risk_file_from_env,
    security_policy,
)
from bus import BusWorker, Event, MessageBus
from bus.messages import utc_now
from domain.business_day import handlers as business_day
from domain.business_day.commands import CloseBusinessDate, OpenBusinessDate
from domain.door import sessions, validation
from domain.drawers.commands import (
    CloseDrawer,
    CountClosingCash,
    CountOpeningCash,
    MoveCash,
    StartDrawerSession,
)
from domain.drawers.queries import DrawerQueries, open_drawer_sessions
from domain.drawers.sessions import (
    close_drawer,
    count_closing_cash,
    count_opening_cash,
    move_cash,
    start_drawer_session,
)
from domain.eventstore.checkpoints import RecordCheckpoint
from domain.eventstore.unit_of_work import CommitGroup, UnitOfWork, is_transient, local_today
from domain.ledger.commands import ChangeAccountStatus, OpenAccount
from domain.ledger.handlers import change_account_status, open_account
from domain.ledger.queries import LedgerQueries
from domain.operators.commands import (
    CreateOperator,
    DisableOperator,
    LockDesk,
    LogIn,
    LogOut,
    ResetPassword,
    UnlockDesk,
)
from domain.operators.handlers import (
    Handler,
    counts_failed_passwords,
    create_operator,
    disable_operator,
    lock_desk,
    log_in,
    log_out,
    reset_password,
    unlock_desk,
)
from domain.operators.policy import SecurityPolicy
from domain.operators.queries import OperatorQueries
from domain.payments import handlers as lifecycle
from domain.payments.commands import (
    ApprovePayment,
    DeclinePayment,
    ExpireReservations,
    ReversePayment,
    SubmitPayment,
    VoidPayment,
)
from domain.payments.handlers import Lifecycle, OpenDrawers
from domain.payments.queries import LifecycleQueries
from domain.payments.risk.rules import RiskPolicy
from domain.reporting.audit_trail import AuditQueries
from domain.reporting.checkpoints import record_checkpoint


@dataclass
class Desk:
    """Everything one running desk needs, built once."""

    engine: Engine
    bus: MessageBus
    worker: BusWorker
    queries: LedgerQueries
    policy: SecurityPolicy
    operators: OperatorQueries
    drawers: DrawerQueries
    audit: AuditQueries
    risk_policy: RiskPolicy = field(default_factory=RiskPolicy.load)
    lifecycle: LifecycleQueries | None = None
    # What the start-up recovery did (first business date, expired reservations voided).
    recovered: list[Event] = field(default_factory=list)

    def close(self) -> None:
        self.worker.stop()
        self.engine.dispose()


def open_drawer_accounts(conn: Any) -> list[str]:
    """The drawers whose session is not closed yet: the end of day waits for them."""
    return [session.drawer_account for session in open_drawer_sessions(conn)]


def with_role_limits(risk_policy: RiskPolicy, policy: SecurityPolicy) -> RiskPolicy:
    """The payment rules with the single-payment limits set in the security policy
    (TELLER_LIMIT_<ROLE>) in place of the risk file's, role by role."""
    if not policy.role_limits:
        return risk_policy
    return replace(risk_policy, single_limit={**risk_policy.single_limit, **policy.role_limits})


def wire_handlers(
    bus: MessageBus,
    engine: Engine,
    today: Callable[[], date] = local_today,
    *,
    policy: SecurityPolicy | None = None,
    risk_policy: RiskPolicy | None = None,
    open_drawers: OpenDrawers = open_drawer_accounts,
    clock: Callable[[], datetime] = utc_now,
    future_dates: bool | None = None,
) -> None:
    """`future_dates`: whether a business date may be closed before its calendar day
    (None: $TELLER_ALLOW_FUTURE_DATES)."""
    policy = policy or security_policy()
    risk_policy = risk_policy or RiskPolicy.load()

    def new_uow() -> UnitOfWork:
        return UnitOfWork(engine, today)

    def checks_passwords(handler: Callable[..., Any], **extra: Any) -> Handler:
        """A handler that may verify a password: refused ones count towards lockout."""
        return counts_failed_passwords(partial(handler, **extra), new_uow, policy, clock)

    lc = Lifecycle(
        new_uow=new_uow,
        policy=risk_policy,
        open_drawers=open_drawers,
        clock=clock,
        security=policy,
        close_ahead_of_calendar=(allow_future_dates() if future_dates is None else future_dates),
    )
    bus.handle_command(OpenAccount, partial(open_account, new_uow=new_uow))
    bus.handle_command(ChangeAccountStatus, partial(change_account_status, new_uow=new_uow))
    bus.handle_command(SubmitPayment, checks_passwords(lifecycle.submit_payment, lc=lc))
    bus.handle_command(ApprovePayment, partial(lifecycle.approve_payment, lc=lc))
    bus.handle_command(DeclinePayment, partial(lifecycle.decline_payment, lc=lc))
    bus.handle_command(VoidPayment, partial(lifecycle.void_payment, lc=lc))
    bus.handle_command(ExpireReservations, partial(lifecycle.expire_reservations, lc=lc))
    bus.handle_command(ReversePayment, partial(lifecycle.reverse_payment, lc=lc))
    bus.handle_command(OpenBusinessDate, partial(business_day.open_business_date, lc=lc))
    bus.handle_command(CloseBusinessDate, partial(business_day.close_business_date, lc=lc))
    bus.handle_command(RecordCheckpoint, partial(record_checkpoint, new_uow=new_uow))

    def with_policy(handler: Callable[..., Any], **extra: Any) -> Callable[..., Any]:
        return partial(handler, new_uow=new_uow, policy=policy, **extra)

    bus.handle_command(CreateOperator, with_policy(create_operator, clock=clock))
    bus.handle_command(DisableOperator, partial(disable_operator, new_uow=new_uow))
    bus.handle_command(ResetPassword, with_policy(reset_password, clock=clock))
    bus.handle_command(LogIn, checks_passwords(with_policy(log_in, clock=clock, engine=engine)))
    bus.handle_command(LogOut, partial(log_out, new_uow=new_uow))
    bus.handle_command(LockDesk, partial(lock_desk, new_uow=new_uow))
    bus.handle_command(
        UnlockDesk, checks_passwords(with_policy(unlock_desk, clock=clock, engine=engine))
    )

    bus.handle_command(StartDrawerSession, with_policy(start_drawer_session))
    bus.handle_command(
        CountOpeningCash, checks_passwords(with_policy(count_opening_cash, clock=clock))
    )
    bus.handle_command(CountClosingCash, with_policy(count_closing_cash))
    bus.handle_command(CloseDrawer, checks_passwords(with_policy(close_drawer, clock=clock)))
    bus.handle_command(MoveCash, checks_passwords(with_policy(move_cash, clock=clock)))
    # The door, outermost first: the message's shape (every field's type, range and
    # characters: no database), then its proof of sender (the login session), and only
    # then any handler, which may read or write.
    bus.wrap_handlers(sessions.requires_session(engine, clock))
    bus.wrap_handlers(validation.at_the_door)


def checks_a_password(command: Any) -> bool:
    """A login, an unlock, or a command carrying a supervisor's sign-off: Argon2 takes
    about 170 ms, which must not be spent holding a commit group's write lock (another
    desk on the same file would wait that long for each)."""
    return isinstance(command, LogIn | UnlockDesk) or getattr(command, "approval", None) is not None


def checkpoint_proof(engine: Engine) -> Callable[[], list[str]] | None:
    """The audit screen's check of the signed checkpoints, when $TELLER_CHECKPOINT_DIR
    names their folder; the public key is this machine's (app.checkpoints)."""
    folder = checkpoint_dir()
    if folder is None:
        return None

    def prove() -> list[str]:
        from app.checkpoints import NoSigningKey, load_public_key
        from domain.reporting.checkpoints import folder_faults

        try:
            key = load_public_key()
        except (NoSigningKey, OSError, ValueError) as exc:
            return [f"the checkpoints could not be checked: {exc}"]
        return [str(fault) for fault in folder_faults(engine, folder, key)[0]]

    return prove


def bootstrap(
    url: str,
    *,
    migrate: bool = True,
    start_worker: bool = True,
    today: Callable[[], date] = local_today,
    policy: SecurityPolicy | None = None,
    risk_file: Path | None = None,
    risk_policy: RiskPolicy | None = None,
    open_drawers: OpenDrawers = open_drawer_accounts,
    clock: Callable[[], datetime] = utc_now,
    future_dates: bool | None = None,
    first_business_date: date | None = None,
) -> Desk:
    """`policy` is the security policy (limits, lockout, drawers); `risk_policy` the
    payment rules (from `risk_file`, $TELLER_RISK_FILE or the defaults); `future_dates`
    see wire_handlers; `first_business_date` is the date a new bank opens (default: the
    calendar's)."""
    engine = make_engine(url)
    if migrate:
        upgrade(engine)
    elif not is_initialised(engine):
        raise RuntimeError("The database has no schema yet: run `python main.py init`")
    policy = policy or security_policy()
    risk_policy = with_role_limits(
        risk_policy or RiskPolicy.load(risk_file or risk_file_from_env()), policy
    )
    bus = MessageBus(transient=is_transient)
    wire_handlers(
        bus,
        engine,
        today,
        policy=policy,
        risk_policy=risk_policy,
        open_drawers=open_drawers,
        clock=clock,
        future_dates=future_dates,
    )
    lifecycle_queries = LifecycleQueries(engine)
    # Recovery at start: the first business date, and reservations that expired while
    # the desk was down are voided before anyone keys anything.
    recovered: list[Event] = []
    if lifecycle_queries.business_date() is None:
        first = first_business_date or today()
        recovered += bus.dispatch(OpenBusinessDate(business_date=first.isoformat()))
    recovered += bus.dispatch(ExpireReservations())
    worker = BusWorker(bus, group_scope=lambda: CommitGroup(engine), runs_alone=checks_a_password)
    if start_worker:
        worker.start()
    return Desk(
        engine=engine,
        bus=bus,
        worker=worker,
        queries=LedgerQueries(engine),
        policy=policy,
        operators=OperatorQueries(engine),
        drawers=DrawerQueries(engine, policy),
        audit=AuditQueries(engine, checkpoint_proof(engine)),
        risk_policy=risk_policy,
        lifecycle=lifecycle_queries,
        recovered=recovered,
    )
