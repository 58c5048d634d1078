"""Alembic migrations of the event store; `core.store` runs them so a database upgrades in place."""
