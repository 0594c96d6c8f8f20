"""Sync properties: a reference model, generators, the CRM double, adapters and the harness.

See ``docs/sync.md`` for the meaning of the sync rules and the names of the properties.
"""
