"""Settings every test shares.

Argon2 is slow on purpose; tests make it cheap through the same settings a bank would
use (not by mocking it), and give `init` the first admin's password the way CI does.
Set before anything is imported, so subprocesses inherit them too.
"""

from __future__ import annotations

import os

os.environ.setdefault("TELLER_ARGON2_TIME_COST", "1")
os.environ.setdefault("TELLER_ARGON2_MEMORY_KIB", "8192")
os.environ.setdefault("TELLER_ADMIN_PASSWORD", "correct horse battery")
