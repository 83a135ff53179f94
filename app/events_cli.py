"""`python main.py events [--follow]`: the event log as it grows, one event a line.

Operators watch a branch with it (every desk's events, in `seq` order, without gaps);
tests use it to see what was committed. It reads through domain.eventstore.feed, the same
feed the relay uses: woken by NOTIFY on PostgreSQL, by the chain head on SQLite.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from typing import TYPE_CHECKING

from app.cli_language import QCoreApplication

if TYPE_CHECKING:
    from domain.eventstore.feed import EventFeed, StoredEvent


def add_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser(
        "events",
        help="print stored events in seq order; with --follow, as any desk commits them",
    )
    parser.add_argument(
        "--follow", action="store_true", help="keep printing events as they are committed"
    )
    parser.add_argument(
        "--from-seq",
        type=int,
        metavar="N",
        help="start at seq N (default: with --follow the current head, else the first)",
    )
    parser.add_argument("--json", action="store_true", help="one JSON object per line")
    parser.add_argument(
        "--until-idle",
        type=float,
        metavar="SECONDS",
        help="with --follow: exit once nothing new came for this long",
    )


def line_of(event: StoredEvent, as_json: bool) -> str:
    if as_json:
        return json.dumps(
            {
                "seq": event.seq,
                "event_id": event.event_id,
                "event_type": event.event_type,
                "aggregate_type": event.aggregate_type,
                "aggregate_id": event.aggregate_id,
                "operator": event.operator,
                "occurred_at": event.occurred_at,
                "correlation_id": event.correlation_id,
                "causation_id": event.causation_id,
                "payload": json.loads(event.payload),
            },
            ensure_ascii=False,
        )
    return (
        f"{event.seq:>8}  {event.occurred_at}  {event.operator:<14} {event.event_type:<24} "
        f"{event.aggregate_type}/{event.aggregate_id}"
    )


def run_events(url: str, args: argparse.Namespace) -> int:
    if args.from_seq is not None and args.from_seq < 1:
        print(
            QCoreApplication.translate("Cli", "--from-seq takes a seq of 1 or more"),
            file=sys.stderr,
        )
        return 2
    if args.until_idle is not None and not args.follow:
        print(QCoreApplication.translate("Cli", "--until-idle goes with --follow"), file=sys.stderr)
        return 2
    from app.database import make_engine
    from domain.eventstore.feed import EventFeed

    engine = make_engine(url)
    try:
        with EventFeed(engine) as feed:
            after = args.from_seq - 1 if args.from_seq is not None else 0
            if args.from_seq is None and args.follow:
                after = feed.head()
            return _print_events(feed, after, args)
    except KeyboardInterrupt:
        return 0
    except BrokenPipeError:
        # `events --follow | head`: the reader has gone, which is no failure of ours.
        return 0
    finally:
        engine.dispose()


def _print_events(feed: EventFeed, after: int, args: argparse.Namespace) -> int:
    idle_since = time.monotonic()
    while True:
        page = feed.read(after)
        for event in page:
            print(line_of(event, args.json))
            after = event.seq
        if page:
            sys.stdout.flush()
            idle_since = time.monotonic()
            continue
        if not args.follow:
            return 0
        wait = 1.0
        if args.until_idle is not None:
            left = idle_since + args.until_idle - time.monotonic()
            if left <= 0:
                return 0
            wait = min(wait, left)
        feed.wait(after, wait)
