"""Proofs an auditor can run: the ledger balances, balances match postings, the event
chain is intact."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import Engine, case, func, select

from domain.eventstore.store import event_hash
from domain.eventstore.tables import GENESIS_HASH, chain_head, events
from domain.eventstore.unit_of_work import snapshot
from domain.ledger.tables import balances, postings


@dataclass(frozen=True)
class Fault:
    check: str
    detail: str

    def __str__(self) -> str:
        return f"{self.check}: {self.detail}"


_SIGNED = case((postings.c.direction == "debit", postings.c.amount), else_=-postings.c.amount)


def ledger_faults(engine: Engine) -> Iterator[Fault]:
    # One snapshot: a payment committed between the two sums would look like a fault.
    with snapshot(engine) as conn:
        for currency, total in conn.execute(
            select(postings.c.currency, func.sum(_SIGNED)).group_by(postings.c.currency)
        ):
            if total != 0:
                yield Fault("ledger", f"{currency} postings sum to {total}, not zero")
        sums = (
            select(
                postings.c.account_id,
                func.sum(case((postings.c.direction == "debit", postings.c.amount), else_=0)).label(
                    "debits"
                ),
                func.sum(
                    case((postings.c.direction == "credit", postings.c.amount), else_=0)
                ).label("credits"),
            )
            .group_by(postings.c.account_id)
            .subquery()
        )
        rows = conn.execute(
            select(
                balances.c.account_id,
                balances.c.debits_posted,
                balances.c.credits_posted,
                func.coalesce(sums.c.debits, 0),
                func.coalesce(sums.c.credits, 0),
            )
            .outerjoin(sums, sums.c.account_id == balances.c.account_id)
            .order_by(balances.c.account_id)
        )
        for account_id, debits, credits, posted_debits, posted_credits in rows:
            if (debits, credits) != (posted_debits, posted_credits):
                yield Fault(
                    "balance",
                    f"account {account_id} holds debits {debits} / credits {credits} but its "
                    f"postings sum to {posted_debits} / {posted_credits}",
                )


def chain_faults(
    engine: Engine, batch: int = 5000, on_batch: Callable[[int], None] | None = None
) -> Iterator[Fault]:
    """`on_batch(events checked so far)` after each batch: a screen shows how far it is,
    and may stop the check by raising."""
    expected_prev, expected_seq = GENESIS_HASH, 1
    with snapshot(engine) as conn:
        while True:
            if on_batch is not None:
                on_batch(expected_seq - 1)
            rows = (
                conn.execute(
                    select(events)
                    .where(events.c.seq >= expected_seq)
                    .order_by(events.c.seq)
                    .limit(batch)
                )
                .mappings()
                .all()
            )
            if not rows:
                break
            for row in rows:
                where = f"event seq {row['seq']} ({row['event_type']} {row['event_id']})"
                if row["seq"] != expected_seq:
                    yield Fault("chain", f"events {expected_seq}..{row['seq'] - 1} are missing")
                    return
                if row["prev_hash"] != expected_prev:
                    yield Fault("chain", f"{where} does not follow the event before it")
                    return
                if event_hash(row) != row["hash"]:
                    yield Fault("chain", f"{where} was altered: its hash does not match")
                    return
                expected_prev, expected_seq = row["hash"], expected_seq + 1
        head = conn.execute(select(chain_head).where(chain_head.c.id == 1)).one()
        if (head.last_seq, head.last_hash) != (expected_seq - 1, expected_prev):
            yield Fault(
                "chain",
                f"the chain head names seq {head.last_seq}, but the log ends at {expected_seq - 1}",
            )


def verify(engine: Engine) -> list[Fault]:
    """Every fault found; empty when the books are sound."""
    return [*ledger_faults(engine), *chain_faults(engine)]
