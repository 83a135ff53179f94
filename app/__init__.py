"""The composition root: settings, database engine, wiring, command line."""
