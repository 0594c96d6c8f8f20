"""``seamguard record``: requests (or a proxied client's traffic) recorded as scrubbed cassettes."""
