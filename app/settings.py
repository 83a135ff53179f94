"""Where the database is, and the other knobs of one desk."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_data_dir

if TYPE_CHECKING:
    # Imported where it is used: it brings Argon2 and Babel, which the login window,
    # shown first at start, does not need.
    from domain.operators.policy import SecurityPolicy

DB_URL_ENV = "TELLER_DB_URL"
# The bank's risk rules (TOML); unset: domain/payments/risk/risk_defaults.toml.
RISK_FILE_ENV = "TELLER_RISK_FILE"


def default_database_path() -> Path:
    return Path(user_data_dir("teller-desk", appauthor=False)) / "teller-desk.db"


def database_url(explicit: str | None = None) -> str:
    """`--db URL` wins, then $TELLER_DB_URL, then a SQLite file in the user's data dir."""
    if explicit:
        return explicit
    from_env = os.environ.get(DB_URL_ENV)
    if from_env:
        return from_env
    from app.database import private_folder

    path = default_database_path()
    private_folder(path.parent)
    return f"sqlite:///{path}"


def risk_file_from_env() -> Path | None:
    named = os.environ.get(RISK_FILE_ENV)
    return Path(named) if named else None


BANK_NAME_ENV = "TELLER_BANK_NAME"


def bank_name(explicit: str | None = None) -> str:
    """The name printed on statements and journals: `--bank-name`, then $TELLER_BANK_NAME."""
    from domain.reporting.exports.common import DEFAULT_BANK_NAME

    return explicit or os.environ.get(BANK_NAME_ENV) or DEFAULT_BANK_NAME


BRANCH_NAME_ENV = "TELLER_BRANCH_NAME"


def branch_name() -> str:
    """The branch printed under the bank's name on receipts: $TELLER_BRANCH_NAME."""
    return os.environ.get(BRANCH_NAME_ENV, "").strip()


CHECKPOINT_DIR_ENV = "TELLER_CHECKPOINT_DIR"


def checkpoint_dir() -> Path | None:
    """The folder of the bank's signed checkpoints (eod's report folder, or where
    `checkpoint --dir` writes them): set, the audit screen's verify (F7) checks that the
    stored chain passes through every one of them."""
    named = os.environ.get(CHECKPOINT_DIR_ENV, "").strip()
    return Path(named) if named else None


RECEIPTS_DIR_ENV = "TELLER_RECEIPTS_DIR"


def receipts_dir() -> Path | None:
    """Where receipts go as PDFs when the desk has no printer: $TELLER_RECEIPTS_DIR, else
    the user's documents folder (chosen by the desk)."""
    named = os.environ.get(RECEIPTS_DIR_ENV, "").strip()
    return Path(named) if named else None


ADMIN_PASSWORD_ENV = "TELLER_ADMIN_PASSWORD"

# A business date may be closed before its calendar day has begun. For demos, training
# and tests that play several days in a row; never for a bank's live desks. Read from the
# environment of the process (no command-line flag, nothing at the desk), so a teller
# cannot switch it on.
ALLOW_FUTURE_DATES_ENV = "TELLER_ALLOW_FUTURE_DATES"


def allow_future_dates(environ: dict[str, str] | None = None) -> bool:
    env = os.environ if environ is None else environ
    return env.get(ALLOW_FUTURE_DATES_ENV, "").strip().lower() in ("1", "true", "yes", "on")


# Each knob of the security policy can be set from the environment (tests make Argon2
# cheap this way; a bank tunes lockout and idle time without a code change).
_POLICY_ENV = {
    "TELLER_LOCKOUT_ATTEMPTS": "max_failed_logins",
    "TELLER_LOCKOUT_MINUTES": "lockout_minutes",
    "TELLER_IDLE_LOCK_SECONDS": "idle_lock_seconds",
    "TELLER_ARGON2_TIME_COST": "argon2_time_cost",
    "TELLER_ARGON2_MEMORY_KIB": "argon2_memory_kib",
    "TELLER_ARGON2_PARALLELISM": "argon2_parallelism",
}
_LIMIT_ENV = "TELLER_LIMIT_"  # e.g. TELLER_LIMIT_TELLER=5000 (major units)
_TOLERANCE_ENV = "TELLER_DRAWER_TOLERANCE_"  # e.g. TELLER_DRAWER_TOLERANCE_EUR=1000 (minor)
# e.g. TELLER_DENOMINATIONS_CHF=100000,20000,10000,5000,2000,1000,500,200,100,50,20,10,5
_DENOMINATIONS_ENV = "TELLER_DENOMINATIONS_"


def security_policy(environ: dict[str, str] | None = None) -> SecurityPolicy:
    from domain.operators.policy import SecurityPolicy

    env = dict(os.environ if environ is None else environ)
    defaults = SecurityPolicy()
    values: dict[str, object] = {}
    for variable, name in _POLICY_ENV.items():
        if env.get(variable):
            kind = type(getattr(defaults, name))
            values[name] = kind(env[variable])
    limits = dict(defaults.role_limits)
    tolerances = dict(defaults.drawer_tolerance)
    denominations = dict(defaults.denominations)
    for variable, text in env.items():
        if not text:
            continue
        if variable.startswith(_LIMIT_ENV):
            limits[variable[len(_LIMIT_ENV) :].lower()] = int(text)
        elif variable.startswith(_TOLERANCE_ENV):
            tolerances[variable[len(_TOLERANCE_ENV) :].upper()] = int(text)
        elif variable.startswith(_DENOMINATIONS_ENV):
            denominations[variable[len(_DENOMINATIONS_ENV) :].upper()] = tuple(
                sorted((int(part) for part in text.split(",")), reverse=True)
            )
    return SecurityPolicy(
        role_limits=limits,
        drawer_tolerance=tolerances,
        denominations=denominations,
        **values,  # type: ignore[arg-type]
    )
