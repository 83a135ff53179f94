"""The business date: opening, end of day, settlement positions."""
