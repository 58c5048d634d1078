"""Alembic migrations of the event store; `core.store.database` runs them so a database upgrades in place."""
