"""The bank's security settings (password and lockout rules) and the clock they read."""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from argon2 import PasswordHasher, Type

from domain.kernel.money import minor_per_major


@dataclass(frozen=True)
class SecurityPolicy:
    """The knobs of authentication and four-eyes; app.settings fills them from the
    environment. Limits are in major units of any currency (10,000 = 10,000.00 EUR)."""

    max_failed_logins: int = 5
    lockout_minutes: float = 15
    idle_lock_seconds: float = 300
    argon2_time_cost: int = 3
    argon2_memory_kib: int = 65_536
    argon2_parallelism: int = 1
    # Single-payment limits set here (TELLER_LIMIT_<ROLE>) replace, role by role, those of
    # the risk rules' [single_payment_limit] (domain/payments/risk/risk_defaults.toml): one
    # limit per
    # role, wherever it was set.
    role_limits: dict[str, int] = field(default_factory=dict)
    # Drawer differences up to this many minor units close without a supervisor.
    drawer_tolerance: dict[str, int] = field(
        default_factory=lambda: {"EUR": 500, "USD": 500, "GBP": 500, "CHF": 500, "CNY": 500}
    )
    denominations: dict[str, tuple[int, ...]] = field(
        default_factory=lambda: {
            "EUR": (
                50_000,
                20_000,
                10_000,
                5_000,
                2_000,
                1_000,
                500,
                200,
                100,
                50,
                20,
                10,
                5,
                2,
                1,
            ),
            "USD": (10_000, 5_000, 2_000, 1_000, 500, 200, 100, 25, 10, 5, 1),
            # Renminbi: notes of 100, 50, 20, 10, 5 and 1 元; coins of 1 元, 5 角 and 1 角.
            # The 1 元 note and coin are one value, so one line of the count holds both.
            "CNY": (10_000, 5_000, 2_000, 1_000, 500, 100, 50, 10),
        }
    )

    @property
    def lockout(self) -> timedelta:
        return timedelta(minutes=self.lockout_minutes)

    def limit_minor(self, role: str, currency: str) -> int | None:
        """The single-payment limit set here for the role; None: the risk rules' own."""
        major = self.role_limits.get(role)
        if major is None:
            return None
        return major * minor_per_major(currency)

    def tolerance(self, currency: str) -> int:
        return self.drawer_tolerance.get(currency, 0)

    @functools.cached_property
    def hasher(self) -> PasswordHasher:
        return PasswordHasher(
            time_cost=self.argon2_time_cost,
            memory_cost=self.argon2_memory_kib,
            parallelism=self.argon2_parallelism,
            type=Type.ID,
        )

    @functools.cached_property
    def decoy_hash(self) -> str:
        # Checked against when a name is unknown, so a failure takes as long either way.
        return self.hasher.hash(uuid.uuid4().hex)


Clock = Callable[[], datetime]
