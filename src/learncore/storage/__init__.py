"""Storage backends that ship with the core (the in-memory one)."""
