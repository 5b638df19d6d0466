"""Tests of the simulation: exact oracles, properties, engine, results and CLI."""
