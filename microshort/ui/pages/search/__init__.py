"""UI pages search."""
