"""Benchmarks: a synthetic tracker-export generator and the harness `make bench` runs (see benchmarks/README.md)."""
