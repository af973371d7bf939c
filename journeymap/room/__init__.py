"""The local-network room: phones add cards and vote; no Qt here (the app drives it from its own thread)."""
