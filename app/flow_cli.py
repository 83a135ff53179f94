"""`staffing` and `simulate`: the flow model from the command line."""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from app.cli_language import QCoreApplication
from domain.flow import queues


def add_parsers(sub: Any) -> None:
    staffing = sub.add_parser(
        "staffing",
        help="tellers needed for a target wait (Erlang C); with --from-events, "
        "a plan by hour of the day from the stored payments",
    )
    staffing.add_argument("--arrival-rate", type=float, help="customers per minute")
    staffing.add_argument("--service-time", type=float, help="minutes per customer")
    staffing.add_argument("--target-wait", type=float, required=True, help="minutes")
    staffing.add_argument(
        "--target-share",
        type=float,
        required=True,
        help="share of customers served within the target wait (0-1)",
    )
    staffing.add_argument(
        "--from-events",
        action="store_true",
        help="arrival rates by hour and the service time from the events",
    )
    staffing.add_argument(
        "--date",
        type=date.fromisoformat,
        help="business date for --from-events (default: the newest)",
    )
    staffing.add_argument("--json", action="store_true", help="print one JSON object")

    sim = sub.add_parser(
        "simulate",
        help="customers queue for C tellers (M/M/c); every served customer "
        "keys a real payment through a desk; measured beside predicted",
    )
    sim.add_argument("--desks", type=int, default=3, help="tellers (default 3)")
    # The queue and the run: (option, default, what it is).
    for option, default, what in (
        ("--arrival-rate", 2.0, "customers per minute"),
        ("--service-rate", 1.0, "customers one teller serves per minute"),
        ("--minutes", 6000.0, "simulated minutes of arrivals"),
        ("--speed", 2400.0, "simulated minutes per wall minute; 0: as fast as the desk answers"),
    ):
        sim.add_argument(option, type=float, default=default, help=f"{what} (default {default:g})")
    sim.add_argument("--seed", type=int, default=3, help="random seed (default 3)")
    sim.add_argument("--json", action="store_true", help="print one JSON object")
    sim.add_argument(
        "--sweep",
        action="store_true",
        help="also sweep arrival rates from 10 %% to 90 %% utilisation",
    )
    sim.add_argument("--plot", type=Path, help="with --sweep: write the plot (PNG) here")


def _fail(message: str) -> int:
    print(
        QCoreApplication.translate("Cli", "error: {message}").format(message=message),
        file=sys.stderr,
    )
    return 2


def _finite(x: float) -> float | None:
    return x if math.isfinite(x) else None


def run_staffing(args: argparse.Namespace, url: str | None) -> int:
    if not 0 < args.target_share < 1:
        return _fail(
            QCoreApplication.translate("Cli", "--target-share must be between 0 and 1, e.g. 0.8")
        )
    if args.target_wait < 0:
        return _fail(QCoreApplication.translate("Cli", "--target-wait must not be negative"))
    if args.from_events:
        assert url is not None
        return _staffing_from_events(args, url)
    if args.arrival_rate is None or args.service_time is None:
        return _fail(
            QCoreApplication.translate(
                "Cli", "give --arrival-rate and --service-time, or --from-events"
            )
        )
    if args.arrival_rate <= 0 or args.service_time <= 0:
        return _fail(
            QCoreApplication.translate("Cli", "--arrival-rate and --service-time must be positive")
        )
    lam, mu = args.arrival_rate, 1 / args.service_time
    needed = queues.servers_needed(lam, mu, args.target_wait, args.target_share)
    rows = []
    for c in range(max(1, needed - 2), needed + 3):
        f = queues.mmc(lam, mu, c)
        rows.append(
            {
                "tellers": c,
                "utilisation": f.utilisation,
                "probability_of_waiting": f.probability_of_waiting,
                "mean_wait_min": _finite(f.mean_wait),
                "mean_queue": _finite(f.mean_queue),
                "share_within_target": queues.share_within(lam, mu, c, args.target_wait),
            }
        )
    best = next(r for r in rows if r["tellers"] == needed)
    if args.json:
        print(
            json.dumps(
                {
                    "tellers_needed": needed,
                    "arrival_rate_per_min": lam,
                    "service_time_min": args.service_time,
                    "target_wait_min": args.target_wait,
                    "target_share": args.target_share,
                    **{
                        k: best[k]
                        for k in (
                            "probability_of_waiting",
                            "mean_wait_min",
                            "share_within_target",
                            "utilisation",
                        )
                    },
                    "options": rows,
                }
            )
        )
        return 0
    print(
        QCoreApplication.translate(
            "Cli",
            "{rate} customers a minute, {minutes} minutes each ({erlangs} Erlangs); "
            "target: {share} within {wait} minutes",
        ).format(
            rate=f"{lam:g}",
            minutes=f"{args.service_time:g}",
            erlangs=f"{lam / mu:.2f}",
            share=f"{args.target_share:.0%}",
            wait=f"{args.target_wait:g}",
        )
    )
    print(QCoreApplication.translate("Cli", "tellers needed: {count}").format(count=needed))
    print(
        _headings(
            ("tellers", ">7"),
            ("util", ">6"),
            ("P(wait)", ">8"),
            ("mean wait", ">10"),
            ("queue", ">7"),
            ("within target", ">14"),
        )
    )
    for r in rows:
        wait = (
            QCoreApplication.translate("Cli", "unstable")
            if r["mean_wait_min"] is None
            else QCoreApplication.translate("Cli", "{minutes} min").format(
                minutes=f"{r['mean_wait_min']:.2f}"
            )
        )
        queue = "-" if r["mean_queue"] is None else f"{r['mean_queue']:.2f}"
        mark = QCoreApplication.translate("Cli", "  <- needed") if r["tellers"] == needed else ""
        print(
            f"{r['tellers']:>7} {r['utilisation']:>6.2f} {r['probability_of_waiting']:>8.3f} "
            f"{_cell(wait, '>10')} {queue:>7} {r['share_within_target']:>13.1%}{mark}"
        )
    return 0


def _staffing_from_events(args: argparse.Namespace, url: str) -> int:
    from app.database import make_engine
    from domain.flow.queries import mean_service_minutes, read_day, staffing_plan

    engine = make_engine(url)
    try:
        day = read_day(engine, args.date)
    finally:
        engine.dispose()
    if day.business_date is None or not day.arrivals:
        if args.date:
            return _fail(
                QCoreApplication.translate("Cli", "no payments stored for {date}").format(
                    date=args.date
                )
            )
        return _fail(QCoreApplication.translate("Cli", "no payments stored"))
    service = args.service_time or mean_service_minutes(day)
    if service <= 0:
        return _fail(
            QCoreApplication.translate(
                "Cli",
                "the events give no service time (one payment per teller); give --service-time",
            )
        )
    plan = staffing_plan(day, args.target_wait, args.target_share, service)
    peak = max(plan, key=lambda r: r.tellers_needed)
    if args.json:
        print(
            json.dumps(
                {
                    "business_date": day.business_date.isoformat(),
                    "service_time_min": service,
                    "tellers_needed": peak.tellers_needed,
                    "probability_of_waiting": peak.probability_of_waiting,
                    "mean_wait_min": peak.mean_wait_min,
                    "share_within_target": peak.share_within_target,
                    "hours": [vars(r) for r in plan],
                }
            )
        )
        return 0
    print(
        QCoreApplication.translate(
            "Cli",
            "business date {date}: {count} customer payments; service time {minutes} min "
            "(time between one teller's payments)",
        ).format(date=day.business_date, count=len(day.arrivals), minutes=f"{service:.2f}")
    )
    print(
        QCoreApplication.translate("Cli", "target: {share} within {wait} minutes").format(
            share=f"{args.target_share:.0%}", wait=f"{args.target_wait:g}"
        )
    )
    print(
        _headings(
            ("hour", ">5"),
            ("per min", ">8"),
            ("tellers", ">8"),
            ("P(wait)", ">8"),
            ("mean wait", ">10"),
            ("within target", ">14"),
        )
    )
    for r in plan:
        wait = QCoreApplication.translate("Cli", "{minutes} min").format(
            minutes=f"{r.mean_wait_min:>6.2f}"
        )
        print(
            f"{r.hour:>3}:00 {r.arrival_rate_per_min:>8.2f} {r.tellers_needed:>8} "
            f"{r.probability_of_waiting:>8.3f} {wait} "
            f"{r.share_within_target:>13.1%}"
        )
    return 0


_ROWS = [
    ("utilisation", "measured_utilisation", "predicted_utilisation", "{:.3f}"),
    ("P(wait)", "measured_probability_of_waiting", "predicted_probability_of_waiting", "{:.3f}"),
    ("mean wait, min", "measured_mean_wait_min", "predicted_mean_wait_min", "{:.3f}"),
    ("mean queue", "measured_mean_queue", "predicted_mean_queue", "{:.3f}"),
    *(
        (f"wait p{p}, min", f"measured_wait_p{p}_min", f"predicted_wait_p{p}_min", "{:.3f}")
        for p in (50, 80, 90, 95)
    ),
]


def _cell(text: str, spec: str) -> str:
    """`text` aligned as format(text, spec) would, counting a Chinese character as the
    two columns a terminal gives it, so the tables stay aligned in Chinese too."""
    width = int(spec[1:])
    shown = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    pad = " " * max(0, width - shown)
    return pad + text if spec[0] == ">" else text + pad


def _headings(*columns: tuple[str, str]) -> str:
    return " ".join(_cell(_heading(word), spec) for word, spec in columns)


def _heading(word: str) -> str:
    """A column heading or row label of the tables above, in the command line's
    language; written out so that lupdate finds each."""
    headings = {
        "tellers": QCoreApplication.translate("Cli", "tellers"),
        "util": QCoreApplication.translate("Cli", "util"),
        "P(wait)": QCoreApplication.translate("Cli", "P(wait)"),
        "mean wait": QCoreApplication.translate("Cli", "mean wait"),
        "queue": QCoreApplication.translate("Cli", "queue"),
        "within target": QCoreApplication.translate("Cli", "within target"),
        "hour": QCoreApplication.translate("Cli", "hour"),
        "per min": QCoreApplication.translate("Cli", "per min"),
        "measured": QCoreApplication.translate("Cli", "measured"),
        "diff": QCoreApplication.translate("Cli", "diff"),
        "utilisation": QCoreApplication.translate("Cli", "utilisation"),
        "mean wait, min": QCoreApplication.translate("Cli", "mean wait, min"),
        "mean queue": QCoreApplication.translate("Cli", "mean queue"),
    }
    if word in headings:
        return headings[word]
    if word.startswith("wait p") and word.endswith(", min"):
        return QCoreApplication.translate("Cli", "wait p{percentile}, min").format(
            percentile=word[len("wait p") : -len(", min")]
        )
    return word


def run_simulate(args: argparse.Namespace, url: str | None) -> int:
    from app.simulate import run_simulation

    if args.desks < 1 or args.arrival_rate <= 0 or args.service_rate <= 0:
        return _fail(
            QCoreApplication.translate("Cli", "--desks must be at least 1, the rates positive")
        )
    if args.minutes <= 0 or args.speed < 0:
        return _fail(
            QCoreApplication.translate("Cli", "--minutes must be positive, --speed not negative")
        )
    if args.sweep and args.plot is None:
        return _fail(QCoreApplication.translate("Cli", "--sweep needs --plot FILE.png"))
    figures = run_simulation(
        desks=args.desks,
        arrival_rate=args.arrival_rate,
        service_rate=args.service_rate,
        minutes=args.minutes,
        speed=args.speed,
        seed=args.seed,
        url=url,
    )
    if args.sweep:
        figures["sweep"] = sweep(args.desks, args.service_rate, args.minutes, args.seed, args.plot)
        figures["plot"] = str(args.plot)
    if args.json:
        print(
            json.dumps({k: (_finite(v) if isinstance(v, float) else v) for k, v in figures.items()})
        )
        return 0
    f = figures
    print(
        QCoreApplication.translate(
            "Cli",
            "M/M/{desks}: {rate} customers/min, {service} served/min per teller, {minutes} "
            "simulated minutes, seed {seed}, database: {database}",
        ).format(
            desks=f["desks"],
            rate=f"{f['arrival_rate_per_min']:g}",
            service=f"{f['service_rate_per_min']:g}",
            minutes=f"{f['minutes']:g}",
            seed=f["seed"],
            database=f["database"],
        )
    )
    print(
        QCoreApplication.translate(
            "Cli",
            "served {served} customers, each a real payment ({held} held for a supervisor, "
            "{refused} refused) in {seconds} s",
        ).format(
            served=f["served"],
            held=f["payments_held"],
            refused=f["commands_refused"],
            seconds=f"{f['wall_seconds']:.1f}",
        )
    )
    print(f"{'':<16} {_headings(('measured', '>10'))} {'M/M/c':>10} {_headings(('diff', '>7'))}")
    for label, measured, predicted, fmt in _ROWS:
        m, p = f[measured], f[predicted]
        diff = f"{(m - p) / p:+.1%}" if p and math.isfinite(p) else ""
        print(f"{_cell(_heading(label), '<16')} {fmt.format(m):>10} {fmt.format(p):>10} {diff:>7}")
    if "bus_service_rate_per_s" in f:
        print(
            QCoreApplication.translate(
                "Cli",
                "bus worker (M/M/1): {arriving} commands/s arriving, serves {serves}/s "
                "(utilisation {utilisation}); wait measured {measured} ms, M/M/1 {predicted} ms",
            ).format(
                arriving=f"{f['bus_arrival_rate_per_s']:.1f}",
                serves=f"{f['bus_service_rate_per_s']:.1f}",
                utilisation=f"{f['bus_utilisation']:.2f}",
                measured=f"{f['bus_measured_mean_wait_ms']:.2f}",
                predicted=f"{f['bus_predicted_mean_wait_ms']:.2f}",
            )
        )
    if args.sweep:
        print(QCoreApplication.translate("Cli", "sweep plot: {path}").format(path=args.plot))
    return 0


def sweep(
    desks: int, service_rate: float, minutes: float, seed: int, plot: Path
) -> list[dict[str, float]]:
    """Measured against predicted mean wait over arrival rates from 10 % to 90 %
    utilisation. The sweep runs the customer queue alone: the desk's payments do not
    change the customers' waits, and driving it at every point would take an hour."""
    import random

    from app.simulate import counter_figures, simulate_counter

    points = []
    for i in range(1, 10):
        rate = desks * service_rate * i / 10
        customers = simulate_counter(desks, rate, service_rate, minutes, random.Random(seed + i))
        f = counter_figures(customers, desks, rate, service_rate, minutes)
        points.append(
            {
                "arrival_rate_per_min": rate,
                "utilisation": i / 10,
                "measured_mean_wait_min": f["measured_mean_wait_min"],
                "predicted_mean_wait_min": f["predicted_mean_wait_min"],
            }
        )
    _plot(points, desks, service_rate, minutes, plot)
    return points


def _plot(
    points: list[dict[str, float]], desks: int, service_rate: float, minutes: float, path: Path
) -> None:
    """pyqtgraph's image exporter, offscreen: the desk already depends on Qt and
    pyqtgraph, so the plot needs nothing more (matplotlib would be a second stack)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import pyqtgraph as pg
    import pyqtgraph.exporters
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    widget = pg.PlotWidget(
        title=f"M/M/{desks}, service rate {service_rate:g}/min, "
        f"{minutes:g} simulated minutes per point"
    )
    widget.resize(800, 500)
    item = widget.getPlotItem()
    item.addLegend(offset=(10, 10))
    item.setLabel("bottom", "arrival rate, customers per minute")
    item.setLabel("left", "mean wait, minutes")
    item.showGrid(x=True, y=True, alpha=0.3)
    # The curve of the prediction, dense; the measured points as markers.
    xs = [desks * service_rate * k / 100 for k in range(5, 92)]
    ys = [queues.mmc(x, service_rate, desks).mean_wait for x in xs]
    item.plot(xs, ys, pen=pg.mkPen("#1f4e9c", width=2), name="predicted (Erlang C)")
    item.plot(
        [p["arrival_rate_per_min"] for p in points],
        [p["measured_mean_wait_min"] for p in points],
        pen=None,
        symbol="o",
        symbolBrush="#d9480f",
        symbolSize=9,
        name="measured (simulation)",
    )
    exporter = pyqtgraph.exporters.ImageExporter(item)
    exporter.parameters()["width"] = 800
    path.parent.mkdir(parents=True, exist_ok=True)
    exporter.export(str(path))
    widget.close()
    del app
