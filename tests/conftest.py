"""Shared pytest set-up: the throwaway PostgreSQL server fixture lives in tests/pg_server.py."""

pytest_plugins = ["tests.pg_server"]
