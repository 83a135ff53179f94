"""Where the database is, and the other knobs of one desk."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

DB_URL_ENV = "TELLER_DB_URL"
# The bank's risk rules (TOML); unset: domain/risk_defaults.toml.
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
    path = default_database_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{path}"


def risk_file_from_env() -> Path | None:
    named = os.environ.get(RISK_FILE_ENV)
    return Path(named) if named else None


BANK_NAME_ENV = "TELLER_BANK_NAME"


def bank_name(explicit: str | None = None) -> str:
    """The name printed on statements and journals: `--bank-name`, then $TELLER_BANK_NAME."""
    from domain.exports.common import DEFAULT_BANK_NAME

    return explicit or os.environ.get(BANK_NAME_ENV) or DEFAULT_BANK_NAME
