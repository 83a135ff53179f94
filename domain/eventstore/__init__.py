"""The event store: the stored-event base and its registry by class name, canonical JSON,
the append-only `events` table with its hash chain, the unit of work and commit group,
and the projection registry.
"""
