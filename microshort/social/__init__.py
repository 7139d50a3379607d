"""Social domain."""
