"""Drift: what changed upstream, how sure we are, and what it breaks."""
