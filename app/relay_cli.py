"""`python main.py relay`, `stream-check` and `bench-relay`: the events' way out to
RabbitMQ (app.relay), the consumer that proves a stream whole (app.stream_check), and
the relay's benchmark (app.bench_relay)."""

from __future__ import annotations

import argparse

from app.relay_names import AMQP_URL_ENV, DEFAULT_CURSOR, DEFAULT_EXCHANGE

COMMANDS = ("relay", "stream-check", "bench-relay")


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    relay = sub.add_parser(
        "relay",
        help="publish every stored event to RabbitMQ, at least once, in seq order",
        description="Reads the events after its cursor, publishes them to a durable topic "
        "exchange with publisher confirms, and moves the cursor past confirmed events only.",
    )
    relay.add_argument("--amqp", metavar="URL", help=f"broker URL (default: ${AMQP_URL_ENV})")
    relay.add_argument(
        "--exchange", default=DEFAULT_EXCHANGE, help=f"topic exchange (default: {DEFAULT_EXCHANGE})"
    )
    relay.add_argument(
        "--cursor",
        default=DEFAULT_CURSOR,
        metavar="NAME",
        help=f"the cursor's name in relay_cursor (default: {DEFAULT_CURSOR})",
    )
    relay.add_argument(
        "--batch", type=int, default=500, help="events published before waiting for their confirms"
    )
    relay.add_argument(
        "--until-idle", action="store_true", help="exit once every stored event is confirmed"
    )
    relay.add_argument(
        "--standby",
        action="store_true",
        help="if another relay runs on this database, wait to take over instead of refusing",
    )
    relay.add_argument(
        "--json", action="store_true", help="no status line; one JSON object at exit"
    )
    check = sub.add_parser(
        "stream-check",
        help="read a queue bound to the events exchange and check the "
        "stream: seq contiguous, duplicates skipped, hash chain intact",
    )
    check.add_argument("--amqp", metavar="URL", help=f"broker URL (default: ${AMQP_URL_ENV})")
    check.add_argument("--queue", required=True, help="the (durable) queue to read")
    check.add_argument("--exchange", default=DEFAULT_EXCHANGE)
    check.add_argument(
        "--bind",
        action="store_true",
        help="declare the queue and bind it to the exchange ('#') first",
    )
    check.add_argument(
        "--until-idle",
        action="store_true",
        help="stop when the queue stays empty for --idle seconds",
    )
    check.add_argument("--idle", type=float, default=2.0, metavar="SECONDS")
    check.add_argument("--json", action="store_true", help="print one JSON object")
    bench = sub.add_parser(
        "bench-relay",
        help="relay throughput beside plain pika with confirms, and the "
        "latency from commit to a consumer",
    )
    bench.add_argument("--amqp", metavar="URL", help=f"broker URL (default: ${AMQP_URL_ENV})")
    bench.add_argument("--events", type=int, default=20_000)
    bench.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace) -> int:
    from app.settings import database_url

    if args.command == "relay":
        from app.relay import run_relay

        return run_relay(
            database_url(args.db),
            args.amqp,
            exchange=args.exchange,
            name=args.cursor,
            batch=args.batch,
            until_idle=args.until_idle,
            as_json=args.json,
            standby=args.standby,
        )
    if args.command == "stream-check":
        from app.stream_check import run_stream_check

        return run_stream_check(
            args.amqp,
            args.queue,
            exchange=args.exchange,
            bind=args.bind,
            until_idle=args.until_idle,
            idle_seconds=args.idle,
            as_json=args.json,
        )
    from app.bench_relay import run_bench_relay

    return run_bench_relay(args.amqp, args.events, as_json=args.json)
