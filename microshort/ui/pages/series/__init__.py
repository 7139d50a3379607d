"""UI pages series."""
