"""UI pages library."""
