"""Synced data: expectation suites (compiled SQL or GX), suite generation, reconciliation."""
