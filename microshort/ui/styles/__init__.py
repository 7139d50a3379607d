"""UI styles."""
