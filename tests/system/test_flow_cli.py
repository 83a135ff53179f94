"""`simulate` and `staffing` as a user runs them: a subprocess, a real SQLite file."""

from __future__ import annotations

import json
import subprocess

import pytest

from app.database import make_engine
from cli_support import main_py
from domain.flow import queries


def staffing(target_share: str, *more: str) -> subprocess.CompletedProcess[str]:
    """`staffing` for 2 arrivals a minute served in 1 minute each, within half a minute."""
    return main_py(
        "staffing",
        "--arrival-rate",
        "2",
        "--service-time",
        "1",
        "--target-wait",
        "0.5",
        "--target-share",
        target_share,
        *more,
    )


@pytest.fixture(scope="module")
def simulated(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, object]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('flow') / 'sim.db'}"
    done = main_py(
        "--db",
        url,
        "simulate",
        "--desks",
        "2",
        "--arrival-rate",
        "1.2",
        "--service-rate",
        "1",
        "--minutes",
        "600",
        "--speed",
        "0",
        "--seed",
        "3",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    return url, json.loads(done.stdout)


def test_simulate_reports_measured_beside_predicted(simulated: tuple[str, dict]) -> None:
    _, figures = simulated
    for key in (
        "served",
        "measured_utilisation",
        "predicted_utilisation",
        "measured_mean_wait_min",
        "predicted_mean_wait_min",
        "measured_mean_queue",
        "predicted_mean_queue",
        "bus_measured_mean_wait_ms",
        "bus_predicted_mean_wait_ms",
    ):
        assert key in figures
    # Every customer who arrived was served and keyed a payment nobody refused.
    assert figures["served"] == figures["arrived"] > 600
    assert figures["commands_refused"] == 0
    assert figures["predicted_utilisation"] == pytest.approx(0.6)
    assert figures["measured_utilisation"] == pytest.approx(0.6, rel=0.1)
    # A short run (about 720 customers): the mean wait's standard deviation over seeds
    # is about 20 % at this length, so the bound is wide; the default run is 10 %.
    assert figures["measured_mean_wait_min"] == pytest.approx(
        figures["predicted_mean_wait_min"], rel=0.25
    )
    assert figures["measured_mean_queue"] == pytest.approx(
        figures["predicted_mean_queue"], rel=0.25
    )


def test_the_simulated_payments_are_stored_events_the_flow_reads(
    simulated: tuple[str, dict],
) -> None:
    url, figures = simulated
    engine = make_engine(url)
    try:
        day = queries.read_day(engine)
    finally:
        engine.dispose()
    assert len(day.arrivals) == figures["served"]
    # Two tellers keyed them, at simulated moments spread over the ten hours.
    assert len(day.keyed_by) == 2
    span = (day.arrivals[-1] - day.arrivals[0]).total_seconds() / 60
    assert 560 < span < 620
    summary = queries.arrival_summary(day)
    assert summary.rate_per_min == pytest.approx(1.2, rel=0.15)
    assert summary.dispersion is not None and summary.dispersion.poisson_plausible
    found = queries.payment_chain(day)
    assert found is not None
    chain, absorption = found
    assert chain.probability("created", "risk_checked") == 1.0
    ending = absorption.ending("created")
    assert sum(ending.values()) == pytest.approx(1.0)
    assert ending["posted"] > 0.9
    queue = queries.approvals_queue(day)
    assert queue.held == figures["payments_held"]
    assert queue.waiting == 0 and queue.decided == queue.held


def test_staffing_from_the_stored_events(simulated: tuple[str, dict]) -> None:
    url, _ = simulated
    done = main_py(
        "--db",
        url,
        "staffing",
        "--from-events",
        "--target-wait",
        "1",
        "--target-share",
        "0.8",
        "--json",
    )
    assert done.returncode == 0, done.stderr
    plan = json.loads(done.stdout)
    assert plan["tellers_needed"] >= 2
    assert 10 <= len(plan["hours"]) <= 12
    assert all(h["share_within_target"] >= 0.8 for h in plan["hours"])


def test_staffing_from_rates() -> None:
    done = staffing("0.8", "--json")
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    # 3 tellers serve 73 % within half a minute; the fourth brings it to 93.6 %.
    assert answer["tellers_needed"] == 4
    assert answer["share_within_target"] == pytest.approx(0.936, abs=0.001)
    assert answer["probability_of_waiting"] == pytest.approx(4 / 23)
    text = staffing("0.8")
    assert "tellers needed: 4" in text.stdout


def test_bad_input_gets_a_clear_message() -> None:
    done = staffing("80")
    assert done.returncode == 2
    assert "--target-share must be between 0 and 1" in done.stderr
    done = main_py("simulate", "--desks", "0")
    assert done.returncode == 2 and "--desks must be at least 1" in done.stderr
