"""What every context shares: money and currencies, the message envelope helpers."""
