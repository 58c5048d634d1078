"""Benchmarks and the SYNTHETIC event generator (for tests and benchmarks only)."""
