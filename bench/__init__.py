"""Benchmarks: scripts that print a table, run by hand (see bench/RESULTS.md)."""
