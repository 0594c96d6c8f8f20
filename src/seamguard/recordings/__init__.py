"""Reading, routing and scrubbing recorded HTTP traffic (vcrpy cassettes)."""
