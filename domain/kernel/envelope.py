"""The message envelope helpers every handler shares. The bus defines them, since its own
answers (CommandRejected, CommandFailed) carry the same envelope."""

from __future__ import annotations

from bus.messages import caused_by

__all__ = ["caused_by"]
