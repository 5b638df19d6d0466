"""Benchmarks, run by hand (each file says how); importable so tests can reuse a generator."""
